import type { Kysely, Transaction } from 'kysely';
import { preparedInsert } from '../../db/prepared.ts';
import type { Database } from '../../db/schema.ts';
import { writeBehind } from '../../db/write-behind.ts';
import { newId } from '../../lib/ids.ts';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * Appends one entry to a task's history (who, what, when). Every module that changes a task
 * or something on it writes here in the same transaction as the change.
 * Kinds in use: created, updated (data: { changes: { field: { from, to } } }), moved,
 * checklist_added / _checked / _unchecked / _edited / _removed / _reordered, commented,
 * comment_edited, comment_deleted, attachment_added, attachment_removed, followed, unfollowed,
 * recurred (data: { fromTaskId }).
 */
/** Every write records one: compiled once (db/prepared.ts). */
const insertEvent = preparedInsert('task_events');

/**
 * A history entry. Nothing reads its answer, so inside `transaction` it is a write behind
 * (db/write-behind.ts): the statements after it do not wait for it.
 */
export async function recordTaskEvent(
  db: Q,
  row: {
    workspaceId: string;
    taskId: string;
    actorId: string | null;
    kind: string;
    data?: object;
    at: string;
  },
): Promise<void> {
  const entry = {
    id: newId(),
    workspace_id: row.workspaceId,
    task_id: row.taskId,
    actor_id: row.actorId,
    kind: row.kind,
    data: JSON.stringify(row.data ?? {}),
    created_at: row.at,
  };
  await writeBehind(db, (q) => insertEvent(q, entry));
}
