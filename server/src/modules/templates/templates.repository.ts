import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, TaskTemplatesTable } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type TemplateRow = Selectable<TaskTemplatesTable>;

export async function insertTemplate(db: Q, row: Insertable<TaskTemplatesTable>): Promise<void> {
  await db.insertInto('task_templates').values(row).execute();
}

export function findTemplate(
  db: Q,
  workspaceId: string,
  templateId: string,
): Promise<TemplateRow | undefined> {
  return db
    .selectFrom('task_templates')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', templateId)
    .executeTakeFirst();
}

/** Every template of a workspace, by name. */
export function listTemplateRows(db: Q, workspaceId: string): Promise<TemplateRow[]> {
  return db
    .selectFrom('task_templates')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function deleteTemplateRow(db: Q, workspaceId: string, templateId: string): Promise<void> {
  await db
    .deleteFrom('task_templates')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', templateId)
    .execute();
}

/** The ids of this workspace's areas that still take tasks (not archived). */
export async function openAreaIds(db: Q, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('areas')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('archived_at', 'is', null)
    .execute();
  return new Set(rows.map((r) => r.id));
}
