// Fast seeding straight into the database (batched inserts in transactions), plus the few API
// calls that must go through the server (sign-up for a real session, workspace creation).
import { randomUUID } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';

export type Row = Record<string, string | number | null>;

/** The PostgreSQL server benchmarks may use, or null (then they run on SQLite only). */
export const PG_ADMIN_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null;

/** Drops and creates a database of its own on the PostgreSQL server; answers its URL. */
export async function freshPgDatabase(name: string): Promise<string> {
  if (!PG_ADMIN_URL) throw new Error('no BENCH_DATABASE_URL / TEST_DATABASE_URL');
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPgDatabase(name: string): Promise<void> {
  if (!PG_ADMIN_URL) return;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

export interface SeedDb {
  dialect: 'sqlite' | 'postgres';
  /** Inserts rows (all with the same keys) in batches, inside one transaction per 50k rows. */
  insert(table: string, rows: Row[]): Promise<void>;
  all<T = Row>(text: string, params?: unknown[]): Promise<T[]>;
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}

export function openSeedDb(target: { sqliteFile: string } | { databaseUrl: string }): SeedDb {
  if ('sqliteFile' in target) {
    const db = new SqliteDatabase(target.sqliteFile);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    db.pragma('busy_timeout = 10000');
    return {
      dialect: 'sqlite',
      insert: async (table, rows) => {
        if (rows.length === 0) return;
        const columns = Object.keys(rows[0] as Row);
        const statement = db.prepare(
          `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
        );
        const batch = db.transaction((slice: Row[]) => {
          for (const row of slice) statement.run(...columns.map((c) => row[c]));
        });
        for (let i = 0; i < rows.length; i += 50_000) batch(rows.slice(i, i + 50_000));
      },
      all: async <T>(text: string, params: unknown[] = []) => db.prepare(text).all(...params) as T[],
      exec: async (text) => {
        db.exec(text);
      },
      close: async () => {
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 2 });
  return {
    dialect: 'postgres',
    insert: async (table, rows) => {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0] as Row);
      const perStatement = Math.floor(60_000 / columns.length);
      const client = await pool.connect();
      try {
        await client.query('begin');
        for (let i = 0; i < rows.length; i += perStatement) {
          const slice = rows.slice(i, i + perStatement);
          const values: unknown[] = [];
          const tuples = slice.map((row, r) => {
            for (const c of columns) values.push(row[c]);
            return `(${columns.map((_, k) => `$${r * columns.length + k + 1}`).join(', ')})`;
          });
          await client.query(
            `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`,
            values,
          );
          if ((i / perStatement) % 50 === 49) {
            await client.query('commit');
            await client.query('begin');
          }
        }
        await client.query('commit');
      } finally {
        client.release();
      }
    },
    all: async <T>(text: string, params: unknown[] = []) => {
      let i = 0;
      return (
        await pool.query(
          text.replace(/\?/g, () => `$${++i}`),
          params,
        )
      ).rows as T[];
    },
    exec: async (text) => {
      await pool.query(text);
    },
    close: () => pool.end(),
  };
}

// ── Through the API ───────────────────────────────────────────────────────────────────────

export interface Account {
  userId: string;
  cookie: string;
  csrf: string;
  /** Headers for a write request. */
  headers: Record<string, string>;
}

/** Signs up through the API, as a person would, and answers a logged-in session. */
export async function signup(base: string, email: string, name: string): Promise<Account> {
  const session = await fetch(`${base}/api/v1/auth/session`);
  const csrfCookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: csrfCookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ email, name, password: 'bench password 123' }),
  });
  if (!res.ok) throw new Error(`signup ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await res.json()) as { csrfToken: string; user: { id: string } };
  return {
    userId: body.user.id,
    cookie,
    csrf: body.csrfToken,
    headers: { cookie, 'x-csrf-token': body.csrfToken, 'content-type': 'application/json' },
  };
}

export async function api<T>(base: string, account: Account, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: account.headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path} ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export async function createWorkspace(base: string, owner: Account, name: string): Promise<string> {
  return (await api<{ id: string }>(base, owner, 'POST', '/workspaces', { name })).id;
}

// ── Row factories ─────────────────────────────────────────────────────────────────────────

export const iso = (ms: number) => new Date(ms).toISOString();
export const id = () => randomUUID();

const states = ['todo', 'doing', 'review', 'done', 'cancelled'] as const;
/** A board's plausible spread over the columns: 30 % todo, 20 % doing, 10 % review, 30 % done, 10 % cancelled. */
const stateSpread = [0, 0, 0, 1, 1, 2, 3, 3, 3, 4] as const;

export interface TaskRowOptions {
  workspaceId: string;
  creatorId: string;
  assigneeId?: string | null;
  areaId?: string | null;
  /** Index of the task in its workspace: sets state, position and times. */
  i: number;
  now: number;
  /** Spread of created_at back in time (ms). */
  span?: number;
  state?: (typeof states)[number];
}

export function taskRow(o: TaskRowOptions): Row {
  const state = o.state ?? states[stateSpread[o.i % stateSpread.length] ?? 0];
  const created = o.now - Math.floor((((o.i * 7919) % 1000) / 1000) * (o.span ?? 90 * 86_400_000)) - 60_000;
  const due = o.i % 4 === 0 ? o.now + ((o.i % 30) - 10) * 86_400_000 : null;
  const completed = state === 'done' ? Math.min(o.now - 1000, created + 3 * 86_400_000) : null;
  return {
    id: id(),
    workspace_id: o.workspaceId,
    title: `Task ${o.i}: follow up with the supplier about the invoice`,
    description: 'Ask for the corrected invoice and file it under receipts.',
    description_html: '<p>Ask for the corrected invoice and file it under receipts.</p>',
    area_id: o.areaId ?? null,
    assignee_id: o.assigneeId ?? null,
    creator_id: o.creatorId,
    state,
    priority: (['none', 'low', 'medium', 'high', 'urgent'] as const)[o.i % 5] ?? 'none',
    labels: o.i % 3 === 0 ? '["finance"]' : '[]',
    position: (o.i + 1) * 1024,
    due_at: due === null ? null : iso(due),
    // A steady state: reminders of tasks already due (or due within a day) went out.
    due_soon_notified_at: due !== null && due <= o.now + 86_400_000 ? iso(Math.min(due, o.now)) : null,
    overdue_notified_at: due !== null && due <= o.now ? iso(due) : null,
    created_at: iso(created),
    updated_at: iso(completed ?? created),
    completed_at: completed === null ? null : iso(completed),
  };
}

/**
 * An area ("Finance", owned by `ownerId`, with `memberIds` contributing) and `tasks` tasks in
 * it, assigned to `assigneeId`: the board most benchmarks open or write to. Returns the area id.
 */
export async function seedBoard(
  seed: SeedDb,
  o: { workspaceId: string; ownerId: string; assigneeId: string; tasks: number; memberIds?: string[] },
): Promise<string> {
  const now = Date.now();
  const areaId = id();
  const { workspaceId } = o;
  await seed.insert('areas', [
    {
      id: areaId,
      workspace_id: workspaceId,
      name: 'Finance',
      owner_id: o.ownerId,
      created_at: iso(now),
      updated_at: iso(now),
    },
  ]);
  if (o.memberIds?.length) {
    await seed.insert(
      'area_members',
      o.memberIds.map((userId) => ({
        workspace_id: workspaceId,
        area_id: areaId,
        user_id: userId,
        created_at: iso(now),
      })),
    );
  }
  await seed.insert(
    'tasks',
    Array.from({ length: o.tasks }, (_, i) =>
      taskRow({ workspaceId, creatorId: o.ownerId, assigneeId: o.assigneeId, areaId, i, now }),
    ),
  );
  return areaId;
}
