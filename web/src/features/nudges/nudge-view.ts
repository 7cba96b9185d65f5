import { type NudgeRefusal, nudgeRefusals, type TaskState } from '@leeway/core';
import { ApiError } from '../../lib/api.ts';
import { type ErrorKey, errorKey } from '../../lib/errors.ts';

/**
 * Whether "Any update?" belongs on the task: a principal, a task someone else is assigned
 * to, and not finished. The server checks the same and answers 409 otherwise.
 */
export function canNudge(input: {
  isOwner: boolean;
  userId: string;
  assigneeId: string | null;
  state: TaskState;
}): boolean {
  return (
    input.isOwner &&
    input.assigneeId !== null &&
    input.assigneeId !== input.userId &&
    input.state !== 'done' &&
    input.state !== 'cancelled'
  );
}

/** Why the server refused the nudge (409 `conflict` with `details.reason`), if it did. */
export function nudgeRefusal(error: unknown): NudgeRefusal | null {
  if (!(error instanceof ApiError) || error.code !== 'conflict') return null;
  const reason = error.details?.reason;
  return (nudgeRefusals as readonly unknown[]).includes(reason) ? (reason as NudgeRefusal) : null;
}

export type NudgeErrorKey = `nudges.refused.${NudgeRefusal}` | ErrorKey;

/** The message for a failed nudge: the refusal's own text, else the general one of its code. */
export function nudgeErrorKey(error: unknown): NudgeErrorKey {
  const reason = nudgeRefusal(error);
  return reason ? `nudges.refused.${reason}` : errorKey(error);
}

/** Under a minute ago (or in the future, clock skew): "just now" reads better than "now". */
export function isJustNow(iso: string, now: number): boolean {
  const ms = Date.parse(iso);
  return !Number.isNaN(ms) && now - ms < 60_000;
}
