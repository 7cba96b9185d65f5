import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { prepared, preparedInsert } from '../../db/prepared.ts';
import type {
  AutonomyGrantsTable,
  Database,
  LevelChangesTable,
  ProposalsTable,
  ReplayCheckpointsTable,
  ReviewRecordsTable,
  SupportEpisodesTable,
} from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type GrantRow = Selectable<AutonomyGrantsTable>;
export type LevelChangeRow = Selectable<LevelChangesTable>;
export type ProposalRow = Selectable<ProposalsTable>;
export type ReviewRecordRow = Selectable<ReviewRecordsTable>;
export type EpisodeRow = Selectable<SupportEpisodesTable>;

/** JSON text as stored; a damaged value reads as the fallback rather than failing the page. */
export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

// ---------------------------------------------------------------------------------------------
// Settings

const settingsQuery = prepared<{ workspaceId: string }, { settings: string }>((db, p) =>
  db.selectFrom('autonomy_settings').select('settings').where('workspace_id', '=', p('workspaceId')),
);

export async function findSettingsText(db: Q, workspaceId: string): Promise<string | undefined> {
  const [row] = await settingsQuery(db, { workspaceId });
  return row?.settings;
}

export async function saveSettingsText(db: Q, workspaceId: string, settings: string, at: string) {
  await db
    .insertInto('autonomy_settings')
    .values({ workspace_id: workspaceId, settings, updated_at: at })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ settings, updated_at: at }))
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Grants

/** Creates level-1 grants for these cells unless they exist; never changes an existing one. */
export async function ensureGrants(
  db: Q,
  workspaceId: string,
  cells: { memberId: string; areaId: string; id: string }[],
  at: string,
): Promise<void> {
  if (cells.length === 0) return;
  await db
    .insertInto('autonomy_grants')
    .values(
      cells.map((c) => ({
        id: c.id,
        workspace_id: workspaceId,
        member_id: c.memberId,
        area_id: c.areaId,
        level: 1,
        since: at,
        granted_by: null,
        reason: '',
        created_at: at,
        updated_at: at,
      })),
    )
    .onConflict((oc) => oc.columns(['area_id', 'member_id']).doNothing())
    .execute();
}

const grantQuery = prepared<{ workspaceId: string; memberId: string; areaId: string }, GrantRow>((db, p) =>
  db
    .selectFrom('autonomy_grants')
    .selectAll()
    .where('workspace_id', '=', p('workspaceId'))
    .where('member_id', '=', p('memberId'))
    .where('area_id', '=', p('areaId')),
);

/** A cell's grant: read by every submission and review, so compiled once (db/prepared.ts). */
export async function findGrant(
  db: Q,
  workspaceId: string,
  memberId: string,
  areaId: string,
): Promise<GrantRow | undefined> {
  const [row] = await grantQuery(db, { workspaceId, memberId, areaId });
  return row;
}

export function listGrants(db: Q, workspaceId: string, memberId?: string): Promise<GrantRow[]> {
  let q = db.selectFrom('autonomy_grants').selectAll().where('workspace_id', '=', workspaceId);
  if (memberId !== undefined) q = q.where('member_id', '=', memberId);
  return q.orderBy('area_id').orderBy('member_id').execute();
}

/** Sets a grant's level only if it still is `fromLevel`: of two deciders, one wins. */
export function updateGrantIfLevel(
  db: Q,
  grantId: string,
  fromLevel: number,
  patch: Pick<Updateable<AutonomyGrantsTable>, 'level' | 'since' | 'granted_by' | 'reason' | 'updated_at'>,
) {
  return db
    .updateTable('autonomy_grants')
    .set(patch)
    .where('id', '=', grantId)
    .where('level', '=', fromLevel)
    .returningAll()
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// Level changes

export async function insertLevelChange(db: Q, row: LevelChangeRow): Promise<void> {
  await db.insertInto('level_changes').values(row).execute();
}

export function listLevelChanges(db: Q, workspaceId: string, memberId: string, areaId: string) {
  return db
    .selectFrom('level_changes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .where('area_id', '=', areaId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Proposals

export async function insertProposal(db: Q, row: ProposalRow): Promise<void> {
  await db.insertInto('proposals').values(row).execute();
}

export function findProposal(db: Q, workspaceId: string, proposalId: string) {
  return db
    .selectFrom('proposals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', proposalId)
    .executeTakeFirst();
}

export function listProposals(
  db: Q,
  workspaceId: string,
  filter: { status?: string; memberId?: string; areaId?: string },
): Promise<ProposalRow[]> {
  let q = db.selectFrom('proposals').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status as ProposalRow['status']);
  if (filter.memberId !== undefined) q = q.where('member_id', '=', filter.memberId);
  if (filter.areaId !== undefined) q = q.where('area_id', '=', filter.areaId);
  return q.orderBy('created_at', 'desc').orderBy('id').execute();
}

export function findPendingProposal(db: Q, workspaceId: string, memberId: string, areaId: string) {
  return db
    .selectFrom('proposals')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .where('area_id', '=', areaId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** Decides a proposal only while it is pending: the check and the write are one statement. */
export function decideProposalIfPending(
  db: Q,
  workspaceId: string,
  proposalId: string,
  patch: Pick<Updateable<ProposalsTable>, 'status' | 'decided_by' | 'decision_reason' | 'decided_at'>,
) {
  return db
    .updateTable('proposals')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', proposalId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/** When the last demotion suggestion of the cell was made, if any (to not repeat it). */
export async function lastDemotionSuggestionAt(
  db: Q,
  workspaceId: string,
  memberId: string,
  areaId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('proposals')
    .select('created_at')
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .where('area_id', '=', areaId)
    .where('kind', '=', 'demotion_suggestion')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.created_at ?? null;
}

// ---------------------------------------------------------------------------------------------
// Review records

/** Every review decision writes one: compiled once (db/prepared.ts). */
const insertReviewRow = preparedInsert('review_records');

export async function insertReviewRecord(db: Q, row: ReviewRecordRow): Promise<void> {
  await insertReviewRow(db, row);
}

/**
 * What the sampling and evidence replay reads of an assistant's review history in an area,
 * oldest decision first: the columns of `review_records_replay_idx`, so only the index is read.
 */
export type CellReview = Pick<
  ReviewRecordRow,
  'id' | 'task_id' | 'submitted_at' | 'decided_at' | 'outcome' | 'tags'
>;

const cellReviewsQuery = prepared<{ workspaceId: string; memberId: string; areaId: string }, CellReview>(
  (db, p) =>
    db
      .selectFrom('review_records')
      .select(['id', 'task_id', 'submitted_at', 'decided_at', 'outcome', 'tags'])
      .where('workspace_id', '=', p('workspaceId'))
      .where('member_id', '=', p('memberId'))
      .where('area_id', '=', p('areaId'))
      .orderBy('decided_at')
      .orderBy('id'),
);

export function listCellReviews(
  db: Q,
  workspaceId: string,
  memberId: string,
  areaId: string,
): Promise<CellReview[]> {
  return cellReviewsQuery(db, { workspaceId, memberId, areaId });
}

const cellReviewsAfterQuery = prepared<
  { workspaceId: string; memberId: string; areaId: string; after: string },
  CellReview
>((db, p) =>
  db
    .selectFrom('review_records')
    .select(['id', 'task_id', 'submitted_at', 'decided_at', 'outcome', 'tags'])
    .where('workspace_id', '=', p('workspaceId'))
    .where('member_id', '=', p('memberId'))
    .where('area_id', '=', p('areaId'))
    .where('decided_at', '>', p('after'))
    .orderBy('decided_at')
    .orderBy('id'),
);

/** A cell's review records decided after `after` (an ISO instant), in decision order. */
export function listCellReviewsAfter(
  db: Q,
  workspaceId: string,
  memberId: string,
  areaId: string,
  after: string,
): Promise<CellReview[]> {
  return cellReviewsAfterQuery(db, { workspaceId, memberId, areaId, after });
}

/** Whether any of these tasks has a review record in the cell decided at or before `atOrBefore`. */
export async function reviewedAtOrBefore(
  db: Q,
  cell: { workspaceId: string; memberId: string; areaId: string },
  taskIds: readonly string[],
  atOrBefore: string,
): Promise<boolean> {
  if (taskIds.length === 0) return false;
  const row = await db
    .selectFrom('review_records')
    .select('id')
    .where('workspace_id', '=', cell.workspaceId)
    .where('task_id', 'in', [...taskIds])
    .where('member_id', '=', cell.memberId)
    .where('area_id', '=', cell.areaId)
    .where('decided_at', '<=', atOrBefore)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export type CheckpointRow = Selectable<ReplayCheckpointsTable>;

export function findCheckpoint(
  db: Q,
  workspaceId: string,
  memberId: string,
  areaId: string,
): Promise<CheckpointRow | undefined> {
  return db
    .selectFrom('replay_checkpoints')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .where('area_id', '=', areaId)
    .executeTakeFirst();
}

/** Stores a cell's checkpoint, replacing the one before (two writers: the later one stays). */
export async function saveCheckpoint(db: Q, row: CheckpointRow): Promise<void> {
  await db
    .insertInto('replay_checkpoints')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'member_id', 'area_id'])
        .doUpdateSet({ settings_key: row.settings_key, state: row.state, updated_at: row.updated_at }),
    )
    .execute();
}

export function listTaskReviews(db: Q, workspaceId: string, taskId: string) {
  return db
    .selectFrom('review_records')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('task_id', '=', taskId)
    .orderBy('decided_at')
    .orderBy('id')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Support episodes

export async function insertEpisode(db: Q, row: EpisodeRow): Promise<void> {
  await db.insertInto('support_episodes').values(row).execute();
}

export function findEpisode(db: Q, workspaceId: string, episodeId: string) {
  return db
    .selectFrom('support_episodes')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', episodeId)
    .executeTakeFirst();
}

/** A cell's episodes: read by every submission and review, so compiled once (db/prepared.ts). */
const cellEpisodesQuery = prepared<{ workspaceId: string; memberId: string; areaId: string }, EpisodeRow>(
  (db, p) =>
    db
      .selectFrom('support_episodes')
      .selectAll()
      .where('workspace_id', '=', p('workspaceId'))
      .where('member_id', '=', p('memberId'))
      .where('area_id', '=', p('areaId'))
      .orderBy('starts_at', 'desc')
      .orderBy('id'),
);

export function listEpisodes(
  db: Q,
  workspaceId: string,
  filter: { memberId?: string; areaId?: string },
): Promise<EpisodeRow[]> {
  const { memberId, areaId } = filter;
  if (memberId !== undefined && areaId !== undefined)
    return cellEpisodesQuery(db, { workspaceId, memberId, areaId });
  let q = db.selectFrom('support_episodes').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.memberId !== undefined) q = q.where('member_id', '=', filter.memberId);
  if (filter.areaId !== undefined) q = q.where('area_id', '=', filter.areaId);
  return q.orderBy('starts_at', 'desc').orderBy('id').execute();
}

/** Writes an episode's end or extensions only if nobody changed them meanwhile. */
export function updateEpisodeIf(
  db: Q,
  workspaceId: string,
  episodeId: string,
  expect: { plannedEndAt: string; endedAt: string | null },
  patch: Pick<Updateable<SupportEpisodesTable>, 'planned_end_at' | 'ended_at' | 'extensions'>,
) {
  let q = db
    .updateTable('support_episodes')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', episodeId)
    .where('planned_end_at', '=', expect.plannedEndAt);
  q = expect.endedAt === null ? q.where('ended_at', 'is', null) : q.where('ended_at', '=', expect.endedAt);
  return q.returningAll().executeTakeFirst();
}

/** Episodes past their planned end that nobody closed: the job stamps their end. */
export function overdueEpisodes(db: Q, now: string, limit: number) {
  return db
    .selectFrom('support_episodes')
    .selectAll()
    .where('ended_at', 'is', null)
    .where('planned_end_at', '<=', now)
    .orderBy('planned_end_at')
    .limit(limit)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Level history (the delegation board's heat map)

/**
 * Level changes made at or after `since`, oldest first; one member's when given. Older changes
 * are not needed: the history is replayed backwards from today's grants.
 */
export function levelChangesSince(db: Q, workspaceId: string, since: string, memberId?: string) {
  let q = db
    .selectFrom('level_changes')
    .select(['member_id', 'area_id', 'from_level', 'to_level', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', since);
  if (memberId !== undefined) q = q.where('member_id', '=', memberId);
  return q.orderBy('created_at').orderBy('id').execute();
}

/** Support episodes that ran at some moment of [start, end); one member's when given. */
export function episodesOverlapping(
  db: Q,
  workspaceId: string,
  range: { start: string; end: string },
  memberId?: string,
) {
  let q = db
    .selectFrom('support_episodes')
    .select(['member_id', 'area_id', 'cap_level', 'starts_at', 'planned_end_at', 'ended_at'])
    .where('workspace_id', '=', workspaceId)
    .where('starts_at', '<', range.end)
    .where('planned_end_at', '>', range.start)
    .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', range.start)]));
  if (memberId !== undefined) q = q.where('member_id', '=', memberId);
  return q.orderBy('starts_at').orderBy('id').execute();
}

/** Display names of members of the workspace, by user id. */
export async function memberNames(db: Q, workspaceId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id as id', 'users.name as name'])
    .where('memberships.workspace_id', '=', workspaceId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names of the workspace's areas that are not archived, by id. */
export async function openAreaNames(db: Q, workspaceId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('areas')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('archived_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Owners of the workspace, for notifications and review. */
const ownersQuery = prepared<{ workspaceId: string }, { user_id: string }>((db, p) =>
  db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', p('workspaceId'))
    .where('role', '=', 'owner'),
);

export async function ownerIds(db: Q, workspaceId: string): Promise<string[]> {
  return (await ownersQuery(db, { workspaceId })).map((r) => r.user_id);
}

/** A member's role in the workspace; null when they are not a member (any more). */
const roleQuery = prepared<{ workspaceId: string; userId: string }, { role: 'owner' | 'assistant' }>(
  (db, p) =>
    db
      .selectFrom('memberships')
      .select('role')
      .where('workspace_id', '=', p('workspaceId'))
      .where('user_id', '=', p('userId')),
);

export async function memberRole(
  db: Q,
  workspaceId: string,
  userId: string,
): Promise<'owner' | 'assistant' | null> {
  const [row] = await roleQuery(db, { workspaceId, userId });
  return row?.role ?? null;
}

const levelFiveQuery = prepared<{ workspaceId: string; areaId: string }, { member_id: string }>((db, p) =>
  db
    .selectFrom('autonomy_grants')
    .innerJoin('memberships', (j) =>
      j
        .onRef('memberships.user_id', '=', 'autonomy_grants.member_id')
        .onRef('memberships.workspace_id', '=', 'autonomy_grants.workspace_id'),
    )
    .select('autonomy_grants.member_id')
    .where('autonomy_grants.workspace_id', '=', p('workspaceId'))
    .where('autonomy_grants.area_id', '=', p('areaId'))
    .where('autonomy_grants.level', '=', 5)
    .where('memberships.role', '=', 'assistant'),
);

/** Assistants granted level 5 in an area (they may review others' work there; an episode may cap it). */
export function levelFiveAssistants(
  db: Q,
  workspaceId: string,
  areaId: string,
): Promise<{ member_id: string }[]> {
  return levelFiveQuery(db, { workspaceId, areaId });
}
