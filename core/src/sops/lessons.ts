import { checkText, sopProblem } from './internal.ts';
import type { SopChecked, SopProblem } from './problems.ts';

/**
 * The blameless lessons log (DESIGN §8). Factors name conditions — process, knowledge, tool,
 * expectation, workload — never a person, and the checker refuses any field that would carry
 * one, so a client cannot smuggle a culprit in through the API either.
 */
export const contributingFactorKinds = ['process', 'knowledge', 'tool', 'expectation', 'workload'] as const;
export type ContributingFactorKind = (typeof contributingFactorKinds)[number];

export const followUpKinds = ['sop_change', 'training', 'tool', 'guardrail', 'other'] as const;
export type FollowUpKind = (typeof followUpKinds)[number];

export const followUpStatuses = ['open', 'done'] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];

export const lessonLimits = {
  titleMax: 200,
  textMax: 4000,
  factorTextMax: 1000,
  factorsMax: 20,
  severityMin: 1,
  severityMax: 4,
  followUpDays: 28,
} as const;

export interface LessonInput {
  title: string;
  whatHappened: string;
  impact: string;
  severity: number;
  contributingFactors: { kind: ContributingFactorKind; text: string }[];
  wentWell: string;
  learned: string;
}

const lessonFields = new Set([
  'title',
  'whatHappened',
  'impact',
  'severity',
  'contributingFactors',
  'wentWell',
  'learned',
]);

/**
 * Validates and trims a lesson. Unknown fields are rejected rather than dropped so that a
 * `culprit` or `blame` field fails loudly with `lessons_are_blameless` instead of vanishing.
 */
export function checkLesson(input: Record<string, unknown>): SopChecked<LessonInput> {
  const problems: SopProblem[] = [];
  for (const key of Object.keys(input).sort()) {
    if (!lessonFields.has(key)) {
      problems.push(
        sopProblem(
          key,
          'lessons_are_blameless',
          'Lessons are blameless: they record conditions and what we learned, not who is at fault.',
        ),
      );
    }
  }
  const title = checkText('title', input.title, lessonLimits.titleMax, true, problems);
  const whatHappened = checkText('whatHappened', input.whatHappened, lessonLimits.textMax, true, problems);
  const impact = checkText('impact', input.impact, lessonLimits.textMax, false, problems);
  const wentWell = checkText('wentWell', input.wentWell, lessonLimits.textMax, false, problems);
  const learned = checkText('learned', input.learned, lessonLimits.textMax, false, problems);
  const severity = input.severity;
  if (
    typeof severity !== 'number' ||
    !Number.isInteger(severity) ||
    severity < lessonLimits.severityMin ||
    severity > lessonLimits.severityMax
  ) {
    problems.push(
      sopProblem('severity', 'integer_between', 'Severity is 1 to 4.', {
        min: lessonLimits.severityMin,
        max: lessonLimits.severityMax,
      }),
    );
  }
  const rawFactors = input.contributingFactors ?? [];
  const contributingFactors: LessonInput['contributingFactors'] = [];
  if (!Array.isArray(rawFactors)) {
    problems.push(sopProblem('contributingFactors', 'not_allowed', 'Contributing factors are a list.'));
  } else {
    if (rawFactors.length > lessonLimits.factorsMax) {
      problems.push(
        sopProblem('contributingFactors', 'too_many', 'Too many factors.', { max: lessonLimits.factorsMax }),
      );
    }
    rawFactors.forEach((raw: unknown, i) => {
      const factor = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const kind = factor.kind;
      if (!contributingFactorKinds.includes(kind as ContributingFactorKind)) {
        problems.push(sopProblem(`contributingFactors/${i}/kind`, 'not_allowed', 'Unknown factor kind.'));
      }
      for (const key of Object.keys(factor)) {
        if (key !== 'kind' && key !== 'text') {
          problems.push(
            sopProblem(
              `contributingFactors/${i}/${key}`,
              'lessons_are_blameless',
              'Contributing factors name a condition and its text, not a person.',
            ),
          );
        }
      }
      const text = checkText(
        `contributingFactors/${i}/text`,
        factor.text,
        lessonLimits.factorTextMax,
        true,
        problems,
      );
      contributingFactors.push({ kind: kind as ContributingFactorKind, text });
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      title,
      whatHappened,
      impact,
      severity: severity as number,
      contributingFactors,
      wentWell,
      learned,
    },
  };
}

/** A follow-up is due 28 days after the lesson by default (DESIGN §8). */
export function defaultFollowUpDue(createdAt: Date | string): string {
  const ms = typeof createdAt === 'string' ? Date.parse(createdAt) : createdAt.getTime();
  return new Date(ms + lessonLimits.followUpDays * 86_400_000).toISOString();
}

/** An open follow-up past its due instant; done ones are never overdue. */
export function isFollowUpOverdue(
  followUp: { status: FollowUpStatus; dueAt: Date | string },
  now: Date | string,
): boolean {
  if (followUp.status !== 'open') return false;
  const due = typeof followUp.dueAt === 'string' ? Date.parse(followUp.dueAt) : followUp.dueAt.getTime();
  const at = typeof now === 'string' ? Date.parse(now) : now.getTime();
  return Number.isFinite(due) && Number.isFinite(at) && at > due;
}
