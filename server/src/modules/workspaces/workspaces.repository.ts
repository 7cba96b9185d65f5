import type { Role } from '@leeway/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface WorkspaceWithRole {
  id: string;
  name: string;
  role: Role;
  created_at: string;
}

export async function insertWorkspace(
  db: Q,
  row: { id: string; name: string; created_at: string; updated_at: string },
): Promise<void> {
  await db.insertInto('workspaces').values(row).execute();
}

export function findWorkspaceForMember(
  db: Q,
  workspaceId: string,
  userId: string,
): Promise<WorkspaceWithRole | undefined> {
  return db
    .selectFrom('workspaces')
    .innerJoin('memberships', 'memberships.workspace_id', 'workspaces.id')
    .select(['workspaces.id', 'workspaces.name', 'memberships.role', 'workspaces.created_at'])
    .where('workspaces.id', '=', workspaceId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
}

export function listWorkspacesOfUser(db: Q, userId: string): Promise<WorkspaceWithRole[]> {
  return db
    .selectFrom('workspaces')
    .innerJoin('memberships', 'memberships.workspace_id', 'workspaces.id')
    .select(['workspaces.id', 'workspaces.name', 'memberships.role', 'workspaces.created_at'])
    .where('memberships.user_id', '=', userId)
    .orderBy('workspaces.name')
    .orderBy('workspaces.id')
    .execute();
}

export async function renameWorkspace(db: Q, workspaceId: string, name: string, now: string): Promise<void> {
  await db.updateTable('workspaces').set({ name, updated_at: now }).where('id', '=', workspaceId).execute();
}

export function findMembership(
  db: Q,
  workspaceId: string,
  userId: string,
): Promise<{ role: Role; created_at: string } | undefined> {
  return db
    .selectFrom('memberships')
    .select(['role', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function insertMembership(
  db: Q,
  row: { workspace_id: string; user_id: string; role: Role; created_at: string },
): Promise<void> {
  await db.insertInto('memberships').values(row).execute();
}

export interface MemberRow {
  user_id: string;
  name: string;
  email: string;
  role: Role;
  created_at: string;
}

export function listMembers(db: Q, workspaceId: string): Promise<MemberRow[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'memberships.user_id',
      'users.name',
      'users.email',
      'memberships.role',
      'memberships.created_at',
    ])
    .where('memberships.workspace_id', '=', workspaceId)
    .orderBy('users.name')
    .orderBy('memberships.user_id')
    .execute();
}

export function findMember(db: Q, workspaceId: string, userId: string): Promise<MemberRow | undefined> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select([
      'memberships.user_id',
      'users.name',
      'users.email',
      'memberships.role',
      'memberships.created_at',
    ])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
}

export async function countOwners(db: Q, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateMemberRole(
  db: Q,
  workspaceId: string,
  userId: string,
  role: Role,
): Promise<void> {
  await db
    .updateTable('memberships')
    .set({ role })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}

/** Ends a membership, and with it the member's calendar feed of that workspace. */
export async function deleteMembership(db: Q, workspaceId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('memberships')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
  await db
    .deleteFrom('calendar_feeds')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .execute();
}

/**
 * Serialises membership changes of one workspace: without it two owners demoting each other
 * at the same moment on PostgreSQL could both see "another owner is left" and leave none.
 * SQLite needs nothing, as Kysely runs its transactions one at a time on one connection.
 */
export async function lockWorkspace(
  trx: Transaction<Database>,
  dialect: Dialect,
  workspaceId: string,
): Promise<void> {
  if (dialect === 'postgres') {
    await sql`select id from workspaces where id = ${workspaceId} for update`.execute(trx);
  }
}
