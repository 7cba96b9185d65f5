// Benchmark: the write paths with the autonomy rules, against a bare insert route (one
// `insert into tasks` per request, no session, no rules). Two figures:
// - task creation alone (a principal's POST /tasks into an area, assigned to an assistant);
// - the whole cycle, four requests per task on each connection: a principal creates the task,
//   the assistant edits it (PATCH with its version), submits it (level 1: every result goes to
//   review), and the principal accepts it (POST /review).
// SQLite, and PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type autocannon from 'autocannon';
import { compare, fmt, SECONDS, verdict } from './lib/load.ts';
import {
  type Account,
  createWorkspace,
  dropPgDatabase,
  freshPgDatabase,
  id,
  iso,
  openSeedDb,
  PG_ADMIN_URL,
  type SeedDb,
  seedBoard,
  signup,
} from './lib/seed.ts';
import { type Child, startBare, startLeeway } from './lib/server.ts';

interface Ctx {
  taskId?: string;
  version?: number;
}

/** Keeps the id and version of the task a response carries, for the requests that follow. */
function remember(status: number, body: string, context: Ctx): void {
  if (status >= 300) return;
  const task = JSON.parse(body) as { id?: string; version?: number };
  if (task.id) context.taskId = task.id;
  if (typeof task.version === 'number') context.version = task.version;
}

/** A server on a fresh database with an owner, an assistant and their workspace; cleaned up after `body`. */
async function withTeam(
  dialect: 'sqlite' | 'postgres',
  name: string,
  body: (team: {
    server: Child;
    owner: Account;
    assistant: Account;
    workspaceId: string;
    /** Opens the database for seeding or checking, as the benchmark's own connection. */
    openDb: () => SeedDb;
    /** Where the database is, for the bare baseline server. */
    location: { sqliteFile: string | null; databaseUrl: string | null };
  }) => Promise<void>,
): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `leeway-bench-${name}-`));
  const sqliteFile = path.join(dataDir, 'leeway.sqlite');
  const dbName = `leeway_bench_${name}`;
  const databaseUrl = dialect === 'postgres' ? await freshPgDatabase(dbName) : null;
  const server = await startLeeway({ dataDir, databaseUrl });
  try {
    const owner = await signup(server.url, 'owner@example.com', 'Olivia Owner');
    const assistant = await signup(server.url, 'assistant@example.com', 'Asa Assistant');
    const workspaceId = await createWorkspace(server.url, owner, `Bench ${name}`);
    const openDb = () => openSeedDb(databaseUrl ? { databaseUrl } : { sqliteFile });
    const seed = openDb();
    await seed.insert('memberships', [
      {
        workspace_id: workspaceId,
        user_id: assistant.userId,
        role: 'assistant',
        created_at: iso(Date.now()),
      },
    ]);
    await seed.close();
    const location = { sqliteFile: databaseUrl ? null : sqliteFile, databaseUrl };
    await body({ server, owner, assistant, workspaceId, openDb, location });
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) await dropPgDatabase(dbName);
  }
}

async function run(dialect: 'sqlite' | 'postgres') {
  await withTeam(dialect, 'writes', async ({ server, owner, assistant, workspaceId, openDb, location }) => {
    const seed = openDb();
    // A workspace already in use: 10,000 tasks, so inserts land in real indexes.
    const areaId = await seedBoard(seed, {
      workspaceId,
      ownerId: owner.userId,
      assigneeId: assistant.userId,
      tasks: 10_000,
      memberIds: [assistant.userId],
    });
    // PostgreSQL plans by statistics; autovacuum would gather them soon after, this does now.
    if (seed.dialect === 'postgres') await seed.exec('analyze');
    await seed.close();

    const bare = await startBare({
      ...location,
      routes: [
        {
          method: 'POST',
          path: '/insert',
          sql: `insert into tasks (id, workspace_id, title, area_id, assignee_id, creator_id, state, position, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, 'doing', 0, ?, ?)`,
          params: [
            'uuid',
            'b:workspaceId',
            'b:title',
            'b:areaId',
            'b:assigneeId',
            'b:creatorId',
            'now',
            'now',
          ],
        },
      ],
    });
    const bareLoad = {
      url: `${bare.url}/insert`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        workspaceId,
        title: 'Send the invoice',
        areaId,
        assigneeId: assistant.userId,
        creatorId: owner.userId,
      }),
    };
    const tasks = `/api/v1/workspaces/${workspaceId}/tasks`;
    const createBody = JSON.stringify({
      title: 'Send the invoice',
      areaId,
      assigneeId: assistant.userId,
      state: 'doing',
    });
    const createLoad = {
      url: `${server.url}${tasks}`,
      method: 'POST' as const,
      headers: owner.headers,
      body: createBody,
    };

    const created = await compare(bareLoad, createLoad);

    const cycle: autocannon.Request[] = [
      { method: 'POST', path: tasks, headers: owner.headers, body: createBody, onResponse: remember },
      {
        method: 'PATCH',
        headers: assistant.headers,
        setupRequest: (req, context: Ctx) => ({
          ...req,
          path: `${tasks}/${context.taskId}`,
          body: JSON.stringify({ version: context.version, title: 'Send the corrected invoice' }),
        }),
        onResponse: remember,
      },
      {
        method: 'POST',
        headers: assistant.headers,
        setupRequest: (req, context: Ctx) => ({
          ...req,
          path: `${tasks}/${context.taskId}/submit`,
          body: JSON.stringify({ version: context.version, guardrailsTicked: [] }),
        }),
        onResponse: remember,
      },
      {
        method: 'POST',
        headers: owner.headers,
        setupRequest: (req, context: Ctx) => ({
          ...req,
          path: `${tasks}/${context.taskId}/review`,
          body: JSON.stringify({ outcome: 'accepted' }),
        }),
      },
    ];
    const cycled = await compare(bareLoad, { url: server.url, requests: cycle });
    await bare.stop();

    // The cycle really went through review: the last task is done with one review record.
    const check = openDb();
    const [reviews] = await check.all<{ n: number | string }>(
      `select count(*) as n from review_records where workspace_id = ?`,
      [workspaceId],
    );
    await check.close();

    const r1 = created.subject.rps / created.baseline.rps;
    const r2 = cycled.subject.rps / cycled.baseline.rps;
    console.log(
      `\nTask writes, ${dialect}, 10 connections, ${SECONDS}s per side (10,000 tasks already in the workspace)`,
    );
    console.log(`  baseline bare insert route:     ${fmt(created.baseline)}`);
    console.log(`  leeway create (POST /tasks):    ${fmt(created.subject)}`);
    console.log(`  ratio: ${r1.toFixed(2)} (goal ≥ 0.5: ${verdict(r1 >= 0.5)})`);
    if (dialect === 'sqlite')
      console.log(
        `  creations/s: ${created.subject.rps.toFixed(0)} (goal well over 1,000: ${verdict(created.subject.rps > 1000)})`,
      );
    console.log(`  baseline bare insert route:     ${fmt(cycled.baseline)}`);
    console.log(`  leeway create→edit→submit→review (4 requests per task): ${fmt(cycled.subject)}`);
    console.log(
      `  ratio: ${r2.toFixed(2)} (goal ≥ 0.5: ${verdict(r2 >= 0.5)}); reviews recorded: ${Number(reviews?.n ?? 0)}`,
    );
  });
}

/**
 * A submission at level 3 decides by the evidence and the sampling state, which core replays
 * from the cell's review history (from a checkpoint, server/src/modules/autonomy/cell-replay.ts):
 * create → submit in a cell with `HISTORY` reviewed results beside the same in a cell with
 * none. The ratio shows what that history costs each submission (1.0 would be nothing).
 */
const HISTORY = Number(process.env.BENCH_REVIEW_HISTORY ?? 5000);

async function runHistory(dialect: 'sqlite' | 'postgres') {
  await withTeam(dialect, 'history', async ({ server, owner, assistant, workspaceId, openDb }) => {
    const seed = openDb();
    const now = Date.now();
    const day = 86_400_000;
    const board = {
      workspaceId,
      ownerId: owner.userId,
      assigneeId: assistant.userId,
      memberIds: [assistant.userId],
    };
    const fresh = await seedBoard(seed, { ...board, tasks: 1_000 });
    const mature = await seedBoard(seed, { ...board, tasks: HISTORY });
    // A busy assistant: 20 reviewed results a day in the mature cell (5,000 are some 250
    // days), all accepted; level 3 in both cells since before the first of them.
    const perDay = 20;
    const days = Math.ceil(HISTORY / perDay) + 1;
    await seed.insert(
      'autonomy_grants',
      [fresh, mature].map((areaId) => ({
        id: id(),
        workspace_id: workspaceId,
        member_id: assistant.userId,
        area_id: areaId,
        level: 3,
        since: iso(now - (days + 1) * day),
        granted_by: owner.userId,
        reason: 'bench',
        created_at: iso(now - (days + 1) * day),
        updated_at: iso(now - (days + 1) * day),
      })),
    );
    const tasks = await seed.all<{ id: string }>('select id from tasks where area_id = ?', [mature]);
    await seed.insert(
      'review_records',
      tasks.map((t, i) => {
        const decided = now - days * day + Math.floor((i * day) / perDay);
        return {
          id: id(),
          workspace_id: workspaceId,
          task_id: t.id,
          member_id: assistant.userId,
          area_id: mature,
          reviewer_id: owner.userId,
          phase: 'sample',
          submitted_at: iso(decided - 3_600_000),
          decided_at: iso(decided),
          outcome: 'accepted',
          tags: '[]',
          note: '',
        };
      }),
    );
    if (seed.dialect === 'postgres') await seed.exec('analyze');
    await seed.close();

    const url = `/api/v1/workspaces/${workspaceId}/tasks`;
    const pair = (areaId: string): autocannon.Request[] => [
      {
        method: 'POST',
        path: url,
        headers: owner.headers,
        body: JSON.stringify({
          title: 'Send the invoice',
          areaId,
          assigneeId: assistant.userId,
          state: 'doing',
        }),
        onResponse: remember,
      },
      {
        method: 'POST',
        headers: assistant.headers,
        setupRequest: (req, context: Ctx) => ({
          ...req,
          path: `${url}/${context.taskId}/submit`,
          body: JSON.stringify({ version: context.version, guardrailsTicked: [] }),
        }),
      },
    ];
    const result = await compare(
      { url: server.url, requests: pair(fresh) },
      { url: server.url, requests: pair(mature) },
    );
    const ratio = result.subject.rps / result.baseline.rps;
    console.log(
      `\nSubmissions at level 3, ${dialect}, 10 connections, ${SECONDS}s per side (create → submit)`,
    );
    console.log(`  cell without reviews:             ${fmt(result.baseline)}`);
    console.log(`  cell with ${HISTORY.toLocaleString('en')} reviewed results: ${fmt(result.subject)}`);
    console.log(
      `  ratio: ${ratio.toFixed(2)} (1.0: a submission costs the same whatever the history behind it)`,
    );
  });
}

await run('sqlite');
await runHistory('sqlite');
if (PG_ADMIN_URL) {
  await run('postgres');
  await runHistory('postgres');
} else console.log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
