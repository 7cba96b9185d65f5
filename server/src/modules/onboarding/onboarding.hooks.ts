import type { Transaction } from 'kysely';
import type { Deps } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import type { AfterCommit } from '../../events/after-commit.ts';
import { ownerIds, parseJson } from '../autonomy/autonomy.repository.ts';
import type { TaskRow } from '../tasks/tasks.repository.ts';
import {
  activePlansOf,
  autoTick,
  autoTickWithTask,
  hasItemForTask,
  nextGenericFirstTask,
  publishedSopsAckState,
} from './onboarding.repository.ts';

/** Both sides see a plan's progress: its assistant's and the owners' open screens refetch. */
export async function publishPlanChanged(
  db: Transaction<Database>,
  after: AfterCommit,
  workspaceId: string,
  assistantId: string,
): Promise<void> {
  after.publish({
    workspaceId,
    event: { type: 'knowledge.changed' },
    onlyUserIds: [assistantId, ...(await ownerIds(db, workspaceId))],
  });
}

/**
 * What other modules tell onboarding plans, in their own transaction: an acknowledgement or
 * a finished task ticks the matching plan item by itself (issue 5).
 */

/**
 * A member acknowledged an SOP: ticks their active plans' acknowledge_sop items linked to it,
 * and the generic ones once every published SOP of the plan's areas (all of the workspace's
 * when the plan has no areas; at least one) is acknowledged in its current version.
 */
export async function onSopAcknowledged(
  trx: Transaction<Database>,
  _deps: Deps,
  after: AfterCommit,
  input: { workspaceId: string; memberId: string; sopId: string; at: string },
): Promise<void> {
  const plans = await activePlansOf(trx, input.workspaceId, input.memberId);
  if (plans.length === 0) return;
  await publishPlanChanged(trx, after, input.workspaceId, input.memberId);
  await autoTick(
    trx,
    input.workspaceId,
    { planIds: plans.map((p) => p.id), kind: 'acknowledge_sop', sopId: input.sopId },
    input.memberId,
    input.at,
  );
  for (const plan of plans) {
    const areaIds = parseJson<string[]>(plan.area_ids, []);
    const state = await publishedSopsAckState(trx, input.workspaceId, input.memberId, areaIds);
    if (state.total === 0 || state.unacknowledged > 0) continue;
    await autoTick(
      trx,
      input.workspaceId,
      { planIds: [plan.id], kind: 'acknowledge_sop', sopId: null },
      input.memberId,
      input.at,
    );
  }
}

/**
 * A task became done: for its assignee's active plans, ticks the first_task item linked to
 * it; else the earliest open generic first_task item when the task is in the plan's areas
 * (or the plan has none) and was finished after the plan started, recording the task on it.
 * The completion hook in recurrence.service.ts calls this for every task that becomes done.
 */
export async function onTaskCompletedForOnboarding(
  trx: Transaction<Database>,
  deps: Deps,
  after: AfterCommit,
  task: TaskRow,
): Promise<void> {
  if (task.assignee_id === null) return;
  const plans = await activePlansOf(trx, task.workspace_id, task.assignee_id);
  if (plans.length === 0) return;
  await publishPlanChanged(trx, after, task.workspace_id, task.assignee_id);
  const now = deps.clock.now().toISOString();
  const today = now.slice(0, 10);
  for (const plan of plans) {
    if (await hasItemForTask(trx, task.workspace_id, plan.id, task.id)) {
      await autoTick(
        trx,
        task.workspace_id,
        { planIds: [plan.id], kind: 'first_task', taskId: task.id },
        task.assignee_id,
        now,
      );
      continue;
    }
    const areaIds = parseJson<string[]>(plan.area_ids, []);
    if (areaIds.length > 0 && (task.area_id === null || !areaIds.includes(task.area_id))) continue;
    if (today < plan.starts_on || now < plan.created_at) continue;
    const next = await nextGenericFirstTask(trx, task.workspace_id, plan.id);
    if (!next) continue;
    await autoTickWithTask(trx, task.workspace_id, next.id, task.id, task.assignee_id, now);
  }
}
