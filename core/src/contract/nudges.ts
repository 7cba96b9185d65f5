import Type, { type Static } from 'typebox';
import { Id, Timestamp } from './common.ts';

/** "Any update?" nudges (DESIGN §5); their rules and refusals are in limits.ts (no TypeBox). */

const NullableId = Type.Union([Id, Type.Null()]);
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);

export const Nudge = Type.Object(
  {
    id: Id,
    taskId: Id,
    principalId: Id,
    principalName: Type.String(),
    createdAt: Timestamp,
    /** The task had changed in the 24 hours before the nudge; decided once, when it was sent. */
    redundant: Type.Boolean(),
    /** When the task last changed before the nudge. */
    taskChangedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Nudge = Static<typeof Nudge>;

/** The latest change of a task as nudges see it (nudges and follows are not changes). */
export const TaskLastChange = Type.Object(
  {
    at: Timestamp,
    /** Who made it, when the history says; null when only the task's timestamp moved. */
    actorId: NullableId,
    actorName: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type TaskLastChange = Static<typeof TaskLastChange>;

/** What the "Any update?" button needs to know before it asks, and the task's nudges. */
export const TaskNudges = Type.Object(
  {
    /** Newest first. */
    nudges: Type.Array(Nudge),
    lastChange: TaskLastChange,
    /** A nudge sent now would be redundant: the task changed in the last 24 hours. */
    changedRecently: Type.Boolean(),
    /** The caller's latest nudge on this task, and when they may ask again (null: now). */
    myLastNudgeAt: NullableTimestamp,
    nextNudgeAt: NullableTimestamp,
  },
  { additionalProperties: false },
);
export type TaskNudges = Static<typeof TaskNudges>;
