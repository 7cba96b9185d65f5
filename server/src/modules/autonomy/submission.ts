import {
  type AutonomyLevel,
  type AutonomySettings,
  decideReview,
  levelRules,
  type ReviewRouting,
  type ReviewRoutingResult,
} from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { Deps } from '../../context.ts';
import type { Database, TasksTable } from '../../db/schema.ts';
import { together } from '../../db/write-behind.ts';
import type { AfterCommit } from '../../events/after-commit.ts';
import { type AreaRow, findArea } from '../areas/areas.repository.ts';
import { onTaskCompleted } from '../recurrence/recurrence.service.ts';
import { recordTaskEvent } from '../tasks/history.repository.ts';
import { EndOfColumn, type TaskPatch, type TaskRow } from '../tasks/tasks.repository.ts';
import { notifyReviewers, notifySubmissionToPrincipals } from './autonomy.notify.ts';
import { levelFiveAssistants, memberRole, ownerIds } from './autonomy.repository.ts';
import { cellLevel, cellState, levelOf, loadSettings } from './autonomy.service.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface SubmissionRouting {
  state: 'review' | 'done';
  routing: ReviewRoutingResult;
  /** The assignee's effective level in the task's area (what the rules applied). */
  level: AutonomyLevel;
  settings: AutonomySettings;
  /** Whose result it is, and their role in the workspace (null: no longer a member). */
  submitterId: string;
  role: 'owner' | 'assistant' | null;
}

/**
 * Decides where a submitted result goes (DESIGN §4) with core's `decideReview`: the
 * submitter's effective level in the task's area, the evidence at that level and whether
 * sampling is tightened. Principals are not on the ladder: their own results go to review
 * only for a ticked guardrail or an explicit request (nothing is sampled). An assistant's
 * task in the inbox counts as level 1: nobody has granted anything there yet.
 */
export async function routeSubmission(
  db: Q,
  deps: Deps,
  task: Pick<TasksTable, 'id' | 'workspace_id' | 'area_id' | 'review_requested'>,
  submitterId: string,
  guardrailsTicked: readonly number[],
  /** What the caller read already in this transaction: the submitter's role, the task's area. */
  known: { role?: 'owner' | 'assistant'; area?: AreaRow | undefined } = {},
): Promise<SubmissionRouting> {
  const role = known.role ?? (await memberRole(db, task.workspace_id, submitterId));
  const area =
    task.area_id === null
      ? undefined
      : 'area' in known
        ? known.area
        : await findArea(db, task.workspace_id, task.area_id);
  // The settings, the grant and the support episodes in one round trip on PostgreSQL.
  const [settings, cell] = await together(
    db,
    (q) => loadSettings(q, task.workspace_id),
    (q) => (role !== 'owner' && area ? cellLevel(q, deps, area, submitterId) : Promise.resolve(undefined)),
  );
  let level: AutonomyLevel = 1;
  let reviewed = 0;
  let tightened = false;
  let rules = settings;
  if (role === 'owner') {
    level = 5;
    rules = { ...settings, sampling: { ...settings.sampling, l5Rate: 0 } };
  } else if (area && cell) {
    level = cell.effective.level;
    // Where every result is reviewed (L1, L2) the evidence cannot change the routing, so the
    // review history is only replayed where the level samples.
    if (!levelRules[level].reviewsEveryResult) {
      const state = await cellState(db, deps, settings, area, submitterId, cell);
      reviewed = state.evidence.reviewedResults;
      tightened = state.evidence.sampling.tightened;
    }
  }
  const routing = decideReview({
    level,
    settings: rules,
    taskId: task.id,
    guardrailsTicked,
    explicitlyRequested: task.review_requested === 1,
    reviewsSinceLevelStart: reviewed,
    tightened,
  });
  return { state: routing.goesToReview ? 'review' : 'done', routing, level, settings, submitterId, role };
}

/** The columns a submission writes, from the routing core decided. */
export function submissionPatch(
  routed: SubmissionRouting,
  guardrailsTicked: readonly number[],
  now: string,
): TaskPatch {
  const routing: ReviewRouting = routed.routing;
  return {
    state: routed.state,
    position: new EndOfColumn(routed.state),
    completed_at: routed.state === 'done' ? now : null,
    review_phase: routing.phase,
    review_explanation: JSON.stringify(routing),
    submitted_at: now,
    guardrails_ticked: JSON.stringify([...guardrailsTicked].sort((a, b) => a - b)),
    updated_at: now,
  };
}

/**
 * After a submission is written: the history entry, the reviewers' and principals'
 * notifications and, when it went straight to done, what completing a task sets off.
 */
export async function afterSubmission(
  trx: Transaction<Database>,
  deps: Deps,
  after: AfterCommit,
  updated: TaskRow,
  actorId: string,
  routed: SubmissionRouting,
  note: string,
  at: string,
): Promise<void> {
  await recordTaskEvent(trx, {
    workspaceId: updated.workspace_id,
    taskId: updated.id,
    actorId,
    kind: 'submitted',
    data: {
      goesToReview: routed.routing.goesToReview,
      phase: routed.routing.phase,
      reason: routed.routing.reason,
      ...(note !== '' ? { note } : {}),
    },
    at,
  });
  if (routed.state === 'review') {
    const { owners, reviewers } = await reviewersOf(trx, deps, updated);
    await notifyReviewers(trx, deps, after, updated, actorId, reviewers, routed, owners);
  }
  await notifySubmissionToPrincipals(trx, deps, after, updated, actorId, routed);
  if (routed.state === 'done') await onTaskCompleted(trx, deps, after, updated);
}

/** Everyone who may decide on a task in review: owners, and L5 assistants of its area; never the assignee. */
export async function reviewersOf(
  db: Q,
  deps: Deps,
  task: TaskRow,
): Promise<{ owners: string[]; reviewers: string[] }> {
  const areaId = task.area_id;
  const [owners, grants] = await together(
    db,
    (q) => ownerIds(q, task.workspace_id),
    (q) => (areaId !== null ? levelFiveAssistants(q, task.workspace_id, areaId) : Promise.resolve([])),
  );
  const ids = new Set(owners);
  if (areaId !== null) {
    for (const g of grants) {
      if ((await levelOf(db, deps, task.workspace_id, g.member_id, 'assistant', areaId)) === 5) {
        ids.add(g.member_id);
      }
    }
  }
  if (task.assignee_id !== null) ids.delete(task.assignee_id);
  return { owners, reviewers: [...ids] };
}
