import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, dialects, type Harness } from '../test/harness.ts';
import type { Database } from './schema.ts';
import { ahead, onOneConnection, together, transaction, writeBehind } from './write-behind.ts';

const insert = (q: Kysely<Database>, id: string, note = '') =>
  sql`insert into wb_items (id, note) values (${id}, ${note})`.execute(q);
const ids = async (q: Kysely<Database>) =>
  (await sql<{ id: string }>`select id from wb_items order by id`.execute(q)).rows.map((r) => r.id);

for (const dialect of dialects()) {
  describe(`writes behind and reads together [${dialect}]`, () => {
    let h: Harness & { close(): Promise<void> };
    beforeAll(async () => {
      h = await createHarness(dialect);
      await sql`create table wb_items (id text primary key, note text not null)`.execute(h.db.db);
    });
    afterAll(async () => {
      await h.close();
    });
    const reset = () => sql`delete from wb_items`.execute(h.db.db);

    it('commits the writes behind, and statements after them see them', async () => {
      await reset();
      const seen = await transaction(h.db.db, async (trx) => {
        await writeBehind(trx, (q) => insert(q, 'a'));
        await writeBehind(trx, (q) => insert(q, 'b'));
        return ids(trx);
      });
      expect(seen).toEqual(['a', 'b']);
      expect(await ids(h.db.db)).toEqual(['a', 'b']);
    });

    it('a write behind that the database refuses rolls everything back and is the error reported', async () => {
      await reset();
      await insert(h.db.db, 'taken');
      const error = await transaction(h.db.db, async (trx) => {
        await insert(trx, 'first');
        await writeBehind(trx, (q) => insert(q, 'taken'));
        await writeBehind(trx, (q) => insert(q, 'after'));
        // On PostgreSQL this read fails too ("transaction is aborted"): an echo, not the cause.
        return ids(trx);
      }).catch((e: unknown) => e);
      expect(String((error as Error).message)).toMatch(/unique|UNIQUE|duplicate/);
      expect(await ids(h.db.db)).toEqual(['taken']);
    });

    it('a refused write behind with nothing after it still stops the commit', async () => {
      await reset();
      await insert(h.db.db, 'taken');
      const error = await transaction(h.db.db, async (trx) => {
        await insert(trx, 'first');
        await writeBehind(trx, (q) => insert(q, 'taken'));
      }).catch((e: unknown) => e);
      expect(String((error as Error).message)).toMatch(/unique|UNIQUE|duplicate/);
      expect(await ids(h.db.db)).toEqual(['taken']);
    });

    it('a write that fails before it reaches the database stops the commit', async () => {
      await reset();
      const error = await transaction(h.db.db, async (trx) => {
        await insert(trx, 'first');
        await writeBehind(trx, async () => {
          throw new Error('could not build the statement');
        });
      }).catch((e: unknown) => e);
      expect((error as Error).message).toBe('could not build the statement');
      expect(await ids(h.db.db)).toEqual([]);
    });

    it('a statement sent ahead is awaited later, and its failure is the cause', async () => {
      await reset();
      const row = await transaction(h.db.db, async (trx) => {
        const sent = ahead(trx, (q) =>
          sql<{ id: string }>`insert into wb_items (id, note) values ('x', '') returning id`.execute(q),
        );
        await writeBehind(trx, (q) => insert(q, 'y'));
        return (await sent).rows[0];
      });
      expect(row).toEqual({ id: 'x' });
      await insert(h.db.db, 'taken');
      const error = await transaction(h.db.db, async (trx) => {
        const sent = ahead(trx, (q) => insert(q, 'taken'));
        await writeBehind(trx, (q) => insert(q, 'z'));
        await sent;
      }).catch((e: unknown) => e);
      expect(String((error as Error).message)).toMatch(/unique|UNIQUE|duplicate/);
      expect(await ids(h.db.db)).toEqual(['taken', 'x', 'y']);
    });

    it('reads together answer both, and the first failure in argument order wins', async () => {
      await reset();
      await insert(h.db.db, 'a');
      const [left, right] = await transaction(h.db.db, (trx) =>
        together(trx, ids, (q) => sql<{ n: number }>`select 1 as n`.execute(q)),
      );
      expect(left).toEqual(['a']);
      expect(right.rows[0]).toEqual({ n: 1 });
      const error = await transaction(h.db.db, (trx) =>
        together(
          trx,
          async (q) => {
            await ids(q);
            throw new Error('first');
          },
          async () => {
            throw new Error('second');
          },
        ),
      ).catch((e: unknown) => e);
      expect((error as Error).message).toBe('first');
    });

    it('reads together on one connection outside a transaction, in argument order', async () => {
      await reset();
      await insert(h.db.db, 'a');
      const [items, one, two] = await onOneConnection(h.db.db, (conn) =>
        together(
          conn,
          ids,
          (q) => sql<{ n: number }>`select 1 as n`.execute(q),
          (q) => sql<{ n: number }>`select 2 as n`.execute(q),
        ),
      );
      expect(items).toEqual(['a']);
      expect(one.rows[0]).toEqual({ n: 1 });
      expect(two.rows[0]).toEqual({ n: 2 });
    });

    it('outside `transaction` a write behind is simply waited for', async () => {
      await reset();
      await h.db.db.transaction().execute(async (trx) => {
        await writeBehind(trx, (q) => insert(q, 'plain'));
        expect(await ids(trx)).toEqual(['plain']);
      });
      expect(await ids(h.db.db)).toEqual(['plain']);
    });

    if (dialect === 'postgres') {
      it('does not wait for a write behind to answer (pipelined on PostgreSQL)', async () => {
        await reset();
        let returnedAfter = 0;
        const started = Date.now();
        await transaction(h.db.db, async (trx) => {
          await writeBehind(trx, (q) => sql`select pg_sleep(0.3)`.execute(q));
          returnedAfter = Date.now() - started;
          await writeBehind(trx, (q) => insert(q, 'late'));
        });
        expect(returnedAfter).toBeLessThan(150);
        expect(Date.now() - started).toBeGreaterThanOrEqual(290);
        expect(await ids(h.db.db)).toEqual(['late']);
      });
    }
  });
}
