import type { ErrorCode } from '@leeway/core';
import { ApiError, NetworkError } from './api.ts';

/** Translation key for any thrown value: `errors.<code>` for API errors, `errors.network` offline. */
export type ErrorKey = `errors.${ErrorCode}` | 'errors.network';

export function errorKey(error: unknown): ErrorKey {
  if (error instanceof ApiError) return `errors.${error.code}`;
  if (error instanceof NetworkError) return 'errors.network';
  return 'errors.internal_error';
}

export function errorCode(error: unknown): ErrorCode | null {
  return error instanceof ApiError ? error.code : null;
}

/**
 * The server names fields by their JSON path (`email`, `/email`, `body/email`, `items/0/title`);
 * forms name them by their top-level key. Returns that key, or '' for a whole-body issue.
 */
export function normalizeFieldPath(path: string): string {
  const parts = path
    .replace(/^[#/.]+/, '')
    .split(/[/.]/)
    .filter((p) => p.length > 0);
  if (parts[0] === 'body') parts.shift();
  return parts[0] ?? '';
}

/**
 * Splits a server validation error into the fields a form knows and the rest. Unknown fields
 * must not vanish silently, so the caller shows `unmatched` as a form-level message.
 */
export function matchFieldIssues(
  error: unknown,
  knownFields: readonly string[],
): { fields: string[]; unmatched: boolean } {
  if (!(error instanceof ApiError)) return { fields: [], unmatched: true };
  const fields = new Set<string>();
  let unmatched = false;
  for (const issue of error.fields) {
    const name = normalizeFieldPath(issue.field);
    if (knownFields.includes(name)) fields.add(name);
    else unmatched = true;
  }
  if (error.fields.length === 0) unmatched = true;
  return { fields: [...fields], unmatched };
}
