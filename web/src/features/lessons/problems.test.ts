import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { problemAt, problemsFromError } from './problems.ts';

describe('problemsFromError', () => {
  it('reads field problems with their codes from a 400 answer', () => {
    // The server adds `code` and `params` to each field issue; the shared type names only two.
    const fields = [
      {
        field: '/body/culprit',
        message: 'Lessons are blameless',
        code: 'lessons_are_blameless',
        params: {},
      },
      { field: 'charter/outcomes', message: 'Three', code: 'exactly', params: { count: 3 } },
      { field: 'title', message: 'Odd', code: 'something_new', params: {} },
    ];
    const error = new ApiError(400, 'validation_failed', 'Invalid', { fields });
    const problems = problemsFromError(error);
    expect(problemAt(problems, 'culprit')?.code).toBe('lessons_are_blameless');
    expect(problemAt(problems, 'charter/outcomes')).toEqual({
      field: 'charter/outcomes',
      code: 'exactly',
      params: { count: 3 },
    });
    expect(problemAt(problems, 'title')?.code).toBe('not_allowed');
  });

  it('ignores anything that is not a validation failure', () => {
    expect(problemsFromError(new ApiError(409, 'conflict', 'Stale'))).toEqual([]);
    expect(problemsFromError(new Error('boom'))).toEqual([]);
  });
});
