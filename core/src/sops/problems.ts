/**
 * Problems the SOP, onboarding and lesson rules report, in the same `{ field, code, params,
 * message }` shape as the autonomy rules so the API and the web treat them alike. The codes
 * are their own list because core's autonomy list is closed and these rules add a few
 * (notably `lessons_are_blameless`).
 */
export const sopProblemCodes = [
  'required',
  'too_long',
  'too_many',
  'not_allowed',
  'integer_between',
  'exactly',
  'invalid_date',
  'lessons_are_blameless',
] as const;
export type SopProblemCode = (typeof sopProblemCodes)[number];

export interface SopProblem {
  field: string;
  code: SopProblemCode;
  params: Record<string, string | number>;
  /** English, for logs and the API's `message`; screens translate `code` instead. */
  message: string;
}

export type SopChecked<T> = { ok: true; value: T } | { ok: false; problems: SopProblem[] };
