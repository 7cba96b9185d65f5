import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Role } from '@leeway/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** The tables that carry a `workspace_id`, derived from the schema so none can be forgotten. */
export type WorkspaceTable = {
  [K in keyof Database]: 'workspace_id' extends keyof Database[K] ? K : never;
}[keyof Database];

/**
 * Columns left out of a workspace export, per table. A Record over every workspace table:
 * adding a table to the schema fails to compile until someone decides what of it may leave.
 * Token hashes are credentials in all but name; storage keys are the files' names on disk.
 */
export const OMITTED_COLUMNS: Record<WorkspaceTable, readonly string[]> = {
  memberships: [],
  invitations: ['token_hash'],
  calendar_feeds: ['token_hash'],
  attachments: ['storage_key'],
  areas: [],
  area_members: [],
  task_series: [],
  tasks: [],
  task_labels: [],
  checklist_items: [],
  task_events: [],
  task_followers: [],
  comments: [],
  task_templates: [],
  notifications: [],
  autonomy_settings: [],
  autonomy_grants: [],
  level_changes: [],
  proposals: [],
  review_records: [],
  // Derived from review_records (see the migration); exported as it is, it reveals nothing more.
  replay_checkpoints: [],
  support_episodes: [],
  sops: [],
  sop_versions: [],
  sop_acknowledgements: [],
  onboarding_templates: [],
  onboarding_plans: [],
  onboarding_items: [],
  lessons: [],
  lesson_factors: [],
  lesson_follow_ups: [],
  questions: [],
  check_ins: [],
  check_in_reminders: [],
  meeting_series: [],
  meeting_participants: [],
  meeting_occurrences: [],
  agenda_entries: [],
  meeting_pinned_items: [],
  action_items: [],
  goals: [],
  missions: [],
  task_nudges: [],
  insight_digests: [],
};

/** Whatever a column name says is a secret never leaves, even in a table added later. */
const SECRET_COLUMN = /password|token|hash|secret/i;

export const WORKSPACE_TABLES = Object.keys(OMITTED_COLUMNS) as WorkspaceTable[];

export function findWorkspace(db: Q, workspaceId: string) {
  return db
    .selectFrom('workspaces')
    .select(['id', 'name', 'created_at', 'updated_at'])
    .where('id', '=', workspaceId)
    .executeTakeFirst();
}

/** Members with the three facts an export names them by; nothing else of their account. */
export function listMembers(
  db: Q,
  workspaceId: string,
): Promise<{ id: string; name: string; email: string; role: Role; created_at: string }[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.name', 'users.email', 'memberships.role', 'memberships.created_at'])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
}

/** Row counts per table, to refuse an export too large to build in memory before reading it. */
export async function countRows(db: Q, workspaceId: string): Promise<number> {
  let total = 0;
  for (const table of WORKSPACE_TABLES) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(
      table,
    )} where workspace_id = ${workspaceId}`.execute(db);
    total += Number(rows[0]?.n ?? 0);
  }
  return total;
}

/** Every row of one workspace table, minus its secret columns. */
export async function rowsOf(
  db: Q,
  table: WorkspaceTable,
  workspaceId: string,
): Promise<Record<string, unknown>[]> {
  // The table name comes from the typed list above, never from input.
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(
    table,
  )} where workspace_id = ${workspaceId}`.execute(db);
  const omitted = new Set(OMITTED_COLUMNS[table]);
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).filter(([k]) => !omitted.has(k) && !SECRET_COLUMN.test(k))),
  );
}

/** Deletes the workspace; every workspace table's foreign key cascades from it (see migrations). */
export async function deleteWorkspaceRow(db: Q, workspaceId: string): Promise<void> {
  await db.deleteFrom('workspaces').where('id', '=', workspaceId).execute();
}

export async function memberIds(db: Q, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .execute();
  return rows.map((r) => r.user_id);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The folder holding a workspace's files (attachments.repository stores them there). */
export function attachmentDir(dataDir: string, workspaceId: string): string {
  if (!UUID.test(workspaceId)) throw new Error('invalid attachment location');
  return path.join(dataDir, 'attachments', workspaceId.toLowerCase());
}

/** Removes a workspace's files, orphans included; a folder that is gone already is fine. */
export async function removeAttachmentDir(dataDir: string, workspaceId: string): Promise<void> {
  await fsp.rm(attachmentDir(dataDir, workspaceId), { recursive: true, force: true });
}

// ---- one person's rows (the personal export) ---------------------------------------------

export function membershipsOf(db: Q, userId: string) {
  return db
    .selectFrom('memberships')
    .innerJoin('workspaces', 'workspaces.id', 'memberships.workspace_id')
    .select(['workspaces.id', 'workspaces.name', 'memberships.role', 'memberships.created_at'])
    .where('memberships.user_id', '=', userId)
    .orderBy('workspaces.name')
    .orderBy('workspaces.id')
    .execute();
}

export function preferencesOf(db: Q, userId: string) {
  return db
    .selectFrom('notification_preferences')
    .select(['kind', 'mode'])
    .where('user_id', '=', userId)
    .orderBy('kind')
    .execute();
}

/** Tasks the person created or is assigned: visible to them by core's canSeeTask either way. */
export function ownTasks(db: Q, workspaceId: string, userId: string) {
  return db
    .selectFrom('tasks')
    .select([
      'id',
      'title',
      'description',
      'state',
      'priority',
      'area_id',
      'assignee_id',
      'creator_id',
      'labels',
      'blocked',
      'blocked_reason',
      'due_at',
      'created_at',
      'updated_at',
      'completed_at',
    ])
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('creator_id', '=', userId), eb('assignee_id', '=', userId)]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function checklistOf(db: Q, workspaceId: string, taskIds: string[]) {
  if (taskIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('checklist_items')
    .select(['task_id', 'text', 'done', 'position'])
    .where('workspace_id', '=', workspaceId)
    .where('task_id', 'in', taskIds)
    .orderBy('task_id')
    .orderBy('position')
    .execute();
}

export function ownComments(db: Q, workspaceId: string, userId: string) {
  return db
    .selectFrom('comments')
    .select(['id', 'task_id', 'body', 'created_at', 'edited_at'])
    .where('workspace_id', '=', workspaceId)
    .where('author_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function ownCheckIns(db: Q, workspaceId: string, userId: string) {
  return db
    .selectFrom('check_ins')
    .select(['week', 'done', 'planned', 'blockers', 'autonomy', 'discuss', 'submitted_at', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', userId)
    .orderBy('week')
    .execute();
}

export function ownQuestions(db: Q, workspaceId: string, userId: string) {
  return db
    .selectFrom('questions')
    .select([
      'id',
      'task_id',
      'asker_id',
      'addressee_id',
      'body',
      'answer',
      'answered_by',
      'answered_at',
      'created_at',
    ])
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('asker_id', '=', userId), eb('answered_by', '=', userId)]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function ownLessons(db: Q, workspaceId: string, userId: string) {
  return db
    .selectFrom('lessons')
    .select([
      'id',
      'title',
      'what_happened',
      'impact',
      'severity',
      'went_well',
      'learned',
      'task_id',
      'area_id',
      'created_at',
      'updated_at',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('author_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function factorsOf(db: Q, workspaceId: string, lessonIds: string[]) {
  if (lessonIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('lesson_factors')
    .select(['lesson_id', 'kind', 'text'])
    .where('workspace_id', '=', workspaceId)
    .where('lesson_id', 'in', lessonIds)
    .orderBy('lesson_id')
    .orderBy('position')
    .execute();
}

export function ownAcknowledgements(db: Q, workspaceId: string, userId: string) {
  return db
    .selectFrom('sop_acknowledgements')
    .innerJoin('sops', 'sops.id', 'sop_acknowledgements.sop_id')
    .select([
      'sop_acknowledgements.sop_id',
      'sops.title',
      'sop_acknowledgements.version_number',
      'sop_acknowledgements.acknowledged_at',
    ])
    .where('sop_acknowledgements.workspace_id', '=', workspaceId)
    .where('sop_acknowledgements.member_id', '=', userId)
    .orderBy('sop_acknowledgements.acknowledged_at')
    .execute();
}

export function ownGrants(db: Q, workspaceId: string, userId: string) {
  return db
    .selectFrom('autonomy_grants')
    .select(['area_id', 'level', 'since', 'granted_by', 'reason'])
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', userId)
    .orderBy('area_id')
    .execute();
}

export function ownLevelChanges(db: Q, workspaceId: string, userId: string) {
  return db
    .selectFrom('level_changes')
    .select(['area_id', 'from_level', 'to_level', 'kind', 'evidence', 'decided_by', 'reason', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function ownProposals(db: Q, workspaceId: string, userId: string) {
  return db
    .selectFrom('proposals')
    .select([
      'area_id',
      'from_level',
      'to_level',
      'kind',
      'status',
      'evidence',
      'note',
      'decided_by',
      'decision_reason',
      'created_at',
      'decided_at',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function reviewsOfMember(db: Q, workspaceId: string, userId: string) {
  return db
    .selectFrom('review_records')
    .select([
      'task_id',
      'area_id',
      'reviewer_id',
      'phase',
      'outcome',
      'tags',
      'note',
      'submitted_at',
      'decided_at',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', userId)
    .orderBy('decided_at')
    .orderBy('id')
    .execute();
}

export function namesOf(db: Q, userIds: string[]): Promise<{ id: string; name: string }[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).orderBy('name').execute();
}

export function areaNames(
  db: Q,
  workspaceId: string,
  areaIds: string[],
): Promise<{ id: string; name: string }[]> {
  if (areaIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('areas')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', areaIds)
    .orderBy('name')
    .execute();
}
