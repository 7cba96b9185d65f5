import { type Explanation, explain } from './explanations.ts';
import { type SampleDecision, sampleDecision } from './sampling.ts';
import type { AutonomySettings } from './settings.ts';
import { type AutonomyLevel, levelRules, type ReviewPhase } from './values.ts';

/** The sample rate a level starts from: 1 where every result is reviewed (L1, L2). */
export function baseSampleRate(level: AutonomyLevel, settings: AutonomySettings): number {
  switch (level) {
    case 3:
      return settings.sampling.l3Rate;
    case 4:
      return settings.sampling.l4Rate;
    case 5:
      return settings.sampling.l5Rate;
    default:
      return 1;
  }
}

/** DESIGN §4: a tightened area samples max(2 × rate, 50 %), never more than every result. */
export function tightenedRate(baseRate: number, settings: AutonomySettings): number {
  return Math.min(1, Math.max(settings.tightening.rateMultiplier * baseRate, settings.tightening.minRate));
}

export function effectiveSampleRate(
  level: AutonomyLevel,
  settings: AutonomySettings,
  tightened: boolean,
): { baseRate: number; rate: number } {
  const baseRate = baseSampleRate(level, settings);
  return { baseRate, rate: tightened ? tightenedRate(baseRate, settings) : baseRate };
}

export interface ReviewRoutingInput {
  /** The effective level (see `effectiveLevel`), not the grant. */
  level: AutonomyLevel;
  settings: AutonomySettings;
  taskId: string;
  /** Indexes of the area's guardrails the assignee ticked on submitting. */
  guardrailsTicked: readonly number[];
  /** A principal marked the task "review this one". */
  explicitlyRequested: boolean;
  /** Results reviewed since the assistant reached this level (L3 reviews its first N). */
  reviewsSinceLevelStart: number;
  /** Whether sampling is tightened for this assistant × area (see `samplingState`). */
  tightened: boolean;
  /** The workspace's sampling salt, if it keeps one (see `sampleDecision`). */
  salt?: string;
}

export interface ReviewSample extends SampleDecision {
  baseRate: number;
  tightened: boolean;
}

export interface ReviewRoutingResult {
  goesToReview: boolean;
  /** Why it is in review; null when it goes straight to done. */
  phase: ReviewPhase | null;
  reason: Explanation;
  /**
   * A principal asked for a review nothing else called for — the over-review signal of
   * DESIGN §10. True exactly when `phase` is `requested`.
   */
  overReview: boolean;
  /** The sample draw whenever the level samples, also when another reason already decided. */
  sample: ReviewSample | null;
}

/**
 * Decides what happens to a submitted result, and why. The reasons are checked in a fixed
 * order so the stored phase names the strongest one: a ticked guardrail, then what the level
 * requires, then the sample, then an explicit request. An explicit request therefore only
 * shows as `requested` (and counts as over-review) when the result would not have been
 * reviewed anyway. Ticked guardrails and explicit requests always send the result to review.
 */
export function decideReview(input: ReviewRoutingInput): ReviewRoutingResult {
  const { level, settings } = input;
  const rule = levelRules[level];
  const inFirstReviews =
    rule.review === 'first_then_sample' && input.reviewsSinceLevelStart < settings.sampling.l3FullReviews;
  const samples = !rule.reviewsEveryResult && !inFirstReviews;

  let sample: ReviewSample | null = null;
  if (samples) {
    const { baseRate, rate } = effectiveSampleRate(level, settings, input.tightened);
    sample = { ...sampleDecision(input.taskId, rate, input.salt), baseRate, tightened: input.tightened };
  }

  const guardrails = [...new Set(input.guardrailsTicked)].sort((a, b) => a - b);
  if (guardrails.length > 0) {
    return {
      goesToReview: true,
      phase: 'guardrail',
      reason: explain('guardrail_ticked', { guardrails, level }),
      overReview: false,
      sample,
    };
  }
  if (rule.reviewsEveryResult) {
    return {
      goesToReview: true,
      phase: 'required',
      reason: explain('level_requires_review', { level }),
      overReview: false,
      sample,
    };
  }
  if (inFirstReviews) {
    return {
      goesToReview: true,
      phase: 'required',
      reason: explain('first_reviews_at_level', {
        level,
        reviewed: input.reviewsSinceLevelStart,
        first: settings.sampling.l3FullReviews,
      }),
      overReview: false,
      sample,
    };
  }
  // Past this point the level samples, so `sample` is set.
  const s = sample as ReviewSample;
  const sampleParams = { level, draw: s.draw, rate: s.rate, baseRate: s.baseRate, tightened: s.tightened };
  if (s.selected) {
    return {
      goesToReview: true,
      phase: 'sample',
      reason: explain('sample_selected', sampleParams),
      overReview: false,
      sample,
    };
  }
  if (input.explicitlyRequested) {
    return {
      goesToReview: true,
      phase: 'requested',
      reason: explain('review_requested', { level }),
      overReview: true,
      sample,
    };
  }
  return {
    goesToReview: false,
    phase: null,
    reason: explain('sample_not_selected', sampleParams),
    overReview: false,
    sample,
  };
}
