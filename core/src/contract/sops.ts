import Type, { type Static } from 'typebox';
import { sopLimits, sopStatuses } from '../sops/sops.ts';
import { Id, literalUnion, Timestamp } from './common.ts';

/**
 * The HTTP contract of the SOP library (DESIGN §6, issue 5). Bodies check shape; meaning
 * (at least one step, trimmed text) is checked by core's `checkSopDraft` in the service so
 * the errors name their fields the same way for every client.
 */

const NullableId = Type.Union([Id, Type.Null()]);
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export const SopStatusSchema = literalUnion(sopStatuses);

export const SopStepSchema = Type.Object(
  {
    text: Type.String({ maxLength: sopLimits.stepTextMax, description: 'Markdown.' }),
    checkpoint: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SopStepBody = Static<typeof SopStepSchema>;

/** A step as stored: the Markdown and its sanitised HTML, rendered once on write. */
export const SopStepView = Type.Object(
  { text: Type.String(), html: Type.String(), checkpoint: Type.Boolean() },
  { additionalProperties: false },
);
export type SopStepView = Static<typeof SopStepView>;

/** One row of the library. `reviewDue`: published and its interval has passed. */
export const SopSummary = Type.Object(
  {
    id: Id,
    areaId: Id,
    title: Type.String(),
    purpose: Type.String(),
    ownerId: NullableId,
    status: SopStatusSchema,
    reviewEveryDays: Type.Integer(),
    currentVersion: Type.Union([Type.Integer(), Type.Null()]),
    lastPublishedAt: NullableTimestamp,
    reviewDue: Type.Boolean(),
    /** An unpublished draft exists (a proposal, a change in progress or a lesson's follow-up). */
    hasDraft: Type.Boolean(),
    /** The caller has acknowledged the current version (or there is none to acknowledge). */
    acknowledgedByMe: Type.Boolean(),
    /** The caller may edit and publish (owners, and level 5 in the area). */
    canEdit: Type.Boolean(),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type SopSummary = Static<typeof SopSummary>;

export const SopVersionView = Type.Object(
  {
    id: Id,
    /** Null while a draft. */
    number: Type.Union([Type.Integer(), Type.Null()]),
    status: literalUnion(['draft', 'published'] as const),
    title: Type.String(),
    purpose: Type.String(),
    steps: Type.Array(SopStepView),
    changelog: Type.String(),
    requiresReacknowledgement: Type.Boolean(),
    authorId: NullableId,
    /** The lesson follow-up this draft was opened for, if any. */
    followUpId: NullableId,
    publishedBy: NullableId,
    publishedAt: NullableTimestamp,
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type SopVersionView = Static<typeof SopVersionView>;

/** Who has acknowledged the current version among the area's people (owner, backup, contributors). */
export const SopAcknowledgementState = Type.Object(
  {
    currentVersion: Type.Union([Type.Integer(), Type.Null()]),
    /** Acknowledgements of this version or later count (the last re-acknowledgement). */
    validFrom: Type.Union([Type.Integer(), Type.Null()]),
    members: Type.Array(
      Type.Object(
        {
          memberId: Id,
          name: Type.String(),
          acknowledged: Type.Boolean(),
          /** Their latest acknowledgement, possibly of an older version. */
          versionNumber: Type.Union([Type.Integer(), Type.Null()]),
          acknowledgedAt: NullableTimestamp,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SopAcknowledgementState = Static<typeof SopAcknowledgementState>;

/** The SOP page: the library row, the current published version, the draft, the versions list. */
export const SopDetail = Type.Object(
  {
    ...SopSummary.properties,
    current: Type.Union([SopVersionView, Type.Null()]),
    draft: Type.Union([SopVersionView, Type.Null()]),
    versions: Type.Array(
      Type.Object(
        {
          id: Id,
          number: Type.Integer(),
          changelog: Type.String(),
          requiresReacknowledgement: Type.Boolean(),
          publishedBy: NullableId,
          publishedAt: Timestamp,
        },
        { additionalProperties: false },
      ),
    ),
    acknowledgements: SopAcknowledgementState,
    /** Open lesson follow-ups (kind sop_change) waiting for this SOP to change. */
    openFollowUps: Type.Array(
      Type.Object(
        { id: Id, lessonId: Id, lessonTitle: Type.String(), title: Type.String(), dueAt: Timestamp },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SopDetail = Static<typeof SopDetail>;

export const SopParams = Type.Object({ workspaceId: Id, sopId: Id });
export const SopVersionParams = Type.Object({
  workspaceId: Id,
  sopId: Id,
  number: Type.Integer({ minimum: 1 }),
});

export const SopListQuery = Type.Object({
  areaId: Type.Optional(Id),
  status: Type.Optional(SopStatusSchema),
  /** `true`: only published SOPs whose review is due. */
  reviewDue: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  q: Type.Optional(Type.String({ maxLength: 200 })),
});
export type SopListQuery = Static<typeof SopListQuery>;

const Steps = Type.Array(SopStepSchema, { maxItems: sopLimits.stepsMax });
const ReviewEveryDays = Type.Integer({
  minimum: sopLimits.reviewEveryDaysMin,
  maximum: sopLimits.reviewEveryDaysMax,
});

/** Creates the SOP with its first draft; anyone in the area may propose one. */
export const CreateSopBody = Type.Object({
  areaId: Id,
  title: Type.String({ maxLength: sopLimits.titleMax }),
  purpose: Type.Optional(Type.String({ maxLength: sopLimits.purposeMax })),
  steps: Steps,
  /** Default: the caller. */
  ownerId: Type.Optional(Id),
  reviewEveryDays: Type.Optional(ReviewEveryDays),
});
export type CreateSopBody = Static<typeof CreateSopBody>;

/** The SOP's own settings, changed by editors at once (not versioned). */
export const UpdateSopBody = Type.Object({
  version: Type.Integer(),
  ownerId: Type.Optional(Id),
  areaId: Type.Optional(Id),
  reviewEveryDays: Type.Optional(ReviewEveryDays),
  /** Retire (or bring back) a published SOP; drafts are deleted instead. */
  status: Type.Optional(SopStatusSchema),
});
export type UpdateSopBody = Static<typeof UpdateSopBody>;

/**
 * Writes the draft: creates it from the current version when none exists (`draftVersion`
 * omitted), or replaces its content when `draftVersion` matches (409 with the draft otherwise).
 */
export const SaveSopDraftBody = Type.Object({
  draftVersion: Type.Optional(Type.Integer()),
  title: Type.String({ maxLength: sopLimits.titleMax }),
  purpose: Type.Optional(Type.String({ maxLength: sopLimits.purposeMax })),
  steps: Steps,
});
export type SaveSopDraftBody = Static<typeof SaveSopDraftBody>;

export const PublishSopBody = Type.Object({
  draftVersion: Type.Integer(),
  changelog: Type.String({ maxLength: sopLimits.changelogMax }),
  requiresReacknowledgement: Type.Boolean(),
});
export type PublishSopBody = Static<typeof PublishSopBody>;

/** Acknowledges the current version; `versionNumber` guards against acknowledging a newer one unseen. */
export const AcknowledgeSopBody = Type.Object({ versionNumber: Type.Integer({ minimum: 1 }) });
export type AcknowledgeSopBody = Static<typeof AcknowledgeSopBody>;

export const SopDiffQuery = Type.Object({
  from: Type.Integer({ minimum: 1 }),
  to: Type.Integer({ minimum: 1 }),
});
export type SopDiffQuery = Static<typeof SopDiffQuery>;

/** Two versions side by side: core's `diffSteps`, with `diffWords` inside changed steps. */
export const SopDiff = Type.Object(
  {
    from: SopVersionView,
    to: SopVersionView,
    titleChanged: Type.Boolean(),
    purposeChanged: Type.Boolean(),
    steps: Type.Array(
      Type.Object(
        {
          op: literalUnion(['keep', 'add', 'remove', 'change'] as const),
          fromIndex: Type.Union([Type.Integer(), Type.Null()]),
          toIndex: Type.Union([Type.Integer(), Type.Null()]),
          fromText: Type.Union([Type.String(), Type.Null()]),
          toText: Type.Union([Type.String(), Type.Null()]),
          checkpointChanged: Type.Boolean(),
          /** Changed steps only: the words, marked kept/added/removed. */
          words: Type.Array(
            Type.Object(
              { op: literalUnion(['keep', 'add', 'remove'] as const), text: Type.String() },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SopDiff = Static<typeof SopDiff>;

/** Pins a task to the SOP's current version: its steps become the task's checklist. */
export const UseSopBody = Type.Object({ sopId: Id, version: Type.Integer() });
export type UseSopBody = Static<typeof UseSopBody>;
