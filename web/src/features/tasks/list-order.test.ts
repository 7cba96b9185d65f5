import { describe, expect, it } from 'vitest';
import { moveItem, progressPercent } from './list-order.ts';

describe('moveItem', () => {
  it.each([
    [0, 2, ['b', 'c', 'a', 'd']],
    [3, 0, ['d', 'a', 'b', 'c']],
    [1, 1, ['a', 'b', 'c', 'd']],
    [2, 9, ['a', 'b', 'd', 'c']],
    [0, -3, ['a', 'b', 'c', 'd']],
    [7, 0, ['a', 'b', 'c', 'd']],
  ])('moves %i to %i', (from, to, expected) => {
    const list = ['a', 'b', 'c', 'd'];
    expect(moveItem(list, from, to)).toEqual(expected);
    expect(list).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('progressPercent', () => {
  it('rounds and handles empty lists', () => {
    expect(progressPercent(1, 3)).toBe(33);
    expect(progressPercent(0, 0)).toBe(0);
    expect(progressPercent(4, 4)).toBe(100);
  });
});
