import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuthUser } from '../../context.ts';
import type { Database, UsersTable } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;
export type UserRow = Selectable<UsersTable>;

export function toUser(row: UserRow): AuthUser {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    timeZone: row.time_zone,
    createdAt: row.created_at,
  };
}

export function findUserById(db: Q, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** E-mail addresses are stored trimmed and lower-cased; callers pass them normalised. */
export function findUserByEmail(db: Q, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function insertUser(db: Q, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(
  db: Q,
  id: string,
  patch: Partial<Pick<UserRow, 'name' | 'locale' | 'time_zone' | 'password_hash' | 'password_changed_at'>> & {
    updated_at: string;
  },
): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
