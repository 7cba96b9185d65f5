// Benchmark: opening a board of 1,000 tasks, the way the web app does it — one
// `GET /tasks?state=<column>&sort=position&order=asc&limit=1000` per column, five columns —
// against a bare Fastify route answering the same rows with one query each. At 10
// connections (req/s, p50, p99) and at 1 connection (p50), on SQLite and, when
// BENCH_DATABASE_URL or TEST_DATABASE_URL is set, on PostgreSQL. Also the server's RSS idle
// and at its peak under the 10-connection load. Loopback only; every run is bounded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listTaskRows } from '../server/src/modules/tasks/tasks.repository.ts';
import { compare, fmt, peakRss, SECONDS, verdict } from './lib/load.ts';
import { plansOf, printPlans } from './lib/plans.ts';
import {
  createWorkspace,
  dropPgDatabase,
  freshPgDatabase,
  openSeedDb,
  PG_ADMIN_URL,
  seedBoard,
  signup,
} from './lib/seed.ts';
import { type BareConfig, startBare, startLeeway } from './lib/server.ts';

const TASKS = 1000;
const states = ['todo', 'doing', 'review', 'done', 'cancelled'];

async function run(dialect: 'sqlite' | 'postgres') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeway-bench-board-'));
  const sqliteFile = path.join(dataDir, 'leeway.sqlite');
  const dbName = 'leeway_bench_board';
  const databaseUrl = dialect === 'postgres' ? await freshPgDatabase(dbName) : null;
  const server = await startLeeway({ dataDir, databaseUrl });
  try {
    const owner = await signup(server.url, 'owner@example.com', 'Olivia Owner');
    const workspaceId = await createWorkspace(server.url, owner, 'Bench board');
    const seed = openSeedDb(databaseUrl ? { databaseUrl } : { sqliteFile });
    await seedBoard(seed, { workspaceId, ownerId: owner.userId, assigneeId: owner.userId, tasks: TASKS });
    // PostgreSQL plans by statistics; autovacuum would gather them soon after, this does now.
    if (seed.dialect === 'postgres') await seed.exec('analyze');
    await seed.close();

    const paths = states.map(
      (s) => `/api/v1/workspaces/${workspaceId}/tasks?state=${s}&sort=position&order=asc&limit=1000`,
    );
    // Sanity: the five columns together are the 1,000 tasks.
    let total = 0;
    for (const p of paths) {
      const res = await fetch(`${server.url}${p}`, { headers: { cookie: owner.cookie } });
      total += ((await res.json()) as { items: unknown[] }).items.length;
    }
    if (total !== TASKS) throw new Error(`board shows ${total} tasks, expected ${TASKS}`);

    const bareConfig: BareConfig = {
      sqliteFile: databaseUrl ? null : sqliteFile,
      databaseUrl,
      routes: [
        {
          method: 'GET',
          path: '/column',
          sql: 'select * from tasks where workspace_id = ? and state = ? order by position, id limit 1001',
          params: ['q:ws', 'q:state'],
        },
      ],
    };
    const bare = await startBare(bareConfig);
    const barePaths = states.map((s) => `/column?ws=${workspaceId}&state=${s}`);

    // Idle: started, seeded, one board opened, then left alone. A second after the last
    // request the heap still holds that request's garbage; V8 gives it back once the process
    // has been quiet for some seconds (its memory reducer), so idle is read 15 s later, and the
    // reading after one second is printed beside it.
    await new Promise((r) => setTimeout(r, 1000));
    const justAfterRss = server.rssMb();
    await new Promise((r) => setTimeout(r, 14_000));
    const idleRss = server.rssMb();

    const bareLoad = { url: bare.url, requests: barePaths.map((p) => ({ path: p })) };
    const leewayLoad = {
      url: server.url,
      headers: { cookie: owner.cookie },
      requests: paths.map((p) => ({ path: p })),
    };
    const {
      result: { baseline, subject: leeway },
      peak,
    } = await peakRss(server.rssMb, () => compare(bareLoad, leewayLoad));
    const one = await compare({ ...bareLoad, connections: 1 }, { ...leewayLoad, connections: 1 });
    const baseline1 = one.baseline;
    const leeway1 = one.subject;
    await bare.stop();

    const ratio = leeway.rps / baseline.rps;
    const ratio1 = leeway1.p50 / Math.max(baseline1.p50, 0.001);
    console.log(
      `\nOpen a board of ${TASKS} tasks (5 column requests of ~200 rows), ${dialect}, ${SECONDS}s per run`,
    );
    console.log(`  10 connections  baseline bare route: ${fmt(baseline)}`);
    console.log(
      `  10 connections  leeway:              ${fmt(leeway)}  (≈ ${(leeway.rps / 5).toFixed(0)} boards/s)`,
    );
    console.log(`  ratio leeway/baseline req/s: ${ratio.toFixed(2)} (goal ≥ 0.5: ${verdict(ratio >= 0.5)})`);
    console.log(`  1 connection    baseline bare route: ${fmt(baseline1)}`);
    console.log(`  1 connection    leeway:              ${fmt(leeway1)}`);
    console.log(
      `  p50 leeway/baseline at 1 connection: ${leeway1.p50} / ${baseline1.p50} ms = ${ratio1.toFixed(2)}× (goal ≤ 2×: ${verdict(ratio1 <= 2)})`,
    );
    console.log(
      `  server RSS idle ${idleRss.toFixed(0)} MB (goal < 120: ${verdict(idleRss < 120)}; ${justAfterRss.toFixed(0)} MB one second after the last request), peak under load ${peak.toFixed(0)} MB (goal < 250: ${verdict(peak < 250)})`,
    );
    if (dialect === 'postgres') {
      // SQLite's plans are printed by growth.bench.ts; here PostgreSQL's for the same query.
      const plans = await plansOf({ databaseUrl: databaseUrl as string }, (db) =>
        listTaskRows(
          db,
          { userId: owner.userId, role: 'owner', areaIds: new Set() },
          workspaceId,
          { states: ['todo'], now: new Date().toISOString() },
          { field: 'position', direction: 'asc' },
          null,
          1001,
        ),
      );
      printPlans('a board column (PostgreSQL)', plans);
    }
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (databaseUrl) await dropPgDatabase(dbName);
  }
}

await run('sqlite');
if (PG_ADMIN_URL) await run('postgres');
else console.log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
