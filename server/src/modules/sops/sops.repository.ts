import type { SopStepView } from '@leeway/core';
import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database, SopsTable, SopVersionsTable } from '../../db/schema.ts';
import { parseJson } from '../autonomy/autonomy.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type SopRow = Selectable<SopsTable>;
export type SopVersionRow = Selectable<SopVersionsTable>;
export type SopPatch = Omit<Updateable<SopsTable>, 'id' | 'workspace_id' | 'version' | 'created_by'>;
export type SopVersionPatch = Omit<
  Updateable<SopVersionsTable>,
  'id' | 'workspace_id' | 'sop_id' | 'version' | 'created_at'
>;

/** Steps as stored: Markdown, its sanitised HTML (rendered on write) and the checkpoint flag. */
export function parseSteps(text: string): SopStepView[] {
  const value = parseJson<unknown>(text, []);
  if (!Array.isArray(value)) return [];
  return value.flatMap((s) => {
    if (!s || typeof s !== 'object') return [];
    const step = s as Record<string, unknown>;
    return [
      {
        text: typeof step.text === 'string' ? step.text : '',
        html: typeof step.html === 'string' ? step.html : '',
        checkpoint: step.checkpoint === true,
      },
    ];
  });
}

// ---- SOPs ---------------------------------------------------------------------------------

export function findSop(db: Q, workspaceId: string, sopId: string): Promise<SopRow | undefined> {
  return db
    .selectFrom('sops')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', sopId)
    .executeTakeFirst();
}

/** The library rows of these areas (null: every area), by the filters SQL can apply. */
export function listSopRows(
  db: Q,
  workspaceId: string,
  filter: { areaIds: string[] | null; status?: SopRow['status'] },
): Promise<SopRow[]> {
  let query = db.selectFrom('sops').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.areaIds !== null) query = query.where('area_id', 'in', filter.areaIds);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  return query.orderBy('title').orderBy('id').execute();
}

export async function insertSop(db: Q, row: SopRow): Promise<void> {
  await db.insertInto('sops').values(row).execute();
}

/** Changes an SOP only if it still has the version the caller read; undefined when stale. */
export function updateSopIfVersion(
  db: Q,
  workspaceId: string,
  sopId: string,
  version: number,
  patch: SopPatch,
): Promise<SopRow | undefined> {
  return db
    .updateTable('sops')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', sopId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteSop(db: Q, workspaceId: string, sopId: string): Promise<void> {
  await db
    .deleteFrom('sop_acknowledgements')
    .where('workspace_id', '=', workspaceId)
    .where('sop_id', '=', sopId)
    .execute();
  await db
    .deleteFrom('sop_versions')
    .where('workspace_id', '=', workspaceId)
    .where('sop_id', '=', sopId)
    .execute();
  await db.deleteFrom('sops').where('workspace_id', '=', workspaceId).where('id', '=', sopId).execute();
}

// ---- versions -----------------------------------------------------------------------------

export function findDraft(db: Q, workspaceId: string, sopId: string): Promise<SopVersionRow | undefined> {
  return db
    .selectFrom('sop_versions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('sop_id', '=', sopId)
    .where('status', '=', 'draft')
    .executeTakeFirst();
}

export function findVersionByNumber(
  db: Q,
  workspaceId: string,
  sopId: string,
  number: number,
): Promise<SopVersionRow | undefined> {
  return db
    .selectFrom('sop_versions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('sop_id', '=', sopId)
    .where('status', '=', 'published')
    .where('number', '=', number)
    .executeTakeFirst();
}

/** Published versions, oldest first. */
export function listPublishedVersions(db: Q, workspaceId: string, sopId: string): Promise<SopVersionRow[]> {
  return db
    .selectFrom('sop_versions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('sop_id', '=', sopId)
    .where('status', '=', 'published')
    .orderBy('number')
    .execute();
}

export async function insertVersion(db: Q, row: SopVersionRow): Promise<void> {
  await db.insertInto('sop_versions').values(row).execute();
}

/** Changes a draft only if it is still a draft with the version the caller read. */
export function updateDraftIfVersion(
  db: Q,
  workspaceId: string,
  versionId: string,
  version: number,
  patch: SopVersionPatch,
): Promise<SopVersionRow | undefined> {
  return db
    .updateTable('sop_versions')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteDraftIfVersion(
  db: Q,
  workspaceId: string,
  versionId: string,
  version: number,
): Promise<boolean> {
  const result = await db
    .deleteFrom('sop_versions')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** For the list: which of these SOPs have an open draft. */
export async function sopIdsWithDraft(db: Q, workspaceId: string, sopIds: string[]): Promise<Set<string>> {
  if (sopIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('sop_versions')
    .select('sop_id')
    .where('workspace_id', '=', workspaceId)
    .where('sop_id', 'in', sopIds)
    .where('status', '=', 'draft')
    .execute();
  return new Set(rows.map((r) => r.sop_id));
}

/** For the list: the version numbers that asked for re-acknowledgement, per SOP. */
export async function reackVersions(
  db: Q,
  workspaceId: string,
  sopIds: string[],
): Promise<{ sop_id: string; number: number | null }[]> {
  if (sopIds.length === 0) return [];
  return db
    .selectFrom('sop_versions')
    .select(['sop_id', 'number'])
    .where('workspace_id', '=', workspaceId)
    .where('sop_id', 'in', sopIds)
    .where('status', '=', 'published')
    .where('requires_reack', '=', 1)
    .execute();
}

// ---- acknowledgements ---------------------------------------------------------------------

export function listAcknowledgements(db: Q, workspaceId: string, sopIds: string[], memberId?: string) {
  if (sopIds.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('sop_acknowledgements')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('sop_id', 'in', sopIds);
  if (memberId !== undefined) query = query.where('member_id', '=', memberId);
  return query.orderBy('version_number').execute();
}

/** Idempotent: acknowledging the same version twice keeps the first time. */
export async function insertAcknowledgement(
  db: Q,
  row: {
    workspace_id: string;
    sop_id: string;
    member_id: string;
    version_number: number;
    acknowledged_at: string;
  },
): Promise<void> {
  await db
    .insertInto('sop_acknowledgements')
    .values(row)
    .onConflict((oc) => oc.columns(['sop_id', 'member_id', 'version_number']).doNothing())
    .execute();
}

// ---- the area's people --------------------------------------------------------------------

/** Owner, backup and contributors of an area who are still members, with their names. */
export async function areaPeople(
  db: Q,
  workspaceId: string,
  areaId: string,
): Promise<{ id: string; name: string }[]> {
  const area = await db
    .selectFrom('areas')
    .select(['owner_id', 'backup_id'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', areaId)
    .executeTakeFirst();
  if (!area) return [];
  const contributors = await db
    .selectFrom('area_members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('area_id', '=', areaId)
    .execute();
  const ids = [
    ...new Set([
      area.owner_id,
      ...(area.backup_id ? [area.backup_id] : []),
      ...contributors.map((c) => c.user_id),
    ]),
  ];
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name'])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.user_id', 'in', ids)
    .execute();
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return ids.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id) ?? '' }] : []));
}

// ---- lesson follow-ups (owned by the lessons module; read and closed here) ------------------

export function openFollowUps(db: Q, workspaceId: string, sopId: string) {
  return db
    .selectFrom('lesson_follow_ups')
    .innerJoin('lessons', 'lessons.id', 'lesson_follow_ups.lesson_id')
    .select([
      'lesson_follow_ups.id',
      'lesson_follow_ups.lesson_id',
      'lessons.title as lesson_title',
      'lesson_follow_ups.title',
      'lesson_follow_ups.due_at',
    ])
    .where('lesson_follow_ups.workspace_id', '=', workspaceId)
    .where('lesson_follow_ups.sop_id', '=', sopId)
    .where('lesson_follow_ups.kind', '=', 'sop_change')
    .where('lesson_follow_ups.status', '=', 'open')
    .orderBy('lesson_follow_ups.due_at')
    .orderBy('lesson_follow_ups.id')
    .execute();
}

/**
 * Closes the follow-ups a published draft answered: the one it was opened for and any other
 * open `sop_change` follow-up pointing at the same draft. Returns how many it closed.
 */
export async function closeFollowUpsFor(
  db: Q,
  workspaceId: string,
  draft: { id: string; follow_up_id: string | null },
  doneBy: string,
  at: string,
): Promise<number> {
  const result = await db
    .updateTable('lesson_follow_ups')
    .set({ status: 'done', done_at: at, done_by: doneBy })
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'open')
    .where((eb) => {
      const conditions = [eb.and([eb('kind', '=', 'sop_change'), eb('sop_version_id', '=', draft.id)])];
      if (draft.follow_up_id !== null) conditions.push(eb('id', '=', draft.follow_up_id));
      return eb.or(conditions);
    })
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---- review reminders -----------------------------------------------------------------------

/**
 * Published SOPs of one workspace not yet reminded of since their last publication, after
 * `afterId` (keyset), by id. Whether the interval has passed is core's `reviewDue`.
 */
export function reminderCandidates(db: Q, workspaceId: string, afterId: string, limit: number) {
  return db
    .selectFrom('sops')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'published')
    .where('id', '>', afterId)
    .where((eb) =>
      eb.or([
        eb('review_reminded_at', 'is', null),
        eb('review_reminded_at', '<', eb.ref('last_published_at')),
      ]),
    )
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Claims one reminder: only the node that still reads the old value wins. */
export async function claimReminder(
  db: Q,
  workspaceId: string,
  sopId: string,
  readValue: string | null,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('sops')
    .set({ review_reminded_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', sopId)
    .where('status', '=', 'published')
    .where('review_reminded_at', readValue === null ? 'is' : '=', readValue)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
