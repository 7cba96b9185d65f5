import type { Recurrence } from '@leeway/core';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Deps } from '../../context.ts';
import type { Database, TasksTable } from '../../db/schema.ts';
import type { AfterCommit } from '../../events/after-commit.ts';
import type { Job } from '../../jobs/scheduler.ts';

// INTERFACE STUB — the recurrence helper implements these bodies; the tasks service calls them.

type TaskRow = Selectable<TasksTable>;

/**
 * Sets, changes or removes the recurrence of a task (create and update). Returns the series
 * id to store on the task (null when the recurrence was removed).
 */
export async function setRecurrence(
  _trx: Transaction<Database>,
  _deps: Deps,
  task: TaskRow,
  _recurrence: Recurrence | null,
): Promise<string | null> {
  return task.series_id;
}

/** Called when a task becomes done: in `on_done` mode, creates the next instance. */
export async function onTaskCompleted(
  _trx: Transaction<Database>,
  _deps: Deps,
  _after: AfterCommit,
  _task: TaskRow,
): Promise<void> {}

/** The recurrence of a series, for the task's API shape. */
export async function recurrenceOf(
  _db: Kysely<Database> | Transaction<Database>,
  _seriesId: string | null,
): Promise<Recurrence | null> {
  return null;
}

/** Calendar mode: creates instances whose date has come, exactly once across nodes. */
export const recurrenceJob: Job = { name: 'recurrence', everyMs: 60_000, run: async () => 0 };
