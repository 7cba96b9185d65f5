import type { CheckIn } from '@leeway/core';

const DAY_MS = 86_400_000;

export interface WeekDays {
  year: number;
  week: number;
  /** Monday, as a UTC midnight (a calendar date, not an instant in anyone's zone). */
  start: Date;
  /** Sunday, as a UTC midnight. */
  end: Date;
}

/**
 * The calendar days of an ISO week key ("2026-W48" → Mon 23 Nov … Sun 29 Nov 2026).
 * Week 1 is the week holding 4 January, so its Monday may lie in the previous year.
 * Null for anything that isn't a week key of a week that exists (W53 only in long years).
 */
export function weekDays(key: string): WeekDays | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  if (week < 1 || week > 53) return null;
  const jan4 = new Date(Date.UTC(2000, 0, 4));
  jan4.setUTCFullYear(year, 0, 4);
  const jan4Weekday = ((jan4.getUTCDay() + 6) % 7) + 1;
  const start = new Date(jan4.getTime() - (jan4Weekday - 1) * DAY_MS + (week - 1) * 7 * DAY_MS);
  const end = new Date(start.getTime() + 6 * DAY_MS);
  // Week 53 of a 52-week year is week 1 of the next: its Thursday falls in another year.
  const thursday = new Date(start.getTime() + 3 * DAY_MS);
  if (thursday.getUTCFullYear() !== year) return null;
  return { year, week, start, end };
}

/** "23–29 Nov" / "23.–29. Nov.": the days of a week in the reader's language. */
export function formatWeekRange(days: Pick<WeekDays, 'start' | 'end'>, locale: string): string {
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return format.formatRange(days.start, days.end);
}

/** "Sunday, 29 November": the last day a check-in of this week can still be changed. */
export function formatWeekEnd(days: Pick<WeekDays, 'end'>, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(days.end);
}

/** The weekday's name for an ISO weekday number (1 = Monday) in the reader's language. */
export function weekdayName(isoWeekday: number, locale: string): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, isoWeekday)),
  );
}

/** Check-ins grouped by week key, newest week first; within a week by name. */
export function groupByWeek(checkIns: readonly CheckIn[]): { week: string; checkIns: CheckIn[] }[] {
  const groups = new Map<string, CheckIn[]>();
  for (const checkIn of checkIns) {
    const list = groups.get(checkIn.week);
    if (list) list.push(checkIn);
    else groups.set(checkIn.week, [checkIn]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([week, list]) => ({
      week,
      checkIns: [...list].sort((x, y) => x.memberName.localeCompare(y.memberName)),
    }));
}
