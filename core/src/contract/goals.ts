import Type, { type Static } from 'typebox';
import { goalLimits, goalStatuses, missionStatuses } from '../goals/goals.ts';
import { Id, literalUnion, Timestamp } from './common.ts';
import { TaskSummary } from './tasks.ts';

/** Goals and missions (DESIGN §9): what and why from the principal, tasks from the assistant. */

export const GoalStatusSchema = literalUnion(goalStatuses);
export const MissionStatusSchema = literalUnion(missionStatuses);

const NullableId = Type.Union([Id, Type.Null()]);
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
const Title = Type.String({ minLength: 1, maxLength: goalLimits.titleMax, pattern: '\\S' });
const Constraints = Type.Array(Type.String({ maxLength: goalLimits.constraintMax }), {
  maxItems: goalLimits.constraintsMax,
});

export const MissionProgress = Type.Object(
  {
    tasksTotal: Type.Integer({ description: 'Tasks of the mission, cancelled ones not counted.' }),
    tasksDone: Type.Integer(),
    tasksProposed: Type.Integer({ description: "Proposals waiting for a principal's approval." }),
    percent: Type.Integer({ minimum: 0, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type MissionProgress = Static<typeof MissionProgress>;

export const Mission = Type.Object(
  {
    id: Id,
    goalId: Id,
    title: Type.String(),
    areaId: NullableId,
    assigneeId: NullableId,
    intent: Type.String(),
    endState: Type.String(),
    constraints: Type.Array(Type.String()),
    dueAt: NullableTimestamp,
    status: MissionStatusSchema,
    progress: MissionProgress,
    createdBy: NullableId,
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Mission = Static<typeof Mission>;

export const Goal = Type.Object(
  {
    id: Id,
    title: Type.String(),
    description: Type.String(),
    measure: Type.String(),
    target: Type.String(),
    dueAt: NullableTimestamp,
    status: GoalStatusSchema,
    ownerId: NullableId,
    /** The missions under the goal the caller may see. */
    missions: Type.Array(Mission),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Goal = Static<typeof Goal>;

/** One mission with its goal and the tasks of it the caller may see. */
export const MissionDetail = Type.Object(
  {
    ...Mission.properties,
    goal: Type.Object(
      { id: Id, title: Type.String(), status: GoalStatusSchema },
      { additionalProperties: false },
    ),
    tasks: Type.Array(TaskSummary),
  },
  { additionalProperties: false },
);
export type MissionDetail = Static<typeof MissionDetail>;

export const CreateGoalBody = Type.Object({
  title: Title,
  description: Type.Optional(Type.String({ maxLength: goalLimits.descriptionMax })),
  measure: Type.Optional(Type.String({ maxLength: goalLimits.measureMax })),
  target: Type.Optional(Type.String({ maxLength: goalLimits.targetMax })),
  dueAt: Type.Optional(NullableTimestamp),
  status: Type.Optional(GoalStatusSchema),
});
export type CreateGoalBody = Static<typeof CreateGoalBody>;

/** Every edit names the version it was based on; a stale one is refused with 409. */
export const UpdateGoalBody = Type.Object({
  version: Type.Integer({ minimum: 0 }),
  title: Type.Optional(Title),
  description: Type.Optional(Type.String({ maxLength: goalLimits.descriptionMax })),
  measure: Type.Optional(Type.String({ maxLength: goalLimits.measureMax })),
  target: Type.Optional(Type.String({ maxLength: goalLimits.targetMax })),
  dueAt: Type.Optional(NullableTimestamp),
  status: Type.Optional(GoalStatusSchema),
});
export type UpdateGoalBody = Static<typeof UpdateGoalBody>;

export const CreateMissionBody = Type.Object({
  goalId: Id,
  title: Title,
  areaId: Type.Optional(NullableId),
  assigneeId: Type.Optional(NullableId),
  intent: Type.Optional(Type.String({ maxLength: goalLimits.intentMax })),
  endState: Type.Optional(Type.String({ maxLength: goalLimits.endStateMax })),
  constraints: Type.Optional(Constraints),
  dueAt: Type.Optional(NullableTimestamp),
});
export type CreateMissionBody = Static<typeof CreateMissionBody>;

/** Owners edit everything; the mission's assignee may change only `status`. */
export const UpdateMissionBody = Type.Object({
  version: Type.Integer({ minimum: 0 }),
  title: Type.Optional(Title),
  areaId: Type.Optional(NullableId),
  assigneeId: Type.Optional(NullableId),
  intent: Type.Optional(Type.String({ maxLength: goalLimits.intentMax })),
  endState: Type.Optional(Type.String({ maxLength: goalLimits.endStateMax })),
  constraints: Type.Optional(Constraints),
  dueAt: Type.Optional(NullableTimestamp),
  status: Type.Optional(MissionStatusSchema),
});
export type UpdateMissionBody = Static<typeof UpdateMissionBody>;

export const GoalParams = Type.Object({ workspaceId: Id, goalId: Id });
export const MissionParams = Type.Object({ workspaceId: Id, missionId: Id });

export const GoalListQuery = Type.Object({
  status: Type.Optional(GoalStatusSchema),
});
export type GoalListQuery = Static<typeof GoalListQuery>;

export const MissionListQuery = Type.Object({
  goalId: Type.Optional(Id),
  /** A member id or `me`. */
  assigneeId: Type.Optional(Type.Union([Id, Type.Literal('me')])),
  status: Type.Optional(MissionStatusSchema),
});
export type MissionListQuery = Static<typeof MissionListQuery>;
