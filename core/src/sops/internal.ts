/** Helpers shared by the SOP, onboarding and lesson rules; not exported from the package. */
import type { SopProblem, SopProblemCode } from './problems.ts';

export function sopProblem(
  field: string,
  code: SopProblemCode,
  message: string,
  params: Record<string, string | number> = {},
): SopProblem {
  return { field, code, params, message };
}

/** Trims a text field and reports it missing or too long; internal to these rules. */
export function checkText(
  field: string,
  value: unknown,
  max: number,
  required: boolean,
  problems: SopProblem[],
): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (required && trimmed === '') problems.push(sopProblem(field, 'required', 'Required.'));
  else if (trimmed.length > max) problems.push(sopProblem(field, 'too_long', 'Too long.', { max }));
  return trimmed;
}
