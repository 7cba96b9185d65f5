import { sql } from 'kysely';
import type { Harness } from '../test/harness.ts';

/**
 * Tables a refused request may legitimately write: sessions record when they were last used.
 * Migration bookkeeping never changes under a request.
 */
const UNWATCHED = new Set(['sessions', 'kysely_migration', 'kysely_migration_lock']);

/**
 * A cheap fingerprint of the whole database: row count and newest `updated_at` of every
 * table, read in one round trip, so it can be taken after every one of thousands of requests.
 */
export async function fingerprinter(h: Harness): Promise<() => Promise<string>> {
  const { db } = h.db;
  let tables: { name: string; updatedAt: boolean }[] = [];
  if (h.dialect === 'sqlite') {
    const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
    for (const { name } of rows.rows) {
      const cols = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db);
      tables.push({ name, updatedAt: cols.rows.some((c) => c.name === 'updated_at') });
    }
  } else {
    const rows = await sql<{ name: string; updated_at: boolean }>`
      select t.table_name as name,
             exists (select 1 from information_schema.columns c
                     where c.table_schema = t.table_schema and c.table_name = t.table_name
                       and c.column_name = 'updated_at') as updated_at
      from information_schema.tables t
      where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'`.execute(db);
    tables = rows.rows.map((r) => ({ name: r.name, updatedAt: r.updated_at }));
  }
  tables = tables.filter((t) => !UNWATCHED.has(t.name) && !t.name.startsWith('sqlite_'));
  // Table names come from the catalogue, never from input.
  const query = `select ${tables
    .map((t) =>
      t.updatedAt
        ? `(select count(*) || '/' || coalesce(cast(max(updated_at) as text), '') from "${t.name}") as "${t.name}"`
        : `(select cast(count(*) as text) from "${t.name}") as "${t.name}"`,
    )
    .join(', ')}`;
  return async () => {
    const { rows } = await sql.raw<Record<string, string>>(query).execute(db);
    return JSON.stringify(rows[0]);
  };
}
