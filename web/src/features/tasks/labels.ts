import { taskLimits } from '@leeway/core';

export type LabelProblem = 'required' | 'tooLong' | 'comma' | 'duplicate' | 'tooMany';

/** A label as stored: trimmed, inner whitespace collapsed. */
export function cleanLabel(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Why a label can't be added (the server's rules: 1–40 characters, no comma, at most 20). */
export function labelProblem(text: string, existing: readonly string[]): LabelProblem | null {
  const label = cleanLabel(text);
  if (label === '') return 'required';
  if (label.length > taskLimits.labelMax) return 'tooLong';
  if (label.includes(',')) return 'comma';
  if (existing.some((l) => l.toLocaleLowerCase() === label.toLocaleLowerCase())) return 'duplicate';
  if (existing.length >= taskLimits.labelsMax) return 'tooMany';
  return null;
}

/** Suggestions for the label input: labels in use that the task doesn't have yet. */
export function labelSuggestions(all: readonly string[], current: readonly string[]): string[] {
  const have = new Set(current.map((l) => l.toLocaleLowerCase()));
  return all.filter((l) => !have.has(l.toLocaleLowerCase()));
}
