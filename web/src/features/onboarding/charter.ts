import { type CharterBody, checkCharter, onboardingLimits } from '@leeway/core';
import { type FieldProblem, fromCore } from '../lessons/problems.ts';

/** A charter with always exactly three outcome boxes to type into. */
export function editableCharter(charter: CharterBody | undefined): CharterBody {
  const outcomes = [...(charter?.outcomes ?? [])];
  while (outcomes.length < onboardingLimits.outcomes) outcomes.push('');
  return {
    outcomes,
    workingHours: charter?.workingHours ?? '',
    responseTimes: charter?.responseTimes ?? '',
    authorityNotes: charter?.authorityNotes ?? '',
  };
}

/**
 * Core's check as the form sees it. An empty box among the three is "required" at its box
 * (the check counts only what is there), and `exactly` stays on `outcomes` for the server.
 */
export function charterProblems(charter: CharterBody): FieldProblem[] {
  const result = checkCharter(charter);
  return result.ok ? [] : fromCore(result.problems);
}

/** Server paths of a plan body (`charter/outcomes/0`) to the charter's own (`outcomes/0`). */
export function charterField(field: string): string {
  return field.startsWith('charter/') ? field.slice('charter/'.length) : field;
}

export function trimCharter(charter: CharterBody): CharterBody {
  return {
    outcomes: charter.outcomes.map((o) => o.trim()),
    workingHours: charter.workingHours.trim(),
    responseTimes: charter.responseTimes.trim(),
    authorityNotes: charter.authorityNotes.trim(),
  };
}
