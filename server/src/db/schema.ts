import type { ColumnType, Generated } from 'kysely';

/**
 * Row types as both drivers return them. Decided once (see database.ts):
 * - ids: text UUIDs
 * - timestamps: ISO 8601 UTC strings (text on SQLite, timestamptz on PostgreSQL parsed back
 *   to the same ISO string)
 * - booleans: integer 0/1 on both, turned into booleans by the repositories
 * - JSON: text on both, parsed by the repositories
 */
type Timestamp = string;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  locale: 'en' | 'de';
  time_zone: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  password_changed_at: Timestamp;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: 'owner' | 'assistant';
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: string;
  workspace_id: string;
  token_hash: string;
  role: 'owner' | 'assistant';
  email: string | null;
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  revoked_at: Timestamp | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
}

// Kept for later tables that use generated keys or insert-only defaults.
export type { ColumnType, Generated };
