import { describe, expect, it } from 'vitest';
import { computeMmi, type MmiInput } from './mmi.ts';
import { trendSeries, weeklyBuckets } from './trends.ts';

describe('weeklyBuckets', () => {
  // Thursday 26 November 2026, 19:30 UTC.
  const now = '2026-11-26T19:30:00.000Z';

  it('gives 26 Monday-to-Monday weeks in UTC, oldest first, the last holding now', () => {
    const b = weeklyBuckets(now);
    expect(b).toHaveLength(26);
    expect(b[25]).toEqual({
      weekStart: '2026-11-23T00:00:00.000Z',
      weekEnd: '2026-11-30T00:00:00.000Z',
      asOf: now,
      windowStart: '2026-10-27T19:30:00.000Z',
      current: true,
    });
    expect(b[24]).toMatchObject({
      weekStart: '2026-11-16T00:00:00.000Z',
      asOf: '2026-11-23T00:00:00.000Z',
      windowStart: '2026-10-24T00:00:00.000Z',
      current: false,
    });
    // 25 weeks before 23 November: 1 June 2026, a Monday.
    expect(b[0]?.weekStart).toBe('2026-06-01T00:00:00.000Z');
    for (let i = 1; i < b.length; i += 1) expect(b[i]?.weekStart).toBe(b[i - 1]?.weekEnd);
  });

  it('a Monday at midnight starts its own week; a Sunday belongs to the week before', () => {
    expect(weeklyBuckets('2026-11-23T00:00:00.000Z', 1)[0]?.weekStart).toBe('2026-11-23T00:00:00.000Z');
    expect(weeklyBuckets('2026-11-22T23:59:59.999Z', 1)[0]?.weekStart).toBe('2026-11-16T00:00:00.000Z');
  });

  it('starts weeks at Monday midnight in a time zone, across a daylight-saving change', () => {
    // Berlin: summer time ends Sunday 25 October 2026 (UTC+2 → UTC+1).
    const b = weeklyBuckets('2026-10-28T12:00:00.000Z', 2, 'Europe/Berlin');
    expect(b.map((x) => x.weekStart)).toEqual(['2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z']);
    // That week had 169 hours.
    expect(b[0]?.weekEnd).toBe('2026-10-25T23:00:00.000Z');
    // 01:00 Monday in Berlin is still Sunday in UTC, but already the new week.
    expect(weeklyBuckets('2026-11-22T23:30:00.000Z', 1, 'Europe/Berlin')[0]?.weekStart).toBe(
      '2026-11-22T23:00:00.000Z',
    );
  });

  it('zero weeks give none; an unreadable now throws', () => {
    expect(weeklyBuckets(now, 0)).toEqual([]);
    expect(() => weeklyBuckets('not a date')).toThrow(RangeError);
  });
});

describe('trendSeries', () => {
  const input = (completedTasks: number, requested: number): MmiInput => ({
    completedTasks,
    overReview: { requested, required: 10 },
    levelLag: { areas: [] },
    reviewLatency: { hours: [] },
    preferenceRejections: { preferenceOnly: 0, changeRequests: 0 },
    takeBacks: { reassignedToPrincipal: 0, editsAfterAcceptance: 0 },
    redundantNudges: { redundantNudges: 0 },
    extendedGuidance: { episodes: [] },
  });

  it('aligns points to buckets; missing and thin weeks are null', () => {
    const buckets = weeklyBuckets('2026-11-26T12:00:00.000Z', 4);
    const [w0, w1, w2, w3] = buckets.map((b) => b.weekStart) as [string, string, string, string];
    const s = trendSeries(
      [
        { weekStart: w3, result: computeMmi(input(20, 10)) },
        { weekStart: w0, result: computeMmi(input(5, 10)) },
        { weekStart: w1, result: computeMmi(input(20, 5)) },
      ],
      buckets,
    );
    expect(s.weeks).toEqual([w0, w1, w2, w3]);
    // 5 ÷ 10 = 0.5 × .25 = 12.5; 10 ÷ 10 = 1 × .25 = 25.
    expect(s.index).toEqual([null, 12.5, null, 25]);
    expect(s.bands).toEqual([null, 'healthy', null, 'watch']);
    expect(s.signals.overReview).toEqual([null, 0.5, null, 1]);
    expect(s.signals.levelLag).toEqual([null, 0, null, 0]);
  });

  it('without buckets, sorts the points’ own weeks', () => {
    const s = trendSeries([
      { weekStart: '2026-11-16T00:00:00.000Z', result: computeMmi(input(20, 0)) },
      { weekStart: '2026-11-09T00:00:00.000Z', result: computeMmi(input(20, 10)) },
    ]);
    expect(s.weeks).toEqual(['2026-11-09T00:00:00.000Z', '2026-11-16T00:00:00.000Z']);
    expect(s.index).toEqual([25, 0]);
  });
});
