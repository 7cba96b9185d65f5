import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGoal, checkMission, goalLimits, goalNeedsAttention, missionProgress } from './goals.ts';

describe('checkGoal', () => {
  it('trims and fills defaults', () => {
    expect(
      checkGoal({ title: '  More leads ', measure: ' leads/month ', dueAt: '2027-01-31T12:00:00+01:00' }),
    ).toEqual({
      ok: true,
      value: {
        title: 'More leads',
        description: '',
        measure: 'leads/month',
        target: '',
        dueAt: '2027-01-31T11:00:00.000Z',
        status: 'on_track',
      },
    });
  });

  it.each([
    ['missing title', { title: undefined }, 'title', 'required'],
    ['blank title', { title: '  ' }, 'title', 'required'],
    ['long title', { title: 'x'.repeat(goalLimits.titleMax + 1) }, 'title', 'too_long'],
    ['long measure', { title: 'x', measure: 'm'.repeat(goalLimits.measureMax + 1) }, 'measure', 'too_long'],
    ['bad status', { title: 'x', status: 'great' }, 'status', 'not_allowed'],
    ['bad date', { title: 'x', dueAt: 'soon' }, 'dueAt', 'invalid_date'],
  ])('%s', (_name, input, field, code) => {
    const result = checkGoal(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.objectContaining({ field, code })]);
  });
});

describe('checkMission', () => {
  it('trims constraints, drops blanks and duplicates', () => {
    const result = checkMission({ title: 'Launch', constraints: [' no ads ', '', 'no ads', 'budget 200 €'] });
    expect(result).toEqual({
      ok: true,
      value: {
        title: 'Launch',
        intent: '',
        endState: '',
        constraints: ['no ads', 'budget 200 €'],
        dueAt: null,
        status: 'open',
      },
    });
  });

  it.each([
    ['constraints not a list', { title: 'x', constraints: 'no' }, 'constraints', 'not_allowed'],
    ['constraint not a text', { title: 'x', constraints: [3] }, 'constraints/0', 'not_allowed'],
    [
      'long constraint',
      { title: 'x', constraints: ['c'.repeat(goalLimits.constraintMax + 1)] },
      'constraints/0',
      'too_long',
    ],
    [
      'too many constraints',
      { title: 'x', constraints: Array.from({ length: goalLimits.constraintsMax + 1 }, (_, i) => `c${i}`) },
      'constraints',
      'too_many',
    ],
    ['bad status', { title: 'x', status: 'paused' }, 'status', 'not_allowed'],
    ['missing title', {}, 'title', 'required'],
  ])('%s', (_name, input, field, code) => {
    const result = checkMission(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.objectContaining({ field, code })]);
  });
});

describe('missionProgress', () => {
  it.each([
    [
      { total: 0, done: 0, cancelled: 0, proposed: 0 },
      { tasksTotal: 0, tasksDone: 0, tasksProposed: 0, percent: 0 },
    ],
    [
      { total: 4, done: 1, cancelled: 0, proposed: 2 },
      { tasksTotal: 4, tasksDone: 1, tasksProposed: 2, percent: 25 },
    ],
    [
      { total: 3, done: 2, cancelled: 1, proposed: 0 },
      { tasksTotal: 2, tasksDone: 2, tasksProposed: 0, percent: 100 },
    ],
    [
      { total: 3, done: 1, cancelled: 0, proposed: 0 },
      { tasksTotal: 3, tasksDone: 1, tasksProposed: 0, percent: 33 },
    ],
  ])('%o', (counts, expected) => {
    expect(missionProgress(counts)).toEqual(expected);
  });

  it('stays between 0 and 100 and never counts more done than total', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.nat(500), fc.nat(500), (done, open, cancelled, proposed) => {
        const p = missionProgress({ total: done + open + cancelled, done, cancelled, proposed });
        expect(p.percent).toBeGreaterThanOrEqual(0);
        expect(p.percent).toBeLessThanOrEqual(100);
        expect(p.tasksDone).toBeLessThanOrEqual(p.tasksTotal);
      }),
    );
  });
});

describe('goalNeedsAttention', () => {
  it('flags at risk and off track', () => {
    expect(goalNeedsAttention('on_track')).toBe(false);
    expect(goalNeedsAttention('at_risk')).toBe(true);
    expect(goalNeedsAttention('off_track')).toBe(true);
  });
});
