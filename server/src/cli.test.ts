import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from './cli.ts';

// The CLI reads its configuration from the environment, as an operator's shell would give it.
describe('leeway CLI on SQLite', () => {
  let dir: string;
  let saved: NodeJS.ProcessEnv;
  let output: string[];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeway-cli-'));
    saved = { ...process.env };
    process.env.DATA_DIR = dir;
    process.env.DATABASE_URL = '';
    // Vite's test runner sets BASE_URL='/' for web code; the server reads it as its public URL.
    delete process.env.BASE_URL;
    delete process.env.PORT;
    process.env.SCRYPT_LOG2N = '10';
    output = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
    process.exitCode = undefined;
  });

  afterEach(() => {
    vi.restoreAllMocks();
    process.env = saved;
    process.exitCode = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const dbFile = () => path.join(dir, 'leeway.sqlite');

  it('migrates once, then reports the database up to date', async () => {
    await run(['migrate']);
    await run(['migrate']);
    expect(output.join('\n')).toContain('Applied: 2026-11-26-0001-initial');
    expect(output.join('\n')).toContain('up to date');
  });

  it('creates a user with a generated password and refuses a duplicate', async () => {
    await run(['create-user', '--email', 'Ada@Example.com', '--name', 'Ada']);
    expect(output.join('\n')).toMatch(/Password: \S{10,}/);
    const db = new SqliteDatabase(dbFile(), { readonly: true });
    expect(db.prepare('select email from users').all()).toEqual([{ email: 'ada@example.com' }]);
    db.close();
    await run(['create-user', '--email', 'ada@example.com', '--name', 'Ada']);
    expect(process.exitCode).toBe(1);
    expect(output.join('\n')).toContain('exists already');
  });

  it('builds the demo workspace, and running it again changes nothing but the password', async () => {
    await run(['demo']);
    await run(['demo']);
    const db = new SqliteDatabase(dbFile(), { readonly: true });
    expect(db.prepare('select count(*) n from workspaces').get()).toEqual({ n: 1 });
    // A realistic workspace, seeded once: areas, tasks in every state, a recurring task.
    expect(db.prepare('select count(*) n from areas').get()).toEqual({ n: 4 });
    const { n: tasks } = db.prepare('select count(*) n from tasks').get() as { n: number };
    expect(tasks).toBeGreaterThanOrEqual(60);
    const states = db.prepare('select distinct state from tasks order by state').all();
    expect(states).toEqual(['cancelled', 'doing', 'done', 'review', 'todo'].map((state) => ({ state })));
    expect(db.prepare('select count(*) n from task_series where active = 1').get()).toEqual({ n: 2 });
    expect(db.prepare('select role, count(*) n from memberships group by role order by role').all()).toEqual([
      { role: 'assistant', n: 2 },
      { role: 'owner', n: 2 },
    ]);
    db.close();
    expect(output.join('\n')).toContain('principal@demo.leeway.local');
    // The co-owner of the insights demo can log in with the printed password too.
    expect(output.join('\n')).toContain('jonas@demo.leeway.local');
  });

  it('backs up a database that is being written to, and the copy passes the integrity check', async () => {
    await run(['migrate']);
    const writer = new SqliteDatabase(dbFile());
    writer.pragma('journal_mode = WAL');
    const insert = writer.prepare(
      "insert into workspaces (id, name, created_at, updated_at) values (?, 'w', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
    );
    for (let i = 0; i < 200; i++) insert.run(`00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);
    const target = path.join(dir, 'copy.sqlite');
    const writes = (async () => {
      for (let i = 200; i < 400; i++) {
        insert.run(`00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);
        await new Promise((r) => setImmediate(r));
      }
    })();
    await run(['backup', target]);
    await writes;
    writer.close();
    const copy = new SqliteDatabase(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const { n } = copy.prepare('select count(*) n from workspaces').get() as { n: number };
    expect(n).toBeGreaterThanOrEqual(200);
    copy.close();
    await run(['backup', target]);
    expect(process.exitCode).toBe(1);
  });

  it('refuses a bad configuration naming the variable', async () => {
    process.env.PORT = 'many';
    await run(['migrate']);
    expect(process.exitCode).toBe(1);
    expect(output.join('\n')).toContain('PORT');
  });

  it('explains unknown commands', async () => {
    await run(['frobnicate']);
    expect(process.exitCode).toBe(2);
    expect(output.join('\n')).toContain('Usage');
  });
});
