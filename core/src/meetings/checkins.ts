import { isValidTimeZone } from '../locale.ts';
import { checkText, sopProblem } from '../sops/internal.ts';
import type { SopChecked, SopProblem } from '../sops/problems.ts';
import { wallTimeAt, wallTimeToInstant } from '../zoned-time.ts';
import { checkInLimits, type IsoWeekday } from './values.ts';

/**
 * The weekly check-in (DESIGN §7): each assistant once a week per workspace. The week is
 * the assistant's own ISO week in their zone, so a Sunday-evening check-in in Sydney does
 * not land in next week because the server runs on UTC.
 */
export interface CheckInInput {
  done: string;
  planned: string;
  blockers: string;
  /** "I have the autonomy I need", 1 (not at all) to 5 (fully). */
  autonomy: number;
  /** "Discuss in the meeting": puts the check-in on the next agenda even without blockers. */
  discuss: boolean;
}

export interface CheckInReminder {
  weekday: IsoWeekday;
  /** Wall-clock time "HH:MM" in `timeZone`. */
  time: string;
  timeZone: string;
}

const DAY_MS = 86_400_000;

/**
 * Validates and trims a check-in. The texts are each optional, but an empty check-in (no
 * text at all) is refused: the autonomy score alone says too little to be worth a weekly slot.
 */
export function checkCheckIn(input: Record<string, unknown>): SopChecked<CheckInInput> {
  const problems: SopProblem[] = [];
  const max = checkInLimits.textMax;
  const done = checkText('done', input.done, max, false, problems);
  const planned = checkText('planned', input.planned, max, false, problems);
  const blockers = checkText('blockers', input.blockers, max, false, problems);
  if (done === '' && planned === '' && blockers === '' && problems.length === 0) {
    problems.push(sopProblem('done', 'required', 'Say what you did, plan or are blocked by.'));
  }
  const autonomy = input.autonomy;
  if (
    typeof autonomy !== 'number' ||
    !Number.isInteger(autonomy) ||
    autonomy < checkInLimits.autonomyMin ||
    autonomy > checkInLimits.autonomyMax
  ) {
    problems.push(
      sopProblem('autonomy', 'integer_between', 'Autonomy is 1 to 5.', {
        min: checkInLimits.autonomyMin,
        max: checkInLimits.autonomyMax,
      }),
    );
  }
  const discuss = input.discuss ?? false;
  if (typeof discuss !== 'boolean')
    problems.push(sopProblem('discuss', 'not_allowed', 'Must be true or false.'));
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { done, planned, blockers, autonomy: autonomy as number, discuss: discuss === true },
  };
}

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Validates the reminder a person picks: ISO weekday 1–7, "HH:MM", a known zone. */
export function checkCheckInReminder(input: Record<string, unknown>): SopChecked<CheckInReminder> {
  const problems: SopProblem[] = [];
  const { weekday, time, timeZone } = input;
  if (typeof weekday !== 'number' || !Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
    problems.push(
      sopProblem('weekday', 'integer_between', 'Weekday is 1 (Monday) to 7.', { min: 1, max: 7 }),
    );
  }
  if (typeof time !== 'string' || !timePattern.test(time)) {
    problems.push(sopProblem('time', 'not_allowed', 'Time looks like 09:30.'));
  }
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone)) {
    problems.push(sopProblem('timeZone', 'not_allowed', 'Unknown time zone.'));
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { weekday: weekday as IsoWeekday, time: time as string, timeZone: timeZone as string },
  };
}

/** ISO weekday (1 = Monday) of a calendar date. */
function isoWeekdayOf(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(2000, 0, 1));
  d.setUTCFullYear(year, month - 1, day);
  return ((d.getUTCDay() + 6) % 7) + 1;
}

/**
 * The ISO week key ("2026-W48") an instant falls in, in the person's zone. ISO weeks start
 * on Monday and belong to the year of their Thursday, so 2027-01-01 (a Friday) is 2026-W53.
 */
export function checkInWeek(instantISO: string, timeZone: string): string {
  const w = wallTimeAt(Date.parse(instantISO), timeZone);
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(w.year, w.month - 1, w.day);
  const thursday = date.getTime() + (4 - isoWeekdayOf(w.year, w.month, w.day)) * DAY_MS;
  const thursdayDate = new Date(thursday);
  const weekYear = thursdayDate.getUTCFullYear();
  const jan1 = new Date(Date.UTC(2000, 0, 1));
  jan1.setUTCFullYear(weekYear, 0, 1);
  const week = Math.floor((thursday - jan1.getTime()) / DAY_MS / 7) + 1;
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/** True when no check-in has been submitted in the person's current ISO week. */
export function isCheckInDue(lastSubmittedAt: string | null, now: string, timeZone: string): boolean {
  return lastSubmittedAt === null || checkInWeek(lastSubmittedAt, timeZone) !== checkInWeek(now, timeZone);
}

/**
 * The next reminder strictly after `afterISO`, as an ISO instant. Computed in wall-clock
 * time, so "Friday 16:00 Europe/Berlin" is 16:00 in Berlin in summer and in winter; a time
 * skipped by a spring-forward change moves forward by the gap (02:30 → 03:30).
 */
export function nextCheckInReminder(reminder: CheckInReminder, afterISO: string): string {
  const match = timePattern.exec(reminder.time);
  if (!match) throw new RangeError(`Reminder time "${reminder.time}" is not HH:MM.`);
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  const afterMs = Date.parse(afterISO);
  const start = wallTimeAt(afterMs, reminder.timeZone);
  // Two weeks always hold the weekday twice: once may be earlier today, the next is the answer.
  for (let i = 0; i < 15; i++) {
    const day = new Date(Date.UTC(2000, 0, 1));
    day.setUTCFullYear(start.year, start.month - 1, start.day + i);
    const [year, month, date] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    if (isoWeekdayOf(year, month, date) !== reminder.weekday) continue;
    const ms = wallTimeToInstant(
      { year, month, day: date, hour, minute, second: 0, millisecond: 0 },
      reminder.timeZone,
    );
    if (ms > afterMs) return new Date(ms).toISOString();
  }
  throw new RangeError('No reminder within two weeks.');
}
