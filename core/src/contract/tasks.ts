import Type, { type Static } from 'typebox';
import { priorities, recurrenceModes, taskLimits, taskSortFields, taskStates } from '../limits.ts';
import { Id, literalUnion, Timestamp } from './common.ts';
import { ReviewRouting } from './review-routing.ts';

export const TaskStateSchema = literalUnion(taskStates);

export const PrioritySchema = literalUnion(priorities);

const Title = Type.String({ minLength: 1, maxLength: taskLimits.titleMax, pattern: '\\S' });
const Label = Type.String({
  minLength: 1,
  maxLength: taskLimits.labelMax,
  // No commas or line breaks (labels are listed comma-separated), and not blank.
  pattern: '^[^,\\n\\r]*[^,\\s][^,\\n\\r]*$',
});
const Labels = Type.Array(Label, { maxItems: taskLimits.labelsMax });
const NullableId = Type.Union([Id, Type.Null()]);
const TimeZoneName = Type.String({ minLength: 1, maxLength: 64 });

/**
 * Recurrence in both modes users ask for (DESIGN §5): `calendar` creates the next instance
 * on the rule's dates whatever happened to the last one; `on_done` creates it when the
 * previous instance is done. `rule` is an RFC 5545 RRULE line (without DTSTART), read in
 * `timeZone` so "every Monday 09:00" stays 09:00 across daylight saving changes.
 */
export const Recurrence = Type.Object(
  {
    rule: Type.String({ minLength: 6, maxLength: taskLimits.rruleMax, pattern: '^(RRULE:)?FREQ=' }),
    mode: literalUnion(recurrenceModes),
    timeZone: TimeZoneName,
  },
  { additionalProperties: false },
);
export type Recurrence = Static<typeof Recurrence>;

export const ChecklistItem = Type.Object(
  {
    id: Id,
    text: Type.String(),
    done: Type.Boolean(),
    position: Type.Number(),
    /** The SOP step (0-based) this item was pinned from; null for the task's own items. */
    sopStep: Type.Union([Type.Integer(), Type.Null()], { default: null }),
    checkpoint: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);
export type ChecklistItem = Static<typeof ChecklistItem>;

/** What a board card and a list row need; no description, no checklist items. */
export const TaskSummary = Type.Object(
  {
    id: Id,
    title: Type.String(),
    areaId: NullableId,
    assigneeId: NullableId,
    creatorId: Id,
    state: TaskStateSchema,
    blocked: Type.Boolean(),
    dueAt: Type.Union([Timestamp, Type.Null()]),
    priority: PrioritySchema,
    labels: Type.Array(Type.String()),
    position: Type.Number(),
    version: Type.Integer(),
    checklistDone: Type.Integer(),
    checklistTotal: Type.Integer(),
    commentCount: Type.Integer(),
    attachmentCount: Type.Integer(),
    recurring: Type.Boolean(),
    /** Created by an assistant below L3 in its area: waits for a principal's approval (DESIGN §5). */
    proposed: Type.Boolean({ default: false }),
    /** The mission the task serves (DESIGN §9). */
    missionId: Type.Union([Id, Type.Null()], { default: null }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    completedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { additionalProperties: false },
);
export type TaskSummary = Static<typeof TaskSummary>;

export const Task = Type.Object(
  {
    ...TaskSummary.properties,
    description: Type.String({ description: 'Markdown as written.' }),
    descriptionHtml: Type.String({ description: 'The Markdown rendered and sanitised by the server.' }),
    blockedReason: Type.String(),
    dueTimeZone: Type.Union([Type.String(), Type.Null()]),
    recurrence: Type.Union([Recurrence, Type.Null()]),
    seriesId: NullableId,
    checklist: Type.Array(ChecklistItem),
    following: Type.Boolean(),
    /** A principal marked it "review this one": it goes to review whatever the level says (DESIGN §4). */
    reviewRequested: Type.Boolean(),
    /** Why the last submission went to review or straight to done; null until it is submitted. */
    routing: Type.Union([ReviewRouting, Type.Null()]),
    /** The SOP the task follows, pinned to the version its checklist came from (DESIGN §6). */
    sop: Type.Union(
      [
        Type.Object(
          { id: Id, title: Type.String(), versionNumber: Type.Integer(), currentVersion: Type.Integer() },
          { additionalProperties: false },
        ),
        Type.Null(),
      ],
      { default: null },
    ),
  },
  { additionalProperties: false },
);
export type Task = Static<typeof Task>;

export const CreateTaskBody = Type.Object({
  title: Title,
  description: Type.Optional(Type.String({ maxLength: taskLimits.descriptionMax })),
  areaId: Type.Optional(NullableId),
  /** Omitted: the area's owner (or backup); explicit null: nobody. */
  assigneeId: Type.Optional(NullableId),
  state: Type.Optional(TaskStateSchema),
  dueAt: Type.Optional(Type.Union([Timestamp, Type.Null()])),
  dueTimeZone: Type.Optional(Type.Union([TimeZoneName, Type.Null()])),
  priority: Type.Optional(PrioritySchema),
  labels: Type.Optional(Labels),
  checklist: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: taskLimits.checklistTextMax }), {
      maxItems: taskLimits.checklistMax,
    }),
  ),
  recurrence: Type.Optional(Type.Union([Recurrence, Type.Null()])),
  templateId: Type.Optional(Id),
  /** Follow a published SOP: its current version's steps become the checklist, pinned. */
  sopId: Type.Optional(Id),
  /** A mission the caller can see; without an area the task takes the mission's. */
  missionId: Type.Optional(Id),
});
export type CreateTaskBody = Static<typeof CreateTaskBody>;

/** Every edit names the version it was based on; a stale one is refused with 409. */
export const UpdateTaskBody = Type.Object({
  version: Type.Integer({ minimum: 0 }),
  title: Type.Optional(Title),
  description: Type.Optional(Type.String({ maxLength: taskLimits.descriptionMax })),
  areaId: Type.Optional(NullableId),
  assigneeId: Type.Optional(NullableId),
  state: Type.Optional(TaskStateSchema),
  blocked: Type.Optional(Type.Boolean()),
  blockedReason: Type.Optional(Type.String({ maxLength: taskLimits.blockedReasonMax })),
  dueAt: Type.Optional(Type.Union([Timestamp, Type.Null()])),
  dueTimeZone: Type.Optional(Type.Union([TimeZoneName, Type.Null()])),
  priority: Type.Optional(PrioritySchema),
  labels: Type.Optional(Labels),
  recurrence: Type.Optional(Type.Union([Recurrence, Type.Null()])),
});
export type UpdateTaskBody = Static<typeof UpdateTaskBody>;

/** Board drag and drop: the new column, and the card it now sits after (null: top). */
export const MoveTaskBody = Type.Object({
  version: Type.Integer({ minimum: 0 }),
  state: TaskStateSchema,
  afterTaskId: NullableId,
});
export type MoveTaskBody = Static<typeof MoveTaskBody>;

export const TaskListQuery = Type.Object({
  state: Type.Optional(
    Type.String({ pattern: '^(todo|doing|review|done|cancelled)(,(todo|doing|review|done|cancelled))*$' }),
  ),
  /** An area id, or `inbox` for tasks without an area. */
  areaId: Type.Optional(Type.Union([Id, Type.Literal('inbox')])),
  /** A member id, `me`, or `none`. */
  assigneeId: Type.Optional(Type.Union([Id, Type.Literal('me'), Type.Literal('none')])),
  label: Type.Optional(Type.String({ minLength: 1, maxLength: taskLimits.labelMax })),
  dueFrom: Type.Optional(Timestamp),
  dueTo: Type.Optional(Timestamp),
  overdue: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  blocked: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  missionId: Type.Optional(Id),
  sort: Type.Optional(literalUnion(taskSortFields)),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$', description: `1–${taskLimits.pageMax}` })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
});
export type TaskListQuery = Static<typeof TaskListQuery>;

export const TaskPage = Type.Object(
  { items: Type.Array(TaskSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);
export type TaskPage = Static<typeof TaskPage>;

export const TaskParams = Type.Object({ workspaceId: Id, taskId: Id });

export const AddChecklistItemBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: taskLimits.checklistTextMax, pattern: '\\S' }),
});
export const UpdateChecklistItemBody = Type.Object(
  {
    text: Type.Optional(
      Type.String({ minLength: 1, maxLength: taskLimits.checklistTextMax, pattern: '\\S' }),
    ),
    done: Type.Optional(Type.Boolean()),
  },
  { minProperties: 1 },
);
export const ReorderChecklistBody = Type.Object({
  itemIds: Type.Array(Id, { maxItems: taskLimits.checklistMax }),
});
export const ChecklistItemParams = Type.Object({ workspaceId: Id, taskId: Id, itemId: Id });

/** One entry of a task's history: who changed what, when. */
export const TaskEvent = Type.Object(
  {
    id: Id,
    actorId: NullableId,
    actorName: Type.String(),
    kind: Type.String(),
    data: Type.Record(Type.String(), Type.Unknown()),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type TaskEvent = Static<typeof TaskEvent>;

export const TaskTemplate = Type.Object(
  {
    id: Id,
    name: Type.String(),
    title: Type.String(),
    areaId: NullableId,
    labels: Type.Array(Type.String()),
    checklist: Type.Array(Type.String()),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type TaskTemplate = Static<typeof TaskTemplate>;
export const SaveTemplateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: taskLimits.titleMax, pattern: '\\S' }),
});
export const TemplateParams = Type.Object({ workspaceId: Id, templateId: Id });

/** A 409 on a task carries the current state, so the client can show what changed. */
export interface TaskConflictDetails {
  current: Task;
  [key: string]: unknown;
}
