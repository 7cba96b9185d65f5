// The query plans of the hot queries, as the database chooses them for the server's own SQL:
// the repository functions run against a Kysely that records every query, then each recorded
// query is explained with its parameters (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL).
import SqliteDatabase from 'better-sqlite3';
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../server/src/db/schema.ts';

export type Target = { sqliteFile: string } | { databaseUrl: string };

/** Runs `work` against the database, then answers each query it ran with its plan. */
export async function plansOf(
  target: Target,
  work: (db: Kysely<Database>) => Promise<unknown>,
): Promise<{ sql: string; plan: string[] }[]> {
  const seen: CompiledQuery[] = [];
  const log = (event: { level: string; query: CompiledQuery }) => {
    if (event.level === 'query') seen.push(event.query);
  };
  if ('sqliteFile' in target) {
    const raw = new SqliteDatabase(target.sqliteFile);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }), log });
    try {
      await work(db);
      return seen.map((q) => ({
        sql: q.sql,
        plan: (
          raw.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as {
            detail: string;
          }[]
        ).map((r) => r.detail),
      }));
    } finally {
      await db.destroy();
    }
  }
  const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 1 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
  try {
    await work(db);
    const out: { sql: string; plan: string[] }[] = [];
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    for (const q of seen) {
      const rows = (await client.query(`explain ${q.sql}`, q.parameters as unknown[])).rows as {
        'QUERY PLAN': string;
      }[];
      out.push({ sql: q.sql, plan: rows.map((r) => r['QUERY PLAN']) });
    }
    await client.end();
    return out;
  } finally {
    await db.destroy();
  }
}

export function printPlans(title: string, plans: { sql: string; plan: string[] }[]): void {
  console.log(`\n  Query plans: ${title}`);
  for (const p of plans) {
    console.log(`  ${p.sql.replace(/\s+/g, ' ').slice(0, 400)}`);
    for (const line of p.plan) console.log(`      ${line}`);
  }
}
