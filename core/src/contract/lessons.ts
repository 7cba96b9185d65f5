import Type, { type Static } from 'typebox';
import { contributingFactorKinds, followUpKinds, followUpStatuses, lessonLimits } from '../sops/lessons.ts';
import { Id, literalUnion, Timestamp } from './common.ts';

/**
 * The HTTP contract of the blameless lessons log (DESIGN §8, issue 5). The lesson body is
 * deliberately *not* a closed object schema: the server would strip unknown fields before
 * the service sees them, and a `culprit` field must be refused loudly, not dropped. Core's
 * `checkLesson` checks the fields and answers `lessons_are_blameless` for any extra one.
 */

const NullableId = Type.Union([Id, Type.Null()]);
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export const ContributingFactorKindSchema = literalUnion(contributingFactorKinds);
export const FollowUpKindSchema = literalUnion(followUpKinds);
export const FollowUpStatusSchema = literalUnion(followUpStatuses);

export const FollowUp = Type.Object(
  {
    id: Id,
    lessonId: Id,
    kind: FollowUpKindSchema,
    title: Type.String(),
    ownerId: NullableId,
    dueAt: Timestamp,
    status: FollowUpStatusSchema,
    overdue: Type.Boolean(),
    sopId: NullableId,
    /** sop_change: the draft version it opened; publishing that version closes the follow-up. */
    sopVersionId: NullableId,
    doneAt: NullableTimestamp,
    doneBy: NullableId,
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type FollowUp = Static<typeof FollowUp>;

export const LessonSummary = Type.Object(
  {
    id: Id,
    title: Type.String(),
    severity: Type.Integer({ minimum: 1, maximum: 4 }),
    factorKinds: Type.Array(ContributingFactorKindSchema),
    taskId: NullableId,
    areaId: NullableId,
    sopId: NullableId,
    authorId: NullableId,
    openFollowUps: Type.Integer(),
    overdueFollowUps: Type.Integer(),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type LessonSummary = Static<typeof LessonSummary>;

export const Lesson = Type.Object(
  {
    ...LessonSummary.properties,
    whatHappened: Type.String(),
    impact: Type.String(),
    wentWell: Type.String(),
    learned: Type.String(),
    contributingFactors: Type.Array(
      Type.Object(
        { kind: ContributingFactorKindSchema, text: Type.String() },
        { additionalProperties: false },
      ),
    ),
    followUps: Type.Array(FollowUp),
    taskTitle: Type.Union([Type.String(), Type.Null()]),
    sopTitle: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer(),
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Lesson = Static<typeof Lesson>;

/**
 * Create or edit a lesson. Shape-only and open on purpose (see above): `checkLesson` checks
 * `title, whatHappened, impact, severity, contributingFactors, wentWell, learned`, and the
 * service the links `taskId, areaId, sopId` and, on edit, `version`.
 */
export const LessonBody = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: lessonLimits.titleMax })),
    whatHappened: Type.Optional(Type.String({ maxLength: lessonLimits.textMax })),
    impact: Type.Optional(Type.String({ maxLength: lessonLimits.textMax })),
    severity: Type.Optional(Type.Integer()),
    contributingFactors: Type.Optional(Type.Array(Type.Unknown(), { maxItems: lessonLimits.factorsMax })),
    wentWell: Type.Optional(Type.String({ maxLength: lessonLimits.textMax })),
    learned: Type.Optional(Type.String({ maxLength: lessonLimits.textMax })),
    taskId: Type.Optional(NullableId),
    areaId: Type.Optional(NullableId),
    sopId: Type.Optional(NullableId),
    version: Type.Optional(Type.Integer()),
  },
  { additionalProperties: true },
);
export type LessonBody = Static<typeof LessonBody>;

export const CreateFollowUpBody = Type.Object({
  kind: FollowUpKindSchema,
  title: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
  ownerId: Id,
  /** Default: 28 days after now. */
  dueAt: Type.Optional(Timestamp),
  /** sop_change: the SOP to change (default: the lesson's SOP). */
  sopId: Type.Optional(Id),
});
export type CreateFollowUpBody = Static<typeof CreateFollowUpBody>;

export const UpdateFollowUpBody = Type.Object({
  status: Type.Optional(FollowUpStatusSchema),
  ownerId: Type.Optional(Id),
  dueAt: Type.Optional(Timestamp),
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' })),
});
export type UpdateFollowUpBody = Static<typeof UpdateFollowUpBody>;

export const LessonParams = Type.Object({ workspaceId: Id, lessonId: Id });
export const FollowUpParams = Type.Object({ workspaceId: Id, lessonId: Id, followUpId: Id });

export const LessonListQuery = Type.Object({
  areaId: Type.Optional(Id),
  factor: Type.Optional(ContributingFactorKindSchema),
  /** `true`: only lessons with an open follow-up. */
  openFollowUps: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  sopId: Type.Optional(Id),
});
export type LessonListQuery = Static<typeof LessonListQuery>;

/** Follow-ups across lessons: mine, or all open ones; overdue first. */
export const FollowUpListQuery = Type.Object({
  mine: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  status: Type.Optional(FollowUpStatusSchema),
});
export type FollowUpListQuery = Static<typeof FollowUpListQuery>;

/** Lessons per contributing factor kind per calendar month (UTC), the last 12 months. */
export const LessonFactorStats = Type.Object(
  {
    months: Type.Array(Type.String({ description: 'YYYY-MM' })),
    series: Type.Array(
      Type.Object(
        { kind: ContributingFactorKindSchema, counts: Type.Array(Type.Integer()) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type LessonFactorStats = Static<typeof LessonFactorStats>;
