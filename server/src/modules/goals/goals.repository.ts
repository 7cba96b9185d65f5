import type { Viewer } from '@leeway/core';
import {
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Database, GoalsTable, MissionsTable } from '../../db/schema.ts';
import { visibleTo } from '../tasks/visibility.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type GoalRow = Selectable<GoalsTable>;
export type MissionRow = Selectable<MissionsTable>;

/**
 * Who sees a mission: owners all; an assistant the missions assigned to them or in an area
 * where they hold a role. `alias` is the missions table's name in the query.
 */
export function missionVisibleTo(viewer: Viewer, alias = 'missions') {
  return (eb: ExpressionBuilder<Database, 'missions'>) => {
    if (viewer.role === 'owner') return sql<boolean>`1 = 1`;
    const col = (name: string) => sql.ref(`${alias}.${name}`);
    const conditions = [eb(col('assignee_id'), '=', viewer.userId)];
    const areaIds = [...viewer.areaIds];
    if (areaIds.length > 0) conditions.push(eb(col('area_id'), 'in', areaIds));
    return eb.or(conditions);
  };
}

/** A mission the viewer may see, or undefined (callers answer 404 or a 400 on the field). */
export function findVisibleMission(
  db: Q,
  viewer: Viewer,
  workspaceId: string,
  missionId: string,
): Promise<MissionRow | undefined> {
  return db
    .selectFrom('missions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', missionId)
    .where(missionVisibleTo(viewer))
    .executeTakeFirst();
}

export interface MissionFilter {
  goalIds?: string[];
  assigneeId?: string;
  status?: MissionRow['status'];
}

export function listVisibleMissions(
  db: Q,
  viewer: Viewer,
  workspaceId: string,
  filter: MissionFilter,
): Promise<MissionRow[]> {
  let query = db
    .selectFrom('missions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where(missionVisibleTo(viewer));
  if (filter.goalIds !== undefined) {
    if (filter.goalIds.length === 0) return Promise.resolve([]);
    query = query.where('goal_id', 'in', filter.goalIds);
  }
  if (filter.assigneeId !== undefined) query = query.where('assignee_id', '=', filter.assigneeId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  return query.orderBy('due_at').orderBy('created_at').orderBy('id').execute();
}

/**
 * Goals the viewer may see: owners all; an assistant those with a mission they may see. Goals
 * with a due date come first, soonest first.
 */
export function listVisibleGoals(
  db: Q,
  viewer: Viewer,
  workspaceId: string,
  filter: { status?: GoalRow['status']; goalId?: string },
): Promise<GoalRow[]> {
  let query = db.selectFrom('goals').selectAll('goals').where('goals.workspace_id', '=', workspaceId);
  if (viewer.role !== 'owner') {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('missions')
          .select('missions.id')
          .where('missions.workspace_id', '=', workspaceId)
          .whereRef('missions.goal_id', '=', 'goals.id')
          .where(missionVisibleTo(viewer)),
      ),
    );
  }
  if (filter.status !== undefined) query = query.where('goals.status', '=', filter.status);
  if (filter.goalId !== undefined) query = query.where('goals.id', '=', filter.goalId);
  return query
    .orderBy(sql`case when goals.due_at is null then 1 else 0 end`)
    .orderBy('goals.due_at')
    .orderBy('goals.created_at')
    .orderBy('goals.id')
    .execute();
}

export function findGoal(db: Q, workspaceId: string, goalId: string): Promise<GoalRow | undefined> {
  return db
    .selectFrom('goals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', goalId)
    .executeTakeFirst();
}

/**
 * Task counts per mission in one grouped query. Counted over all the mission's tasks, not
 * only those the caller sees: progress is the mission's, and numbers name no task.
 */
export function missionTaskCounts(db: Q, workspaceId: string, missionIds: string[]) {
  if (missionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('tasks')
    .select((eb) => [
      'mission_id',
      eb.fn.countAll<number | string>().as('total'),
      eb.fn.sum<number | string>(eb.case().when('state', '=', 'done').then(1).else(0).end()).as('done'),
      eb.fn
        .sum<number | string>(eb.case().when('state', '=', 'cancelled').then(1).else(0).end())
        .as('cancelled'),
      eb.fn
        .sum<number | string>(
          eb
            .case()
            .when(eb.and([eb('proposed', '=', 1), eb('state', '!=', 'cancelled')]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('proposed'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('mission_id', 'in', missionIds)
    .groupBy('mission_id')
    .execute();
}

export async function insertGoal(db: Q, row: Insertable<GoalsTable>): Promise<void> {
  await db.insertInto('goals').values(row).execute();
}

/** Updates the goal only if it is still at `version`; false when someone else got there first. */
export async function updateGoalIfVersion(
  db: Q,
  workspaceId: string,
  goalId: string,
  version: number,
  patch: Updateable<GoalsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('goals')
    .set({ ...patch, version: version + 1 })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', goalId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes a goal; its missions go with it (FK cascade) and their tasks lose the link. */
export async function deleteGoal(db: Q, workspaceId: string, goalId: string): Promise<void> {
  await db
    .updateTable('tasks')
    .set({ mission_id: null })
    .where('workspace_id', '=', workspaceId)
    .where('mission_id', 'in', (eb) =>
      eb
        .selectFrom('missions')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('goal_id', '=', goalId),
    )
    .execute();
  await db
    .deleteFrom('missions')
    .where('workspace_id', '=', workspaceId)
    .where('goal_id', '=', goalId)
    .execute();
  await db.deleteFrom('goals').where('workspace_id', '=', workspaceId).where('id', '=', goalId).execute();
}

export async function insertMission(db: Q, row: Insertable<MissionsTable>): Promise<void> {
  await db.insertInto('missions').values(row).execute();
}

export async function updateMissionIfVersion(
  db: Q,
  workspaceId: string,
  missionId: string,
  version: number,
  patch: Updateable<MissionsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('missions')
    .set({ ...patch, version: version + 1 })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', missionId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes a mission; its tasks stay and lose the link. */
export async function deleteMission(db: Q, workspaceId: string, missionId: string): Promise<void> {
  await db
    .updateTable('tasks')
    .set({ mission_id: null })
    .where('workspace_id', '=', workspaceId)
    .where('mission_id', '=', missionId)
    .execute();
  await db
    .deleteFrom('missions')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', missionId)
    .execute();
}

/** The mission's tasks the viewer may see, open ones first, in board order. */
export function visibleMissionTasks(db: Q, viewer: Viewer, workspaceId: string, missionId: string) {
  return db
    .selectFrom('tasks')
    .selectAll('tasks')
    .where('tasks.workspace_id', '=', workspaceId)
    .where('tasks.mission_id', '=', missionId)
    .where(visibleTo(viewer))
    .orderBy(sql`case when tasks.state in ('done', 'cancelled') then 1 else 0 end`)
    .orderBy('tasks.position')
    .orderBy('tasks.id')
    .limit(500)
    .execute();
}
