import { describe, expect, it } from 'vitest';
import { cleanLabel, labelProblem, labelSuggestions } from './labels.ts';

describe('labels', () => {
  it('cleans whitespace', () => {
    expect(cleanLabel('  urgent   client ')).toBe('urgent client');
  });

  it('names the problem with a new label', () => {
    expect(labelProblem('  ', [])).toBe('required');
    expect(labelProblem('x'.repeat(41), [])).toBe('tooLong');
    expect(labelProblem('a,b', [])).toBe('comma');
    expect(labelProblem('Finance', ['finance'])).toBe('duplicate');
    expect(
      labelProblem(
        'new',
        Array.from({ length: 20 }, (_, i) => `l${i}`),
      ),
    ).toBe('tooMany');
    expect(labelProblem('new', ['old'])).toBeNull();
  });

  it('suggests labels the task does not have yet', () => {
    expect(labelSuggestions(['Finance', 'Ops', 'web'], ['finance'])).toEqual(['Ops', 'web']);
  });
});
