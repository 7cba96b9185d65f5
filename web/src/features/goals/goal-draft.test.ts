import { describe, expect, it } from 'vitest';
import { constraintsFromText } from './goal-draft.ts';

describe('constraintsFromText', () => {
  it('takes one constraint per line, trimmed, without blank lines', () => {
    expect(constraintsFromText(' No paid ads \n\n  Budget 200 €\n ')).toEqual([
      'No paid ads',
      'Budget 200 €',
    ]);
    expect(constraintsFromText('')).toEqual([]);
  });
});
