import fc from 'fast-check';
import { type Frequency, RRule, type Weekday } from 'rrule';
import { describe, expect, it } from 'vitest';
import {
  firstOccurrences,
  formatRule,
  latestDueOccurrence,
  nextOccurrence,
  parseRule,
  recurrenceLimits,
  ruleWeekdays,
} from './recurrence.ts';
import { wallTimeAt, wallTimeToFloatingMs, wallTimeToInstant, zoneOffsetMs } from './zoned-time.ts';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';

describe('zoned time', () => {
  it.each([
    // [zone, instant, wall time shown]
    [BERLIN, '2026-01-15T08:00:00.000Z', [2026, 1, 15, 9, 0]],
    [BERLIN, '2026-07-15T07:00:00.000Z', [2026, 7, 15, 9, 0]],
    [NEW_YORK, '2026-01-15T14:00:00.000Z', [2026, 1, 15, 9, 0]],
    [NEW_YORK, '2026-07-15T13:00:00.000Z', [2026, 7, 15, 9, 0]],
    ['Asia/Kolkata', '2026-07-15T03:30:00.000Z', [2026, 7, 15, 9, 0]],
    ['UTC', '2026-12-31T23:59:00.000Z', [2026, 12, 31, 23, 59]],
  ] as const)('%s: %s shows %j', (zone, iso, [year, month, day, hour, minute]) => {
    const wall = wallTimeAt(Date.parse(iso), zone);
    expect(wall).toMatchObject({ year, month, day, hour, minute, second: 0 });
    expect(new Date(wallTimeToInstant(wall, zone)).toISOString()).toBe(iso);
  });

  it('moves a wall time in the spring-forward gap forward by the gap', () => {
    const wall = { year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0, millisecond: 0 };
    expect(new Date(wallTimeToInstant(wall, BERLIN)).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(wallTimeAt(Date.parse('2026-03-29T01:30:00.000Z'), BERLIN)).toMatchObject({ hour: 3, minute: 30 });
    const ny = { year: 2026, month: 3, day: 8, hour: 2, minute: 15, second: 0, millisecond: 0 };
    expect(new Date(wallTimeToInstant(ny, NEW_YORK)).toISOString()).toBe('2026-03-08T07:15:00.000Z');
  });

  it('reads a repeated wall time (clocks going back) as the earlier instant', () => {
    const wall = { year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0, millisecond: 0 };
    expect(new Date(wallTimeToInstant(wall, BERLIN)).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    const ny = { year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0, millisecond: 0 };
    expect(new Date(wallTimeToInstant(ny, NEW_YORK)).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('knows the offsets on both sides of a change', () => {
    expect(zoneOffsetMs(Date.parse('2026-03-29T00:59:00Z'), BERLIN)).toBe(3_600_000);
    expect(zoneOffsetMs(Date.parse('2026-03-29T01:00:00Z'), BERLIN)).toBe(7_200_000);
    expect(zoneOffsetMs(Date.parse('2026-11-01T06:00:00Z'), NEW_YORK)).toBe(-5 * 3_600_000);
  });

  it('round-trips every instant through its wall time, in any zone (outside repeated hours)', () => {
    const zones = [BERLIN, NEW_YORK, 'UTC', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/Sao_Paulo'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1990-01-01'), max: Date.parse('2060-01-01') }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const wall = wallTimeAt(ms, zone);
          const back = wallTimeToInstant(wall, zone);
          // The same wall time may happen twice; then we pick the earlier one, never another time.
          expect(wallTimeAt(back, zone)).toEqual(wall);
          expect(back).toBeLessThanOrEqual(ms);
          expect(ms - back).toBeLessThanOrEqual(2 * 3_600_000);
          expect(wallTimeToFloatingMs(wall) - back).toBe(zoneOffsetMs(back, zone));
        },
      ),
    );
  });
});

describe('parseRule', () => {
  it.each([
    ['FREQ=DAILY', 'FREQ=DAILY'],
    ['RRULE:FREQ=WEEKLY;BYDAY=MO', 'FREQ=WEEKLY;BYDAY=MO'],
    ['rrule:freq=weekly;byday=fr,mo;interval=2', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR'],
    ['FREQ=MONTHLY;BYDAY=1MO', 'FREQ=MONTHLY;BYDAY=1MO'],
    ['FREQ=MONTHLY;BYDAY=-1FR', 'FREQ=MONTHLY;BYDAY=-1FR'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1,15,1', 'FREQ=MONTHLY;BYMONTHDAY=-1,1,15'],
    ['FREQ=YEARLY;BYMONTH=12,3;BYMONTHDAY=24', 'FREQ=YEARLY;BYMONTH=3,12;BYMONTHDAY=24'],
    ['FREQ=YEARLY;BYDAY=20MO', 'FREQ=YEARLY;BYDAY=20MO'],
    ['FREQ=DAILY;COUNT=10', 'FREQ=DAILY;COUNT=10'],
    ['FREQ=DAILY;UNTIL=20261231', 'FREQ=DAILY;UNTIL=20261231'],
    ['FREQ=DAILY;UNTIL=20261231T170000Z;', 'FREQ=DAILY;UNTIL=20261231T170000Z'],
    ['FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,MO', 'FREQ=WEEKLY;BYDAY=MO'],
  ])('reads %s as %s', (text, canonical) => {
    const parsed = parseRule(text);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(formatRule(parsed.rule)).toBe(canonical);
    // The canonical spelling reads back to the same rule.
    const again = parseRule(canonical);
    expect(again.ok && again.rule).toEqual(parsed.rule);
  });

  it.each([
    ['', /empty/],
    ['RRULE:', /empty/],
    ['BYDAY=MO', /FREQ is missing/],
    ['FREQ=HOURLY', /HOURLY is not supported/],
    ['FREQ=SECONDLY', /not supported/],
    ['FREQ=DAILY;BYHOUR=9', /BYHOUR is not supported/],
    ['FREQ=DAILY;BYSETPOS=1', /BYSETPOS is not supported/],
    ['FREQ=WEEKLY;WKST=SU', /WKST is not supported/],
    ['FREQ=DAILY;FREQ=WEEKLY', /twice/],
    ['FREQ=DAILY;COUNT', /not a KEY=VALUE/],
    ['FREQ=DAILY;INTERVAL=', /no value/],
    ['FREQ=DAILY;INTERVAL=0', /INTERVAL must be between 1 and 100/],
    ['FREQ=DAILY;INTERVAL=101', /INTERVAL must be between/],
    ['FREQ=DAILY;INTERVAL=-1', /whole number/],
    ['FREQ=DAILY;INTERVAL=1.5', /whole number/],
    ['FREQ=DAILY;COUNT=0', /COUNT must be between 1 and 1000/],
    ['FREQ=DAILY;COUNT=1001', /COUNT must be between/],
    ['FREQ=DAILY;COUNT=3;UNTIL=20261231', /either COUNT or UNTIL/],
    ['FREQ=DAILY;UNTIL=2026-12-31', /UNTIL must look like/],
    ['FREQ=DAILY;UNTIL=20260231', /not a valid date/],
    ['FREQ=DAILY;UNTIL=20261231T250000Z', /not a valid date/],
    ['FREQ=WEEKLY;BYDAY=MONDAY', /not a weekday/],
    ['FREQ=WEEKLY;BYDAY=1MO', /needs FREQ=MONTHLY or FREQ=YEARLY/],
    ['FREQ=DAILY;BYDAY=-1FR', /needs FREQ=MONTHLY/],
    ['FREQ=MONTHLY;BYDAY=0MO', /between 1 and 5/],
    ['FREQ=MONTHLY;BYDAY=6MO', /between 1 and 5/],
    ['FREQ=YEARLY;BYMONTH=1;BYDAY=6MO', /between 1 and 5/],
    ['FREQ=YEARLY;BYDAY=54MO', /between 1 and 53/],
    ['FREQ=MONTHLY;BYMONTHDAY=0', /BYMONTHDAY values must be between 1 and 31/],
    ['FREQ=MONTHLY;BYMONTHDAY=32', /BYMONTHDAY/],
    ['FREQ=MONTHLY;BYMONTHDAY=1,,2', /comma-separated/],
    ['FREQ=YEARLY;BYMONTH=13', /BYMONTH values must be between 1 and 12/],
    ['FREQ=YEARLY;BYMONTH=-1', /BYMONTH values must be between 1 and 12/],
    [`FREQ=DAILY;${'X'.repeat(600)}`, /too long/],
  ])('refuses %j', (text, message) => {
    const parsed = parseRule(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const parsed = parseRule(text);
        if (parsed.ok) expect(parseRule(formatRule(parsed.rule))).toEqual(parsed);
        else expect(parsed.message.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('nextOccurrence', () => {
  it.each([
    // [rule, zone, anchor, after, expected]
    ['FREQ=DAILY', 'UTC', '2026-01-05T09:00:00.000Z', '2026-01-05T09:00:00.000Z', '2026-01-06T09:00:00.000Z'],
    ['FREQ=DAILY', 'UTC', '2026-01-05T09:00:00.000Z', '2026-01-05T08:59:59.999Z', '2026-01-05T09:00:00.000Z'],
    [
      'FREQ=DAILY;INTERVAL=3',
      'UTC',
      '2026-01-05T09:00:00.000Z',
      '2026-01-06T00:00:00.000Z',
      '2026-01-08T09:00:00.000Z',
    ],
    // A Monday-anchored weekly rule on Fridays: the anchor stays the first instance.
    [
      'FREQ=WEEKLY;BYDAY=FR',
      'UTC',
      '2026-01-05T09:00:00.000Z',
      '2026-01-05T09:00:00.000Z',
      '2026-01-09T09:00:00.000Z',
    ],
    [
      'FREQ=WEEKLY;BYDAY=MO,TH',
      BERLIN,
      '2026-01-05T08:00:00.000Z',
      '2026-01-06T00:00:00.000Z',
      '2026-01-08T08:00:00.000Z',
    ],
    [
      'FREQ=WEEKLY;INTERVAL=2',
      'UTC',
      '2026-01-05T09:00:00.000Z',
      '2026-01-06T00:00:00.000Z',
      '2026-01-19T09:00:00.000Z',
    ],
    // The 31st: months without one are skipped, as RFC 5545 says.
    [
      'FREQ=MONTHLY',
      'UTC',
      '2026-01-31T09:00:00.000Z',
      '2026-01-31T09:00:00.000Z',
      '2026-03-31T09:00:00.000Z',
    ],
    [
      'FREQ=MONTHLY;BYMONTHDAY=-1',
      'UTC',
      '2026-01-31T09:00:00.000Z',
      '2026-01-31T09:00:00.000Z',
      '2026-02-28T09:00:00.000Z',
    ],
    [
      'FREQ=MONTHLY;BYDAY=1MO',
      BERLIN,
      '2026-01-05T08:00:00.000Z',
      '2026-01-05T08:00:00.000Z',
      '2026-02-02T08:00:00.000Z',
    ],
    [
      'FREQ=MONTHLY;BYDAY=-1FR',
      BERLIN,
      '2026-01-30T08:00:00.000Z',
      '2026-01-30T08:00:00.000Z',
      '2026-02-27T08:00:00.000Z',
    ],
    [
      'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13',
      'UTC',
      '2026-01-01T09:00:00.000Z',
      '2026-01-01T09:00:00.000Z',
      '2026-02-13T09:00:00.000Z',
    ],
    [
      'FREQ=YEARLY',
      'UTC',
      '2028-02-29T09:00:00.000Z',
      '2028-02-29T09:00:00.000Z',
      '2032-02-29T09:00:00.000Z',
    ],
    [
      'FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=1',
      'UTC',
      '2026-01-10T09:00:00.000Z',
      '2026-01-10T09:00:00.000Z',
      '2026-03-01T09:00:00.000Z',
    ],
    [
      'FREQ=YEARLY;BYMONTH=11;BYDAY=4TH',
      NEW_YORK,
      '2026-01-02T17:00:00.000Z',
      '2026-01-02T17:00:00.000Z',
      '2026-11-26T17:00:00.000Z',
    ],
    [
      'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR',
      'UTC',
      '2026-01-09T09:00:00.000Z',
      '2026-01-09T09:00:00.000Z',
      '2026-01-12T09:00:00.000Z',
    ],
    // Ended by COUNT (the anchor is the first of three) or UNTIL.
    [
      'FREQ=DAILY;COUNT=3',
      'UTC',
      '2026-01-05T09:00:00.000Z',
      '2026-01-06T09:00:00.000Z',
      '2026-01-07T09:00:00.000Z',
    ],
    ['FREQ=DAILY;COUNT=3', 'UTC', '2026-01-05T09:00:00.000Z', '2026-01-07T09:00:00.000Z', null],
    ['FREQ=DAILY;COUNT=1', 'UTC', '2026-01-05T09:00:00.000Z', '2026-01-05T09:00:00.000Z', null],
    [
      'FREQ=DAILY;UNTIL=20260107T090000Z',
      'UTC',
      '2026-01-05T09:00:00.000Z',
      '2026-01-06T09:00:00.000Z',
      '2026-01-07T09:00:00.000Z',
    ],
    [
      'FREQ=DAILY;UNTIL=20260107T085959Z',
      'UTC',
      '2026-01-05T09:00:00.000Z',
      '2026-01-06T09:00:00.000Z',
      null,
    ],
    // A date-only UNTIL is the whole day in the rule's zone.
    // 00:30 in Berlin is the evening before in UTC: the 7th at 00:30 is past UNTIL=20260106.
    [
      'FREQ=DAILY;UNTIL=20260107',
      BERLIN,
      '2026-01-05T23:30:00.000Z',
      '2026-01-06T00:00:00.000Z',
      '2026-01-06T23:30:00.000Z',
    ],
    ['FREQ=DAILY;UNTIL=20260106', BERLIN, '2026-01-05T23:30:00.000Z', '2026-01-06T00:00:00.000Z', null],
    // Never happens again.
    [
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
      'UTC',
      '2026-01-05T09:00:00.000Z',
      '2026-01-05T09:00:00.000Z',
      null,
    ],
    // Far after the anchor: the walk skips ahead and still lands on the rule's grid.
    [
      'FREQ=WEEKLY;INTERVAL=3;BYDAY=WE',
      'UTC',
      '2026-01-05T09:00:00.000Z',
      '2036-01-01T00:00:00.000Z',
      '2036-01-09T09:00:00.000Z',
    ],
  ] as const)('%s in %s from %s after %s → %s', (rule, zone, anchor, after, expected) => {
    expect(nextOccurrence(rule, zone, anchor, after)).toBe(expected);
  });

  it('throws on a rule parseRule refuses', () => {
    expect(() =>
      nextOccurrence('FREQ=HOURLY', 'UTC', '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z'),
    ).toThrow(RangeError);
  });
});

describe('daylight saving time', () => {
  it.each([
    // Every Monday 09:00 in Berlin across 2026-03-29 (CET → CEST) and 2026-10-25 (CEST → CET).
    [
      BERLIN,
      '2026-03-16T08:00:00.000Z',
      [
        '2026-03-16T08:00:00.000Z',
        '2026-03-23T08:00:00.000Z',
        '2026-03-30T07:00:00.000Z',
        '2026-04-06T07:00:00.000Z',
      ],
    ],
    [
      BERLIN,
      '2026-10-12T07:00:00.000Z',
      [
        '2026-10-12T07:00:00.000Z',
        '2026-10-19T07:00:00.000Z',
        '2026-10-26T08:00:00.000Z',
        '2026-11-02T08:00:00.000Z',
      ],
    ],
    // The same in New York across 2026-03-08 and 2026-11-01.
    [
      NEW_YORK,
      '2026-02-23T14:00:00.000Z',
      [
        '2026-02-23T14:00:00.000Z',
        '2026-03-02T14:00:00.000Z',
        '2026-03-09T13:00:00.000Z',
        '2026-03-16T13:00:00.000Z',
      ],
    ],
    [
      NEW_YORK,
      '2026-10-19T13:00:00.000Z',
      [
        '2026-10-19T13:00:00.000Z',
        '2026-10-26T13:00:00.000Z',
        '2026-11-02T14:00:00.000Z',
        '2026-11-09T14:00:00.000Z',
      ],
    ],
  ] as const)('every Monday 09:00 %s from %s', (zone, anchor, expected) => {
    const got = firstOccurrences('FREQ=WEEKLY;BYDAY=MO', zone, anchor, 4);
    expect(got).toEqual(expected);
    for (const iso of got) expect(wallTimeAt(Date.parse(iso), zone)).toMatchObject({ hour: 9, minute: 0 });
    // nextOccurrence walks the same list one step at a time.
    for (let i = 0; i + 1 < got.length; i++) {
      expect(nextOccurrence('FREQ=WEEKLY;BYDAY=MO', zone, anchor, got[i] as string)).toBe(got[i + 1]);
    }
  });

  it('a daily 02:30 in Berlin is 03:30 on the night the clocks skip it, then 02:30 again', () => {
    expect(firstOccurrences('FREQ=DAILY', BERLIN, '2026-03-27T01:30:00.000Z', 4)).toEqual([
      '2026-03-27T01:30:00.000Z',
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:30:00.000Z', // 03:30 CEST: 02:30 does not exist that night
      '2026-03-30T00:30:00.000Z', // 02:30 CEST
    ]);
  });

  it('a daily 02:30 in Berlin happens once on the night the clocks repeat it', () => {
    expect(firstOccurrences('FREQ=DAILY', BERLIN, '2026-10-23T00:30:00.000Z', 4)).toEqual([
      '2026-10-23T00:30:00.000Z',
      '2026-10-24T00:30:00.000Z',
      '2026-10-25T00:30:00.000Z', // the first 02:30 (CEST)
      '2026-10-26T01:30:00.000Z', // 02:30 CET
    ]);
  });

  it('a monthly 1st at 09:00 in New York keeps 09:00 all year', () => {
    const all = firstOccurrences('FREQ=MONTHLY;BYMONTHDAY=1', NEW_YORK, '2026-01-01T14:00:00.000Z', 12);
    expect(all).toHaveLength(12);
    for (const iso of all) expect(wallTimeAt(Date.parse(iso), NEW_YORK)).toMatchObject({ day: 1, hour: 9 });
  });
});

describe('latestDueOccurrence', () => {
  it('finds the latest missed occurrence and the next one after now', () => {
    const rule = 'FREQ=WEEKLY;BYDAY=MO';
    expect(
      latestDueOccurrence(
        rule,
        BERLIN,
        '2026-03-16T08:00:00.000Z',
        '2026-03-23T08:00:00.000Z',
        '2026-04-08T12:00:00.000Z',
      ),
    ).toEqual({ due: '2026-04-06T07:00:00.000Z', next: '2026-04-13T07:00:00.000Z' });
  });

  it('counts the boundaries as due', () => {
    expect(
      latestDueOccurrence(
        'FREQ=DAILY',
        'UTC',
        '2026-01-05T09:00:00.000Z',
        '2026-01-06T09:00:00.000Z',
        '2026-01-06T09:00:00.000Z',
      ),
    ).toEqual({ due: '2026-01-06T09:00:00.000Z', next: '2026-01-07T09:00:00.000Z' });
  });

  it('says when nothing is due yet, and when the series has ended', () => {
    expect(
      latestDueOccurrence(
        'FREQ=DAILY',
        'UTC',
        '2026-01-05T09:00:00.000Z',
        '2026-01-06T09:00:00.000Z',
        '2026-01-06T08:00:00.000Z',
      ),
    ).toEqual({ due: null, next: '2026-01-06T09:00:00.000Z' });
    expect(
      latestDueOccurrence(
        'FREQ=DAILY;COUNT=3',
        'UTC',
        '2026-01-05T09:00:00.000Z',
        '2026-01-06T09:00:00.000Z',
        '2026-02-01T00:00:00.000Z',
      ),
    ).toEqual({ due: '2026-01-07T09:00:00.000Z', next: null });
  });
});

// ---------------------------------------------------------------------------------------
// Properties. rrule.js evaluates in UTC; in the UTC zone its dates and ours must agree.

const rruleFreq: Record<string, Frequency> = {
  DAILY: RRule.DAILY,
  WEEKLY: RRule.WEEKLY,
  MONTHLY: RRule.MONTHLY,
  YEARLY: RRule.YEARLY,
};
const rruleDays: Weekday[] = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];

const ruleArb = fc
  .record({
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
    interval: fc.integer({ min: 1, max: 4 }),
    byDay: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }),
    nth: fc.option(fc.constantFrom(1, 2, -1, 3, -2), { nil: null }),
    byMonthDay: fc.uniqueArray(fc.constantFrom(1, 2, 13, 15, 28, 29, 30, 31, -1, -2), { maxLength: 2 }),
    byMonth: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }),
  })
  .map((r) => {
    const ordinal = r.nth !== null && (r.freq === 'MONTHLY' || r.freq === 'YEARLY') ? r.nth : null;
    const parts = [`FREQ=${r.freq}`, `INTERVAL=${r.interval}`];
    if (r.byMonth.length > 0) parts.push(`BYMONTH=${r.byMonth.join(',')}`);
    if (r.byMonthDay.length > 0) parts.push(`BYMONTHDAY=${r.byMonthDay.join(',')}`);
    if (r.byDay.length > 0) {
      parts.push(`BYDAY=${r.byDay.map((d) => `${ordinal ?? ''}${ruleWeekdays[d]}`).join(',')}`);
    }
    return { ...r, ordinal, text: parts.join(';') };
  });

const anchorArb = fc
  .integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-12-31T23:59:00Z') })
  .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString());

// Generous timeout: fast-check runs hundreds of cases, and CI machines are shared.
describe('properties', { timeout: 30_000 }, () => {
  it('agrees with rrule.js in UTC on the dates after the anchor', () => {
    const window = 12 * 366 * 86_400_000;
    fc.assert(
      fc.property(ruleArb, anchorArb, (r, anchor) => {
        const ours = firstOccurrences(r.text, 'UTC', anchor, 9).slice(1);
        // rrule.js walks to the year 9999 when a rule never matches: compare rules that do.
        fc.pre(ours.length === 8 && Date.parse(ours[7] as string) < Date.parse(anchor) + window);
        const theirs = new RRule({
          freq: rruleFreq[r.freq] as Frequency,
          interval: r.interval,
          dtstart: new Date(anchor),
          ...(r.byDay.length > 0
            ? { byweekday: r.byDay.map((d) => (r.ordinal ? (rruleDays[d] as Weekday).nth(r.ordinal) : d)) }
            : {}),
          ...(r.byMonthDay.length > 0 ? { bymonthday: r.byMonthDay } : {}),
          ...(r.byMonth.length > 0 ? { bymonth: r.byMonth } : {}),
        })
          // rrule.js yields the anchor too when it matches the rule; we always count it apart.
          .all((_d, i) => i < 9)
          .map((d) => d.toISOString())
          .filter((iso) => iso > anchor)
          .slice(0, 8);
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the anchor’s wall-clock time, in order, in any zone, and next steps through the list', () => {
    const zones = [BERLIN, NEW_YORK, 'UTC', 'Australia/Sydney', 'Asia/Kolkata'];
    fc.assert(
      fc.property(ruleArb, anchorArb, fc.constantFrom(...zones), (r, anchor, zone) => {
        const list = firstOccurrences(r.text, zone, anchor, 6);
        expect(list[0]).toBe(anchor);
        const a = wallTimeAt(Date.parse(anchor), zone);
        for (let i = 0; i < list.length; i++) {
          const iso = list[i] as string;
          const w = wallTimeAt(Date.parse(iso), zone);
          // 09:00 stays 09:00; only a time the clocks skip that night moves, by the gap.
          if (w.hour !== a.hour || w.minute !== a.minute) {
            const shifted = wallTimeToInstant({ ...w, hour: a.hour, minute: a.minute }, zone);
            expect(shifted).toBe(Date.parse(iso));
          }
          if (i > 0) {
            expect(iso > (list[i - 1] as string)).toBe(true);
            expect(nextOccurrence(r.text, zone, anchor, list[i - 1] as string)).toBe(iso);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('skipping ahead finds the same date as walking from the anchor', () => {
    fc.assert(
      fc.property(
        ruleArb,
        anchorArb,
        fc.integer({ min: 0, max: 2 * 366 * 86_400_000 }),
        fc.constantFrom(BERLIN, NEW_YORK),
        (r, anchor, offset, zone) => {
          const after = new Date(Date.parse(anchor) + offset).toISOString();
          const walked = firstOccurrences(r.text, zone, anchor, 150).find((iso) => iso > after) ?? null;
          const next = nextOccurrence(r.text, zone, anchor, after);
          // The walk is capped at 150 dates; past that, only the skip can see.
          if (walked !== null) expect(next).toBe(walked);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('COUNT caps the number of dates, the anchor included', () => {
    fc.assert(
      fc.property(ruleArb, anchorArb, fc.integer({ min: 1, max: 20 }), (r, anchor, count) => {
        const all = firstOccurrences(`${r.text};COUNT=${count}`, BERLIN, anchor, 50);
        const unlimited = firstOccurrences(r.text, BERLIN, anchor, count);
        expect(all).toEqual(unlimited);
        expect(all.length).toBeLessThanOrEqual(count);
      }),
      { numRuns: 150 },
    );
  });

  it('caps stay within the documented limits', () => {
    expect(parseRule(`FREQ=DAILY;INTERVAL=${recurrenceLimits.intervalMax}`).ok).toBe(true);
    expect(parseRule(`FREQ=DAILY;COUNT=${recurrenceLimits.countMax}`).ok).toBe(true);
  });
});
