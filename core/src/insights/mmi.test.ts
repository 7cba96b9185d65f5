import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandOf, computeMmi, type MmiInput, mmiScore, validateMmiWeights } from './mmi.ts';
import { suggestionText } from './suggestion-texts.ts';
import { defaultMmiWeights, type MmiSignalKey, type MmiWeights, mmiSignalKeys } from './values.ts';

/** A pair with nothing to report: every signal 0. */
const calm = (completedTasks = 20): MmiInput => ({
  completedTasks,
  overReview: { requested: 0, required: 10 },
  levelLag: { areas: [] },
  reviewLatency: { hours: [] },
  preferenceRejections: { preferenceOnly: 0, changeRequests: 0 },
  takeBacks: { reassignedToPrincipal: 0, editsAfterAcceptance: 0 },
  redundantNudges: { redundantNudges: 0 },
  extendedGuidance: { episodes: [] },
});

const valuesOf = (r: ReturnType<typeof computeMmi>) =>
  Object.fromEntries(r.signals.map((s) => [s.key, s.value])) as Record<MmiSignalKey, number>;

describe('weights', () => {
  it('the defaults are DESIGN §10’s and sum to 1', () => {
    expect(defaultMmiWeights).toEqual({
      overReview: 0.25,
      levelLag: 0.2,
      reviewLatency: 0.15,
      preferenceRejections: 0.1,
      takeBacks: 0.1,
      redundantNudges: 0.1,
      extendedGuidance: 0.1,
    });
    expect(validateMmiWeights(defaultMmiWeights)).toEqual([]);
  });

  it.each([
    { name: 'sum above 1', patch: { overReview: 0.3 }, codes: ['weights_sum'] },
    { name: 'sum below 1', patch: { overReview: 0.2 }, codes: ['weights_sum'] },
    { name: 'negative', patch: { overReview: -0.25, levelLag: 0.7 }, codes: ['weight_between'] },
    { name: 'NaN', patch: { takeBacks: Number.NaN }, codes: ['weight_between'] },
    { name: 'sum off by 1e-8', patch: { overReview: 0.25 + 1e-8 }, codes: ['weights_sum'] },
    { name: 'sum off by 1e-10 is fine', patch: { overReview: 0.25 + 1e-10 }, codes: [] },
    {
      name: 'all on one signal is fine',
      patch: {
        overReview: 1,
        levelLag: 0,
        reviewLatency: 0,
        preferenceRejections: 0,
        takeBacks: 0,
        redundantNudges: 0,
        extendedGuidance: 0,
      },
      codes: [],
    },
  ])('$name', ({ patch, codes }) => {
    const weights: MmiWeights = { ...defaultMmiWeights, ...patch };
    expect(validateMmiWeights(weights).map((p) => p.code)).toEqual(codes);
  });

  it('computeMmi refuses invalid weights', () => {
    expect(() => computeMmi(calm(), { weights: { ...defaultMmiWeights, overReview: 0.5 } })).toThrow(
      RangeError,
    );
  });
});

describe('bands: < 25 healthy, 25–49 watch, 50–74 high, ≥ 75 critical', () => {
  it.each([
    [0, 'healthy'],
    [24.999, 'healthy'],
    [25, 'watch'],
    [49.999, 'watch'],
    [50, 'high'],
    [74.999, 'high'],
    [75, 'critical'],
    [100, 'critical'],
  ] as const)('bandOf(%d) = %s', (score, band) => {
    expect(bandOf(score)).toBe(band);
  });

  it('the band follows the rounded score a screen shows', () => {
    // Over-review alone at value 0.99996 → 24.999 → shown as 25.0, so the band says watch.
    const r = computeMmi({ ...calm(), overReview: { requested: 24999, required: 25000 } });
    expect(r.score).toBe(25);
    expect(r.band).toBe('watch');
  });
});

describe('not enough data yet', () => {
  it.each([
    { completed: 0, status: 'insufficient_data' },
    { completed: 9, status: 'insufficient_data' },
    { completed: 10, status: 'ok' },
    { completed: 11, status: 'ok' },
  ] as const)('$completed completed tasks → $status', ({ completed, status }) => {
    const r = computeMmi({ ...calm(completed), overReview: { requested: 5, required: 5 } });
    expect(r.status).toBe(status);
    expect(r.completedTasks).toBe(completed);
    expect(r.minCompletedTasks).toBe(10);
    if (r.status === 'insufficient_data') {
      expect(r).toMatchObject({ score: null, band: null, biggest: null });
      // The raw numbers are still there; no suggestion on thin data.
      expect(r.signals.find((s) => s.key === 'overReview')).toMatchObject({ value: 1, suggestion: null });
    } else {
      expect(r.score).toBe(25);
      expect(r.biggest).toBe('overReview');
    }
  });

  it('the minimum is a setting', () => {
    expect(computeMmi(calm(5), { minCompletedTasks: 5 }).status).toBe('ok');
  });
});

describe('a calm pair', () => {
  it('scores 0, healthy, no biggest signal, no suggestions', () => {
    const r = computeMmi(calm());
    expect(r).toMatchObject({ status: 'ok', score: 0, band: 'healthy', biggest: null });
    expect(r.signals.map((s) => s.key)).toEqual([...mmiSignalKeys]);
    expect(r.signals.every((s) => s.suggestion === null)).toBe(true);
  });
});

describe('suggestion threshold', () => {
  it('a signal at or below 0.05 makes no suggestion, above it does', () => {
    // 1 requested ÷ 20 required = 0.05: not above the threshold.
    const at = computeMmi({ ...calm(), overReview: { requested: 1, required: 20 } });
    expect(at.signals[0]?.suggestion).toBeNull();
    // 1 ÷ 19 ≈ 0.0526.
    const above = computeMmi({ ...calm(), overReview: { requested: 1, required: 19 } });
    expect(above.signals[0]?.suggestion?.code).toBe('reduce_requested_reviews');
  });
});

/**
 * The worked example, checked by hand. One principal × one assistant over 30 days, 20 tasks
 * completed (≥ 10, so the index is shown).
 *
 *  signal                 inputs                                   s                      w     w·s
 *  over-review            3 requested ÷ max(1, 12 required)        3/12 = 0.25           .25   0.0625
 *  level lag              4 areas; Bookkeeping met 18 d (≥ 14),    1/4 = 0.25            .20   0.05
 *                         Travel 13 d (< 14), two not met
 *  review latency         hours 4, 12, 22, 30, 60 → median 22      (22−8)/40 = 0.35      .15   0.0525
 *  preference rejections  2 preference-only of 5 change requests   2/5 = 0.4             .10   0.04
 *  take-backs             1 reassigned + 0 edits, 20 completed     1/20 × 10 = 0.5       .10   0.05
 *  redundant nudges       3 over 30/7 weeks = 0.7 a week           0.7/5 = 0.14          .10   0.014
 *  extended guidance      episode ran 10 d before the window and   (11 − (14 − 10))/14   .10   0.05
 *                         11 d inside: 11 − 4 = 7 extra days        = 7/14 = 0.5
 *
 *  Σ w·s = 0.0625 + 0.05 + 0.0525 + 0.04 + 0.05 + 0.014 + 0.05 = 0.319 → MMI 31.9 → watch
 *  (25 ≤ 31.9 < 50). Biggest contribution: over-review (0.0625).
 */
describe('worked example', () => {
  const input: MmiInput = {
    completedTasks: 20,
    overReview: { requested: 3, required: 12 },
    levelLag: {
      areas: [
        { areaName: 'Bookkeeping', level: 2, criteriaMetDays: 18 },
        { areaName: 'Travel', level: 3, criteriaMetDays: 13 },
        { areaName: 'Inbox', level: 1, criteriaMetDays: null },
        { areaName: 'Social media', level: 4, criteriaMetDays: null },
      ],
    },
    reviewLatency: { hours: [4, 12, 22, 30, 60] },
    preferenceRejections: { preferenceOnly: 2, changeRequests: 5 },
    takeBacks: { reassignedToPrincipal: 1, editsAfterAcceptance: 0 },
    redundantNudges: { redundantNudges: 3 },
    extendedGuidance: {
      episodes: [{ areaName: 'Customer support', daysBeforeWindow: 10, daysInWindow: 11 }],
    },
  };
  const r = computeMmi(input);

  it('has the hand-checked values and contributions', () => {
    const expected: [MmiSignalKey, number, number, number][] = [
      ['overReview', 0.25, 0.25, 0.0625],
      ['levelLag', 0.25, 0.2, 0.05],
      ['reviewLatency', 0.35, 0.15, 0.0525],
      ['preferenceRejections', 0.4, 0.1, 0.04],
      ['takeBacks', 0.5, 0.1, 0.05],
      ['redundantNudges', 0.14, 0.1, 0.014],
      ['extendedGuidance', 0.5, 0.1, 0.05],
    ];
    expect(r.signals).toHaveLength(7);
    expected.forEach(([key, value, weight, contribution], i) => {
      const s = r.signals[i];
      expect(s?.key).toBe(key);
      expect(s?.value).toBeCloseTo(value, 12);
      expect(s?.weight).toBe(weight);
      expect(s?.contribution).toBeCloseTo(contribution, 12);
    });
    expect(r).toMatchObject({ status: 'ok', score: 31.9, band: 'watch', biggest: 'overReview' });
  });

  it('shows the raw numbers', () => {
    expect(r.signals.map((s) => s.raw)).toEqual([
      { requested: 3, required: 12 },
      { areas: 4, laggingAreas: 1, longestLagDays: 18 },
      { reviews: 5, medianHours: 22 },
      { preferenceOnly: 2, changeRequests: 5 },
      { reassigned: 1, edits: 0, completed: 20 },
      { nudges: 3, assistantWeeks: 30 / 7, perWeek: expect.closeTo(0.7, 12) },
      { episodes: 1, extraDays: 7 },
    ]);
  });

  it('makes one concrete suggestion per signal, in both languages', () => {
    const levelLag = r.signals[1]?.suggestion;
    expect(levelLag).toEqual({
      code: 'promote_lagging_area',
      params: { area: 'Bookkeeping', days: 18, from: 2, to: 3 },
    });
    if (!levelLag) throw new Error('expected a suggestion');
    expect(suggestionText('en', levelLag)).toBe(
      'The assistant has met the criteria for level 3 in Bookkeeping for 18 days and is still at level 2 — promote?',
    );
    expect(suggestionText('de', levelLag)).toBe(
      'Die Assistenz erfüllt seit 18 Tagen die Kriterien für Stufe 3 in Bookkeeping und ist noch auf Stufe 2 – Stufe anheben?',
    );
    expect(r.signals.map((s) => s.suggestion?.code)).toEqual([
      'reduce_requested_reviews',
      'promote_lagging_area',
      'decide_reviews_sooner',
      'write_preferences_down',
      'send_back_instead_of_taking_over',
      'check_activity_before_nudging',
      'end_extended_episode',
    ]);
    expect(r.signals[5]?.suggestion?.params).toEqual({ nudges: 3, perWeek: 0.7 });
    expect(r.signals[6]?.suggestion?.params).toEqual({ area: 'Customer support', days: 21, extraDays: 7 });
  });
});

const unitValues = fc.record(
  Object.fromEntries(mmiSignalKeys.map((k) => [k, fc.double({ min: 0, max: 1, noNaN: true })])) as Record<
    MmiSignalKey,
    fc.Arbitrary<number>
  >,
);

/** Random valid weights: non-negative, normalised to sum 1. */
const weightsArb = fc
  .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 7, maxLength: 7 })
  .filter((ws) => ws.reduce((a, b) => a + b, 0) > 0.01)
  .map((ws) => {
    const sum = ws.reduce((a, b) => a + b, 0);
    return Object.fromEntries(mmiSignalKeys.map((k, i) => [k, (ws[i] ?? 0) / sum])) as Record<
      MmiSignalKey,
      number
    >;
  })
  .filter((w) => validateMmiWeights(w).length === 0);

describe('properties', () => {
  it('the score stays in [0, 100] for any signal values and valid weights', () => {
    fc.assert(
      fc.property(unitValues, weightsArb, (values, weights) => {
        const score = mmiScore(values, weights);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('the score is monotone in each signal', () => {
    fc.assert(
      fc.property(
        unitValues,
        weightsArb,
        fc.constantFrom(...mmiSignalKeys),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, weights, key, raise) => {
          const higher = { ...values, [key]: Math.min(1, values[key] + raise) };
          expect(mmiScore(higher, weights)).toBeGreaterThanOrEqual(mmiScore(values, weights));
        },
      ),
    );
  });

  it('computeMmi: score in [0, 100], band matches, and one more over-review never lowers it', () => {
    const n = fc.nat({ max: 500 });
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 500 }),
        n,
        n,
        fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { maxLength: 20 }),
        n,
        n,
        n,
        n,
        (completed, requested, required, hours, pref, changes, reassigned, nudges) => {
          const input: MmiInput = {
            ...calm(completed),
            overReview: { requested, required },
            reviewLatency: { hours },
            preferenceRejections: { preferenceOnly: Math.min(pref, changes), changeRequests: changes },
            takeBacks: { reassignedToPrincipal: reassigned, editsAfterAcceptance: 0 },
            redundantNudges: { redundantNudges: nudges },
          };
          const r = computeMmi(input);
          if (r.status !== 'ok') throw new Error('expected ok');
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100);
          expect(r.band).toBe(bandOf(r.score));
          expect(r.score).toBe(mmiScore(valuesOf(r)));
          const more = computeMmi({ ...input, overReview: { requested: requested + 1, required } });
          expect(more.score ?? 0).toBeGreaterThanOrEqual(r.score);
        },
      ),
    );
  });
});
