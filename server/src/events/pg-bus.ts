import { createHash, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import type { Logger } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { type BusMessage, EventBus } from './bus.ts';

/** Payloads sent in one statement at most. */
const MAX_BATCH = 500;

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; keep clear of the edge. */
export const MAX_PAYLOAD_BYTES = 7900;
const PING_MS = 30_000;
const PING_TIMEOUT_MS = 10_000;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 30_000;

/** What travels between nodes: the sending node, so it can skip its own, and the message. */
interface Envelope {
  n: string;
  m: BusMessage;
}

/**
 * The channel of one Leeway database: NOTIFY reaches every session of the database, so the
 * schema goes into the name, or test suites (a schema each) and several installations in one
 * database would hear each other. Channel names are identifiers: at most 63 bytes.
 */
export function channelFor(schema: string): string {
  const name = `leeway_events_${schema}`;
  // Quoted in LISTEN, so anything beyond plain characters (or the length limit) is hashed.
  if (/^[a-z0-9_]{1,63}$/.test(name)) return name;
  return `leeway_events_${createHash('sha256').update(schema).digest('hex').slice(0, 40)}`;
}

/**
 * The payloads of one message, each under the NOTIFY limit. Messages hold ids only, so only
 * a long recipient list can outgrow it; that list is split (each recipient is in exactly one
 * part, so each still hears it once). Anything else too large cannot be sent.
 */
export function payloadsOf(nodeId: string, message: BusMessage): string[] | null {
  const whole = JSON.stringify({ n: nodeId, m: message } satisfies Envelope);
  if (Buffer.byteLength(whole) <= MAX_PAYLOAD_BYTES) return [whole];
  const ids = message.onlyUserIds;
  if (!ids || ids.length < 2) return null;
  const half = Math.ceil(ids.length / 2);
  const parts = [ids.slice(0, half), ids.slice(half)].map((part) =>
    payloadsOf(nodeId, { ...message, onlyUserIds: part }),
  );
  return parts.some((p) => p === null) ? null : parts.flatMap((p) => p ?? []);
}

function parseEnvelope(payload: string | undefined): Envelope | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as Partial<Envelope> | null;
    if (!value || typeof value.n !== 'string' || !value.m || typeof value.m.workspaceId !== 'string') {
      return null;
    }
    if (!value.m.event || typeof value.m.event.type !== 'string') return null;
    return value as Envelope;
  } catch {
    return null;
  }
}

export interface PgEventBusOptions {
  db: Kysely<Database>;
  /** A fresh connection outside the pool (`Db.pgClient`), kept open for LISTEN. */
  connect: () => pg.Client;
  log: Logger;
}

/**
 * The event bus of several app nodes on one PostgreSQL (DESIGN §13). `publish` delivers to
 * this node's streams at once and sends the message to the others with `pg_notify`; a
 * dedicated connection LISTENs and delivers what other nodes sent, skipping this node's own
 * by the node id in the payload, so each node delivers each message exactly once.
 *
 * Local delivery first, rather than waiting for our own notification to come back: a change
 * reaches the streams of the node that made it without a round trip through the database,
 * and keeps reaching them while the LISTEN connection is down.
 *
 * A lost LISTEN connection is reopened with backoff; events other nodes sent meanwhile are
 * lost, so every local subscriber is then told of the gap (streams end, browsers refetch).
 */
export class PgEventBus extends EventBus {
  readonly nodeId = randomUUID();
  private channel = '';
  private client: pg.Client | null = null;
  private closed = false;
  private attempt = 0;
  private everConnected = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly ping: NodeJS.Timeout;
  /**
   * Payloads waiting to go out. One sender at a time takes everything waiting and sends it in
   * one statement, so other nodes hear a node's events in order, and a burst of writes costs
   * one NOTIFY transaction instead of one each (PostgreSQL serializes the commits of notifying
   * transactions; one per event capped a node at a few hundred writes a second).
   */
  private queue: string[] = [];
  private sending: Promise<void> | null = null;

  constructor(private readonly options: PgEventBusOptions) {
    super();
    this.ping = setInterval(() => this.checkConnection(), PING_MS);
    this.ping.unref();
  }

  /** Finds the channel and opens the LISTEN connection (retried in the background if that fails). */
  async start(): Promise<void> {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
      this.options.db,
    );
    this.channel = channelFor(rows[0]?.schema ?? 'public');
    await this.listen();
  }

  override publish(message: BusMessage): void {
    this.deliver(message);
    if (this.closed || this.channel === '') return;
    const payloads = payloadsOf(this.nodeId, message);
    if (payloads === null) {
      this.options.log.error(
        { workspaceId: message.workspaceId, type: message.event.type },
        'live event too large for NOTIFY; other nodes will not hear of it',
      );
      return;
    }
    this.queue.push(...payloads);
    this.sending ??= this.sendQueued();
  }

  private async sendQueued(): Promise<void> {
    // Let the writes of this turn of the event loop queue their events first.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await sql`select pg_notify(${this.channel}, payload)
                  from unnest(${batch}::text[]) with ordinality as sent (payload, n) order by n`.execute(
          this.options.db,
        );
      } catch (err) {
        this.options.log.warn({ err, events: batch.length }, 'could not send live events to the other nodes');
      }
    }
    this.sending = null;
  }

  /** Stops listening; waits for events still being sent, so close the pool only after this. */
  override async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.ping);
    if (this.retry) clearTimeout(this.retry);
    await this.sending;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  /** Whether the LISTEN connection is open (for tests and health checks). */
  get listening(): boolean {
    return this.client !== null;
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = this.options.connect();
    let gone = false;
    const drop = (err: unknown) => {
      if (gone) return;
      gone = true;
      if (this.client === client) this.client = null;
      client.end().catch(() => {});
      this.scheduleRetry(err);
    };
    client.on('error', drop);
    client.on('end', () => drop(new Error('connection ended')));
    client.on('notification', (note) => {
      if (note.channel !== this.channel) return;
      const envelope = parseEnvelope(note.payload);
      if (envelope === null) {
        this.options.log.warn({ channel: note.channel }, 'ignored a malformed live event');
        return;
      }
      if (envelope.n !== this.nodeId) this.deliver(envelope.m);
    });
    try {
      await client.connect();
      await client.query(`listen "${this.channel}"`);
    } catch (err) {
      drop(err);
      return;
    }
    if (gone) return;
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.attempt = 0;
    if (this.everConnected) {
      this.options.log.info({ channel: this.channel }, 'live events: listening again');
      this.gap();
    }
    this.everConnected = true;
  }

  private scheduleRetry(err: unknown): void {
    if (this.closed || this.retry) return;
    const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** this.attempt);
    this.attempt += 1;
    this.options.log.warn(
      { err, retryInMs: delay },
      'live events: the PostgreSQL LISTEN connection is down; other nodes’ events are not heard until it is back',
    );
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.listen();
    }, delay);
    this.retry.unref();
  }

  /**
   * A connection can die without a word (a dropped route, a failover): a query that does not
   * answer in time counts as lost, and the connection is reopened.
   */
  private checkConnection(): void {
    const client = this.client;
    if (!client) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('LISTEN connection did not answer')), PING_TIMEOUT_MS);
    });
    Promise.race([client.query('select 1'), timeout])
      .catch((err: unknown) => {
        if (this.client === client) client.emit('error', err);
      })
      .finally(() => clearTimeout(timer));
  }
}
