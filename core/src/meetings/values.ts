/**
 * Plain values of questions, check-ins and meetings (DESIGN §7): statuses, limits, agenda
 * vocabulary and the default thresholds. No TypeBox here, so the web client can import them
 * without the schema library; contract schemas are built on these lists.
 */

export const questionStatuses = ['open', 'answered'] as const;
export type QuestionStatus = (typeof questionStatuses)[number];

export const questionLimits = {
  bodyMax: 4000,
  answerMax: 4000,
} as const;

export const checkInLimits = {
  /** Each of done, planned and blockers. */
  textMax: 4000,
  autonomyMin: 1,
  autonomyMax: 5,
  /** Check-ins with autonomy at or below this count as under-support (DESIGN §10). */
  lowAutonomyMax: 2,
} as const;

/** ISO weekday numbers, Monday = 1 … Sunday = 7, as the reminder picker stores them. */
export const isoWeekdays = [1, 2, 3, 4, 5, 6, 7] as const;
export type IsoWeekday = (typeof isoWeekdays)[number];

export const meetingLimits = {
  titleMax: 200,
  descriptionMax: 4000,
  durationMin: 5,
  durationMax: 480,
  participantsMax: 50,
  overridesMax: 500,
  agendaItemTitleMax: 300,
  noteMax: 10_000,
} as const;

/** Where an agenda item came from; `manual` is anything a participant added. */
export const agendaSources = [
  'action_item',
  'pinned',
  'level_proposal',
  'episode_ending',
  'question',
  'blocked_task',
  'overdue_task',
  'lesson',
  'follow_up',
  'checkin_blocker',
  'checkin_flag',
  'manual',
  /** A goal at risk or off track (DESIGN §9, issue 7). */
  'goal',
] as const;
export type AgendaSource = (typeof agendaSources)[number];

/** Sections in the order the agenda shows them; every source belongs to exactly one. */
export const agendaSections = [
  'carried_over',
  'pinned',
  'goals',
  'autonomy',
  'questions',
  'tasks',
  'learning',
  'check_ins',
  'added',
] as const;
export type AgendaSection = (typeof agendaSections)[number];

export const agendaItemStatuses = ['open', 'discussed', 'deferred'] as const;
export type AgendaItemStatus = (typeof agendaItemStatuses)[number];

/** Why an item is on the agenda; screens translate the code and fill in the params. */
export const agendaReasonCodes = [
  'carried_over',
  'pinned',
  'proposal_pending',
  'episode_ending',
  'question_waiting',
  'task_blocked',
  'task_overdue',
  'lesson_new',
  'follow_up_due',
  'follow_up_overdue',
  'checkin_blocker',
  'checkin_flag',
  'added',
  'goal_at_risk',
  'goal_off_track',
] as const;
export type AgendaReasonCode = (typeof agendaReasonCodes)[number];

/** What an agenda item links to; null for items with nothing behind them (pinned, plain manual). */
export const agendaLinkKinds = [
  'task',
  'question',
  'proposal',
  'episode',
  'lesson',
  'follow_up',
  'check_in',
  'action_item',
  'goal',
] as const;
export type AgendaLinkKind = (typeof agendaLinkKinds)[number];

export interface AgendaThresholds {
  /** A question unanswered longer than this goes on the agenda. */
  questionHours: number;
  /** A task blocked longer than this goes on the agenda. */
  blockedHours: number;
  /** A support episode ending within this many days goes on the agenda. */
  episodeDays: number;
  /** Without a previous occurrence, lessons and check-ins of this many days count as new. */
  lookbackDays: number;
}

export const defaultAgendaThresholds: Readonly<AgendaThresholds> = {
  questionHours: 24,
  blockedHours: 24,
  episodeDays: 7,
  lookbackDays: 7,
};
