import { AppError, canSubmitWithSteps, type Role, type Task, taskLimits } from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { Deps } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { levelOf } from '../autonomy/autonomy.service.ts';
import type { ChecklistRow } from '../tasks/checklist.repository.ts';
import { areaIdsOf } from '../tasks/visibility.ts';
import { findSop, findVersionByNumber, parseSteps, type SopRow } from './sops.repository.ts';

/**
 * The task side of the SOP library (DESIGN §6): a task following an SOP gets the current
 * version's steps as checklist items pinned to that version, and at level 1 every one must be
 * ticked before submitting (DESIGN §4). Kept apart from the SOP service so the tasks and
 * review services can import it without a cycle.
 */

type Q = Kysely<Database> | Transaction<Database>;

export interface PinnedSop {
  sop: SopRow;
  versionNumber: number;
  steps: { text: string; checkpoint: boolean }[];
}

function invalidSop(message: string): AppError {
  return new AppError('validation_failed', `Invalid body: sopId ${message}`, {
    fields: [{ field: 'sopId', message }],
  });
}

/**
 * The SOP a task of `taskAreaId` (null: no area yet) may follow: published, visible to the
 * caller and of the same area. One the caller may not see answers like one that does not exist.
 */
export async function resolveSopForTask(
  db: Q,
  caller: { workspaceId: string; userId: string; role: Role },
  sopId: string,
  taskAreaId: string | null,
): Promise<PinnedSop> {
  const sop = await findSop(db, caller.workspaceId, sopId);
  const visible =
    sop !== undefined &&
    (caller.role === 'owner' || (await areaIdsOf(db, caller.workspaceId, caller.userId)).has(sop.area_id));
  if (!sop || !visible) throw invalidSop('is not an SOP here');
  if (sop.status !== 'published' || sop.current_version === null) {
    throw invalidSop('is not published: only a published SOP can be followed');
  }
  if (taskAreaId !== null && taskAreaId !== sop.area_id) {
    throw invalidSop('belongs to another area than the task');
  }
  const version = await findVersionByNumber(db, caller.workspaceId, sop.id, sop.current_version);
  if (!version) throw invalidSop('has no published version');
  const steps = parseSteps(version.steps).map((s) => ({ text: s.text, checkpoint: s.checkpoint }));
  return { sop, versionNumber: sop.current_version, steps };
}

/** A step's Markdown as a checklist item's text, within the checklist's limit. */
function itemText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= taskLimits.checklistTextMax) return trimmed;
  return `${trimmed.slice(0, taskLimits.checklistTextMax - 1)}…`;
}

/** Checklist rows for the pinned steps, positioned after `afterPosition`. */
export function sopChecklistRows(
  pinned: PinnedSop,
  task: { workspaceId: string; taskId: string },
  afterPosition: number,
  step: number,
  at: string,
): ChecklistRow[] {
  return pinned.steps.map((s, index) => ({
    id: newId(),
    workspace_id: task.workspaceId,
    task_id: task.taskId,
    text: itemText(s.text),
    done: 0,
    position: afterPosition + (index + 1) * step,
    created_at: at,
    sop_step: index,
    checkpoint: s.checkpoint ? 1 : 0,
  }));
}

/** `Task.sop`: the SOP a task follows, its pinned version and the SOP's current one. */
export async function taskSopView(
  db: Q,
  row: { workspace_id: string; sop_id: string | null; sop_version: number | null },
): Promise<Task['sop']> {
  if (row.sop_id === null || row.sop_version === null) return null;
  const sop = await db
    .selectFrom('sops')
    .select(['id', 'title', 'current_version'])
    .where('workspace_id', '=', row.workspace_id)
    .where('id', '=', row.sop_id)
    .executeTakeFirst();
  if (!sop) return null;
  return {
    id: sop.id,
    title: sop.title,
    versionNumber: row.sop_version,
    currentVersion: sop.current_version ?? row.sop_version,
  };
}

export const unticked = 'At level 1 every SOP step must be ticked before submitting.';

/**
 * DESIGN §4: at level 1 every SOP step must be ticked before submitting; above it the steps
 * are guidance. Owners are not on the ladder. Throws 400 naming the unticked step indexes.
 */
export async function checkSopStepsBeforeSubmit(
  db: Q,
  deps: Deps,
  task: {
    id: string;
    workspace_id: string;
    area_id: string | null;
    sop_id: string | null;
    sop_version: number | null;
  },
  submitter: { userId: string; role: Role },
): Promise<void> {
  if (task.sop_id === null || submitter.role === 'owner') return;
  const level = await levelOf(db, deps, task.workspace_id, submitter.userId, submitter.role, task.area_id);
  const items = await db
    .selectFrom('checklist_items')
    .select(['sop_step', 'done'])
    .where('workspace_id', '=', task.workspace_id)
    .where('task_id', '=', task.id)
    .where('sop_step', 'is not', null)
    .execute();
  // Measured against the pinned version's steps, so deleting a step's item does not skip it.
  const pinned =
    task.sop_version === null
      ? undefined
      : await findVersionByNumber(db, task.workspace_id, task.sop_id, task.sop_version);
  const count = Math.max(
    pinned ? parseSteps(pinned.steps).length : 0,
    ...items.map((i) => (i.sop_step ?? -1) + 1),
  );
  const ticked = Array.from({ length: count }, (_, step) =>
    items.some((i) => i.sop_step === step && i.done === 1),
  );
  const result = canSubmitWithSteps(level, ticked);
  if (result.ok) return;
  const missingSteps = result.missing;
  const issue = { field: 'checklist', message: unticked, code: 'sop_steps_unticked' };
  throw new AppError('validation_failed', unticked, { fields: [issue], missingSteps });
}
