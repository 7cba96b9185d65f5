import type { TaskSummary } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { taskSummary } from '../tasks/fixtures.ts';
import {
  afterIdAt,
  dropTarget,
  insertAfter,
  isNoopMove,
  keyboardStep,
  POSITION_STEP,
  positionBetween,
} from './placement.ts';

function card(id: string, position: number): TaskSummary {
  return taskSummary(id, { position });
}

describe('positionBetween', () => {
  it.each([
    [null, null, POSITION_STEP],
    [null, 10, 10 - POSITION_STEP],
    [10, null, 10 + POSITION_STEP],
    [10, 20, 15],
    [1, 2, 1.5],
  ])('between %s and %s is %s', (before, after, expected) => {
    expect(positionBetween(before, after)).toBe(expected);
  });

  it('stays strictly between neighbours over many inserts at the same spot', () => {
    let low = 0;
    const high = 1;
    for (let i = 0; i < 40; i++) {
      const mid = positionBetween(low, high);
      expect(mid).toBeGreaterThan(low);
      expect(mid).toBeLessThan(high);
      low = mid;
    }
  });
});

describe('dropTarget: which card a drop follows', () => {
  const column = ['a', 'b', 'c', 'd'];

  it('upper half of a card: before it', () => {
    expect(dropTarget(column, 'x', { kind: 'card', state: 'todo', taskId: 'c', after: false })).toEqual({
      state: 'todo',
      index: 2,
      afterTaskId: 'b',
    });
  });

  it('lower half of a card: after it', () => {
    expect(
      dropTarget(column, 'x', { kind: 'card', state: 'todo', taskId: 'c', after: true }).afterTaskId,
    ).toBe('c');
  });

  it('upper half of the first card: the top (null)', () => {
    expect(dropTarget(column, 'x', { kind: 'card', state: 'todo', taskId: 'a', after: false })).toMatchObject(
      {
        index: 0,
        afterTaskId: null,
      },
    );
  });

  it('empty space of a column: its end', () => {
    expect(dropTarget(column, 'x', { kind: 'column', state: 'doing' })).toEqual({
      state: 'doing',
      index: 4,
      afterTaskId: 'd',
    });
    expect(dropTarget([], 'x', { kind: 'column', state: 'doing' }).afterTaskId).toBeNull();
  });

  it('moving down within a column ignores the card itself', () => {
    // b dragged into the lower half of d: a, c, d, b
    expect(dropTarget(column, 'b', { kind: 'card', state: 'todo', taskId: 'd', after: true })).toMatchObject({
      index: 3,
      afterTaskId: 'd',
    });
    // b dragged into the upper half of d: a, c, b, d
    expect(
      dropTarget(column, 'b', { kind: 'card', state: 'todo', taskId: 'd', after: false }).afterTaskId,
    ).toBe('c');
  });

  it('over its own place: stays, and that is a no-op', () => {
    const target = dropTarget(column, 'c', { kind: 'card', state: 'todo', taskId: 'c', after: true });
    expect(target.afterTaskId).toBe('b');
    expect(isNoopMove(column, 'c', 'todo', target)).toBe(true);
  });

  it('the same predecessor in another column is a move', () => {
    const target = dropTarget(column, 'c', { kind: 'card', state: 'todo', taskId: 'c', after: true });
    expect(isNoopMove(column, 'c', 'doing', target)).toBe(false);
  });
});

describe('keyboardStep', () => {
  const columns = { todo: ['a', 'b', 'c'], doing: ['d'], review: [] };
  const states = ['todo', 'doing', 'review'] as const;

  it('moves within a column and stops at the ends', () => {
    expect(keyboardStep(columns, states, 'b', { state: 'todo', index: 1 }, 'up')).toEqual({
      state: 'todo',
      index: 0,
    });
    expect(keyboardStep(columns, states, 'b', { state: 'todo', index: 0 }, 'up').index).toBe(0);
    // Without b, todo has two cards: index 2 is the end.
    expect(keyboardStep(columns, states, 'b', { state: 'todo', index: 2 }, 'down').index).toBe(2);
    expect(keyboardStep(columns, states, 'b', { state: 'todo', index: 1 }, 'end').index).toBe(2);
  });

  it('moves across columns at the same height, clamped', () => {
    expect(keyboardStep(columns, states, 'b', { state: 'todo', index: 2 }, 'right')).toEqual({
      state: 'doing',
      index: 1,
    });
    expect(keyboardStep(columns, states, 'b', { state: 'doing', index: 1 }, 'right')).toEqual({
      state: 'review',
      index: 0,
    });
    expect(keyboardStep(columns, states, 'b', { state: 'review', index: 0 }, 'right')).toEqual({
      state: 'review',
      index: 0,
    });
    expect(keyboardStep(columns, states, 'b', { state: 'todo', index: 0 }, 'left')).toEqual({
      state: 'todo',
      index: 0,
    });
  });

  it('afterIdAt names the predecessor without the lifted card', () => {
    expect(afterIdAt(['a', 'b', 'c'], 'b', 0)).toBeNull();
    expect(afterIdAt(['a', 'b', 'c'], 'b', 1)).toBe('a');
    expect(afterIdAt(['a', 'b', 'c'], 'b', 2)).toBe('c');
  });
});

describe('insertAfter', () => {
  const items = [card('a', 1), card('b', 2), card('c', 3)];

  it('puts the card after its predecessor with a position in between', () => {
    const result = insertAfter(items, card('x', 99), 'a');
    expect(result.map((t) => t.id)).toEqual(['a', 'x', 'b', 'c']);
    expect(result[1]?.position).toBe(1.5);
  });

  it('top and end', () => {
    expect(insertAfter(items, card('x', 99), null).map((t) => t.id)).toEqual(['x', 'a', 'b', 'c']);
    expect(insertAfter(items, card('x', 0), 'c')[3]?.position).toBe(3 + POSITION_STEP);
  });

  it('moves a card that is already in the column', () => {
    expect(insertAfter(items, card('a', 1), 'c').map((t) => t.id)).toEqual(['b', 'c', 'a']);
  });

  it('an unknown predecessor puts it at the end', () => {
    expect(insertAfter(items, card('x', 0), 'gone').map((t) => t.id)).toEqual(['a', 'b', 'c', 'x']);
  });
});
