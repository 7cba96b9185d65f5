import type SqliteDatabase from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type Kysely,
  type Dialect as KyselyDialect,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

/**
 * Group commit for SQLite.
 *
 * A commit is the most expensive statement of a small write: SQLite appends every page the
 * transaction touched to the WAL, and a task insert touches a page of the table and of each of
 * its indexes. Requests that arrive together mostly touch the same pages (the same workspace's
 * board index, the same history table), so committing them together writes each page once.
 *
 * How: the one connection keeps an outer transaction open while requests run; each request's
 * transaction is a savepoint inside it, and a write outside a transaction joins it too. The
 * outer transaction is committed in the event loop's check phase (`setImmediate`), after every
 * request whose data arrived in the same poll has run its transaction, or at once when the
 * group reaches `maxGroup`. Durability is unchanged: a caller's transaction (or statement)
 * resolves only after the COMMIT that holds it, so nothing is answered before it is on disk as
 * much as an ordinary commit would be (WAL, synchronous=NORMAL). A read that ran while the
 * group held uncommitted writes waits for that commit too, so no client sees data that a
 * failed commit could take back. When SQLite abandons the outer transaction (disk full, I/O
 * error) or the COMMIT fails, every caller in the group gets the error: nothing acknowledged
 * is lost, and each of them can retry.
 *
 * Kysely holds the connection through `acquireConnection`/`releaseConnection`, and awaits
 * `releaseConnection` before a transaction or query resolves (DefaultConnectionProvider), which
 * is where a caller waits for its group.
 */

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** A FIFO lock with a front door for the committer, so a busy stream of requests cannot starve it. */
class Lock {
  private held = false;
  private readonly queue: Array<() => void> = [];

  acquire(urgent = false): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      if (urgent) this.queue.unshift(resolve);
      else this.queue.push(resolve);
    });
  }

  release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.held = false;
  }
}

const READ = /^\s*select\b/i;

export class GroupCommitSqliteDriver implements Driver {
  private readonly lock = new Lock();
  private readonly connection: GroupConnection;
  /** The outer transaction is open and holds writes not yet committed. */
  private open = false;
  /** Callers waiting for the commit of the open group. */
  private waiters: Waiter[] = [];
  private flushScheduled = false;
  private destroyed = false;
  /** What the current holder of the connection did: wrote, or read while the group was open. */
  private holderNeedsCommit = false;
  /** Groups committed and callers in them, for the tests and the benchmark notes. */
  readonly stats = { commits: 0, grouped: 0 };
  /** Told after every successful COMMIT (the WAL checkpointer counts them). */
  onCommit: (() => void) | null = null;

  private readonly statements: StatementCache;

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly maxGroup = 64,
  ) {
    this.statements = new StatementCache(sqlite);
    this.connection = new GroupConnection(this.statements, (sql) => this.beforeStatement(sql));
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.lock.acquire();
    this.holderNeedsCommit = false;
    return this.connection;
  }

  /** Every statement passes here first: a write opens the group, any statement inside it waits for it. */
  private beforeStatement(sql: string): void {
    if (this.open) {
      this.holderNeedsCommit = true;
      return;
    }
    if (READ.test(sql)) return;
    this.statements.get('begin').run();
    this.open = true;
    this.holderNeedsCommit = true;
  }

  async beginTransaction(): Promise<void> {
    this.beforeStatement('begin');
    this.statements.get('savepoint leeway_tx').run();
  }

  async commitTransaction(): Promise<void> {
    this.statements.get('release leeway_tx').run();
  }

  async rollbackTransaction(): Promise<void> {
    if (!this.sqlite.inTransaction) {
      // SQLite rolled back the whole outer transaction itself (e.g. disk full): the group is lost.
      this.abandonGroup(new Error('SQLite rolled back the transaction group'));
      return;
    }
    this.statements.get('rollback to leeway_tx').run();
    this.statements.get('release leeway_tx').run();
  }

  async releaseConnection(): Promise<void> {
    if (this.open && !this.sqlite.inTransaction) {
      // A failed statement outside a savepoint made SQLite drop the group (SQLITE_FULL, IOERR…).
      this.abandonGroup(new Error('SQLite rolled back the transaction group'));
    }
    const wait = this.open && this.holderNeedsCommit;
    this.holderNeedsCommit = false;
    let done: Promise<void> | null = null;
    if (wait) {
      done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
      if (this.waiters.length >= this.maxGroup) void this.flush(true);
      else this.scheduleFlush();
    }
    this.lock.release();
    if (done) await done;
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      void this.flush(true);
    });
  }

  /** Commits the open group (taking the connection first, ahead of waiting requests). */
  private async flush(urgent: boolean): Promise<void> {
    await this.lock.acquire(urgent);
    try {
      this.commitNow();
    } finally {
      this.lock.release();
    }
  }

  private commitNow(): void {
    if (!this.open) return;
    const waiters = this.waiters;
    this.waiters = [];
    this.open = false;
    try {
      this.statements.get('commit').run();
    } catch (error) {
      if (this.sqlite.inTransaction) {
        try {
          this.statements.get('rollback').run();
        } catch {
          // The rollback failing leaves nothing more to undo on our side.
        }
      }
      for (const w of waiters) w.reject(error);
      return;
    }
    this.stats.commits++;
    this.stats.grouped += waiters.length;
    this.onCommit?.();
    for (const w of waiters) w.resolve();
  }

  private abandonGroup(error: Error): void {
    const waiters = this.waiters;
    this.waiters = [];
    this.open = false;
    for (const w of waiters) w.reject(error);
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await this.flush(true);
    this.sqlite.close();
  }
}

/**
 * Kysely prepares every query anew; on SQLite preparing costs more than running a small
 * query, so prepared statements are kept per SQL text (the same few hundred texts repeat).
 * Safe because better-sqlite3 runs each statement to completion synchronously.
 */
class StatementCache {
  private readonly cache = new Map<string, SqliteDatabase.Statement>();

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly max = 500,
  ) {}

  get(source: string): SqliteDatabase.Statement {
    let statement = this.cache.get(source);
    if (!statement) {
      statement = this.sqlite.prepare(source);
      if (this.cache.size >= this.max) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(source, statement);
    }
    return statement;
  }
}

class GroupConnection implements DatabaseConnection {
  constructor(
    private readonly statements: StatementCache,
    private readonly before: (sql: string) => void,
  ) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = compiledQuery;
    this.before(sql);
    const stmt = this.statements.get(sql);
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(parameters as unknown[]) as R[] });
    const { changes, lastInsertRowid } = stmt.run(parameters as unknown[]);
    return Promise.resolve({
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
      rows: [],
    });
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    this.before(compiledQuery.sql);
    const stmt = this.statements.get(compiledQuery.sql);
    for (const row of stmt.iterate(compiledQuery.parameters as unknown[])) yield { rows: [row as R] };
  }
}

/** SqliteDialect with the group-commit driver. */
export class GroupCommitSqliteDialect implements KyselyDialect {
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly onDriver?: (driver: GroupCommitSqliteDriver) => void,
  ) {}

  createDriver(): Driver {
    const driver = new GroupCommitSqliteDriver(this.sqlite);
    this.onDriver?.(driver);
    return driver;
  }

  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }

  createAdapter() {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}
