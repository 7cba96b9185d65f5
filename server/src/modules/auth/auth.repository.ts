import type { Kysely, Transaction } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { Database, MembershipsTable } from '../../db/schema.ts';
import type { UserRow } from '../users/users.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

export async function insertSession(
  db: Q,
  row: { id: string; user_id: string; csrf_token: string; created_at: string; expires_at: string },
): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/**
 * The live session with its user, and — when the request addresses a workspace — the user's
 * role there in the same statement (null when not a member), so a workspace request costs one
 * lookup for "who is calling and may they be here", not two.
 */
export const liveSessionQuery = prepared<
  { idHash: string; now: string; workspaceId: string },
  LiveSessionRow
>((db, p) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('memberships', (join) =>
      join
        .onRef('memberships.user_id', '=', 'users.id')
        // Without a workspace the join matches nothing ('' is no workspace id).
        .on('memberships.workspace_id', '=', p('workspaceId')),
    )
    .selectAll('users')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_token as session_csrf',
      'memberships.role as membership_role',
    ])
    .where('sessions.id', '=', p('idHash'))
    .where('sessions.expires_at', '>', p('now')),
);

type LiveSessionRow = UserRow & {
  session_id: string;
  session_csrf: string;
  membership_role: MembershipsTable['role'] | null;
};

export async function findLiveSession(
  db: Q,
  idHash: string,
  now: string,
  workspaceId?: string,
): Promise<
  | { sessionId: string; csrfToken: string; user: UserRow; membershipRole: MembershipsTable['role'] | null }
  | undefined
> {
  // Every signed-in request runs this: compiled once (db/prepared.ts).
  const [row] = await liveSessionQuery(db, { idHash, now, workspaceId: workspaceId ?? '' });
  if (!row) return undefined;
  const { session_id, session_csrf, membership_role, ...user } = row;
  return { sessionId: session_id, csrfToken: session_csrf, user, membershipRole: membership_role ?? null };
}

export async function deleteSession(db: Q, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Q, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Q, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function insertPasswordReset(
  db: Q,
  row: { id: string; user_id: string; token_hash: string; created_at: string; expires_at: string },
): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({ ...row, used_at: null })
    .execute();
}

/**
 * Uses a reset token: succeeds for exactly one caller even when two race, because the
 * update only matches an unused, unexpired row. Returns the user id, or undefined.
 */
export async function consumePasswordReset(
  db: Q,
  tokenHash: string,
  now: string,
): Promise<string | undefined> {
  const row = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

/** A password change retires every reset link still out there. */
export async function retireResetsOfUser(db: Q, userId: string, now: string): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
