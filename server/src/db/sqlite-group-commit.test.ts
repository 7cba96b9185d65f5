import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommitSqliteDialect, type GroupCommitSqliteDriver } from './sqlite-group-commit.ts';

interface Db {
  items: { id: number; name: string };
  parents: { id: number };
  children: { id: number; parent_id: number };
}

let dir: string;
let file: string;
let db: Kysely<Db>;
let driver: GroupCommitSqliteDriver;

/** A second, independent connection: it sees only what is committed. */
function committedNames(): string[] {
  const other = new SqliteDatabase(file, { readonly: true });
  try {
    return (other.prepare('select name from items order by id').all() as { name: string }[]).map(
      (r) => r.name,
    );
  } finally {
    other.close();
  }
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeway-group-commit-'));
  file = path.join(dir, 'db.sqlite');
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.exec(`
    create table items (id integer primary key, name text not null unique);
    create table parents (id integer primary key);
    create table children (id integer primary key,
      parent_id integer not null references parents (id) deferrable initially deferred);
  `);
  db = new Kysely<Db>({
    dialect: new GroupCommitSqliteDialect(sqlite, (d) => {
      driver = d;
    }),
  });
});

afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SQLite group commit', () => {
  it('commits transactions that run together in one COMMIT, and each resolves only once it is committed', async () => {
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db
          .transaction()
          .execute(async (trx) => {
            await trx
              .insertInto('items')
              .values({ id: i, name: `n${i}` })
              .execute();
          })
          .then(() => {
            // Resolved: another connection must already see the row.
            expect(committedNames()).toContain(`n${i}`);
            seen.push(i);
          }),
      ),
    );
    expect(seen).toHaveLength(20);
    expect(driver.stats.commits).toBeLessThan(20);
    expect(driver.stats.grouped).toBe(20);
  });

  it('rolls back only the transaction that failed; the rest of its group commits', async () => {
    await db.insertInto('items').values({ id: 1, name: 'taken' }).execute();
    const results = await Promise.allSettled([
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 2, name: 'first' }).execute();
      }),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 3, name: 'half done' }).execute();
        await trx.insertInto('items').values({ id: 4, name: 'taken' }).execute(); // unique violation
      }),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 5, name: 'last' }).execute();
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committedNames()).toEqual(['taken', 'first', 'last']);
  });

  it('makes a write outside a transaction durable before it resolves', async () => {
    await db.insertInto('items').values({ id: 1, name: 'alone' }).execute();
    expect(committedNames()).toEqual(['alone']);
  });

  it('lets a read that saw uncommitted writes of its group resolve only after their commit', async () => {
    const write = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 1, name: 'pending' }).execute();
    });
    const read = db
      .selectFrom('items')
      .select('name')
      .execute()
      .then((rows) => {
        expect(rows.map((r) => r.name)).toEqual(['pending']);
        expect(committedNames()).toEqual(['pending']);
      });
    await Promise.all([write, read]);
  });

  it('answers every caller of a group whose COMMIT fails with the error, keeps none of it, and goes on', async () => {
    // A deferred foreign key is checked at COMMIT: one bad transaction fails the group's commit.
    const results = await Promise.allSettled([
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 1, name: 'good' }).execute();
      }),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('children').values({ id: 1, parent_id: 99 }).execute();
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(committedNames()).toEqual([]);
    // The next group starts clean.
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 2, name: 'after' }).execute();
    });
    expect(committedNames()).toEqual(['after']);
  });

  it('commits at once when a group reaches its size limit, without waiting for the event loop', async () => {
    const many = Array.from({ length: 150 }, (_, i) =>
      db
        .insertInto('items')
        .values({ id: i, name: `m${i}` })
        .execute(),
    );
    await Promise.all(many);
    expect(committedNames()).toHaveLength(150);
    expect(driver.stats.commits).toBeGreaterThanOrEqual(3); // 64 per group at most
  });

  it('runs reads alone without opening a transaction', async () => {
    await sql`select 1`.execute(db);
    await db.selectFrom('items').selectAll().execute();
    expect(driver.stats.commits).toBe(0);
  });

  it('commits what is pending when the database is closed', async () => {
    let inserted!: () => void;
    const wrote = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const pending = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 1, name: 'at close' }).execute();
      inserted();
    });
    await wrote; // written, not yet committed: the group commits on the next turn of the loop
    await db.destroy();
    await pending;
    expect(committedNames()).toEqual(['at close']);
  });
});
