import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AttachmentsTable, Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type AttachmentRow = Selectable<AttachmentsTable>;

export function listAttachments(db: Q, workspaceId: string, taskId: string): Promise<AttachmentRow[]> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('task_id', '=', taskId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findAttachment(
  db: Q,
  workspaceId: string,
  taskId: string,
  attachmentId: string,
): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('task_id', '=', taskId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}

export async function insertAttachment(db: Q, row: AttachmentRow): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

/** True when this call deleted the row (two deletes racing: only one counts). */
export async function deleteAttachment(db: Q, workspaceId: string, attachmentId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('attachments')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Moves the task's file counter and its "last changed" time (not its version). */
export async function touchTaskAttachments(
  db: Q,
  workspaceId: string,
  taskId: string,
  delta: 1 | -1,
  at: string,
): Promise<void> {
  await db
    .updateTable('tasks')
    .set((eb) => ({ attachment_count: eb('attachment_count', '+', delta), updated_at: at }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .execute();
}

// ---- the files themselves ---------------------------------------------------------------
// Stored as <dataDir>/attachments/<workspaceId>/<storage key>. Both parts are UUIDs we
// generated or validated, never anything taken from the uploaded file's name.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function attachmentPath(dataDir: string, workspaceId: string, storageKey: string): string {
  if (!UUID.test(workspaceId) || !UUID.test(storageKey)) throw new Error('invalid attachment location');
  return path.join(dataDir, 'attachments', workspaceId.toLowerCase(), storageKey);
}

/** Creates the file for writing; `wx` refuses to overwrite anything that exists. */
export async function createAttachmentFile(filePath: string): Promise<fs.WriteStream> {
  await fsp.mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
  return fs.createWriteStream(filePath, { flags: 'wx', mode: 0o600 });
}

/** Removes a stored file; one that is gone already is fine. */
export async function removeAttachmentFile(filePath: string): Promise<void> {
  await fsp.rm(filePath, { force: true });
}

/** Opens a stored file for reading, or undefined when it is missing. */
export async function openAttachmentFile(
  filePath: string,
): Promise<{ stream: fs.ReadStream; size: number } | undefined> {
  try {
    const stat = await fsp.stat(filePath);
    if (!stat.isFile()) return undefined;
    return { stream: fs.createReadStream(filePath), size: stat.size };
  } catch {
    return undefined;
  }
}

/** Which of these storage keys still have a row in the workspace. */
export async function existingStorageKeys(db: Q, workspaceId: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('attachments')
    .select('storage_key')
    .where('workspace_id', '=', workspaceId)
    .where('storage_key', 'in', keys)
    .execute();
  return new Set(rows.map((r) => r.storage_key));
}

/** Stored files per workspace folder, with their age, for the sweep of orphans. */
export async function listStoredFiles(
  dataDir: string,
): Promise<{ workspaceId: string; storageKey: string; path: string; modifiedMs: number }[]> {
  const root = path.join(dataDir, 'attachments');
  const result: { workspaceId: string; storageKey: string; path: string; modifiedMs: number }[] = [];
  let folders: string[];
  try {
    folders = await fsp.readdir(root);
  } catch {
    return result;
  }
  for (const workspaceId of folders.filter((f) => UUID.test(f))) {
    const dir = path.join(root, workspaceId);
    let names: string[];
    try {
      names = await fsp.readdir(dir);
    } catch {
      continue;
    }
    for (const storageKey of names.filter((n) => UUID.test(n))) {
      const filePath = path.join(dir, storageKey);
      try {
        const stat = await fsp.stat(filePath);
        if (stat.isFile()) result.push({ workspaceId, storageKey, path: filePath, modifiedMs: stat.mtimeMs });
      } catch {
        // Removed meanwhile.
      }
    }
  }
  return result;
}
