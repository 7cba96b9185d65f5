import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, type Attachment } from '@leeway/core';
import type { Deps, MemberCtx } from '../../context.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { HOUR } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { recordTaskEvent } from '../tasks/history.repository.ts';
import { liveFacts, requireVisibleTask } from '../tasks/visibility.ts';
import {
  type AttachmentRow,
  attachmentPath,
  createAttachmentFile,
  deleteAttachment as deleteRow,
  existingStorageKeys,
  findAttachment,
  insertAttachment,
  listAttachments as listRows,
  listStoredFiles,
  openAttachmentFile,
  removeAttachmentFile,
  touchTaskAttachments,
} from './attachments.repository.ts';

/** The multipart field the file must be sent in. */
export const FILE_FIELD = 'file';

/** One uploaded file as the HTTP layer hands it over: a stream not yet read. */
export interface IncomingFile {
  fieldName: string;
  fileName: string;
  contentType: string;
  /** `truncated` is set by the multipart parser when the file passed the size limit. */
  stream: Readable & { truncated?: boolean };
}

/**
 * Types a browser may be told a file has. Everything else (HTML, SVG, XML, scripts, unknown)
 * is served as application/octet-stream, and every download is an attachment with nosniff
 * and a sandboxing CSP, so an upload can never run as a page on our origin.
 */
const SAFE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/heic',
  'application/pdf',
  'text/plain',
  'text/csv',
  'text/calendar',
  'application/json',
  'application/zip',
  'application/gzip',
  'application/x-7z-compressed',
  'application/x-tar',
  'audio/mpeg',
  'audio/ogg',
  'audio/wav',
  'audio/mp4',
  'video/mp4',
  'video/webm',
  'video/quicktime',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
]);

export function safeContentType(declared: string): string {
  const type = (declared.split(';')[0] ?? '').trim().toLowerCase();
  return SAFE_TYPES.has(type) ? type : 'application/octet-stream';
}

const FILE_NAME_MAX = 200;

/**
 * The name shown for a file: its last path segment, without control or bidi-override
 * characters (which can disguise "exe.txt" as "txt.exe"), at most 200 characters.
 * It is only ever displayed and put into Content-Disposition, never used as a path.
 */
export function cleanFileName(raw: string): string {
  const last = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .trim();
  const chars = [...cleaned];
  const name = chars.length > FILE_NAME_MAX ? chars.slice(0, FILE_NAME_MAX).join('') : cleaned;
  return name === '' || name === '.' || name === '..' ? 'file' : name;
}

/**
 * `Content-Disposition: attachment` with a plain ASCII fallback (quotes, backslashes and
 * anything outside printable ASCII replaced) and the exact name in RFC 5987 encoding.
 */
export function contentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]|["\\]/g, '_')
      .trim() || 'file';
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    taskId: row.task_id,
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size,
    uploaderId: row.uploader_id,
    createdAt: row.created_at,
  };
}

const attachmentNotFound = () => new AppError('not_found', 'File not found.');
const fileMissing = (message = 'Choose a file to upload.') =>
  new AppError('validation_failed', message, { fields: [{ field: FILE_FIELD, message: 'is required' }] });

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number(mb.toFixed(1))} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export async function listAttachments(ctx: MemberCtx, taskId: string): Promise<Attachment[]> {
  const { db } = ctx.deps;
  const task = await requireVisibleTask(db, ctx, taskId);
  return (await listRows(db, ctx.membership.workspaceId, task.id)).map(toAttachment);
}

/**
 * Stores one uploaded file under a generated name and records it on the task. The task is
 * checked before a byte is read; a file past the size limit, a broken upload or a failed
 * insert leaves neither a file on disk nor a row behind.
 */
export async function addAttachment(
  ctx: MemberCtx,
  taskId: string,
  receive: () => Promise<IncomingFile | undefined>,
): Promise<Attachment> {
  const { db, clock, config } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  await requireVisibleTask(db, ctx, taskId);

  const file = await receive();
  if (!file) throw fileMissing();
  if (file.fieldName !== FILE_FIELD) {
    file.stream.resume();
    throw fileMissing(`Send the file in the form field "${FILE_FIELD}".`);
  }

  const id = newId();
  const storageKey = newId();
  const filePath = attachmentPath(config.dataDir, workspaceId, storageKey);
  let size = 0;
  let sourceFailed = false;
  file.stream.once('error', () => {
    sourceFailed = true;
  });
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(file.stream, count, await createAttachmentFile(filePath));
  } catch (err) {
    await removeAttachmentFile(filePath);
    if (file.stream.truncated) throw tooLarge(config.attachmentMaxBytes);
    // The parser may have failed the stream before we attached a listener: `errored` tells.
    if (sourceFailed || file.stream.errored)
      throw fileMissing('The upload was interrupted or malformed. Please try again.');
    throw err;
  }
  if (file.stream.truncated) {
    await removeAttachmentFile(filePath);
    throw tooLarge(config.attachmentMaxBytes);
  }

  const after = new AfterCommit();
  const at = clock.now().toISOString();
  const row: AttachmentRow = {
    id,
    workspace_id: workspaceId,
    task_id: taskId,
    uploader_id: ctx.user.id,
    file_name: cleanFileName(file.fileName),
    content_type: safeContentType(file.contentType),
    size,
    storage_key: storageKey,
    created_at: at,
  };
  try {
    await db.transaction().execute(async (trx) => {
      // The task may have gone (or out of sight) while the bytes were arriving.
      const task = await requireVisibleTask(trx, ctx, taskId);
      await insertAttachment(trx, row);
      await touchTaskAttachments(trx, workspaceId, task.id, 1, at);
      await recordTaskEvent(trx, {
        workspaceId,
        taskId: task.id,
        actorId: ctx.user.id,
        kind: 'attachment_added',
        data: { attachmentId: id, fileName: row.file_name },
        at,
      });
      after.publish({
        workspaceId,
        event: { type: 'attachment.created', taskId: task.id },
        task: liveFacts(task),
      });
    });
  } catch (err) {
    await removeAttachmentFile(filePath);
    throw err;
  }
  after.flush(ctx.deps);
  return toAttachment(row);
}

function tooLarge(limit: number): AppError {
  return new AppError(
    'payload_too_large',
    `The file is too large. Files can be at most ${megabytes(limit)}.`,
    {
      maxBytes: limit,
    },
  );
}

export interface Download {
  fileName: string;
  contentType: string;
  size: number;
  stream: Readable;
}

/** Opens a file of a task the caller can see. */
export async function downloadAttachment(
  ctx: MemberCtx,
  taskId: string,
  attachmentId: string,
): Promise<Download> {
  const { db, config } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const task = await requireVisibleTask(db, ctx, taskId);
  const row = await findAttachment(db, workspaceId, task.id, attachmentId);
  if (!row) throw attachmentNotFound();
  const opened = await openAttachmentFile(attachmentPath(config.dataDir, workspaceId, row.storage_key));
  if (!opened) throw attachmentNotFound();
  return {
    fileName: row.file_name,
    // Checked again on the way out, so a row written before the allowlist changed is safe too.
    contentType: safeContentType(row.content_type),
    size: opened.size,
    stream: opened.stream,
  };
}

/** The uploader or a workspace owner removes a file: the row, then (after commit) the bytes. */
export async function deleteAttachment(ctx: MemberCtx, taskId: string, attachmentId: string): Promise<void> {
  const { db, clock, config } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const at = clock.now().toISOString();
  const row = await db.transaction().execute(async (trx) => {
    const task = await requireVisibleTask(trx, ctx, taskId);
    const existing = await findAttachment(trx, workspaceId, task.id, attachmentId);
    if (!existing) throw attachmentNotFound();
    if (existing.uploader_id !== ctx.user.id && ctx.membership.role !== 'owner') {
      throw new AppError('forbidden', 'Only the person who uploaded a file or an owner can delete it.');
    }
    if (!(await deleteRow(trx, workspaceId, attachmentId))) throw attachmentNotFound();
    await touchTaskAttachments(trx, workspaceId, task.id, -1, at);
    await recordTaskEvent(trx, {
      workspaceId,
      taskId: task.id,
      actorId: ctx.user.id,
      kind: 'attachment_removed',
      data: { attachmentId, fileName: existing.file_name },
      at,
    });
    after.publish({
      workspaceId,
      event: { type: 'attachment.deleted', taskId: task.id },
      task: liveFacts(task),
    });
    return existing;
  });
  await removeAttachmentFile(attachmentPath(config.dataDir, workspaceId, row.storage_key));
  after.flush(ctx.deps);
}

/**
 * Removes stored files whose row is gone: rows disappear with their task or workspace
 * (foreign keys cascade), and a crash can leave a half-written upload. Files younger than
 * `minAgeMs` are left alone, as they may belong to an upload still in progress.
 */
export async function sweepOrphanFiles(deps: Deps, minAgeMs = HOUR): Promise<number> {
  const files = await listStoredFiles(deps.config.dataDir);
  const byWorkspace = new Map<string, typeof files>();
  for (const file of files) {
    const list = byWorkspace.get(file.workspaceId) ?? [];
    list.push(file);
    byWorkspace.set(file.workspaceId, list);
  }
  // File ages are wall-clock times from the file system, so compare with the wall clock.
  const cutoff = Date.now() - minAgeMs;
  let removed = 0;
  for (const [workspaceId, list] of byWorkspace) {
    const old = list.filter((f) => f.modifiedMs <= cutoff);
    const kept = await existingStorageKeys(
      deps.db,
      workspaceId,
      old.map((f) => f.storageKey),
    );
    for (const file of old) {
      if (kept.has(file.storageKey)) continue;
      await removeAttachmentFile(file.path);
      removed += 1;
    }
  }
  return removed;
}
