import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, TaskNudgesTable } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type NudgeRow = Selectable<TaskNudgesTable> & { principal_name: string | null };

/**
 * History kinds that are not a change of the task: a nudge must not make the next nudge look
 * redundant, and following is about the follower, not the work.
 */
export const notAChange = ['nudged', 'followed', 'unfollowed'] as const;

export interface LastChange {
  at: string;
  actorId: string | null;
  actorName: string | null;
}

/**
 * When the task last changed: the later of its `updated_at` (moved by edits, comments,
 * checklist, files and questions) and its newest history entry that is a change. The actor is
 * the history entry's when that entry is the latest change; otherwise unknown.
 */
export async function lastChangeOf(
  db: Q,
  workspaceId: string,
  taskId: string,
  updatedAt: string,
): Promise<LastChange> {
  const event = await db
    .selectFrom('task_events')
    .leftJoin('users', 'users.id', 'task_events.actor_id')
    .select(['task_events.created_at', 'task_events.actor_id', 'users.name as actor_name'])
    .where('task_events.workspace_id', '=', workspaceId)
    .where('task_events.task_id', '=', taskId)
    .where('task_events.kind', 'not in', notAChange)
    .orderBy('task_events.created_at', 'desc')
    .orderBy('task_events.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!event || Date.parse(event.created_at) < Date.parse(updatedAt)) {
    // Changes write their history entry and updated_at with the same instant, so an older
    // entry means something moved the timestamp without saying who.
    return { at: updatedAt, actorId: null, actorName: null };
  }
  return { at: event.created_at, actorId: event.actor_id, actorName: event.actor_name };
}

/** The task's state and last update (the caller has already checked it may see the task). */
export async function taskStateOf(
  db: Q,
  workspaceId: string,
  taskId: string,
): Promise<{ state: string; updated_at: string } | undefined> {
  return db
    .selectFrom('tasks')
    .select(['state', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .executeTakeFirst();
}

/** The principal's newest nudge on the task since `since`, if any. */
export async function latestNudgeBy(
  db: Q,
  workspaceId: string,
  taskId: string,
  principalId: string,
  since: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('task_nudges')
    .select('created_at')
    .where('workspace_id', '=', workspaceId)
    .where('task_id', '=', taskId)
    .where('principal_id', '=', principalId)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.created_at;
}

export async function insertNudge(db: Q, row: Insertable<TaskNudgesTable>): Promise<void> {
  await db.insertInto('task_nudges').values(row).execute();
}

/** A task's nudges, newest first, with the principals' current names. */
export function listNudges(db: Q, workspaceId: string, taskId: string): Promise<NudgeRow[]> {
  return db
    .selectFrom('task_nudges')
    .leftJoin('users', 'users.id', 'task_nudges.principal_id')
    .selectAll('task_nudges')
    .select('users.name as principal_name')
    .where('task_nudges.workspace_id', '=', workspaceId)
    .where('task_nudges.task_id', '=', taskId)
    .orderBy('task_nudges.created_at', 'desc')
    .orderBy('task_nudges.id', 'desc')
    .execute();
}
