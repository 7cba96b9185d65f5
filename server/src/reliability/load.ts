// The load and soak driver (issue 9, docs/RELIABILITY.md "Load and soak"): seeds a workspace,
// starts the real server in a child process on loopback, keeps live streams open and drives a
// closed loop of mixed traffic — board reads, task edits with versions, comments, submissions
// by assistants, reviews by the owner, new tasks — while sampling the server's RSS. Shared by
// `npm run test:load`, `npm run test:soak` (load.main.ts) and the short CI run (load.test.ts).
//
// The HTTP loop is plain node:http rather than autocannon: every request here depends on the
// answer to an earlier one (a task's version, its state, who it is assigned to), and one keep-
// alive agent with `maxSockets = connections` gives exactly that many connections.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import {
  type Account,
  createWorkspace,
  id,
  iso,
  openSeedDb,
  type Row,
  signup,
  taskRow,
} from '../../../bench/lib/seed.ts';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface LoadOptions {
  seconds: number;
  connections: number;
  /** Live streams (SSE) kept open during the run, spread over the three people. */
  streams: number;
  tasks: number;
  /** How often the server's RSS is sampled. */
  rssEveryMs: number;
  /** A request without an answer after this long counts as a timeout (an error). */
  timeoutMs: number;
  /** Pause of each connection between two actions (0: closed loop at full speed). */
  thinkMs: number;
  /** PostgreSQL server to create a fresh database on; null: SQLite in a temporary directory. */
  pgAdminUrl: string | null;
  /** `bundle`: server/dist/leeway.mjs as `npm start` runs it (built when stale); `source`: tsx. */
  server: 'bundle' | 'source';
  /** Progress lines (seeding, start, each RSS sample when slow sampling). */
  log?: (line: string) => void;
}

export const kinds = ['board', 'edit', 'comment', 'submit', 'review', 'create'] as const;
export type Kind = (typeof kinds)[number];

export interface KindFigures {
  requests: number;
  ok: number;
  /** 409: a stale version or a task that moved on — an expected answer of the protocol. */
  conflicts: number;
  /** Any other 4xx: the driver sent something the protocol does not allow (a bug here or there). */
  unexpected: number;
  /** 5xx and socket errors. */
  errors: number;
  timeouts: number;
  p50: number;
  p99: number;
  max: number;
}

export interface RssSample {
  /** Seconds since the start of the traffic. */
  t: number;
  mb: number;
}

export interface LoadReport {
  options: Omit<LoadOptions, 'log'>;
  dialect: 'sqlite' | 'postgres';
  elapsedSeconds: number;
  requests: number;
  rps: number;
  byKind: Record<Kind, KindFigures>;
  errors: number;
  timeouts: number;
  unexpected: number;
  conflicts: number;
  /** First few unexpected answers and errors, to say what went wrong. */
  problems: string[];
  perSecond: number[];
  /** CPU seconds used during the traffic: how much of the machine each side got. */
  cpu: { server: number | null; driver: number };
  streams: { opened: number; events: number; ended: number };
  rss: { idle: number; samples: RssSample[]; min: number; max: number } | null;
}

// ── Server process ────────────────────────────────────────────────────────────────────────

async function freePort(): Promise<number> {
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

/** The RSS of a process in MB, or null where there is no /proc (not Linux). */
export function rssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far, or null without /proc. */
export function cpuSeconds(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after "pid (comm) ".
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

interface Server {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

async function startServer(
  options: LoadOptions,
  dataDir: string,
  databaseUrl: string | null,
): Promise<Server> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let args: string[];
  if (options.server === 'bundle') {
    // The server bundle only (the script alone would build the web app too).
    const script = pathToFileURL(path.join(root, 'scripts/build-if-needed.mjs')).href;
    const code = `const { buildIfNeeded } = await import(${JSON.stringify(script)}); buildIfNeeded(['server']);`;
    const built = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
      cwd: root,
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('building the server failed');
    const entry = pathToFileURL(path.join(root, 'server/dist/leeway.mjs')).href;
    args = [
      '--input-type=module',
      '-e',
      `const { run } = await import(${JSON.stringify(entry)}); await run(['serve']);`,
    ];
  } else {
    args = ['--import', 'tsx', 'server/src/bin.ts', 'serve'];
  }
  // LOAD_PROFILE=<dir>: a V8 CPU profile of the server, written when it stops.
  const profile = process.env.LOAD_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_PROFILE}`]
    : [];
  // LOAD_SERVER_FLAGS: more Node flags for the server (e.g. --trace-gc when RSS climbs).
  profile.push(...(process.env.LOAD_SERVER_FLAGS ?? '').split(' ').filter(Boolean));
  const child: ChildProcess = spawn(process.execPath, [...profile, ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: options.server === 'bundle' ? 'production' : 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: url,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? '',
      LOG_LEVEL: 'warn',
      WEB_DIR: '',
      // Three sign-ups in the seeding only; the load itself never signs in.
      SCRYPT_LOG2N: '10',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready`);
    const ok = await fetch(`${url}/api/health/ready`, { signal: AbortSignal.timeout(2_000) })
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return { url, port, pid: child.pid ?? 0, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error('server not ready within 90 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

// ── Seeding ───────────────────────────────────────────────────────────────────────────────

interface Person extends Account {
  name: string;
}

interface Seeded {
  workspaceId: string;
  owner: Person;
  assistants: [Person, Person];
  areaIds: string[];
}

/**
 * Owner and two assistants: Asa at level 1 and Ben at level 2 in their areas, both levels
 * where every result goes to review (DESIGN §4), so each submission queues a review. Tasks go
 * mostly to the assistants, a tenth to the owner's inbox; none starts in review (a seeded
 * review would lack its submission record).
 */
async function seed(url: string, target: { sqliteFile: string } | { databaseUrl: string }, tasks: number) {
  const owner = { ...(await signup(url, 'owner@example.com', 'Olivia Owner')), name: 'owner' };
  const asa = { ...(await signup(url, 'asa@example.com', 'Asa Assistant')), name: 'asa' };
  const ben = { ...(await signup(url, 'ben@example.com', 'Ben Assistant')), name: 'ben' };
  const workspaceId = await createWorkspace(url, owner, 'Load test');
  const db = openSeedDb(target);
  const now = Date.now();
  const at = iso(now - 86_400_000);
  await db.insert(
    'memberships',
    [asa, ben].map((a) => ({
      workspace_id: workspaceId,
      user_id: a.userId,
      role: 'assistant',
      created_at: at,
    })),
  );
  const areas = ['Finance', 'Customers', 'Operations'].map((name) => ({
    id: id(),
    workspace_id: workspaceId,
    name,
    owner_id: owner.userId,
    created_at: at,
    updated_at: at,
  }));
  await db.insert('areas', areas);
  // Finance: Asa; Customers: Ben; Operations: both.
  const cells: Array<[Person, string, number]> = [
    [asa, areas[0]?.id ?? '', 1],
    [ben, areas[1]?.id ?? '', 2],
    [asa, areas[2]?.id ?? '', 2],
    [ben, areas[2]?.id ?? '', 1],
  ];
  await db.insert(
    'area_members',
    cells.map(([p, areaId]) => ({
      workspace_id: workspaceId,
      area_id: areaId,
      user_id: p.userId,
      created_at: at,
    })),
  );
  await db.insert(
    'autonomy_grants',
    cells.map(([p, areaId, level]) => ({
      id: id(),
      workspace_id: workspaceId,
      member_id: p.userId,
      area_id: areaId,
      level,
      since: at,
      granted_by: owner.userId,
      reason: 'load test',
      created_at: at,
      updated_at: at,
    })),
  );
  const spread = [
    'todo',
    'todo',
    'todo',
    'doing',
    'doing',
    'doing',
    'done',
    'done',
    'done',
    'cancelled',
  ] as const;
  const rows: Row[] = [];
  for (let i = 0; i < tasks; i++) {
    const inbox = i % 10 === 9;
    const cell = cells[i % cells.length] as [Person, string, number];
    const [person, areaId] = inbox ? [owner, null] : [cell[0], cell[1]];
    rows.push(
      taskRow({
        workspaceId,
        creatorId: owner.userId,
        assigneeId: person.userId,
        areaId,
        i,
        now,
        state: spread[(i * 7) % spread.length],
      }),
    );
  }
  await db.insert('tasks', rows);
  if (db.dialect === 'postgres') await db.exec('analyze');
  await db.close();
  return { workspaceId, owner, assistants: [asa, ben], areaIds: areas.map((a) => a.id) } satisfies Seeded;
}

// ── The traffic ───────────────────────────────────────────────────────────────────────────

interface KnownTask {
  id: string;
  version: number;
  state: string;
  assigneeId: string | null;
  areaId: string | null;
  /** A submission or review of it is on the way: others leave it alone. */
  busy: boolean;
}

interface Answer {
  status: number;
  body: string;
  ms: number;
  /** 'timeout' or the socket error, when there was no answer. */
  error?: string;
}

class Stats {
  private readonly latencies = new Map<Kind, number[]>();
  readonly figures = new Map<Kind, Omit<KindFigures, 'p50' | 'p99' | 'max'>>();
  readonly problems: string[] = [];
  /** Answers per second of the run: a stall shows as a gap. */
  readonly perSecond: number[] = [];
  started = 0;

  constructor() {
    for (const k of kinds) {
      this.latencies.set(k, []);
      this.figures.set(k, { requests: 0, ok: 0, conflicts: 0, unexpected: 0, errors: 0, timeouts: 0 });
    }
  }

  record(kind: Kind, what: string, answer: Answer): void {
    const f = this.figures.get(kind);
    if (!f) return;
    f.requests += 1;
    if (answer.error === 'timeout') f.timeouts += 1;
    else if (answer.error !== undefined || answer.status >= 500) f.errors += 1;
    else if (answer.status === 409) f.conflicts += 1;
    else if (answer.status >= 400) f.unexpected += 1;
    else f.ok += 1;
    if (answer.error === undefined) this.latencies.get(kind)?.push(answer.ms);
    const second = Math.floor((performance.now() - this.started) / 1000);
    this.perSecond[second] = (this.perSecond[second] ?? 0) + 1;
    if (
      (answer.error !== undefined || (answer.status >= 400 && answer.status !== 409)) &&
      this.problems.length < 20
    ) {
      this.problems.push(
        `t=${second}s ${what} → ${answer.error ?? `${answer.status} ${answer.body.slice(0, 200)}`}`,
      );
    }
  }

  result(): Record<Kind, KindFigures> {
    const out = {} as Record<Kind, KindFigures>;
    for (const k of kinds) {
      const sorted = Float64Array.from(this.latencies.get(k) ?? []).sort();
      const q = (p: number) =>
        sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) : 0;
      out[k] = {
        ...(this.figures.get(k) as Omit<KindFigures, 'p50' | 'p99' | 'max'>),
        p50: round(q(0.5)),
        p99: round(q(0.99)),
        max: round(sorted.length ? (sorted[sorted.length - 1] ?? 0) : 0),
      };
    }
    return out;
  }
}

const round = (x: number) => Math.round(x * 10) / 10;
const pickOne = <T>(xs: readonly T[]): T | undefined => xs[Math.floor(Math.random() * xs.length)];

function client(port: number, connections: number, timeoutMs: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const send = (method: string, urlPath: string, headers: Record<string, string>, body?: unknown) =>
    new Promise<Answer>((resolve) => {
      const started = performance.now();
      const payload = body === undefined ? undefined : JSON.stringify(body);
      let timedOut = false;
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path: urlPath,
          agent,
          headers:
            payload === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(payload) },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (err) => resolve({ status: 0, body: '', ms: 0, error: err.message }));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - started,
            }),
          );
        },
      );
      req.on('timeout', () => {
        timedOut = true;
        req.destroy(new Error('timeout'));
      });
      req.on('error', (err) =>
        resolve({ status: 0, body: '', ms: 0, error: timedOut ? 'timeout' : err.message }),
      );
      req.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

/** Live streams: counts `event:` lines as they arrive; an end before `stop` is counted too. */
function openStreams(url: string, workspaceId: string, people: Person[], count: number) {
  const abort = new AbortController();
  const state = { opened: 0, events: 0, ended: 0 };
  const done: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const person = people[i % people.length] as Person;
    done.push(
      (async () => {
        const res = await fetch(`${url}/api/v1/workspaces/${workspaceId}/events`, {
          headers: { cookie: person.cookie, accept: 'text/event-stream' },
          signal: abort.signal,
        });
        if (!res.ok || !res.body) throw new Error(`live stream answered ${res.status}`);
        state.opened += 1;
        const decoder = new TextDecoder();
        let carry = '';
        for await (const chunk of res.body) {
          const lines = (carry + decoder.decode(chunk as Uint8Array, { stream: true })).split('\n');
          carry = lines.pop() ?? '';
          for (const line of lines) if (line.startsWith('event:')) state.events += 1;
        }
        if (!abort.signal.aborted) state.ended += 1;
      })().catch((err: unknown) => {
        if (!abort.signal.aborted) {
          state.ended += 1;
          console.error(`[load] live stream failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }),
    );
  }
  return {
    state,
    /** Resolves once every stream is open (or failed). */
    ready: async () => {
      const deadline = Date.now() + 10_000;
      while (state.opened + state.ended < count && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
    },
    stop: async () => {
      abort.abort();
      await Promise.all(done);
    },
  };
}

/**
 * Runs one load: seed, start, streams open, `seconds` of traffic on `connections`, stop.
 * Never throws for what the server answered — the report says it; throws only when the run
 * itself could not be set up.
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const log = options.log ?? (() => {});
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeway-load-'));
  const dbName = `leeway_load_${process.pid}`;
  let databaseUrl: string | null = null;
  if (options.pgAdminUrl) {
    await adminQuery(options.pgAdminUrl, `drop database if exists ${dbName} with (force)`);
    await adminQuery(options.pgAdminUrl, `create database ${dbName}`);
    const u = new URL(options.pgAdminUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  let server: Server | null = null;
  try {
    server = await startServer(options, dataDir, databaseUrl);
    log(`server pid ${server.pid} on ${server.url}; seeding ${options.tasks} tasks`);
    const seeded = await seed(
      server.url,
      databaseUrl ? { databaseUrl } : { sqliteFile: path.join(dataDir, 'leeway.sqlite') },
      options.tasks,
    );
    return await drive(options, server, seeded, databaseUrl ? 'postgres' : 'sqlite');
  } finally {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (options.pgAdminUrl)
      await adminQuery(options.pgAdminUrl, `drop database if exists ${dbName} with (force)`);
  }
}

async function drive(
  options: LoadOptions,
  server: Server,
  seeded: Seeded,
  dialect: 'sqlite' | 'postgres',
): Promise<LoadReport> {
  const log = options.log ?? (() => {});
  const { workspaceId, owner, assistants } = seeded;
  const people = [owner, ...assistants];
  const byId = new Map(people.map((p) => [p.userId, p]));
  const base = `/api/v1/workspaces/${workspaceId}`;
  const states = ['todo', 'doing', 'review', 'done', 'cancelled'];
  const column = (state: string) => `${base}/tasks?state=${state}&sort=position&order=asc&limit=1000`;

  // What the driver knows of each task, learnt from the board like a browser would.
  const tasks = new Map<string, KnownTask>();
  const learn = (t: {
    id: string;
    version: number;
    state: string;
    assigneeId: string | null;
    areaId: string | null;
  }) => {
    const known = tasks.get(t.id);
    if (!known) {
      tasks.set(t.id, {
        id: t.id,
        version: t.version,
        state: t.state,
        assigneeId: t.assigneeId,
        areaId: t.areaId,
        busy: false,
      });
      return;
    }
    // In place: the pick lists hold these very objects.
    if (known.version > t.version) return;
    Object.assign(known, { version: t.version, state: t.state, assigneeId: t.assigneeId, areaId: t.areaId });
  };
  for (const state of states) {
    const res = await fetch(`${server.url}${column(state)}`, { headers: { cookie: owner.cookie } });
    if (!res.ok) throw new Error(`board column ${state}: ${res.status}`);
    for (const t of ((await res.json()) as { items: KnownTask[] }).items) learn(t);
  }
  if (tasks.size !== options.tasks)
    throw new Error(`the board shows ${tasks.size} tasks, seeded ${options.tasks}`);
  // Lists to pick from, rebuilt now and then rather than searched on every pick.
  let open: KnownTask[] = [];
  const refresh = () => {
    open = [...tasks.values()].filter((t) => t.state === 'todo' || t.state === 'doing');
  };
  refresh();
  const toSubmit = () =>
    open.find(
      (t) =>
        !t.busy &&
        (t.state === 'todo' || t.state === 'doing') &&
        t.assigneeId !== owner.userId &&
        t.assigneeId !== null,
    );
  const inReview: KnownTask[] = [];

  const streams = openStreams(server.url, workspaceId, people, options.streams);
  await streams.ready();
  await new Promise((r) => setTimeout(r, 500));
  const idle = rssMb(server.pid);

  const stats = new Stats();
  const wire = client(server.port, options.connections, options.timeoutMs);
  const headersOf = (p: Person) => p.headers;
  const readHeaders = (p: Person) => ({ cookie: p.cookie });
  const parseTask = (answer: Answer): KnownTask | null => {
    try {
      const body = JSON.parse(answer.body) as { id?: string; details?: { current?: KnownTask } };
      const t = answer.status === 409 ? body.details?.current : (body as KnownTask);
      return t && typeof t.id === 'string' ? t : null;
    } catch {
      return null;
    }
  };

  // Actions, with weights: a board read is five requests (one per column, as the board page
  // makes them), so reads are still about half of all requests.
  const actions: Array<[number, () => Promise<void>]> = [
    [
      14,
      async () => {
        const who = pickOne(people) as Person;
        for (const state of states) {
          if (performance.now() >= end) return;
          stats.record(
            'board',
            `GET column ${state}`,
            await wire.send('GET', column(state), readHeaders(who)),
          );
        }
      },
    ],
    [
      24,
      async () => {
        const t = pickOne(open);
        if (!t) return;
        // The owner, or the assistant it is assigned to, edits what they last saw.
        const who = Math.random() < 0.5 ? owner : (byId.get(t.assigneeId ?? '') ?? owner);
        const body =
          Math.random() < 0.5
            ? {
                version: t.version,
                title: `Follow up with the supplier (${Math.floor(Math.random() * 1000)})`,
              }
            : { version: t.version, priority: pickOne(['none', 'low', 'medium', 'high', 'urgent']) };
        const answer = await wire.send('PATCH', `${base}/tasks/${t.id}`, headersOf(who), body);
        stats.record('edit', `PATCH task as ${who.name}`, answer);
        const after = parseTask(answer);
        if (after) learn(after);
      },
    ],
    [
      20,
      async () => {
        const t = pickOne(open);
        if (!t) return;
        const who = Math.random() < 0.5 ? owner : (byId.get(t.assigneeId ?? '') ?? owner);
        const answer = await wire.send('POST', `${base}/tasks/${t.id}/comments`, headersOf(who), {
          body: `Checked with the supplier, the corrected invoice is on its way (${Math.floor(Math.random() * 1e6)}).`,
        });
        stats.record('comment', `POST comment as ${who.name}`, answer);
      },
    ],
    [
      16,
      async () => {
        const t = toSubmit();
        if (!t) return;
        const who = byId.get(t.assigneeId ?? '') as Person;
        t.busy = true;
        const answer = await wire.send('POST', `${base}/tasks/${t.id}/submit`, headersOf(who), {
          version: t.version,
          guardrailsTicked: [],
        });
        stats.record('submit', `POST submit as ${who.name}`, answer);
        t.busy = false;
        const after = parseTask(answer);
        if (after) learn(after);
        const now = tasks.get(t.id);
        if (answer.status === 200 && now?.state === 'review') inReview.push(now);
      },
    ],
    [
      16,
      async () => {
        const t = inReview.shift();
        if (!t) return;
        t.busy = true;
        // Most results are accepted; some go back with a change request (defect or preference).
        const accept = Math.random() < 0.7;
        const body = accept
          ? { outcome: 'accepted' }
          : {
              outcome: 'changes_requested',
              tags: [pickOne(['defect', 'preference'])],
              note: 'Please attach the receipt.',
            };
        const answer = await wire.send('POST', `${base}/tasks/${t.id}/review`, headersOf(owner), body);
        stats.record('review', `POST review (${body.outcome})`, answer);
        t.busy = false;
        const after = parseTask(answer);
        if (after) learn(after);
      },
    ],
    [
      10,
      async () => {
        const [assistant, areaId] =
          Math.random() < 0.5 ? [assistants[0], seeded.areaIds[0]] : [assistants[1], seeded.areaIds[1]];
        const answer = await wire.send('POST', `${base}/tasks`, headersOf(owner), {
          title: 'Send the corrected invoice to the customer',
          areaId,
          assigneeId: assistant.userId,
          state: 'doing',
        });
        stats.record('create', 'POST task', answer);
        const after = parseTask(answer);
        if (after) learn(after);
      },
    ],
  ];
  const totalWeight = actions.reduce((n, [w]) => n + w, 0);
  const pickAction = () => {
    let r = Math.random() * totalWeight;
    for (const [w, act] of actions) {
      r -= w;
      if (r < 0) return act;
    }
    return (actions[0] as [number, () => Promise<void>])[1];
  };

  const samples: RssSample[] = [];
  const started = performance.now();
  stats.started = started;
  const end = started + options.seconds * 1000;
  const sample = () => {
    const mb = rssMb(server.pid);
    if (mb === null) return;
    const s = { t: Math.round((performance.now() - started) / 1000), mb: round(mb) };
    samples.push(s);
    if (options.rssEveryMs >= 5000) log(`t=${s.t}s RSS ${s.mb} MB`);
  };
  sample();
  const serverCpu0 = cpuSeconds(server.pid);
  const driverCpu0 = process.cpuUsage();
  const sampler = setInterval(sample, options.rssEveryMs);
  const refresher = setInterval(refresh, 250);

  const loop = async () => {
    while (performance.now() < end) {
      await pickAction()();
      if (options.thinkMs > 0)
        await new Promise((r) => setTimeout(r, options.thinkMs * (0.5 + Math.random())));
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  const elapsedSeconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  clearInterval(refresher);
  sample();
  const serverCpu1 = cpuSeconds(server.pid);
  const driverCpu = process.cpuUsage(driverCpu0);
  wire.close();
  // A moment for the last events to reach the streams before they are closed.
  await new Promise((r) => setTimeout(r, 300));
  await streams.stop();

  const byKind = stats.result();
  const sum = (f: (k: KindFigures) => number) => kinds.reduce((n, k) => n + f(byKind[k]), 0);
  const requests = sum((k) => k.requests);
  const mbs = samples.map((s) => s.mb);
  const { log: _log, ...reported } = options;
  return {
    options: reported,
    dialect,
    elapsedSeconds: round(elapsedSeconds),
    requests,
    rps: Math.round(requests / elapsedSeconds),
    byKind,
    errors: sum((k) => k.errors),
    timeouts: sum((k) => k.timeouts),
    unexpected: sum((k) => k.unexpected),
    conflicts: sum((k) => k.conflicts),
    problems: stats.problems,
    perSecond: Array.from(stats.perSecond, (n) => n ?? 0),
    cpu: {
      server: serverCpu0 === null || serverCpu1 === null ? null : round(serverCpu1 - serverCpu0),
      driver: round((driverCpu.user + driverCpu.system) / 1e6),
    },
    streams: { ...streams.state },
    rss:
      idle === null || mbs.length === 0
        ? null
        : { idle: round(idle), samples, min: Math.min(...mbs), max: Math.max(...mbs) },
  };
}

// ── Reading the figures ───────────────────────────────────────────────────────────────────

/** Least-squares line through the samples: slope in MB per second. */
export function trend(samples: readonly RssSample[]): { slope: number; intercept: number } {
  const n = samples.length;
  if (n < 2) return { slope: 0, intercept: samples[0]?.mb ?? 0 };
  const mt = samples.reduce((s, p) => s + p.t, 0) / n;
  const mm = samples.reduce((s, p) => s + p.mb, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of samples) {
    num += (p.t - mt) * (p.mb - mm);
    den += (p.t - mt) ** 2;
  }
  const slope = den === 0 ? 0 : num / den;
  return { slope, intercept: mm - slope * mt };
}

/** Zero errors, zero timeouts, nothing unexpected, every stream still open, events arrived. */
export function failures(report: LoadReport): string[] {
  const out: string[] = [];
  if (report.errors > 0) out.push(`${report.errors} errors (5xx or socket)`);
  if (report.timeouts > 0) out.push(`${report.timeouts} timeouts`);
  if (report.unexpected > 0) out.push(`${report.unexpected} unexpected 4xx answers`);
  if (report.streams.opened < report.options.streams)
    out.push(`only ${report.streams.opened} of ${report.options.streams} live streams opened`);
  if (report.streams.ended > 0) out.push(`${report.streams.ended} live streams ended during the run`);
  if (report.options.streams > 0 && report.streams.events === 0) out.push('no live event arrived');
  for (const k of kinds) if (report.byKind[k].ok === 0) out.push(`no ${k} request succeeded`);
  return out;
}

export function formatReport(r: LoadReport): string {
  const o = r.options;
  const lines = [
    `${o.seconds} s, ${o.connections} connections${o.thinkMs ? ` (think time ~${o.thinkMs} ms)` : ''}, ` +
      `${o.streams} live streams, ${r.dialect}, ${o.tasks} tasks seeded; server: ${o.server}, ` +
      `Node ${process.version}, ${os.cpus().length} cores`,
    `  ${'kind'.padEnd(8)} ${'requests'.padStart(9)} ${'2xx'.padStart(8)} ${'409'.padStart(6)} ${'other'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}`,
  ];
  for (const k of kinds) {
    const f = r.byKind[k];
    lines.push(
      `  ${k.padEnd(8)} ${String(f.requests).padStart(9)} ${String(f.ok).padStart(8)} ${String(f.conflicts).padStart(6)} ` +
        `${String(f.unexpected + f.errors + f.timeouts).padStart(6)} ${f.p50.toFixed(1).padStart(8)} ${f.p99.toFixed(1).padStart(8)} ${f.max.toFixed(1).padStart(8)}`,
    );
  }
  lines.push(
    `  total: ${r.requests} requests in ${r.elapsedSeconds} s = ${r.rps} req/s; ` +
      `errors ${r.errors}, timeouts ${r.timeouts}, unexpected 4xx ${r.unexpected}, 409 conflicts ${r.conflicts}`,
    `  live streams: ${r.streams.opened} open, ${r.streams.events} events received, ${r.streams.ended} ended early`,
    r.rss
      ? `  server RSS: idle ${r.rss.idle} MB; under load min ${r.rss.min} MB, max ${r.rss.max} MB (${r.rss.samples.length} samples)`
      : '  server RSS: not measured (no /proc)',
  );
  lines.push(
    `  CPU during the run: server ${r.cpu.server ?? '?'} s (${r.cpu.server === null ? '?' : ((r.cpu.server * 1000) / Math.max(1, r.requests)).toFixed(1)} ms per request), load driver ${r.cpu.driver} s, wall ${r.elapsedSeconds} s`,
    `  answers per second: ${r.perSecond.join(' ')}`,
  );
  for (const p of r.problems) lines.push(`  ! ${p}`);
  return lines.join('\n');
}

/** Options from the environment, over the defaults of each run. */
export function optionsFromEnv(
  defaults: Partial<LoadOptions> & Pick<LoadOptions, 'seconds' | 'connections'>,
): LoadOptions {
  const num = (name: string, fallback: number) => {
    const raw = process.env[name];
    const n = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0`);
    return n;
  };
  return {
    seconds: num('LOAD_SECONDS', defaults.seconds),
    connections: num('LOAD_CONNECTIONS', defaults.connections),
    streams: num('LOAD_STREAMS', defaults.streams ?? 20),
    tasks: num('LOAD_TASKS', defaults.tasks ?? 1000),
    rssEveryMs: num('LOAD_RSS_EVERY_MS', defaults.rssEveryMs ?? 1000),
    timeoutMs: num('LOAD_TIMEOUT_MS', defaults.timeoutMs ?? 10_000),
    thinkMs: num('LOAD_THINK_MS', defaults.thinkMs ?? 0),
    pgAdminUrl: process.env.LOAD_DATABASE_URL || null,
    server: process.env.LOAD_SERVER === 'source' ? 'source' : (defaults.server ?? 'bundle'),
    ...(defaults.log ? { log: defaults.log } : {}),
  };
}
