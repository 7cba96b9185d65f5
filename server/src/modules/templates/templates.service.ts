import { AppError, type Priority, priorities, type TaskTemplate, type Viewer } from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { MemberCtx } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { listChecklistRows } from '../tasks/checklist.repository.ts';
import { findTaskRow, parseStringArray } from '../tasks/tasks.repository.ts';
import { findVisibleTask, viewerOf } from '../tasks/visibility.ts';
import {
  deleteTemplateRow,
  findTemplate,
  insertTemplate,
  listTemplateRows,
  openAreaIds,
  type TemplateRow,
} from './templates.repository.ts';

export interface TemplateFields {
  title: string;
  description: string;
  areaId: string | null;
  labels: string[];
  checklist: string[];
  priority: Priority;
}

/** The stored payload, read defensively: a hand-edited or older row still gives a usable template. */
function parsePayload(text: string): TemplateFields {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = {};
  }
  const p = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  return {
    title: typeof p.title === 'string' ? p.title : '',
    description: typeof p.description === 'string' ? p.description : '',
    areaId: typeof p.areaId === 'string' ? p.areaId : null,
    labels: strings(p.labels),
    checklist: strings(p.checklist),
    priority: (priorities as readonly unknown[]).includes(p.priority) ? (p.priority as Priority) : 'none',
  };
}

/**
 * An area the template names that has since been archived or deleted is dropped (the new
 * task lands in the inbox) rather than making the template unusable.
 */
function withOpenArea(fields: TemplateFields, open: ReadonlySet<string>): TemplateFields {
  return fields.areaId !== null && !open.has(fields.areaId) ? { ...fields, areaId: null } : fields;
}

/**
 * The fields a template gives a new task, or undefined when the id is not a template of this
 * workspace that the viewer may see (an invisible template looks like a missing one).
 */
export async function templateFields(
  db: Kysely<Database> | Transaction<Database>,
  viewer: Viewer,
  workspaceId: string,
  templateId: string,
): Promise<TemplateFields | undefined> {
  const row = await findTemplate(db, workspaceId, templateId);
  if (!row) return undefined;
  const fields = parsePayload(row.payload);
  if (!canSeeTemplate(viewer, row, fields)) return undefined;
  return withOpenArea(fields, await openAreaIds(db, workspaceId));
}

function toTemplate(row: TemplateRow, fields: TemplateFields): TaskTemplate {
  return {
    id: row.id,
    name: row.name,
    title: fields.title,
    areaId: fields.areaId,
    labels: fields.labels,
    checklist: fields.checklist,
    createdAt: row.created_at,
  };
}

/**
 * A template is a copy of a task's content, so it is seen like one: owners see all; an
 * assistant sees templates of their areas, without an area, or made by themselves.
 */
function canSeeTemplate(viewer: Viewer, row: TemplateRow, fields: TemplateFields): boolean {
  return (
    viewer.role === 'owner' ||
    row.created_by === viewer.userId ||
    fields.areaId === null ||
    viewer.areaIds.has(fields.areaId)
  );
}

const templateNotFound = () => new AppError('not_found', 'Template not found.');

/** The workspace's templates the caller may see, by name. */
export async function listTemplates(ctx: MemberCtx): Promise<TaskTemplate[]> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const [viewer, rows, open] = await Promise.all([
    viewerOf(ctx),
    listTemplateRows(db, workspaceId),
    openAreaIds(db, workspaceId),
  ]);
  const result: TaskTemplate[] = [];
  for (const row of rows) {
    const stored = parsePayload(row.payload);
    // Visibility follows the area the template was made in, even if it was archived since.
    if (canSeeTemplate(viewer, row, stored)) result.push(toTemplate(row, withOpenArea(stored, open)));
  }
  return result;
}

/**
 * Saves a task the caller may see as a template of the workspace: title, description, area,
 * labels, priority and the checklist's texts (not who does it, when, or what was ticked).
 * A task the caller may not see answers like one that does not exist.
 */
export async function saveTaskAsTemplate(
  ctx: MemberCtx,
  taskId: string,
  input: { name: string },
): Promise<TaskTemplate> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  return db.transaction().execute(async (trx) => {
    const visible = await findVisibleTask(trx, await viewerOf(ctx, trx), workspaceId, taskId);
    const task = visible ? await findTaskRow(trx, workspaceId, visible.id) : undefined;
    if (!task) throw new AppError('not_found', 'Task not found.');
    const fields: TemplateFields = {
      title: task.title,
      description: task.description,
      areaId: task.area_id,
      labels: parseStringArray(task.labels),
      checklist: (await listChecklistRows(trx, workspaceId, task.id)).map((item) => item.text),
      priority: task.priority,
    };
    const row: TemplateRow = {
      id: newId(),
      workspace_id: workspaceId,
      name: input.name.trim(),
      payload: JSON.stringify(fields),
      created_by: ctx.user.id,
      created_at: clock.now().toISOString(),
    };
    await insertTemplate(trx, row);
    return toTemplate(row, fields);
  });
}

/** Deletes a template: an owner, or the member who made it. */
export async function deleteTemplate(ctx: MemberCtx, templateId: string): Promise<void> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const row = await findTemplate(db, workspaceId, templateId);
  if (!row || !canSeeTemplate(await viewerOf(ctx), row, parsePayload(row.payload))) throw templateNotFound();
  if (ctx.membership.role !== 'owner' && row.created_by !== ctx.user.id) {
    throw new AppError('forbidden', 'Only an owner or the person who made a template can delete it.');
  }
  await deleteTemplateRow(db, workspaceId, templateId);
}
