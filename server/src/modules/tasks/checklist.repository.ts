import type { ChecklistItem } from '@leeway/core';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { fromDbBool } from '../../db/database.ts';
import type { ChecklistItemsTable, Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type ChecklistRow = Selectable<ChecklistItemsTable>;

export function toChecklistItem(row: ChecklistRow): ChecklistItem {
  return {
    id: row.id,
    text: row.text,
    done: fromDbBool(row.done),
    position: row.position,
    sopStep: row.sop_step,
    checkpoint: fromDbBool(row.checkpoint),
  };
}

export async function insertChecklistItems(db: Q, rows: ChecklistRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('checklist_items').values(rows).execute();
}

export function listChecklistRows(db: Q, workspaceId: string, taskId: string): Promise<ChecklistRow[]> {
  return db
    .selectFrom('checklist_items')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('task_id', '=', taskId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** An item of this task in this workspace, or undefined (an item of another task is not found). */
export function findChecklistRow(
  db: Q,
  workspaceId: string,
  taskId: string,
  itemId: string,
): Promise<ChecklistRow | undefined> {
  return db
    .selectFrom('checklist_items')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('task_id', '=', taskId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

export async function updateChecklistRow(
  db: Q,
  workspaceId: string,
  itemId: string,
  patch: Partial<Pick<ChecklistRow, 'text' | 'done' | 'position'>>,
): Promise<void> {
  await db
    .updateTable('checklist_items')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', itemId)
    .execute();
}

export async function deleteChecklistRow(db: Q, workspaceId: string, itemId: string): Promise<void> {
  await db
    .deleteFrom('checklist_items')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', itemId)
    .execute();
}

/**
 * Recounts a task's checklist into its counters (what board cards show), in the caller's
 * transaction; callers hold the task's lock, so the count cannot miss a concurrent change.
 */
export async function recountChecklist(
  db: Q,
  workspaceId: string,
  taskId: string,
  now: string,
): Promise<void> {
  const row = await db
    .selectFrom('checklist_items')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('done', '=', 1).then(1).else(0).end()).as('done'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('task_id', '=', taskId)
    .executeTakeFirstOrThrow();
  await db
    .updateTable('tasks')
    .set({ checklist_total: Number(row.total), checklist_done: Number(row.done ?? 0), updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .execute();
}
