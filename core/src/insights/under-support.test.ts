import { describe, expect, it } from 'vitest';
import { underSupport } from './under-support.ts';

const zero = {
  questionsUnansweredOver24h: 0,
  tasksBlockedOnPrincipalOver48h: 0,
  missedMeetings: 0,
  lowAutonomyCheckIns: 0,
  overdueFollowUps: 0,
};

describe('underSupport', () => {
  it('lists every counter in order, zeros included', () => {
    expect(underSupport(zero)).toEqual({
      total: 0,
      items: [
        { key: 'questionsUnansweredOver24h', count: 0 },
        { key: 'tasksBlockedOnPrincipalOver48h', count: 0 },
        { key: 'missedMeetings', count: 0 },
        { key: 'lowAutonomyCheckIns', count: 0 },
        { key: 'overdueFollowUps', count: 0 },
      ],
    });
  });

  it('adds the counts up', () => {
    const r = underSupport({
      questionsUnansweredOver24h: 2,
      tasksBlockedOnPrincipalOver48h: 1,
      missedMeetings: 1,
      lowAutonomyCheckIns: 3,
      overdueFollowUps: 0,
    });
    expect(r.total).toBe(7);
    expect(r.items.map((i) => i.count)).toEqual([2, 1, 1, 3, 0]);
  });

  it.each([
    [-2, 0],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 0],
    [2.7, 2],
  ])('a count of %d reads as %d', (count, expected) => {
    const r = underSupport({ ...zero, missedMeetings: count });
    expect(r.items[2]).toEqual({ key: 'missedMeetings', count: expected });
    expect(r.total).toBe(expected);
  });
});
