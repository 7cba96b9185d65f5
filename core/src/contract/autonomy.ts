import Type, { type Static } from 'typebox';
import { noticeDeliveries } from '../autonomy/notifications.ts';
import { promotionCriterionKeys } from '../autonomy/promotion.ts';
import {
  autonomyLimits,
  episodeReasons,
  levelChangeKinds,
  principalExceptions,
  proposalDecisions,
  proposalKinds,
  proposalStatuses,
  reviewOutcomes,
  reviewTags,
} from '../autonomy/values.ts';
import { areaLimits, riskClasses } from '../limits.ts';
import { Id, literalUnion, Timestamp } from './common.ts';
import { ExplanationSchema, ReviewPhaseSchema, ReviewRouting } from './review-routing.ts';
import { TaskSummary } from './tasks.ts';

export {
  type ExplanationBody,
  ExplanationSchema,
  ReviewPhaseSchema,
  ReviewRouting,
} from './review-routing.ts';

/**
 * The HTTP contract of the autonomy ladder (DESIGN §4, issue 4). The rules live in
 * `core/src/autonomy`; these schemas only say what crosses the wire. Request bodies check
 * shape; meaning (a change request needs a tag and a note, declining needs a reason, an
 * episode ends within 30 days) is checked by the core functions the services call, because
 * conditional schemas would be mangled by the server's `removeAdditional`.
 */

export const AutonomyLevelSchema = Type.Integer({ minimum: 1, maximum: 5 });
export const ReviewOutcomeSchema = literalUnion(reviewOutcomes);
export const ReviewTagSchema = literalUnion(reviewTags);
export const EpisodeReasonSchema = literalUnion(episodeReasons);
export const LevelChangeKindSchema = literalUnion(levelChangeKinds);
export const ProposalKindSchema = literalUnion(proposalKinds);
export const ProposalStatusSchema = literalUnion(proposalStatuses);

const NullableId = Type.Union([Id, Type.Null()]);
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
const Note = Type.String({ maxLength: autonomyLimits.noteMax });
const RequiredText = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });

// ---------------------------------------------------------------------------------------------
// Settings

const Count = Type.Integer({ minimum: 0, maximum: 100_000 });
const Days = Type.Integer({ minimum: 0, maximum: 3650 });
const Rate = Type.Number({ minimum: 0, maximum: 1 });

const PromotionStepSchema = Type.Object(
  { minDays: Days, minReviewed: Count, minFirstPassRate: Rate, lastFirstPass: Count },
  { additionalProperties: false },
);
const RiskRuleSchema = Type.Object(
  {
    countMultiplier: Type.Number({ exclusiveMinimum: 0, maximum: 10 }),
    defaultMaxLevel: AutonomyLevelSchema,
  },
  { additionalProperties: false },
);
const settingsGroups = {
  promotion: Type.Object(
    {
      toL2: PromotionStepSchema,
      toL3: PromotionStepSchema,
      toL4: PromotionStepSchema,
      toL5: PromotionStepSchema,
    },
    { additionalProperties: false },
  ),
  risk: Type.Object(
    { low: RiskRuleSchema, medium: RiskRuleSchema, high: RiskRuleSchema },
    { additionalProperties: false },
  ),
  sampling: Type.Object(
    { l3FullReviews: Count, l3Rate: Rate, l4Rate: Rate, l5Rate: Rate },
    { additionalProperties: false },
  ),
  tightening: Type.Object(
    {
      window: Type.Integer({ minimum: 1, maximum: 1000 }),
      defects: Type.Integer({ minimum: 1, maximum: 1000 }),
      rateMultiplier: Type.Number({ exclusiveMinimum: 0, maximum: 10 }),
      minRate: Rate,
      relaxAfter: Type.Integer({ minimum: 1, maximum: 1000 }),
      graceDays: Days,
      demotionAfter: Type.Integer({ minimum: 1, maximum: 1000 }),
      demotionWindowDays: Type.Integer({ minimum: 1, maximum: 3650 }),
    },
    { additionalProperties: false },
  ),
  supportEpisodes: Type.Object(
    {
      defaultDays: Type.Integer({ minimum: 1, maximum: 3650 }),
      maxDays: Type.Integer({ minimum: 1, maximum: 3650 }),
    },
    { additionalProperties: false },
  ),
  agenda: Type.Object({ episodeEndingWithinDays: Days }, { additionalProperties: false }),
  notifications: Type.Object(
    {
      blockedHours: Type.Integer({ minimum: 0, maximum: 10_000 }),
      questionUnansweredHours: Type.Integer({ minimum: 0, maximum: 10_000 }),
      severeLessonMaxSeverity: Type.Integer({ minimum: 1, maximum: 4 }),
    },
    { additionalProperties: false },
  ),
};

/** Every threshold of the ladder (core's `AutonomySettings`); GET returns it whole. */
export const AutonomySettingsSchema = Type.Object(settingsGroups, { additionalProperties: false });

/**
 * PATCH: any group, any field of it. Cross-field rules (defects ≤ window, default days ≤
 * max days) are checked on the merged result by `validateAutonomySettings`.
 */
export const AutonomySettingsPatchBody = Type.Object({
  promotion: Type.Optional(
    Type.Object({
      toL2: Type.Optional(Type.Partial(PromotionStepSchema)),
      toL3: Type.Optional(Type.Partial(PromotionStepSchema)),
      toL4: Type.Optional(Type.Partial(PromotionStepSchema)),
      toL5: Type.Optional(Type.Partial(PromotionStepSchema)),
    }),
  ),
  risk: Type.Optional(
    Type.Object({
      low: Type.Optional(Type.Partial(RiskRuleSchema)),
      medium: Type.Optional(Type.Partial(RiskRuleSchema)),
      high: Type.Optional(Type.Partial(RiskRuleSchema)),
    }),
  ),
  sampling: Type.Optional(Type.Partial(settingsGroups.sampling)),
  tightening: Type.Optional(Type.Partial(settingsGroups.tightening)),
  supportEpisodes: Type.Optional(Type.Partial(settingsGroups.supportEpisodes)),
  agenda: Type.Optional(Type.Partial(settingsGroups.agenda)),
  notifications: Type.Optional(Type.Partial(settingsGroups.notifications)),
});
export type AutonomySettingsPatchBody = Static<typeof AutonomySettingsPatchBody>;

// ---------------------------------------------------------------------------------------------
// Evidence

export const PromotionCriterionSchema = Type.Object(
  {
    key: literalUnion(promotionCriterionKeys),
    required: Type.Number(),
    actual: Type.Union([Type.Number(), Type.Null()]),
    met: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const PromotionCheckSchema = Type.Object(
  {
    from: AutonomyLevelSchema,
    to: Type.Union([AutonomyLevelSchema, Type.Null()]),
    eligible: Type.Boolean(),
    criteria: Type.Array(PromotionCriterionSchema),
    explanation: ExplanationSchema,
  },
  { additionalProperties: false },
);

export const SamplingSummary = Type.Object(
  {
    tightened: Type.Boolean(),
    since: NullableTimestamp,
    baseRate: Type.Number(),
    rate: Type.Number(),
    consecutiveFirstPass: Type.Integer(),
    relaxAfter: Type.Integer(),
    explanation: ExplanationSchema,
  },
  { additionalProperties: false },
);
export type SamplingSummary = Static<typeof SamplingSummary>;

/**
 * The evidence for one assistant × area at the current level (core's `computeEvidence`), the
 * next level's criteria and how far each is met (`promotionCheck`), and where sampling
 * stands (`samplingState`). Also the snapshot kept with every level change and proposal.
 */
export const Evidence = Type.Object(
  {
    riskClass: literalUnion(riskClasses),
    maxLevel: AutonomyLevelSchema,
    levelSince: Timestamp,
    daysAtLevel: Type.Integer(),
    reviewedResults: Type.Integer(),
    firstPassAccepted: Type.Integer(),
    firstPassRate: Type.Union([Type.Number(), Type.Null()]),
    consecutiveFirstPass: Type.Integer(),
    recentDefects: Type.Integer(),
    recentWindow: Type.Integer(),
    promotion: PromotionCheckSchema,
    sampling: SamplingSummary,
    computedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Evidence = Static<typeof Evidence>;

// ---------------------------------------------------------------------------------------------
// Grants, level changes, proposals

/** One assistant × area: the granted level and the level the rules apply now. */
export const AutonomyGrant = Type.Object(
  {
    memberId: Id,
    areaId: Id,
    level: AutonomyLevelSchema,
    effectiveLevel: AutonomyLevelSchema,
    /** Why the effective level is what it is (granted, capped by an episode, by the area). */
    effectiveExplanation: ExplanationSchema,
    since: Timestamp,
    /** Null for the level 1 everybody starts with. */
    grantedBy: NullableId,
    reason: Type.String(),
  },
  { additionalProperties: false },
);
export type AutonomyGrant = Static<typeof AutonomyGrant>;

/** Kept forever: every change of a grant, with the evidence it was decided on. */
export const LevelChange = Type.Object(
  {
    id: Id,
    memberId: Id,
    areaId: Id,
    from: AutonomyLevelSchema,
    to: AutonomyLevelSchema,
    kind: LevelChangeKindSchema,
    evidence: Evidence,
    decidedBy: NullableId,
    reason: Type.String(),
    /** The proposal it came from, if any. */
    proposalId: NullableId,
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type LevelChange = Static<typeof LevelChange>;

export const Proposal = Type.Object(
  {
    id: Id,
    memberId: Id,
    areaId: Id,
    from: AutonomyLevelSchema,
    to: AutonomyLevelSchema,
    kind: ProposalKindSchema,
    status: ProposalStatusSchema,
    evidence: Evidence,
    /** Why the system proposed it; null for an assistant's request. */
    explanation: Type.Union([ExplanationSchema, Type.Null()]),
    /** The assistant's note on a request; empty otherwise. */
    note: Type.String(),
    decidedBy: NullableId,
    decisionReason: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp,
    decidedAt: NullableTimestamp,
  },
  { additionalProperties: false },
);
export type Proposal = Static<typeof Proposal>;

// ---------------------------------------------------------------------------------------------
// Reviews

export const ReviewRecord = Type.Object(
  {
    id: Id,
    taskId: Id,
    /** Null once the reviewer's account is gone; the record stays. */
    reviewerId: NullableId,
    phase: ReviewPhaseSchema,
    submittedAt: Timestamp,
    decidedAt: Timestamp,
    outcome: ReviewOutcomeSchema,
    tags: Type.Array(ReviewTagSchema),
    note: Type.String(),
  },
  { additionalProperties: false },
);
export type ReviewRecord = Static<typeof ReviewRecord>;

// ---------------------------------------------------------------------------------------------
// Support episodes

export const EpisodeExtensionSchema = Type.Object(
  { by: NullableId, reason: Type.String(), newEnd: Timestamp, at: Timestamp },
  { additionalProperties: false },
);

export const SupportEpisode = Type.Object(
  {
    id: Id,
    memberId: Id,
    areaId: Id,
    reason: EpisodeReasonSchema,
    capLevel: AutonomyLevelSchema,
    /** What the guidance is about, in the starter's words. */
    note: Type.String(),
    startedBy: NullableId,
    startsAt: Timestamp,
    /** Moves with each extension; the episode ends by itself here. */
    plannedEndAt: Timestamp,
    /** Set only when someone ended it before its planned end. */
    endedAt: NullableTimestamp,
    extensions: Type.Array(EpisodeExtensionSchema),
  },
  { additionalProperties: false },
);
export type SupportEpisode = Static<typeof SupportEpisode>;

/** One cell of the delegation board, and one row of an assistant's "my autonomy" page. */
export const AreaAutonomy = Type.Object(
  {
    grant: AutonomyGrant,
    evidence: Evidence,
    activeEpisode: Type.Union([SupportEpisode, Type.Null()]),
    pendingProposal: Type.Union([Proposal, Type.Null()]),
  },
  { additionalProperties: false },
);
export type AreaAutonomy = Static<typeof AreaAutonomy>;

// ---------------------------------------------------------------------------------------------
// Request bodies

/**
 * Submitting a result (doing → review or done). `guardrailsTicked` are indexes into the
 * area's guardrails as the assignee saw them; an empty list says "none touched".
 */
export const SubmitTaskBody = Type.Object({
  version: Type.Integer({ minimum: 0 }),
  guardrailsTicked: Type.Array(Type.Integer({ minimum: 0, maximum: areaLimits.guardrailsMax - 1 }), {
    maxItems: areaLimits.guardrailsMax,
    uniqueItems: true,
  }),
  note: Type.Optional(Note),
});
export type SubmitTaskBody = Static<typeof SubmitTaskBody>;

/** A principal marks a task "review this one" (or takes the mark back) before it is submitted. */
export const RequestReviewBody = Type.Object({
  version: Type.Integer({ minimum: 0 }),
  requested: Type.Boolean(),
});
export type RequestReviewBody = Static<typeof RequestReviewBody>;

/** A change request needs ≥ 1 tag and a note: `checkReviewDecision` says so field by field. */
export const DecideReviewBody = Type.Object({
  outcome: ReviewOutcomeSchema,
  tags: Type.Optional(Type.Array(ReviewTagSchema, { maxItems: reviewTags.length, uniqueItems: true })),
  note: Type.Optional(Note),
});
export type DecideReviewBody = Static<typeof DecideReviewBody>;

/** An assistant asks for another level in one of their areas. */
export const RequestLevelChangeBody = Type.Object({
  areaId: Id,
  to: AutonomyLevelSchema,
  note: RequiredText(autonomyLimits.noteMax),
});
export type RequestLevelChangeBody = Static<typeof RequestLevelChangeBody>;

/** Declining needs a reason: `decideProposal` checks it. */
export const DecideProposalBody = Type.Object({
  decision: literalUnion(proposalDecisions),
  reason: Type.Optional(Type.String({ maxLength: autonomyLimits.reasonMax })),
});
export type DecideProposalBody = Static<typeof DecideProposalBody>;

/** A principal sets a level on the delegation board (member and area in the URL). */
export const SetLevelBody = Type.Object({
  level: AutonomyLevelSchema,
  reason: RequiredText(autonomyLimits.reasonMax),
});
export type SetLevelBody = Static<typeof SetLevelBody>;

/** Omitted `startsAt`: now. Omitted `plannedEndAt`: the default length (14 days). */
export const StartEpisodeBody = Type.Object({
  memberId: Id,
  areaId: Id,
  reason: EpisodeReasonSchema,
  capLevel: AutonomyLevelSchema,
  startsAt: Type.Optional(Timestamp),
  plannedEndAt: Type.Optional(Timestamp),
  note: Type.Optional(Note),
});
export type StartEpisodeBody = Static<typeof StartEpisodeBody>;

export const ExtendEpisodeBody = Type.Object({
  newEnd: Timestamp,
  reason: RequiredText(autonomyLimits.reasonMax),
});
export type ExtendEpisodeBody = Static<typeof ExtendEpisodeBody>;

/** Ending guidance early needs no reason, but may say one. */
export const EndEpisodeBody = Type.Object({
  reason: Type.Optional(Type.String({ maxLength: autonomyLimits.reasonMax })),
});
export type EndEpisodeBody = Static<typeof EndEpisodeBody>;

// ---------------------------------------------------------------------------------------------
// Params and queries

export const MemberAreaParams = Type.Object({ workspaceId: Id, memberId: Id, areaId: Id });
export const ProposalParams = Type.Object({ workspaceId: Id, proposalId: Id });
export const EpisodeParams = Type.Object({ workspaceId: Id, episodeId: Id });

export const ProposalListQuery = Type.Object({
  status: Type.Optional(ProposalStatusSchema),
  memberId: Type.Optional(Id),
  areaId: Type.Optional(Id),
});
export type ProposalListQuery = Static<typeof ProposalListQuery>;

/** For the notification module: how the ladder delivers an event to principals. */
export const PrincipalNoticeSchema = Type.Object(
  {
    delivery: literalUnion(noticeDeliveries),
    exception: Type.Union([literalUnion(principalExceptions), Type.Null()]),
    explanation: ExplanationSchema,
  },
  { additionalProperties: false },
);

/** One task in the review queue: the task and why it is there (the stored routing). */
export const ReviewQueueItem = Type.Object(
  {
    task: TaskSummary,
    phase: ReviewPhaseSchema,
    submittedAt: Timestamp,
    routing: Type.Union([ReviewRouting, Type.Null()]),
  },
  { additionalProperties: false },
);
export type ReviewQueueItem = Static<typeof ReviewQueueItem>;

/** Everything about one assistant × area: the evidence page of the board and "my autonomy". */
export const MemberAreaAutonomy = Type.Object(
  {
    grant: AutonomyGrant,
    evidence: Evidence,
    history: Type.Array(LevelChange),
    proposals: Type.Array(Proposal),
    episodes: Type.Array(SupportEpisode),
  },
  { additionalProperties: false },
);
export type MemberAreaAutonomy = Static<typeof MemberAreaAutonomy>;

/** An owner declines a proposed task, saying why. */
export const DeclineTaskBody = Type.Object({
  reason: RequiredText(autonomyLimits.reasonMax),
});
export type DeclineTaskBody = Static<typeof DeclineTaskBody>;

// ---------------------------------------------------------------------------------------------
// Levels over time (issue 7, "Trends")

/** How many weeks the level history reaches back. */
export const levelHistoryLimits = { weeksMin: 1, weeksMax: 52, weeksDefault: 26 } as const;

/**
 * `weeks` 1–52 (default 26). A string pattern, not an integer: the server does not coerce
 * query strings, so "abc", "0" and "100" are refused by the schema alike.
 */
export const LevelHistoryQuery = Type.Object({
  weeks: Type.Optional(
    Type.String({
      pattern: '^([1-9]|[1-4][0-9]|5[0-2])$',
      description: `Weeks back, ${levelHistoryLimits.weeksMin}–${levelHistoryLimits.weeksMax} (default ${levelHistoryLimits.weeksDefault}).`,
    }),
  ),
});
export type LevelHistoryQuery = Static<typeof LevelHistoryQuery>;

const NullableLevel = Type.Union([AutonomyLevelSchema, Type.Null()]);

/** A week of the history: Monday 00:00 to the next Monday in the caller's time zone. */
export const LevelHistoryWeek = Type.Object(
  { weekStart: Timestamp, weekEnd: Timestamp, current: Type.Boolean() },
  { additionalProperties: false },
);
export type LevelHistoryWeek = Static<typeof LevelHistoryWeek>;

/** One week of one assistant × area (core's `TimelineCell`); null levels: not working there yet. */
export const LevelHistoryCell = Type.Object(
  { granted: NullableLevel, effective: NullableLevel, episode: Type.Boolean() },
  { additionalProperties: false },
);
export type LevelHistoryCell = Static<typeof LevelHistoryCell>;

export const LevelHistoryRow = Type.Object(
  {
    memberId: Id,
    memberName: Type.String(),
    areaId: Id,
    areaName: Type.String(),
    /** One per week, in the order of `weeks`. */
    cells: Type.Array(LevelHistoryCell),
  },
  { additionalProperties: false },
);
export type LevelHistoryRow = Static<typeof LevelHistoryRow>;

/** The delegation board's heat map: owners get every assistant, an assistant only themselves. */
export const LevelHistory = Type.Object(
  {
    timeZone: Type.String(),
    weeks: Type.Array(LevelHistoryWeek),
    rows: Type.Array(LevelHistoryRow),
  },
  { additionalProperties: false },
);
export type LevelHistory = Static<typeof LevelHistory>;
