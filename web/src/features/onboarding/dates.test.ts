import type { OnboardingItem } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { charterProblems, editableCharter } from './charter.ts';
import { dueDayOf, groupByWeek, percentDone, todayIn, withItemDone } from './dates.ts';

function item(id: string, dueDay: number, done = false): OnboardingItem {
  return {
    id,
    kind: 'intro',
    title: id,
    dueDay,
    dueOn: `2026-01-${String(1 + dueDay).padStart(2, '0')}`,
    access: null,
    sopId: null,
    sopTitle: null,
    taskId: null,
    taskTitle: null,
    doneAt: done ? '2026-01-02T00:00:00.000Z' : null,
    doneBy: null,
    doneHow: done ? 'manual' : null,
    overdue: false,
  };
}

describe('onboarding dates', () => {
  it('groups items by plan week in due order', () => {
    const groups = groupByWeek([item('c', 14), item('a', 0), item('b', 6), item('d', 7)]);
    expect(groups.map((g) => [g.week, g.items.map((i) => i.id)])).toEqual([
      [1, ['a', 'b']],
      [2, ['d']],
      [3, ['c']],
    ]);
  });

  it('computes percent done safely', () => {
    expect(percentDone(0, 0)).toBe(0);
    expect(percentDone(1, 3)).toBe(33);
    expect(percentDone(5, 3)).toBe(100);
  });

  it('ticks and unticks one item optimistically with new counts', () => {
    const plan = { items: [item('a', 0), item('b', 1)], itemsDone: 0, itemsOverdue: 0 };
    const ticked = withItemDone(plan, 'a', true, 'u1', '2026-01-05T00:00:00.000Z', '2026-01-05');
    expect(ticked.itemsDone).toBe(1);
    expect(ticked.items[0]?.doneHow).toBe('manual');
    const unticked = withItemDone(ticked, 'a', false, 'u1', '2026-01-05T00:00:00.000Z', '2026-01-05');
    expect(unticked.itemsDone).toBe(0);
    expect(unticked.items[0]?.overdue).toBe(true);
  });

  it('gives today in a zone and day offsets', () => {
    expect(todayIn('UTC', new Date('2026-01-05T23:30:00Z'))).toBe('2026-01-05');
    expect(todayIn('Europe/Berlin', new Date('2026-01-05T23:30:00Z'))).toBe('2026-01-06');
    expect(dueDayOf('2026-01-01', '2026-01-08')).toBe(7);
  });
});

describe('charter', () => {
  it('always offers three outcome boxes and flags empty ones', () => {
    const charter = editableCharter({
      outcomes: ['One'],
      workingHours: 'x',
      responseTimes: 'y',
      authorityNotes: '',
    });
    expect(charter.outcomes).toHaveLength(3);
    const fields = charterProblems(charter).map((p) => p.field);
    expect(fields).toContain('outcomes/1');
    expect(fields).not.toContain('outcomes/0');
  });
});
