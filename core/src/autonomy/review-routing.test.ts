import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  baseSampleRate,
  decideReview,
  effectiveSampleRate,
  type ReviewRoutingInput,
} from './review-routing.ts';
import { sampleDecision } from './sampling.ts';
import { defaultAutonomySettings as settings } from './settings.ts';
import { type AutonomyLevel, autonomyLevels } from './values.ts';

// Ids whose draws are known: the tests below find them rather than hard-code hash values.
const idWithDraw = (pred: (draw: number) => boolean) => {
  for (let i = 0; ; i++) {
    const id = `task-${i}`;
    if (pred(sampleDecision(id, 1).draw)) return id;
  }
};
const low = idWithDraw((d) => d < 0.03); // in every default sample
const mid = idWithDraw((d) => d > 0.3 && d < 0.45); // only in a tightened sample (50 %)
const high = idWithDraw((d) => d > 0.9); // in no sample below 90 %

const base: ReviewRoutingInput = {
  level: 3,
  settings,
  taskId: high,
  guardrailsTicked: [],
  explicitlyRequested: false,
  reviewsSinceLevelStart: 50,
  tightened: false,
};

describe('sample rates', () => {
  it.each([
    [1, false, 1, 1],
    [2, false, 1, 1],
    [3, false, 0.25, 0.25],
    [4, false, 0.1, 0.1],
    [5, false, 0.05, 0.05],
    // tightened: max(2 × rate, 50 %), never above 100 %
    [1, true, 1, 1],
    [3, true, 0.25, 0.5],
    [4, true, 0.1, 0.5],
    [5, true, 0.05, 0.5],
  ] as const)('L%i tightened=%s: base %f, rate %f', (level, tightened, baseRate, rate) => {
    expect(effectiveSampleRate(level, settings, tightened)).toEqual({ baseRate, rate });
  });

  it('doubles a base rate above 25 % when tightened', () => {
    const s = { ...settings, sampling: { ...settings.sampling, l3Rate: 0.3 } };
    expect(effectiveSampleRate(3, s, true).rate).toBeCloseTo(0.6);
    expect(baseSampleRate(3, s)).toBe(0.3);
  });
});

describe('decideReview', () => {
  it.each([
    // level, reviewsSinceLevelStart, taskId, tightened → phase, code
    [1, 0, high, false, 'required', 'level_requires_review'],
    [2, 99, high, false, 'required', 'level_requires_review'],
    [3, 0, high, false, 'required', 'first_reviews_at_level'],
    [3, 9, high, false, 'required', 'first_reviews_at_level'],
    [3, 10, high, false, null, 'sample_not_selected'],
    [3, 10, low, false, 'sample', 'sample_selected'],
    [3, 10, mid, false, null, 'sample_not_selected'],
    [3, 10, mid, true, 'sample', 'sample_selected'],
    [4, 0, low, false, 'sample', 'sample_selected'],
    [4, 0, high, false, null, 'sample_not_selected'],
    [4, 0, mid, true, 'sample', 'sample_selected'],
    [5, 0, low, false, 'sample', 'sample_selected'],
    [5, 0, mid, false, null, 'sample_not_selected'],
    [5, 0, mid, true, 'sample', 'sample_selected'],
  ] as const)(
    'L%i after %i reviews (%s, tightened=%s) → %s %s',
    (level, reviews, taskId, tightened, phase, code) => {
      const r = decideReview({ ...base, level, reviewsSinceLevelStart: reviews, taskId, tightened });
      expect(r.phase).toBe(phase);
      expect(r.goesToReview).toBe(phase !== null);
      expect(r.reason.code).toBe(code);
      expect(r.overReview).toBe(false);
    },
  );

  it('explains a sample with the draw and the rate', () => {
    const r = decideReview({ ...base, level: 3, taskId: mid, tightened: true });
    expect(r.reason).toEqual({
      code: 'sample_selected',
      params: { level: 3, draw: r.sample?.draw, rate: 0.5, baseRate: 0.25, tightened: true },
    });
    expect(r.sample).toEqual({ ...sampleDecision(mid, 0.5), baseRate: 0.25, tightened: true });
  });

  it('keeps no sample where the level reviews everything', () => {
    expect(decideReview({ ...base, level: 2 }).sample).toBeNull();
    expect(decideReview({ ...base, level: 3, reviewsSinceLevelStart: 3 }).sample).toBeNull();
  });

  it('sends a ticked guardrail to review at every level, naming the guardrails', () => {
    for (const level of autonomyLevels) {
      const r = decideReview({ ...base, level, guardrailsTicked: [2, 0, 2] });
      expect(r).toMatchObject({ goesToReview: true, phase: 'guardrail', overReview: false });
      expect(r.reason).toEqual({ code: 'guardrail_ticked', params: { guardrails: [0, 2], level } });
    }
  });

  it('counts an explicit request as over-review only when nothing else would review it', () => {
    const over = decideReview({ ...base, level: 4, taskId: high, explicitlyRequested: true });
    expect(over).toMatchObject({ goesToReview: true, phase: 'requested', overReview: true });
    expect(over.reason).toEqual({ code: 'review_requested', params: { level: 4 } });
    // A sampled task would have been reviewed anyway.
    expect(decideReview({ ...base, level: 4, taskId: low, explicitlyRequested: true })).toMatchObject({
      phase: 'sample',
      overReview: false,
    });
    expect(decideReview({ ...base, level: 2, explicitlyRequested: true })).toMatchObject({
      phase: 'required',
      overReview: false,
    });
    expect(
      decideReview({ ...base, level: 5, explicitlyRequested: true, guardrailsTicked: [1] }),
    ).toMatchObject({ phase: 'guardrail', overReview: false });
  });

  const anyInput = fc.record({
    level: fc.constantFrom<AutonomyLevel>(...autonomyLevels),
    taskId: fc.uuid(),
    guardrailsTicked: fc.uniqueArray(fc.integer({ min: 0, max: 19 }), { maxLength: 5 }),
    explicitlyRequested: fc.boolean(),
    reviewsSinceLevelStart: fc.nat(100),
    tightened: fc.boolean(),
  });

  it('always reviews a ticked guardrail, an explicit request, and everything at L1 and L2', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const r = decideReview({ ...input, settings });
        if (input.guardrailsTicked.length > 0 || input.explicitlyRequested || input.level <= 2) {
          expect(r.goesToReview).toBe(true);
        }
        expect(r.goesToReview).toBe(r.phase !== null);
        expect(r.overReview).toBe(r.phase === 'requested');
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        expect(decideReview({ ...input, settings })).toEqual(decideReview({ ...input, settings }));
      }),
    );
  });
});
