import type { RiskClass } from '../limits.ts';
import type { EvidenceFacts } from './evidence.ts';
import { type Explanation, explain } from './explanations.ts';
import { type AutonomySettings, promotionStepFrom, scaledCount } from './settings.ts';
import { type Instant, wholeDaysBetween } from './time.ts';
import { type AutonomyLevel, toAutonomyLevel } from './values.ts';

export const promotionCriterionKeys = [
  'days_at_level',
  'reviewed_results',
  'first_pass_rate',
  'last_first_pass',
] as const;
export type PromotionCriterionKey = (typeof promotionCriterionKeys)[number];

export interface PromotionCriterion {
  key: PromotionCriterionKey;
  /** The threshold after the risk class scaled it; a rate is a fraction 0..1. */
  required: number;
  /** Null when there is nothing to measure yet (a rate before the first review). */
  actual: number | null;
  met: boolean;
}

export interface PromotionCheck {
  from: AutonomyLevel;
  /** The next level, or null when the area's maxLevel (or 5) is reached. */
  to: AutonomyLevel | null;
  eligible: boolean;
  criteria: PromotionCriterion[];
  explanation: Explanation;
}

export interface PromotionCheckInput {
  evidence: Pick<EvidenceFacts, 'levelSince' | 'reviewedResults' | 'firstPassRate' | 'consecutiveFirstPass'>;
  /** The granted level (promotion raises the grant; an episode's cap does not matter here). */
  level: number;
  riskClass: RiskClass;
  /** The area's maxLevel: never propose beyond it. High-risk areas get 4 by default. */
  maxLevel: number;
  settings: AutonomySettings;
  now: Instant;
}

/**
 * True when no record could make `promotionCheck` eligible right now: the level has no step
 * up, or the area's maxLevel is reached, or the days at level are short of the step's minimum.
 * Depends only on the grant and the clock, so a caller can skip reading the review history
 * (which grows with every review) when it would not change the answer.
 */
export function promotionOutOfReach(
  input: Omit<PromotionCheckInput, 'evidence' | 'riskClass'> & { levelSince: Instant },
): boolean {
  const from = toAutonomyLevel(input.level);
  const step = promotionStepFrom(input.settings, from);
  if (step === null || from >= toAutonomyLevel(input.maxLevel)) return true;
  return wholeDaysBetween(input.levelSince, input.now) < step.minDays;
}

/**
 * Measures the evidence against the next level's criteria (DESIGN §4 table), scaled by the
 * area's risk class. Eligible means "make a proposal", never "promote": a principal decides.
 * Days at level are recomputed from `now`, so a stored evidence snapshot still checks right.
 */
export function promotionCheck(input: PromotionCheckInput): PromotionCheck {
  const from = toAutonomyLevel(input.level);
  const maxLevel = toAutonomyLevel(input.maxLevel);
  const step = promotionStepFrom(input.settings, from);
  if (step === null || from >= maxLevel) {
    return {
      from,
      to: null,
      eligible: false,
      criteria: [],
      explanation: explain('promotion_at_max_level', { level: from, maxLevel }),
    };
  }
  const to = (from + 1) as AutonomyLevel;
  const { evidence, riskClass, settings } = input;
  const days = wholeDaysBetween(evidence.levelSince, input.now);
  const reviewed = scaledCount(step.minReviewed, riskClass, settings);
  const criteria: PromotionCriterion[] = [
    { key: 'days_at_level', required: step.minDays, actual: days, met: days >= step.minDays },
    {
      key: 'reviewed_results',
      required: reviewed,
      actual: evidence.reviewedResults,
      met: evidence.reviewedResults >= reviewed,
    },
    {
      key: 'first_pass_rate',
      required: step.minFirstPassRate,
      actual: evidence.firstPassRate,
      // No reviews, no rate: even a 0 % threshold needs something to measure.
      met: evidence.firstPassRate !== null && evidence.firstPassRate >= step.minFirstPassRate,
    },
  ];
  const lastN = scaledCount(step.lastFirstPass, riskClass, settings);
  if (lastN > 0) {
    criteria.push({
      key: 'last_first_pass',
      required: lastN,
      actual: evidence.consecutiveFirstPass,
      met: evidence.consecutiveFirstPass >= lastN,
    });
  }
  const missing = criteria.filter((c) => !c.met).map((c) => c.key);
  return {
    from,
    to,
    eligible: missing.length === 0,
    criteria,
    explanation:
      missing.length === 0
        ? explain('promotion_criteria_met', { from, to })
        : explain('promotion_criteria_not_met', { from, to, missing }),
  };
}
