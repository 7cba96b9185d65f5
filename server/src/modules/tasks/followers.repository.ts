import type { Kysely, Transaction } from 'kysely';
import { type Prepared, prepared } from '../../db/prepared.ts';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * Followers of a task hear about its comments: the creator, the assignee, everyone who
 * commented and anyone who pressed "follow". Idempotent.
 */
export async function follow(
  db: Q,
  workspaceId: string,
  taskId: string,
  userIds: string | string[],
  at: string,
): Promise<void> {
  const ids = [...new Set(Array.isArray(userIds) ? userIds : [userIds])];
  if (ids.length === 0) return;
  if (ids.length > PREPARED_UP_TO) {
    // Many at once (mentions in a comment): rare, built as it comes.
    await db
      .insertInto('task_followers')
      .values(
        ids.map((userId) => ({
          workspace_id: workspaceId,
          task_id: taskId,
          user_id: userId,
          created_at: at,
        })),
      )
      .onConflict((oc) => oc.columns(['task_id', 'user_id']).doNothing())
      .execute();
    return;
  }
  await followQuery(ids.length)(db, {
    workspaceId,
    taskId,
    at,
    ...Object.fromEntries(ids.map((id, i) => [`u${i}`, id])),
  });
}

/**
 * Every new task is followed by its creator and assignee: compiled once per count of followers,
 * for the few counts that are common (each is a statement of its own on PostgreSQL).
 */
const PREPARED_UP_TO = 3;
const followQueries = new Map<number, Prepared<Record<string, string>, never>>();
function followQuery(count: number): Prepared<Record<string, string>, never> {
  let query = followQueries.get(count);
  if (!query) {
    query = prepared<Record<string, string>, never>((db, p) =>
      db
        .insertInto('task_followers')
        .values(
          Array.from({ length: count }, (_, i) => ({
            workspace_id: p('workspaceId'),
            task_id: p('taskId'),
            user_id: p(`u${i}`),
            created_at: p('at'),
          })),
        )
        .onConflict((oc) => oc.columns(['task_id', 'user_id']).doNothing()),
    );
    followQueries.set(count, query);
  }
  return query;
}

export async function unfollow(db: Q, workspaceId: string, taskId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('task_followers')
    .where('workspace_id', '=', workspaceId)
    .where('task_id', '=', taskId)
    .where('user_id', '=', userId)
    .execute();
}

export async function followerIds(db: Q, workspaceId: string, taskId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('task_followers')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('task_id', '=', taskId)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Every task answer says whether its viewer follows it: compiled once (db/prepared.ts). */
const followingQuery = prepared<{ workspaceId: string; taskId: string; userId: string }, { user_id: string }>(
  (db, p) =>
    db
      .selectFrom('task_followers')
      .select('user_id')
      .where('workspace_id', '=', p('workspaceId'))
      .where('task_id', '=', p('taskId'))
      .where('user_id', '=', p('userId')),
);

export async function isFollowing(
  db: Q,
  workspaceId: string,
  taskId: string,
  userId: string,
): Promise<boolean> {
  return (await followingQuery(db, { workspaceId, taskId, userId })).length > 0;
}
