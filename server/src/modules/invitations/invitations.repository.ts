import type { Role } from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface InvitationRow {
  id: string;
  workspace_id: string;
  role: Role;
  email: string | null;
  created_at: string;
  expires_at: string;
  invited_by: string;
}

export async function insertInvitation(
  db: Q,
  row: {
    id: string;
    workspace_id: string;
    token_hash: string;
    role: Role;
    email: string | null;
    created_by: string;
    created_at: string;
    expires_at: string;
  },
): Promise<void> {
  await db
    .insertInto('invitations')
    .values({ ...row, accepted_at: null, accepted_by: null, revoked_at: null })
    .execute();
}

function pending(db: Q, now: string) {
  return db
    .selectFrom('invitations')
    .innerJoin('users', 'users.id', 'invitations.created_by')
    .select([
      'invitations.id',
      'invitations.workspace_id',
      'invitations.role',
      'invitations.email',
      'invitations.created_at',
      'invitations.expires_at',
      'users.name as invited_by',
    ])
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', now);
}

export function listPendingInvitations(db: Q, workspaceId: string, now: string): Promise<InvitationRow[]> {
  return pending(db, now)
    .where('invitations.workspace_id', '=', workspaceId)
    .orderBy('invitations.created_at', 'desc')
    .orderBy('invitations.id')
    .execute();
}

export function findPendingInvitation(
  db: Q,
  workspaceId: string,
  id: string,
  now: string,
): Promise<InvitationRow | undefined> {
  return pending(db, now)
    .where('invitations.workspace_id', '=', workspaceId)
    .where('invitations.id', '=', id)
    .executeTakeFirst();
}

export function findPendingByToken(
  db: Q,
  tokenHash: string,
  now: string,
): Promise<(InvitationRow & { workspace_name: string }) | undefined> {
  return pending(db, now)
    .innerJoin('workspaces', 'workspaces.id', 'invitations.workspace_id')
    .select('workspaces.name as workspace_name')
    .where('invitations.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks the invitation used; exactly one of two racing accepts wins. */
export async function markAccepted(db: Q, id: string, userId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: now, accepted_by: userId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeInvitation(db: Q, workspaceId: string, id: string, now: string): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function revokeInvitationsBy(
  db: Q,
  workspaceId: string,
  userId: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('created_by', '=', userId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}
