import { describe, expect, it } from 'vitest';
import {
  type AutonomySettings,
  defaultAutonomySettings,
  defaultMaxLevel,
  mergeAutonomySettings,
  promotionStepFrom,
  scaledCount,
  validateAutonomySettings,
} from './settings.ts';

const d = defaultAutonomySettings;

describe('default settings are DESIGN §4', () => {
  it.each([
    [1, 7, 5, 0.8, 0],
    [2, 14, 10, 0.9, 5],
    [3, 30, 20, 0.95, 0],
    [4, 60, 30, 0.97, 0],
  ] as const)(
    'from L%i: %i days, %i reviewed, rate %f, last %i first pass',
    (from, days, reviewed, rate, last) => {
      expect(promotionStepFrom(d, from)).toEqual({
        minDays: days,
        minReviewed: reviewed,
        minFirstPassRate: rate,
        lastFirstPass: last,
      });
    },
  );

  it('has no step beyond L5', () => {
    expect(promotionStepFrom(d, 5)).toBeNull();
  });

  it('samples L3 at 25 % after 10 reviews, L4 at 10 %, L5 at 5 %', () => {
    expect(d.sampling).toEqual({ l3FullReviews: 10, l3Rate: 0.25, l4Rate: 0.1, l5Rate: 0.05 });
  });

  it('tightens on 2 defects in 5 to max(2×, 50 %), relaxes after 5, 14 days grace, 3 in 90 days', () => {
    expect(d.tightening).toEqual({
      window: 5,
      defects: 2,
      rateMultiplier: 2,
      minRate: 0.5,
      relaxAfter: 5,
      graceDays: 14,
      demotionAfter: 3,
      demotionWindowDays: 90,
    });
  });

  it('runs support episodes 14 days by default, 30 at most; agenda 7 days ahead', () => {
    expect(d.supportEpisodes).toEqual({ defaultDays: 14, maxDays: 30 });
    expect(d.agenda.episodeEndingWithinDays).toBe(7);
  });

  it('passes its own validation', () => {
    expect(validateAutonomySettings(d)).toEqual([]);
  });
});

describe('risk classes', () => {
  it.each([
    // count, risk, scaled: high doubles, low halves rounding up, medium keeps
    [5, 'medium', 5],
    [5, 'high', 10],
    [5, 'low', 3],
    [10, 'medium', 10],
    [10, 'high', 20],
    [10, 'low', 5],
    [20, 'high', 40],
    [20, 'low', 10],
    [30, 'high', 60],
    [30, 'low', 15],
    [0, 'high', 0],
    [1, 'low', 1],
  ] as const)('%i results at %s risk need %i', (count, risk, expected) => {
    expect(scaledCount(count, risk, d)).toBe(expected);
  });

  it('does not round float noise up (10 × 0.7 is 7)', () => {
    const s = mergeAutonomySettings(d, { risk: { low: { countMultiplier: 0.7 } } });
    expect(scaledCount(10, 'low', s)).toBe(7);
  });

  it.each([
    ['low', 5],
    ['medium', 5],
    ['high', 4],
  ] as const)('a new %s-risk area caps at L%i', (risk, max) => {
    expect(defaultMaxLevel(risk, d)).toBe(max);
  });
});

describe('mergeAutonomySettings', () => {
  it('changes only the fields named', () => {
    const merged = mergeAutonomySettings(d, {
      promotion: { toL3: { minReviewed: 12 } },
      sampling: { l4Rate: 0.2 },
    });
    expect(merged.promotion.toL3).toEqual({ ...d.promotion.toL3, minReviewed: 12 });
    expect(merged.promotion.toL2).toEqual(d.promotion.toL2);
    expect(merged.sampling).toEqual({ ...d.sampling, l4Rate: 0.2 });
    expect(merged.tightening).toEqual(d.tightening);
    expect(d.sampling.l4Rate).toBe(0.1);
  });

  it('ignores undefined values and unknown keys', () => {
    const patch = { sampling: { l3Rate: undefined, bogus: 3 } } as unknown as Parameters<
      typeof mergeAutonomySettings
    >[1];
    expect(mergeAutonomySettings(d, patch)).toEqual(d);
  });
});

describe('validateAutonomySettings', () => {
  const broken = (patch: Parameters<typeof mergeAutonomySettings>[1]): AutonomySettings =>
    mergeAutonomySettings(d, patch);

  it.each([
    [{ promotion: { toL2: { minReviewed: -1 } } }, 'promotion/toL2/minReviewed', 'integer_at_least'],
    [{ promotion: { toL3: { lastFirstPass: 2.5 } } }, 'promotion/toL3/lastFirstPass', 'integer_at_least'],
    [{ promotion: { toL4: { minFirstPassRate: 1.2 } } }, 'promotion/toL4/minFirstPassRate', 'number_between'],
    [{ promotion: { toL5: { minDays: Number.NaN } } }, 'promotion/toL5/minDays', 'integer_at_least'],
    [{ risk: { high: { countMultiplier: 0 } } }, 'risk/high/countMultiplier', 'number_above'],
    [{ risk: { low: { defaultMaxLevel: 6 } } }, 'risk/low/defaultMaxLevel', 'integer_between'],
    [{ sampling: { l3Rate: -0.1 } }, 'sampling/l3Rate', 'number_between'],
    [{ sampling: { l5Rate: Number.POSITIVE_INFINITY } }, 'sampling/l5Rate', 'number_between'],
    [{ sampling: { l3FullReviews: -3 } }, 'sampling/l3FullReviews', 'integer_at_least'],
    [{ tightening: { defects: 0 } }, 'tightening/defects', 'integer_at_least'],
    [{ tightening: { defects: 6 } }, 'tightening/defects', 'not_more_than_field'],
    [{ tightening: { window: 0 } }, 'tightening/window', 'integer_at_least'],
    [{ tightening: { minRate: 2 } }, 'tightening/minRate', 'number_between'],
    [{ tightening: { relaxAfter: 0 } }, 'tightening/relaxAfter', 'integer_at_least'],
    [{ tightening: { graceDays: -1 } }, 'tightening/graceDays', 'integer_at_least'],
    [{ tightening: { demotionAfter: 0 } }, 'tightening/demotionAfter', 'integer_at_least'],
    [{ supportEpisodes: { defaultDays: 31 } }, 'supportEpisodes/defaultDays', 'not_more_than_field'],
    [{ supportEpisodes: { maxDays: 0 } }, 'supportEpisodes/maxDays', 'integer_at_least'],
    [{ agenda: { episodeEndingWithinDays: -1 } }, 'agenda/episodeEndingWithinDays', 'integer_at_least'],
    [
      { notifications: { severeLessonMaxSeverity: 5 } },
      'notifications/severeLessonMaxSeverity',
      'integer_between',
    ],
  ] as const)('%j → %s %s', (patch, field, code) => {
    const problems = validateAutonomySettings(broken(patch as Parameters<typeof mergeAutonomySettings>[1]));
    expect(problems.map((p) => [p.field, p.code])).toContainEqual([field, code]);
    for (const p of problems) expect(p.message).not.toBe('');
  });

  it('names every broken field at once', () => {
    const problems = validateAutonomySettings(
      broken({ sampling: { l3Rate: 3, l4Rate: -1 }, agenda: { episodeEndingWithinDays: 0.5 } }),
    );
    expect(problems.map((p) => p.field).sort()).toEqual([
      'agenda/episodeEndingWithinDays',
      'sampling/l3Rate',
      'sampling/l4Rate',
    ]);
  });

  it('accepts the edges: rates 0 and 1, counts 0', () => {
    const edge = broken({
      sampling: { l3Rate: 1, l4Rate: 0, l5Rate: 0, l3FullReviews: 0 },
      promotion: { toL2: { minDays: 0, minReviewed: 0, minFirstPassRate: 0 } },
      tightening: { defects: 5, graceDays: 0 },
      supportEpisodes: { defaultDays: 30 },
    });
    expect(validateAutonomySettings(edge)).toEqual([]);
  });
});
