import { AppError, type Role, type Viewer } from '@leeway/core';
import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import type { MemberCtx } from '../../context.ts';
import { prepared } from '../../db/prepared.ts';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** One person's membership, for the usual single recipient of a notice: compiled once. */
const memberQuery = prepared<{ workspaceId: string; userId: string }, { user_id: string; role: Role }>(
  (db, p) =>
    db
      .selectFrom('memberships')
      .select(['user_id', 'role'])
      .where('workspace_id', '=', p('workspaceId'))
      .where('user_id', '=', p('userId')),
);

/** An assistant's areas: read on every request of theirs, so compiled once (db/prepared.ts). */
const areaIdsQuery = prepared<{ workspaceId: string; userId: string }, { id: string }>((db, p) =>
  db
    .selectFrom('areas')
    .select('id')
    .where('workspace_id', '=', p('workspaceId'))
    .where((eb) => eb.or([eb('owner_id', '=', p('userId')), eb('backup_id', '=', p('userId'))]))
    .union(
      db
        .selectFrom('area_members')
        .select('area_id as id')
        .where('workspace_id', '=', p('workspaceId'))
        .where('user_id', '=', p('userId')),
    ),
);

/** The areas where a member holds a role: owner, backup or contributor. */
export async function areaIdsOf(db: Q, workspaceId: string, userId: string): Promise<Set<string>> {
  const rows = await areaIdsQuery(db, { workspaceId, userId });
  return new Set(rows.map((r) => r.id));
}

export async function loadViewer(db: Q, workspaceId: string, userId: string, role: Role): Promise<Viewer> {
  return { userId, role, areaIds: role === 'owner' ? new Set() : await areaIdsOf(db, workspaceId, userId) };
}

/**
 * The SQL form of core's canSeeTask, for every query that lists or loads tasks (and rows
 * hanging off a task). Owners see everything; an assistant sees tasks in their areas,
 * assigned to them, or created by them. `alias` is the tasks table's name in the query.
 */
export function visibleTo(viewer: Viewer, alias = 'tasks') {
  return (eb: ExpressionBuilder<Database, 'tasks'>) => {
    if (viewer.role === 'owner') return sql<boolean>`1 = 1`;
    const col = (name: string) => sql.ref(`${alias}.${name}`);
    const areaIds = [...viewer.areaIds];
    const conditions = [
      eb(col('assignee_id'), '=', viewer.userId),
      eb(col('creator_id'), '=', viewer.userId),
    ];
    if (areaIds.length > 0) conditions.push(eb(col('area_id'), 'in', areaIds));
    return eb.or(conditions);
  };
}

/** The facts of a task that decide who sees it, plus what notifications and files need. */
export interface TaskFacts {
  id: string;
  workspace_id: string;
  title: string;
  area_id: string | null;
  assignee_id: string | null;
  creator_id: string;
}

/**
 * Loads a task the viewer may see, or undefined: the one gate for every route addressing a
 * task or something hanging off it (checklist, comments, attachments, history). Callers turn
 * undefined into 404, so a task one may not see looks exactly like one that does not exist.
 */
export function findVisibleTask(
  db: Q,
  viewer: Viewer,
  workspaceId: string,
  taskId: string,
): Promise<TaskFacts | undefined> {
  return db
    .selectFrom('tasks')
    .select(['id', 'workspace_id', 'title', 'area_id', 'assignee_id', 'creator_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .where(visibleTo(viewer))
    .executeTakeFirst();
}

/** Of these users, those who may see the task (owners, area people, assignee, creator). */
export async function usersWhoSee(db: Q, task: TaskFacts, userIds: string[]): Promise<string[]> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return [];
  const [only] = ids;
  const members =
    ids.length === 1 && only !== undefined
      ? await memberQuery(db, { workspaceId: task.workspace_id, userId: only })
      : await db
          .selectFrom('memberships')
          .select(['user_id', 'role'])
          .where('workspace_id', '=', task.workspace_id)
          .where('user_id', 'in', ids)
          .execute();
  const result: string[] = [];
  for (const m of members) {
    const viewer = await loadViewer(db, task.workspace_id, m.user_id, m.role);
    if (
      viewer.role === 'owner' ||
      task.assignee_id === m.user_id ||
      task.creator_id === m.user_id ||
      (task.area_id !== null && viewer.areaIds.has(task.area_id))
    ) {
      result.push(m.user_id);
    }
  }
  return result;
}

/** The caller as a viewer of this workspace's tasks. */
export function viewerOf(ctx: MemberCtx, db: Q = ctx.deps.db): Promise<Viewer> {
  return loadViewer(db, ctx.membership.workspaceId, ctx.user.id, ctx.membership.role);
}

export const taskNotFound = () => new AppError('not_found', 'Task not found.');

/** The task addressed by a route, if the caller may see it; otherwise 404 like a missing one. */
export async function requireVisibleTask(db: Q, ctx: MemberCtx, taskId: string): Promise<TaskFacts> {
  const task = await findVisibleTask(db, await viewerOf(ctx, db), ctx.membership.workspaceId, taskId);
  if (!task) throw taskNotFound();
  return task;
}

/** The facts a live event carries so each stream can decide who may hear of it. */
export function liveFacts(task: Pick<TaskFacts, 'area_id' | 'assignee_id' | 'creator_id'>) {
  return { areaId: task.area_id, assigneeId: task.assignee_id, creatorId: task.creator_id };
}
