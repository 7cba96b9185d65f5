import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wallTimeAt } from '../zoned-time.ts';
import {
  checkCheckIn,
  checkCheckInReminder,
  checkInWeek,
  isCheckInDue,
  nextCheckInReminder,
} from './checkins.ts';
import { checkInLimits } from './values.ts';

const valid = { done: 'Invoices', planned: 'Payroll', blockers: '', autonomy: 4, discuss: false };

describe('checkCheckIn', () => {
  it('accepts and trims; discuss defaults to false', () => {
    expect(checkCheckIn({ ...valid, done: ' Invoices ', discuss: undefined })).toEqual({
      ok: true,
      value: valid,
    });
  });

  it.each([
    ['autonomy 0', { autonomy: 0 }, 'autonomy', 'integer_between'],
    ['autonomy 6', { autonomy: 6 }, 'autonomy', 'integer_between'],
    ['autonomy 2.5', { autonomy: 2.5 }, 'autonomy', 'integer_between'],
    ['autonomy missing', { autonomy: undefined }, 'autonomy', 'integer_between'],
    ['long blockers', { blockers: 'x'.repeat(checkInLimits.textMax + 1) }, 'blockers', 'too_long'],
    ['discuss not boolean', { discuss: 'yes' }, 'discuss', 'not_allowed'],
    ['nothing written', { done: ' ', planned: '', blockers: undefined }, 'done', 'required'],
  ])('%s', (_name, patch, field, code) => {
    const result = checkCheckIn({ ...valid, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.objectContaining({ field, code })]);
  });

  it('accepts a check-in with only blockers', () => {
    expect(checkCheckIn({ ...valid, done: '', planned: '', blockers: 'No access' }).ok).toBe(true);
  });
});

describe('checkCheckInReminder', () => {
  it('accepts a weekday, a time and a zone', () => {
    expect(checkCheckInReminder({ weekday: 5, time: '16:00', timeZone: 'Europe/Berlin' }).ok).toBe(true);
  });
  it.each([
    [{ weekday: 0, time: '16:00', timeZone: 'UTC' }, 'weekday'],
    [{ weekday: 8, time: '16:00', timeZone: 'UTC' }, 'weekday'],
    [{ weekday: 1, time: '24:00', timeZone: 'UTC' }, 'time'],
    [{ weekday: 1, time: '9:00', timeZone: 'UTC' }, 'time'],
    [{ weekday: 1, time: '09:00', timeZone: 'Mars/Olympus' }, 'timeZone'],
  ])('refuses %o', (input, field) => {
    const result = checkCheckInReminder(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.field).toBe(field);
  });
});

describe('checkInWeek', () => {
  it.each([
    ['a Thursday', '2026-11-26T12:00:00Z', 'UTC', '2026-W48'],
    ['Sunday night UTC is Monday in Berlin', '2026-11-29T23:30:00Z', 'Europe/Berlin', '2026-W49'],
    ['the same instant in UTC', '2026-11-29T23:30:00Z', 'UTC', '2026-W48'],
    ['Monday morning in Sydney', '2026-11-29T14:00:00Z', 'Australia/Sydney', '2026-W49'],
    ['Sunday evening in New York', '2026-11-30T03:00:00Z', 'America/New_York', '2026-W48'],
    ['1 January 2027 belongs to 2026', '2027-01-01T12:00:00Z', 'UTC', '2026-W53'],
    ['30 December 2024 belongs to 2025', '2024-12-30T12:00:00Z', 'UTC', '2025-W01'],
    ['4 January is always week 1', '2027-01-04T12:00:00Z', 'UTC', '2027-W01'],
  ])('%s', (_name, instant, zone, week) => {
    expect(checkInWeek(instant, zone)).toBe(week);
  });

  it('says a check-in is due when none was submitted this week', () => {
    expect(isCheckInDue(null, '2026-11-26T12:00:00Z', 'UTC')).toBe(true);
    expect(isCheckInDue('2026-11-23T08:00:00Z', '2026-11-26T12:00:00Z', 'UTC')).toBe(false);
    expect(isCheckInDue('2026-11-22T22:00:00Z', '2026-11-26T12:00:00Z', 'UTC')).toBe(true);
    // 22 Nov 23:30 UTC is already Monday 23 Nov in Berlin.
    expect(isCheckInDue('2026-11-22T23:30:00Z', '2026-11-26T12:00:00Z', 'Europe/Berlin')).toBe(false);
  });
});

describe('nextCheckInReminder', () => {
  const friday4pm = { weekday: 5, time: '16:00', timeZone: 'Europe/Berlin' } as const;
  it.each([
    ['later this week (winter)', friday4pm, '2026-11-26T12:00:00Z', '2026-11-27T15:00:00.000Z'],
    [
      'strictly after: at the reminder gives next week',
      friday4pm,
      '2026-11-27T15:00:00Z',
      '2026-12-04T15:00:00.000Z',
    ],
    ['earlier on the same day', friday4pm, '2026-11-27T10:00:00Z', '2026-11-27T15:00:00.000Z'],
    ['summer time', friday4pm, '2026-07-01T00:00:00Z', '2026-07-03T14:00:00.000Z'],
    [
      'across the March change in Berlin',
      { weekday: 1, time: '09:00', timeZone: 'Europe/Berlin' },
      '2026-03-23T08:00:00Z',
      '2026-03-30T07:00:00.000Z',
    ],
    [
      'across the November change in New York',
      { weekday: 1, time: '09:00', timeZone: 'America/New_York' },
      '2026-10-26T13:00:00Z',
      '2026-11-02T14:00:00.000Z',
    ],
    [
      'a time in the skipped hour moves forward (Berlin)',
      { weekday: 7, time: '02:30', timeZone: 'Europe/Berlin' },
      '2026-03-28T00:00:00Z',
      '2026-03-29T01:30:00.000Z',
    ],
    [
      'a time in the skipped hour moves forward (New York)',
      { weekday: 7, time: '02:30', timeZone: 'America/New_York' },
      '2026-03-07T00:00:00Z',
      '2026-03-08T07:30:00.000Z',
    ],
  ] as const)('%s', (_name, reminder, after, expected) => {
    expect(nextCheckInReminder(reminder, after)).toBe(expected);
  });

  it('property: the next reminder is within a week, on the weekday at the time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') }),
        fc.constantFrom(1, 2, 3, 4, 5, 6, 7),
        fc.integer({ min: 4, max: 23 }),
        fc.constantFrom('Europe/Berlin', 'America/New_York', 'Asia/Kolkata'),
        (afterMs, weekday, hour, timeZone) => {
          const time = `${String(hour).padStart(2, '0')}:15`;
          const next = Date.parse(
            nextCheckInReminder({ weekday, time, timeZone }, new Date(afterMs).toISOString()),
          );
          expect(next).toBeGreaterThan(afterMs);
          expect(next - afterMs).toBeLessThanOrEqual(7 * 86_400_000 + 3_600_000);
          const w = wallTimeAt(next, timeZone);
          expect([w.hour, w.minute]).toEqual([hour, 15]);
          expect(((new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() + 6) % 7) + 1).toBe(weekday);
        },
      ),
    );
  });
});
