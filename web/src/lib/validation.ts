import { limits } from '@leeway/core';

/** The message keys inline validation can produce; each exists in both locale files. */
export type ValidationKey =
  | 'validation.required'
  | 'validation.email'
  | 'validation.tooLong'
  | 'validation.passwordTooShort'
  | 'validation.invalid';

export interface Issue {
  key: ValidationKey;
  values?: Record<string, number>;
  /** Shown while typing, not only after leaving the field (e.g. a value that grew too long). */
  immediate?: boolean;
}

// Deliberately loose: the server decides; this only catches obvious typos before a round trip.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkRequired(value: string): Issue | undefined {
  return value.trim().length === 0 ? { key: 'validation.required' } : undefined;
}

export function checkMaxLength(value: string, max: number): Issue | undefined {
  return value.length > max ? { key: 'validation.tooLong', values: { max }, immediate: true } : undefined;
}

export function checkEmail(
  value: string,
  options: { required: boolean } = { required: true },
): Issue | undefined {
  const trimmed = value.trim();
  if (trimmed.length === 0) return options.required ? { key: 'validation.required' } : undefined;
  return (
    checkMaxLength(trimmed, limits.emailMax) ??
    (emailPattern.test(trimmed) ? undefined : { key: 'validation.email' })
  );
}

export function checkPersonName(value: string): Issue | undefined {
  return checkRequired(value) ?? checkMaxLength(value, limits.nameMax);
}

export function checkWorkspaceName(value: string): Issue | undefined {
  return checkRequired(value) ?? checkMaxLength(value, limits.workspaceNameMax);
}

/** A new password: the length rules the server enforces, nothing cleverer. */
export function checkNewPassword(value: string): Issue | undefined {
  if (value.length === 0) return { key: 'validation.required' };
  if (value.length < limits.passwordMin)
    return { key: 'validation.passwordTooShort', values: { min: limits.passwordMin } };
  return checkMaxLength(value, limits.passwordMax);
}

/** An existing password (login, current password): only presence and the hard cap. */
export function checkExistingPassword(value: string): Issue | undefined {
  return value.length === 0 ? { key: 'validation.required' } : checkMaxLength(value, limits.passwordMax);
}
