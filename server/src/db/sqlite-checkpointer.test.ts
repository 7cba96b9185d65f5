import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WalCheckpointer } from './sqlite-checkpointer.ts';

let dir: string;
let file: string;
let sqlite: SqliteDatabase.Database;

const walPages = () => fs.statSync(`${file}-wal`).size / 4096;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeway-checkpointer-'));
  file = path.join(dir, 'db.sqlite');
  sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('create table items (id integer primary key, body text not null)');
});

afterEach(() => {
  if (sqlite.open) sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Commits `n` small transactions, each telling the checkpointer, as the group commit does. */
function commit(n: number, checkpointer: WalCheckpointer) {
  const insert = sqlite.prepare('insert into items (body) values (?)');
  for (let i = 0; i < n; i++) {
    insert.run('x'.repeat(200));
    checkpointer.noteCommit();
  }
}

describe('WAL checkpoints in a worker thread', () => {
  it('starts the worker only while commits come fast, and then keeps the WAL from growing', async () => {
    const checkpointer = new WalCheckpointer(sqlite, file, {
      intervalMs: 20,
      busyCommitsPerSecond: 50,
      quietSeconds: 2,
    });
    try {
      commit(10, checkpointer);
      checkpointer.review();
      expect(checkpointer.running).toBe(false);
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);

      commit(60, checkpointer);
      checkpointer.review();
      expect(checkpointer.running).toBe(true);
      // The connection's own checkpoint is now only a safety net.
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);

      // 3,000 commits: without checkpoints the WAL would hold them all; the worker copies
      // them back and the WAL starts over, so it stays a fraction of that.
      for (let round = 0; round < 30; round++) {
        commit(100, checkpointer);
        await sleep(25);
      }
      await sleep(100);
      commit(1, checkpointer);
      expect(walPages()).toBeLessThan(1000);
      // That was the worker's doing: it still runs, and the connection's threshold is still high.
      expect(checkpointer.running).toBe(true);
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
      expect(sqlite.prepare('select count(*) as n from items').get()).toEqual({ n: 3071 });

      // Quiet seconds: the worker stops, the connection checkpoints itself again.
      checkpointer.review();
      checkpointer.review();
      checkpointer.review();
      await sleep(200);
      expect(checkpointer.running).toBe(false);
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      await checkpointer.close();
    }
  });

  it('closes with a last checkpoint, and a second file sees every commit', async () => {
    const checkpointer = new WalCheckpointer(sqlite, file, { intervalMs: 1000, busyCommitsPerSecond: 1 });
    commit(5, checkpointer);
    checkpointer.review();
    expect(checkpointer.running).toBe(true);
    commit(200, checkpointer);
    await checkpointer.close();
    expect(checkpointer.running).toBe(false);
    sqlite.close();
    const other = new SqliteDatabase(file, { readonly: true });
    expect(other.prepare('select count(*) as n from items').get()).toEqual({ n: 205 });
    other.close();
  });
});
