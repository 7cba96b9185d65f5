import { type PrincipalNotice, principalNotice } from '@leeway/core';
import type { Transaction } from 'kysely';
import type { Deps } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import type { AfterCommit } from '../../events/after-commit.ts';
import { findArea } from '../areas/areas.repository.ts';
import { notify } from '../notifications/notifications.service.ts';
import type { TaskRow } from '../tasks/tasks.repository.ts';
import { type TaskFacts, usersWhoSee } from '../tasks/visibility.ts';
import { memberRole, ownerIds, type ProposalRow } from './autonomy.repository.ts';
import { levelOf, loadSettings } from './autonomy.service.ts';

import type { SubmissionRouting } from './submission.ts';

/**
 * Who hears about the ladder's events, and when (DESIGN §4 "Principal is told", §11). The
 * cadence comes from core's `principalNotice`; each person's own preference applies on top.
 */

/** `submitterIsAssistant` without the query when the actor is the submitter `routed` knows. */
async function actorIsAssistant(
  trx: Transaction<Database>,
  task: Pick<TaskRow, 'workspace_id'>,
  actorId: string,
  routed: SubmissionRouting,
): Promise<boolean> {
  if (actorId === routed.submitterId) return routed.role === 'assistant';
  return submitterIsAssistant(trx, task, actorId);
}

async function submitterIsAssistant(
  trx: Transaction<Database>,
  task: Pick<TaskRow, 'workspace_id'>,
  userId: string,
): Promise<boolean> {
  return (await memberRole(trx, task.workspace_id, userId)) === 'assistant';
}

/**
 * A result went to review: the people who may decide it hear of it. Owners hear as the
 * submitter's level says (a guardrail hit at once, otherwise at once at L1–L2 and in the
 * digest above: a review still waits for them); an L5 assistant reviewer at once.
 */
export async function notifyReviewers(
  trx: Transaction<Database>,
  deps: Deps,
  after: AfterCommit,
  task: TaskRow,
  actorId: string,
  reviewerIds: string[],
  routed: SubmissionRouting,
  /** The workspace's owners, when the caller has them. */
  knownOwnerIds?: readonly string[],
): Promise<void> {
  const reviewers = await usersWhoSee(trx, task, reviewerIds);
  const owners = new Set(knownOwnerIds ?? (await ownerIds(trx, task.workspace_id)));
  let ownerDigest = false;
  if (await actorIsAssistant(trx, task, actorId, routed)) {
    const notice = principalNotice(
      routed.level,
      routed.routing.phase === 'guardrail' ? { kind: 'guardrail_hit' } : { kind: 'submission' },
      routed.settings,
    );
    ownerDigest = notice.delivery !== 'immediate';
  }
  const base = {
    workspaceId: task.workspace_id,
    kind: 'review_requested' as const,
    taskId: task.id,
    actorId,
    excerpt: '',
  };
  const told = [
    ...(await notify(trx, deps, { ...base, recipientIds: reviewers.filter((id) => !owners.has(id)) })),
    ...(await notify(trx, deps, {
      ...base,
      recipientIds: reviewers.filter((id) => owners.has(id)),
      ...(ownerDigest ? { delivery: 'digest' as const } : {}),
    })),
  ];
  after.notified(task.workspace_id, told);
}

/** The notification delivery for a ladder notice: at once (no override), daily or weekly digest. */
export function deliveryOf(notice: PrincipalNotice): { delivery?: 'digest' | 'weekly' } {
  if (notice.delivery === 'weekly_digest') return { delivery: 'weekly' };
  if (notice.delivery === 'daily_digest') return { delivery: 'digest' };
  return {};
}

/**
 * A result went straight to done: principals hear of it as the level says (daily digest at
 * L3, weekly digest at L4, nothing at L5, at once at L1–L2).
 */
export async function notifySubmissionToPrincipals(
  trx: Transaction<Database>,
  deps: Deps,
  after: AfterCommit,
  task: TaskRow,
  actorId: string,
  routed: SubmissionRouting,
): Promise<void> {
  if (routed.state !== 'done') return;
  if (!(await actorIsAssistant(trx, task, actorId, routed))) return;
  const notice = principalNotice(routed.level, { kind: 'submission' }, routed.settings);
  if (notice.delivery === 'none') return;
  const told = await notify(trx, deps, {
    workspaceId: task.workspace_id,
    kind: 'review_decided',
    recipientIds: await ownerIds(trx, task.workspace_id),
    taskId: task.id,
    actorId,
    excerpt: '',
    ...deliveryOf(notice),
  });
  after.notified(task.workspace_id, told);
}

/**
 * Another step of an assistant's work in an area (a state or blocked-flag change, a comment):
 * the principals hear of it as the assistant's effective level there says — at L1 at once,
 * at L2 in the daily digest (only submissions are immediate there), L3 daily, L4 weekly, L5
 * not at all. Principals in `alreadyConsidered` (told by the usual rules, or who chose not to
 * be) and the actor are left out, so nobody hears twice. Submissions have their own notices.
 */
export async function notifyActivityToPrincipals(
  trx: Transaction<Database>,
  deps: Deps,
  after: AfterCommit,
  task: TaskFacts,
  actorId: string,
  input: { kind: 'assistant_activity' | 'commented'; excerpt: string; alreadyConsidered?: readonly string[] },
): Promise<void> {
  if (task.area_id === null) return;
  if (!(await submitterIsAssistant(trx, task, actorId))) return;
  const settings = await loadSettings(trx, task.workspace_id);
  const level = await levelOf(trx, deps, task.workspace_id, actorId, 'assistant', task.area_id);
  const notice = principalNotice(level, { kind: 'activity' }, settings);
  if (notice.delivery === 'none') return;
  const skip = new Set(input.alreadyConsidered ?? []);
  const principals = (await ownerIds(trx, task.workspace_id)).filter((id) => !skip.has(id));
  const told = await notify(trx, deps, {
    workspaceId: task.workspace_id,
    kind: input.kind,
    recipientIds: await usersWhoSee(trx, task, principals),
    taskId: task.id,
    actorId,
    excerpt: input.excerpt,
    ...deliveryOf(notice),
  });
  after.notified(task.workspace_id, told);
}

/** The assignee hears the decision on their result. */
export async function notifyDecision(
  trx: Transaction<Database>,
  deps: Deps,
  after: AfterCommit,
  task: TaskRow,
  actorId: string,
  note: string,
): Promise<void> {
  if (task.assignee_id === null) return;
  const told = await notify(trx, deps, {
    workspaceId: task.workspace_id,
    kind: 'review_decided',
    recipientIds: await usersWhoSee(trx, task, [task.assignee_id]),
    taskId: task.id,
    actorId,
    excerpt: note.slice(0, 200),
  });
  after.notified(task.workspace_id, told);
}

/** Owners hear of every new proposal at once. */
export async function notifyProposal(
  trx: Transaction<Database>,
  deps: Deps,
  after: AfterCommit,
  proposal: ProposalRow,
): Promise<void> {
  const area = await findArea(trx, proposal.workspace_id, proposal.area_id);
  const told = await notify(trx, deps, {
    workspaceId: proposal.workspace_id,
    kind: 'level_proposal',
    recipientIds: await ownerIds(trx, proposal.workspace_id),
    taskId: null,
    actorId: proposal.kind === 'assistant_request' ? proposal.member_id : null,
    excerpt: `${area?.name ?? ''}: ${proposal.from_level} → ${proposal.to_level}`,
  });
  after.notified(proposal.workspace_id, told);
}
