import {
  type CreateMeetingBody,
  checkMeeting,
  type MeetingSeries,
  parseRule,
  type RuleWeekday,
  type UpdateMeetingBody,
} from '@leeway/core';
import { type FieldProblem, fromCore } from '../lessons/problems.ts';
import { fromDueInputs, toDueInputs } from '../tasks/due.ts';
import { weekdayOf } from '../tasks/recurrence-presets.ts';

/**
 * The "New meeting" form as plain data: wall date and time in the meeting's zone, a repeat
 * preset (or an RRULE typed by hand), and the mapping to the contract's body. Validation is
 * core's `checkMeeting`, run on every keystroke, so the form says what the server would.
 */
export const repeatKinds = ['none', 'weekly', 'biweekly', 'monthly', 'custom'] as const;
export type RepeatKind = (typeof repeatKinds)[number];

export interface MeetingDraft {
  title: string;
  description: string;
  participantIds: string[];
  /** `YYYY-MM-DD` and `HH:MM` in `timeZone`. */
  date: string;
  time: string;
  duration: string;
  repeat: RepeatKind;
  custom: string;
  /** Last day a meeting may start on (`YYYY-MM-DD`), or ''. */
  untilDate: string;
  timeZone: string;
}

/** Tomorrow at 10:00 in the zone: a sensible first meeting. */
export function emptyMeetingDraft(timeZone: string, selfId: string, now = Date.now()): MeetingDraft {
  const tomorrow = toDueInputs(new Date(now + 24 * 3_600_000).toISOString(), timeZone);
  return {
    title: '',
    description: '',
    participantIds: selfId ? [selfId] : [],
    date: tomorrow.date,
    time: '10:00',
    duration: '30',
    repeat: 'weekly',
    custom: '',
    untilDate: '',
    timeZone,
  };
}

/** The RRULE for a preset; the weekly ones repeat on the weekday of the first meeting. */
export function repeatRule(kind: RepeatKind, custom: string, weekday: RuleWeekday): string | null {
  switch (kind) {
    case 'none':
      return null;
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${weekday}`;
    case 'biweekly':
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${weekday}`;
    case 'monthly':
      return 'FREQ=MONTHLY';
    case 'custom': {
      const text = custom.trim().replace(/^RRULE:/i, '');
      return text === '' ? '' : text;
    }
  }
}

/** Reads a stored rule back into the preset that writes it, else "custom" with the text. */
export function ruleToRepeat(rule: string | null): { kind: RepeatKind; custom: string } {
  if (rule === null || rule === '') return { kind: 'none', custom: '' };
  const parsed = parseRule(rule);
  if (parsed.ok) {
    const r = parsed.rule;
    const plain = r.count === null && r.until === null && r.byMonth.length === 0 && r.byMonthDay.length === 0;
    const oneDay = r.byDay.length === 1 && r.byDay[0]?.nth === null;
    if (plain && r.freq === 'WEEKLY' && oneDay && r.interval === 1) return { kind: 'weekly', custom: '' };
    if (plain && r.freq === 'WEEKLY' && oneDay && r.interval === 2) return { kind: 'biweekly', custom: '' };
    if (plain && r.freq === 'MONTHLY' && r.byDay.length === 0 && r.interval === 1)
      return { kind: 'monthly', custom: '' };
  }
  return { kind: 'custom', custom: rule };
}

export function draftFromSeries(series: MeetingSeries): MeetingDraft {
  const start = toDueInputs(series.startsAt, series.timeZone);
  const repeat = ruleToRepeat(series.rrule);
  return {
    title: series.title,
    description: series.description,
    participantIds: [...series.participantIds],
    date: start.date,
    // toDueInputs leaves the time empty at 23:59 (a task's "no time"); a meeting always has one.
    time: start.time || '23:59',
    duration: String(series.durationMin),
    repeat: repeat.kind,
    custom: repeat.custom,
    untilDate: series.until ? toDueInputs(series.until, series.timeZone).date : '',
    timeZone: series.timeZone,
  };
}

/** The first start as an instant, or null when date or time can't be read yet. */
export function draftStart(draft: MeetingDraft): string | null {
  if (draft.date.trim() === '' || draft.time.trim() === '') return null;
  return fromDueInputs(draft.date, draft.time, draft.timeZone) ?? null;
}

/** The rule the draft means (null: a single meeting; '' : custom left empty). */
export function draftRule(draft: MeetingDraft): string | null {
  const start = draftStart(draft);
  const weekday = start ? weekdayOf(start, draft.timeZone) : 'MO';
  return repeatRule(draft.repeat, draft.custom, weekday);
}

function draftUntil(draft: MeetingDraft): string | null | undefined {
  if (draft.untilDate.trim() === '') return null;
  // The whole last day counts: a meeting at 10:00 on that day still takes place.
  return fromDueInputs(draft.untilDate, '23:59', draft.timeZone);
}

/** What `checkMeeting` gets: the contract's fields, with unreadable inputs as invalid values. */
export function draftInput(draft: MeetingDraft): Record<string, unknown> {
  const duration = draft.duration.trim() === '' ? Number.NaN : Number(draft.duration);
  const until = draftUntil(draft);
  return {
    title: draft.title,
    description: draft.description,
    participantIds: draft.participantIds,
    timeZone: draft.timeZone,
    startsAt: draftStart(draft) ?? '',
    durationMin: duration,
    rrule: draftRule(draft),
    until: until === undefined ? 'invalid' : until,
  };
}

/** The form's problems, by field; custom rules left empty count as "required". */
export function meetingDraftProblems(draft: MeetingDraft): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (draft.date.trim() === '' || draft.time.trim() === '')
    problems.push({ field: 'startsAt', code: 'required', params: {} });
  if (draft.repeat === 'custom' && draft.custom.trim() === '')
    problems.push({ field: 'rrule', code: 'required', params: {} });
  const checked = checkMeeting(draftInput(draft));
  if (!checked.ok) {
    for (const p of fromCore(checked.problems)) {
      if (p.field === 'rrule' && problems.some((q) => q.field === 'rrule')) continue;
      if (p.field === 'startsAt' && problems.some((q) => q.field === 'startsAt')) continue;
      problems.push(p);
    }
  }
  return problems;
}

/** The parser's English detail for a refused custom rule, shown as code beside the sentence. */
export function customRuleDetail(draft: MeetingDraft): string | null {
  if (draft.repeat !== 'custom' || draft.custom.trim() === '') return null;
  const parsed = parseRule(draft.custom.trim().replace(/^RRULE:/i, ''));
  return parsed.ok ? null : parsed.message;
}

export function toCreateBody(draft: MeetingDraft): CreateMeetingBody {
  const until = draftUntil(draft);
  return {
    title: draft.title.trim(),
    description: draft.description.trim(),
    participantIds: draft.participantIds,
    rrule: draftRule(draft) || null,
    timeZone: draft.timeZone,
    startsAt: draftStart(draft) ?? '',
    durationMin: Number(draft.duration),
    until: until ?? null,
  };
}

export function toUpdateBody(draft: MeetingDraft, version: number): UpdateMeetingBody {
  return { ...toCreateBody(draft), version };
}
