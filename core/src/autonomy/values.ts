/**
 * Plain values of the autonomy ladder (DESIGN §4, §5, §11): levels and what each one means,
 * review vocabulary, episode reasons, proposal kinds. No TypeBox here, so the web client can
 * import them without the schema library; `contract/autonomy.ts` builds the schemas on them.
 */

export const autonomyLevels = [1, 2, 3, 4, 5] as const;
export type AutonomyLevel = (typeof autonomyLevels)[number];

export const minLevel: AutonomyLevel = 1;
export const maxAutonomyLevel: AutonomyLevel = 5;

export function isAutonomyLevel(value: unknown): value is AutonomyLevel {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/** Clamps any number into 1..5 (rounding down), for values read from settings or rows. */
export function toAutonomyLevel(value: number): AutonomyLevel {
  if (!Number.isFinite(value)) return 1;
  return Math.min(5, Math.max(1, Math.floor(value))) as AutonomyLevel;
}

/** Stable keys for translations: "Guided / Angeleitet" … "Owner / Verantwortlich". */
export const levelKeys = ['guided', 'reviewed', 'spot_checked', 'informed', 'owner'] as const;
export type LevelKey = (typeof levelKeys)[number];

/** How results at a level reach review; the rates are workspace settings (`sampling`). */
export const reviewModes = ['every_result', 'first_then_sample', 'sample'] as const;
export type ReviewMode = (typeof reviewModes)[number];

/** When a principal hears about an assistant's work at this level (§4 "Principal is told"). */
export const principalCadences = ['immediate', 'daily', 'weekly', 'exceptions'] as const;
export type PrincipalCadence = (typeof principalCadences)[number];

/** Which events the cadence covers at once: L1 every event, L2 each submission (the rest in the daily digest). */
export const immediateScopes = ['every_event', 'submissions', 'none'] as const;
export type ImmediateScope = (typeof immediateScopes)[number];

/** How SOP steps bind the assignee at a level. */
export const sopStepRules = ['all_ticked', 'guidance', 'deviate_with_note', 'outcome', 'owns'] as const;
export type SopStepRule = (typeof sopStepRules)[number];

export interface LevelRule {
  level: AutonomyLevel;
  key: LevelKey;
  review: ReviewMode;
  /** True when every result goes to review whatever the sample says (L1, L2). */
  reviewsEveryResult: boolean;
  principalCadence: PrincipalCadence;
  immediateScope: ImmediateScope;
  sopSteps: SopStepRule;
  /** A task this assistant creates in the area is a proposal a principal approves (§5: below L3). */
  createsProposedTasks: boolean;
  /** Reviews others' work in the area (§4: reviewers are owners and assistants at L5). */
  reviewsOthers: boolean;
  /** Edits the area's SOPs (L5). */
  editsSops: boolean;
  /** Triages inbox tasks into this area (§3: level ≥ 4). */
  triagesInbox: boolean;
}

/** The ladder as data (DESIGN §4 table); the numbers that go with it live in `AutonomySettings`. */
export const levelRules: Readonly<Record<AutonomyLevel, LevelRule>> = {
  1: {
    level: 1,
    key: 'guided',
    review: 'every_result',
    reviewsEveryResult: true,
    principalCadence: 'immediate',
    immediateScope: 'every_event',
    sopSteps: 'all_ticked',
    createsProposedTasks: true,
    reviewsOthers: false,
    editsSops: false,
    triagesInbox: false,
  },
  2: {
    level: 2,
    key: 'reviewed',
    review: 'every_result',
    reviewsEveryResult: true,
    principalCadence: 'immediate',
    immediateScope: 'submissions',
    sopSteps: 'guidance',
    createsProposedTasks: true,
    reviewsOthers: false,
    editsSops: false,
    triagesInbox: false,
  },
  3: {
    level: 3,
    key: 'spot_checked',
    review: 'first_then_sample',
    reviewsEveryResult: false,
    principalCadence: 'daily',
    immediateScope: 'none',
    sopSteps: 'deviate_with_note',
    createsProposedTasks: false,
    reviewsOthers: false,
    editsSops: false,
    triagesInbox: false,
  },
  4: {
    level: 4,
    key: 'informed',
    review: 'sample',
    reviewsEveryResult: false,
    principalCadence: 'weekly',
    immediateScope: 'none',
    sopSteps: 'outcome',
    createsProposedTasks: false,
    reviewsOthers: false,
    editsSops: false,
    triagesInbox: true,
  },
  5: {
    level: 5,
    key: 'owner',
    review: 'sample',
    reviewsEveryResult: false,
    principalCadence: 'exceptions',
    immediateScope: 'none',
    sopSteps: 'owns',
    createsProposedTasks: false,
    reviewsOthers: true,
    editsSops: true,
    triagesInbox: true,
  },
};

/** Why a result is in review. Stored on the review record and on the task. */
export const reviewPhases = ['required', 'guardrail', 'requested', 'sample'] as const;
export type ReviewPhase = (typeof reviewPhases)[number];

export const reviewOutcomes = ['accepted', 'changes_requested'] as const;
export type ReviewOutcome = (typeof reviewOutcomes)[number];

/** Only `defect` counts against the assistant; `preference` means the result was fine. */
export const reviewTags = ['defect', 'preference'] as const;
export type ReviewTag = (typeof reviewTags)[number];

export const episodeReasons = [
  'onboarding',
  'new_area',
  'sop_change',
  'requested',
  'after_incident',
] as const;
export type EpisodeReason = (typeof episodeReasons)[number];

export const levelChangeKinds = ['promotion', 'demotion', 'manual', 'request'] as const;
export type LevelChangeKind = (typeof levelChangeKinds)[number];

export const proposalKinds = ['auto_promotion', 'assistant_request', 'demotion_suggestion'] as const;
export type ProposalKind = (typeof proposalKinds)[number];

export const proposalStatuses = ['pending', 'accepted', 'declined'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

export const proposalDecisions = ['accept', 'decline'] as const;
export type ProposalDecision = (typeof proposalDecisions)[number];

/** Events that reach a principal at once whatever the level (DESIGN §11). */
export const principalExceptions = [
  'guardrail_hit',
  'question_unanswered',
  'blocked_long',
  'severe_lesson',
] as const;
export type PrincipalException = (typeof principalExceptions)[number];

/** Text limits of the autonomy forms, shared by the schemas and the web's inline validation. */
export const autonomyLimits = {
  noteMax: 2000,
  reasonMax: 2000,
  extensionsMax: 50,
} as const;
