import type { Role } from '../roles.ts';
import { type Explanation, explain } from './explanations.ts';
import { type AutonomyLevel, levelRules } from './values.ts';

/**
 * What a member may do in an area because of their level. Owners (principals) may do all of
 * it whatever the ladder says; for assistants the effective level decides, so a support
 * episode's cap also narrows these rights while it runs.
 */

/**
 * DESIGN §5: an assistant below L3 in an area who creates a task there creates a proposed
 * task that a principal approves. Owners' tasks are never proposals.
 */
export function createsProposedTask(
  role: Role,
  effectiveLevel: AutonomyLevel,
): { proposed: boolean; explanation: Explanation } {
  const proposed = role === 'assistant' && levelRules[effectiveLevel].createsProposedTasks;
  return {
    proposed,
    explanation: proposed
      ? explain('task_needs_approval', {
          level: effectiveLevel,
          below: firstLevelWithout('createsProposedTasks'),
        })
      : explain('task_direct', { level: effectiveLevel }),
  };
}

/** Reviewers are owners and assistants at L5 in the area (DESIGN §4); nobody reviews their own result. */
export function canReview(input: {
  role: Role;
  effectiveLevel: AutonomyLevel;
  reviewerId: string;
  assigneeId: string | null;
}): boolean {
  if (input.assigneeId !== null && input.reviewerId === input.assigneeId) return false;
  return input.role === 'owner' || levelRules[input.effectiveLevel].reviewsOthers;
}

/** Edits the area's SOPs: owners, and assistants at L5. */
export function canEditSops(role: Role, effectiveLevel: AutonomyLevel): boolean {
  return role === 'owner' || levelRules[effectiveLevel].editsSops;
}

/** Triages inbox tasks into the area: owners, and assistants at L4 or above there (DESIGN §3). */
export function canTriageInto(role: Role, effectiveLevel: AutonomyLevel): boolean {
  return role === 'owner' || levelRules[effectiveLevel].triagesInbox;
}

function firstLevelWithout(flag: 'createsProposedTasks'): number {
  for (const level of [1, 2, 3, 4, 5] as const) if (!levelRules[level][flag]) return level;
  return 6;
}
