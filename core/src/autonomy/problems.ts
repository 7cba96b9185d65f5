/**
 * A problem with one input field, in the shape the API's `FieldIssue` carries plus a code and
 * params, so the web can show its own translated text beside the field while the server
 * passes `message` through. Fields are paths like `promotion/toL3/minReviewed`, the same
 * spelling the schema validator uses.
 */
export const problemCodes = [
  'required',
  'too_long',
  'not_allowed',
  'integer_at_least',
  'integer_between',
  'number_between',
  'number_above',
  'not_more_than_field',
  'not_less_than_field',
  'invalid_date',
  'must_be_after',
  'must_be_at_or_before',
  'episode_over',
  'level_above_max',
  'same_level',
  'already_decided',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export interface Problem {
  field: string;
  code: ProblemCode;
  params: Record<string, string | number>;
  /** English, for logs and the API's `message`; screens translate `code` instead. */
  message: string;
}

export function problem(
  field: string,
  code: ProblemCode,
  message: string,
  params: Record<string, string | number> = {},
): Problem {
  return { field, code, params, message };
}

/** The result of a rule that validates and builds a value at once. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };
