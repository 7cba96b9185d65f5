import type { EpisodeReason, PrincipalCadence, PrincipalException } from './values.ts';

/**
 * Every automatic decision of the ladder says why as `{ code, params }` (DESIGN §2.6
 * "Explainable"): the rule that fired and the numbers it used. Core never writes prose; the
 * web turns each code into a German or English sentence with the params filled in, so this
 * map is the contract between the two. Instants are ISO strings, rates are fractions 0..1.
 */
export interface ExplanationParamsByCode {
  // Review routing (decideReview)
  /** A guardrail the assignee ticked (indexes into the area's guardrails) sends the result to review. */
  guardrail_ticked: { guardrails: number[]; level: number };
  /** L1 and L2 review every result. */
  level_requires_review: { level: number };
  /** L3 reviews the first `first` results after reaching it; `reviewed` so far. */
  first_reviews_at_level: { level: number; reviewed: number; first: number };
  /** A principal asked for this one; over-review when nothing else required it. */
  review_requested: { level: number };
  sample_selected: SampleParams;
  sample_not_selected: SampleParams;

  // Effective level (effectiveLevel)
  /** No grant yet: everyone starts at level 1 in an area. */
  level_default: { level: number };
  level_granted: { level: number };
  level_capped_by_episode: {
    grant: number;
    cap: number;
    episodeId: string;
    reason: EpisodeReason;
    until: string;
  };
  level_capped_by_area: { grant: number; maxLevel: number };

  // Promotion (promotionCheck)
  promotion_criteria_met: { from: number; to: number };
  promotion_criteria_not_met: { from: number; to: number; missing: string[] };
  promotion_at_max_level: { level: number; maxLevel: number };

  // Tighten and relax (samplingState)
  sampling_normal: { baseRate: number; rate: number };
  sampling_tightened: {
    since: string;
    defects: number;
    window: number;
    baseRate: number;
    rate: number;
    consecutiveFirstPass: number;
    relaxAfter: number;
  };
  /** The defects would tighten sampling, but the area is within the grace days after a promotion. */
  tightening_grace: {
    defects: number;
    window: number;
    promotedAt: string;
    graceDays: number;
    graceEndsAt: string;
    baseRate: number;
  };

  // Demotion suggestion (shouldProposeDemotion) — only ever a proposal
  demotion_suggested: {
    from: number;
    to: number;
    tightenings: number;
    threshold: number;
    windowDays: number;
  };
  demotion_not_suggested: { level: number; tightenings: number; threshold: number; windowDays: number };

  // Proposed tasks (createsProposedTask)
  task_needs_approval: { level: number; below: number };
  task_direct: { level: number };

  // Principal notifications (principalNotice)
  notice_exception: { exception: PrincipalException };
  notice_by_level: { level: number; cadence: PrincipalCadence };

  // Support episodes (episodeStatus)
  episode_scheduled: { startsAt: string; plannedEndAt: string };
  episode_active: { plannedEndAt: string; daysLeft: number };
  /** Active and ending within the agenda window: it goes on the next meeting's agenda. */
  episode_ending_soon: { plannedEndAt: string; daysLeft: number; withinDays: number };
  episode_ended_planned: { plannedEndAt: string };
  episode_ended_early: { endedAt: string; plannedEndAt: string };
}

// A type, not an interface: explanations must stay assignable to a plain record of params.
export type SampleParams = {
  level: number;
  draw: number;
  rate: number;
  baseRate: number;
  tightened: boolean;
};

export type ExplanationCode = keyof ExplanationParamsByCode;

/** One explanation; `params` is typed by `code`, so switching on `code` narrows it. */
export type Explanation = {
  [C in ExplanationCode]: { code: C; params: ExplanationParamsByCode[C] };
}[ExplanationCode];

/** The closed list of codes, for translation tables and the contract schema. */
export const explanationCodes = [
  'guardrail_ticked',
  'level_requires_review',
  'first_reviews_at_level',
  'review_requested',
  'sample_selected',
  'sample_not_selected',
  'level_default',
  'level_granted',
  'level_capped_by_episode',
  'level_capped_by_area',
  'promotion_criteria_met',
  'promotion_criteria_not_met',
  'promotion_at_max_level',
  'sampling_normal',
  'sampling_tightened',
  'tightening_grace',
  'demotion_suggested',
  'demotion_not_suggested',
  'task_needs_approval',
  'task_direct',
  'notice_exception',
  'notice_by_level',
  'episode_scheduled',
  'episode_active',
  'episode_ending_soon',
  'episode_ended_planned',
  'episode_ended_early',
] as const satisfies readonly ExplanationCode[];

// Fails to compile when a code is added to the map but not to the list (or the reverse).
type MissingCodes = Exclude<ExplanationCode, (typeof explanationCodes)[number]>;
const _everyCodeListed: [MissingCodes] extends [never] ? true : MissingCodes = true;

/** Builds an explanation with its params checked against the code. */
export function explain<C extends ExplanationCode>(code: C, params: ExplanationParamsByCode[C]): Explanation {
  return { code, params } as Explanation;
}

export function isExplanationCode(value: string): value is ExplanationCode {
  return (explanationCodes as readonly string[]).includes(value);
}
