import { AppError, type Nudge, type NudgeRefusal, nudgeRules, type TaskNudges } from '@leeway/core';
import type { MemberCtx } from '../../context.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { HOUR } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { notify } from '../notifications/notifications.service.ts';
import { recordTaskEvent } from '../tasks/history.repository.ts';
import { liveFacts, requireVisibleTask, taskNotFound } from '../tasks/visibility.ts';
import {
  insertNudge,
  lastChangeOf,
  latestNudgeBy,
  listNudges as listRows,
  type NudgeRow,
  taskStateOf,
} from './nudges.repository.ts';

/**
 * "Any update?" (DESIGN §5): a principal asks the assignee about a task. Every nudge is kept
 * with whether the task had changed in the 24 hours before it — decided once, here — because
 * that count is the redundant-nudges signal of the insights index (§10). The web client asks
 * first when the nudge would be redundant, so the principal can read the history instead.
 */

const redundantWindow = nudgeRules.redundantWithinHours * HOUR;
const repeatWindow = nudgeRules.repeatAfterHours * HOUR;

function refused(reason: NudgeRefusal, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('conflict', message, { reason, ...details });
}

function principalsOnly(ctx: MemberCtx): void {
  // The route is owner-only already; this keeps the rule true for any other caller.
  if (ctx.membership.role !== 'owner') {
    throw new AppError('forbidden', 'Only owners of this workspace can ask for an update.');
  }
}

function toNudge(row: NudgeRow): Nudge {
  return {
    id: row.id,
    taskId: row.task_id,
    principalId: row.principal_id,
    principalName: row.principal_name ?? '',
    createdAt: row.created_at,
    redundant: row.redundant === 1,
    taskChangedAt: row.task_changed_at,
  };
}

/** The task's nudges (newest first) and what a nudge sent now would be. Principals only. */
export async function listNudges(ctx: MemberCtx, taskId: string): Promise<TaskNudges> {
  principalsOnly(ctx);
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const task = await requireVisibleTask(db, ctx, taskId);
  const current = await taskStateOf(db, workspaceId, task.id);
  if (!current) throw taskNotFound();
  const now = clock.now().getTime();
  const [lastChange, rows] = await Promise.all([
    lastChangeOf(db, workspaceId, task.id, current.updated_at),
    listRows(db, workspaceId, task.id),
  ]);
  const mine = rows.find((r) => r.principal_id === ctx.user.id);
  const nextMs = mine ? Date.parse(mine.created_at) + repeatWindow : null;
  return {
    nudges: rows.map(toNudge),
    lastChange,
    changedRecently: now - Date.parse(lastChange.at) < redundantWindow,
    myLastNudgeAt: mine?.created_at ?? null,
    nextNudgeAt: nextMs !== null && nextMs > now ? new Date(nextMs).toISOString() : null,
  };
}

/**
 * Sends "Any update?" to the task's assignee: recorded (redundant when the task changed in
 * the last 24 hours), written to the task's history, and notified (kind `nudge`). Refused with
 * `conflict` and a `details.reason` when there is nobody else to ask, the task is finished,
 * or this principal already asked in the last 24 hours. A nudge does not move the task's
 * `updated_at` or version: asking is not a change of the work.
 */
export async function sendNudge(ctx: MemberCtx, taskId: string): Promise<Nudge> {
  principalsOnly(ctx);
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const nowDate = clock.now();
  const now = nowDate.toISOString();
  const id = newId();
  const row = await db.transaction().execute(async (trx) => {
    const task = await requireVisibleTask(trx, ctx, taskId);
    const current = await taskStateOf(trx, workspaceId, task.id);
    if (!current) throw taskNotFound();
    if (task.assignee_id === null) {
      throw refused('no_assignee', 'This task has no assignee to ask.');
    }
    if (task.assignee_id === ctx.user.id) {
      throw refused('own_task', 'This task is assigned to you.');
    }
    if (current.state === 'done' || current.state === 'cancelled') {
      throw refused('task_closed', 'This task is already finished.');
    }
    const last = await latestNudgeBy(
      trx,
      workspaceId,
      task.id,
      ctx.user.id,
      new Date(nowDate.getTime() - repeatWindow).toISOString(),
    );
    if (last !== undefined) {
      throw refused('recently_nudged', 'You already asked about this task in the last 24 hours.', {
        lastNudgedAt: last,
        nextNudgeAt: new Date(Date.parse(last) + repeatWindow).toISOString(),
      });
    }
    const change = await lastChangeOf(trx, workspaceId, task.id, current.updated_at);
    const redundant = nowDate.getTime() - Date.parse(change.at) < redundantWindow;
    await insertNudge(trx, {
      id,
      workspace_id: workspaceId,
      task_id: task.id,
      principal_id: ctx.user.id,
      assignee_id: task.assignee_id,
      task_changed_at: change.at,
      redundant: redundant ? 1 : 0,
      created_at: now,
    });
    await recordTaskEvent(trx, {
      workspaceId,
      taskId: task.id,
      actorId: ctx.user.id,
      kind: 'nudged',
      data: { assigneeId: task.assignee_id },
      at: now,
    });
    // The assignee sees the task by definition (visibility rule), so no usersWhoSee filter.
    const told = await notify(trx, ctx.deps, {
      workspaceId,
      kind: 'nudge',
      recipientIds: [task.assignee_id],
      taskId: task.id,
      actorId: ctx.user.id,
      excerpt: '',
    });
    after.notified(workspaceId, told);
    // Open task details refetch their history and nudges. No version: the task's fields did
    // not change, so nobody's open edit form is stale.
    after.publish({
      workspaceId,
      event: { type: 'task.updated', taskId: task.id },
      task: liveFacts(task),
    });
    return (await listRows(trx, workspaceId, task.id)).find((r) => r.id === id);
  });
  after.flush(ctx.deps);
  if (!row) throw taskNotFound();
  return toNudge(row);
}
