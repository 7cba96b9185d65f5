import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  byDueDay,
  dayOf,
  dueRange,
  groupWeek,
  hasTimeOfDay,
  isDayKey,
  monthGrid,
  startOfDay,
  weekDays,
  weekdayOf,
  weekdayOrder,
  weekStartFor,
  zonedInstant,
} from './dates.ts';

describe('day arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('adds months to the first of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-01');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-01');
    expect(addMonths('2026-12-15', 13)).toBe('2028-01-01');
  });

  it('weekdays count Monday as 1 and Sunday as 7', () => {
    expect(weekdayOf('2026-05-04')).toBe(1);
    expect(weekdayOf('2026-05-10')).toBe(7);
  });

  it('validates day keys', () => {
    expect(isDayKey('2026-02-28')).toBe(true);
    expect(isDayKey('2026-02-30')).toBe(false);
    expect(isDayKey('2026-2-3')).toBe(false);
    expect(isDayKey(null)).toBe(false);
  });
});

describe('days in a time zone', () => {
  it('the same instant is a different day in Berlin and Los Angeles', () => {
    const instant = '2026-05-05T03:30:00.000Z';
    expect(dayOf(instant, 'Europe/Berlin')).toBe('2026-05-05');
    expect(dayOf(instant, 'America/Los_Angeles')).toBe('2026-05-04');
    expect(dayOf(instant, 'Pacific/Kiritimati')).toBe('2026-05-05');
  });

  it('a day starts at local midnight, also on a daylight-saving day', () => {
    expect(new Date(startOfDay('2026-03-29', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
    expect(new Date(startOfDay('2026-03-30', 'Europe/Berlin')).toISOString()).toBe(
      '2026-03-29T22:00:00.000Z',
    );
    // São Paulo has no DST now; Havana skips midnight in March (00:00 → 01:00).
    expect(new Date(startOfDay('2026-03-08', 'America/Havana')).toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
  });

  it('due range covers whole days, the last one inclusive', () => {
    expect(dueRange('2026-05-04', '2026-05-10', 'Europe/Berlin')).toEqual({
      dueFrom: '2026-05-03T22:00:00.000Z',
      dueTo: '2026-05-10T21:59:59.999Z',
    });
  });

  it('a date picked without a time is due at the end of that day', () => {
    const iso = new Date(zonedInstant('2026-05-04', '23:59', 'Europe/Berlin')).toISOString();
    expect(iso).toBe('2026-05-04T21:59:00.000Z');
    expect(hasTimeOfDay(iso, 'Europe/Berlin')).toBe(false);
    expect(hasTimeOfDay(iso, 'UTC')).toBe(true);
  });
});

describe('week start and calendar grid', () => {
  it('German weeks start on Monday, US English on Sunday', () => {
    expect(weekStartFor('de')).toBe(1);
    expect(weekStartFor('de-DE')).toBe(1);
    expect(weekStartFor('en')).toBe(7);
    expect(weekStartFor('en-US')).toBe(7);
    expect(weekStartFor('en-GB')).toBe(1);
  });

  it('month grid: 6 weeks from the week start on or before the 1st', () => {
    // May 2026 begins on a Friday.
    const monday = monthGrid(2026, 5, 1);
    expect(monday).toHaveLength(42);
    expect(monday[0]).toBe('2026-04-27');
    expect(monday[41]).toBe('2026-06-07');
    const sunday = monthGrid(2026, 5, 7);
    expect(sunday[0]).toBe('2026-04-26');
    expect(sunday[41]).toBe('2026-06-06');
    expect(sunday.every((day, i) => weekdayOf(day) === weekdayOrder(7)[i % 7])).toBe(true);
  });

  it('a month starting on the week start begins with its 1st', () => {
    // February 2026 begins on a Sunday; June 2026 on a Monday.
    expect(monthGrid(2026, 2, 7)[0]).toBe('2026-02-01');
    expect(monthGrid(2026, 6, 1)[0]).toBe('2026-06-01');
  });

  it('week days for each week start', () => {
    expect(weekDays('2026-05-06', 1)).toEqual([
      '2026-05-04',
      '2026-05-05',
      '2026-05-06',
      '2026-05-07',
      '2026-05-08',
      '2026-05-09',
      '2026-05-10',
    ]);
    expect(weekDays('2026-05-06', 7)[0]).toBe('2026-05-03');
    expect(weekdayOrder(1)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(weekdayOrder(7)).toEqual([7, 1, 2, 3, 4, 5, 6]);
  });
});

describe('groupWeek', () => {
  const task = (id: string, dueAt: string | null) => ({ id, dueAt });

  it('overdue first, then seven days, then no due date; later ones apart', () => {
    const now = Date.parse('2026-05-04T10:00:00.000Z'); // 12:00 in Berlin, Monday
    const groups = groupWeek(
      [
        task('none', null),
        task('past', '2026-05-01T10:00:00.000Z'),
        task('earlier-today', '2026-05-04T09:00:00.000Z'),
        task('today', '2026-05-04T20:00:00.000Z'),
        task('sunday', '2026-05-10T21:00:00.000Z'),
        task('next-monday', '2026-05-11T08:00:00.000Z'),
      ],
      now,
      'Europe/Berlin',
    );
    expect(groups.overdue.map((t) => t.id)).toEqual(['past', 'earlier-today']);
    expect(groups.days.map((d) => d.day)).toEqual([
      '2026-05-04',
      '2026-05-05',
      '2026-05-06',
      '2026-05-07',
      '2026-05-08',
      '2026-05-09',
      '2026-05-10',
    ]);
    expect(groups.days[0]?.tasks.map((t) => t.id)).toEqual(['today']);
    expect(groups.days[6]?.tasks.map((t) => t.id)).toEqual(['sunday']);
    expect(groups.noDue.map((t) => t.id)).toEqual(['none']);
    expect(groups.later.map((t) => t.id)).toEqual(['next-monday']);
  });

  it('the same tasks fall on other days in another zone', () => {
    const now = Date.parse('2026-05-04T10:00:00.000Z'); // 03:00 in Los Angeles
    const groups = groupWeek(
      [task('a', '2026-05-05T03:30:00.000Z'), task('b', '2026-05-11T06:00:00.000Z')],
      now,
      'America/Los_Angeles',
    );
    // 2026-05-05T03:30Z is still May 4 in Los Angeles; May 11 06:00Z is May 10 23:00 there.
    expect(groups.days[0]?.tasks.map((t) => t.id)).toEqual(['a']);
    expect(groups.days[6]?.tasks.map((t) => t.id)).toEqual(['b']);
    const berlin = groupWeek(
      [task('a', '2026-05-05T03:30:00.000Z'), task('b', '2026-05-11T06:00:00.000Z')],
      now,
      'Europe/Berlin',
    );
    expect(berlin.days[1]?.tasks.map((t) => t.id)).toEqual(['a']);
    expect(berlin.later.map((t) => t.id)).toEqual(['b']);
  });

  it('"today" follows the zone across a daylight-saving change', () => {
    // Sunday 29 March 2026, 00:30 in Berlin (still CET, 23:30Z the day before).
    const now = Date.parse('2026-03-28T23:30:00.000Z');
    const groups = groupWeek([task('noon', '2026-03-29T10:00:00.000Z')], now, 'Europe/Berlin');
    expect(groups.days[0]?.day).toBe('2026-03-29');
    expect(groups.days[0]?.tasks.map((t) => t.id)).toEqual(['noon']);
  });

  it('byDueDay groups by the local day, in due order', () => {
    const map = byDueDay(
      [task('b', '2026-05-04T20:00:00.000Z'), task('a', '2026-05-04T08:00:00.000Z'), task('n', null)],
      'Europe/Berlin',
    );
    expect([...map.keys()]).toEqual(['2026-05-04']);
    expect(map.get('2026-05-04')?.map((t) => t.id)).toEqual(['a', 'b']);
  });
});
