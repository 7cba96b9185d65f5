import type { SopProblem, SopProblemCode } from '@leeway/core';
import { sopProblemCodes } from '@leeway/core';
import { ApiError } from '../../lib/api.ts';

/** A field problem as a screen shows it: the field path (`contributingFactors/0/text`), its code and numbers. */
export interface FieldProblem {
  field: string;
  code: SopProblemCode;
  params: Record<string, string | number>;
}

/** `/body/outcomes/1` or `body.outcomes.1` → `outcomes/1`: the paths core's checks use. */
export function normalizeProblemField(path: string): string {
  const parts = path
    .replace(/^[#/.]+/, '')
    .split(/[/.]/)
    .filter((p) => p.length > 0);
  if (parts[0] === 'body') parts.shift();
  return parts.join('/');
}

function isProblemCode(code: unknown): code is SopProblemCode {
  return typeof code === 'string' && (sopProblemCodes as readonly string[]).includes(code);
}

/**
 * The field problems of a 400 answer, in the shape of core's own checks, so one renderer
 * shows both what the browser found while typing and what the server refused.
 * Issues with a code this screen doesn't know keep their field with `not_allowed`.
 */
export function problemsFromError(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return [];
  return error.fields.map((issue) => {
    const raw = issue as { code?: unknown; params?: unknown };
    const params =
      typeof raw.params === 'object' && raw.params !== null
        ? (raw.params as Record<string, string | number>)
        : {};
    return {
      field: normalizeProblemField(issue.field),
      code: isProblemCode(raw.code) ? raw.code : 'not_allowed',
      params,
    };
  });
}

export function fromCore(problems: readonly SopProblem[]): FieldProblem[] {
  return problems.map(({ field, code, params }) => ({ field, code, params }));
}

/** The first problem of a field, by exact path. */
export function problemAt(problems: readonly FieldProblem[], field: string): FieldProblem | undefined {
  return problems.find((p) => p.field === field);
}
