import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SessionInfo, Task, Workspace } from '@leeway/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Db, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { App } from '../http.ts';
import type { Job } from '../jobs/scheduler.ts';
import { DAY, HOUR, TestClock } from '../lib/clock.ts';
import { MemoryMailer } from '../mail/mailer.ts';
import { episodeEndJob } from '../modules/autonomy/autonomy.jobs.ts';
import { checkInReminderJob } from '../modules/checkins/checkins.jobs.ts';
import { dueReminderJob, notificationDigestJob } from '../modules/notifications/notifications.jobs.ts';
import { recurrenceJob } from '../modules/recurrence/recurrence.service.ts';
import {
  buildServerBundle,
  HttpClient,
  type ServerProcess,
  sleep,
  startServer,
} from '../reliability/server-process.ts';
import { type Harness, PASSWORD, TestClient, uniqueEmail, workspaceWith } from '../test/harness.ts';
import { createArea } from '../test/task-factory.ts';

/**
 * Several app nodes on one PostgreSQL (DESIGN §13). Two real server processes (`leeway serve`
 * from source) share one schema: a session made on one works on the other, and a change made
 * through one reaches a live stream on the other. Scheduled work is checked on two more nodes
 * in this process (own pool and bus each, and a test clock, so the due work lies in the future
 * for the two servers' real clocks): every job runs on both at once, and each item happens once.
 */

const databaseUrl = process.env.TEST_DATABASE_URL;

function skipReason(): string | null {
  if (databaseUrl) return null;
  const reason = 'TEST_DATABASE_URL is not set (several nodes need one PostgreSQL)';
  if (process.env.LEEWAY_REQUIRE_ALL_SUITES === '1')
    throw new Error(`LEEWAY_REQUIRE_ALL_SUITES=1: ${reason}`);
  console.log(`[multi-node] SKIP: ${reason}`);
  return reason;
}

/** An open live stream: the event types as they arrive, with their arrival time. */
async function openStream(base: string, browser: HttpClient, url: string) {
  const abort = new AbortController();
  const res = await fetch(`${base}${url}`, {
    headers: { cookie: browser.cookieHeader(), accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const received: { type: string; data: string; at: number }[] = [];
  const waiters = new Set<() => void>();
  let text = '';
  let connected = false;
  void (async () => {
    const reader = res.body?.getReader();
    if (!reader) return;
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        let end = text.indexOf('\n\n');
        while (end >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          if (block.includes(': connected')) connected = true;
          const type = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1] ?? '';
          if (type) received.push({ type, data, at: performance.now() });
          for (const wake of [...waiters]) wake();
          end = text.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  const until = (ready: () => boolean, timeoutMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      if (ready()) return resolve();
      const check = () => {
        if (!ready()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      waiters.add(check);
    });
  return {
    status: res.status,
    received,
    connected: () => until(() => connected, 5_000, 'stream start'),
    /** Waits for an event matching `match`; its arrival time. */
    async event(match: (e: { type: string; data: string }) => boolean, timeoutMs: number): Promise<number> {
      await until(() => received.some(match), timeoutMs, 'matching event');
      return received.find(match)?.at ?? 0;
    },
    close: () => abort.abort(),
  };
}

describe.skipIf(skipReason() !== null)('several app nodes on one PostgreSQL', () => {
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeway-multi-node-'));
  const clock = new TestClock('2040-01-02T07:00:00.000Z');
  const config: Config = {
    ...loadConfig({ BASE_URL: 'http://leeway.test', WEB_DIR: '', DATA_DIR: dataDir }),
    scryptLog2N: 10,
    authRateLimit: 10_000,
  };
  /** The in-process nodes that run the jobs, each with its own pool, bus and mailer. */
  const workers: { app: App; db: Db; mailer: MemoryMailer }[] = [];
  const nodes: ServerProcess[] = [];
  let bundle: { file: string; dispose(): void } | null = null;

  const pgAdmin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await pgAdmin((c) => c.query(`create schema ${schema}`));
    for (let i = 0; i < 2; i++) {
      const db = openDatabase({
        databaseUrl: databaseUrl ?? null,
        sqliteFile: '',
        pgSchema: schema,
        poolSize: 5,
      });
      if (i === 0) await migrateToLatest(db.db);
      const mailer = new MemoryMailer();
      const app = await buildApp({ config, db, clock, mailer, logger: false });
      await app.ready();
      workers.push({ app, db, mailer });
    }
    const url = new URL(databaseUrl ?? '');
    url.searchParams.set('options', `-c search_path=${schema}`);
    const env = { DATABASE_URL: url.toString(), DATA_DIR: dataDir };
    // The server as `npm start` runs it, bundled once; started one after the other: each runs
    // the (already applied) migrations at start-up.
    bundle = await buildServerBundle();
    nodes.push(await startServer(bundle.file, env));
    nodes.push(await startServer(bundle.file, env));
  }, 150_000);

  afterAll(async () => {
    await Promise.allSettled(nodes.map((n) => n.stop()));
    bundle?.dispose();
    for (const w of workers) {
      await w.app.close();
      await w.db.close();
    }
    await pgAdmin((c) => c.query(`drop schema if exists ${schema} cascade`)).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const nodeA = () => nodes[0]?.url ?? '';
  const nodeB = () => nodes[1]?.url ?? '';

  it('a session made on one node works on the other, and live events cross nodes within a second', async () => {
    // One cookie jar for both nodes, as a browser behind a load balancer; node A unless `at` says B.
    const browser = new HttpClient(nodeA());
    const email = uniqueEmail('multi');
    const signup = await browser.request<SessionInfo>('POST', '/api/v1/auth/signup', {
      email,
      name: 'Nora Node',
      password: PASSWORD,
      locale: 'en',
      timeZone: 'Europe/Berlin',
    });
    expect(signup.status).toBe(201);
    const onB = await browser.request<SessionInfo>('GET', '/api/v1/auth/session', undefined, nodeB());
    expect(onB.body.user?.email).toBe(email);
    // A write on B with the session and CSRF token from A.
    const ws = await browser.request<Workspace>('POST', '/api/v1/workspaces', { name: 'Two nodes' }, nodeB());
    expect(ws.status).toBe(201);
    const base = `/api/v1/workspaces/${ws.body.id}`;

    const streams = [
      await openStream(nodeB(), browser, `${base}/events`),
      await openStream(nodeA(), browser, `${base}/events`),
    ];
    try {
      for (const s of streams) {
        expect(s.status).toBe(200);
        await s.connected();
      }
      const [onStreamB, onStreamA] = streams;
      if (!onStreamB || !onStreamA) throw new Error('streams missing');
      const latencies: number[] = [];
      let task: Task | null = null;
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const res: { status: number; body: Task } = task
          ? await browser.request<Task>('PATCH', `${base}/tasks/${task.id}`, {
              title: `Cross-node ${i}`,
              version: task.version,
            })
          : await browser.request<Task>('POST', `${base}/tasks`, { title: 'Cross-node 0' });
        expect(res.status).toBeLessThan(300);
        const { id, version } = res.body;
        task = res.body;
        const type = i === 0 ? 'task.created' : 'task.updated';
        const arrived = await onStreamB.event(
          (e) =>
            e.type === type && e.data.includes(id) && (i === 0 || e.data.includes(`"version":${version}`)),
          1_000,
        );
        latencies.push(arrived - started);
      }
      console.log(
        `[multi-node] change on node A → event on node B: ${latencies.map((ms) => `${ms.toFixed(1)} ms`).join(', ')}`,
      );
      expect(Math.max(...latencies)).toBeLessThan(1_000);
      // The node that made the change delivers to its own streams once, not again from NOTIFY.
      await sleep(300);
      const updatesOnA = onStreamA.received.filter((e) => e.type === 'task.updated').length;
      const updatesOnB = onStreamB.received.filter((e) => e.type === 'task.updated').length;
      expect(updatesOnA).toBe(4);
      expect(updatesOnB).toBe(4);
    } finally {
      for (const s of streams) s.close();
    }
  });

  it('runs each scheduled job on both nodes at once, and each due item happens exactly once', async () => {
    const [first, second] = workers;
    if (!first || !second) throw new Error('workers missing');
    const h: Harness = {
      app: first.app,
      db: first.db,
      clock,
      mailer: first.mailer,
      config,
      dialect: 'postgres',
      client: () => new TestClient(first.app),
    };
    const db = first.db.db;
    clock.set('2040-01-02T07:00:00.000Z'); // a Monday, 08:00 in Berlin
    const { workspace, owner, assistants } = await workspaceWith(h, { assistants: 1 });
    const assistant = assistants[0];
    if (!assistant) throw new Error('no assistant');
    const base = `/api/v1/workspaces/${workspace.id}`;
    const area = await createArea(h, {
      workspaceId: workspace.id,
      ownerId: owner.user.id,
      memberIds: [assistant.user.id],
    });

    // A daily calendar series (next date: Tuesday).
    const recurring = await owner.post<Task>(`${base}/tasks`, {
      title: 'Daily till count',
      dueAt: clock.now().toISOString(),
      recurrence: { rule: 'FREQ=DAILY', mode: 'calendar', timeZone: 'Europe/Berlin' },
    });
    expect(recurring.status).toBe(201);
    // A notification waiting for the assistant's daily digest.
    expect(
      (await assistant.request('PATCH', '/api/v1/me/notification-preferences', { assigned: 'digest' }))
        .status,
    ).toBe(200);
    const assigned = await owner.post<Task>(`${base}/tasks`, {
      title: 'Book the flights',
      areaId: area.id,
      assigneeId: assistant.user.id,
    });
    expect(assigned.status).toBe(201);
    // A weekly check-in reminder (Wednesdays 09:00 Berlin).
    const reminder = await assistant.request('PUT', `${base}/check-ins/me/reminder`, {
      weekday: 3,
      time: '09:00',
      timeZone: 'Europe/Berlin',
      enabled: true,
    });
    expect(reminder.status).toBe(200);
    // A support episode ending tomorrow.
    const episode = await owner.post<{ id: string }>(`${base}/support-episodes`, {
      memberId: assistant.user.id,
      areaId: area.id,
      reason: 'requested',
      capLevel: 1,
      plannedEndAt: new Date(clock.now().getTime() + DAY).toISOString(),
    });
    expect(episode.status).toBe(201);
    // Let the creation's own mails and reminders settle before the measured passes.
    first.mailer.sent.length = 0;

    // Eight days later, Tuesday 11:00 in Berlin: every item is due.
    clock.set(new Date(clock.now().getTime() + 8 * DAY + 3 * HOUR));
    const jobs: Job[] = [
      recurrenceJob,
      notificationDigestJob,
      checkInReminderJob,
      episodeEndJob,
      dueReminderJob,
    ];
    const counts = new Map<string, number>();
    for (let round = 0; round < 2; round++) {
      const results = await Promise.all(
        jobs.flatMap((job) =>
          [first, second].map(async (w) => [job.name, await job.run(w.app.deps)] as const),
        ),
      );
      for (const [name, count] of results) counts.set(name, (counts.get(name) ?? 0) + count);
    }
    console.log(
      `[multi-node] items handled over two rounds on two nodes: ${JSON.stringify(Object.fromEntries(counts))}`,
    );

    // The series got exactly one new instance.
    const seriesTasks = await db
      .selectFrom('tasks')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('title', '=', 'Daily till count')
      .execute();
    expect(seriesTasks).toHaveLength(2);
    expect(counts.get(recurrenceJob.name)).toBe(1);

    // One digest mail to the assistant, listing the assignment.
    const digests = [...first.mailer.sent, ...second.mailer.sent].filter(
      (m) => m.to === assistant.user.email && m.text.includes('Book the flights'),
    );
    expect(digests).toHaveLength(1);

    // One check-in reminder.
    const reminders = await db
      .selectFrom('notifications')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('user_id', '=', assistant.user.id)
      .where('kind', '=', 'checkin_reminder')
      .execute();
    expect(reminders).toHaveLength(1);
    expect(counts.get(checkInReminderJob.name)).toBe(1);

    // The episode ended once, at its planned end.
    const ended = await db
      .selectFrom('support_episodes')
      .select(['ended_at', 'planned_end_at'])
      .where('id', '=', episode.body.id)
      .executeTakeFirstOrThrow();
    expect(ended.ended_at).toBe(ended.planned_end_at);
    expect(counts.get(episodeEndJob.name)).toBe(1);

    // The assigned task had no due date; the daily series' copy is due and unassigned: no reminders.
    expect(counts.get(dueReminderJob.name)).toBe(0);
  });
});
