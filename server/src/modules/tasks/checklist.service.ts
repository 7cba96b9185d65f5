import { AppError, type ChecklistItem, taskLimits } from '@leeway/core';
import type { Transaction } from 'kysely';
import type { MemberCtx } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { transaction } from '../../db/write-behind.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { newId } from '../../lib/ids.ts';
import {
  type ChecklistRow,
  deleteChecklistRow,
  findChecklistRow,
  insertChecklistItems,
  listChecklistRows,
  recountChecklist,
  toChecklistItem,
  updateChecklistRow,
} from './checklist.repository.ts';
import { recordTaskEvent } from './history.repository.ts';
import { findVisibleTaskRow, lockTask, POSITION_STEP, type TaskRow } from './tasks.repository.ts';
import { publishTaskEvent } from './tasks.service.ts';
import { loadViewer } from './visibility.ts';

const itemNotFound = () => new AppError('not_found', 'Checklist item not found.');

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `Invalid body: ${field} ${message}`, {
    fields: [{ field, message }],
  });
}

interface Scope {
  trx: Transaction<Database>;
  task: TaskRow;
  now: string;
  workspaceId: string;
  record(kind: string, data: object): Promise<void>;
}

/**
 * Runs a checklist change on a task the caller may see (404 otherwise, like a missing one),
 * holding the task's lock, then recounts the task's counters and tells live boards. The
 * task's version does not change: ticking an item never makes someone's open edit stale.
 */
async function onChecklist<T>(
  ctx: MemberCtx,
  taskId: string,
  change: (scope: Scope) => Promise<T>,
): Promise<T> {
  const { db, clock, dialect } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const result = await transaction(db, async (trx) => {
    const viewer = await loadViewer(trx, workspaceId, ctx.user.id, ctx.membership.role);
    const found = await findVisibleTaskRow(trx, viewer, workspaceId, taskId);
    if (!found) throw new AppError('not_found', 'Task not found.');
    await lockTask(trx, dialect, workspaceId, taskId);
    const now = clock.now().toISOString();
    const scope: Scope = {
      trx,
      task: found,
      now,
      workspaceId,
      record: (kind, data) =>
        recordTaskEvent(trx, { workspaceId, taskId, actorId: ctx.user.id, kind, data, at: now }),
    };
    const value = await change(scope);
    await recountChecklist(trx, workspaceId, taskId, now);
    publishTaskEvent(after, 'task.updated', found);
    return value;
  });
  after.flush(ctx.deps);
  return result;
}

async function itemOrThrow(scope: Scope, itemId: string): Promise<ChecklistRow> {
  const item = await findChecklistRow(scope.trx, scope.workspaceId, scope.task.id, itemId);
  if (!item) throw itemNotFound();
  return item;
}

/** Adds an item at the bottom of a task's checklist. */
export function addChecklistItem(
  ctx: MemberCtx,
  taskId: string,
  input: { text: string },
): Promise<ChecklistItem> {
  return onChecklist(ctx, taskId, async (scope) => {
    const items = await listChecklistRows(scope.trx, scope.workspaceId, taskId);
    if (items.length >= taskLimits.checklistMax) {
      throw invalid('text', `cannot be added: a checklist holds at most ${taskLimits.checklistMax} items`);
    }
    const last = items[items.length - 1];
    const row: ChecklistRow = {
      id: newId(),
      workspace_id: scope.workspaceId,
      task_id: taskId,
      text: input.text.trim(),
      done: 0,
      position: (last?.position ?? 0) + POSITION_STEP,
      created_at: scope.now,
      sop_step: null,
      checkpoint: 0,
    };
    await insertChecklistItems(scope.trx, [row]);
    await scope.record('checklist_added', { itemId: row.id, text: row.text });
    return toChecklistItem(row);
  });
}

/** Edits an item's text and/or ticks or unticks it; each change lands in the history. */
export function updateChecklistItem(
  ctx: MemberCtx,
  taskId: string,
  itemId: string,
  input: { text?: string; done?: boolean },
): Promise<ChecklistItem> {
  return onChecklist(ctx, taskId, async (scope) => {
    const item = await itemOrThrow(scope, itemId);
    const patch: Partial<Pick<ChecklistRow, 'text' | 'done'>> = {};
    const text = input.text?.trim();
    if (text !== undefined && text !== item.text) {
      patch.text = text;
      await scope.record('checklist_edited', { itemId, from: item.text, to: text });
    }
    if (input.done !== undefined && (input.done ? 1 : 0) !== item.done) {
      patch.done = input.done ? 1 : 0;
      await scope.record(input.done ? 'checklist_checked' : 'checklist_unchecked', {
        itemId,
        text: text ?? item.text,
      });
    }
    if (Object.keys(patch).length > 0) await updateChecklistRow(scope.trx, scope.workspaceId, itemId, patch);
    return toChecklistItem({ ...item, ...patch });
  });
}

export function deleteChecklistItem(ctx: MemberCtx, taskId: string, itemId: string): Promise<void> {
  return onChecklist(ctx, taskId, async (scope) => {
    const item = await itemOrThrow(scope, itemId);
    // The steps of the SOP the task follows are pinned: at level 1 each must be ticked before
    // submitting, so removing one would leave the task unsubmittable (and hide a step).
    if (item.sop_step !== null) {
      throw new AppError(
        'validation_failed',
        'This item is a step of the SOP the task follows; tick it instead.',
        {
          fields: [{ field: 'itemId', message: 'is a step of the SOP the task follows' }],
        },
      );
    }
    await deleteChecklistRow(scope.trx, scope.workspaceId, itemId);
    await scope.record('checklist_removed', { itemId, text: item.text });
  });
}

/**
 * Puts the checklist in the given order. The list must name every item of the task exactly
 * once: a missing, repeated or foreign id fails the whole request and changes nothing.
 */
export function reorderChecklist(
  ctx: MemberCtx,
  taskId: string,
  input: { itemIds: string[] },
): Promise<ChecklistItem[]> {
  return onChecklist(ctx, taskId, async (scope) => {
    const items = await listChecklistRows(scope.trx, scope.workspaceId, taskId);
    const byId = new Map(items.map((i) => [i.id, i]));
    const unique = new Set(input.itemIds);
    if (
      unique.size !== input.itemIds.length ||
      input.itemIds.length !== items.length ||
      input.itemIds.some((id) => !byId.has(id))
    ) {
      throw invalid('itemIds', "must list each of the task's checklist items exactly once");
    }
    const reordered: ChecklistRow[] = [];
    for (const [index, id] of input.itemIds.entries()) {
      const item = byId.get(id) as ChecklistRow;
      const position = (index + 1) * POSITION_STEP;
      if (item.position !== position)
        await updateChecklistRow(scope.trx, scope.workspaceId, id, { position });
      reordered.push({ ...item, position });
    }
    await scope.record('checklist_reordered', { itemIds: input.itemIds });
    return reordered.map(toChecklistItem);
  });
}
