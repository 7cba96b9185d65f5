// Benchmark: the authenticated read every page load makes (session cookie → user →
// workspaces with roles) against a bare Fastify route returning the same rows from the same
// SQLite file with one prepared query. Prints both figures and their ratio. Loopback only;
// each run is bounded by DURATION seconds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import SqliteDatabase from 'better-sqlite3';
import Fastify from 'fastify';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { openDatabase } from '../server/src/db/database.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;

async function load(url: string, headers: Record<string, string>) {
  // Warm-up first, so the JIT and SQLite's page cache are hot for both sides alike.
  await autocannon({ url, connections: CONNECTIONS, duration: 1, headers });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeway-bench-'));
const file = path.join(dir, 'leeway.sqlite');
const db = openDatabase({ databaseUrl: null, sqliteFile: file });
await migrateToLatest(db.db);
const config = {
  ...loadConfig({ DATA_DIR: dir, WEB_DIR: '', BASE_URL: 'http://127.0.0.1' }),
  scryptLog2N: 10,
};
const app = await buildApp({ config, db, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

// Seed through the API, as a user would: one account in 20 workspaces.
const session = await fetch(`${base}/api/v1/auth/session`);
const csrfCookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const { csrfToken } = (await session.json()) as { csrfToken: string };
const signup = await fetch(`${base}/api/v1/auth/signup`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', cookie: csrfCookie, 'x-csrf-token': csrfToken },
  body: JSON.stringify({ email: 'bench@example.com', name: 'Bench', password: 'bench password 123' }),
});
const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
const signed = (await signup.json()) as { csrfToken: string; user: { id: string } };
for (let i = 0; i < 20; i++) {
  await fetch(`${base}/api/v1/workspaces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': signed.csrfToken },
    body: JSON.stringify({ name: `Workspace ${i}` }),
  });
}

// Baseline: the same rows, one query, no session, no schemas.
const raw = new SqliteDatabase(file, { readonly: true });
const query = raw.prepare(
  `select w.id, w.name, m.role, w.created_at as createdAt from workspaces w
   join memberships m on m.workspace_id = w.id where m.user_id = ? order by w.name, w.id`,
);
const bare = Fastify();
bare.get('/rows', async () => query.all(signed.user.id));
await bare.listen({ port: 0, host: '127.0.0.1' });
const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/rows`;

const baseline = await load(bareUrl, {});
const leeway = await load(`${base}/api/v1/workspaces`, { cookie });

console.log(`GET /api/v1/workspaces (20 rows, ${CONNECTIONS} connections, ${DURATION}s each, SQLite)`);
console.log(
  `  baseline bare route: ${baseline.rps.toFixed(0)} req/s, p50 ${baseline.p50} ms, p99 ${baseline.p99} ms`,
);
console.log(
  `  leeway:              ${leeway.rps.toFixed(0)} req/s, p50 ${leeway.p50} ms, p99 ${leeway.p99} ms`,
);
console.log(`  ratio (leeway / baseline req/s): ${(leeway.rps / baseline.rps).toFixed(2)}`);

await bare.close();
await app.close();
raw.close();
await db.close();
fs.rmSync(dir, { recursive: true, force: true });
