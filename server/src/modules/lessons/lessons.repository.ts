import type { Viewer } from '@leeway/core';
import {
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { Database, LessonFactorsTable, LessonFollowUpsTable, LessonsTable } from '../../db/schema.ts';
import { visibleTo } from '../tasks/visibility.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type LessonRow = Selectable<LessonsTable>;
export type FactorRow = Selectable<LessonFactorsTable>;
export type FollowUpRow = Selectable<LessonFollowUpsTable>;

/**
 * Who sees a lesson (DESIGN §1 applied to the log): owners all; an assistant the lessons they
 * wrote, those in areas where they hold a role, and those without an area whose task (if
 * any) they can see.
 */
export function lessonVisibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<Database, 'lessons'>) => {
    if (viewer.role === 'owner') return sql<boolean>`1 = 1`;
    const areaIds = [...viewer.areaIds];
    const conditions = [eb('lessons.author_id', '=', viewer.userId)];
    if (areaIds.length > 0) conditions.push(eb('lessons.area_id', 'in', areaIds));
    conditions.push(
      eb.and([
        eb('lessons.area_id', 'is', null),
        eb.or([
          eb('lessons.task_id', 'is', null),
          eb.exists(
            eb
              .selectFrom('tasks')
              .select('tasks.id')
              .whereRef('tasks.id', '=', 'lessons.task_id')
              .whereRef('tasks.workspace_id', '=', 'lessons.workspace_id')
              .where((tb) => visibleTo(viewer)(tb as unknown as ExpressionBuilder<Database, 'tasks'>)),
          ),
        ]),
      ]),
    );
    return eb.or(conditions);
  };
}

export type LessonWithTitles = LessonRow & { task_title: string | null; sop_title: string | null };

function lessonQuery(db: Q, viewer: Viewer, workspaceId: string) {
  return db
    .selectFrom('lessons')
    .leftJoin('tasks as lt', (j) =>
      j.onRef('lt.id', '=', 'lessons.task_id').onRef('lt.workspace_id', '=', 'lessons.workspace_id'),
    )
    .leftJoin('sops as ls', (j) =>
      j.onRef('ls.id', '=', 'lessons.sop_id').onRef('ls.workspace_id', '=', 'lessons.workspace_id'),
    )
    .selectAll('lessons')
    .select(['lt.title as task_title', 'ls.title as sop_title'])
    .where('lessons.workspace_id', '=', workspaceId)
    .where(lessonVisibleTo(viewer));
}

export function findVisibleLesson(
  db: Q,
  viewer: Viewer,
  workspaceId: string,
  lessonId: string,
): Promise<LessonWithTitles | undefined> {
  return lessonQuery(db, viewer, workspaceId).where('lessons.id', '=', lessonId).executeTakeFirst();
}

export function findLesson(db: Q, workspaceId: string, lessonId: string) {
  return db
    .selectFrom('lessons')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', lessonId)
    .executeTakeFirst();
}

export function listVisibleLessons(
  db: Q,
  viewer: Viewer,
  workspaceId: string,
  filter: { areaId?: string; factor?: FactorRow['kind']; openFollowUps?: boolean; sopId?: string },
): Promise<LessonWithTitles[]> {
  let q = lessonQuery(db, viewer, workspaceId);
  if (filter.areaId !== undefined) q = q.where('lessons.area_id', '=', filter.areaId);
  if (filter.sopId !== undefined) q = q.where('lessons.sop_id', '=', filter.sopId);
  const factor = filter.factor;
  if (factor !== undefined) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('lesson_factors')
          .select('lesson_factors.id')
          .whereRef('lesson_factors.lesson_id', '=', 'lessons.id')
          .where('lesson_factors.kind', '=', factor),
      ),
    );
  }
  if (filter.openFollowUps) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('lesson_follow_ups')
          .select('lesson_follow_ups.id')
          .whereRef('lesson_follow_ups.lesson_id', '=', 'lessons.id')
          .where('lesson_follow_ups.status', '=', 'open'),
      ),
    );
  }
  return q.orderBy('lessons.created_at', 'desc').orderBy('lessons.id').limit(500).execute();
}

export async function insertLesson(db: Q, row: LessonRow): Promise<void> {
  await db.insertInto('lessons').values(row).execute();
}

export function updateLessonIfVersion(
  db: Q,
  workspaceId: string,
  lessonId: string,
  version: number,
  patch: Updateable<LessonsTable>,
) {
  return db
    .updateTable('lessons')
    .set({ ...patch, version: version + 1 })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', lessonId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteLesson(db: Q, workspaceId: string, lessonId: string): Promise<void> {
  await db.deleteFrom('lessons').where('workspace_id', '=', workspaceId).where('id', '=', lessonId).execute();
}

// ---------------------------------------------------------------------------------------------
// Factors

export async function replaceFactors(
  db: Q,
  workspaceId: string,
  lessonId: string,
  rows: FactorRow[],
): Promise<void> {
  await db
    .deleteFrom('lesson_factors')
    .where('workspace_id', '=', workspaceId)
    .where('lesson_id', '=', lessonId)
    .execute();
  if (rows.length > 0) await db.insertInto('lesson_factors').values(rows).execute();
}

export function factorsOf(db: Q, workspaceId: string, lessonIds: string[]): Promise<FactorRow[]> {
  if (lessonIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('lesson_factors')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('lesson_id', 'in', lessonIds)
    .orderBy('lesson_id')
    .orderBy('position')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Follow-ups

export function followUpsOf(db: Q, workspaceId: string, lessonId: string): Promise<FollowUpRow[]> {
  return db
    .selectFrom('lesson_follow_ups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('lesson_id', '=', lessonId)
    .orderBy('due_at')
    .orderBy('id')
    .execute();
}

/** Open and overdue follow-ups per lesson, in one grouped query. */
export function followUpCounts(db: Q, workspaceId: string, lessonIds: string[], now: string) {
  if (lessonIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('lesson_follow_ups')
    .select((eb) => [
      'lesson_id',
      eb.fn.sum<number>(eb.case().when('status', '=', 'open').then(1).else(0).end()).as('open'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('status', '=', 'open'), eb('due_at', '<', now)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('overdue'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('lesson_id', 'in', lessonIds)
    .groupBy('lesson_id')
    .execute();
}

export function findFollowUp(db: Q, workspaceId: string, lessonId: string, followUpId: string) {
  return db
    .selectFrom('lesson_follow_ups')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('lesson_id', '=', lessonId)
    .where('id', '=', followUpId)
    .executeTakeFirst();
}

export async function insertFollowUp(db: Q, row: FollowUpRow): Promise<void> {
  await db.insertInto('lesson_follow_ups').values(row).execute();
}

export function updateFollowUp(
  db: Q,
  workspaceId: string,
  followUpId: string,
  patch: Updateable<LessonFollowUpsTable>,
) {
  return db
    .updateTable('lesson_follow_ups')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', followUpId)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteFollowUp(db: Q, workspaceId: string, followUpId: string): Promise<void> {
  await db
    .deleteFrom('lesson_follow_ups')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', followUpId)
    .execute();
}

/** Follow-ups across lessons: the caller's own, or those of lessons the viewer sees. */
export function listFollowUpRows(
  db: Q,
  viewer: Viewer,
  workspaceId: string,
  filter: { ownerId?: string; status?: FollowUpRow['status'] },
): Promise<FollowUpRow[]> {
  let q = db
    .selectFrom('lesson_follow_ups')
    .innerJoin('lessons', 'lessons.id', 'lesson_follow_ups.lesson_id')
    .selectAll('lesson_follow_ups')
    .where('lesson_follow_ups.workspace_id', '=', workspaceId);
  if (filter.ownerId !== undefined) q = q.where('lesson_follow_ups.owner_id', '=', filter.ownerId);
  else q = q.where((eb) => lessonVisibleTo(viewer)(eb as unknown as ExpressionBuilder<Database, 'lessons'>));
  if (filter.status !== undefined) q = q.where('lesson_follow_ups.status', '=', filter.status);
  return q.orderBy('lesson_follow_ups.due_at').orderBy('lesson_follow_ups.id').limit(500).execute();
}

/** Open follow-ups past due whose owners were not told yet (the job claims each one). */
export function overdueUnnotified(db: Q, now: string, limit: number) {
  return db
    .selectFrom('lesson_follow_ups')
    .innerJoin('lessons', 'lessons.id', 'lesson_follow_ups.lesson_id')
    .selectAll('lesson_follow_ups')
    .select('lessons.title as lesson_title')
    .where('lesson_follow_ups.status', '=', 'open')
    .where('lesson_follow_ups.due_at', '<', now)
    .where('lesson_follow_ups.overdue_notified_at', 'is', null)
    .orderBy('lesson_follow_ups.due_at')
    .limit(limit)
    .execute();
}

/** Claims an overdue reminder: of two nodes, exactly one sets the stamp. */
export async function claimOverdueNotice(db: Q, followUpId: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('lesson_follow_ups')
    .set({ overdue_notified_at: at })
    .where('id', '=', followUpId)
    .where('overdue_notified_at', 'is', null)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// Stats

/**
 * Lessons per factor kind per UTC month since `since`, one grouped query. Timestamps are ISO
 * text on SQLite (the month is the first seven characters) and timestamptz on PostgreSQL.
 */
export function factorMonthCounts(
  db: Q,
  dialect: Dialect,
  viewer: Viewer,
  workspaceId: string,
  since: string,
) {
  const month =
    dialect === 'postgres'
      ? sql<string>`to_char(lessons.created_at at time zone 'UTC', 'YYYY-MM')`
      : sql<string>`substr(lessons.created_at, 1, 7)`;
  return db
    .selectFrom('lessons')
    .innerJoin('lesson_factors', 'lesson_factors.lesson_id', 'lessons.id')
    .select((eb) => [
      'lesson_factors.kind',
      month.as('ym'),
      eb.fn.count<number>('lessons.id').distinct().as('n'),
    ])
    .where('lessons.workspace_id', '=', workspaceId)
    .where('lessons.created_at', '>=', since)
    .where(lessonVisibleTo(viewer))
    .groupBy(['lesson_factors.kind', month])
    .execute();
}

// ---------------------------------------------------------------------------------------------
// What lessons link to

export async function isMember(db: Q, workspaceId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export function findSopFacts(db: Q, workspaceId: string, sopId: string) {
  return db
    .selectFrom('sops')
    .select(['id', 'status', 'area_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', sopId)
    .executeTakeFirst();
}
