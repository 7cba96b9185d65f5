import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Task, Workspace } from '@leeway/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, type Dialect, openDatabase } from '../db/database.ts';
import { PASSWORD, uniqueEmail } from '../test/harness.ts';
import {
  buildServerBundle,
  HttpClient,
  pgSchema,
  type ServerProcess,
  seededRandom,
  sleep,
  startServer,
} from './server-process.ts';

/**
 * Crash safety (issue 9): a real server under write load is killed with SIGKILL at a random
 * moment and started again on the same database, round after round. Every write whose 2xx the
 * client saw must be there afterwards (at least at the acknowledged version), and the database
 * must be consistent. Then graceful shutdown: SIGTERM lets in-flight requests finish, ends
 * live streams and exits 0.
 *
 * CRASH_ROUNDS_SQLITE (20) and CRASH_ROUNDS_PG (5) set the rounds; CRASH_SEED replays a run.
 */

const databaseUrl = process.env.TEST_DATABASE_URL;
const roundsFor: Record<Dialect, number> = {
  sqlite: Number(process.env.CRASH_ROUNDS_SQLITE || 20),
  postgres: Number(process.env.CRASH_ROUNDS_PG || 5),
};
const seed = Number(process.env.CRASH_SEED || Math.floor(Math.random() * 2 ** 31));
console.log(`[crash] seed ${seed} (replay with CRASH_SEED=${seed})`);

/** Generous: a server start takes seconds on a busy machine. */
const timeoutFor = (dialect: Dialect) => 60_000 + roundsFor[dialect] * 30_000;

function pgSkipReason(): string | null {
  if (databaseUrl) return null;
  const reason = 'TEST_DATABASE_URL is not set (the PostgreSQL crash rounds need one)';
  if (process.env.LEEWAY_REQUIRE_ALL_SUITES === '1')
    throw new Error(`LEEWAY_REQUIRE_ALL_SUITES=1: ${reason}`);
  console.log(`[crash] SKIP PostgreSQL: ${reason}`);
  return reason;
}

/** What the client was told: the task's version and title in the last 2xx it saw. */
type Acked = Map<string, { version: number; title: string }>;

/** Several loops creating and editing tasks until the server goes away. */
function writeLoad(client: HttpClient, workspaceId: string, acked: Acked, tag: string, loops = 3) {
  let acknowledged = 0;
  let firstAck: () => void = () => {};
  const flowing = new Promise<void>((resolve) => {
    firstAck = resolve;
  });
  const base = `/api/v1/workspaces/${workspaceId}/tasks`;
  const loop = async (n: number) => {
    for (let i = 0; ; i++) {
      try {
        const title = `${tag} loop ${n} task ${i}`;
        const created = await client.request<Task>('POST', base, { title });
        if (created.status !== 201) throw new Error(`create answered ${created.status}`);
        acked.set(created.body.id, { version: created.body.version, title });
        acknowledged += 1;
        firstAck();
        let version = created.body.version;
        for (let edit = 1; edit <= 2; edit++) {
          const next = `${title} edit ${edit}`;
          const res = await client.request<Task>('PATCH', `${base}/${created.body.id}`, {
            version,
            title: next,
          });
          if (res.status !== 200) throw new Error(`edit answered ${res.status}`);
          acked.set(created.body.id, { version: res.body.version, title: next });
          acknowledged += 1;
          version = res.body.version;
        }
      } catch (err) {
        // The server died under us: that is the point. Anything else is a failure.
        if (err instanceof Error && /answered/.test(err.message)) throw err;
        return;
      }
    }
  };
  const done = Promise.all(Array.from({ length: loops }, (_, n) => loop(n)));
  return { done, flowing, count: () => acknowledged };
}

/** Opens the database the server used, as the server would (WAL recovery included). */
function openFor(dialect: Dialect, env: Record<string, string>, schema: string | null): Db {
  if (dialect === 'sqlite') {
    return openDatabase({ databaseUrl: null, sqliteFile: path.join(env.DATA_DIR ?? '', 'leeway.sqlite') });
  }
  return openDatabase({
    databaseUrl: databaseUrl ?? null,
    sqliteFile: '',
    pgSchema: schema ?? '',
    poolSize: 2,
  });
}

/**
 * Every acknowledged write is there, and the database is consistent: SQLite's own checks,
 * no orphan rows, and every task's history has one entry per version (a write and its history
 * entry are one transaction, so a crash can never keep one without the other).
 */
async function verify(db: Db, acked: Acked): Promise<void> {
  if (db.sqlite) {
    expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
  }
  const rows = await db.db.selectFrom('tasks').select(['id', 'version', 'title']).execute();
  const stored = new Map(rows.map((r) => [r.id, r]));
  const lost: string[] = [];
  for (const [id, want] of acked) {
    const row = stored.get(id);
    if (!row || row.version < want.version || (row.version === want.version && row.title !== want.title))
      lost.push(`${id}: acknowledged v${want.version} "${want.title}", stored ${JSON.stringify(row)}`);
  }
  expect(lost).toEqual([]);
  const { rows: mismatched } = await sql<{ id: string }>`
    select t.id from tasks t
    left join task_events e on e.task_id = t.id and e.kind in ('created', 'updated')
    group by t.id, t.version
    having count(e.id) <> t.version + 1`.execute(db.db);
  expect(mismatched).toEqual([]);
  const orphans = await sql<{ what: string; n: number }>`
    select 'task_events without task' as what, count(*) as n from task_events e
      where not exists (select 1 from tasks t where t.id = e.task_id)
    union all
    select 'tasks without workspace', count(*) from tasks t
      where not exists (select 1 from workspaces w where w.id = t.workspace_id)
    union all
    select 'task followers without task', count(*) from task_followers f
      where not exists (select 1 from tasks t where t.id = f.task_id)
    union all
    select 'memberships without user', count(*) from memberships m
      where not exists (select 1 from users u where u.id = m.user_id)`.execute(db.db);
  expect(orphans.rows.filter((r) => Number(r.n) !== 0)).toEqual([]);
}

async function crashRounds(dialect: Dialect, bundle: () => string) {
  const rounds = roundsFor[dialect];
  const random = seededRandom(seed + (dialect === 'sqlite' ? 0 : 1));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeway-crash-'));
  const pg = dialect === 'postgres' && databaseUrl ? await pgSchema(databaseUrl) : null;
  const env: Record<string, string> = { DATA_DIR: dataDir, ...(pg ? { DATABASE_URL: pg.url } : {}) };
  const acked: Acked = new Map();
  const client = new HttpClient('');
  let workspaceId = '';
  let total = 0;
  const started = performance.now();
  try {
    for (let round = 1; round <= rounds; round++) {
      const server = await startServer(bundle(), env);
      client.base = server.url;
      if (round === 1) {
        const signup = await client.request('POST', '/api/v1/auth/signup', {
          email: uniqueEmail('crash'),
          name: 'Crash Tester',
          password: PASSWORD,
          locale: 'en',
          timeZone: 'Europe/Berlin',
        });
        expect(signup.status).toBe(201);
        const ws = await client.request<Workspace>('POST', '/api/v1/workspaces', { name: 'Crash' });
        workspaceId = ws.body.id;
      }
      // The session and CSRF token from before the crash still work: they live in the database.
      const load = writeLoad(client, workspaceId, acked, `round ${round}`);
      // The random moment is counted from the first acknowledged write, so the kill always
      // lands in the middle of the load, however long the first requests took to warm up.
      const killAfter = 20 + Math.floor(random() * 1000);
      await Promise.race([load.flowing, sleep(20_000)]);
      await sleep(killAfter);
      server.child.kill('SIGKILL');
      expect((await server.exited).signal).toBe('SIGKILL');
      await load.done;
      total += load.count();
      const db = openFor(dialect, env, pg?.schema ?? null);
      try {
        await verify(db, acked);
      } finally {
        await db.close();
      }
      console.log(
        `[crash ${dialect}] round ${round}/${rounds}: killed ${killAfter} ms into the load, ` +
          `${load.count()} writes acknowledged (${acked.size} tasks so far), all present, checks ok`,
      );
    }
    // A last start proves the server comes up on what the last crash left, and serves it.
    const server = await startServer(bundle(), env);
    client.base = server.url;
    const list = await client.request<{ items: Task[] }>(
      'GET',
      `/api/v1/workspaces/${workspaceId}/tasks?limit=1`,
    );
    expect(list.status).toBe(200);
    await server.stop();
    console.log(
      `[crash ${dialect}] ${rounds} rounds, ${total} writes acknowledged, none lost, ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await pg?.drop().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A request whose body arrives in two halves, `gapMs` apart; resolves with status and body. */
function slowRequest(
  server: ServerProcess,
  client: HttpClient,
  pathName: string,
  payload: unknown,
  sent: Promise<void>,
): { firstHalf: Promise<void>; done: Promise<{ status: number; body: string }> } {
  const body = Buffer.from(JSON.stringify(payload));
  const half = Math.floor(body.length / 2);
  let firstHalfSent: () => void = () => {};
  const firstHalf = new Promise<void>((resolve) => {
    firstHalfSent = resolve;
  });
  const done = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(`${server.url}${pathName}`, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.length),
        cookie: client.cookieHeader(),
        'x-csrf-token': client.csrfToken ?? '',
      },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.on('data', (d: Buffer) => {
        text += d.toString();
      });
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.once('error', reject);
    });
    req.write(body.subarray(0, half), () => firstHalfSent());
    void sent.then(() => req.end(body.subarray(half)));
  });
  return { firstHalf, done };
}

describe('crash safety', () => {
  let bundle: { file: string; dispose(): void } | null = null;
  const file = () => bundle?.file ?? '';
  beforeAll(async () => {
    bundle = await buildServerBundle();
  }, 60_000);
  afterAll(() => bundle?.dispose());

  it(
    `SQLite: ${roundsFor.sqlite} rounds of SIGKILL under write load lose no acknowledged write`,
    async () => {
      await crashRounds('sqlite', file);
    },
    timeoutFor('sqlite'),
  );

  it.skipIf(pgSkipReason() !== null)(
    `PostgreSQL: ${roundsFor.postgres} rounds of SIGKILL under write load lose no acknowledged write`,
    async () => {
      await crashRounds('postgres', file);
    },
    timeoutFor('postgres'),
  );

  it('SIGTERM finishes in-flight requests, ends live streams and exits 0', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeway-sigterm-'));
    const server = await startServer(file(), { DATA_DIR: dataDir });
    try {
      const client = new HttpClient(server.url);
      await client.request('POST', '/api/v1/auth/signup', {
        email: uniqueEmail('sigterm'),
        name: 'Sig Term',
        password: PASSWORD,
        locale: 'en',
        timeZone: 'Europe/Berlin',
      });
      const ws = (await client.request<Workspace>('POST', '/api/v1/workspaces', { name: 'Term' })).body;
      const tasksPath = `/api/v1/workspaces/${ws.id}/tasks`;

      // A live stream, open and confirmed.
      const stream = await fetch(`${server.url}/api/v1/workspaces/${ws.id}/events`, {
        headers: { cookie: client.cookieHeader(), accept: 'text/event-stream' },
      });
      expect(stream.status).toBe(200);
      const reader = stream.body?.getReader();
      if (!reader) throw new Error('no stream body');
      const decoder = new TextDecoder();
      let text = '';
      while (!text.includes(': connected')) {
        const { done, value } = await reader.read();
        if (done) throw new Error('stream ended before it started');
        text += decoder.decode(value, { stream: true });
      }
      const streamEnd = (async () => {
        for (;;) {
          const { done } = await reader.read();
          if (done) return 'ended';
        }
      })();

      // Three writes in flight: their bodies are half sent when the signal arrives.
      let release: () => void = () => {};
      const sent = new Promise<void>((resolve) => {
        release = resolve;
      });
      const slow = [1, 2, 3].map((n) =>
        slowRequest(server, client, tasksPath, { title: `In flight ${n}` }, sent),
      );
      await Promise.all(slow.map((s) => s.firstHalf));
      await sleep(200);

      const signalled = performance.now();
      server.child.kill('SIGTERM');
      // The stream ends cleanly (no error) while the server waits for the writes.
      expect(await streamEnd).toBe('ended');
      await sleep(500);
      release();
      const results = await Promise.all(slow.map((s) => s.done));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
      const exit = await server.exited;
      const seconds = (performance.now() - signalled) / 1000;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(seconds).toBeLessThan(8);
      console.log(
        `[crash] SIGTERM: 3 in-flight writes answered 201, stream ended, exit 0 after ${seconds.toFixed(1)} s`,
      );

      // The writes the clients were told about are in the database.
      const db = openDatabase({ databaseUrl: null, sqliteFile: path.join(dataDir, 'leeway.sqlite') });
      try {
        const titles = await db.db.selectFrom('tasks').select('title').orderBy('title').execute();
        expect(titles.map((t) => t.title)).toEqual(['In flight 1', 'In flight 2', 'In flight 3']);
      } finally {
        await db.close();
      }
    } finally {
      await server.stop(1_000);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
