import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../context.ts';
import { type Db, openDatabase } from '../db/database.ts';
import type { BusMessage } from './bus.ts';
import { channelFor, MAX_PAYLOAD_BYTES, PgEventBus, payloadsOf } from './pg-bus.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
const quiet: Logger = { info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(ready: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await sleep(20);
  }
}

const message = (workspaceId: string, onlyUserIds?: string[]): BusMessage => ({
  workspaceId,
  event: { type: 'notification.created' },
  ...(onlyUserIds ? { onlyUserIds } : {}),
});

describe('NOTIFY payloads', () => {
  it('scopes the channel by schema and keeps it a plain identifier', () => {
    expect(channelFor('public')).toBe('leeway_events_public');
    expect(channelFor('t_abc_12')).toBe('leeway_events_t_abc_12');
    expect(channelFor('x'.repeat(80))).toMatch(/^leeway_events_[0-9a-f]{40}$/);
    expect(channelFor('We"ird')).toMatch(/^leeway_events_[0-9a-f]{40}$/);
  });

  it('splits a long recipient list so every part fits and everyone is in exactly one', () => {
    const ids = Array.from({ length: 600 }, (_, i) => `0000000${i}`.slice(-8).padEnd(36, '-'));
    const payloads = payloadsOf('node', message('ws', ids));
    expect(payloads?.length).toBeGreaterThan(1);
    for (const p of payloads ?? []) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    const heard = (payloads ?? []).flatMap((p) => (JSON.parse(p) as { m: BusMessage }).m.onlyUserIds ?? []);
    expect(heard.sort()).toEqual([...ids].sort());
    expect(payloadsOf('node', message('w'.repeat(MAX_PAYLOAD_BYTES)))).toBeNull();
  });
});

function skipReason(): string | null {
  if (databaseUrl) return null;
  const reason = 'TEST_DATABASE_URL is not set (the transport needs PostgreSQL)';
  if (process.env.LEEWAY_REQUIRE_ALL_SUITES === '1')
    throw new Error(`LEEWAY_REQUIRE_ALL_SUITES=1: ${reason}`);
  console.log(`[pg-bus] SKIP: ${reason}`);
  return reason;
}

describe.skipIf(skipReason() !== null)('PgEventBus [postgres]', () => {
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const dbs: Db[] = [];
  const buses: PgEventBus[] = [];
  const admin = async (query: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return await client.query(query, values);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin(`create schema ${schema}`);
    for (let i = 0; i < 2; i++) {
      const db = openDatabase({
        databaseUrl: databaseUrl ?? null,
        sqliteFile: '',
        pgSchema: schema,
        poolSize: 2,
      });
      const connect = db.pgClient;
      if (!connect) throw new Error('no pg client');
      const bus = new PgEventBus({ db: db.db, connect, log: quiet });
      await bus.start();
      dbs.push(db);
      buses.push(bus);
    }
  });

  afterAll(async () => {
    for (const bus of buses) await bus.close();
    for (const db of dbs) await db.close();
    await admin(`drop schema if exists ${schema} cascade`).catch(() => {});
  });

  it('delivers once on the sending node and once on the other; other schemas hear nothing', async () => {
    const [a, b] = buses;
    if (!a || !b) throw new Error('buses missing');
    const onA: BusMessage[] = [];
    const onB: BusMessage[] = [];
    const offA = a.subscribe('ws-1', (m) => onA.push(m));
    const offB = b.subscribe('ws-1', (m) => onB.push(m));
    // Another "suite" in another schema publishes to the same workspace id.
    await admin(`select pg_notify($1, $2)`, [
      channelFor(`${schema}_other`),
      JSON.stringify({ n: 'elsewhere', m: message('ws-1') }),
    ]);
    a.publish(message('ws-1', ['u1']));
    expect(onA).toHaveLength(1);
    await until(() => onB.length === 1, 2_000);
    await sleep(200);
    expect(onA).toHaveLength(1);
    expect(onB).toEqual([message('ws-1', ['u1'])]);
    offA();
    offB();
  });

  it('sends a burst of events in batches: the other node hears every one, in order', async () => {
    const [a, b] = buses;
    if (!a || !b) throw new Error('buses missing');
    const heard: string[] = [];
    const off = b.subscribe('ws-3', (m) => heard.push(m.onlyUserIds?.[0] ?? ''));
    const sent = Array.from({ length: 1200 }, (_, i) => `user-${i}`);
    for (const id of sent) a.publish(message('ws-3', [id]));
    await until(() => heard.length === sent.length, 5_000);
    expect(heard).toEqual(sent);
    off();
  });

  it('reopens a lost LISTEN connection, tells subscribers of the gap, and hears again', async () => {
    const [a, b] = buses;
    if (!a || !b) throw new Error('buses missing');
    const heard: BusMessage[] = [];
    let gaps = 0;
    const off = b.subscribe(
      'ws-2',
      (m) => heard.push(m),
      () => {
        gaps += 1;
      },
    );
    await admin(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where query = $1 and pid <> pg_backend_pid()`,
      [`listen "${channelFor(schema)}"`],
    );
    await until(() => !b.listening, 2_000);
    await until(() => b.listening, 5_000);
    expect(gaps).toBe(1);
    a.publish(message('ws-2'));
    await until(() => heard.length === 1, 2_000);
    off();
  });
});
