import { principalNotice } from '@leeway/core';
import type { Transaction } from 'kysely';
import type { Deps } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import type { AfterCommit } from '../../events/after-commit.ts';
import { findArea } from '../areas/areas.repository.ts';
import { notify } from '../notifications/notifications.service.ts';
import type { TaskRow } from '../tasks/tasks.repository.ts';
import { usersWhoSee } from '../tasks/visibility.ts';
import { ownerIds, type ProposalRow } from './autonomy.repository.ts';

import type { SubmissionRouting } from './submission.ts';

/**
 * Who hears about the ladder's events, and when (DESIGN §4 "Principal is told", §11). The
 * cadence comes from core's `principalNotice`; each person's own preference applies on top.
 */

async function submitterIsAssistant(
  trx: Transaction<Database>,
  task: TaskRow,
  userId: string,
): Promise<boolean> {
  const row = await trx
    .selectFrom('memberships')
    .select('role')
    .where('workspace_id', '=', task.workspace_id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role === 'assistant';
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
): Promise<void> {
  const reviewers = await usersWhoSee(trx, task, reviewerIds);
  const owners = new Set(await ownerIds(trx, task.workspace_id));
  let ownerDigest = false;
  if (await submitterIsAssistant(trx, task, actorId)) {
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

/**
 * A result went straight to done: principals hear of it as the level says (daily digest at
 * L3, weekly at L4 — the digest is daily for now — nothing at L5, at once at L1–L2).
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
  if (!(await submitterIsAssistant(trx, task, actorId))) return;
  const notice = principalNotice(routed.level, { kind: 'submission' }, routed.settings);
  if (notice.delivery === 'none') return;
  const told = await notify(trx, deps, {
    workspaceId: task.workspace_id,
    kind: 'review_decided',
    recipientIds: await ownerIds(trx, task.workspace_id),
    taskId: task.id,
    actorId,
    excerpt: '',
    ...(notice.delivery === 'immediate' ? {} : { delivery: 'digest' as const }),
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
