import { describe, expect, it } from 'vitest';
import { computeEvidence, consecutiveFirstPass, reviewedResults } from './evidence.ts';
import { defaultAutonomySettings as settings } from './settings.ts';
import { at, history, review } from './test-helpers.ts';

describe('reviewedResults', () => {
  it.each([
    ['accepted at once', [review('a', 1)], true, false],
    [
      'preference only, then accepted',
      [review('a', 1, 'changes_requested', ['preference']), review('a', 2)],
      true,
      false,
    ],
    [
      'a defect, then accepted',
      [review('a', 1, 'changes_requested', ['defect']), review('a', 2)],
      false,
      true,
    ],
    ['defect and preference', [review('a', 1, 'changes_requested', ['defect', 'preference'])], false, true],
    [
      'preference first, a defect in the second round',
      [review('a', 1, 'changes_requested', ['preference']), review('a', 2, 'changes_requested', ['defect'])],
      false,
      true,
    ],
    [
      'an untagged change request (cannot be stored)',
      [review('a', 1, 'changes_requested', [])],
      false,
      false,
    ],
  ] as const)('%s → first pass %s, defect %s', (_name, records, firstPass, defect) => {
    expect(reviewedResults(records)).toMatchObject([{ taskId: 'a', firstPass, defect }]);
  });

  it('is one result per task, ordered by the first decision whatever the input order', () => {
    const records = [
      review('b', 3),
      review('a', 2, 'changes_requested', ['defect']),
      review('a', 5),
      review('c', 1),
    ];
    expect(reviewedResults(records).map((r) => r.taskId)).toEqual(['c', 'a', 'b']);
    expect(reviewedResults([...records].reverse())).toEqual(reviewedResults(records));
  });

  it('counts consecutive first passes from the newest back', () => {
    expect(consecutiveFirstPass(reviewedResults(history(['ok', 'defect', 'ok', 'pref', 'ok'])))).toBe(3);
    expect(consecutiveFirstPass(reviewedResults(history(['ok', 'defect'])))).toBe(0);
    expect(consecutiveFirstPass([])).toBe(0);
  });
});

describe('computeEvidence', () => {
  it('measures the level from its start', () => {
    const records = [
      ...history(['defect', 'defect'], -10, 'old'), // before the level: not counted
      ...history(['ok', 'pref', 'defect', 'ok', 'ok', 'ok'], 1),
    ];
    expect(computeEvidence({ records, levelSince: at(0), settings, now: at(20.5) })).toEqual({
      levelSince: at(0),
      daysAtLevel: 20,
      reviewedResults: 6,
      firstPassAccepted: 5,
      firstPassRate: 5 / 6,
      consecutiveFirstPass: 3,
      recentDefects: 1,
      recentWindow: 5,
    });
  });

  it('keeps a result at the level it was first submitted at, even when reworked after a promotion', () => {
    const records = [review('a', -1, 'changes_requested', ['defect']), review('a', 2)];
    expect(computeEvidence({ records, levelSince: at(0), settings, now: at(5) }).reviewedResults).toBe(0);
  });

  it('has no rate before the first review, and ignores decisions after now', () => {
    const e = computeEvidence({ records: history(['ok'], 10), levelSince: at(0), settings, now: at(5) });
    expect(e).toMatchObject({ reviewedResults: 0, firstPassRate: null, daysAtLevel: 5 });
  });

  it.each([
    [0, 0],
    [6.99, 6],
    [7, 7],
  ])('after %f days counts %i whole days', (days, whole) => {
    expect(computeEvidence({ records: [], levelSince: at(0), settings, now: at(days) }).daysAtLevel).toBe(
      whole,
    );
  });
});
