import {
  AppError,
  type CreateFollowUpBody,
  checkLesson,
  contributingFactorKinds,
  defaultFollowUpDue,
  type FollowUp,
  type FollowUpListQuery,
  isFollowUpOverdue,
  type Lesson,
  type LessonBody,
  type LessonFactorStats,
  type LessonListQuery,
  type LessonSummary,
  type SopProblem,
  type UpdateFollowUpBody,
  type Viewer,
} from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { MemberCtx } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { newId } from '../../lib/ids.ts';
import { findArea } from '../areas/areas.repository.ts';
import { ownerIds } from '../autonomy/autonomy.repository.ts';
import { loadSettings } from '../autonomy/autonomy.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { openDraftForFollowUp } from '../sops/sops.hooks.ts';
import { findVisibleTask, viewerOf } from '../tasks/visibility.ts';
import {
  deleteFollowUp as deleteFollowUpRow,
  deleteLesson as deleteLessonRow,
  type FactorRow,
  type FollowUpRow,
  factorMonthCounts,
  factorsOf,
  findFollowUp,
  findSopFacts,
  findVisibleLesson,
  followUpCounts,
  followUpsOf,
  insertFollowUp,
  insertLesson,
  isMember,
  type LessonRow,
  type LessonWithTitles,
  listFollowUpRows,
  listVisibleLessons,
  replaceFactors,
  updateFollowUp as updateFollowUpRow,
  updateLessonIfVersion,
} from './lessons.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

const lessonNotFound = () => new AppError('not_found', 'Lesson not found.');
const followUpNotFound = () => new AppError('not_found', 'Follow-up not found.');

interface Field {
  field: string;
  message: string;
  code?: string;
}

function fieldsError(fields: Field[]): AppError {
  const first = fields[0];
  return new AppError('validation_failed', `Invalid body: ${first?.field} ${first?.message}`, { fields });
}

function sopProblemsError(problems: SopProblem[]): AppError {
  return fieldsError(problems.map((p) => ({ field: p.field, message: p.message, code: p.code })));
}

/** Stored as `toISOString()` so text comparison on SQLite orders instants correctly. */
function iso(value: string): string {
  return new Date(value).toISOString();
}

// ---------------------------------------------------------------------------------------------
// Shapes

function toFollowUp(row: FollowUpRow, now: Date): FollowUp {
  return {
    id: row.id,
    lessonId: row.lesson_id,
    kind: row.kind,
    title: row.title,
    ownerId: row.owner_id,
    dueAt: row.due_at,
    status: row.status,
    overdue: isFollowUpOverdue({ status: row.status, dueAt: row.due_at }, now),
    sopId: row.sop_id,
    sopVersionId: row.sop_version_id,
    doneAt: row.done_at,
    doneBy: row.done_by,
    createdAt: row.created_at,
  };
}

function summaryOf(
  row: LessonRow,
  factorKinds: FactorRow['kind'][],
  counts: { open: number; overdue: number },
): LessonSummary {
  return {
    id: row.id,
    title: row.title,
    severity: row.severity,
    factorKinds: [...new Set(factorKinds)],
    taskId: row.task_id,
    areaId: row.area_id,
    sopId: row.sop_id,
    authorId: row.author_id,
    openFollowUps: counts.open,
    overdueFollowUps: counts.overdue,
    createdAt: row.created_at,
  };
}

async function toLesson(db: Q, ctx: MemberCtx, row: LessonWithTitles): Promise<Lesson> {
  const workspaceId = ctx.membership.workspaceId;
  const now = ctx.deps.clock.now();
  const factors = await factorsOf(db, workspaceId, [row.id]);
  const followUps = (await followUpsOf(db, workspaceId, row.id)).map((f) => toFollowUp(f, now));
  return {
    ...summaryOf(
      row,
      factors.map((f) => f.kind),
      {
        open: followUps.filter((f) => f.status === 'open').length,
        overdue: followUps.filter((f) => f.overdue).length,
      },
    ),
    whatHappened: row.what_happened,
    impact: row.impact,
    wentWell: row.went_well,
    learned: row.learned,
    contributingFactors: factors.map((f) => ({ kind: f.kind, text: f.text })),
    followUps,
    taskTitle: row.task_id !== null ? (row.task_title ?? null) : null,
    sopTitle: row.sop_id !== null ? (row.sop_title ?? null) : null,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

async function requireVisibleLesson(db: Q, ctx: MemberCtx, lessonId: string): Promise<LessonWithTitles> {
  const row = await findVisibleLesson(db, await viewerOf(ctx, db), ctx.membership.workspaceId, lessonId);
  if (!row) throw lessonNotFound();
  return row;
}

const isOwner = (ctx: MemberCtx) => ctx.membership.role === 'owner';

// ---------------------------------------------------------------------------------------------
// Links

interface Links {
  taskId: string | null;
  areaId: string | null;
  sopId: string | null;
}

/**
 * Checks the links a lesson names: a task the caller can see, an area of the workspace (for
 * an assistant one where they hold a role), an SOP the caller may see. A link that fails is
 * a 400 on its field, never a hint that the row exists. Without an area, the task's is used.
 */
async function checkLinks(
  db: Q,
  ctx: MemberCtx,
  viewer: Viewer,
  input: { taskId?: string | null; areaId?: string | null; sopId?: string | null },
  current: Links,
): Promise<Links> {
  const workspaceId = ctx.membership.workspaceId;
  const fields: Field[] = [];
  const links: Links = {
    taskId: input.taskId !== undefined ? input.taskId : current.taskId,
    areaId: input.areaId !== undefined ? input.areaId : current.areaId,
    sopId: input.sopId !== undefined ? input.sopId : current.sopId,
  };
  if (input.taskId) {
    const task = await findVisibleTask(db, viewer, workspaceId, input.taskId);
    if (!task) fields.push({ field: 'taskId', message: 'is not a task you can see' });
    else if (input.areaId === undefined && links.areaId === null) links.areaId = task.area_id;
  }
  if (input.areaId) {
    const area = await findArea(db, workspaceId, input.areaId);
    if (!area || (viewer.role !== 'owner' && !viewer.areaIds.has(area.id))) {
      fields.push({ field: 'areaId', message: 'is not one of your areas' });
    }
  }
  if (input.sopId) {
    const sop = await findSopFacts(db, workspaceId, input.sopId);
    // Drafts are seen by owners and the area's people; published and retired SOPs by everyone.
    const maySee =
      sop !== undefined &&
      (viewer.role === 'owner' || sop.status !== 'draft' || viewer.areaIds.has(sop.area_id));
    if (!maySee) fields.push({ field: 'sopId', message: 'is not an SOP you can see' });
  }
  if (fields.length > 0) throw fieldsError(fields);
  return links;
}

function factorRows(
  workspaceId: string,
  lessonId: string,
  factors: { kind: FactorRow['kind']; text: string }[],
) {
  return factors.map((f, position) => ({
    id: newId(),
    workspace_id: workspaceId,
    lesson_id: lessonId,
    kind: f.kind,
    text: f.text,
    position,
  }));
}

// ---------------------------------------------------------------------------------------------
// Lessons

/**
 * Records a lesson. The body is open on purpose: everything but the links goes through core's
 * `checkLesson`, which refuses any unknown field (a `culprit`) with `lessons_are_blameless`.
 * A lesson changes nobody's level or evidence (DESIGN §2.4): nothing here touches autonomy.
 */
export async function createLesson(ctx: MemberCtx, input: LessonBody): Promise<Lesson> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const { taskId, areaId, sopId, version: _version, ...rest } = input;
  const checked = checkLesson(rest);
  if (!checked.ok) throw sopProblemsError(checked.problems);
  const lesson = checked.value;
  const after = new AfterCommit();
  const row = await db.transaction().execute(async (trx) => {
    const viewer = await viewerOf(ctx, trx);
    const links = await checkLinks(
      trx,
      ctx,
      viewer,
      { taskId, areaId, sopId },
      { taskId: null, areaId: null, sopId: null },
    );
    const at = clock.now().toISOString();
    const row: LessonRow = {
      id: newId(),
      workspace_id: workspaceId,
      title: lesson.title,
      what_happened: lesson.whatHappened,
      impact: lesson.impact,
      severity: lesson.severity,
      went_well: lesson.wentWell,
      learned: lesson.learned,
      task_id: links.taskId,
      area_id: links.areaId,
      sop_id: links.sopId,
      author_id: ctx.user.id,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await insertLesson(trx, row);
    await replaceFactors(
      trx,
      workspaceId,
      row.id,
      factorRows(workspaceId, row.id, lesson.contributingFactors),
    );
    // DESIGN §11: a severe lesson is an exception the owners hear of at once, whatever the
    // author's level. It tells them what happened, never who: lessons are blameless.
    const settings = await loadSettings(trx, workspaceId);
    if (row.severity <= settings.notifications.severeLessonMaxSeverity) {
      const told = await notify(trx, ctx.deps, {
        workspaceId,
        kind: 'lesson',
        recipientIds: await ownerIds(trx, workspaceId),
        taskId: null,
        actorId: ctx.user.id,
        excerpt: row.what_happened.slice(0, 280),
        subjectType: 'lesson',
        subjectId: row.id,
      });
      after.notified(workspaceId, told);
    }
    return row;
  });
  after.flush(ctx.deps);
  return getLesson(ctx, row.id);
}

/** The lessons the caller may see, newest first, with one query each for factors and follow-up counts. */
export async function listLessons(ctx: MemberCtx, query: LessonListQuery): Promise<LessonSummary[]> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const viewer = await viewerOf(ctx);
  const rows = await listVisibleLessons(db, viewer, workspaceId, {
    ...(query.areaId !== undefined ? { areaId: query.areaId } : {}),
    ...(query.sopId !== undefined ? { sopId: query.sopId } : {}),
    ...(query.factor !== undefined ? { factor: query.factor } : {}),
    openFollowUps: query.openFollowUps === 'true',
  });
  const ids = rows.map((r) => r.id);
  const [factors, counts] = await Promise.all([
    factorsOf(db, workspaceId, ids),
    followUpCounts(db, workspaceId, ids, clock.now().toISOString()),
  ]);
  const kinds = new Map<string, FactorRow['kind'][]>();
  for (const f of factors) kinds.set(f.lesson_id, [...(kinds.get(f.lesson_id) ?? []), f.kind]);
  const countOf = new Map(
    counts.map((c) => [c.lesson_id, { open: Number(c.open ?? 0), overdue: Number(c.overdue ?? 0) }]),
  );
  return rows.map((r) => summaryOf(r, kinds.get(r.id) ?? [], countOf.get(r.id) ?? { open: 0, overdue: 0 }));
}

export async function getLesson(ctx: MemberCtx, lessonId: string): Promise<Lesson> {
  const row = await requireVisibleLesson(ctx.deps.db, ctx, lessonId);
  return toLesson(ctx.deps.db, ctx, row);
}

/** The author or an owner edits a lesson, on the version they saw; the same checks as creating. */
export async function updateLesson(ctx: MemberCtx, lessonId: string, input: LessonBody): Promise<Lesson> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const { taskId, areaId, sopId, version, ...rest } = input;
  const stale = await db.transaction().execute(async (trx) => {
    const current = await requireVisibleLesson(trx, ctx, lessonId);
    if (!isOwner(ctx) && current.author_id !== ctx.user.id) {
      throw new AppError('forbidden', 'Only the author or an owner edits a lesson.');
    }
    if (version === undefined) throw fieldsError([{ field: 'version', message: 'is required' }]);
    const factors = await factorsOf(trx, workspaceId, [lessonId]);
    const checked = checkLesson({
      title: current.title,
      whatHappened: current.what_happened,
      impact: current.impact,
      severity: current.severity,
      contributingFactors: factors.map((f) => ({ kind: f.kind, text: f.text })),
      wentWell: current.went_well,
      learned: current.learned,
      ...rest,
    });
    if (!checked.ok) throw sopProblemsError(checked.problems);
    const viewer = await viewerOf(ctx, trx);
    const links = await checkLinks(
      trx,
      ctx,
      viewer,
      { taskId, areaId, sopId },
      {
        taskId: current.task_id,
        areaId: current.area_id,
        sopId: current.sop_id,
      },
    );
    if (current.version !== version) return true;
    const lesson = checked.value;
    const updated = await updateLessonIfVersion(trx, workspaceId, lessonId, version, {
      title: lesson.title,
      what_happened: lesson.whatHappened,
      impact: lesson.impact,
      severity: lesson.severity,
      went_well: lesson.wentWell,
      learned: lesson.learned,
      task_id: links.taskId,
      area_id: links.areaId,
      sop_id: links.sopId,
      updated_at: clock.now().toISOString(),
    });
    if (!updated) return true;
    if (rest.contributingFactors !== undefined) {
      await replaceFactors(
        trx,
        workspaceId,
        lessonId,
        factorRows(workspaceId, lessonId, lesson.contributingFactors),
      );
    }
    return false;
  });
  if (stale) {
    throw new AppError(
      'conflict',
      'Someone else changed this lesson in the meantime. Reload and try again.',
      {
        current: await getLesson(ctx, lessonId),
      },
    );
  }
  return getLesson(ctx, lessonId);
}

/** Owners or the author delete a lesson, with its factors and follow-ups. */
export async function deleteLesson(ctx: MemberCtx, lessonId: string): Promise<void> {
  const { db } = ctx.deps;
  const current = await requireVisibleLesson(db, ctx, lessonId);
  if (!isOwner(ctx) && current.author_id !== ctx.user.id) {
    throw new AppError('forbidden', 'Only the author or an owner deletes a lesson.');
  }
  await deleteLessonRow(db, ctx.membership.workspaceId, lessonId);
}

// ---------------------------------------------------------------------------------------------
// Follow-ups

async function requireSop(db: Q, workspaceId: string, sopId: string): Promise<void> {
  const sop = await findSopFacts(db, workspaceId, sopId);
  if (!sop) throw fieldsError([{ field: 'sopId', message: 'is not an SOP of this workspace' }]);
}

/**
 * Owners or the lesson's author add a follow-up. A `sop_change` follow-up opens a draft of its
 * SOP in the same transaction (publishing that draft closes it). Its owner is told.
 */
export async function createFollowUp(
  ctx: MemberCtx,
  lessonId: string,
  input: CreateFollowUpBody,
): Promise<FollowUp> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const row = await db.transaction().execute(async (trx) => {
    const lesson = await requireVisibleLesson(trx, ctx, lessonId);
    if (!isOwner(ctx) && lesson.author_id !== ctx.user.id) {
      throw new AppError('forbidden', 'Only the author or an owner adds follow-ups.');
    }
    if (!(await isMember(trx, workspaceId, input.ownerId))) {
      throw fieldsError([{ field: 'ownerId', message: 'is not a member of this workspace' }]);
    }
    const sopId = input.sopId ?? (input.kind === 'sop_change' ? lesson.sop_id : null);
    if (input.kind === 'sop_change' && !sopId) {
      throw fieldsError([{ field: 'sopId', message: 'is required for an SOP change' }]);
    }
    if (sopId) await requireSop(trx, workspaceId, sopId);
    const now = clock.now();
    const at = now.toISOString();
    const row: FollowUpRow = {
      id: newId(),
      workspace_id: workspaceId,
      lesson_id: lessonId,
      kind: input.kind,
      title: input.title.trim(),
      owner_id: input.ownerId,
      due_at: input.dueAt !== undefined ? iso(input.dueAt) : defaultFollowUpDue(now),
      status: 'open',
      sop_id: sopId,
      sop_version_id: null,
      done_at: null,
      done_by: null,
      overdue_notified_at: null,
      created_at: at,
    };
    await insertFollowUp(trx, row);
    if (input.kind === 'sop_change' && sopId) {
      row.sop_version_id = await openDraftForFollowUp(trx, ctx.deps, after, {
        workspaceId,
        sopId,
        followUpId: row.id,
        actorId: ctx.user.id,
        at,
      });
      await updateFollowUpRow(trx, workspaceId, row.id, { sop_version_id: row.sop_version_id });
    }
    const told = await notify(trx, ctx.deps, {
      workspaceId,
      kind: 'follow_up',
      recipientIds: [input.ownerId],
      taskId: null,
      actorId: ctx.user.id,
      excerpt: row.title,
      subjectType: 'lesson',
      subjectId: lessonId,
    });
    after.notified(workspaceId, told);
    return row;
  });
  after.flush(ctx.deps);
  return toFollowUp(row, clock.now());
}

/** Owners and the follow-up's owner close, reopen, reassign or reschedule it. */
export async function updateFollowUp(
  ctx: MemberCtx,
  lessonId: string,
  followUpId: string,
  input: UpdateFollowUpBody,
): Promise<FollowUp> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const row = await db.transaction().execute(async (trx) => {
    const current = await findFollowUp(trx, workspaceId, lessonId, followUpId);
    if (!current) throw followUpNotFound();
    if (!isOwner(ctx) && current.owner_id !== ctx.user.id) {
      // Someone who cannot see the lesson learns nothing about it.
      await requireVisibleLesson(trx, ctx, lessonId);
      throw new AppError('forbidden', 'Only owners and the follow-up’s owner change it.');
    }
    const at = clock.now().toISOString();
    const patch: Parameters<typeof updateFollowUpRow>[3] = {};
    if (input.title !== undefined) patch.title = input.title.trim();
    if (input.dueAt !== undefined) {
      patch.due_at = iso(input.dueAt);
      // A new due date earns a new reminder when it passes.
      patch.overdue_notified_at = null;
    }
    if (input.status === 'done' && current.status !== 'done') {
      patch.status = 'done';
      patch.done_at = at;
      patch.done_by = ctx.user.id;
    } else if (input.status === 'open' && current.status !== 'open') {
      patch.status = 'open';
      patch.done_at = null;
      patch.done_by = null;
      patch.overdue_notified_at = null;
    }
    if (input.ownerId !== undefined && input.ownerId !== current.owner_id) {
      if (!(await isMember(trx, workspaceId, input.ownerId))) {
        throw fieldsError([{ field: 'ownerId', message: 'is not a member of this workspace' }]);
      }
      patch.owner_id = input.ownerId;
      const told = await notify(trx, ctx.deps, {
        workspaceId,
        kind: 'follow_up',
        recipientIds: [input.ownerId],
        taskId: null,
        actorId: ctx.user.id,
        excerpt: input.title?.trim() ?? current.title,
        subjectType: 'lesson',
        subjectId: lessonId,
      });
      after.notified(workspaceId, told);
    }
    if (Object.keys(patch).length === 0) return current;
    return (await updateFollowUpRow(trx, workspaceId, followUpId, patch)) ?? current;
  });
  after.flush(ctx.deps);
  return toFollowUp(row, clock.now());
}

export async function deleteFollowUp(ctx: MemberCtx, lessonId: string, followUpId: string): Promise<void> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  if (!(await findFollowUp(db, workspaceId, lessonId, followUpId))) throw followUpNotFound();
  await deleteFollowUpRow(db, workspaceId, followUpId);
}

/** Follow-ups across lessons: mine, or (owners) all, (assistants) those of lessons they see; overdue first. */
export async function listFollowUps(ctx: MemberCtx, query: FollowUpListQuery): Promise<FollowUp[]> {
  const { db, clock } = ctx.deps;
  const viewer = await viewerOf(ctx);
  const rows = await listFollowUpRows(db, viewer, ctx.membership.workspaceId, {
    ...(query.mine === 'true' ? { ownerId: ctx.user.id } : {}),
    ...(query.status !== undefined ? { status: query.status } : {}),
  });
  const now = clock.now();
  const list = rows.map((r) => toFollowUp(r, now));
  // Stable: rows come in due order, so within each group the order stays by due date.
  return [...list.filter((f) => f.overdue), ...list.filter((f) => !f.overdue)];
}

/** Lessons per factor kind per UTC month, the last twelve months up to this one, from one grouped query. */
export async function factorStats(ctx: MemberCtx): Promise<LessonFactorStats> {
  const { db, clock, dialect } = ctx.deps;
  const now = clock.now();
  const months: string[] = [];
  for (let i = 11; i >= 0; i--) {
    months.push(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
  }
  const since = `${months[0]}-01T00:00:00.000Z`;
  const rows = await factorMonthCounts(db, dialect, await viewerOf(ctx), ctx.membership.workspaceId, since);
  const index = new Map(months.map((m, i) => [m, i]));
  const series = contributingFactorKinds.map((kind) => ({ kind, counts: months.map(() => 0) }));
  for (const r of rows) {
    const i = index.get(r.ym);
    const s = series.find((x) => x.kind === r.kind);
    if (i !== undefined && s) s.counts[i] = Number(r.n);
  }
  return { months, series };
}
