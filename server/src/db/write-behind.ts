import {
  isAbortedTransactionError,
  type Kysely,
  type KyselyProps,
  PostgresAdapter,
  Transaction,
} from 'kysely';
import type { Database } from './schema.ts';

/**
 * Statements of one transaction that go out without waiting for each other's answers.
 *
 * On PostgreSQL every statement is a round trip, and on a busy machine a round trip is worth
 * far more than the statement: a task's creation waited ten times for the network where the
 * database worked for a fraction of that. Two kinds of statements need not wait:
 *
 * - writes whose answer nobody reads (a history entry, followers, a notification):
 *   `writeBehind` sends them and lets the transaction go on;
 * - reads that do not depend on each other (an area and an assignee to check): `together`
 *   sends them side by side.
 *
 * The connection runs in pg's pipeline mode (database.ts), so these statements and the ones
 * after them share round trips. PostgreSQL runs them in the order they were sent, so a later
 * statement sees an earlier write. A write that fails aborts the transaction on the server
 * (every statement after it fails too); `transaction` waits for all writes behind before the
 * commit, rolls back, and reports the write's own error, not its echoes.
 *
 * On SQLite statements run in-process and cost no round trip: `writeBehind` simply waits for
 * its write, and `together` runs its reads one after another, exactly as before.
 */
interface Behind {
  /** The transaction's connection without Kysely's one-statement-at-a-time queue. */
  db: Transaction<Database>;
  pending: Promise<unknown>[];
  errors: unknown[];
}

const behindOf = new WeakMap<object, Behind>();

/** `in_failed_sql_transaction`: a statement after one that failed, not a cause of its own. */
const ABORTED = '25P02';

function isEcho(error: unknown): boolean {
  if (isAbortedTransactionError(error)) return true;
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === ABORTED;
}

/** The connection Kysely holds for `trx`, as a second handle whose statements are not queued behind each other. */
async function open(trx: Kysely<Database>): Promise<Behind> {
  const executor = trx.getExecutor();
  const connection = await executor.provideConnection(async (c) => c);
  const direct = executor.withConnectionProvider({ provideConnection: (consume) => consume(connection) });
  // Only queries run on this handle; what would need the driver (transactions, destroy) is never called on it.
  const props = { config: {}, driver: {}, dialect: {}, executor: direct } as unknown as KyselyProps;
  const behind: Behind = { db: new Transaction<Database>(props), pending: [], errors: [] };
  behindOf.set(trx, behind);
  behindOf.set(behind.db, behind);
  return behind;
}

/**
 * `db.transaction().execute(fn)`, where `fn` may use `writeBehind`, `ahead` and `together` to
 * save round trips on PostgreSQL. Before the commit goes out, every write behind has answered:
 * a write behind may itself be several statements (a read, then inserts), and all of them
 * belong to the transaction; a failed one rolls it back and is the error thrown, not the
 * "transaction is aborted" that statements after it got.
 */
export async function transaction<T>(
  db: Kysely<Database>,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return db.transaction().execute(fn);
  return db.transaction().execute(async (trx) => {
    const behind = await open(trx);
    let result: T;
    try {
      result = await fn(trx);
    } catch (error) {
      await Promise.allSettled(behind.pending);
      throw causeOf(error, behind);
    }
    await Promise.allSettled(behind.pending);
    const [first] = behind.errors;
    if (first !== undefined) throw causeOf(first, behind);
    return result;
  });
}

/** The first failure that is not an echo of another, else `error` itself. */
function causeOf(error: unknown, behind: Behind): unknown {
  if (!isEcho(error)) return error;
  return behind.errors.find((e) => !isEcho(e)) ?? error;
}

/**
 * Runs a write of the transaction whose answer the caller does not need. On PostgreSQL inside
 * `transaction`, it is sent now and not waited for; anywhere else it is waited for here.
 */
export async function writeBehind<D extends Kysely<Database>>(
  trx: D,
  write: (db: D) => Promise<unknown>,
): Promise<void> {
  const behind = behindOf.get(trx);
  if (!behind) {
    await write(trx);
    return;
  }
  track(behind, write(directOf(behind, trx)));
}

/** The direct handle, typed as the caller's: both are handles on the same transaction. */
function directOf<D extends Kysely<Database>>(behind: Behind, _trx: D): D {
  return behind.db as unknown as D;
}

function track(behind: Behind, sent: Promise<unknown>): void {
  behind.pending.push(sent);
  sent.catch((error: unknown) => {
    behind.errors.push(error);
  });
}

/**
 * Sends a statement now whose answer the caller awaits later (a row's insert whose returned
 * position is needed only once the writes behind it are on their way). Its failure is the
 * transaction's cause, like a write behind's.
 */
export function ahead<D extends Kysely<Database>, T>(trx: D, run: (db: D) => Promise<T>): Promise<T> {
  const behind = behindOf.get(trx);
  const sent = run(behind ? directOf(behind, trx) : trx);
  if (behind) track(behind, sent);
  // Awaited by the caller; until then a failure must not count as unhandled.
  else sent.catch(() => {});
  return sent;
}

/**
 * Runs reads that do not depend on each other: side by side on PostgreSQL (inside
 * `transaction` or `onOneConnection`), one after another elsewhere. When several fail, the
 * first in argument order is thrown, whatever answered first.
 */
export async function together<D extends Kysely<Database>, T extends readonly unknown[]>(
  trx: D,
  ...reads: { [K in keyof T]: (db: D) => Promise<T[K]> }
): Promise<T> {
  const behind = behindOf.get(trx);
  const results: unknown[] = [];
  if (!behind) {
    for (const read of reads) results.push(await read(trx));
    return results as unknown as T;
  }
  const settled = await Promise.allSettled(reads.map((read) => read(directOf(behind, trx))));
  for (const outcome of settled) {
    if (outcome.status === 'rejected') throw outcome.reason;
    results.push(outcome.value);
  }
  return results as unknown as T;
}

/**
 * Reads outside a transaction on one pooled connection, so that `together` inside `fn` sends
 * them in one round trip instead of taking a connection each.
 */
export async function onOneConnection<T>(
  db: Kysely<Database>,
  fn: (conn: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return fn(db);
  return db.connection().execute(async (conn) => {
    const behind = await open(conn);
    try {
      return await fn(conn);
    } finally {
      await Promise.allSettled(behind.pending);
    }
  });
}
