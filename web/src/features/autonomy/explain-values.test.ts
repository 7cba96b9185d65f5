import { type ExplanationCode, type ExplanationParamsByCode, explanationCodes } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { type ExplainFormat, explanationValues } from './explain-values.ts';
import de from './locales/de.json';
import en from './locales/en.json';

/** One realistic params object per code; the type makes a new code fail here until it is added. */
const samples: { [C in ExplanationCode]: ExplanationParamsByCode[C] } = {
  guardrail_ticked: { guardrails: [0, 2], level: 3 },
  level_requires_review: { level: 1 },
  first_reviews_at_level: { level: 3, reviewed: 4, first: 10 },
  review_requested: { level: 4 },
  sample_selected: { level: 3, draw: 0.12, rate: 0.25, baseRate: 0.25, tightened: false },
  sample_not_selected: { level: 3, draw: 0.61, rate: 0.25, baseRate: 0.25, tightened: false },
  level_default: { level: 1 },
  level_granted: { level: 2 },
  level_capped_by_episode: {
    grant: 4,
    cap: 2,
    episodeId: 'e1',
    reason: 'sop_change',
    until: '2026-12-10T09:00:00.000Z',
  },
  level_capped_by_area: { grant: 5, maxLevel: 4 },
  promotion_criteria_met: { from: 1, to: 2 },
  promotion_criteria_not_met: { from: 1, to: 2, missing: ['days_at_level', 'first_pass_rate'] },
  promotion_at_max_level: { level: 4, maxLevel: 4 },
  sampling_normal: { baseRate: 0.1, rate: 0.1 },
  sampling_tightened: {
    since: '2026-11-20T09:00:00.000Z',
    defects: 2,
    window: 5,
    baseRate: 0.25,
    rate: 0.5,
    consecutiveFirstPass: 1,
    relaxAfter: 5,
  },
  tightening_grace: {
    defects: 2,
    window: 5,
    promotedAt: '2026-11-20T09:00:00.000Z',
    graceDays: 14,
    graceEndsAt: '2026-12-04T09:00:00.000Z',
    baseRate: 0.25,
  },
  demotion_suggested: { from: 3, to: 2, tightenings: 3, threshold: 3, windowDays: 90 },
  demotion_not_suggested: { level: 3, tightenings: 1, threshold: 3, windowDays: 90 },
  task_needs_approval: { level: 1, below: 3 },
  task_direct: { level: 3 },
  notice_exception: { exception: 'guardrail_hit' },
  notice_by_level: { level: 3, cadence: 'daily' },
  episode_scheduled: { startsAt: '2026-12-01T09:00:00.000Z', plannedEndAt: '2026-12-15T09:00:00.000Z' },
  episode_active: { plannedEndAt: '2026-12-15T09:00:00.000Z', daysLeft: 9 },
  episode_ending_soon: { plannedEndAt: '2026-12-03T09:00:00.000Z', daysLeft: 2, withinDays: 7 },
  episode_ended_planned: { plannedEndAt: '2026-11-15T09:00:00.000Z' },
  episode_ended_early: { endedAt: '2026-11-10T09:00:00.000Z', plannedEndAt: '2026-11-15T09:00:00.000Z' },
};

const format: ExplainFormat = {
  decimal: (n) => n.toFixed(2),
  percent: (n) => `${Math.round(n * 100)} %`,
  date: (iso) => iso.slice(0, 10),
  levelName: (level) => `L${level}name`,
  criterion: (key) => `crit:${key}`,
  episodeReason: (reason) => `reason:${reason}`,
  cadence: (cadence) => `cadence:${cadence}`,
  exception: (exception) => `exception:${exception}`,
  list: (items) => items.join(', '),
};

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
}

const tables = { en: en.autonomy.explain, de: de.autonomy.explain } as Record<string, Record<string, string>>;

describe('explanation translations', () => {
  it.each(explanationCodes)('%s reads in English and German with the same placeholders', (code) => {
    const english = tables.en?.[code];
    const german = tables.de?.[code];
    expect(english, `en ${code}`).toBeTypeOf('string');
    expect(german, `de ${code}`).toBeTypeOf('string');
    expect(placeholders(german ?? '')).toEqual(placeholders(english ?? ''));
  });

  it.each(explanationCodes)('%s only uses placeholders its params provide', (code) => {
    const values = explanationValues({ code, params: samples[code] }, format);
    for (const name of placeholders(tables.en?.[code] ?? '')) {
      expect(values, `${code} needs {{${name}}}`).toHaveProperty(name);
    }
  });

  it('has no sentence for a code that does not exist', () => {
    expect(Object.keys(tables.en ?? {}).sort()).toEqual([...explanationCodes].sort());
    expect(Object.keys(tables.de ?? {}).sort()).toEqual([...explanationCodes].sort());
  });
});

describe('explanationValues', () => {
  it('shows the draw and the rate as decimals and percent', () => {
    const values = explanationValues(
      { code: 'sample_not_selected', params: samples.sample_not_selected },
      format,
    );
    expect(values).toMatchObject({
      draw: '0.61',
      rate: '0.25',
      ratePercent: '25 %',
      level: '3',
      levelName: 'L3name',
    });
  });

  it('counts guardrails from 1 and names missing criteria', () => {
    expect(
      explanationValues({ code: 'guardrail_ticked', params: samples.guardrail_ticked }, format).guardrails,
    ).toBe('1, 3');
    expect(
      explanationValues(
        { code: 'promotion_criteria_not_met', params: samples.promotion_criteria_not_met },
        format,
      ).missing,
    ).toBe('crit:days_at_level, crit:first_pass_rate');
  });

  it('formats instants as dates and translates reasons', () => {
    const values = explanationValues(
      { code: 'level_capped_by_episode', params: samples.level_capped_by_episode },
      format,
    );
    expect(values).toMatchObject({
      until: '2026-12-10',
      reason: 'reason:sop_change',
      cap: '2',
      grantName: 'L4name',
    });
  });

  it('survives params of the wrong shape', () => {
    expect(
      explanationValues({ code: 'episode_active', params: { plannedEndAt: null, daysLeft: 'x' } }, format),
    ).toEqual({
      plannedEndAt: '—',
      daysLeft: 'x',
    });
  });
});
