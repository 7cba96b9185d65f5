import type { TaskVisibilityFacts, Viewer } from '@leeway/core';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type {
  ActionItemsTable,
  AgendaEntriesTable,
  Database,
  MeetingOccurrencesTable,
  MeetingSeriesTable,
} from '../../db/schema.ts';
import { lessonVisibleTo } from '../lessons/lessons.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type SeriesRow = Selectable<MeetingSeriesTable>;
export type OverrideRow = Selectable<MeetingOccurrencesTable>;
export type EntryRow = Selectable<AgendaEntriesTable>;
export type ActionItemRow = Selectable<ActionItemsTable>;

/** Every query below filters by `workspace_id` first, so a foreign id simply finds nothing. */

// ---------------------------------------------------------------------------------------------
// Series and participants

export function findSeries(db: Q, workspaceId: string, seriesId: string) {
  return db
    .selectFrom('meeting_series')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', seriesId)
    .executeTakeFirst();
}

/** The series a member takes part in or organises; every series for `userId` null (owners). */
export function listSeries(db: Q, workspaceId: string, userId: string | null): Promise<SeriesRow[]> {
  let q = db.selectFrom('meeting_series').selectAll().where('workspace_id', '=', workspaceId);
  if (userId !== null) {
    q = q.where((eb) =>
      eb.or([
        eb('organizer_id', '=', userId),
        eb.exists(
          eb
            .selectFrom('meeting_participants as p')
            .select('p.user_id')
            .whereRef('p.series_id', '=', 'meeting_series.id')
            .where('p.workspace_id', '=', workspaceId)
            .where('p.user_id', '=', userId),
        ),
      ]),
    );
  }
  return q.orderBy('starts_at').orderBy('id').execute();
}

export async function participantsOf(
  db: Q,
  workspaceId: string,
  seriesIds: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(seriesIds.map((id) => [id, []]));
  if (seriesIds.length === 0) return out;
  const rows = await db
    .selectFrom('meeting_participants')
    .select(['series_id', 'user_id'])
    .where('workspace_id', '=', workspaceId)
    .where('series_id', 'in', seriesIds)
    .orderBy('user_id')
    .execute();
  for (const r of rows) out.get(r.series_id)?.push(r.user_id);
  return out;
}

/** Of these ids, those that are members of the workspace. */
export async function memberIdsAmong(db: Q, workspaceId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export function membersWithRoles(db: Q, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.user_id', 'memberships.role', 'users.name'])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.user_id', 'in', ids)
    .execute();
}

export async function insertSeries(db: Q, row: SeriesRow, participantIds: string[]): Promise<void> {
  await db.insertInto('meeting_series').values(row).execute();
  await replaceParticipants(db, row.workspace_id, row.id, participantIds);
}

export async function replaceParticipants(
  db: Q,
  workspaceId: string,
  seriesId: string,
  participantIds: string[],
): Promise<void> {
  await db
    .deleteFrom('meeting_participants')
    .where('workspace_id', '=', workspaceId)
    .where('series_id', '=', seriesId)
    .execute();
  if (participantIds.length === 0) return;
  await db
    .insertInto('meeting_participants')
    .values(participantIds.map((user_id) => ({ workspace_id: workspaceId, series_id: seriesId, user_id })))
    .execute();
}

/** Updates the series only if it still has `version`; undefined when someone was faster. */
export function updateSeriesIfVersion(
  db: Q,
  workspaceId: string,
  seriesId: string,
  version: number,
  patch: Partial<Omit<SeriesRow, 'id' | 'workspace_id' | 'created_at'>>,
) {
  return db
    .updateTable('meeting_series')
    .set({ ...patch, version: version + 1 })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', seriesId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteSeries(db: Q, workspaceId: string, seriesId: string): Promise<void> {
  // Rows hanging off the series go by ON DELETE CASCADE; the tasks made from action items stay.
  await db
    .deleteFrom('meeting_series')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', seriesId)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Occurrence overrides

export function overridesOf(db: Q, workspaceId: string, seriesIds: string[]): Promise<OverrideRow[]> {
  if (seriesIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('meeting_occurrences')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('series_id', 'in', seriesIds)
    .execute();
}

export async function countOverrides(db: Q, workspaceId: string, seriesId: string): Promise<number> {
  const row = await db
    .selectFrom('meeting_occurrences')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('series_id', '=', seriesId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function upsertOverride(
  db: Q,
  row: {
    workspaceId: string;
    seriesId: string;
    originalStart: string;
    movedTo: string | null;
    cancelled: boolean;
  },
  now: string,
): Promise<void> {
  await db
    .insertInto('meeting_occurrences')
    .values({
      workspace_id: row.workspaceId,
      series_id: row.seriesId,
      original_start: row.originalStart,
      moved_to: row.movedTo,
      cancelled: row.cancelled ? 1 : 0,
      finished_at: null,
      finished_by: null,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['series_id', 'original_start']).doUpdateSet({
        moved_to: row.movedTo,
        cancelled: row.cancelled ? 1 : 0,
        updated_at: now,
      }),
    )
    .execute();
}

/**
 * Stamps `finished_at` only if nobody did before: insert when the occurrence has no row yet,
 * otherwise update the row whose `finished_at` is still null. True when this call finished it.
 */
export async function finishOnce(
  db: Q,
  workspaceId: string,
  seriesId: string,
  originalStart: string,
  by: string,
  now: string,
): Promise<boolean> {
  const inserted = await db
    .insertInto('meeting_occurrences')
    .values({
      workspace_id: workspaceId,
      series_id: seriesId,
      original_start: originalStart,
      moved_to: null,
      cancelled: 0,
      finished_at: now,
      finished_by: by,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['series_id', 'original_start']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
  const updated = await db
    .updateTable('meeting_occurrences')
    .set({ finished_at: now, finished_by: by, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('series_id', '=', seriesId)
    .where('original_start', '=', originalStart)
    .where('finished_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

// ---------------------------------------------------------------------------------------------
// Pinned items

export function pinnedOf(db: Q, workspaceId: string, seriesId: string) {
  return db
    .selectFrom('meeting_pinned_items')
    .select(['id', 'title', 'position'])
    .where('workspace_id', '=', workspaceId)
    .where('series_id', '=', seriesId)
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function countPinned(db: Q, workspaceId: string, seriesId: string): Promise<number> {
  const row = await db
    .selectFrom('meeting_pinned_items')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('series_id', '=', seriesId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertPinned(
  db: Q,
  row: { id: string; workspaceId: string; seriesId: string; title: string; now: string },
): Promise<number> {
  const max = await db
    .selectFrom('meeting_pinned_items')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('workspace_id', '=', row.workspaceId)
    .where('series_id', '=', row.seriesId)
    .executeTakeFirst();
  const position = max?.p === null || max?.p === undefined ? 0 : Number(max.p) + 1;
  await db
    .insertInto('meeting_pinned_items')
    .values({
      id: row.id,
      workspace_id: row.workspaceId,
      series_id: row.seriesId,
      title: row.title,
      position,
      created_at: row.now,
    })
    .execute();
  return position;
}

export async function deletePinned(db: Q, workspaceId: string, seriesId: string, pinnedId: string) {
  const res = await db
    .deleteFrom('meeting_pinned_items')
    .where('workspace_id', '=', workspaceId)
    .where('series_id', '=', seriesId)
    .where('id', '=', pinnedId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

// ---------------------------------------------------------------------------------------------
// Agenda entries and action items

export function entriesOf(db: Q, workspaceId: string, seriesId: string, occurrenceStart: string) {
  return db
    .selectFrom('agenda_entries')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('series_id', '=', seriesId)
    .where('occurrence_start', '=', occurrenceStart)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertEntry(db: Q, row: EntryRow): Promise<void> {
  await db.insertInto('agenda_entries').values(row).execute();
}

/** Creates or updates the stored side of an agenda item (one row per occurrence and key). */
export async function upsertEntry(
  db: Q,
  row: EntryRow,
  patch: { notes?: string; status?: EntryRow['status'] },
): Promise<void> {
  await db
    .insertInto('agenda_entries')
    .values({ ...row, ...patch })
    .onConflict((oc) =>
      oc.columns(['series_id', 'occurrence_start', 'item_key']).doUpdateSet({
        ...patch,
        title: row.title,
        data: row.data,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export interface ActionItemWithTask extends ActionItemRow {
  task_state: string | null;
  task_assignee_id: string | null;
  task_due_at: string | null;
  task_area_id: string | null;
  task_creator_id: string | null;
  task_exists: string | null;
}

const actionItemColumns = [
  'action_items.id',
  'action_items.workspace_id',
  'action_items.series_id',
  'action_items.occurrence_start',
  'action_items.item_key',
  'action_items.title',
  'action_items.task_id',
  'action_items.created_by',
  'action_items.created_at',
  'tasks.state as task_state',
  'tasks.assignee_id as task_assignee_id',
  'tasks.due_at as task_due_at',
  'tasks.area_id as task_area_id',
  'tasks.creator_id as task_creator_id',
  'tasks.id as task_exists',
] as const;

export function actionItemsOf(db: Q, workspaceId: string, seriesId: string, occurrenceStart: string) {
  return db
    .selectFrom('action_items')
    .leftJoin('tasks', (j) =>
      j
        .onRef('tasks.id', '=', 'action_items.task_id')
        .onRef('tasks.workspace_id', '=', 'action_items.workspace_id'),
    )
    .select(actionItemColumns)
    .where('action_items.workspace_id', '=', workspaceId)
    .where('action_items.series_id', '=', seriesId)
    .where('action_items.occurrence_start', '=', occurrenceStart)
    .orderBy('action_items.created_at')
    .orderBy('action_items.id')
    .execute() as Promise<ActionItemWithTask[]>;
}

/** Action items of earlier occurrences whose task is still open (not done, not cancelled). */
export function openEarlierActionItems(db: Q, workspaceId: string, seriesId: string, before: string) {
  return db
    .selectFrom('action_items')
    .innerJoin('tasks', (j) =>
      j
        .onRef('tasks.id', '=', 'action_items.task_id')
        .onRef('tasks.workspace_id', '=', 'action_items.workspace_id'),
    )
    .select(actionItemColumns)
    .where('action_items.workspace_id', '=', workspaceId)
    .where('action_items.series_id', '=', seriesId)
    .where('action_items.occurrence_start', '<', before)
    .where('tasks.state', 'not in', ['done', 'cancelled'])
    .orderBy('action_items.created_at')
    .limit(500)
    .execute() as Promise<ActionItemWithTask[]>;
}

export async function insertActionItem(db: Q, row: ActionItemRow): Promise<void> {
  await db.insertInto('action_items').values(row).execute();
}

// ---------------------------------------------------------------------------------------------
// Agenda sources (set-based: one query per source, never one per task)

const factsOf = (t: { area_id: string | null; assignee_id: string | null; creator_id: string | null }) =>
  t.creator_id === null
    ? null
    : ({
        areaId: t.area_id,
        assigneeId: t.assignee_id,
        creatorId: t.creator_id,
      } satisfies TaskVisibilityFacts);

/** The facts that decide who sees each of these tasks (tasks gone are missing from the map). */
export async function taskFactsOf(
  db: Q,
  workspaceId: string,
  taskIds: string[],
): Promise<Map<string, TaskVisibilityFacts>> {
  const ids = [...new Set(taskIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'area_id', 'assignee_id', 'creator_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, factsOf(r) as TaskVisibilityFacts]));
}

export function pendingProposals(db: Q, workspaceId: string) {
  return db
    .selectFrom('proposals')
    .innerJoin('users', 'users.id', 'proposals.member_id')
    .innerJoin('areas', (j) =>
      j
        .onRef('areas.id', '=', 'proposals.area_id')
        .onRef('areas.workspace_id', '=', 'proposals.workspace_id'),
    )
    .select([
      'proposals.id',
      'proposals.member_id',
      'users.name as member_name',
      'proposals.area_id',
      'areas.name as area_name',
      'proposals.from_level',
      'proposals.to_level',
      'proposals.created_at',
    ])
    .where('proposals.workspace_id', '=', workspaceId)
    .where('proposals.status', '=', 'pending')
    .limit(200)
    .execute();
}

export function episodesEndingBy(db: Q, workspaceId: string, now: string, by: string) {
  return db
    .selectFrom('support_episodes')
    .innerJoin('users', 'users.id', 'support_episodes.member_id')
    .innerJoin('areas', (j) =>
      j
        .onRef('areas.id', '=', 'support_episodes.area_id')
        .onRef('areas.workspace_id', '=', 'support_episodes.workspace_id'),
    )
    .select([
      'support_episodes.id',
      'support_episodes.member_id',
      'users.name as member_name',
      'support_episodes.area_id',
      'areas.name as area_name',
      'support_episodes.planned_end_at',
      'support_episodes.ended_at',
    ])
    .where('support_episodes.workspace_id', '=', workspaceId)
    .where('support_episodes.ended_at', 'is', null)
    .where('support_episodes.planned_end_at', '>', now)
    .where('support_episodes.planned_end_at', '<=', by)
    .limit(200)
    .execute();
}

/** Unanswered questions asked before `askedBefore`, with the facts of their task. */
export function waitingQuestions(db: Q, workspaceId: string, askedBefore: string) {
  return db
    .selectFrom('questions')
    .leftJoin('tasks', (j) =>
      j
        .onRef('tasks.id', '=', 'questions.task_id')
        .onRef('tasks.workspace_id', '=', 'questions.workspace_id'),
    )
    .select([
      'questions.id',
      'questions.task_id',
      'questions.body',
      'questions.created_at',
      'questions.answered_at',
      'tasks.area_id',
      'tasks.assignee_id',
      'tasks.creator_id',
    ])
    .where('questions.workspace_id', '=', workspaceId)
    .where('questions.answered_at', 'is', null)
    .where('questions.created_at', '<', askedBefore)
    .orderBy('questions.created_at')
    .limit(200)
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, facts: factsOf(r) })));
}

/** Open tasks blocked since before `blockedBefore` or due before `now`. */
export function stuckTasks(db: Q, workspaceId: string, blockedBefore: string, now: string) {
  return db
    .selectFrom('tasks')
    .select([
      'id',
      'title',
      'blocked',
      'blocked_since',
      'due_at',
      'state',
      'area_id',
      'assignee_id',
      'creator_id',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('state', 'not in', ['done', 'cancelled'])
    .where((eb) =>
      eb.or([
        eb.and([eb('blocked', '=', 1), eb('blocked_since', '<', blockedBefore)]),
        eb('due_at', '<', now),
      ]),
    )
    .orderBy('due_at')
    .limit(300)
    .execute();
}

export function lessonsBetween(db: Q, workspaceId: string, from: string, to: string) {
  return db
    .selectFrom('lessons')
    .leftJoin('tasks', (j) =>
      j.onRef('tasks.id', '=', 'lessons.task_id').onRef('tasks.workspace_id', '=', 'lessons.workspace_id'),
    )
    .select([
      'lessons.id',
      'lessons.title',
      'lessons.created_at',
      'lessons.area_id as lesson_area_id',
      'lessons.task_id',
      'tasks.area_id',
      'tasks.assignee_id',
      'tasks.creator_id',
    ])
    .where('lessons.workspace_id', '=', workspaceId)
    .where('lessons.created_at', '>=', from)
    .where('lessons.created_at', '<=', to)
    .limit(200)
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, facts: factsOf(r) })));
}

export function openFollowUpsDueBy(db: Q, workspaceId: string, by: string) {
  return db
    .selectFrom('lesson_follow_ups as f')
    .innerJoin('lessons', (j) =>
      j.onRef('lessons.id', '=', 'f.lesson_id').onRef('lessons.workspace_id', '=', 'f.workspace_id'),
    )
    .leftJoin('tasks', (j) =>
      j.onRef('tasks.id', '=', 'lessons.task_id').onRef('tasks.workspace_id', '=', 'lessons.workspace_id'),
    )
    .select([
      'f.id',
      'f.lesson_id',
      'f.title',
      'f.due_at',
      'f.status',
      'lessons.task_id',
      'tasks.area_id',
      'tasks.assignee_id',
      'tasks.creator_id',
    ])
    .where('f.workspace_id', '=', workspaceId)
    .where('f.status', '=', 'open')
    .where('f.due_at', '<=', by)
    .limit(200)
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, facts: factsOf(r) })));
}

/** Lessons of these the viewer may see (the lessons module's rule, so the agenda is no side door). */
export async function visibleLessonIds(db: Q, viewer: Viewer, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('lessons')
    .select('lessons.id')
    .where('lessons.workspace_id', '=', workspaceId)
    .where('lessons.id', 'in', [...new Set(ids)])
    .where(lessonVisibleTo(viewer))
    .execute();
  return new Set(rows.map((r) => r.id));
}

export function flaggedCheckIns(db: Q, workspaceId: string, from: string, to: string) {
  return db
    .selectFrom('check_ins')
    .innerJoin('users', 'users.id', 'check_ins.member_id')
    .select([
      'check_ins.id',
      'check_ins.member_id',
      'users.name as member_name',
      'check_ins.blockers',
      'check_ins.discuss',
      'check_ins.submitted_at',
    ])
    .where('check_ins.workspace_id', '=', workspaceId)
    .where('check_ins.submitted_at', '>=', from)
    .where('check_ins.submitted_at', '<=', to)
    .where((eb) => eb.or([eb('check_ins.blockers', '!=', ''), eb('check_ins.discuss', '=', 1)]))
    .limit(200)
    .execute();
}
