import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CommentsTable, Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type CommentRow = Selectable<CommentsTable> & { author_name: string | null };

function selectComments(db: Q, workspaceId: string, taskId: string) {
  return db
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .selectAll('comments')
    .select('users.name as author_name')
    .where('comments.workspace_id', '=', workspaceId)
    .where('comments.task_id', '=', taskId);
}

/** A task's comments, oldest first (a conversation reads top to bottom). */
export function listComments(db: Q, workspaceId: string, taskId: string): Promise<CommentRow[]> {
  return selectComments(db, workspaceId, taskId)
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
}

export function findComment(
  db: Q,
  workspaceId: string,
  taskId: string,
  commentId: string,
): Promise<CommentRow | undefined> {
  return selectComments(db, workspaceId, taskId).where('comments.id', '=', commentId).executeTakeFirst();
}

export async function insertComment(db: Q, row: Selectable<CommentsTable>): Promise<void> {
  await db.insertInto('comments').values(row).execute();
}

export async function updateComment(
  db: Q,
  workspaceId: string,
  commentId: string,
  patch: { body: string; body_html: string; mentions: string; edited_at: string },
): Promise<void> {
  await db
    .updateTable('comments')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', commentId)
    .execute();
}

/** True when this call deleted the row (two deletes racing: only one counts). */
export async function deleteComment(db: Q, workspaceId: string, commentId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('comments')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', commentId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/**
 * Moves the task's comment counter and its "last changed" time. The version stays: a comment
 * is not an edit of the task, so nobody's open edit form becomes stale because of it.
 */
export async function touchTaskComments(
  db: Q,
  workspaceId: string,
  taskId: string,
  delta: number,
  at: string,
): Promise<void> {
  await db
    .updateTable('tasks')
    .set((eb) => ({
      comment_count: delta === 0 ? eb.ref('comment_count') : eb('comment_count', '+', delta),
      updated_at: at,
    }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .execute();
}

/** Names of the workspace's members by id, for rendering mentions. */
export async function memberNames(db: Q, workspaceId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.user_id', 'users.name'])
    .where('memberships.workspace_id', '=', workspaceId)
    .execute();
  return new Map(rows.map((r) => [r.user_id, r.name]));
}
