import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type {
  Database,
  OnboardingItemsTable,
  OnboardingPlansTable,
  OnboardingTemplatesTable,
} from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type TemplateRow = Selectable<OnboardingTemplatesTable>;
export type PlanRow = Selectable<OnboardingPlansTable>;
export type ItemRow = Selectable<OnboardingItemsTable>;

// ---------------------------------------------------------------------------------------------
// Templates

export function listTemplateRows(db: Q, workspaceId: string): Promise<TemplateRow[]> {
  return db
    .selectFrom('onboarding_templates')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findTemplate(db: Q, workspaceId: string, templateId: string) {
  return db
    .selectFrom('onboarding_templates')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', templateId)
    .executeTakeFirst();
}

export async function insertTemplate(db: Q, row: TemplateRow): Promise<void> {
  await db.insertInto('onboarding_templates').values(row).execute();
}

export async function deleteTemplate(db: Q, workspaceId: string, templateId: string): Promise<boolean> {
  const res = await db
    .deleteFrom('onboarding_templates')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', templateId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

// ---------------------------------------------------------------------------------------------
// Plans

export type PlanWithName = PlanRow & { assistant_name: string };

function planQuery(db: Q, workspaceId: string) {
  return db
    .selectFrom('onboarding_plans')
    .innerJoin('users', 'users.id', 'onboarding_plans.assistant_id')
    .selectAll('onboarding_plans')
    .select('users.name as assistant_name')
    .where('onboarding_plans.workspace_id', '=', workspaceId);
}

export function findPlan(db: Q, workspaceId: string, planId: string): Promise<PlanWithName | undefined> {
  return planQuery(db, workspaceId).where('onboarding_plans.id', '=', planId).executeTakeFirst();
}

export function listPlanRows(
  db: Q,
  workspaceId: string,
  filter: { assistantId?: string; status?: PlanRow['status'] },
): Promise<PlanWithName[]> {
  let q = planQuery(db, workspaceId);
  if (filter.assistantId !== undefined) q = q.where('onboarding_plans.assistant_id', '=', filter.assistantId);
  if (filter.status !== undefined) q = q.where('onboarding_plans.status', '=', filter.status);
  return q.orderBy('onboarding_plans.created_at', 'desc').orderBy('onboarding_plans.id').execute();
}

export async function insertPlan(db: Q, row: PlanRow): Promise<void> {
  await db.insertInto('onboarding_plans').values(row).execute();
}

/** Writes the plan only if it still has `version`: a stale edit changes nothing. */
export function updatePlanIfVersion(
  db: Q,
  workspaceId: string,
  planId: string,
  version: number,
  patch: Pick<Updateable<OnboardingPlansTable>, 'charter' | 'status' | 'updated_at'>,
) {
  return db
    .updateTable('onboarding_plans')
    .set({ ...patch, version: version + 1 })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', planId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Read whenever an assistant's task is done (does it tick an onboarding item?): compiled once. */
const activePlansQuery = prepared<
  { workspaceId: string; assistantId: string },
  Pick<PlanRow, 'id' | 'area_ids' | 'starts_on' | 'created_at'>
>((db, p) =>
  db
    .selectFrom('onboarding_plans')
    .select(['id', 'area_ids', 'starts_on', 'created_at'])
    .where('workspace_id', '=', p('workspaceId'))
    .where('assistant_id', '=', p('assistantId'))
    .where('status', '=', 'active')
    .orderBy('created_at'),
);

export function activePlansOf(db: Q, workspaceId: string, assistantId: string) {
  return activePlansQuery(db, { workspaceId, assistantId });
}

/**
 * Item counts per plan and due day, done or not, in one grouped query: the summaries turn
 * them into done, total and overdue without loading any item.
 */
export function itemCountsByDueDay(db: Q, workspaceId: string, planIds: string[]) {
  if (planIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('onboarding_items')
    .select((eb) => [
      'plan_id',
      'due_day',
      eb.fn.count<number>('id').as('total'),
      eb.fn.count<number>('done_at').as('done'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('plan_id', 'in', planIds)
    .groupBy(['plan_id', 'due_day'])
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Items

export type ItemWithTitles = ItemRow & { sop_title: string | null; task_title: string | null };

export function listItems(db: Q, workspaceId: string, planId: string): Promise<ItemWithTitles[]> {
  return db
    .selectFrom('onboarding_items')
    .leftJoin('sops', (j) =>
      j
        .onRef('sops.id', '=', 'onboarding_items.sop_id')
        .onRef('sops.workspace_id', '=', 'onboarding_items.workspace_id'),
    )
    .leftJoin('tasks', (j) =>
      j
        .onRef('tasks.id', '=', 'onboarding_items.task_id')
        .onRef('tasks.workspace_id', '=', 'onboarding_items.workspace_id'),
    )
    .selectAll('onboarding_items')
    .select(['sops.title as sop_title', 'tasks.title as task_title'])
    .where('onboarding_items.workspace_id', '=', workspaceId)
    .where('onboarding_items.plan_id', '=', planId)
    .orderBy('onboarding_items.due_day')
    .orderBy('onboarding_items.position')
    .execute();
}

export function findItem(db: Q, workspaceId: string, planId: string, itemId: string) {
  return db
    .selectFrom('onboarding_items')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('plan_id', '=', planId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

export async function insertItems(db: Q, rows: ItemRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('onboarding_items').values(rows).execute();
}

export async function nextItemPosition(db: Q, workspaceId: string, planId: string): Promise<number> {
  const row = await db
    .selectFrom('onboarding_items')
    .select((eb) => eb.fn.max<number | null>('position').as('max'))
    .where('workspace_id', '=', workspaceId)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export async function updateItem(
  db: Q,
  workspaceId: string,
  itemId: string,
  patch: Updateable<OnboardingItemsTable>,
): Promise<void> {
  await db
    .updateTable('onboarding_items')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', itemId)
    .execute();
}

export async function deleteItem(db: Q, workspaceId: string, planId: string, itemId: string) {
  const res = await db
    .deleteFrom('onboarding_items')
    .where('workspace_id', '=', workspaceId)
    .where('plan_id', '=', planId)
    .where('id', '=', itemId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/** Ticks open items matching the filter, automatically; returns how many. */
export async function autoTick(
  db: Q,
  workspaceId: string,
  where: { planIds: string[]; kind: ItemRow['kind']; sopId?: string | null; taskId?: string | null },
  by: string,
  at: string,
): Promise<number> {
  if (where.planIds.length === 0) return 0;
  let q = db
    .updateTable('onboarding_items')
    .set({ done_at: at, done_by: by, done_how: 'auto' })
    .where('workspace_id', '=', workspaceId)
    .where('plan_id', 'in', where.planIds)
    .where('kind', '=', where.kind)
    .where('done_at', 'is', null);
  if (where.sopId !== undefined) {
    q = where.sopId === null ? q.where('sop_id', 'is', null) : q.where('sop_id', '=', where.sopId);
  }
  if (where.taskId !== undefined) {
    q = where.taskId === null ? q.where('task_id', 'is', null) : q.where('task_id', '=', where.taskId);
  }
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

// ---------------------------------------------------------------------------------------------
// Episodes and SOPs, as onboarding reads them

/** The onboarding episodes a plan started: stored nowhere else, found by member, reason, areas and time. */
export async function planEpisodeRows(
  db: Q,
  workspaceId: string,
  plan: Pick<PlanRow, 'assistant_id' | 'created_at'>,
  areaIds: string[],
) {
  if (areaIds.length === 0) return [];
  return db
    .selectFrom('support_episodes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', plan.assistant_id)
    .where('reason', '=', 'onboarding')
    .where('area_id', 'in', areaIds)
    .where('created_at', '>=', plan.created_at)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** An episode of this cell that has not ended and is not past its planned end (running or still to come). */
export function openEpisodeOf(db: Q, workspaceId: string, memberId: string, areaId: string, now: string) {
  return db
    .selectFrom('support_episodes')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .where('area_id', '=', areaId)
    .where('ended_at', 'is', null)
    .where('planned_end_at', '>', now)
    .executeTakeFirst();
}

export function sopsByIds(db: Q, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sops')
    .select(['id', 'title', 'status', 'area_id', 'current_version'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}

/** Published SOPs of these areas (all of the workspace's when `areaIds` is empty) the member has not acknowledged in their current version. */
export async function publishedSopsAckState(
  db: Q,
  workspaceId: string,
  memberId: string,
  areaIds: string[],
): Promise<{ total: number; unacknowledged: number }> {
  let q = db
    .selectFrom('sops')
    .leftJoin('sop_acknowledgements as ack', (j) =>
      j
        .onRef('ack.sop_id', '=', 'sops.id')
        .onRef('ack.version_number', '=', 'sops.current_version')
        .on('ack.member_id', '=', memberId),
    )
    .select((eb) => [
      eb.fn.count<number>('sops.id').as('total'),
      eb.fn.count<number>('ack.sop_id').as('acked'),
    ])
    .where('sops.workspace_id', '=', workspaceId)
    .where('sops.status', '=', 'published');
  if (areaIds.length > 0) q = q.where('sops.area_id', 'in', areaIds);
  const row = await q.executeTakeFirst();
  const total = Number(row?.total ?? 0);
  return { total, unacknowledged: total - Number(row?.acked ?? 0) };
}

/** Whether the plan has a first_task item linked to this task (done or not). */
export async function hasItemForTask(db: Q, workspaceId: string, planId: string, taskId: string) {
  const row = await db
    .selectFrom('onboarding_items')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('plan_id', '=', planId)
    .where('kind', '=', 'first_task')
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The earliest open first_task item of a plan not yet linked to a task. */
export function nextGenericFirstTask(db: Q, workspaceId: string, planId: string) {
  return db
    .selectFrom('onboarding_items')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('plan_id', '=', planId)
    .where('kind', '=', 'first_task')
    .where('task_id', 'is', null)
    .where('done_at', 'is', null)
    .orderBy('due_day')
    .orderBy('position')
    .executeTakeFirst();
}

/** Ticks an open item automatically and records the task that ticked it. */
export async function autoTickWithTask(
  db: Q,
  workspaceId: string,
  itemId: string,
  taskId: string,
  by: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('onboarding_items')
    .set({ done_at: at, done_by: by, done_how: 'auto', task_id: taskId })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', itemId)
    .where('done_at', 'is', null)
    .execute();
}

/** An assistant of the workspace with their language, or undefined. */
export function findAssistant(db: Q, workspaceId: string, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.locale'])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.user_id', '=', userId)
    .where('memberships.role', '=', 'assistant')
    .executeTakeFirst();
}

/** Of these ids, those that are areas of the workspace. */
export async function areaIdsAmong(db: Q, workspaceId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('areas')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}
