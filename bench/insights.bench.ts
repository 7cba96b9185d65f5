// Benchmark: the insights page (GET /insights, the micromanagement index of every
// principal × assistant pair over 30 days) for a workspace of 100,000 tasks with their review
// records, history events, level changes, proposals and support episodes — 3 principals and 6
// assistants in 6 areas — at 10 connections. Beside it the same page for a workspace of
// 10,000 tasks of the same shape: the server aggregates with a few grouped queries, so ten
// times the tasks must not cost ten times the time. Baseline: a bare route running one
// aggregate over the same 100,000 tasks (`select assignee_id, count(*) … group by assignee_id`).
// SQLite, and PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as repo from '../server/src/modules/insights/insights.repository.ts';
import { compare, fmt, load, SECONDS } from './lib/load.ts';
import { plansOf, printPlans } from './lib/plans.ts';
import {
  type Account,
  createWorkspace,
  dropPgDatabase,
  freshPgDatabase,
  id,
  iso,
  openSeedDb,
  PG_ADMIN_URL,
  type Row,
  type SeedDb,
  signup,
  taskRow,
} from './lib/seed.ts';
import { startBare, startLeeway } from './lib/server.ts';

const DAY = 86_400_000;

/** One workspace of `n` tasks, spread over 180 days, with everything the index reads. */
async function seedWorkspace(
  seed: SeedDb,
  workspaceId: string,
  principals: string[],
  assistants: string[],
  n: number,
  now: number,
) {
  const t0 = Date.now();
  const at = iso(now);
  const others = [...principals.slice(1), ...assistants].map((userId, i) => ({
    workspace_id: workspaceId,
    user_id: userId,
    role: i < principals.length - 1 ? 'owner' : 'assistant',
    created_at: at,
  }));
  await seed.insert('memberships', others);
  const areas = ['Finance', 'Calendar', 'Travel', 'Customers', 'Suppliers', 'Content'].map((name, i) => ({
    id: id(),
    workspace_id: workspaceId,
    name,
    owner_id: principals[i % principals.length] as string,
    created_at: at,
    updated_at: at,
  }));
  await seed.insert('areas', areas);
  const grants: Row[] = [];
  const members: Row[] = [];
  const levelChanges: Row[] = [];
  const proposals: Row[] = [];
  const episodes: Row[] = [];
  assistants.forEach((a, ai) => {
    areas.forEach((area, k) => {
      members.push({ workspace_id: workspaceId, area_id: area.id, user_id: a, created_at: at });
      const level = 1 + ((ai + k) % 5);
      grants.push({
        id: id(),
        workspace_id: workspaceId,
        member_id: a,
        area_id: area.id,
        level,
        since: iso(now - 60 * DAY),
        created_at: at,
        updated_at: at,
      });
      for (let l = 1; l < level; l++) {
        levelChanges.push({
          id: id(),
          workspace_id: workspaceId,
          member_id: a,
          area_id: area.id,
          from_level: l,
          to_level: l + 1,
          kind: 'promotion',
          evidence: '{}',
          decided_by: principals[0] as string,
          created_at: iso(now - (150 - l * 20) * DAY),
        });
      }
      if ((ai + k) % 4 === 0) {
        proposals.push({
          id: id(),
          workspace_id: workspaceId,
          member_id: a,
          area_id: area.id,
          from_level: level,
          to_level: Math.min(5, level + 1),
          kind: 'auto_promotion',
          status: 'pending',
          evidence: '{}',
          created_at: iso(now - 20 * DAY),
        });
      }
      if ((ai + k) % 6 === 1) {
        episodes.push({
          id: id(),
          workspace_id: workspaceId,
          member_id: a,
          area_id: area.id,
          reason: 'new_area',
          cap_level: 2,
          starts_at: iso(now - 40 * DAY),
          planned_end_at: iso(now - 10 * DAY),
          ended_at: iso(now - 10 * DAY),
          created_at: iso(now - 40 * DAY),
        });
      }
    });
  });
  await seed.insert('area_members', members);
  await seed.insert('autonomy_grants', grants);
  await seed.insert('level_changes', levelChanges);
  await seed.insert('proposals', proposals);
  await seed.insert('support_episodes', episodes);

  const tasks: Row[] = [];
  const reviews: Row[] = [];
  const events: Row[] = [];
  for (let i = 0; i < n; i++) {
    // Four in five tasks are an assistant's; the rest the principals' own.
    const mine = i % 5 === 4;
    const assignee = mine
      ? (principals[i % principals.length] as string)
      : (assistants[i % assistants.length] as string);
    const principal = principals[i % principals.length] as string;
    const area = areas[i % areas.length] as (typeof areas)[number];
    const task = taskRow({
      workspaceId,
      creatorId: principal,
      assigneeId: assignee,
      areaId: area.id,
      i,
      now,
      span: 180 * DAY,
    });
    tasks.push(task);
    const created = task.created_at as string;
    events.push({
      id: id(),
      workspace_id: workspaceId,
      task_id: task.id as string,
      actor_id: principal,
      kind: 'created',
      data: '{}',
      created_at: created,
    });
    if (task.state === 'done' && !mine) {
      const decided = task.completed_at as string;
      const submitted = iso(Date.parse(decided) - (2 + (i % 40)) * 3_600_000);
      const changes = i % 7 === 0;
      reviews.push({
        id: id(),
        workspace_id: workspaceId,
        task_id: task.id as string,
        member_id: assignee,
        area_id: area.id,
        reviewer_id: principal,
        phase: i % 9 === 0 ? 'requested' : 'required',
        submitted_at: submitted,
        decided_at: decided,
        outcome: changes ? 'changes_requested' : 'accepted',
        tags: changes ? (i % 2 ? '["preference"]' : '["defect"]') : '[]',
        note: changes ? 'Please use the new template.' : '',
      });
      events.push({
        id: id(),
        workspace_id: workspaceId,
        task_id: task.id as string,
        actor_id: assignee,
        kind: 'submitted',
        data: '{}',
        created_at: submitted,
      });
      if (i % 11 === 0) {
        events.push({
          id: id(),
          workspace_id: workspaceId,
          task_id: task.id as string,
          actor_id: principal,
          kind: 'updated',
          data: '{"changes":{"title":{"from":"a","to":"b"}}}',
          created_at: iso(Date.parse(decided) + 3_600_000),
        });
      }
    }
    if (mine && i % 13 === 0) {
      // Taken back: reassigned from an assistant to the principal.
      const from = assistants[i % assistants.length] as string;
      events.push({
        id: id(),
        workspace_id: workspaceId,
        task_id: task.id as string,
        actor_id: assignee,
        kind: 'updated',
        data: JSON.stringify({ changes: { assigneeId: { from, to: assignee } } }),
        created_at: iso(Date.parse(created) + 3_600_000),
      });
    }
  }
  await seed.insert('tasks', tasks);
  await seed.insert('review_records', reviews);
  await seed.insert('task_events', events);
  console.log(
    `  seeded ${n} tasks, ${reviews.length} reviews, ${events.length} events, ${levelChanges.length} level changes in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
}

async function run(dialect: 'sqlite' | 'postgres') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeway-bench-insights-'));
  const sqliteFile = path.join(dataDir, 'leeway.sqlite');
  const dbName = 'leeway_bench_insights';
  const databaseUrl = dialect === 'postgres' ? await freshPgDatabase(dbName) : null;
  const server = await startLeeway({ dataDir, databaseUrl });
  try {
    console.log(`\nInsights page, ${dialect}`);
    const people: Account[] = [];
    for (const [i, name] of [
      'Olivia',
      'Paul',
      'Petra',
      'Anna',
      'Ben',
      'Clara',
      'David',
      'Eva',
      'Finn',
    ].entries()) {
      people.push(await signup(server.url, `p${i}@example.com`, name));
    }
    const owner = people[0] as Account;
    const principals = people.slice(0, 3).map((p) => p.userId);
    const assistants = people.slice(3).map((p) => p.userId);
    const small = await createWorkspace(server.url, owner, 'Ten thousand');
    const large = await createWorkspace(server.url, owner, 'Hundred thousand');
    const seed = openSeedDb(databaseUrl ? { databaseUrl } : { sqliteFile });
    const now = Date.now();
    await seedWorkspace(seed, small, principals, assistants, 10_000, now);
    await seedWorkspace(seed, large, principals, assistants, 100_000, now);
    if (seed.dialect === 'postgres') await seed.exec('analyze');
    await seed.close();

    const page = (ws: string) => `${server.url}/api/v1/workspaces/${ws}/insights`;
    const started = performance.now();
    const res = await fetch(page(large), { headers: { cookie: owner.cookie } });
    console.log(`  one request alone, 100,000 tasks: ${(performance.now() - started).toFixed(0)} ms`);
    const body = (await res.json()) as { pairs: { completedTasks: number }[] };
    if (!res.ok || body.pairs.length !== 18) throw new Error(`insights answered ${res.status}`);

    const bare = await startBare({
      sqliteFile: databaseUrl ? null : sqliteFile,
      databaseUrl,
      routes: [
        {
          method: 'GET',
          path: '/count',
          sql: 'select assignee_id, count(*) as n from tasks where workspace_id = ? group by assignee_id',
          params: ['q:ws'],
        },
      ],
    });
    const headers = { cookie: owner.cookie };
    if (process.env.BENCH_KEEP === '1')
      console.log(`  owner cookie ${owner.cookie} small ${small} large ${large}`);
    const { baseline, subject: leeway } = await compare(
      { url: `${bare.url}/count?ws=${large}` },
      { url: page(large), headers },
    );
    const smallFigures = await load({ url: page(small), headers });
    await bare.stop();
    console.log(`  10 connections, ${SECONDS}s per side`);
    console.log(`  baseline bare count(*) over the 100,000 tasks: ${fmt(baseline)}`);
    console.log(`  leeway insights, 100,000 tasks:               ${fmt(leeway)}`);
    console.log(`  leeway insights, 10,000 tasks:                ${fmt(smallFigures)}`);
    console.log(`  ratio leeway/baseline req/s: ${(leeway.rps / baseline.rps).toFixed(2)}`);
    console.log(
      `  p99 at 100k ÷ p99 at 10k: ${(leeway.p99 / Math.max(1, smallFigures.p99)).toFixed(2)} (10× the tasks)`,
    );
    if (process.env.BENCH_PLANS !== '0') {
      const w = { start: iso(now - 30 * DAY), end: iso(now) };
      const plans = await plansOf(databaseUrl ? { databaseUrl } : { sqliteFile }, async (db) => {
        await repo.completedCounts(db, large, assistants, w);
        await repo.reviewPhaseCounts(db, large, assistants, w);
        await repo.reviewTimings(db, large, assistants, w);
        await repo.assigneeChangeEvents(db, large, principals, w);
        await repo.editsAfterCompletion(db, large, assistants, principals, w);
      });
      printPlans(`insights, 100,000 tasks (${dialect})`, plans);
    }
  } finally {
    await server.stop();
    if (process.env.BENCH_KEEP === '1') console.log(`  kept ${databaseUrl ?? sqliteFile}`);
    else {
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (databaseUrl) await dropPgDatabase(dbName);
    }
  }
}

await run('sqlite');
if (PG_ADMIN_URL) await run('postgres');
else console.log('\n(PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL)');
