import type { ActionItem, AgendaItemView, MeetingSeries, RuleWeekday } from '@leeway/core';
import { parseRule, ruleWeekdays } from '@leeway/core';
import { weekdayOf } from '../tasks/recurrence-presets.ts';

/**
 * Pure helpers of the meeting screens: an agenda item's reason as translation keys with their
 * numbers, where an item links to, and a series' rule in words. Screens pass the keys to `t`.
 */

const HOUR = 1;
const DAY_HOURS = 24 * HOUR;

export type ReasonKey =
  | 'meetings.reason.carriedOver'
  | 'meetings.reason.pinned'
  | 'meetings.reason.proposalPending'
  | 'meetings.reason.episodeEnding'
  | 'meetings.reason.questionWaitingHours'
  | 'meetings.reason.questionWaitingDays'
  | 'meetings.reason.taskBlockedHours'
  | 'meetings.reason.taskBlockedDays'
  | 'meetings.reason.taskOverdue'
  | 'meetings.reason.taskOverdueToday'
  | 'meetings.reason.lessonNew'
  | 'meetings.reason.followUpDue'
  | 'meetings.reason.followUpOverdue'
  | 'meetings.reason.checkinBlocker'
  | 'meetings.reason.checkinFlag'
  | 'meetings.reason.added'
  | 'meetings.reason.goalAtRisk'
  | 'meetings.reason.goalOffTrack'
  | 'meetings.reason.alsoBlockedHours'
  | 'meetings.reason.alsoBlockedDays'
  | 'meetings.reason.alsoOverdue';

export interface ReasonPart {
  key: ReasonKey;
  params: Record<string, string | number>;
}

const num = (params: Record<string, string | number>, key: string): number | null => {
  const value = params[key];
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : null;
};

/** Up to two days reads better in hours ("26 h"), longer in whole days ("3 days"). */
function hoursOrDays(hours: number, hoursKey: ReasonKey, daysKey: ReasonKey): ReasonPart {
  if (hours < 2 * DAY_HOURS) return { key: hoursKey, params: { count: hours } };
  return { key: daysKey, params: { count: Math.floor(hours / DAY_HOURS) } };
}

/** The sentence parts of an item's reason: the main one, then what rides along (also overdue). */
export function reasonParts(reason: AgendaItemView['reason']): ReasonPart[] {
  const p = reason.params;
  switch (reason.code) {
    case 'carried_over':
      return [{ key: 'meetings.reason.carriedOver', params: {} }];
    case 'pinned':
      return [{ key: 'meetings.reason.pinned', params: {} }];
    case 'proposal_pending':
      return [
        {
          key: 'meetings.reason.proposalPending',
          params: { from: num(p, 'fromLevel') ?? '?', to: num(p, 'toLevel') ?? '?' },
        },
      ];
    case 'episode_ending':
      return [{ key: 'meetings.reason.episodeEnding', params: { count: num(p, 'days') ?? 0 } }];
    case 'question_waiting': {
      const parts = [
        hoursOrDays(
          num(p, 'hours') ?? 0,
          'meetings.reason.questionWaitingHours',
          'meetings.reason.questionWaitingDays',
        ),
      ];
      const blocked = num(p, 'taskBlockedHours');
      if (blocked !== null)
        parts.push(
          hoursOrDays(blocked, 'meetings.reason.alsoBlockedHours', 'meetings.reason.alsoBlockedDays'),
        );
      const overdue = num(p, 'taskOverdueDays');
      if (overdue !== null) parts.push({ key: 'meetings.reason.alsoOverdue', params: { count: overdue } });
      return parts;
    }
    case 'task_blocked': {
      const parts = [
        hoursOrDays(
          num(p, 'hours') ?? 0,
          'meetings.reason.taskBlockedHours',
          'meetings.reason.taskBlockedDays',
        ),
      ];
      const overdue = num(p, 'overdueDays');
      if (overdue !== null) parts.push({ key: 'meetings.reason.alsoOverdue', params: { count: overdue } });
      return parts;
    }
    case 'task_overdue': {
      const days = num(p, 'days') ?? 0;
      return days < 1
        ? [{ key: 'meetings.reason.taskOverdueToday', params: {} }]
        : [{ key: 'meetings.reason.taskOverdue', params: { count: days } }];
    }
    case 'lesson_new':
      return [{ key: 'meetings.reason.lessonNew', params: {} }];
    case 'follow_up_due':
      return [{ key: 'meetings.reason.followUpDue', params: {} }];
    case 'follow_up_overdue': {
      const days = num(p, 'days') ?? 0;
      return days < 1
        ? [{ key: 'meetings.reason.followUpDue', params: {} }]
        : [{ key: 'meetings.reason.followUpOverdue', params: { count: days } }];
    }
    case 'checkin_blocker':
      return [{ key: 'meetings.reason.checkinBlocker', params: {} }];
    case 'checkin_flag':
      return [{ key: 'meetings.reason.checkinFlag', params: {} }];
    case 'added':
      return [{ key: 'meetings.reason.added', params: {} }];
    case 'goal_at_risk':
      return [{ key: 'meetings.reason.goalAtRisk', params: {} }];
    case 'goal_off_track':
      return [{ key: 'meetings.reason.goalOffTrack', params: {} }];
  }
}

/** Where an agenda item's source lives in the app, or null when there is nothing to open. */
export function agendaItemPath(
  workspaceId: string,
  item: Pick<AgendaItemView, 'link' | 'taskId'>,
  actionItems: readonly Pick<ActionItem, 'id' | 'taskId'>[] = [],
): string | null {
  const base = `/w/${encodeURIComponent(workspaceId)}`;
  const id = item.link ? encodeURIComponent(item.link.id) : '';
  const task = (taskId: string) => `${base}/tasks/${encodeURIComponent(taskId)}`;
  switch (item.link?.kind) {
    case 'task':
      return `${base}/tasks/${id}`;
    case 'lesson':
      return `${base}/lessons/${id}`;
    case 'follow_up':
      // The item names the follow-up, not its lesson: the lessons with open follow-ups hold it.
      return `${base}/lessons?open=true`;
    case 'question':
      return `${base}/questions?question=${id}`;
    case 'proposal':
    case 'episode':
      return `${base}/areas/matrix`;
    case 'check_in':
      return `${base}/check-ins`;
    case 'goal':
      return `${base}/goals`;
    case 'action_item': {
      const taskId = actionItems.find((a) => a.id === item.link?.id)?.taskId ?? item.taskId;
      return taskId ? task(taskId) : null;
    }
    default:
      return item.taskId ? task(item.taskId) : null;
  }
}

export type RuleWordsKey =
  | 'meetings.rule.once'
  | 'meetings.rule.daily'
  | 'meetings.rule.weekly'
  | 'meetings.rule.biweekly'
  | 'meetings.rule.monthly'
  | 'meetings.rule.custom';

/** Long weekday names in the reader's language (1 Jan 2024 was a Monday). */
export function weekdayName(day: RuleWeekday, locale: string): string {
  const index = ruleWeekdays.indexOf(day);
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1 + index)),
  );
}

/** A series' repetition in words: "Weekly on Monday", "Every two weeks on Monday", … */
export function ruleWords(
  series: Pick<MeetingSeries, 'rrule' | 'startsAt' | 'timeZone'>,
  locale: string,
): { key: RuleWordsKey; params: Record<string, string | number> } {
  if (!series.rrule) return { key: 'meetings.rule.once', params: {} };
  const parsed = parseRule(series.rrule);
  if (!parsed.ok) return { key: 'meetings.rule.custom', params: { rule: series.rrule } };
  const r = parsed.rule;
  const plain = r.count === null && r.until === null && r.byMonth.length === 0 && r.byMonthDay.length === 0;
  const days = r.byDay.every((d) => d.nth === null) ? r.byDay.map((d) => d.weekday) : null;
  if (plain && r.freq === 'DAILY' && r.interval === 1 && r.byDay.length === 0)
    return { key: 'meetings.rule.daily', params: {} };
  if (plain && r.freq === 'WEEKLY' && days !== null && (r.interval === 1 || r.interval === 2)) {
    const list = days.length > 0 ? days : [weekdayOf(series.startsAt, series.timeZone)];
    const weekday = new Intl.ListFormat(locale, { type: 'conjunction' }).format(
      list.map((d) => weekdayName(d, locale)),
    );
    return { key: r.interval === 1 ? 'meetings.rule.weekly' : 'meetings.rule.biweekly', params: { weekday } };
  }
  if (plain && r.freq === 'MONTHLY' && r.interval === 1 && r.byDay.length === 0)
    return { key: 'meetings.rule.monthly', params: {} };
  return { key: 'meetings.rule.custom', params: { rule: series.rrule } };
}
