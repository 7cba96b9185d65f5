import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReviewFacts } from './evidence.ts';
import { defaultAutonomySettings as settings } from './settings.ts';
import { at, DAY, history, type ResultKind, T0 } from './test-helpers.ts';
import { samplingState, shouldProposeDemotion, tighteningsInWindow } from './tightening.ts';
import type { AutonomyLevel } from './values.ts';

const state = (
  records: ReviewFacts[],
  opts: { promotions?: string[]; level?: AutonomyLevel; now?: number } = {},
) =>
  samplingState({
    records,
    promotions: opts.promotions ?? [],
    level: opts.level ?? 3,
    settings,
    now: at(opts.now ?? 365),
  });

describe('samplingState: tighten', () => {
  it.each<[string, ResultKind[], boolean]>([
    ['clean', ['ok', 'ok', 'ok', 'ok', 'ok'], false],
    ['one defect in 5', ['ok', 'defect', 'ok', 'ok', 'ok'], false],
    ['2 defects in the last 5', ['defect', 'ok', 'ok', 'ok', 'defect'], true],
    ['2 defects 5 apart (not within 5)', ['defect', 'ok', 'ok', 'ok', 'ok', 'defect'], false],
    ['2 defects in a row', ['ok', 'ok', 'defect', 'both'], true],
    ['preferences are not defects', ['pref', 'pref', 'pref', 'pref', 'pref'], false],
  ])('%s → tightened %s', (_name, kinds, tightened) => {
    expect(state(history(kinds)).tightened).toBe(tightened);
  });

  it.each([
    [3, 0.25, 0.5],
    [4, 0.1, 0.5],
    [5, 0.05, 0.5],
    [2, 1, 1],
  ] as const)('at L%i the rate goes from %f to %f', (level, baseRate, rate) => {
    const s = state(history(['defect', 'defect']), { level });
    expect(s).toMatchObject({ tightened: true, baseRate, rate, since: at(1) });
    expect(s.explanation).toEqual({
      code: 'sampling_tightened',
      params: { since: at(1), defects: 2, window: 5, baseRate, rate, consecutiveFirstPass: 0, relaxAfter: 5 },
    });
  });

  it('samples at the base rate when not tightened, and says so', () => {
    expect(state(history(['ok']), { level: 4 })).toMatchObject({
      tightened: false,
      rate: 0.1,
      explanation: { code: 'sampling_normal', params: { baseRate: 0.1, rate: 0.1 } },
    });
  });

  it('follows the settings (3 of the last 4)', () => {
    const s = { ...settings, tightening: { ...settings.tightening, window: 4, defects: 3 } };
    const run = (kinds: ResultKind[]) =>
      samplingState({ records: history(kinds), promotions: [], level: 3, settings: s, now: at(365) })
        .tightened;
    expect(run(['defect', 'defect', 'ok'])).toBe(false);
    expect(run(['defect', 'ok', 'defect', 'defect'])).toBe(true);
  });
});

describe('samplingState: relax', () => {
  it.each<[ResultKind[], boolean, number]>([
    [['defect', 'defect', 'ok', 'ok', 'ok', 'ok'], true, 4],
    [['defect', 'defect', 'ok', 'ok', 'ok', 'ok', 'ok'], false, 0],
    [['defect', 'defect', 'ok', 'pref', 'ok', 'pref', 'ok'], false, 0],
    // A defect while tightened starts the count again.
    [['defect', 'defect', 'ok', 'ok', 'ok', 'ok', 'defect', 'ok'], true, 1],
  ])('%j → tightened %s, %i in a row', (kinds, tightened, streak) => {
    const s = state(history(kinds));
    expect(s.tightened).toBe(tightened);
    expect(s.consecutiveFirstPass).toBe(streak);
    expect(s.tighteningStarts).toEqual([at(1)]);
  });

  it('does not re-tighten on the defects that caused the last tightening', () => {
    const s = { ...settings, tightening: { ...settings.tightening, window: 10, relaxAfter: 3 } };
    const r = samplingState({
      records: history(['defect', 'defect', 'ok', 'ok', 'ok', 'ok']),
      promotions: [],
      level: 3,
      settings: s,
      now: at(365),
    });
    expect(r.tightened).toBe(false);
    expect(r.tighteningStarts).toHaveLength(1);
  });

  it('relaxes after 5 consecutive first-pass accepts, whatever came before', () => {
    const kinds = fc.constantFrom<ResultKind>('ok', 'pref', 'defect', 'both');
    fc.assert(
      fc.property(fc.array(kinds, { maxLength: 30 }), (prefix) => {
        const s = state(history([...prefix, 'ok', 'ok', 'ok', 'ok', 'ok']));
        expect(s.tightened).toBe(false);
        expect(s.rate).toBe(0.25);
      }),
    );
  });
});

describe('samplingState: grace after a promotion', () => {
  const promotion = at(10);

  it.each([
    // start day of two defects → tightened?
    [10, false], // on the day of the promotion
    [23.9, false], // still within 14 days
    [24, true], // the grace is over
  ])('two defects from day %f → tightened %s', (day, tightened) => {
    const records = history(['defect', 'defect'], day);
    expect(state(records, { promotions: [promotion] }).tightened).toBe(tightened);
  });

  it('forgives defects within the grace, also after it', () => {
    const records = [...history(['defect'], 20, 'g'), ...history(['defect', 'ok'], 25, 'a')];
    expect(state(records, { promotions: [promotion] }).tightened).toBe(false);
  });

  it('explains that the grace is what keeps sampling normal', () => {
    const s = state(history(['defect', 'defect'], 11), { promotions: [promotion], now: 13 });
    expect(s.explanation).toEqual({
      code: 'tightening_grace',
      params: {
        defects: 2,
        window: 5,
        promotedAt: promotion,
        graceDays: 14,
        graceEndsAt: at(24),
        baseRate: 0.25,
      },
    });
  });

  it('ends a running tightening at a promotion', () => {
    const records = history(['defect', 'defect'], 0);
    expect(state(records, { now: 5 }).tightened).toBe(true);
    expect(state(records, { promotions: [at(4)], now: 5 }).tightened).toBe(false);
  });

  it('never starts a tightening within 14 days after a promotion', () => {
    const kinds = fc.constantFrom<ResultKind>('ok', 'pref', 'defect', 'both');
    fc.assert(
      fc.property(
        fc.array(kinds, { maxLength: 60 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 3 }),
        (kinds, promotionDays) => {
          const promotions = promotionDays.map(at);
          const s = state(history(kinds), { promotions });
          for (const start of s.tighteningStarts) {
            for (const p of promotionDays) {
              const d = (Date.parse(start) - (T0 + p * DAY)) / DAY;
              expect(d >= 0 && d < 14).toBe(false);
            }
          }
        },
      ),
    );
  });
});

describe('demotion is only ever a suggestion', () => {
  it.each([
    // tightening start days, now day → count in the last 90 days
    [[0, 10, 20], 30, 3],
    [[0, 10, 20], 90, 2], // day 0 is exactly 90 days back: outside
    [[0, 10, 20], 89, 3],
    [[50], 40, 0], // not yet
  ])('starts %j, now day %i → %i in 90 days', (days, now, count) => {
    expect(tighteningsInWindow(days.map(at), at(now), settings)).toBe(count);
  });

  it('ignores tightenings before notBefore', () => {
    expect(tighteningsInWindow([at(0), at(10), at(20)].map(String), at(30), settings, at(5))).toBe(2);
  });

  it.each([
    [3, 3, true, 2],
    [3, 2, false, null],
    [5, 4, true, 4],
    [1, 5, false, null], // nothing below L1
  ] as const)('L%i with %i tightenings → propose %s (to %s)', (level, n, propose, to) => {
    const starts = Array.from({ length: n }, (_, i) => at(i * 10));
    const r = shouldProposeDemotion({ level, tighteningStarts: starts, settings, now: at(60) });
    expect(r).toMatchObject({ propose, from: level, to, tightenings: n });
    expect(r.explanation.code).toBe(propose ? 'demotion_suggested' : 'demotion_not_suggested');
  });

  it('counts three tightenings out of one history', () => {
    const kinds: ResultKind[] = [];
    for (let i = 0; i < 3; i++) kinds.push('defect', 'defect', 'ok', 'ok', 'ok', 'ok', 'ok');
    const s = state(history(kinds), { now: 30 });
    expect(s.tighteningStarts).toEqual([at(1), at(8), at(15)]);
    expect(
      shouldProposeDemotion({ level: 4, tighteningStarts: s.tighteningStarts, settings, now: at(30) }),
    ).toMatchObject({
      propose: true,
      to: 3,
    });
  });

  it('never lowers a level from a history: the grant and promotion only go up', () => {
    const kinds = fc.constantFrom<ResultKind>('ok', 'pref', 'defect', 'both');
    fc.assert(
      fc.property(
        fc.array(kinds, { maxLength: 60 }),
        fc.constantFrom<AutonomyLevel>(1, 2, 3, 4, 5),
        (ks, level) => {
          const s = state(history(ks), { level, now: 70 });
          // Sampling changes rates, never levels.
          expect(Object.keys(s)).not.toContain('level');
          const d = shouldProposeDemotion({
            level,
            tighteningStarts: s.tighteningStarts,
            settings,
            now: at(70),
          });
          expect(d.from).toBe(level);
          if (d.propose) expect(d.to).toBe(level - 1);
          else expect(d.to).toBeNull();
        },
      ),
    );
  });
});
