/**
 * Plain values of the micromanagement index (DESIGN §10): the seven signals and their default
 * weights, the bands, the window, the suggestion codes and the under-support counters. No
 * TypeBox here, so the web client can import them without the schema library.
 */

/** The seven signals, in the order DESIGN §10 lists them (and screens show them). */
export const mmiSignalKeys = [
  'overReview',
  'levelLag',
  'reviewLatency',
  'preferenceRejections',
  'takeBacks',
  'redundantNudges',
  'extendedGuidance',
] as const;
export type MmiSignalKey = (typeof mmiSignalKeys)[number];

export type MmiWeights = Readonly<Record<MmiSignalKey, number>>;

/** DESIGN §10 weights; they sum to 1, so the index is 100 × Σ w·s ∈ [0, 100]. */
export const defaultMmiWeights: MmiWeights = {
  overReview: 0.25,
  levelLag: 0.2,
  reviewLatency: 0.15,
  preferenceRejections: 0.1,
  takeBacks: 0.1,
  redundantNudges: 0.1,
  extendedGuidance: 0.1,
};

/** Weights must sum to 1 within this tolerance (0.25 + 0.2 + … is not exactly 1 in floating point). */
export const mmiWeightSumTolerance = 1e-9;

/** Bands from the lowest; a score belongs to the last band whose `min` it reaches. */
export const mmiBands = ['healthy', 'watch', 'high', 'critical'] as const;
export type MmiBand = (typeof mmiBands)[number];

/** Lower bounds of each band on the 0–100 scale: < 25 healthy, 25–49 watch, 50–74 high, ≥ 75 critical. */
export const mmiBandMin: Readonly<Record<MmiBand, number>> = {
  healthy: 0,
  watch: 25,
  high: 50,
  critical: 75,
};

export const mmiStatuses = ['insufficient_data', 'ok'] as const;
export type MmiStatus = (typeof mmiStatuses)[number];

/** The constants of the §10 formulas; defaults, like every threshold, so a workspace may change them. */
export const mmiDefaults = {
  /** Rolling window of the index. */
  windowDays: 30,
  /** Under this many completed tasks in the window the index says "not enough data yet". */
  minCompletedTasks: 10,
  /** Level lag: criteria met this many days without a promotion makes an area lag. */
  levelLagDays: 14,
  /** Review latency: hours that cost nothing … */
  latencyFreeHours: 8,
  /** … and the span over which the signal rises from 0 to 1 (8 h → 0, 48 h → 1). */
  latencySpanHours: 40,
  /** Take-backs: (reassigned + edits after acceptance) ÷ completed × this. */
  takeBackFactor: 10,
  /** Redundant nudges: a nudge on a task changed within this many hours is redundant (§5). */
  redundantNudgeHours: 24,
  /** Redundant nudges per assistant-week that make the signal 1. */
  redundantNudgesPerWeekMax: 5,
  /** Extended guidance: an episode's first days that are free … */
  guidanceFreeDays: 14,
  /** … and the extra days that make the signal 1. */
  guidanceSpanDays: 14,
  /** A signal gets a suggestion only when its value is above this (0..1). */
  suggestionThreshold: 0.05,
  /** Trends: weeks shown (about six months). */
  trendWeeks: 26,
} as const;

/**
 * What to do about a signal, as codes the screens and e-mails translate (`suggestionTexts`).
 * One code per signal; the params make the sentence concrete.
 */
export const mmiSuggestionCodes = [
  'reduce_requested_reviews',
  'promote_lagging_area',
  'decide_reviews_sooner',
  'write_preferences_down',
  'send_back_instead_of_taking_over',
  'check_activity_before_nudging',
  'end_extended_episode',
] as const;
export type MmiSuggestionCode = (typeof mmiSuggestionCodes)[number];

/** The suggestion each signal makes. */
export const mmiSuggestionBySignal: Readonly<Record<MmiSignalKey, MmiSuggestionCode>> = {
  overReview: 'reduce_requested_reviews',
  levelLag: 'promote_lagging_area',
  reviewLatency: 'decide_reviews_sooner',
  preferenceRejections: 'write_preferences_down',
  takeBacks: 'send_back_instead_of_taking_over',
  redundantNudges: 'check_activity_before_nudging',
  extendedGuidance: 'end_extended_episode',
};

/**
 * The params each suggestion carries, by name: the translation placeholders `{{name}}` must be
 * exactly these (a test checks both languages). Levels are numbers 1–5; the screen may swap
 * in the level's name. Hours and per-week rates are rounded to one decimal.
 */
export const mmiSuggestionParamKeys = {
  reduce_requested_reviews: ['requested', 'required'],
  promote_lagging_area: ['area', 'days', 'from', 'to'],
  decide_reviews_sooner: ['medianHours', 'reviews'],
  write_preferences_down: ['preferenceOnly', 'changeRequests'],
  send_back_instead_of_taking_over: ['reassigned', 'edits', 'completed'],
  check_activity_before_nudging: ['nudges', 'perWeek'],
  end_extended_episode: ['area', 'days', 'extraDays'],
} as const satisfies Readonly<Record<MmiSuggestionCode, readonly string[]>>;

/** Params of a suggestion: area names are strings, everything else a number. */
export type MmiSuggestionParams = {
  [C in MmiSuggestionCode]: {
    [K in (typeof mmiSuggestionParamKeys)[C][number]]: K extends 'area' ? string : number;
  };
};

export type MmiSuggestion = {
  [C in MmiSuggestionCode]: { code: C; params: MmiSuggestionParams[C] };
}[MmiSuggestionCode];

/** The under-support counter beside the index (DESIGN §10), in display order. */
export const underSupportKeys = [
  'questionsUnansweredOver24h',
  'tasksBlockedOnPrincipalOver48h',
  'missedMeetings',
  'lowAutonomyCheckIns',
  'overdueFollowUps',
] as const;
export type UnderSupportKey = (typeof underSupportKeys)[number];

/** The thresholds behind the counter's names; the server counts with them. */
export const underSupportThresholds = {
  questionHours: 24,
  blockedOnPrincipalHours: 48,
  /** Check-ins answering "I have the autonomy I need" at or below this (same as `checkInLimits.lowAutonomyMax`). */
  lowAutonomyMax: 2,
} as const;
