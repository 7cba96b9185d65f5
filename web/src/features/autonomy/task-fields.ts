import type { ReviewRouting, TaskSummary } from '@leeway/core';

/** What the ladder adds to a task: a proposal waiting for approval, an owner's "review this one", the stored routing. */
export interface TaskAutonomyFields {
  proposed: boolean;
  reviewRequested: boolean;
  routing: ReviewRouting | null;
}

type WithLadder = TaskSummary & Partial<Record<keyof TaskAutonomyFields, unknown>>;

function isRouting(value: unknown): value is ReviewRouting {
  return (
    typeof value === 'object' &&
    value !== null &&
    'goesToReview' in value &&
    'reason' in value &&
    typeof (value as { reason: unknown }).reason === 'object'
  );
}

/**
 * Reads the ladder's fields off a task. A server without them (older build) reads as "not
 * proposed, nothing requested, no routing", so the task page never breaks on their absence.
 */
export function taskAutonomy(task: TaskSummary): TaskAutonomyFields {
  const raw = task as WithLadder;
  return {
    proposed: raw.proposed === true,
    reviewRequested: raw.reviewRequested === true,
    routing: isRouting(raw.routing) ? raw.routing : null,
  };
}

/**
 * What a submission answered: `{ task, routing }`, or the task alone with its routing on it.
 * Either way the dialog gets the task and, when the server said, why it went where it went.
 */
export function toSubmitResult<T extends TaskSummary>(
  data: unknown,
): { task: T; routing: ReviewRouting | null } {
  if (typeof data === 'object' && data !== null && 'task' in data && typeof data.task === 'object') {
    const wrapped = data as { task: T; routing?: unknown };
    return {
      task: wrapped.task,
      routing: isRouting(wrapped.routing) ? wrapped.routing : taskAutonomy(wrapped.task).routing,
    };
  }
  const task = data as T;
  return { task, routing: taskAutonomy(task).routing };
}
