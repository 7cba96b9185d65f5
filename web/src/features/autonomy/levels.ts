import type { PromotionCriterionKey } from '@leeway/core';
import { type LevelKey, levelKeys } from '@leeway/core';

/** The translation key of a level's name; anything outside 1–5 is clamped. */
export function levelKeyOf(level: number): LevelKey {
  const index = Math.min(levelKeys.length, Math.max(1, Math.floor(level))) - 1;
  return levelKeys[index] ?? 'guided';
}

/** Criteria measured as a fraction 0..1 (shown as percent); the rest are counts of days or results. */
export function isRateCriterion(key: PromotionCriterionKey): boolean {
  return key === 'first_pass_rate';
}

/** How far a next-level criterion is met, 0..1, for its progress bar. */
export function criterionProgress(criterion: {
  required: number;
  actual: number | null;
  met: boolean;
}): number {
  if (criterion.met) return 1;
  if (criterion.actual === null || criterion.required <= 0) return criterion.required <= 0 ? 1 : 0;
  return Math.max(0, Math.min(1, criterion.actual / criterion.required));
}

export type WaitUnit = 'minutes' | 'hours' | 'days';

/** How long something has waited, in the one unit that reads best (under an hour: minutes). */
export function waitingFor(sinceIso: string, nowMs: number): { unit: WaitUnit; count: number } {
  const since = Date.parse(sinceIso);
  const minutes = Number.isNaN(since) ? 0 : Math.max(0, Math.floor((nowMs - since) / 60_000));
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: 'hours', count: hours };
  return { unit: 'days', count: Math.floor(hours / 24) };
}

const dayMs = 86_400_000;

/**
 * The planned end of a support episode chosen as a day: that day at the current time of day,
 * but never past `maxDays` from now (the server refuses more than the maximum).
 */
export function episodeEndInstant(
  dayStartMs: number,
  nowMs: number,
  timeOfDayMs: number,
  maxDays: number,
): number {
  return Math.min(dayStartMs + timeOfDayMs, nowMs + maxDays * dayMs - 60_000);
}

/** A review decision as the form holds it, checked the way the server checks it. */
export interface ReviewDraft {
  outcome: 'accepted' | 'changes_requested' | null;
  tags: ReadonlySet<'defect' | 'preference'>;
  note: string;
}

export type ReviewProblem = 'outcome' | 'tags' | 'note';

/** A change request needs at least one tag and a note; an acceptance needs neither. */
export function reviewProblems(draft: ReviewDraft): ReviewProblem[] {
  if (draft.outcome === null) return ['outcome'];
  if (draft.outcome === 'accepted') return [];
  const problems: ReviewProblem[] = [];
  if (draft.tags.size === 0) problems.push('tags');
  if (draft.note.trim() === '') problems.push('note');
  return problems;
}

/** Level changes and proposals, newest first. */
export function newestFirst<T extends { createdAt: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** The review queue, oldest submission first (the server sends it so; a refetch must not reorder). */
export function oldestFirst<T extends { submittedAt: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
}
