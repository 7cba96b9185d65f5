import { randomBytes } from 'node:crypto';
import type { SessionInfo, User, Workspace } from '@leeway/core';
import type { FastifyServerOptions } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Db, type Dialect, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { App } from '../http.ts';
import { TestClock } from '../lib/clock.ts';
import { MemoryMailer } from '../mail/mailer.ts';

/**
 * Every DB and HTTP test runs on SQLite and, when TEST_DATABASE_URL is set, again on
 * PostgreSQL, each suite in a schema of its own so parallel runs never see each other.
 */
export function dialects(): Dialect[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface Harness {
  app: App;
  db: Db;
  clock: TestClock;
  mailer: MemoryMailer;
  config: Config;
  dialect: Dialect;
  client(): TestClient;
}

export interface HarnessOptions {
  config?: Partial<Config>;
  /** Fastify logger options; default silent (the web security test captures a real log). */
  logger?: FastifyServerOptions['logger'];
}

let sweptStaleSchemas = false;

/**
 * Drops schemas that earlier runs left behind (a killed run never reaches afterAll). Schema
 * names carry their creation time, so only those older than two hours go: a run still going
 * on beside this one keeps its own.
 */
async function sweepStaleSchemas(admin: pg.Client): Promise<void> {
  if (sweptStaleSchemas) return;
  sweptStaleSchemas = true;
  const { rows } = await admin.query<{ name: string }>(
    "select schema_name as name from information_schema.schemata where schema_name like 't\\_%'",
  );
  const cutoff = Date.now() - 2 * 60 * 60 * 1000;
  for (const { name } of rows) {
    const stamp = /^t_([0-9a-z]+)_[0-9a-f]+$/.exec(name)?.[1];
    if (stamp !== undefined && Number.parseInt(stamp, 36) >= cutoff) continue;
    await admin.query(`drop schema if exists "${name}" cascade`).catch(() => {});
  }
}

async function createPgSchema(): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await sweepStaleSchemas(admin);
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return {
    schema,
    drop: async () => {
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

export async function createHarness(
  dialect: Dialect,
  options: HarnessOptions = {},
): Promise<Harness & { close(): Promise<void> }> {
  const config: Config = {
    ...loadConfig({ BASE_URL: 'http://leeway.test', WEB_DIR: '' }),
    scryptLog2N: 10,
    authRateLimit: 10_000,
    ...options.config,
  };
  let dropSchema: (() => Promise<void>) | null = null;
  let db: Db;
  if (dialect === 'postgres') {
    const { schema, drop } = await createPgSchema();
    dropSchema = drop;
    db = openDatabase({
      databaseUrl: process.env.TEST_DATABASE_URL ?? null,
      sqliteFile: '',
      pgSchema: schema,
      poolSize: 5,
    });
  } else {
    db = openDatabase({ databaseUrl: null, sqliteFile: ':memory:' });
  }
  await migrateToLatest(db.db);
  const clock = new TestClock();
  const mailer = new MemoryMailer();
  const app = await buildApp({ config, db, clock, mailer, logger: options.logger ?? false });
  await app.ready();
  const harness: Harness & { close(): Promise<void> } = {
    app,
    db,
    clock,
    mailer,
    config,
    dialect,
    client: () => new TestClient(app),
    close: async () => {
      await app.close();
      await db.close();
      await dropSchema?.();
    },
  };
  return harness;
}

/**
 * Declares a suite once per database. The callback receives a getter, because the harness
 * only exists once beforeAll has run.
 */
export function describeEachDb(
  name: string,
  body: (h: () => Harness) => void,
  options: HarnessOptions = {},
): void {
  for (const dialect of dialects()) {
    describe(`${name} [${dialect}]`, () => {
      let harness: (Harness & { close(): Promise<void> }) | undefined;
      beforeAll(async () => {
        harness = await createHarness(dialect, options);
      });
      afterAll(async () => {
        await harness?.close();
      });
      body(() => {
        if (!harness) throw new Error('harness not ready');
        return harness;
      });
    });
  }
}

export interface Res<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A browser-like client: keeps cookies and sends the CSRF token like the web app does. */
export class TestClient {
  private cookies = new Map<string, string>();
  csrfToken: string | null = null;
  user: User | null = null;

  constructor(private readonly app: App) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(setCookie: string | string[] | number | undefined) {
    const list = Array.isArray(setCookie) ? setCookie : typeof setCookie === 'string' ? [setCookie] : [];
    for (const c of list) {
      const [pair] = c.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request<T = unknown>(
    method: Method,
    url: string,
    payload?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Res<T>> {
    if (method !== 'GET' && options.csrf !== false && !this.csrfToken) await this.refreshSession();
    const headers: Record<string, string> = { ...options.headers };
    const cookie = this.cookieHeader();
    if (cookie) headers.cookie = cookie;
    if (method !== 'GET' && options.csrf !== false && this.csrfToken)
      headers['x-csrf-token'] = this.csrfToken;
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
    this.remember(res.headers['set-cookie']);
    const text = res.body;
    let body: unknown = text;
    if (text && String(res.headers['content-type'] ?? '').includes('json')) body = JSON.parse(text);
    const maybeSession = body as Partial<SessionInfo> | null;
    if (maybeSession && typeof maybeSession === 'object' && typeof maybeSession.csrfToken === 'string') {
      this.csrfToken = maybeSession.csrfToken;
      this.user = maybeSession.user ?? null;
    }
    return { status: res.statusCode, body: body as T, headers: res.headers };
  }

  get<T = unknown>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = unknown>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body ?? {});
  }
  patch<T = unknown>(url: string, body?: unknown) {
    return this.request<T>('PATCH', url, body ?? {});
  }
  delete<T = unknown>(url: string) {
    return this.request<T>('DELETE', url);
  }

  async refreshSession(): Promise<SessionInfo> {
    return (await this.get<SessionInfo>('/api/v1/auth/session')).body;
  }
}

let counter = 0;
/** A unique address per call, so tests sharing a database never collide. */
export function uniqueEmail(prefix = 'person'): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString('hex')}@example.com`;
}

export const PASSWORD = 'correct horse battery';

/** Factory: a signed-up, signed-in person. */
export async function signUp(
  h: Harness,
  fields: { name?: string; email?: string; locale?: 'en' | 'de' } = {},
): Promise<TestClient & { user: User }> {
  const client = h.client();
  const res = await client.post<SessionInfo>('/api/v1/auth/signup', {
    email: fields.email ?? uniqueEmail(),
    name: fields.name ?? 'Test Person',
    password: PASSWORD,
    locale: fields.locale ?? 'en',
    timeZone: 'Europe/Berlin',
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return client as TestClient & { user: User };
}

/** Factory: a workspace owned by a new person, with `assistants` assistants who joined by invitation. */
export async function workspaceWith(
  h: Harness,
  options: { assistants?: number; owners?: number; name?: string } = {},
): Promise<{
  workspace: Workspace;
  owner: TestClient & { user: User };
  owners: TestClient[];
  assistants: (TestClient & { user: User })[];
}> {
  const owner = await signUp(h, { name: 'Olivia Owner' });
  const ws = await owner.post<Workspace>('/api/v1/workspaces', { name: options.name ?? 'Acme' });
  const workspace = ws.body;
  const join = async (role: 'owner' | 'assistant', name: string) => {
    const inv = await owner.post<{ url: string }>(`/api/v1/workspaces/${workspace.id}/invitations`, { role });
    const token = inv.body.url.split('#')[1];
    const person = await signUp(h, { name });
    const accepted = await person.post('/api/v1/invitations/accept', { token });
    if (accepted.status !== 200) throw new Error(`accept failed: ${JSON.stringify(accepted.body)}`);
    return person;
  };
  const owners: TestClient[] = [owner];
  for (let i = 1; i < (options.owners ?? 1); i++) owners.push(await join('owner', `Owner ${i + 1}`));
  const assistants: (TestClient & { user: User })[] = [];
  for (let i = 0; i < (options.assistants ?? 0); i++)
    assistants.push(await join('assistant', `Assistant ${i + 1}`));
  return { workspace, owner, owners, assistants };
}
