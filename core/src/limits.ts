/**
 * Plain values of the contract: limits and enumerations. No TypeBox here, so the web client
 * imports them without shipping the schema library (core is marked side-effect free).
 */

export const limits = {
  nameMax: 100,
  emailMax: 254,
  passwordMin: 10,
  passwordMax: 200,
  workspaceNameMax: 80,
} as const;

export const riskClasses = ['low', 'medium', 'high'] as const;

export type RiskClass = (typeof riskClasses)[number];

export const areaLimits = {
  nameMax: 80,
  descriptionMax: 4000,
  guardrailMax: 300,
  guardrailsMax: 20,
  membersMax: 200,
} as const;

export const taskStates = ['todo', 'doing', 'review', 'done', 'cancelled'] as const;

export type TaskState = (typeof taskStates)[number];

export const priorities = ['none', 'low', 'medium', 'high', 'urgent'] as const;

export type Priority = (typeof priorities)[number];

export const recurrenceModes = ['calendar', 'on_done'] as const;

export type RecurrenceMode = (typeof recurrenceModes)[number];

export const taskLimits = {
  titleMax: 200,
  descriptionMax: 20_000,
  labelMax: 40,
  labelsMax: 20,
  checklistTextMax: 500,
  checklistMax: 100,
  blockedReasonMax: 500,
  rruleMax: 500,
  pageMax: 1000,
  pageDefault: 200,
} as const;

export const taskSortFields = ['position', 'due', 'priority', 'updated', 'created', 'title'] as const;

export type TaskSortField = (typeof taskSortFields)[number];

export const commentLimits = { bodyMax: 10_000 } as const;

export const notificationKinds = [
  'assigned',
  'mentioned',
  'commented',
  'due_soon',
  'overdue',
  'review_requested',
  'review_decided',
  'level_proposal',
  /** An assistant's other steps in an area (state, blocked flag), told to principals as the level says (DESIGN §4). */
  'assistant_activity',
  /** An SOP one owns is due for review (DESIGN §6). */
  'sop_review_due',
  /** A new SOP version asks the area's people to (re-)acknowledge it. */
  'sop_acknowledge',
  /** A lesson follow-up was assigned to one, or is overdue (DESIGN §8). */
  'follow_up',
  /** A lesson of high severity was written: an exception principals hear of at once (DESIGN §11). */
  'lesson',
  /** A question was asked of one (or, unaddressed, of the principals) (DESIGN §7, §11). */
  'question_asked',
  'question_answered',
  /** A question has waited over 24 hours: an exception principals hear of at once (DESIGN §11). */
  'question_waiting',
  /** The weekly check-in reminder, at the time the assistant chose. */
  'checkin_reminder',
  /** A meeting's minutes, sent to its participants when it ends. */
  'meeting_summary',
  /** A principal asked "Any update?" on a task (DESIGN §5). */
  'nudge',
  /** A mission was given to one, or its goal's principal changed it (DESIGN §9). */
  'mission_assigned',
  /** The weekly insights digest of a principal (DESIGN §10, issue 7). */
  'insights_digest',
] as const;

export type NotificationKind = (typeof notificationKinds)[number];

export const deliveryModes = ['immediate', 'digest', 'off'] as const;

export type DeliveryMode = (typeof deliveryModes)[number];

export const liveEventTypes = [
  'task.created',
  'task.updated',
  'task.deleted',
  'comment.created',
  'comment.updated',
  'comment.deleted',
  'attachment.created',
  'attachment.deleted',
  'area.changed',
  'notification.created',
  /** Sent to one member whose role changed or who was removed; the stream ends when they are no longer a member. */
  'membership.changed',
  /** SOPs, onboarding plans or lessons changed: the knowledge screens refetch (issue 5). */
  'knowledge.changed',
] as const;

export type LiveEventType = (typeof liveEventTypes)[number];

/**
 * A due date picked without a time means "by the end of that day": 23:59 in the person's zone.
 * Every screen stores it so and shows such a date without a time.
 */
export const dueEndOfDay = '23:59';

/** "Any update?" nudges (DESIGN §5): the rules the server applies to them. */
export const nudgeRules = {
  /** A nudge is redundant (§10) when the task changed within this many hours before it. */
  redundantWithinHours: 24,
  /** One principal asks about one task at most once in this many hours. */
  repeatAfterHours: 24,
} as const;

/**
 * Why a nudge was refused, in the 409's `details.reason`: the task has nobody else to ask,
 * is finished, or this principal asked in the last 24 hours (then `details.lastNudgedAt` and
 * `details.nextNudgeAt` say when).
 */
export const nudgeRefusals = ['no_assignee', 'own_task', 'task_closed', 'recently_nudged'] as const;
export type NudgeRefusal = (typeof nudgeRefusals)[number];
