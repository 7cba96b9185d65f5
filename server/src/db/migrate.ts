import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from 'kysely';
import * as m0001 from './migrations/2026-11-26-0001-initial.ts';
import * as m0002 from './migrations/2026-11-26-0002-areas-tasks.ts';
import * as m0003 from './migrations/2026-11-26-0003-autonomy.ts';
import * as m0004 from './migrations/2026-11-26-0004-knowledge.ts';
import * as m0005 from './migrations/2026-11-26-0005-rhythm.ts';
import * as m0006 from './migrations/2026-11-26-0006-goals.ts';
import * as m0007 from './migrations/2026-11-26-0007-nudges-digests.ts';
import * as m0008 from './migrations/2026-11-26-0008-indexes.ts';
import * as m0009 from './migrations/2026-11-26-0009-review-cell-index.ts';
import * as m0010 from './migrations/2026-11-27-0010-replay-checkpoints.ts';
import type { Database } from './schema.ts';

/**
 * Migrations are listed here rather than read from the folder, because the server is
 * bundled into one file for `npm start`. Names sort by date; never rename or edit one
 * that has shipped — add a new file.
 */
const migrations: Record<string, Migration> = {
  '2026-11-26-0001-initial': m0001,
  '2026-11-26-0002-areas-tasks': m0002,
  '2026-11-26-0003-autonomy': m0003,
  '2026-11-26-0004-knowledge': m0004,
  '2026-11-26-0005-rhythm': m0005,
  '2026-11-26-0006-goals': m0006,
  '2026-11-26-0007-nudges-digests': m0007,
  '2026-11-26-0008-indexes': m0008,
  '2026-11-26-0009-review-cell-index': m0009,
  '2026-11-27-0010-replay-checkpoints': m0010,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export interface MigrationReport {
  applied: string[];
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationReport> {
  // Kysely looks for its bookkeeping tables in every schema it can see; on a PostgreSQL
  // server with several schemas (each test suite has its own) it would find another
  // schema's and skip creating its own. Naming the current schema keeps it to this one.
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
