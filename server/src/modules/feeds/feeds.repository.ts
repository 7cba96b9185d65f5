import type { Viewer } from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { visibleTo } from '../tasks/visibility.ts';

type Q = Kysely<Database> | Transaction<Database>;

export function findFeed(db: Q, workspaceId: string, userId: string) {
  return db
    .selectFrom('calendar_feeds')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** One feed per member and workspace: a new token replaces the old one, which dies at once. */
export async function replaceFeed(
  db: Q,
  row: { id: string; workspaceId: string; userId: string; tokenHash: string; now: string },
): Promise<void> {
  await db
    .deleteFrom('calendar_feeds')
    .where('workspace_id', '=', row.workspaceId)
    .where('user_id', '=', row.userId)
    .execute();
  await db
    .insertInto('calendar_feeds')
    .values({
      id: row.id,
      workspace_id: row.workspaceId,
      user_id: row.userId,
      token_hash: row.tokenHash,
      created_at: row.now,
      last_used_at: null,
    })
    .execute();
}

export async function deleteFeed(db: Q, workspaceId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('calendar_feeds')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}

/**
 * The feed a token hash opens, with the owner's current membership: no membership (removed
 * from the workspace) finds nothing, so a removed member's feed is dead at once.
 */
export function findFeedByHash(db: Q, tokenHash: string) {
  return db
    .selectFrom('calendar_feeds')
    .innerJoin('memberships', (j) =>
      j
        .onRef('memberships.workspace_id', '=', 'calendar_feeds.workspace_id')
        .onRef('memberships.user_id', '=', 'calendar_feeds.user_id'),
    )
    .innerJoin('workspaces', 'workspaces.id', 'calendar_feeds.workspace_id')
    .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
    .select([
      'calendar_feeds.id',
      'calendar_feeds.workspace_id',
      'calendar_feeds.user_id',
      'calendar_feeds.last_used_at',
      'memberships.role',
      'workspaces.name as workspace_name',
      'users.time_zone as user_time_zone',
    ])
    .where('calendar_feeds.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Stamps `last_used_at` unless it was stamped after `staleBefore` (at most once an hour). */
export async function touchFeed(db: Q, feedId: string, now: string, staleBefore: string): Promise<void> {
  await db
    .updateTable('calendar_feeds')
    .set({ last_used_at: now })
    .where('id', '=', feedId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore)]))
    .execute();
}

/** The series a member organises or takes part in. */
export function seriesOfMember(db: Q, workspaceId: string, userId: string) {
  return db
    .selectFrom('meeting_series')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
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
    )
    .orderBy('starts_at')
    .limit(500)
    .execute();
}

/** Open tasks with a due date the viewer may see, newest due first, capped. */
export function dueTasksVisibleTo(db: Q, viewer: Viewer, workspaceId: string, limit: number) {
  return db
    .selectFrom('tasks')
    .select([
      'id',
      'title',
      'description',
      'due_at',
      'due_tz',
      'state',
      'area_id',
      'assignee_id',
      'creator_id',
    ])
    .where('workspace_id', '=', workspaceId)
    .where('due_at', 'is not', null)
    .where('state', 'not in', ['done', 'cancelled'])
    .where(visibleTo(viewer))
    .orderBy('due_at', 'desc')
    .limit(limit)
    .execute();
}
