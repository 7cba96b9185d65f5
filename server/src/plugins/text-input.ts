import { AppError } from '@leeway/core';
import type { FastifyInstance } from 'fastify';

/** Deeper than any body a route declares; deeper input is refused by the schemas anyway. */
const MAX_DEPTH = 32;

/** The path of the first string containing a NUL character, or null. */
export function nulPath(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(value)' : null;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return path ? `${path}.(key)` : '(key)';
    const found = nulPath(child, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses a NUL character in any text a request carries (params, query, body), before the
 * schemas run. PostgreSQL cannot store U+0000 in text and would fail the query with a 500;
 * SQLite would store it. One answer on both: a 400 naming the field.
 */
export function registerTextInput(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['params', request.params],
      ['query', request.query],
      ['body', request.body],
    ] as const) {
      const field = nulPath(value);
      if (field) {
        throw new AppError('validation_failed', `${field} must not contain a NUL character.`, {
          fields: [{ field, message: 'must not contain a NUL character' }],
          in: part,
        });
      }
    }
  });
}
