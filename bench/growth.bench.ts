// Benchmark: does the server slow down as the database grows? Opening a board of 1,000 tasks
// and creating a task, at 10,000 and 100,000 tasks in the database (and 1,000,000 with
// BENCH_FULL=1), spread over 1,000 workspaces. Each size's req/s is compared with the smallest
// size's: the slowdown must stay under 1.5×, which holds only if every hot query uses an index
// — the plans of those queries are printed at the end. SQLite (the default database).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { hashToken } from '../server/src/lib/tokens.ts';
import { findLiveSession } from '../server/src/modules/auth/auth.repository.ts';
import { tasksToRemind } from '../server/src/modules/notifications/notifications.repository.ts';
import { endOfColumn, listTaskRows } from '../server/src/modules/tasks/tasks.repository.ts';
import { findMembership } from '../server/src/modules/workspaces/workspaces.repository.ts';
import { type Figures, FULL, fmt, load, SECONDS, verdict } from './lib/load.ts';
import { plansOf, printPlans } from './lib/plans.ts';
import { createWorkspace, id, iso, openSeedDb, type Row, signup, taskRow } from './lib/seed.ts';
import { startLeeway } from './lib/server.ts';

const WORKSPACES = 1000;
const BOARD = 1000;
const sizes = FULL ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
const states = ['todo', 'doing', 'review', 'done', 'cancelled'];

interface Result {
  size: number;
  board: Figures;
  create: Figures;
}

async function measure(size: number, printPlan: boolean): Promise<Result> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeway-bench-growth-'));
  const sqliteFile = path.join(dataDir, 'leeway.sqlite');
  const server = await startLeeway({ dataDir, databaseUrl: null });
  try {
    const owner = await signup(server.url, 'owner@example.com', 'Olivia Owner');
    const board = await createWorkspace(server.url, owner, 'Board');
    const writes = await createWorkspace(server.url, owner, 'Writes');
    const seed = openSeedDb({ sqliteFile });
    const t0 = Date.now();
    const now = Date.now();
    const others: string[] = [writes];
    const workspaceRows: Row[] = [];
    for (let w = others.length + 1; w < WORKSPACES; w++) {
      const wid = id();
      others.push(wid);
      workspaceRows.push({ id: wid, name: `Workspace ${w}`, created_at: iso(now), updated_at: iso(now) });
    }
    await seed.insert('workspaces', workspaceRows);
    await seed.insert(
      'tasks',
      Array.from({ length: BOARD }, (_, i) =>
        taskRow({ workspaceId: board, creatorId: owner.userId, assigneeId: owner.userId, i, now }),
      ),
    );
    // The rest round-robin over the other 999 workspaces, generated in slices to bound memory.
    const rest = size - BOARD;
    const slice = 50_000;
    for (let start = 0; start < rest; start += slice) {
      const rows: Row[] = [];
      for (let k = start; k < Math.min(rest, start + slice); k++) {
        const workspaceId = others[k % others.length] as string;
        rows.push(
          taskRow({
            workspaceId,
            creatorId: owner.userId,
            assigneeId: owner.userId,
            i: Math.floor(k / others.length),
            now,
          }),
        );
      }
      await seed.insert('tasks', rows);
    }
    await seed.close();
    console.log(
      `  ${size.toLocaleString('en')} tasks over ${WORKSPACES} workspaces seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );

    const boardPaths = states.map((s) => ({
      path: `/api/v1/workspaces/${board}/tasks?state=${s}&sort=position&order=asc&limit=1000`,
    }));
    const boardFigures = await load({
      url: server.url,
      headers: { cookie: owner.cookie },
      requests: boardPaths,
    });
    const create = await load({
      url: `${server.url}/api/v1/workspaces/${writes}/tasks`,
      method: 'POST',
      headers: owner.headers,
      body: JSON.stringify({ title: 'Send the invoice' }),
    });

    if (printPlan) {
      const sessionHash = hashToken('session', owner.cookie.split('=')[1] ?? '') ?? '';
      const plans = await plansOf({ sqliteFile }, async (db) => {
        const at = new Date().toISOString();
        await findLiveSession(db, sessionHash, at);
        await findMembership(db, board, owner.userId);
        await listTaskRows(
          db,
          { userId: owner.userId, role: 'owner', areaIds: new Set() },
          board,
          { states: ['todo'], now: at },
          { field: 'position', direction: 'asc' },
          null,
          1001,
        );
        await listTaskRows(
          db,
          { userId: 'someone', role: 'assistant', areaIds: new Set([id()]) },
          board,
          { states: ['todo'], now: at },
          { field: 'position', direction: 'asc' },
          null,
          1001,
        );
        await endOfColumn(db, writes, 'todo');
        // The due-reminder job reads across every workspace, every five minutes.
        const soon = new Date(Date.now() + 86_400_000).toISOString();
        await tasksToRemind(db, 'due_soon', at, soon, 100);
        await tasksToRemind(db, 'overdue', at, soon, 100);
        await sql`select 1`.execute(db);
      });
      printPlans(
        `${size.toLocaleString('en')} tasks (SQLite)`,
        plans.filter((p) => p.sql !== 'select 1'),
      );
    }
    return { size, board: boardFigures, create };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(
  `\nGrowth: board of ${BOARD} tasks and task create as the database grows (SQLite, 10 connections, ${SECONDS}s per run)`,
);
const results: Result[] = [];
for (const [i, size] of sizes.entries()) results.push(await measure(size, i === sizes.length - 1));
const first = results[0] as Result;
console.log('');
for (const r of results) {
  const slowBoard = first.board.rps / r.board.rps;
  const slowCreate = first.create.rps / r.create.rps;
  console.log(
    `  ${r.size.toLocaleString('en').padStart(9)} tasks  board  ${fmt(r.board)}  slowdown ${slowBoard.toFixed(2)}× (goal < 1.5: ${verdict(slowBoard < 1.5)})`,
  );
  console.log(
    `  ${''.padStart(9)}        create ${fmt(r.create)}  slowdown ${slowCreate.toFixed(2)}× (goal < 1.5: ${verdict(slowCreate < 1.5)})`,
  );
}
if (!FULL) console.log('  (1,000,000 tasks: run with BENCH_FULL=1)');
