import {
  clamp01,
  type ExtendedGuidanceInput,
  extendedGuidanceSignal,
  type LevelLagInput,
  levelLagSignal,
  type OverReviewInput,
  overReviewSignal,
  type PreferenceRejectionsInput,
  preferenceRejectionsSignal,
  type RedundantNudgesInput,
  type ReviewLatencyInput,
  redundantNudgesSignal,
  reviewLatencySignal,
  type SignalResult,
  type TakeBacksInput,
  takeBacksSignal,
} from './signals.ts';
import {
  defaultMmiWeights,
  type MmiBand,
  type MmiSignalKey,
  type MmiSuggestion,
  type MmiWeights,
  mmiBandMin,
  mmiDefaults,
  mmiSignalKeys,
  mmiWeightSumTolerance,
} from './values.ts';

/** Everything the index needs for one principal × assistant pair over the window. */
export interface MmiInput {
  /** Tasks the assistant completed (moved to done) for this principal in the window. */
  completedTasks: number;
  overReview: OverReviewInput;
  levelLag: LevelLagInput;
  reviewLatency: ReviewLatencyInput;
  preferenceRejections: PreferenceRejectionsInput;
  /** `completedTasks` comes from the top level. */
  takeBacks: Omit<TakeBacksInput, 'completedTasks'>;
  redundantNudges: RedundantNudgesInput;
  extendedGuidance: ExtendedGuidanceInput;
}

export interface MmiOptions {
  weights?: MmiWeights;
  /** Default 10. */
  minCompletedTasks?: number;
  /** A signal shows its suggestion only above this value; default 0.05. */
  suggestionThreshold?: number;
}

export interface MmiSignal {
  key: MmiSignalKey;
  /** In [0, 1]. */
  value: number;
  weight: number;
  /** weight × value, in [0, weight]; the score is 100 × the sum of these. */
  contribution: number;
  raw: Record<string, number | null>;
  /** Null when the value is at or below the threshold, or the data are insufficient. */
  suggestion: MmiSuggestion | null;
}

/**
 * The index for one pair. With too few completed tasks there is no score, band or
 * suggestion ("not enough data yet"), but the signals and their raw numbers are still
 * listed so a screen may show what has been measured so far.
 */
export type MmiResult =
  | {
      status: 'ok';
      completedTasks: number;
      minCompletedTasks: number;
      /** 0–100, rounded to one decimal. */
      score: number;
      band: MmiBand;
      signals: MmiSignal[];
      /** The signal with the largest contribution, null when every contribution is 0. */
      biggest: MmiSignalKey | null;
    }
  | {
      status: 'insufficient_data';
      completedTasks: number;
      minCompletedTasks: number;
      score: null;
      band: null;
      signals: MmiSignal[];
      biggest: null;
    };

/** The band of a score on the 0–100 scale: < 25 healthy, 25–49 watch, 50–74 high, ≥ 75 critical. */
export function bandOf(score: number): MmiBand {
  if (score >= mmiBandMin.critical) return 'critical';
  if (score >= mmiBandMin.high) return 'high';
  if (score >= mmiBandMin.watch) return 'watch';
  return 'healthy';
}

export const mmiWeightProblemCodes = ['weight_between', 'weights_sum'] as const;
export type MmiWeightProblemCode = (typeof mmiWeightProblemCodes)[number];

export interface MmiWeightProblem {
  /** `weights/overReview` … or `weights` for the sum. */
  field: string;
  code: MmiWeightProblemCode;
  params: Record<string, number>;
  /** English, for logs; screens translate `code`. */
  message: string;
}

/** Checks a weights object: each weight a finite number in [0, 1], all summing to 1 (± 1e-9). */
export function validateMmiWeights(weights: MmiWeights): MmiWeightProblem[] {
  const problems: MmiWeightProblem[] = [];
  let sum = 0;
  for (const key of mmiSignalKeys) {
    const w = weights[key];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > 1) {
      problems.push({
        field: `weights/${key}`,
        code: 'weight_between',
        params: { min: 0, max: 1 },
        message: 'Must be between 0 and 1.',
      });
    } else {
      sum += w;
    }
  }
  if (problems.length === 0 && Math.abs(sum - 1) > mmiWeightSumTolerance) {
    problems.push({
      field: 'weights',
      code: 'weights_sum',
      params: { sum, expected: 1 },
      message: `The weights must add up to 1 (they add up to ${sum}).`,
    });
  }
  return problems;
}

function scoreFromContributions(contributions: readonly number[]): number {
  const total = contributions.reduce((sum, c) => sum + c, 0);
  // Clamp before rounding: weights may sum to 1 + 1e-9.
  return Math.round(Math.min(100, Math.max(0, 100 * total)) * 10) / 10;
}

/**
 * 100 × Σ w·s from signal values (each clamped to [0, 1]), rounded to one decimal: the score
 * `computeMmi` reports, for callers that already hold the values (and for the tests).
 */
export function mmiScore(
  values: Readonly<Record<MmiSignalKey, number>>,
  weights: MmiWeights = defaultMmiWeights,
): number {
  return scoreFromContributions(mmiSignalKeys.map((k) => weights[k] * clamp01(values[k])));
}

/** Each signal's result for the input, in `mmiSignalKeys` order. */
export function computeSignals(
  input: MmiInput,
): Record<MmiSignalKey, SignalResult<Record<string, number | null>>> {
  return {
    overReview: overReviewSignal(input.overReview),
    levelLag: levelLagSignal(input.levelLag),
    reviewLatency: reviewLatencySignal(input.reviewLatency),
    preferenceRejections: preferenceRejectionsSignal(input.preferenceRejections),
    takeBacks: takeBacksSignal({ ...input.takeBacks, completedTasks: input.completedTasks }),
    redundantNudges: redundantNudgesSignal(input.redundantNudges),
    extendedGuidance: extendedGuidanceSignal(input.extendedGuidance),
  };
}

/**
 * The micromanagement index (DESIGN §10): MMI = 100 × Σ w·s over the seven signals, for one
 * principal × assistant pair over the window the server aggregated. Under `minCompletedTasks`
 * completed tasks the result is `insufficient_data`. The score is rounded to one decimal and
 * the band is taken from the rounded score, so a screen never shows "25.0 — healthy"; the
 * rounding also absorbs floating-point noise (0.25 + 0.2 + … ≠ 1 exactly).
 * Invalid weights are a programming error (settings are validated with `validateMmiWeights`
 * when saved) and throw a RangeError.
 */
export function computeMmi(input: MmiInput, options: MmiOptions = {}): MmiResult {
  const weights = options.weights ?? defaultMmiWeights;
  const problems = validateMmiWeights(weights);
  if (problems.length > 0) {
    throw new RangeError(`Invalid MMI weights: ${problems.map((p) => `${p.field} ${p.code}`).join(', ')}`);
  }
  const minCompletedTasks = options.minCompletedTasks ?? mmiDefaults.minCompletedTasks;
  const threshold = options.suggestionThreshold ?? mmiDefaults.suggestionThreshold;
  const completedTasks = Number.isFinite(input.completedTasks) ? Math.max(0, input.completedTasks) : 0;
  const enough = completedTasks >= minCompletedTasks;
  const results = computeSignals(input);

  const signals: MmiSignal[] = mmiSignalKeys.map((key) => {
    const r = results[key];
    const value = clamp01(r.value);
    const weight = weights[key];
    return {
      key,
      value,
      weight,
      contribution: weight * value,
      raw: r.raw,
      suggestion: enough && value > threshold ? r.suggestion : null,
    };
  });

  if (!enough) {
    return {
      status: 'insufficient_data',
      completedTasks,
      minCompletedTasks,
      score: null,
      band: null,
      signals,
      biggest: null,
    };
  }
  const score = scoreFromContributions(signals.map((s) => s.contribution));
  let biggest: MmiSignal | null = null;
  // Ties go to the signal listed first (the heavier weight in the defaults).
  for (const s of signals)
    if (s.contribution > 0 && (biggest === null || s.contribution > biggest.contribution)) biggest = s;
  return {
    status: 'ok',
    completedTasks,
    minCompletedTasks,
    score,
    band: bandOf(score),
    signals,
    biggest: biggest?.key ?? null,
  };
}
