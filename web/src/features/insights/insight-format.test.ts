import type { InsightPair } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import {
  bandOf,
  fillPlaceholders,
  formatNumber,
  lastValue,
  orderedSignals,
  rawLines,
  rawNumber,
  sortPairs,
  suggestionSentence,
  toPercent,
} from './insight-format.ts';

function pair(assistantName: string, principalName: string, score: number | null): InsightPair {
  return {
    principalId: `p-${principalName}`,
    principalName,
    assistantId: `a-${assistantName}`,
    assistantName,
    status: score === null ? 'insufficient_data' : 'ok',
    completedTasks: 12,
    score,
    band: score === null ? null : bandOf(score),
    biggest: null,
    signals: [],
    underSupport: { total: 0, items: [] },
  };
}

describe('raw numbers in words', () => {
  it('reads numbers, numeric strings and nothing else', () => {
    expect(rawNumber({ a: 3 }, 'a')).toBe(3);
    expect(rawNumber({ a: '4.5' }, 'a')).toBe(4.5);
    expect(rawNumber({ a: 'Bookkeeping' }, 'a')).toBeNull();
    expect(rawNumber({ a: null }, 'a')).toBeNull();
    expect(rawNumber({}, 'a')).toBeNull();
    expect(rawNumber({ a: Number.NaN }, 'a')).toBeNull();
  });

  it('formats numbers with at most one decimal in the reader’s format', () => {
    expect(formatNumber(12.345, 'en')).toBe('12.3');
    expect(formatNumber(12.345, 'de')).toBe('12,3');
    expect(formatNumber(1234, 'de')).toBe('1.234');
    expect(formatNumber(3, 'en')).toBe('3');
  });

  it('puts over-review into one sentence with the plural on the requested reviews', () => {
    expect(rawLines('overReview', { requested: 3, required: 12 }, 'en')).toEqual([
      { key: 'overReview', count: 3, params: { required: '12' } },
    ]);
  });

  it('adds the longest wait to level lag only when there is one, and says when there are no areas', () => {
    expect(rawLines('levelLag', { areas: 4, laggingAreas: 1, longestLagDays: 20 }, 'en')).toEqual([
      { key: 'levelLag', count: 4, params: { lagging: '1' } },
      { key: 'levelLagLongest', count: 20, params: {} },
    ]);
    expect(rawLines('levelLag', { areas: 2, laggingAreas: 0, longestLagDays: null }, 'en')).toHaveLength(1);
    expect(rawLines('levelLag', { areas: 0, laggingAreas: 0, longestLagDays: null }, 'en')[0]?.key).toBe(
      'noAreas',
    );
  });

  it('says "no reviews" instead of a median of nothing', () => {
    expect(rawLines('reviewLatency', { reviews: 0, medianHours: null }, 'en')[0]?.key).toBe('noReviews');
    expect(rawLines('reviewLatency', { reviews: 5, medianHours: 30.25 }, 'de')).toEqual([
      { key: 'reviewLatency', count: 5, params: { hours: '30,3' } },
    ]);
  });

  it('covers the remaining signals, reading a missing number as 0', () => {
    expect(rawLines('preferenceRejections', { preferenceOnly: 2, changeRequests: 0 }, 'en')[0]?.key).toBe(
      'noChangeRequests',
    );
    expect(rawLines('takeBacks', { reassigned: 1 }, 'en')).toEqual([
      { key: 'takeBacks', count: 0, params: { reassigned: '1', edits: '0' } },
    ]);
    expect(rawLines('redundantNudges', { nudges: 6, assistantWeeks: 30 / 7, perWeek: 1.4 }, 'en')).toEqual([
      { key: 'redundantNudges', count: 6, params: { perWeek: '1.4', weeks: '4.3' } },
    ]);
    expect(rawLines('extendedGuidance', { episodes: 1, extraDays: 9 }, 'en')).toEqual([
      { key: 'extendedGuidance', count: 9, params: { episodes: '1' } },
    ]);
  });
});

describe('suggestion sentences', () => {
  it('fills placeholders with formatted numbers and keeps unknown ones visible', () => {
    expect(fillPlaceholders('{{a}} of {{b}} ({{c}})', { a: 2.25, b: 'x' }, 'de')).toBe('2,3 of x ({{c}})');
  });

  it('uses the shared wording in both languages', () => {
    const suggestion = { code: 'decide_reviews_sooner', params: { medianHours: 30.5, reviews: 7 } };
    expect(suggestionSentence('en', suggestion)).toContain('median of 30.5 hours');
    expect(suggestionSentence('de', suggestion)).toContain('30,5 Stunden');
  });

  it('shows no sentence for a code it does not know', () => {
    expect(suggestionSentence('en', { code: 'something_new', params: {} })).toBeNull();
  });
});

describe('bands, percentages and order', () => {
  it('maps scores to bands at the §10 edges', () => {
    expect([0, 24.9, 25, 49.9, 50, 74.9, 75, 100].map(bandOf)).toEqual([
      'healthy',
      'healthy',
      'watch',
      'watch',
      'high',
      'high',
      'critical',
      'critical',
    ]);
  });

  it('turns values into clamped whole percentages', () => {
    expect(toPercent(0.425)).toBe(43);
    expect(toPercent(-1)).toBe(0);
    expect(toPercent(2)).toBe(100);
    expect(toPercent(Number.NaN)).toBe(0);
  });

  it('sorts pairs by assistant then principal, never by score', () => {
    const sorted = sortPairs(
      [pair('Zoe', 'Ann', 10), pair('ben', 'Max', 90), pair('Ben', 'Ann', null)],
      'en',
    );
    expect(sorted.map((p) => `${p.assistantName}/${p.principalName}`)).toEqual([
      'Ben/Ann',
      'ben/Max',
      'Zoe/Ann',
    ]);
  });

  it('orders signals as DESIGN lists them', () => {
    const keys = orderedSignals([
      { key: 'takeBacks' },
      { key: 'overReview' },
      { key: 'levelLag' },
    ] as const).map((s) => s.key);
    expect(keys).toEqual(['overReview', 'levelLag', 'takeBacks']);
  });
});

describe('series', () => {
  it('finds the latest measured value', () => {
    expect(lastValue([1, 2, null])).toBe(2);
    expect(lastValue([null])).toBeNull();
    expect(lastValue([])).toBeNull();
  });
});
