import { limits } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import {
  checkEmail,
  checkExistingPassword,
  checkNewPassword,
  checkPersonName,
  checkWorkspaceName,
} from './validation.ts';

describe('inline validation', () => {
  it('checks e-mail addresses loosely', () => {
    expect(checkEmail('ada@example.com')).toBeUndefined();
    expect(checkEmail('  ada@example.com ')).toBeUndefined();
    expect(checkEmail('')?.key).toBe('validation.required');
    expect(checkEmail('', { required: false })).toBeUndefined();
    expect(checkEmail('ada@')?.key).toBe('validation.email');
    expect(checkEmail(`${'a'.repeat(limits.emailMax)}@x.de`)?.key).toBe('validation.tooLong');
  });

  it('enforces the shared password length', () => {
    expect(checkNewPassword('')?.key).toBe('validation.required');
    expect(checkNewPassword('a'.repeat(limits.passwordMin - 1))).toEqual({
      key: 'validation.passwordTooShort',
      values: { min: limits.passwordMin },
    });
    expect(checkNewPassword('a'.repeat(limits.passwordMin))).toBeUndefined();
    expect(checkNewPassword('a'.repeat(limits.passwordMax + 1))?.key).toBe('validation.tooLong');
    // Logging in with an old, shorter password must stay possible.
    expect(checkExistingPassword('short')).toBeUndefined();
  });

  it('requires names with something visible in them, within the limits', () => {
    expect(checkPersonName('   ')?.key).toBe('validation.required');
    expect(checkPersonName('Ada')).toBeUndefined();
    expect(checkPersonName('a'.repeat(limits.nameMax + 1))).toMatchObject({
      key: 'validation.tooLong',
      immediate: true,
    });
    expect(checkWorkspaceName('a'.repeat(limits.workspaceNameMax))).toBeUndefined();
    expect(checkWorkspaceName('a'.repeat(limits.workspaceNameMax + 1))?.key).toBe('validation.tooLong');
  });
});
