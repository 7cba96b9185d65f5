import {
  AppError,
  type AutonomyLevel,
  canReview,
  checkReviewDecision,
  type DecideReviewBody,
  type DeclineTaskBody,
  type RequestReviewBody,
  type ReviewQueueItem,
  type ReviewRecord,
  type ReviewRouting,
  type SubmitTaskBody,
  type Task,
} from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { Deps, MemberCtx } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { transaction, writeBehind } from '../../db/write-behind.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { newId } from '../../lib/ids.ts';
import { findArea, parseGuardrails } from '../areas/areas.repository.ts';
import { onTaskCompleted } from '../recurrence/recurrence.service.ts';
import { checkSopStepsBeforeSubmit } from '../sops/sops.pin.ts';
import { recordTaskEvent } from '../tasks/history.repository.ts';
import {
  EndOfColumn,
  findVisibleTaskRow,
  type TaskPatch,
  type TaskRow,
  updateTaskIfVersion,
} from '../tasks/tasks.repository.ts';
import { publishTaskEvent, toSummary, toTask, withFollowing } from '../tasks/tasks.service.ts';
import { taskNotFound, viewerOf } from '../tasks/visibility.ts';
import { notifyDecision } from './autonomy.notify.ts';
import { insertReviewRecord, listGrants, listTaskReviews, parseJson } from './autonomy.repository.ts';
import { evaluateCellNow, levelOf, toReviewRecord } from './autonomy.service.ts';
import { afterSubmission, routeSubmission, submissionPatch } from './submission.ts';

type Q = Kysely<Database> | Transaction<Database>;

class StaleVersion extends Error {}

async function conflict(ctx: MemberCtx, taskId: string, message: string): Promise<AppError> {
  const { db } = ctx.deps;
  const current = await findVisibleTaskRow(db, await viewerOf(ctx), ctx.membership.workspaceId, taskId);
  if (!current) return taskNotFound();
  return new AppError('conflict', message, { current: await toTask(db, current, ctx.user.id) });
}

const staleMessage = 'Someone else changed this task in the meantime. Review their change and try again.';

/**
 * The assignee hands in a result (doing → review or done). They tick the area's guardrails the
 * task touched; core decides whether it goes to review and why, and the task stores it.
 */
export async function submitTask(ctx: MemberCtx, taskId: string, input: SubmitTaskBody): Promise<Task> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const actorId = ctx.user.id;
  const after = new AfterCommit();
  try {
    const { row, following } = await transaction(db, async (trx) => {
      const current = await findVisibleTaskRow(trx, await viewerOf(ctx, trx), workspaceId, taskId);
      if (!current) throw taskNotFound();
      if (current.assignee_id !== actorId) {
        throw new AppError('forbidden', 'Only the assignee submits a task for review.');
      }
      if (current.version !== input.version) throw new StaleVersion();
      if (current.state !== 'todo' && current.state !== 'doing') {
        throw new AppError('conflict', 'Only a task in to-do or doing can be submitted.');
      }
      // DESIGN §4: at level 1 every SOP step is ticked before submitting.
      await checkSopStepsBeforeSubmit(trx, ctx.deps, current, { userId: actorId, role: ctx.membership.role });
      const area = current.area_id ? await findArea(trx, workspaceId, current.area_id) : undefined;
      const guardrails = area ? parseGuardrails(area.guardrails) : [];
      const bad = input.guardrailsTicked.findIndex((i) => i >= guardrails.length);
      if (bad >= 0) {
        throw new AppError(
          'validation_failed',
          `Invalid body: guardrailsTicked/${bad} is not a guardrail of this area`,
          {
            fields: [{ field: `guardrailsTicked/${bad}`, message: 'is not a guardrail of this area' }],
          },
        );
      }
      const now = clock.now().toISOString();
      const routed = await routeSubmission(trx, ctx.deps, current, actorId, input.guardrailsTicked, {
        role: ctx.membership.role,
        area,
      });
      const patch = submissionPatch(routed, input.guardrailsTicked, now);
      const updated = await updateTaskIfVersion(trx, workspaceId, taskId, input.version, patch);
      if (!updated) throw new StaleVersion();
      await afterSubmission(trx, ctx.deps, after, updated, actorId, routed, (input.note ?? '').trim(), now);
      publishTaskEvent(after, 'task.updated', updated);
      return withFollowing(trx, updated, actorId);
    });
    after.flush(ctx.deps);
    return toTask(db, row, actorId, { following });
  } catch (err) {
    if (err instanceof StaleVersion) throw await conflict(ctx, taskId, staleMessage);
    throw err;
  }
}

/** An owner marks a task "review this one" (or takes the mark back) before it is submitted. */
export async function requestReview(ctx: MemberCtx, taskId: string, input: RequestReviewBody): Promise<Task> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  try {
    const row = await transaction(db, async (trx) => {
      const current = await findVisibleTaskRow(trx, await viewerOf(ctx, trx), workspaceId, taskId);
      if (!current) throw taskNotFound();
      if (current.version !== input.version) throw new StaleVersion();
      const flag = input.requested ? 1 : 0;
      if (current.review_requested === flag) return current;
      const now = clock.now().toISOString();
      const updated = await updateTaskIfVersion(trx, workspaceId, taskId, input.version, {
        review_requested: flag,
        updated_at: now,
      });
      if (!updated) throw new StaleVersion();
      await recordTaskEvent(trx, {
        workspaceId,
        taskId,
        actorId: ctx.user.id,
        kind: 'review_requested',
        data: { requested: input.requested },
        at: now,
      });
      publishTaskEvent(after, 'task.updated', updated);
      return updated;
    });
    after.flush(ctx.deps);
    return toTask(db, row, ctx.user.id);
  } catch (err) {
    if (err instanceof StaleVersion) throw await conflict(ctx, taskId, staleMessage);
    throw err;
  }
}

/** The areas where this assistant reviews others' work: effective level 5 there. */
async function reviewAreas(db: Q, deps: Deps, workspaceId: string, userId: string): Promise<string[]> {
  const areas: string[] = [];
  for (const grant of await listGrants(db, workspaceId, userId)) {
    if (grant.level < 5) continue;
    if ((await levelOf(db, deps, workspaceId, userId, 'assistant', grant.area_id)) === 5)
      areas.push(grant.area_id);
  }
  return areas;
}

/**
 * The review queue: tasks in review the caller may decide, oldest submission first, each with
 * why it is there. Owners see all; an L5 assistant those of their areas, never their own.
 */
export async function reviewQueue(ctx: MemberCtx): Promise<ReviewQueueItem[]> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  let q = db
    .selectFrom('tasks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('state', '=', 'review');
  if (ctx.membership.role !== 'owner') {
    const areas = await reviewAreas(db, ctx.deps, workspaceId, ctx.user.id);
    if (areas.length === 0) return [];
    q = q
      .where('area_id', 'in', areas)
      .where((eb) => eb.or([eb('assignee_id', 'is', null), eb('assignee_id', '!=', ctx.user.id)]));
  }
  const rows = await q.orderBy('submitted_at').orderBy('updated_at').orderBy('id').execute();
  return rows.map((row) => ({
    task: toSummary(row),
    phase: row.review_phase ?? 'required',
    submittedAt: row.submitted_at ?? row.updated_at,
    routing: parseJson<ReviewRouting | null>(row.review_explanation, null),
  }));
}

async function callerLevel(db: Q, ctx: MemberCtx, areaId: string | null): Promise<AutonomyLevel> {
  return levelOf(db, ctx.deps, ctx.membership.workspaceId, ctx.user.id, ctx.membership.role, areaId);
}

/** Whether the caller may decide on this task's review (core's `canReview`). */
export async function mayReview(db: Q, ctx: MemberCtx, task: TaskRow): Promise<boolean> {
  return canReview({
    role: ctx.membership.role,
    effectiveLevel: await callerLevel(db, ctx, task.area_id),
    reviewerId: ctx.user.id,
    assigneeId: task.assignee_id,
  });
}

/**
 * A reviewer accepts (→ done) or requests changes (→ doing, with ≥ 1 tag and a note). The
 * decision is a versioned update of a task still in review, so of two reviewers deciding at
 * once exactly one wins. Afterwards the assignee's evidence is re-read and any proposal the
 * rules call for is made.
 */
export async function decideTaskReview(
  ctx: MemberCtx,
  taskId: string,
  input: DecideReviewBody,
): Promise<Task> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const actorId = ctx.user.id;
  const after = new AfterCommit();
  const decided = 'This result is not in review (any more): someone may have decided it already.';
  try {
    const { row, following } = await transaction(db, async (trx) => {
      const current = await findVisibleTaskRow(trx, await viewerOf(ctx, trx), workspaceId, taskId);
      if (!current) throw taskNotFound();
      if (current.assignee_id === actorId) {
        throw new AppError('forbidden', 'You cannot review your own result.');
      }
      if (!(await mayReview(trx, ctx, current))) {
        throw new AppError('forbidden', 'Only owners and assistants at level 5 in this area review results.');
      }
      const checked = checkReviewDecision(input);
      if (!checked.ok) {
        const first = checked.problems[0];
        throw new AppError('validation_failed', `Invalid body: ${first?.field} ${first?.message}`, {
          fields: checked.problems.map((p) => ({ field: p.field, message: p.message })),
        });
      }
      if (current.state !== 'review') throw new StaleVersion();
      const now = clock.now().toISOString();
      const state = checked.value.outcome === 'accepted' ? 'done' : 'doing';
      const updated = await updateTaskIfVersion(trx, workspaceId, taskId, current.version, {
        state,
        position: new EndOfColumn(state),
        completed_at: state === 'done' ? now : null,
        updated_at: now,
      });
      if (!updated) throw new StaleVersion();
      // Nothing below reads the record or waits for the decision's notice: writes behind.
      const record = {
        id: newId(),
        workspace_id: workspaceId,
        task_id: taskId,
        member_id: current.assignee_id,
        area_id: current.area_id,
        reviewer_id: actorId,
        phase: current.review_phase ?? 'required',
        submitted_at: current.submitted_at ?? current.updated_at,
        decided_at: now,
        outcome: checked.value.outcome,
        tags: JSON.stringify(checked.value.tags),
        note: checked.value.note,
      };
      await writeBehind(trx, (q) => insertReviewRecord(q, record));
      await recordTaskEvent(trx, {
        workspaceId,
        taskId,
        actorId,
        kind: 'reviewed',
        data: { outcome: checked.value.outcome, tags: checked.value.tags, note: checked.value.note },
        at: now,
      });
      await writeBehind(trx, (q) => notifyDecision(q, ctx.deps, after, updated, actorId, checked.value.note));
      if (state === 'done') await onTaskCompleted(trx, ctx.deps, after, updated);
      publishTaskEvent(after, 'task.updated', updated);
      return withFollowing(trx, updated, actorId);
    });
    after.flush(ctx.deps);
    // The decision is evidence: make any proposal the rules now call for.
    if (row.assignee_id !== null && row.area_id !== null) {
      await evaluateCellNow(ctx.deps, workspaceId, row.area_id, row.assignee_id);
    }
    return toTask(db, row, actorId, { following });
  } catch (err) {
    if (err instanceof StaleVersion) throw await conflict(ctx, taskId, decided);
    throw err;
  }
}

/** Every review decision on a task, oldest first. */
export async function taskReviews(ctx: MemberCtx, taskId: string): Promise<ReviewRecord[]> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const task = await findVisibleTaskRow(db, await viewerOf(ctx), workspaceId, taskId);
  if (!task) throw taskNotFound();
  return (await listTaskReviews(db, workspaceId, taskId)).map(toReviewRecord);
}

async function settleProposedTask(
  ctx: MemberCtx,
  taskId: string,
  decision: { approve: true } | { approve: false; reason: string },
): Promise<Task> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  try {
    const row = await transaction(db, async (trx) => {
      const current = await findVisibleTaskRow(trx, await viewerOf(ctx, trx), workspaceId, taskId);
      if (!current) throw taskNotFound();
      if (current.proposed !== 1) throw new AppError('conflict', 'This task is not waiting for approval.');
      const now = clock.now().toISOString();
      const patch: TaskPatch = { proposed: 0, updated_at: now };
      if (!decision.approve) {
        patch.state = 'cancelled';
        patch.position = new EndOfColumn('cancelled');
        patch.completed_at = null;
      }
      const updated = await updateTaskIfVersion(trx, workspaceId, taskId, current.version, patch);
      if (!updated) throw new StaleVersion();
      await recordTaskEvent(trx, {
        workspaceId,
        taskId,
        actorId: ctx.user.id,
        kind: decision.approve ? 'approved' : 'declined',
        data: decision.approve ? {} : { reason: decision.reason },
        at: now,
      });
      publishTaskEvent(after, 'task.updated', updated);
      return updated;
    });
    after.flush(ctx.deps);
    return toTask(db, row, ctx.user.id);
  } catch (err) {
    if (err instanceof StaleVersion) throw await conflict(ctx, taskId, staleMessage);
    throw err;
  }
}

/** An owner approves a proposed task: it becomes an ordinary task. */
export function approveTask(ctx: MemberCtx, taskId: string): Promise<Task> {
  return settleProposedTask(ctx, taskId, { approve: true });
}

/** An owner declines a proposed task, saying why: it is cancelled. */
export function declineTask(ctx: MemberCtx, taskId: string, input: DeclineTaskBody): Promise<Task> {
  return settleProposedTask(ctx, taskId, { approve: false, reason: input.reason.trim() });
}
