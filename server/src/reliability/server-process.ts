import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SessionInfo } from '@leeway/core';
import { build } from 'esbuild';
import pg from 'pg';

/**
 * Real server processes for the reliability tests (crash, graceful shutdown, backup): the
 * server is bundled once as `npm start` does and run with `node`, so a restart costs what it
 * costs a user, and signals reach the server itself (no tsx or npm in between).
 */

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Bundles `server/src/bin.ts` like `server/build.mjs` (npm packages stay external), into a
 * folder of its own under `server/node_modules/.cache`, so the packages resolve as for
 * `server/dist` and a parallel build of `server/dist` is never touched.
 */
export async function buildServerBundle(): Promise<{ file: string; dispose(): void }> {
  const read = (p: string) =>
    JSON.parse(fs.readFileSync(path.join(root, p), 'utf8')) as { dependencies?: Record<string, string> };
  const external = [
    ...Object.keys(read('server/package.json').dependencies ?? {}),
    ...Object.keys(read('core/package.json').dependencies ?? {}),
  ];
  const dir = path.join(
    root,
    'server/node_modules/.cache',
    `leeway-reliability-${randomBytes(4).toString('hex')}`,
  );
  const file = path.join(dir, 'leeway.mjs');
  await build({
    entryPoints: [path.join(root, 'server/src/bin.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external,
    define: { __LEEWAY_VERSION__: JSON.stringify('reliability-test') },
    logLevel: 'warning',
  });
  return { file, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
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

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when a signal ended it) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL after `graceMs`; safe to call when it has exited already. */
  stop(graceMs?: number): Promise<void>;
}

/** Settings every test server shares: quiet, fast password hashing, no web app, no mail. */
export const baseEnv = {
  WEB_DIR: '',
  LOG_LEVEL: 'warn',
  SCRYPT_LOG2N: '10',
  AUTH_RATE_LIMIT: '10000',
  SMTP_URL: '',
  DATABASE_URL: '',
};

/** Runs `<cli> <args…>` with the given environment and collects its output. */
export function runCli(
  bundle: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      cwd: root,
      // Vitest sets BASE_URL to '/' for Vite; the CLI reads the same variable as the server.
      env: { ...process.env, ...baseEnv, BASE_URL: 'http://127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `leeway serve` from the bundle on a free loopback port and waits until it is ready. */
export async function startServer(bundle: string, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [bundle, 'serve'], {
    cwd: root,
    env: { ...process.env, ...baseEnv, ...env, PORT: String(port), HOST: '127.0.0.1', BASE_URL: url },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  const stop = async (graceMs = 10_000) => {
    if (done) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(killer);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (done) throw new Error(`server on port ${port} exited before it was ready`);
    if (Date.now() > deadline) {
      await stop(1_000);
      throw new Error(`server on port ${port} not ready within 60 s`);
    }
    const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) })
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return { url, child, exited, stop };
    await sleep(50);
  }
}

/** A browser-like HTTP client for a real server: a cookie jar and the CSRF token. */
export class HttpClient {
  private readonly cookies = new Map<string, string>();
  csrfToken: string | null = null;

  constructor(public base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** `at`: another node's base URL for this request (one cookie jar, as behind a load balancer). */
  async request<T>(
    method: string,
    url: string,
    payload?: unknown,
    at: string = this.base,
  ): Promise<{ status: number; body: T }> {
    if (method !== 'GET' && !this.csrfToken) await this.request('GET', '/api/v1/auth/session', undefined, at);
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (payload !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${at}${url}`, {
      method,
      headers,
      ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const text = await res.text();
    const body = (
      text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text
    ) as T;
    const csrf = (body as Partial<SessionInfo> | null)?.csrfToken;
    if (typeof csrf === 'string') this.csrfToken = csrf;
    return { status: res.status, body };
  }
}

/** A small seeded generator (mulberry32), so a failing round can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PostgreSQL schema of its own for one test file, and the DATABASE_URL that works in it. */
export async function pgSchema(
  databaseUrl: string,
): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create schema ${schema}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { schema, url: url.toString(), drop: () => admin(`drop schema if exists ${schema} cascade`) };
}
