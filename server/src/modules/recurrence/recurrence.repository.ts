import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database, TaskSeriesTable } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type SeriesRow = Selectable<TaskSeriesTable>;
export type SeriesPatch = Omit<Updateable<TaskSeriesTable>, 'id' | 'workspace_id' | 'created_at'>;

export async function insertSeries(db: Q, row: Insertable<TaskSeriesTable>): Promise<void> {
  await db.insertInto('task_series').values(row).execute();
}

export function findSeries(db: Q, workspaceId: string, seriesId: string): Promise<SeriesRow | undefined> {
  return db
    .selectFrom('task_series')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', seriesId)
    .executeTakeFirst();
}

/**
 * A series by id alone: for shaping a task that was already loaded through the workspace-
 * and visibility-checked task queries, whose `series_id` it is.
 */
export function findSeriesById(db: Q, seriesId: string): Promise<SeriesRow | undefined> {
  return db.selectFrom('task_series').selectAll().where('id', '=', seriesId).executeTakeFirst();
}

export async function updateSeries(
  db: Q,
  workspaceId: string,
  seriesId: string,
  patch: SeriesPatch,
): Promise<void> {
  await db
    .updateTable('task_series')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', seriesId)
    .execute();
}

/**
 * Claims an `on_done` series for the completion of `taskId`: succeeds only while that task is
 * still the series' newest instance. The update is a no-op on the values, but on PostgreSQL it
 * takes the row lock, so a second completion racing this one waits, then finds the series
 * moved on to the new instance and claims nothing.
 */
export async function claimOnDone(
  trx: Transaction<Database>,
  workspaceId: string,
  seriesId: string,
  taskId: string,
): Promise<boolean> {
  const result = await trx
    .updateTable('task_series')
    .set({ last_task_id: taskId })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', seriesId)
    .where('active', '=', 1)
    .where('mode', '=', 'on_done')
    .where('last_task_id', '=', taskId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Calendar series whose next date has come, oldest first, across workspaces (the job's view). */
export function dueCalendarSeries(db: Q, now: string, limit: number): Promise<SeriesRow[]> {
  return db
    .selectFrom('task_series')
    .selectAll()
    .where('active', '=', 1)
    .where('mode', '=', 'calendar')
    .where('next_at', '<=', now)
    .orderBy('next_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Claims one date of a calendar series: moves `next_at` on from the value this pass read.
 * Exactly one of several nodes (or passes) racing for the same date sees its update match;
 * the others find `next_at` already moved (on PostgreSQL after waiting for the winner's
 * commit) and leave the series alone.
 */
export async function claimCalendarDate(
  trx: Transaction<Database>,
  workspaceId: string,
  seriesId: string,
  seenNextAt: string,
  nextAt: string | null,
): Promise<boolean> {
  const result = await trx
    .updateTable('task_series')
    .set({ next_at: nextAt, active: nextAt === null ? 0 : 1 })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', seriesId)
    .where('active', '=', 1)
    .where('mode', '=', 'calendar')
    .where('next_at', '=', seenNextAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countSeriesTasks(db: Q, workspaceId: string, seriesId: string): Promise<number> {
  const row = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('series_id', '=', seriesId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The instance a new one is copied from: the series' last instance, or, when that one was
 * deleted, the newest instance still in the series.
 */
export async function seriesSourceTask(db: Q, series: SeriesRow) {
  const base = db
    .selectFrom('tasks')
    .selectAll()
    .where('workspace_id', '=', series.workspace_id)
    .where('series_id', '=', series.id);
  const last = series.last_task_id
    ? await base.where('id', '=', series.last_task_id).executeTakeFirst()
    : undefined;
  return last ?? base.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}
