import type { ReviewFacts } from './evidence.ts';
import type { ReviewTag } from './values.ts';

/** Shared by the autonomy tests only (not exported from the package). */

export const T0 = Date.parse('2026-01-05T09:00:00.000Z');
export const DAY = 86_400_000;
export const HOUR = 3_600_000;

export const at = (days: number) => new Date(T0 + days * DAY).toISOString();

/** A review decision on `taskId`, submitted an hour before it was decided on day `day`. */
export function review(
  taskId: string,
  day: number,
  outcome: 'accepted' | 'changes_requested' = 'accepted',
  tags: ReviewTag[] = [],
): ReviewFacts {
  const decided = T0 + day * DAY;
  return {
    taskId,
    submittedAt: new Date(decided - HOUR).toISOString(),
    decidedAt: new Date(decided).toISOString(),
    outcome,
    tags,
  };
}

export type ResultKind = 'ok' | 'pref' | 'defect' | 'both';

/** One result per letter, a day apart from `startDay`: ok = accepted, pref / defect / both = change request tags. */
export function history(kinds: readonly ResultKind[], startDay = 0, prefix = 't'): ReviewFacts[] {
  return kinds.map((kind, i) => {
    const id = `${prefix}${i}`;
    switch (kind) {
      case 'ok':
        return review(id, startDay + i);
      case 'pref':
        return review(id, startDay + i, 'changes_requested', ['preference']);
      case 'defect':
        return review(id, startDay + i, 'changes_requested', ['defect']);
      default:
        return review(id, startDay + i, 'changes_requested', ['defect', 'preference']);
    }
  });
}
