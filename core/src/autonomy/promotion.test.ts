import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RiskClass } from '../limits.ts';
import { computeEvidence, type EvidenceFacts, type ReviewFacts } from './evidence.ts';
import { type PromotionCriterionKey, promotionCheck, promotionOutOfReach } from './promotion.ts';
import { defaultAutonomySettings as settings } from './settings.ts';
import { at, DAY, review, T0 } from './test-helpers.ts';
import type { AutonomyLevel } from './values.ts';

interface Threshold {
  from: AutonomyLevel;
  risk: RiskClass;
  days: number;
  reviewed: number;
  rate: number;
  lastN: number;
}

/** DESIGN §4, written out for every risk class: high doubles the counts, low halves them (rounded up). */
const thresholds: Threshold[] = [
  { from: 1, risk: 'medium', days: 7, reviewed: 5, rate: 0.8, lastN: 0 },
  { from: 1, risk: 'high', days: 7, reviewed: 10, rate: 0.8, lastN: 0 },
  { from: 1, risk: 'low', days: 7, reviewed: 3, rate: 0.8, lastN: 0 },
  { from: 2, risk: 'medium', days: 14, reviewed: 10, rate: 0.9, lastN: 5 },
  { from: 2, risk: 'high', days: 14, reviewed: 20, rate: 0.9, lastN: 10 },
  { from: 2, risk: 'low', days: 14, reviewed: 5, rate: 0.9, lastN: 3 },
  { from: 3, risk: 'medium', days: 30, reviewed: 20, rate: 0.95, lastN: 0 },
  { from: 3, risk: 'high', days: 30, reviewed: 40, rate: 0.95, lastN: 0 },
  { from: 3, risk: 'low', days: 30, reviewed: 10, rate: 0.95, lastN: 0 },
  { from: 4, risk: 'medium', days: 60, reviewed: 30, rate: 0.97, lastN: 0 },
  { from: 4, risk: 'high', days: 60, reviewed: 60, rate: 0.97, lastN: 0 },
  { from: 4, risk: 'low', days: 60, reviewed: 15, rate: 0.97, lastN: 0 },
];

const evidenceAt = (
  t: Threshold,
): Pick<EvidenceFacts, 'levelSince' | 'reviewedResults' | 'firstPassRate' | 'consecutiveFirstPass'> => ({
  levelSince: at(0),
  reviewedResults: t.reviewed,
  firstPassRate: t.rate,
  consecutiveFirstPass: t.lastN,
});

const check = (t: Threshold, evidence = evidenceAt(t), days = t.days) =>
  promotionCheck({ evidence, level: t.from, riskClass: t.risk, maxLevel: 5, settings, now: at(days) });

describe('promotionCheck thresholds', () => {
  it.each(thresholds)('L$from → next at $risk risk: met exactly at the thresholds', (t) => {
    const r = check(t);
    expect(r).toMatchObject({ from: t.from, to: t.from + 1, eligible: true });
    const expected: [PromotionCriterionKey, number][] = [
      ['days_at_level', t.days],
      ['reviewed_results', t.reviewed],
      ['first_pass_rate', t.rate],
    ];
    if (t.lastN > 0) expected.push(['last_first_pass', t.lastN]);
    expect(r.criteria.map((c) => [c.key, c.required])).toEqual(expected);
    expect(r.explanation).toEqual({
      code: 'promotion_criteria_met',
      params: { from: t.from, to: t.from + 1 },
    });
  });

  it.each(thresholds)('L$from → next at $risk risk: one short on any criterion is not enough', (t) => {
    const misses: [PromotionCriterionKey, ReturnType<typeof check>][] = [
      ['days_at_level', check(t, evidenceAt(t), t.days - 0.01)],
      ['reviewed_results', check(t, { ...evidenceAt(t), reviewedResults: t.reviewed - 1 })],
      ['first_pass_rate', check(t, { ...evidenceAt(t), firstPassRate: t.rate - 0.001 })],
    ];
    if (t.lastN > 0) {
      misses.push(['last_first_pass', check(t, { ...evidenceAt(t), consecutiveFirstPass: t.lastN - 1 })]);
    }
    for (const [key, r] of misses) {
      expect(r.eligible).toBe(false);
      expect(r.criteria.filter((c) => !c.met).map((c) => c.key)).toEqual([key]);
      expect(r.explanation).toEqual({
        code: 'promotion_criteria_not_met',
        params: { from: t.from, to: t.from + 1, missing: [key] },
      });
    }
  });

  it('measures the real ratios exactly: 19 of 20 is 95 %, 29 of 30 is short of 97 %', () => {
    const e = (n: number, ok: number) => ({
      levelSince: at(0),
      reviewedResults: n,
      firstPassRate: ok / n,
      consecutiveFirstPass: 0,
    });
    const t3 = thresholds[6] as Threshold;
    const t4 = thresholds[9] as Threshold;
    expect(check(t3, e(20, 19)).eligible).toBe(true);
    expect(check(t4, e(30, 29)).eligible).toBe(false);
    expect(check(t4, e(34, 33)).eligible).toBe(true);
  });

  it('needs a rate to measure: no reviews, no promotion, even at a 0 % threshold', () => {
    const s = {
      ...settings,
      promotion: {
        ...settings.promotion,
        toL2: { minDays: 0, minReviewed: 0, minFirstPassRate: 0, lastFirstPass: 0 },
      },
    };
    const r = promotionCheck({
      evidence: { levelSince: at(0), reviewedResults: 0, firstPassRate: null, consecutiveFirstPass: 0 },
      level: 1,
      riskClass: 'medium',
      maxLevel: 5,
      settings: s,
      now: at(0),
    });
    expect(r.criteria.find((c) => c.key === 'first_pass_rate')).toEqual({
      key: 'first_pass_rate',
      required: 0,
      actual: null,
      met: false,
    });
  });

  it.each([
    [5, 5],
    [4, 4],
    [2, 2],
    [3, 2],
  ])('never proposes beyond the area: L%i in an area capped at %i', (level, maxLevel) => {
    const r = promotionCheck({
      evidence: { levelSince: at(0), reviewedResults: 1000, firstPassRate: 1, consecutiveFirstPass: 1000 },
      level,
      riskClass: 'high',
      maxLevel,
      settings,
      now: at(1000),
    });
    expect(r).toMatchObject({ to: null, eligible: false, criteria: [] });
    expect(r.explanation.code).toBe('promotion_at_max_level');
  });

  it('lets a high-risk area go to L5 once an owner raised its maxLevel', () => {
    const t = thresholds.find((x) => x.from === 4 && x.risk === 'high') as Threshold;
    expect(check(t)).toMatchObject({ to: 5, eligible: true });
  });
});

describe('promotionCheck properties', () => {
  const arbRecord = fc.record({
    task: fc.integer({ min: 0, max: 30 }),
    day: fc.double({ min: 0, max: 60, noNaN: true }),
    outcome: fc.constantFrom('accepted' as const, 'changes_requested' as const),
    tags: fc.subarray(['defect', 'preference'] as const),
  });

  it('adding a first-pass accept never removes a met criterion', () => {
    fc.assert(
      fc.property(
        fc.array(arbRecord, { maxLength: 40 }),
        fc.constantFrom<AutonomyLevel>(1, 2, 3, 4),
        fc.constantFrom<RiskClass>('low', 'medium', 'high'),
        fc.integer({ min: 60, max: 200 }),
        (raw, level, riskClass, nowDay) => {
          const records: ReviewFacts[] = raw.map((r) => ({
            ...review(`t${r.task}`, r.day, r.outcome, [...r.tags]),
          }));
          const now = at(nowDay);
          const before = promotionCheck({
            evidence: computeEvidence({ records, levelSince: at(0), settings, now }),
            level,
            riskClass,
            maxLevel: 5,
            settings,
            now,
          });
          const newest = {
            ...review('fresh', nowDay - 0.5),
            submittedAt: new Date(T0 + (nowDay - 0.6) * DAY).toISOString(),
          };
          const after = promotionCheck({
            evidence: computeEvidence({ records: [...records, newest], levelSince: at(0), settings, now }),
            level,
            riskClass,
            maxLevel: 5,
            settings,
            now,
          });
          for (const c of before.criteria) {
            if (c.met) expect(after.criteria.find((a) => a.key === c.key)?.met).toBe(true);
          }
          if (before.eligible) expect(after.eligible).toBe(true);
        },
      ),
    );
  });

  it('only ever points one level up, and never past the area maximum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.nat(100),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        (level, maxLevel, reviewed, rate) => {
          const r = promotionCheck({
            evidence: {
              levelSince: at(0),
              reviewedResults: reviewed,
              firstPassRate: rate,
              consecutiveFirstPass: reviewed,
            },
            level,
            riskClass: 'medium',
            maxLevel,
            settings,
            now: at(365),
          });
          expect(r.from).toBe(level);
          if (r.to !== null) {
            expect(r.to).toBe(level + 1);
            expect(r.to).toBeLessThanOrEqual(maxLevel);
          }
        },
      ),
    );
  });
});

describe('promotionOutOfReach', () => {
  const risks: RiskClass[] = ['low', 'medium', 'high'];
  it('is never true when some evidence would make promotionCheck eligible', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom(...risks),
        fc.integer({ min: 0, max: 400 }),
        (level, maxLevel, riskClass, days) => {
          const now = at(days);
          const outOfReach = promotionOutOfReach({ level, maxLevel, levelSince: at(0), settings, now });
          // The best evidence there can be: many results, all first pass.
          const best = promotionCheck({
            evidence: {
              levelSince: at(0),
              reviewedResults: 1000,
              firstPassRate: 1,
              consecutiveFirstPass: 1000,
            },
            level,
            riskClass,
            maxLevel,
            settings,
            now,
          });
          expect(outOfReach).toBe(!best.eligible);
        },
      ),
    );
  });

  it('counts days at level as promotionCheck does (7 for L1 → L2)', () => {
    const input = { level: 1, maxLevel: 5, levelSince: at(0), settings };
    expect(promotionOutOfReach({ ...input, now: new Date(T0 + 7 * DAY - 1).toISOString() })).toBe(true);
    expect(promotionOutOfReach({ ...input, now: at(7) })).toBe(false);
    expect(promotionOutOfReach({ ...input, level: 5, now: at(400) })).toBe(true);
    expect(promotionOutOfReach({ ...input, maxLevel: 2, level: 2, now: at(400) })).toBe(true);
  });
});
