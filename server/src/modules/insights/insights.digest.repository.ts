import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * Queries of the weekly insights digest (issue 7): who gets one, what waits for them, and the
 * stored digests. Every query filters by `workspace_id` first; the lists are capped, the
 * totals are counted in SQL.
 */

/** Workspaces with at least one assistant: only there does a principal have something to read. */
export async function workspacesWithAssistants(db: Q): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('workspace_id')
    .distinct()
    .where('role', '=', 'assistant')
    .orderBy('workspace_id')
    .execute();
  return rows.map((r) => r.workspace_id);
}

export interface DigestOwner {
  id: string;
  name: string;
  locale: 'en' | 'de';
  time_zone: string;
}

/** The principals (owners) of a workspace, with what their digest's week and language need. */
export function ownersOf(db: Q, workspaceId: string): Promise<DigestOwner[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'users.id as id',
      'users.name as name',
      'users.locale as locale',
      'users.time_zone as time_zone',
    ])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.role', '=', 'owner')
    .orderBy('users.id')
    .execute();
}

/** Which of these people already have a digest for one of these weeks (`user|week`). */
export async function claimedWeeks(
  db: Q,
  workspaceId: string,
  userIds: string[],
  weeks: string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('insight_digests')
    .select(['user_id', 'week'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', userIds)
    .where('week', 'in', weeks)
    .execute();
  return new Set(rows.map((r) => `${r.user_id}|${r.week}`));
}

/** The claim: the unique (workspace, user, week) makes a second insert fail on both databases. */
export async function insertDigest(
  trx: Q,
  row: {
    id: string;
    workspace_id: string;
    user_id: string;
    week: string;
    summary: string;
    created_at: string;
  },
): Promise<void> {
  await trx.insertInto('insight_digests').values(row).execute();
}

/** Pending level proposals of the workspace (owners decide them): the total and the oldest few. */
export async function pendingProposals(db: Q, workspaceId: string, limit: number) {
  const [total, items] = await Promise.all([
    db
      .selectFrom('proposals')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('status', '=', 'pending')
      .executeTakeFirst(),
    db
      .selectFrom('proposals')
      .innerJoin('users', 'users.id', 'proposals.member_id')
      .innerJoin('areas', 'areas.id', 'proposals.area_id')
      .select([
        'proposals.id as id',
        'proposals.member_id as member_id',
        'users.name as member_name',
        'proposals.area_id as area_id',
        'areas.name as area_name',
        'proposals.from_level as from_level',
        'proposals.to_level as to_level',
        'proposals.created_at as created_at',
      ])
      .where('proposals.workspace_id', '=', workspaceId)
      .where('proposals.status', '=', 'pending')
      .where('areas.workspace_id', '=', workspaceId)
      .orderBy('proposals.created_at')
      .orderBy('proposals.id')
      .limit(limit)
      .execute(),
  ]);
  return { count: Number(total?.n ?? 0), items };
}

/** Support episodes still running whose planned end lies in [from, until), soonest first. */
export function episodesEnding(db: Q, workspaceId: string, from: string, until: string) {
  return db
    .selectFrom('support_episodes')
    .innerJoin('users', 'users.id', 'support_episodes.member_id')
    .innerJoin('areas', 'areas.id', 'support_episodes.area_id')
    .select([
      'support_episodes.id as id',
      'support_episodes.member_id as member_id',
      'users.name as member_name',
      'support_episodes.area_id as area_id',
      'areas.name as area_name',
      'support_episodes.planned_end_at as planned_end_at',
    ])
    .where('support_episodes.workspace_id', '=', workspaceId)
    .where('support_episodes.ended_at', 'is', null)
    .where('support_episodes.planned_end_at', '>=', from)
    .where('support_episodes.planned_end_at', '<', until)
    .where('areas.workspace_id', '=', workspaceId)
    .orderBy('support_episodes.planned_end_at')
    .orderBy('support_episodes.id')
    .execute();
}

/**
 * Open questions asked before `before` that wait on this principal: addressed to them, or to
 * nobody (those go to the owners), and not asked by them. The total and the longest waiting few.
 */
export async function questionsWaitingFor(
  db: Q,
  workspaceId: string,
  userId: string,
  before: string,
  limit: number,
) {
  const base = db
    .selectFrom('questions')
    .where('workspace_id', '=', workspaceId)
    .where('answered_at', 'is', null)
    .where('created_at', '<', before)
    .where((eb) => eb.or([eb('addressee_id', '=', userId), eb('addressee_id', 'is', null)]))
    .where((eb) => eb.or([eb('asker_id', 'is', null), eb('asker_id', '!=', userId)]));
  const [total, items] = await Promise.all([
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
    base.select(['id', 'body', 'created_at']).orderBy('created_at').orderBy('id').limit(limit).execute(),
  ]);
  return { count: Number(total?.n ?? 0), items };
}

/** One digest of one person in one workspace (anyone else's is not found). */
export function findDigest(db: Q, workspaceId: string, userId: string, digestId: string) {
  return db
    .selectFrom('insight_digests')
    .select(['id', 'week', 'summary', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('id', '=', digestId)
    .executeTakeFirst();
}

/** A person's newest digests in a workspace. */
export function latestDigests(db: Q, workspaceId: string, userId: string, limit: number) {
  return db
    .selectFrom('insight_digests')
    .select(['id', 'week', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('week', 'desc')
    .limit(limit)
    .execute();
}
