import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * Aggregate queries behind the micromanagement index (DESIGN §10). Each one filters by
 * `workspace_id` first and by the window, and is grouped by the people involved, so the
 * insights of a whole workspace take a handful of queries whatever the number of tasks.
 * Windows are half-open: [start, end).
 */

export interface Person {
  id: string;
  name: string;
}

/** Members of the workspace with one role, by name. */
export function membersWithRole(db: Q, workspaceId: string, role: 'owner' | 'assistant'): Promise<Person[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id as id', 'users.name as name'])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.role', '=', role)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
}

export interface Window {
  start: string;
  end: string;
}

const count = (v: unknown) => Number(v ?? 0);

/** Tasks each assistant moved to done in the window (assignee at completion ≈ assignee now). */
export async function completedCounts(
  db: Q,
  workspaceId: string,
  assistantIds: string[],
  w: Window,
): Promise<Map<string, number>> {
  if (assistantIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tasks')
    .select(['assignee_id', (eb) => eb.fn.countAll().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('assignee_id', 'in', assistantIds)
    .where('state', '=', 'done')
    // tasks_completed_idx: one range of completed_at per assistant.
    .where('completed_at', '>=', w.start)
    .where('completed_at', '<', w.end)
    .groupBy('assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id ?? '', count(r.n)]));
}

/** Review counts per assistant, reviewer and phase, decided in the window. */
export function reviewPhaseCounts(db: Q, workspaceId: string, assistantIds: string[], w: Window) {
  if (assistantIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('review_records')
    .select(['member_id', 'reviewer_id', 'phase', (eb) => eb.fn.countAll().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('member_id', 'in', assistantIds)
    .where('decided_at', '>=', w.start)
    .where('decided_at', '<', w.end)
    .groupBy(['member_id', 'reviewer_id', 'phase'])
    .execute();
}

/**
 * The two instants of every review decided in the window (for the median latency) and the
 * tags of change requests (JSON text, counted in JS): a few columns of the window's reviews.
 */
export function reviewTimings(db: Q, workspaceId: string, assistantIds: string[], w: Window) {
  if (assistantIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('review_records')
    .select(['member_id', 'reviewer_id', 'phase', 'submitted_at', 'decided_at', 'outcome', 'tags'])
    .where('workspace_id', '=', workspaceId)
    .where('member_id', 'in', assistantIds)
    .where('decided_at', '>=', w.start)
    .where('decided_at', '<', w.end)
    .execute();
}

/**
 * `updated` events in the window on tasks now assigned to a principal that changed the
 * assignee: the caller keeps those whose `changes.assigneeId` went assistant → principal.
 * Starting from the window's events (`task_events_kind_idx`) and joining each to its task by
 * primary key reads only the window, not the history of every task of the principals.
 */
export function assigneeChangeEvents(db: Q, workspaceId: string, principalIds: string[], w: Window) {
  if (principalIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('task_events')
    .innerJoin('tasks', 'tasks.id', 'task_events.task_id')
    .select([
      'tasks.assignee_id as assignee_id',
      'task_events.data as data',
      'task_events.created_at as created_at',
    ])
    .where('tasks.workspace_id', '=', workspaceId)
    .where('tasks.assignee_id', 'in', principalIds)
    .where('task_events.workspace_id', '=', workspaceId)
    .where('task_events.kind', '=', 'updated')
    .where('task_events.created_at', '>=', w.start)
    .where('task_events.created_at', '<', w.end)
    .where('task_events.data', 'like', '%assigneeId%')
    .execute();
}

/**
 * Edits after acceptance, approximated: `updated` events in the window by a principal on a
 * task of the assistant made after the task's completed_at. History does not record when a
 * review accepted a result, so "after completion" stands for "after acceptance"; a reopen by
 * the principal counts too (it is a take-back as well).
 */
export async function editsAfterCompletion(
  db: Q,
  workspaceId: string,
  assistantIds: string[],
  principalIds: string[],
  w: Window,
) {
  if (assistantIds.length === 0 || principalIds.length === 0) return [];
  // From the window's events (task_events_kind_idx), each joined to its task by primary key.
  const rows = await db
    .selectFrom('task_events')
    .innerJoin('tasks', 'tasks.id', 'task_events.task_id')
    .select([
      'tasks.assignee_id as assignee_id',
      'task_events.actor_id as actor_id',
      (eb) => eb.fn.countAll().as('n'),
    ])
    .where('tasks.workspace_id', '=', workspaceId)
    .where('tasks.assignee_id', 'in', assistantIds)
    .where('tasks.completed_at', 'is not', null)
    // Implied by the event (an edit bumps updated_at); kept as a cheap filter on the task row.
    .where('tasks.updated_at', '>=', w.start)
    .where('task_events.workspace_id', '=', workspaceId)
    .where('task_events.kind', '=', 'updated')
    .where('task_events.actor_id', 'in', principalIds)
    .where('task_events.created_at', '>=', w.start)
    .where('task_events.created_at', '<', w.end)
    .whereRef('task_events.created_at', '>', 'tasks.completed_at')
    .groupBy(['tasks.assignee_id', 'task_events.actor_id'])
    .execute();
  return rows.map((r) => ({ assigneeId: r.assignee_id, actorId: r.actor_id, n: count(r.n) }));
}

/** Grants of the assistants in live areas: the areas level lag is measured over. */
export function grantsOf(db: Q, workspaceId: string, assistantIds: string[]) {
  if (assistantIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('autonomy_grants')
    .innerJoin('areas', 'areas.id', 'autonomy_grants.area_id')
    .select([
      'autonomy_grants.member_id as member_id',
      'autonomy_grants.area_id as area_id',
      'autonomy_grants.level as level',
      'areas.name as area_name',
    ])
    .where('autonomy_grants.workspace_id', '=', workspaceId)
    .where('autonomy_grants.member_id', 'in', assistantIds)
    .where('areas.workspace_id', '=', workspaceId)
    .where('areas.archived_at', 'is', null)
    .execute();
}

/**
 * Automatic promotion proposals that were open at `asOf`: created before it and either still
 * pending or accepted only after it. Declined ones never count (the principal decided).
 */
export function openPromotionProposals(db: Q, workspaceId: string, assistantIds: string[], asOf: string) {
  if (assistantIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('proposals')
    .select(['member_id', 'area_id', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'auto_promotion')
    .where('created_at', '<', asOf)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'pending'),
        eb.and([eb('status', '=', 'accepted'), eb('decided_at', '>', asOf)]),
      ]),
    )
    .where('member_id', 'in', assistantIds)
    .execute();
}

/** Support episodes of the assistants overlapping the window, with their area's name. */
export function episodesOverlapping(db: Q, workspaceId: string, assistantIds: string[], w: Window) {
  if (assistantIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('support_episodes')
    .innerJoin('areas', 'areas.id', 'support_episodes.area_id')
    .select([
      'support_episodes.member_id as member_id',
      'support_episodes.starts_at as starts_at',
      'support_episodes.ended_at as ended_at',
      'areas.name as area_name',
    ])
    .where('support_episodes.workspace_id', '=', workspaceId)
    .where('support_episodes.member_id', 'in', assistantIds)
    .where('support_episodes.starts_at', '<', w.end)
    .where((eb) =>
      eb.or([eb('support_episodes.ended_at', 'is', null), eb('support_episodes.ended_at', '>', w.start)]),
    )
    .execute();
}

// ── Under-support (now, not historical) ───────────────────────────────────────────────────

/** Open questions asked by each assistant before `before` (24 h ago). */
export async function openQuestionCounts(db: Q, workspaceId: string, assistantIds: string[], before: string) {
  if (assistantIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('questions')
    .select(['asker_id', (eb) => eb.fn.countAll().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('answered_at', 'is', null)
    .where('created_at', '<', before)
    .where('asker_id', 'in', assistantIds)
    .groupBy('asker_id')
    .execute();
  return new Map(rows.map((r) => [r.asker_id ?? '', count(r.n)]));
}

/**
 * Tasks of each assistant blocked since before `before` (48 h ago) that wait on a principal,
 * approximated as: an open blocking question on the task addressed to a principal or to
 * nobody. A task blocked with only a reason (no question) does not count.
 */
export async function blockedOnPrincipalCounts(
  db: Q,
  workspaceId: string,
  assistantIds: string[],
  principalIds: string[],
  before: string,
) {
  if (assistantIds.length === 0) return new Map<string, number>();
  // Driven from the open questions (questions_open_idx): there are few, unlike tasks.
  const rows = await db
    .selectFrom('questions')
    .innerJoin('tasks', 'tasks.id', 'questions.task_id')
    .select(['tasks.assignee_id as assignee_id', (eb) => eb.fn.count('tasks.id').distinct().as('n')])
    .where('questions.workspace_id', '=', workspaceId)
    .where('questions.answered_at', 'is', null)
    .where('questions.blocked_task', '=', 1)
    .where((q) =>
      principalIds.length === 0
        ? q('questions.addressee_id', 'is', null)
        : q.or([q('questions.addressee_id', 'is', null), q('questions.addressee_id', 'in', principalIds)]),
    )
    .where('tasks.workspace_id', '=', workspaceId)
    .where('tasks.assignee_id', 'in', assistantIds)
    .where('tasks.blocked', '=', 1)
    .where('tasks.blocked_since', '<', before)
    .groupBy('tasks.assignee_id')
    .execute();
  return new Map(rows.map((r) => [r.assignee_id ?? '', count(r.n)]));
}

/** Check-ins in the window at or below the autonomy limit, per assistant. */
export async function lowAutonomyCheckInCounts(
  db: Q,
  workspaceId: string,
  assistantIds: string[],
  max: number,
  w: Window,
) {
  if (assistantIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('check_ins')
    .select(['member_id', (eb) => eb.fn.countAll().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('submitted_at', '>=', w.start)
    .where('submitted_at', '<', w.end)
    .where('member_id', 'in', assistantIds)
    .where('autonomy', '<=', max)
    .groupBy('member_id')
    .execute();
  return new Map(rows.map((r) => [r.member_id, count(r.n)]));
}

/** Open follow-ups past their due date, per owner. */
export async function overdueFollowUpCounts(db: Q, workspaceId: string, now: string) {
  const rows = await db
    .selectFrom('lesson_follow_ups')
    .select(['owner_id', (eb) => eb.fn.countAll().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .where('due_at', '<', now)
    .groupBy('owner_id')
    .execute();
  return new Map(rows.map((r) => [r.owner_id ?? '', count(r.n)]));
}

// ── One pair over the trend's whole range (rows, bucketed in JS) ──────────────────────────

/** When each task of the assistant completed in the range was completed. */
export function completedTimes(db: Q, workspaceId: string, assistantId: string, w: Window) {
  return db
    .selectFrom('tasks')
    .select('completed_at')
    .where('workspace_id', '=', workspaceId)
    .where('assignee_id', '=', assistantId)
    .where('state', '=', 'done')
    .where('completed_at', '>=', w.start)
    .where('completed_at', '<', w.end)
    .execute();
}

/** The instants of the principal's edits after completion (see `editsAfterCompletion`). */
export function editTimes(db: Q, workspaceId: string, assistantId: string, principalId: string, w: Window) {
  return db
    .selectFrom('task_events')
    .innerJoin('tasks', 'tasks.id', 'task_events.task_id')
    .select('task_events.created_at as created_at')
    .where('tasks.workspace_id', '=', workspaceId)
    .where('tasks.assignee_id', '=', assistantId)
    .where('tasks.completed_at', 'is not', null)
    .where('task_events.workspace_id', '=', workspaceId)
    .where('task_events.kind', '=', 'updated')
    .where('task_events.actor_id', '=', principalId)
    .where('task_events.created_at', '>=', w.start)
    .where('task_events.created_at', '<', w.end)
    .whereRef('task_events.created_at', '>', 'tasks.completed_at')
    .execute();
}

/** Every automatic promotion proposal of the assistant that was not declined (few rows). */
export function promotionProposals(db: Q, workspaceId: string, assistantId: string) {
  return db
    .selectFrom('proposals')
    .select(['member_id', 'area_id', 'status', 'created_at', 'decided_at'])
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', assistantId)
    .where('kind', '=', 'auto_promotion')
    .where('status', '!=', 'declined')
    .execute();
}
