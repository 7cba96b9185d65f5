import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clamp01,
  episodeWindowDays,
  extendedGuidanceSignal,
  extraGuidanceDays,
  levelLagSignal,
  median,
  overReviewSignal,
  preferenceRejectionsSignal,
  redundantNudgesSignal,
  reviewLatencySignal,
  takeBacksSignal,
} from './signals.ts';

/** Any number a bad row could hold, NaN and infinities included. */
const anyNumber = fc.oneof(
  fc.double(),
  fc.nat({ max: 10_000 }),
  fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY),
);
const count = fc.nat({ max: 10_000 });
const inUnit = (v: number) => v >= 0 && v <= 1 && !Number.isNaN(v);

describe('clamp01', () => {
  it.each([
    [-1, 0],
    [0, 0],
    [0.5, 0.5],
    [1, 1],
    [7, 1],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 1],
    [Number.NEGATIVE_INFINITY, 0],
  ])('clamp01(%d) = %d', (x, expected) => {
    expect(clamp01(x)).toBe(expected);
  });
});

describe('over-review = requested ÷ max(1, required), clamped', () => {
  it.each([
    { requested: 0, required: 0, value: 0 },
    { requested: 0, required: 12, value: 0 },
    // No required reviews at all: the divisor is 1, so one requested review is already 1.
    { requested: 1, required: 0, value: 1 },
    { requested: 3, required: 12, value: 0.25 },
    { requested: 6, required: 12, value: 0.5 },
    { requested: 12, required: 12, value: 1 },
    { requested: 20, required: 12, value: 1 },
    { requested: -3, required: 12, value: 0 },
  ])('$requested requested, $required required → $value', ({ requested, required, value }) => {
    const r = overReviewSignal({ requested, required });
    expect(r.value).toBeCloseTo(value, 12);
  });

  it('shows the raw numbers and suggests only when something was requested', () => {
    expect(overReviewSignal({ requested: 3, required: 12 })).toEqual({
      value: 0.25,
      raw: { requested: 3, required: 12 },
      suggestion: { code: 'reduce_requested_reviews', params: { requested: 3, required: 12 } },
    });
    expect(overReviewSignal({ requested: 0, required: 12 }).suggestion).toBeNull();
  });

  it('adding an over-review never lowers it', () => {
    fc.assert(
      fc.property(count, count, (requested, required) => {
        const before = overReviewSignal({ requested, required }).value;
        const after = overReviewSignal({ requested: requested + 1, required }).value;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });
});

describe('level lag = share of areas with criteria met ≥ 14 days', () => {
  const area = (areaName: string, criteriaMetDays: number | null, level = 2) => ({
    areaName,
    level,
    criteriaMetDays,
  });
  it.each([
    { name: 'no areas', areas: [], value: 0, lagging: 0 },
    { name: 'criteria not met', areas: [area('A', null)], value: 0, lagging: 0 },
    { name: 'met 13 days: not yet', areas: [area('A', 13)], value: 0, lagging: 0 },
    { name: 'met 14 days: lags', areas: [area('A', 14)], value: 1, lagging: 1 },
    {
      name: '1 of 4',
      areas: [area('A', 18), area('B', 13), area('C', null), area('D', null)],
      value: 0.25,
      lagging: 1,
    },
    { name: '2 of 2', areas: [area('A', 40), area('B', 14)], value: 1, lagging: 2 },
  ])('$name → $value', ({ areas, value, lagging }) => {
    const r = levelLagSignal({ areas });
    expect(r.value).toBe(value);
    expect(r.raw.laggingAreas).toBe(lagging);
    expect(r.raw.areas).toBe(areas.length);
  });

  it('suggests promoting in the area lagging longest', () => {
    const r = levelLagSignal({
      areas: [area('Inbox', 15, 1), area('Bookkeeping', 18, 3), area('Travel', 2)],
    });
    expect(r.raw.longestLagDays).toBe(18);
    expect(r.suggestion).toEqual({
      code: 'promote_lagging_area',
      params: { area: 'Bookkeeping', days: 18, from: 3, to: 4 },
    });
    expect(levelLagSignal({ areas: [area('A', 13)] }).suggestion).toBeNull();
  });

  it('honours a workspace lag threshold', () => {
    expect(levelLagSignal({ areas: [area('A', 7)], lagDays: 7 }).value).toBe(1);
  });
});

describe('review latency = clamp((median hours − 8) ÷ 40)', () => {
  it.each([
    { hours: [], value: 0, med: null },
    { hours: [8], value: 0, med: 8 },
    { hours: [2], value: 0, med: 2 },
    { hours: [28], value: 0.5, med: 28 },
    { hours: [48], value: 1, med: 48 },
    { hours: [200], value: 1, med: 200 },
    // Odd count: the middle one.
    { hours: [60, 4, 22, 30, 12], value: 0.35, med: 22 },
    // Even count: the mean of the two middle ones, (10 + 30) ÷ 2 = 20 → (20 − 8) ÷ 40 = 0.3.
    { hours: [1, 10, 30, 100], value: 0.3, med: 20 },
    // Unusable values are dropped, not read as 0.
    { hours: [Number.NaN, -5, 28], value: 0.5, med: 28 },
  ])('median of $hours → $value', ({ hours, value, med }) => {
    const r = reviewLatencySignal({ hours });
    expect(r.value).toBeCloseTo(value, 12);
    expect(r.raw.medianHours).toBe(med);
  });

  it('suggests with the median rounded to one decimal', () => {
    expect(reviewLatencySignal({ hours: [30.04, 30.06] }).suggestion).toEqual({
      code: 'decide_reviews_sooner',
      params: { medianHours: 30.1, reviews: 2 },
    });
    expect(reviewLatencySignal({ hours: [] }).suggestion).toBeNull();
  });

  it('median ignores order', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1000, noNaN: true })), (xs) => {
        expect(median([...xs].reverse())).toBe(median(xs));
      }),
    );
  });
});

describe('preference rejections = preference-only ÷ all change requests', () => {
  it.each([
    { preferenceOnly: 0, changeRequests: 0, value: 0 },
    { preferenceOnly: 0, changeRequests: 5, value: 0 },
    { preferenceOnly: 2, changeRequests: 5, value: 0.4 },
    { preferenceOnly: 5, changeRequests: 5, value: 1 },
    // Inconsistent counts never leave [0, 1].
    { preferenceOnly: 3, changeRequests: 0, value: 0 },
    { preferenceOnly: 9, changeRequests: 5, value: 1 },
  ])('$preferenceOnly of $changeRequests → $value', ({ preferenceOnly, changeRequests, value }) => {
    expect(preferenceRejectionsSignal({ preferenceOnly, changeRequests }).value).toBe(value);
  });
});

describe('take-backs = (reassigned + edits) ÷ completed × 10, clamped', () => {
  it.each([
    { reassigned: 0, edits: 0, completed: 0, value: 0 },
    // Nothing completed: the divisor is 1, so one take-back is already the maximum.
    { reassigned: 1, edits: 0, completed: 0, value: 1 },
    { reassigned: 0, edits: 0, completed: 20, value: 0 },
    { reassigned: 1, edits: 0, completed: 20, value: 0.5 },
    { reassigned: 1, edits: 1, completed: 20, value: 1 },
    { reassigned: 0, edits: 1, completed: 100, value: 0.1 },
    { reassigned: 5, edits: 5, completed: 20, value: 1 },
  ])('($reassigned + $edits) ÷ $completed × 10 → $value', ({ reassigned, edits, completed, value }) => {
    const r = takeBacksSignal({
      reassignedToPrincipal: reassigned,
      editsAfterAcceptance: edits,
      completedTasks: completed,
    });
    expect(r.value).toBeCloseTo(value, 12);
    expect(r.raw).toEqual({ reassigned, edits, completed });
  });
});

describe('redundant nudges = redundant ÷ assistant-weeks ÷ 5, clamped', () => {
  it.each([
    { nudges: 0, weeks: undefined, value: 0 },
    // 30-day window: 30 ÷ 7 weeks; 3 ÷ (30/7) = 0.7 a week → 0.14.
    { nudges: 3, weeks: undefined, value: 0.14 },
    { nudges: 10, weeks: 4, value: 0.5 },
    { nudges: 20, weeks: 4, value: 1 },
    { nudges: 50, weeks: 4, value: 1 },
    // Zero weeks falls back to the window, never divides by zero.
    { nudges: 3, weeks: 0, value: 0.14 },
  ])('$nudges over $weeks weeks → $value', ({ nudges, weeks, value }) => {
    const input =
      weeks === undefined ? { redundantNudges: nudges } : { redundantNudges: nudges, assistantWeeks: weeks };
    expect(redundantNudgesSignal(input).value).toBeCloseTo(value, 12);
  });

  it('uses the window days when given', () => {
    expect(redundantNudgesSignal({ redundantNudges: 5, windowDays: 7 }).value).toBeCloseTo(1, 12);
  });
});

describe('extended guidance = days beyond each episode’s first 14 ÷ 14, clamped', () => {
  const ep = (daysBeforeWindow: number, daysInWindow: number, areaName = 'Inbox') => ({
    areaName,
    daysBeforeWindow,
    daysInWindow,
  });
  it.each([
    { name: 'no episodes', episodes: [], extra: 0, value: 0 },
    { name: '14 days from the window start', episodes: [ep(0, 14)], extra: 0, value: 0 },
    { name: '21 days from the window start', episodes: [ep(0, 21)], extra: 7, value: 0.5 },
    { name: 'started 10 days before, 11 inside', episodes: [ep(10, 11)], extra: 7, value: 0.5 },
    {
      name: 'started 20 days before: every day inside counts',
      episodes: [ep(20, 5)],
      extra: 5,
      value: 5 / 14,
    },
    { name: 'two episodes add up', episodes: [ep(0, 21), ep(14, 7)], extra: 14, value: 1 },
    { name: 'clamped', episodes: [ep(0, 30), ep(30, 30)], extra: 46, value: 1 },
  ])('$name → $value', ({ episodes, extra, value }) => {
    const r = extendedGuidanceSignal({ episodes });
    expect(r.raw.extraDays).toBe(extra);
    expect(r.value).toBeCloseTo(value, 12);
  });

  it('points at the episode with the most extra days', () => {
    const r = extendedGuidanceSignal({ episodes: [ep(0, 16, 'Travel'), ep(10, 20, 'Bookkeeping')] });
    expect(r.suggestion).toEqual({
      code: 'end_extended_episode',
      params: { area: 'Bookkeeping', days: 30, extraDays: 16 },
    });
    expect(extendedGuidanceSignal({ episodes: [ep(0, 14)] }).suggestion).toBeNull();
  });

  it('extra days never exceed the days inside the window', () => {
    fc.assert(
      fc.property(count, count, (before, inside) => {
        const extra = extraGuidanceDays({ daysBeforeWindow: before, daysInWindow: inside });
        expect(extra).toBeGreaterThanOrEqual(0);
        expect(extra).toBeLessThanOrEqual(inside);
        expect(extra).toBe(Math.max(0, before + inside - Math.max(14, before)));
      }),
    );
  });

  it('episodeWindowDays splits an episode at the window start', () => {
    const window = { start: '2026-03-01T00:00:00Z', end: '2026-03-31T00:00:00Z' };
    expect(
      episodeWindowDays({ startsAt: '2026-02-19T00:00:00Z', endsAt: '2026-03-12T00:00:00Z' }, window),
    ).toEqual({
      daysBeforeWindow: 10,
      daysInWindow: 11,
    });
    expect(
      episodeWindowDays({ startsAt: '2026-03-05T00:00:00Z', endsAt: '2026-04-20T00:00:00Z' }, window),
    ).toEqual({
      daysBeforeWindow: 0,
      daysInWindow: 26,
    });
    expect(
      episodeWindowDays({ startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-20T00:00:00Z' }, window),
    ).toEqual({
      daysBeforeWindow: 19,
      daysInWindow: 0,
    });
  });
});

describe('every signal stays in [0, 1]', () => {
  it('for any inputs, even negative, NaN or infinite ones', () => {
    fc.assert(
      fc.property(
        anyNumber,
        anyNumber,
        anyNumber,
        fc.array(anyNumber, { maxLength: 20 }),
        fc.array(
          fc.record({ criteriaMetDays: fc.option(anyNumber), level: fc.integer({ min: 1, max: 5 }) }),
          {
            maxLength: 10,
          },
        ),
        fc.array(fc.record({ daysBeforeWindow: anyNumber, daysInWindow: anyNumber }), { maxLength: 10 }),
        (a, b, c, hours, areas, episodes) => {
          const values = [
            overReviewSignal({ requested: a, required: b }).value,
            levelLagSignal({ areas: areas.map((x) => ({ ...x, areaName: 'A' })) }).value,
            reviewLatencySignal({ hours }).value,
            preferenceRejectionsSignal({ preferenceOnly: a, changeRequests: b }).value,
            takeBacksSignal({ reassignedToPrincipal: a, editsAfterAcceptance: b, completedTasks: c }).value,
            redundantNudgesSignal({ redundantNudges: a, assistantWeeks: b, windowDays: c }).value,
            extendedGuidanceSignal({ episodes: episodes.map((e) => ({ ...e, areaName: 'A' })) }).value,
          ];
          for (const v of values) expect(inUnit(v)).toBe(true);
        },
      ),
    );
  });
});
