import {
  AppError,
  type CreateGoalBody,
  type CreateMissionBody,
  checkGoal,
  checkMission,
  type FieldIssue,
  type Goal,
  type GoalListQuery,
  type Mission,
  type MissionDetail,
  type MissionListQuery,
  missionProgress,
  type SopProblem,
  type UpdateGoalBody,
  type UpdateMissionBody,
  type Viewer,
} from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { MemberCtx } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { newId } from '../../lib/ids.ts';
import { findArea, memberIdsAmong } from '../areas/areas.repository.ts';
import { notify } from '../notifications/notifications.service.ts';
import { parseStringArray } from '../tasks/tasks.repository.ts';
import { toSummary } from '../tasks/tasks.service.ts';
import { viewerOf } from '../tasks/visibility.ts';
import {
  deleteGoal as deleteGoalRows,
  deleteMission as deleteMissionRows,
  findGoal,
  findVisibleMission,
  type GoalRow,
  insertGoal,
  insertMission,
  listVisibleGoals,
  listVisibleMissions,
  type MissionRow,
  missionTaskCounts,
  updateGoalIfVersion,
  updateMissionIfVersion,
  visibleMissionTasks,
} from './goals.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

const goalNotFound = () => new AppError('not_found', 'Goal not found.');
const missionNotFound = () => new AppError('not_found', 'Mission not found.');
const isOwner = (ctx: MemberCtx) => ctx.membership.role === 'owner';

function fieldsError(fields: FieldIssue[]): AppError {
  const first = fields[0];
  return new AppError('validation_failed', `Invalid body: ${first?.field} ${first?.message}`, { fields });
}

function problemsError(problems: SopProblem[]): AppError {
  return fieldsError(problems.map((p) => ({ field: p.field, message: p.message, code: p.code })));
}

function ownersOnly(what: string): AppError {
  return new AppError('forbidden', `Only owners ${what}.`);
}

// ---------------------------------------------------------------------------------------------
// Shapes

type Counts = Map<string, ReturnType<typeof missionProgress>>;

/** Progress of these missions, from one grouped query over their tasks. */
async function progressOf(db: Q, workspaceId: string, missionIds: string[]): Promise<Counts> {
  const rows = await missionTaskCounts(db, workspaceId, missionIds);
  const result: Counts = new Map();
  for (const r of rows) {
    if (r.mission_id === null) continue;
    result.set(
      r.mission_id,
      missionProgress({
        total: Number(r.total ?? 0),
        done: Number(r.done ?? 0),
        cancelled: Number(r.cancelled ?? 0),
        proposed: Number(r.proposed ?? 0),
      }),
    );
  }
  return result;
}

const noProgress = missionProgress({ total: 0, done: 0, cancelled: 0, proposed: 0 });

function toMission(row: MissionRow, counts: Counts): Mission {
  return {
    id: row.id,
    goalId: row.goal_id,
    title: row.title,
    areaId: row.area_id,
    assigneeId: row.assignee_id,
    intent: row.intent,
    endState: row.end_state,
    constraints: parseStringArray(row.constraints),
    dueAt: row.due_at === null ? null : new Date(row.due_at).toISOString(),
    status: row.status,
    progress: counts.get(row.id) ?? noProgress,
    createdBy: row.created_by,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function toGoal(row: GoalRow, missions: Mission[]): Goal {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    measure: row.measure,
    target: row.target,
    dueAt: row.due_at === null ? null : new Date(row.due_at).toISOString(),
    status: row.status,
    ownerId: row.owner_id,
    missions,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Goals with the missions under them the viewer may see, and each mission's progress. */
async function goalsWithMissions(
  db: Q,
  viewer: Viewer,
  workspaceId: string,
  goals: GoalRow[],
): Promise<Goal[]> {
  const missions = await listVisibleMissions(db, viewer, workspaceId, { goalIds: goals.map((g) => g.id) });
  const counts = await progressOf(
    db,
    workspaceId,
    missions.map((m) => m.id),
  );
  const byGoal = new Map<string, Mission[]>();
  for (const m of missions) byGoal.set(m.goal_id, [...(byGoal.get(m.goal_id) ?? []), toMission(m, counts)]);
  return goals.map((g) => toGoal(g, byGoal.get(g.id) ?? []));
}

// ---------------------------------------------------------------------------------------------
// Goals

/** The goals the caller may see: owners all, assistants those with a mission they may see. */
export async function listGoals(ctx: MemberCtx, query: GoalListQuery): Promise<Goal[]> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const viewer = await viewerOf(ctx);
  const rows = await listVisibleGoals(db, viewer, workspaceId, query.status ? { status: query.status } : {});
  return goalsWithMissions(db, viewer, workspaceId, rows);
}

export async function getGoal(ctx: MemberCtx, goalId: string): Promise<Goal> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const viewer = await viewerOf(ctx);
  const rows = await listVisibleGoals(db, viewer, workspaceId, { goalId });
  if (rows.length === 0) throw goalNotFound();
  const [goal] = await goalsWithMissions(db, viewer, workspaceId, rows);
  if (!goal) throw goalNotFound();
  return goal;
}

/** Owners set goals (DESIGN §1): the principal says what and why. */
export async function createGoal(ctx: MemberCtx, input: CreateGoalBody): Promise<Goal> {
  if (!isOwner(ctx)) throw ownersOnly('set goals');
  const checked = checkGoal(input);
  if (!checked.ok) throw problemsError(checked.problems);
  const goal = checked.value;
  const at = ctx.deps.clock.now().toISOString();
  const id = newId();
  await insertGoal(ctx.deps.db, {
    id,
    workspace_id: ctx.membership.workspaceId,
    title: goal.title,
    description: goal.description,
    measure: goal.measure,
    target: goal.target,
    due_at: goal.dueAt,
    status: goal.status,
    owner_id: ctx.user.id,
    version: 1,
    created_at: at,
    updated_at: at,
  });
  return getGoal(ctx, id);
}

/** Owners edit a goal on the version they saw; a stale version is a 409 with the current goal. */
export async function updateGoal(ctx: MemberCtx, goalId: string, input: UpdateGoalBody): Promise<Goal> {
  if (!isOwner(ctx)) throw ownersOnly('edit goals');
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const { version, ...patch } = input;
  const current = await findGoal(db, workspaceId, goalId);
  if (!current) throw goalNotFound();
  const checked = checkGoal({
    title: current.title,
    description: current.description,
    measure: current.measure,
    target: current.target,
    dueAt: current.due_at,
    status: current.status,
    ...patch,
  });
  if (!checked.ok) throw problemsError(checked.problems);
  const goal = checked.value;
  const updated =
    current.version === version &&
    (await updateGoalIfVersion(db, workspaceId, goalId, version, {
      title: goal.title,
      description: goal.description,
      measure: goal.measure,
      target: goal.target,
      due_at: goal.dueAt,
      status: goal.status,
      updated_at: clock.now().toISOString(),
    }));
  if (!updated) {
    throw new AppError('conflict', 'Someone else changed this goal in the meantime. Reload and try again.', {
      current: await getGoal(ctx, goalId),
    });
  }
  return getGoal(ctx, goalId);
}

/** Owners delete a goal with its missions; the missions' tasks stay, unlinked. */
export async function deleteGoal(ctx: MemberCtx, goalId: string): Promise<void> {
  if (!isOwner(ctx)) throw ownersOnly('delete goals');
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  await db.transaction().execute(async (trx) => {
    if (!(await findGoal(trx, workspaceId, goalId))) throw goalNotFound();
    await deleteGoalRows(trx, workspaceId, goalId);
  });
}

// ---------------------------------------------------------------------------------------------
// Missions

/** An area of the workspace that is not archived, and a member, or a 400 on the field. */
async function checkLinks(
  db: Q,
  workspaceId: string,
  input: { areaId?: string | null | undefined; assigneeId?: string | null | undefined },
): Promise<void> {
  const fields: FieldIssue[] = [];
  if (input.areaId) {
    const area = await findArea(db, workspaceId, input.areaId);
    if (!area) fields.push({ field: 'areaId', message: 'is not an area of this workspace' });
    else if (area.archived_at !== null) fields.push({ field: 'areaId', message: 'is archived' });
  }
  if (input.assigneeId) {
    const members = await memberIdsAmong(db, workspaceId, [input.assigneeId]);
    if (!members.has(input.assigneeId)) {
      fields.push({ field: 'assigneeId', message: 'is not a member of this workspace' });
    }
  }
  if (fields.length > 0) throw fieldsError(fields);
}

export async function listMissions(ctx: MemberCtx, query: MissionListQuery): Promise<Mission[]> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const viewer = await viewerOf(ctx);
  const rows = await listVisibleMissions(db, viewer, workspaceId, {
    ...(query.goalId !== undefined ? { goalIds: [query.goalId] } : {}),
    ...(query.assigneeId !== undefined
      ? { assigneeId: query.assigneeId === 'me' ? ctx.user.id : query.assigneeId }
      : {}),
    ...(query.status !== undefined ? { status: query.status } : {}),
  });
  const counts = await progressOf(
    db,
    workspaceId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toMission(r, counts));
}

/** One mission with its goal, progress and the tasks of it the caller may see. */
export async function getMission(ctx: MemberCtx, missionId: string): Promise<MissionDetail> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const viewer = await viewerOf(ctx);
  const row = await findVisibleMission(db, viewer, workspaceId, missionId);
  if (!row) throw missionNotFound();
  const goal = await findGoal(db, workspaceId, row.goal_id);
  if (!goal) throw missionNotFound();
  const [counts, tasks] = await Promise.all([
    progressOf(db, workspaceId, [row.id]),
    visibleMissionTasks(db, viewer, workspaceId, row.id),
  ]);
  return {
    ...toMission(row, counts),
    goal: { id: goal.id, title: goal.title, status: goal.status },
    tasks: tasks.map(toSummary),
  };
}

/**
 * Tells a mission's new assignee that it is theirs to plan (DESIGN §9: the principal says what
 * and why, the assistant creates the tasks). Nobody is told about their own assignment.
 */
async function tellAssignee(
  trx: Transaction<Database>,
  ctx: MemberCtx,
  after: AfterCommit,
  mission: { id: string; assigneeId: string | null; intent: string },
): Promise<void> {
  if (!mission.assigneeId || mission.assigneeId === ctx.user.id) return;
  const workspaceId = ctx.membership.workspaceId;
  const told = await notify(trx, ctx.deps, {
    workspaceId,
    kind: 'mission_assigned',
    recipientIds: [mission.assigneeId],
    taskId: null,
    actorId: ctx.user.id,
    excerpt: mission.intent,
    subjectType: 'mission',
    subjectId: mission.id,
  });
  after.notified(workspaceId, told);
}

/** Owners give a mission under a goal to an assignee, in an area (DESIGN §9). */
export async function createMission(ctx: MemberCtx, input: CreateMissionBody): Promise<MissionDetail> {
  if (!isOwner(ctx)) throw ownersOnly('create missions');
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const { goalId, areaId, assigneeId, ...texts } = input;
  const checked = checkMission(texts);
  if (!checked.ok) throw problemsError(checked.problems);
  const mission = checked.value;
  const id = newId();
  const after = new AfterCommit();
  await db.transaction().execute(async (trx) => {
    if (!(await findGoal(trx, workspaceId, goalId))) {
      throw fieldsError([{ field: 'goalId', message: 'is not a goal of this workspace' }]);
    }
    await checkLinks(trx, workspaceId, { areaId, assigneeId });
    const at = clock.now().toISOString();
    await insertMission(trx, {
      id,
      workspace_id: workspaceId,
      goal_id: goalId,
      area_id: areaId ?? null,
      assignee_id: assigneeId ?? null,
      title: mission.title,
      intent: mission.intent,
      end_state: mission.endState,
      constraints: JSON.stringify(mission.constraints),
      due_at: mission.dueAt,
      status: 'open',
      version: 1,
      created_by: ctx.user.id,
      created_at: at,
      updated_at: at,
    });
    await tellAssignee(trx, ctx, after, { id, assigneeId: assigneeId ?? null, intent: mission.intent });
  });
  after.flush(ctx.deps);
  return getMission(ctx, id);
}

/**
 * Owners edit a mission; its assignee may only change its status (mark it done, reopen it).
 * Both on the version they saw.
 */
export async function updateMission(
  ctx: MemberCtx,
  missionId: string,
  input: UpdateMissionBody,
): Promise<MissionDetail> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const { version, areaId, assigneeId, ...texts } = input;
  const after = new AfterCommit();
  const stale = await db.transaction().execute(async (trx) => {
    const current = await findVisibleMission(trx, await viewerOf(ctx, trx), workspaceId, missionId);
    if (!current) throw missionNotFound();
    if (!isOwner(ctx)) {
      const onlyStatus = Object.keys(input).every((k) => k === 'version' || k === 'status');
      if (current.assignee_id !== ctx.user.id || !onlyStatus) {
        throw new AppError('forbidden', 'Only owners edit a mission; its assignee may change its status.');
      }
    }
    const checked = checkMission({
      title: current.title,
      intent: current.intent,
      endState: current.end_state,
      constraints: parseStringArray(current.constraints),
      dueAt: current.due_at,
      status: current.status,
      ...texts,
    });
    if (!checked.ok) throw problemsError(checked.problems);
    await checkLinks(trx, workspaceId, { areaId, assigneeId });
    if (current.version !== version) return true;
    const mission = checked.value;
    const updated = await updateMissionIfVersion(trx, workspaceId, missionId, version, {
      title: mission.title,
      intent: mission.intent,
      end_state: mission.endState,
      constraints: JSON.stringify(mission.constraints),
      due_at: mission.dueAt,
      status: mission.status,
      area_id: areaId !== undefined ? areaId : current.area_id,
      assignee_id: assigneeId !== undefined ? assigneeId : current.assignee_id,
      updated_at: clock.now().toISOString(),
    });
    if (updated && assigneeId !== undefined && assigneeId !== current.assignee_id) {
      await tellAssignee(trx, ctx, after, { id: missionId, assigneeId, intent: mission.intent });
    }
    return !updated;
  });
  after.flush(ctx.deps);
  if (stale) {
    throw new AppError(
      'conflict',
      'Someone else changed this mission in the meantime. Reload and try again.',
      {
        current: await getMission(ctx, missionId),
      },
    );
  }
  return getMission(ctx, missionId);
}

/** Owners delete a mission; its tasks stay, unlinked. */
export async function deleteMission(ctx: MemberCtx, missionId: string): Promise<void> {
  if (!isOwner(ctx)) throw ownersOnly('delete missions');
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  await db.transaction().execute(async (trx) => {
    if (!(await findVisibleMission(trx, await viewerOf(ctx, trx), workspaceId, missionId))) {
      throw missionNotFound();
    }
    await deleteMissionRows(trx, workspaceId, missionId);
  });
}
