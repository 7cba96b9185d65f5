import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isAgendaLive,
  isSeriesOccurrence,
  type MeetingTiming,
  meetingOccurrences,
  nextMeetingOccurrence,
  previousMeetingStart,
} from './occurrences.ts';

const berlinMondays: MeetingTiming = {
  rrule: 'FREQ=WEEKLY;BYDAY=MO',
  timeZone: 'Europe/Berlin',
  startsAt: '2026-03-16T09:00:00.000Z', // Monday 10:00 CET
  durationMin: 60,
  until: null,
};

const starts = (list: { start: string }[]) => list.map((o) => o.start);

describe('meetingOccurrences across DST', () => {
  it.each([
    [
      'Berlin in March (clocks forward on 29 March)',
      berlinMondays,
      '2026-03-16T00:00:00Z',
      '2026-04-07T00:00:00Z',
      [
        '2026-03-16T09:00:00.000Z',
        '2026-03-23T09:00:00.000Z',
        '2026-03-30T08:00:00.000Z',
        '2026-04-06T08:00:00.000Z',
      ],
    ],
    [
      'Berlin in October (clocks back on 25 October)',
      berlinMondays,
      '2026-10-12T00:00:00Z',
      '2026-11-03T00:00:00Z',
      [
        '2026-10-12T08:00:00.000Z',
        '2026-10-19T08:00:00.000Z',
        '2026-10-26T09:00:00.000Z',
        '2026-11-02T09:00:00.000Z',
      ],
    ],
    [
      'New York in March (clocks forward on 8 March)',
      { ...berlinMondays, timeZone: 'America/New_York', startsAt: '2026-03-02T15:00:00.000Z' },
      '2026-03-01T00:00:00Z',
      '2026-03-17T00:00:00Z',
      ['2026-03-02T15:00:00.000Z', '2026-03-09T14:00:00.000Z', '2026-03-16T14:00:00.000Z'],
    ],
    [
      'New York in November (clocks back on 1 November)',
      { ...berlinMondays, timeZone: 'America/New_York', startsAt: '2026-03-02T15:00:00.000Z' },
      '2026-10-26T00:00:00Z',
      '2026-11-10T00:00:00Z',
      ['2026-10-26T14:00:00.000Z', '2026-11-02T15:00:00.000Z', '2026-11-09T15:00:00.000Z'],
    ],
  ])('%s: 10:00 local each week, the UTC hour changes', (_name, series, from, to, expected) => {
    const list = meetingOccurrences(series, [], from, to);
    expect(starts(list)).toEqual(expected);
    for (const o of list) {
      expect(Date.parse(o.end) - Date.parse(o.start)).toBe(60 * 60_000);
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: series.timeZone,
        hour: '2-digit',
        minute: '2-digit',
        weekday: 'short',
      }).format(new Date(o.start));
      expect(local).toBe('Mon 10:00');
    }
  });

  it('property: every weekly occurrence is 10:00 Monday in Berlin, whatever the window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 1, max: 90 }),
        (offsetDays, days) => {
          const from = Date.parse('2026-03-16T00:00:00Z') + offsetDays * 86_400_000;
          const list = meetingOccurrences(
            berlinMondays,
            [],
            new Date(from).toISOString(),
            new Date(from + days * 86_400_000).toISOString(),
          );
          expect(list.length).toBeGreaterThanOrEqual(Math.floor(days / 7));
          expect(list.length).toBeLessThanOrEqual(Math.ceil(days / 7));
          for (const o of list) {
            const text = new Intl.DateTimeFormat('en-GB', {
              timeZone: 'Europe/Berlin',
              hour: '2-digit',
              minute: '2-digit',
              weekday: 'short',
            }).format(new Date(o.start));
            expect(text).toBe('Mon 10:00');
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('meetingOccurrences with overrides and ends', () => {
  const window = ['2026-04-01T00:00:00Z', '2026-04-30T00:00:00Z'] as const;

  it('lists a cancelled occurrence as cancelled and a moved one at its new time', () => {
    const list = meetingOccurrences(
      berlinMondays,
      [
        { originalStart: '2026-04-13T08:00:00.000Z', cancelled: true },
        { originalStart: '2026-04-20T08:00:00.000Z', movedTo: '2026-04-21T12:00:00.000Z' },
      ],
      ...window,
    );
    expect(list).toEqual([
      {
        originalStart: '2026-04-06T08:00:00.000Z',
        start: '2026-04-06T08:00:00.000Z',
        end: '2026-04-06T09:00:00.000Z',
        cancelled: false,
        moved: false,
      },
      {
        originalStart: '2026-04-13T08:00:00.000Z',
        start: '2026-04-13T08:00:00.000Z',
        end: '2026-04-13T09:00:00.000Z',
        cancelled: true,
        moved: false,
      },
      {
        originalStart: '2026-04-20T08:00:00.000Z',
        start: '2026-04-21T12:00:00.000Z',
        end: '2026-04-21T13:00:00.000Z',
        cancelled: false,
        moved: true,
      },
      {
        originalStart: '2026-04-27T08:00:00.000Z',
        start: '2026-04-27T08:00:00.000Z',
        end: '2026-04-27T09:00:00.000Z',
        cancelled: false,
        moved: false,
      },
    ]);
  });

  it('follows a move across the window edge both ways', () => {
    const overrides = [
      { originalStart: '2026-05-04T08:00:00.000Z', movedTo: '2026-04-29T08:00:00.000Z' },
      { originalStart: '2026-04-27T08:00:00.000Z', movedTo: '2026-05-02T08:00:00.000Z' },
    ];
    expect(starts(meetingOccurrences(berlinMondays, overrides, ...window))).toEqual([
      '2026-04-06T08:00:00.000Z',
      '2026-04-13T08:00:00.000Z',
      '2026-04-20T08:00:00.000Z',
      '2026-04-29T08:00:00.000Z',
    ]);
  });

  it('ignores overrides for starts the series does not have', () => {
    const list = meetingOccurrences(
      berlinMondays,
      [
        { originalStart: '2026-04-07T08:00:00.000Z', cancelled: true },
        { originalStart: '2026-04-08T08:00:00.000Z', movedTo: '2026-04-09T08:00:00.000Z' },
      ],
      ...window,
    );
    expect(list.every((o) => !o.cancelled && !o.moved)).toBe(true);
    expect(list).toHaveLength(4);
  });

  it.each([
    ['until is inclusive', '2026-04-20T08:00:00.000Z', 3],
    ['until between occurrences', '2026-04-15T00:00:00.000Z', 2],
    ['until before the window', '2026-03-01T00:00:00.000Z', 0],
  ])('%s', (_name, until, count) => {
    expect(meetingOccurrences({ ...berlinMondays, until }, [], ...window)).toHaveLength(count);
  });

  it('honours COUNT and UNTIL inside the rule', () => {
    expect(
      starts(
        meetingOccurrences(
          { ...berlinMondays, rrule: 'FREQ=WEEKLY;COUNT=3' },
          [],
          '2026-01-01T00:00:00Z',
          '2027-01-01T00:00:00Z',
        ),
      ),
    ).toEqual(['2026-03-16T09:00:00.000Z', '2026-03-23T09:00:00.000Z', '2026-03-30T08:00:00.000Z']);
    expect(
      meetingOccurrences(
        { ...berlinMondays, rrule: 'FREQ=WEEKLY;UNTIL=20260406' },
        [],
        '2026-01-01T00:00:00Z',
        '2027-01-01T00:00:00Z',
      ),
    ).toHaveLength(4);
  });

  it('treats a series without rule as a single meeting', () => {
    const single = { ...berlinMondays, rrule: null };
    expect(starts(meetingOccurrences(single, [], '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'))).toEqual([
      '2026-03-16T09:00:00.000Z',
    ]);
    expect(
      meetingOccurrences(
        single,
        [{ originalStart: single.startsAt, movedTo: '2026-03-17T09:00:00.000Z' }],
        '2026-01-01T00:00:00Z',
        '2027-01-01T00:00:00Z',
      ),
    ).toEqual([
      {
        originalStart: single.startsAt,
        start: '2026-03-17T09:00:00.000Z',
        end: '2026-03-17T10:00:00.000Z',
        cancelled: false,
        moved: true,
      },
    ]);
    expect(isSeriesOccurrence(single, '2026-03-23T09:00:00.000Z')).toBe(false);
  });

  it('refuses an invalid rule with a RangeError', () => {
    expect(() => meetingOccurrences({ ...berlinMondays, rrule: 'FREQ=HOURLY' }, [], ...window)).toThrow(
      RangeError,
    );
  });
});

describe('nextMeetingOccurrence', () => {
  it.each([
    ['before the first', '2026-03-01T00:00:00Z', [], '2026-03-16T09:00:00.000Z'],
    ['during a meeting it is still the current one', '2026-04-06T08:30:00Z', [], '2026-04-06T08:00:00.000Z'],
    ['at its end it is the next one', '2026-04-06T09:00:00Z', [], '2026-04-13T08:00:00.000Z'],
    [
      'skips cancelled occurrences',
      '2026-04-06T10:00:00Z',
      [
        { originalStart: '2026-04-13T08:00:00.000Z', cancelled: true },
        { originalStart: '2026-04-20T08:00:00.000Z', cancelled: true },
      ],
      '2026-04-27T08:00:00.000Z',
    ],
    [
      'a move earlier than the next regular one wins',
      '2026-04-06T10:00:00Z',
      [{ originalStart: '2026-04-20T08:00:00.000Z', movedTo: '2026-04-08T08:00:00.000Z' }],
      '2026-04-08T08:00:00.000Z',
    ],
    [
      'a moved occurrence leaves its original slot',
      '2026-04-06T10:00:00Z',
      [{ originalStart: '2026-04-13T08:00:00.000Z', movedTo: '2026-04-16T08:00:00.000Z' }],
      '2026-04-16T08:00:00.000Z',
    ],
  ])('%s', (_name, now, overrides, expected) => {
    expect(nextMeetingOccurrence(berlinMondays, overrides, now)?.start).toBe(expected);
  });

  it('is null once the series has ended', () => {
    expect(
      nextMeetingOccurrence({ ...berlinMondays, until: '2026-04-01T00:00:00Z' }, [], '2026-04-02T00:00:00Z'),
    ).toBeNull();
    expect(nextMeetingOccurrence({ ...berlinMondays, rrule: null }, [], '2026-03-16T10:00:00Z')).toBeNull();
  });
});

describe('previousMeetingStart and isAgendaLive', () => {
  it('finds the last held occurrence before a start, skipping cancelled ones', () => {
    expect(previousMeetingStart(berlinMondays, [], '2026-04-13T08:00:00.000Z')).toBe(
      '2026-04-06T08:00:00.000Z',
    );
    expect(
      previousMeetingStart(
        berlinMondays,
        [{ originalStart: '2026-04-06T08:00:00.000Z', cancelled: true }],
        '2026-04-13T08:00:00.000Z',
      ),
    ).toBe('2026-03-30T08:00:00.000Z');
    expect(previousMeetingStart(berlinMondays, [], '2026-03-16T09:00:00.000Z')).toBeNull();
  });

  it('keeps the agenda live until the start', () => {
    expect(isAgendaLive({ start: '2026-04-06T08:00:00.000Z' }, '2026-04-06T07:59:59.999Z')).toBe(true);
    expect(isAgendaLive({ start: '2026-04-06T08:00:00.000Z' }, '2026-04-06T08:00:00.000Z')).toBe(false);
  });
});
