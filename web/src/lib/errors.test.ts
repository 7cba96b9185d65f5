import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from './api.ts';
import { errorKey, matchFieldIssues, normalizeFieldPath } from './errors.ts';

describe('errorKey', () => {
  it('names the translation of the code', () => {
    expect(errorKey(new ApiError(409, 'last_owner', 'x'))).toBe('errors.last_owner');
    expect(errorKey(new NetworkError(new TypeError('x')))).toBe('errors.network');
    expect(errorKey(new Error('boom'))).toBe('errors.internal_error');
  });
});

describe('normalizeFieldPath', () => {
  it.each([
    ['email', 'email'],
    ['/email', 'email'],
    ['body/email', 'email'],
    ['/body/newPassword', 'newPassword'],
    ['.name', 'name'],
    ['items/0/title', 'items'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(normalizeFieldPath(input)).toBe(expected);
  });
});

describe('matchFieldIssues', () => {
  const error = (fields: Array<{ field: string; message: string }>) =>
    new ApiError(400, 'validation_failed', 'invalid', { fields });

  it('puts known fields on the form and flags the rest', () => {
    expect(
      matchFieldIssues(
        error([
          { field: '/email', message: 'm' },
          { field: '/role', message: 'm' },
        ]),
        ['email', 'password'],
      ),
    ).toEqual({ fields: ['email'], unmatched: true });
  });

  it('is fully matched when every issue names a known field', () => {
    expect(matchFieldIssues(error([{ field: 'name', message: 'm' }]), ['name'])).toEqual({
      fields: ['name'],
      unmatched: false,
    });
  });

  it('treats a validation error without fields as a form-level problem', () => {
    expect(matchFieldIssues(error([]), ['name'])).toEqual({ fields: [], unmatched: true });
    expect(matchFieldIssues(new Error('x'), ['name'])).toEqual({ fields: [], unmatched: true });
  });
});
