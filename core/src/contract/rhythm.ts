import Type, { type Static } from 'typebox';
import {
  agendaItemStatuses,
  agendaLinkKinds,
  agendaReasonCodes,
  agendaSections,
  agendaSources,
  checkInLimits,
  meetingLimits,
  questionLimits,
  questionStatuses,
} from '../meetings/values.ts';
import { Id, literalUnion, Timestamp } from './common.ts';
import { Task } from './tasks.ts';

/**
 * The HTTP contract of questions, weekly check-ins, meetings with self-building agendas and
 * calendar feeds (DESIGN §7, issue 6). Bodies check shape; meaning is checked by core's
 * `checkQuestion`, `checkCheckIn`, `checkCheckInReminder`, `checkMeeting` and
 * `checkOccurrenceOverride` in the services, answered as 400 with field-named problems.
 */

const NullableId = Type.Union([Id, Type.Null()]);
const NullableTimestamp = Type.Union([Timestamp, Type.Null()]);
const Flag = Type.Union([Type.Literal('true'), Type.Literal('false')]);

// ---------------------------------------------------------------------------------------------
// Questions

export const Question = Type.Object(
  {
    id: Id,
    taskId: NullableId,
    /** The task's title, when the caller may see the task. */
    taskTitle: Type.Union([Type.String(), Type.Null()]),
    askerId: NullableId,
    askerName: Type.String(),
    /** Whom the answer is wanted from; null: anyone who knows. */
    addresseeId: NullableId,
    body: Type.String(),
    bodyHtml: Type.String(),
    status: literalUnion(questionStatuses),
    answer: Type.Union([Type.String(), Type.Null()]),
    answerHtml: Type.Union([Type.String(), Type.Null()]),
    answeredBy: NullableId,
    answeredAt: NullableTimestamp,
    /** Whole hours it has waited (until now, or until it was answered). */
    waitingHours: Type.Integer(),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Question = Static<typeof Question>;

export const QuestionParams = Type.Object({ workspaceId: Id, questionId: Id });

/**
 * `mine`: asked by me; `forMe`: addressed to me (principals: also every open question not
 * addressed to anyone); `taskId`: the questions of one task.
 */
export const QuestionListQuery = Type.Object({
  status: Type.Optional(literalUnion(questionStatuses)),
  mine: Type.Optional(Flag),
  forMe: Type.Optional(Flag),
  taskId: Type.Optional(Id),
});
export type QuestionListQuery = Static<typeof QuestionListQuery>;

export const AskQuestionBody = Type.Object({
  body: Type.String({ maxLength: questionLimits.bodyMax }),
  taskId: Type.Optional(NullableId),
  addresseeId: Type.Optional(NullableId),
});
export type AskQuestionBody = Static<typeof AskQuestionBody>;

export const EditQuestionBody = Type.Object({
  version: Type.Integer(),
  body: Type.Optional(Type.String({ maxLength: questionLimits.bodyMax })),
  addresseeId: Type.Optional(NullableId),
});
export type EditQuestionBody = Static<typeof EditQuestionBody>;

export const AnswerQuestionBody = Type.Object({
  version: Type.Integer(),
  /** The answer; may be empty when marking a question answered that was settled elsewhere. */
  body: Type.String({ maxLength: questionLimits.answerMax }),
});
export type AnswerQuestionBody = Static<typeof AnswerQuestionBody>;

export const ReopenQuestionBody = Type.Object({ version: Type.Integer() });
export type ReopenQuestionBody = Static<typeof ReopenQuestionBody>;

// ---------------------------------------------------------------------------------------------
// Check-ins

export const CheckIn = Type.Object(
  {
    id: Id,
    memberId: Id,
    memberName: Type.String(),
    /** ISO week in the member's zone, e.g. 2026-W48. */
    week: Type.String(),
    done: Type.String(),
    planned: Type.String(),
    blockers: Type.String(),
    autonomy: Type.Integer({ minimum: checkInLimits.autonomyMin, maximum: checkInLimits.autonomyMax }),
    discuss: Type.Boolean(),
    submittedAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type CheckIn = Static<typeof CheckIn>;

/** Owners read everyone's; an assistant reads only their own. */
export const CheckInListQuery = Type.Object({
  memberId: Type.Optional(Id),
  week: Type.Optional(Type.String({ pattern: '^\\d{4}-W\\d{2}$' })),
});
export type CheckInListQuery = Static<typeof CheckInListQuery>;

/** This week's check-in of the caller (created or replaced: one per member, workspace and week). */
export const SubmitCheckInBody = Type.Object({
  done: Type.String({ maxLength: checkInLimits.textMax }),
  planned: Type.String({ maxLength: checkInLimits.textMax }),
  blockers: Type.String({ maxLength: checkInLimits.textMax }),
  autonomy: Type.Integer(),
  discuss: Type.Boolean(),
});
export type SubmitCheckInBody = Static<typeof SubmitCheckInBody>;

/** The caller's check-in state: this week's key, their check-in (if any) and the reminder. */
export const MyCheckIn = Type.Object(
  {
    week: Type.String(),
    current: Type.Union([CheckIn, Type.Null()]),
    reminder: Type.Union([
      Type.Object(
        {
          weekday: Type.Integer({ minimum: 1, maximum: 7 }),
          time: Type.String(),
          timeZone: Type.String(),
          enabled: Type.Boolean(),
          nextAt: NullableTimestamp,
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);
export type MyCheckIn = Static<typeof MyCheckIn>;

export const CheckInReminderBody = Type.Object({
  weekday: Type.Integer(),
  time: Type.String({ maxLength: 5 }),
  timeZone: Type.String({ maxLength: 64 }),
  enabled: Type.Boolean(),
});
export type CheckInReminderBody = Static<typeof CheckInReminderBody>;

// ---------------------------------------------------------------------------------------------
// Meetings

export const MeetingOccurrenceView = Type.Object(
  {
    originalStart: Timestamp,
    start: Timestamp,
    end: Timestamp,
    cancelled: Type.Boolean(),
    moved: Type.Boolean(),
    finishedAt: NullableTimestamp,
  },
  { additionalProperties: false },
);
export type MeetingOccurrenceView = Static<typeof MeetingOccurrenceView>;

export const MeetingSeries = Type.Object(
  {
    id: Id,
    title: Type.String(),
    description: Type.String(),
    organizerId: NullableId,
    participantIds: Type.Array(Id),
    /** Null: a single meeting. */
    rrule: Type.Union([Type.String(), Type.Null()]),
    timeZone: Type.String(),
    startsAt: Timestamp,
    durationMin: Type.Integer(),
    until: NullableTimestamp,
    /** The next occurrence not cancelled whose end is still ahead (its agenda is live). */
    next: Type.Union([MeetingOccurrenceView, Type.Null()]),
    version: Type.Integer(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type MeetingSeries = Static<typeof MeetingSeries>;

export const MeetingParams = Type.Object({ workspaceId: Id, meetingId: Id });
/** An occurrence is named by its original start (ISO instant), even after it was moved. */
export const OccurrenceParams = Type.Object({ workspaceId: Id, meetingId: Id, start: Timestamp });
export const AgendaItemParams = Type.Object({
  workspaceId: Id,
  meetingId: Id,
  start: Timestamp,
  key: Type.String({ minLength: 3, maxLength: 100, pattern: '^[a-z_]+:[0-9a-fA-F-]{36}$' }),
});
export const PinnedItemParams = Type.Object({ workspaceId: Id, meetingId: Id, pinnedId: Id });

export const CreateMeetingBody = Type.Object({
  title: Type.String({ maxLength: meetingLimits.titleMax }),
  description: Type.Optional(Type.String({ maxLength: meetingLimits.descriptionMax })),
  participantIds: Type.Array(Id, { maxItems: meetingLimits.participantsMax }),
  rrule: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  /** Default: the caller's time zone. */
  timeZone: Type.Optional(Type.String({ maxLength: 64 })),
  startsAt: Timestamp,
  durationMin: Type.Integer(),
  until: Type.Optional(NullableTimestamp),
});
export type CreateMeetingBody = Static<typeof CreateMeetingBody>;

export const UpdateMeetingBody = Type.Object({
  version: Type.Integer(),
  title: Type.Optional(Type.String({ maxLength: meetingLimits.titleMax })),
  description: Type.Optional(Type.String({ maxLength: meetingLimits.descriptionMax })),
  participantIds: Type.Optional(Type.Array(Id, { maxItems: meetingLimits.participantsMax })),
  rrule: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  timeZone: Type.Optional(Type.String({ maxLength: 64 })),
  startsAt: Type.Optional(Timestamp),
  durationMin: Type.Optional(Type.Integer()),
  until: Type.Optional(NullableTimestamp),
});
export type UpdateMeetingBody = Static<typeof UpdateMeetingBody>;

export const OccurrenceListQuery = Type.Object({ from: Timestamp, to: Timestamp });
export type OccurrenceListQuery = Static<typeof OccurrenceListQuery>;

/** Move one occurrence (`movedTo`), cancel it, or undo both (`movedTo: null, cancelled: false`). */
export const UpdateOccurrenceBody = Type.Object({
  movedTo: Type.Optional(NullableTimestamp),
  cancelled: Type.Optional(Type.Boolean()),
});
export type UpdateOccurrenceBody = Static<typeof UpdateOccurrenceBody>;

export const AgendaItemView = Type.Object(
  {
    key: Type.String(),
    source: literalUnion(agendaSources),
    sourceId: Type.String(),
    section: literalUnion(agendaSections),
    order: Type.Integer(),
    title: Type.String(),
    detail: Type.Union([Type.String(), Type.Null()]),
    reason: Type.Object(
      {
        code: literalUnion(agendaReasonCodes),
        params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
      },
      { additionalProperties: false },
    ),
    link: Type.Union([
      Type.Object(
        { kind: literalUnion(agendaLinkKinds), id: Type.String() },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    taskId: NullableId,
    aboutMemberId: NullableId,
    since: Timestamp,
    carriedOver: Type.Boolean(),
    status: literalUnion(agendaItemStatuses),
    notes: Type.String(),
    /** Action items created from this item during the meeting. */
    actionItemIds: Type.Array(Id),
  },
  { additionalProperties: false },
);
export type AgendaItemView = Static<typeof AgendaItemView>;

export const ActionItem = Type.Object(
  {
    id: Id,
    title: Type.String(),
    itemKey: Type.Union([Type.String(), Type.Null()]),
    occurrenceStart: Timestamp,
    taskId: NullableId,
    /** The task's state; the action item is open until it is done or cancelled. */
    taskState: Type.Union([Type.String(), Type.Null()]),
    assigneeId: NullableId,
    dueAt: NullableTimestamp,
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type ActionItem = Static<typeof ActionItem>;

/**
 * One occurrence with its agenda, for the caller: generated and kept current until the
 * meeting starts (`live`), then frozen with the minutes. Assistants see only the items about
 * tasks they may see and about themselves.
 */
export const Agenda = Type.Object(
  {
    meetingId: Id,
    occurrence: MeetingOccurrenceView,
    live: Type.Boolean(),
    previousStart: NullableTimestamp,
    items: Type.Array(AgendaItemView),
    actionItems: Type.Array(ActionItem),
    pinned: Type.Array(
      Type.Object(
        { id: Id, title: Type.String(), position: Type.Integer() },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Agenda = Static<typeof Agenda>;

export const AddAgendaItemBody = Type.Object({
  title: Type.String({ maxLength: meetingLimits.agendaItemTitleMax }),
  /** Optional link, e.g. to a task the item is about. */
  taskId: Type.Optional(NullableId),
});
export type AddAgendaItemBody = Static<typeof AddAgendaItemBody>;

export const UpdateAgendaItemBody = Type.Object({
  notes: Type.Optional(Type.String({ maxLength: meetingLimits.noteMax })),
  status: Type.Optional(literalUnion(agendaItemStatuses)),
});
export type UpdateAgendaItemBody = Static<typeof UpdateAgendaItemBody>;

/** An action item becomes a task with an assignee and a due date. */
export const CreateActionItemBody = Type.Object({
  title: Type.String({ maxLength: 500 }),
  assigneeId: Type.Union([Id, Type.Null()]),
  dueAt: Type.Optional(NullableTimestamp),
  areaId: Type.Optional(NullableId),
  /** The agenda item it came from. */
  itemKey: Type.Optional(Type.String({ maxLength: 100 })),
});
export type CreateActionItemBody = Static<typeof CreateActionItemBody>;
export const ActionItemCreated = Type.Object(
  { actionItem: ActionItem, task: Task },
  { additionalProperties: false },
);

export const PinItemBody = Type.Object({
  title: Type.String({ maxLength: meetingLimits.agendaItemTitleMax }),
});
export type PinItemBody = Static<typeof PinItemBody>;

/** Ends the occurrence: the minutes go to the participants (in-app, and e-mail when configured). */
export const FinishOccurrenceBody = Type.Object({});

// ---------------------------------------------------------------------------------------------
// Calendar feeds

/** The caller's private feed in this workspace. The URL (with its token) is shown once, when made. */
export const CalendarFeed = Type.Object(
  {
    exists: Type.Boolean(),
    /** Only in the answer that created or regenerated it. */
    url: Type.Union([Type.String(), Type.Null()]),
    createdAt: NullableTimestamp,
    lastUsedAt: NullableTimestamp,
  },
  { additionalProperties: false },
);
export type CalendarFeed = Static<typeof CalendarFeed>;

export const FeedTokenParams = Type.Object({
  token: Type.String({ minLength: 20, maxLength: 200, pattern: '^[A-Za-z0-9_-]+(\\.ics)?$' }),
});
