import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reviewedResults } from './evidence.ts';
import { foldResults, initialReplay, promotionTimes, type ReplayState, replayOrder } from './replay.ts';
import { defaultAutonomySettings as settings } from './settings.ts';
import { at, history, type ResultKind, T0 } from './test-helpers.ts';
import { samplingOf } from './tightening.ts';

const kinds = fc.array(fc.constantFrom<ResultKind>('ok', 'pref', 'defect', 'both'), { maxLength: 60 });
const promotionDays = fc.array(fc.integer({ min: 0, max: 70 }), { maxLength: 3 });

describe('foldResults', () => {
  it('gives the same state whether the history is folded at once or resumed from a stored prefix', () => {
    fc.assert(
      fc.property(
        kinds,
        promotionDays,
        fc.nat(),
        fc.integer({ min: -5, max: 40 }),
        (ks, days, cut, since) => {
          const results = reviewedResults(history(ks));
          const now = T0 + 80 * 86_400_000;
          const promotions = promotionTimes(days.map(at), now);
          const start = initialReplay(T0 + since * 86_400_000);
          const whole = foldResults(start, results, promotions, settings);
          const k = results.length === 0 ? 0 : cut % (results.length + 1);
          // The prefix's state goes through JSON, as a stored checkpoint would.
          const stored = JSON.parse(
            JSON.stringify(foldResults(start, results.slice(0, k), promotions, settings)),
          );
          const resumed = foldResults(stored as ReplayState, results.slice(k), promotions, settings);
          expect(resumed).toEqual(whole);
          expect(samplingOf(resumed, promotions, 3, settings, new Date(now))).toEqual(
            samplingOf(whole, promotions, 3, settings, new Date(now)),
          );
        },
      ),
    );
  });

  it('does not change the state it is given', () => {
    const results = reviewedResults(history(['defect', 'defect', 'ok']));
    const start = initialReplay(T0);
    const copy = JSON.parse(JSON.stringify(start));
    foldResults(start, results, [], settings);
    expect(start).toEqual(copy);
  });

  it('remembers where it stopped, in replay order', () => {
    const results = reviewedResults(history(['ok', 'defect']));
    const state = foldResults(initialReplay(T0), results, [], settings);
    expect(state.results).toBe(2);
    expect(state.through).toEqual({ at: Date.parse(results[1]?.firstDecidedAt ?? ''), taskId: 't1' });
    expect(replayOrder({ at: 1, taskId: 'b' }, { at: 1, taskId: 'a' })).toBeGreaterThan(0);
    expect(replayOrder({ at: 1, taskId: 'b' }, { at: 2, taskId: 'a' })).toBeLessThan(0);
  });
});
