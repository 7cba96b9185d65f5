// Starts the real server the way `npm start` does (the bundled server/dist/leeway.mjs, built
// when stale) in a child process, so its RSS is its own and the load generator runs beside it
// rather than inside it. Loopback only.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIfNeeded } from '../../scripts/build-if-needed.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const built = new Set<string>();

/**
 * Builds the bundled server (and the web app when asked) if a source is newer than it — once
 * per benchmark process, so every server a benchmark compares runs the same build even while
 * someone edits the sources.
 */
export function build(which: Array<'server' | 'web'>): void {
  const todo = which.filter((w) => !built.has(w));
  if (todo.length === 0) return;
  buildIfNeeded(todo);
  for (const w of todo) built.add(w);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Child {
  url: string;
  pid: number;
  /** Resident set size of the process now, in MB (from /proc). */
  rssMb(): number;
  stop(): Promise<void>;
}

export function rssMbOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function waitReady(child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('server did not become ready within 60 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function wrap(child: ChildProcess, url: string): Child {
  return {
    url,
    pid: child.pid ?? 0,
    rssMb: () => rssMbOf(child.pid ?? 0),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

export interface LeewayOptions {
  dataDir: string;
  /** PostgreSQL URL, or null for SQLite in dataDir. */
  databaseUrl: string | null;
  /** Serve the built web app too (the browser benchmark). */
  web?: boolean;
}

/** The bundled server (`leeway serve`), as `npm start` runs it. */
/**
 * The node flags `npm start` runs the server with (the root package.json's start script), so
 * the benchmarks measure the process a user runs, memory settings included.
 */
export const startFlags: string[] = (
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((arg) => arg.startsWith('--'));

export async function startLeeway(options: LeewayOptions): Promise<Child> {
  build(options.web ? ['server', 'web'] : ['server']);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const entry = pathToFileURL(path.join(root, 'server/dist/leeway.mjs')).href;
  const child = spawn(
    process.execPath,
    [
      ...startFlags,
      // BENCH_PROFILE=<dir>: a V8 CPU profile of the server, written when it stops.
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
      '--input-type=module',
      '-e',
      `const { run } = await import(${JSON.stringify(entry)}); await run(['serve']);`,
    ],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        BASE_URL: url,
        DATA_DIR: options.dataDir,
        DATABASE_URL: options.databaseUrl ?? '',
        LOG_LEVEL: 'warn',
        // Sign-ups in the seeding would otherwise be slowed and rate limited on purpose.
        SCRYPT_LOG2N: '10',
        AUTH_RATE_LIMIT: '100000',
        ...(options.web ? {} : { WEB_DIR: '' }),
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  await waitReady(child, `${url}/api/health/ready`);
  return wrap(child, url);
}

/** The bare baseline server (bench/lib/bare-server.ts) in its own process, like Leeway. */
export async function startBare(config: BareConfig): Promise<Child> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench/lib/bare-server.ts')], {
    cwd: root,
    env: { ...process.env, BARE_PORT: String(port), BARE_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitReady(child, `${url}/ready`);
  return wrap(child, url);
}

/**
 * One bare route: `sql` with `?` placeholders, filled in order from `params`:
 * `q:<name>` a querystring value, `b:<name>` a JSON body field, `uuid` a new id, `now` the time.
 */
export interface BareRoute {
  method: 'GET' | 'POST';
  path: string;
  sql: string;
  params: string[];
  /** Answer the first row instead of all rows. */
  first?: boolean;
}

export interface BareConfig {
  sqliteFile: string | null;
  databaseUrl: string | null;
  routes: BareRoute[];
}
