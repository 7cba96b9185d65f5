import { dueEndOfDay, wallTimeAt, wallTimeToInstant } from '@leeway/core';

/**
 * Calendar days in a person's time zone, without a date library. A day is a `DayKey`
 * ("2026-05-04"): plain calendar arithmetic happens on those, and only the edges of a range
 * become instants, through the zone (so a day is 23 or 25 hours long when clocks change).
 */
export type DayKey = string;

/** 1 = Monday … 7 = Sunday, as `Intl.Locale#getWeekInfo` counts. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function dayKey(year: number, month: number, day: number): DayKey {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function parseDayKey(key: DayKey): { year: number; month: number; day: number } {
  const [y, m, d] = key.split('-').map(Number);
  return { year: y ?? 1970, month: m ?? 1, day: d ?? 1 };
}

export function isDayKey(value: string | null | undefined): value is DayKey {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const { year, month, day } = parseDayKey(value);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function toUtcMs(key: DayKey): number {
  const { year, month, day } = parseDayKey(key);
  return Date.UTC(year, month - 1, day);
}

function fromUtcMs(ms: number): DayKey {
  const d = new Date(ms);
  return dayKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(key: DayKey, days: number): DayKey {
  return fromUtcMs(toUtcMs(key) + days * DAY_MS);
}

export function addMonths(key: DayKey, months: number): DayKey {
  const { year, month } = parseDayKey(key);
  const index = year * 12 + (month - 1) + months;
  return dayKey(Math.floor(index / 12), (index % 12) + 1, 1);
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(key: DayKey): Weekday {
  const sundayZero = new Date(toUtcMs(key)).getUTCDay();
  return (sundayZero === 0 ? 7 : sundayZero) as Weekday;
}

/** The day an instant falls on in a zone. */
export function dayOf(instant: string | number | Date, timeZone: string): DayKey {
  const ms =
    instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  const w = wallTimeAt(ms, timeZone);
  return dayKey(w.year, w.month, w.day);
}

/** The instant a day starts in a zone (midnight, or the first moment after a skipped one). */
export function startOfDay(key: DayKey, timeZone: string): number {
  const { year, month, day } = parseDayKey(key);
  return wallTimeToInstant({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/** The instant a wall-clock date and time ("2026-05-04", "14:30") means in a zone. */
export function zonedInstant(key: DayKey, time: string, timeZone: string): number {
  const { year, month, day } = parseDayKey(key);
  const [h, m] = time.split(':').map(Number);
  return wallTimeToInstant(
    { year, month, day, hour: h ?? 0, minute: m ?? 0, second: 0, millisecond: 0 },
    timeZone,
  );
}

/** "HH:MM" an instant shows in a zone. */
export function timeOf(instant: string, timeZone: string): string {
  const w = wallTimeAt(Date.parse(instant), timeZone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/**
 * A due date picked without a time means "by the end of that day": 23:59 in the zone. Such
 * dates show without a time.
 */
export const END_OF_DAY = dueEndOfDay;

export function hasTimeOfDay(instant: string, timeZone: string): boolean {
  return timeOf(instant, timeZone) !== END_OF_DAY;
}

/** The first day of the week for a language, from the browser's CLDR data when it has it. */
export function weekStartFor(locale: string): Weekday {
  try {
    const loc = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const info = loc.getWeekInfo?.() ?? loc.weekInfo;
    if (info && info.firstDay >= 1 && info.firstDay <= 7) return info.firstDay as Weekday;
  } catch {
    // An engine without week data: fall through to the table.
  }
  const region = new Intl.Locale(locale).maximize().region ?? '';
  // The large regions that start on Sunday; nearly everywhere else (and ISO 8601) uses Monday.
  return ['US', 'CA', 'MX', 'BR', 'JP', 'IL', 'PH', 'IN', 'ZA', 'AU'].includes(region) ? 7 : 1;
}

/** The first day of the week that contains `key`. */
export function startOfWeek(key: DayKey, weekStart: Weekday): DayKey {
  const back = (weekdayOf(key) - weekStart + 7) % 7;
  return addDays(key, -back);
}

/** The 7 days of the week containing `key`. */
export function weekDays(key: DayKey, weekStart: Weekday): DayKey[] {
  const first = startOfWeek(key, weekStart);
  return Array.from({ length: 7 }, (_, i) => addDays(first, i));
}

/**
 * A month view: always 6 weeks (42 days), starting on the locale's first weekday on or before
 * the 1st, so the grid never changes height between months.
 */
export function monthGrid(year: number, month: number, weekStart: Weekday): DayKey[] {
  const first = startOfWeek(dayKey(year, month, 1), weekStart);
  return Array.from({ length: 42 }, (_, i) => addDays(first, i));
}

/** The instants a list query needs for "due on one of these days" (`dueTo` is inclusive). */
export function dueRange(
  firstDay: DayKey,
  lastDay: DayKey,
  timeZone: string,
): { dueFrom: string; dueTo: string } {
  return {
    dueFrom: new Date(startOfDay(firstDay, timeZone)).toISOString(),
    dueTo: new Date(startOfDay(addDays(lastDay, 1), timeZone) - 1).toISOString(),
  };
}

/** Which weekday names to show, in order, for a week that starts on `weekStart`. */
export function weekdayOrder(weekStart: Weekday): Weekday[] {
  return Array.from({ length: 7 }, (_, i) => (((weekStart - 1 + i) % 7) + 1) as Weekday);
}

export interface DueTask {
  dueAt: string | null;
}

export interface WeekGroups<T extends DueTask> {
  overdue: T[];
  days: { day: DayKey; tasks: T[] }[];
  noDue: T[];
  /** Due after the seven days shown. */
  later: T[];
}

/**
 * "My week": overdue first, then today and the six days after it in the person's zone, then
 * the tasks without a due date. Within a day, by due time. Something due earlier today is
 * overdue, not "today": it has passed.
 */
export function groupWeek<T extends DueTask>(
  tasks: readonly T[],
  now: number,
  timeZone: string,
): WeekGroups<T> {
  const today = dayOf(now, timeZone);
  const days = Array.from({ length: 7 }, (_, i) => ({ day: addDays(today, i), tasks: [] as T[] }));
  const index = new Map(days.map((d, i) => [d.day, i]));
  const groups: WeekGroups<T> = { overdue: [], days, noDue: [], later: [] };
  const sorted = [...tasks].sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
  for (const task of sorted) {
    if (task.dueAt === null) {
      groups.noDue.push(task);
      continue;
    }
    const due = Date.parse(task.dueAt);
    if (due < now) {
      groups.overdue.push(task);
      continue;
    }
    const at = index.get(dayOf(due, timeZone));
    if (at === undefined) groups.later.push(task);
    else days[at]?.tasks.push(task);
  }
  return groups;
}

/** Groups tasks by the day they are due in a zone (for the calendar). */
export function byDueDay<T extends DueTask>(tasks: readonly T[], timeZone: string): Map<DayKey, T[]> {
  const map = new Map<DayKey, T[]>();
  const sorted = [...tasks].sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
  for (const task of sorted) {
    if (task.dueAt === null) continue;
    const key = dayOf(task.dueAt, timeZone);
    const list = map.get(key);
    if (list) list.push(task);
    else map.set(key, [task]);
  }
  return map;
}
