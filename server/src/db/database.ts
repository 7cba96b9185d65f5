import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  type PostgresDialectConfig,
  PostgresDriver,
  sql,
  type TransactionSettings,
} from 'kysely';
import type pgType from 'pg';
import { preparedStatementName } from './prepared.ts';
import type { Database } from './schema.ts';
import { WalCheckpointer } from './sqlite-checkpointer.ts';
import { GroupCommitSqliteDialect } from './sqlite-group-commit.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The SQLite file, for backups; null on PostgreSQL. */
  sqliteFile: string | null;
  /** The raw better-sqlite3 handle (backup, integrity check); null on PostgreSQL. */
  sqlite: SqliteDatabase.Database | null;
  /**
   * A new connection outside the pool, with the same settings (the live-event bus keeps one
   * open for LISTEN); null on SQLite. The caller connects and ends it.
   */
  pgClient: (() => pgType.Client) | null;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl: string | null;
  /** SQLite file path, or ':memory:'. */
  sqliteFile: string;
  /** PostgreSQL schema to work in (tests use one per run); defaults to the server's search_path. */
  pgSchema?: string;
  poolSize?: number;
}

// PostgreSQL answers timestamptz as Date and bigint as string by default; these parsers make
// it return what SQLite returns, so no code above this file knows which database it is on.
const pgTypeIds = { int8: 20, timestamp: 1114, timestamptz: 1184 } as const;
/** The pg driver is loaded only when PostgreSQL is used: on SQLite it would cost ~10 MB idle. */
let pgModule: typeof pgType | null = null;
function pgDriver(): typeof pgType {
  pgModule ??= createRequire(import.meta.url)('pg') as typeof pgType;
  return pgModule;
}

function pgTypeParser(oid: number, format?: 'text' | 'binary') {
  const pg = pgDriver();
  if (oid === pgTypeIds.int8) return (v: string) => Number(v);
  if (oid === pgTypeIds.timestamptz || oid === pgTypeIds.timestamp) {
    return (v: string) => new Date(oid === pgTypeIds.timestamp ? `${v}Z` : v).toISOString();
  }
  return pg.types.getTypeParser(oid, format ?? 'text');
}

export function openDatabase(options: DbOptions): Db {
  if (options.databaseUrl) {
    const pg = pgDriver();
    const settings = {
      connectionString: options.databaseUrl,
      types: { getTypeParser: pgTypeParser as typeof pg.types.getTypeParser },
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    };
    // Pipeline mode: a statement goes out at once, not after the one before has answered. A
    // transaction's writes nobody waits for (db/write-behind.ts) then cost one round trip
    // together instead of one each.
    const pool = new pg.Pool({ ...settings, max: options.poolSize ?? 10, pipeline: true });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = new Kysely<Database>({
      dialect: new PipelinedPostgresDialect({ pool: withNamedStatements(pool) }),
    });
    return {
      db,
      dialect: 'postgres',
      sqliteFile: null,
      sqlite: null,
      pgClient: () => new pg.Client({ ...settings, keepAlive: true }),
      close: () => db.destroy(),
    };
  }

  if (options.sqliteFile !== ':memory:') fs.mkdirSync(path.dirname(options.sqliteFile), { recursive: true });
  const sqlite = new SqliteDatabase(options.sqliteFile);
  // WAL lets readers (and the backup command) run beside the writer; busy_timeout makes a
  // second process wait for the lock instead of failing at once.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Under a stream of writes, checkpoints run in a worker thread (see sqlite-checkpointer.ts).
  const checkpointer =
    options.sqliteFile === ':memory:' ? null : new WalCheckpointer(sqlite, options.sqliteFile);
  // Requests that write together commit together (see sqlite-group-commit.ts).
  const db = new Kysely<Database>({
    dialect: new GroupCommitSqliteDialect(sqlite, (driver) => {
      if (checkpointer) driver.onCommit = () => checkpointer.noteCommit();
    }),
  });
  return {
    db,
    dialect: 'sqlite',
    sqliteFile: options.sqliteFile,
    sqlite,
    pgClient: null,
    close: async () => {
      await checkpointer?.close();
      await db.destroy();
    },
  };
}

/**
 * A transaction's `begin` is sent and not waited for: on a pipelined connection the first
 * statement follows it in the same round trip. Were `begin` to fail, so would that statement,
 * and the transaction with it.
 */
class PipelinedPostgresDriver extends PostgresDriver {
  override async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    if (settings.isolationLevel || settings.accessMode) return super.beginTransaction(connection, settings);
    connection.executeQuery(CompiledQuery.raw('begin')).catch(() => {});
  }
}

class PipelinedPostgresDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig;
  constructor(config: PostgresDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new PipelinedPostgresDriver(this.#config);
  }
}

/**
 * The statements of `prepared()` queries (the session lookup, a task's insert, its history
 * entry…) run as named prepared statements: PostgreSQL parses and plans each once per
 * connection instead of on every request. Only those: their SQL never changes, and the schema
 * does not change under them (migrations run before the server takes requests).
 */
function withNamedStatements(pool: pgType.Pool): pgType.Pool {
  const patched = new WeakSet<object>();
  const connect = pool.connect.bind(pool);
  pool.connect = (async () => {
    const client = await connect();
    if (!patched.has(client)) {
      patched.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((text: unknown, values?: unknown) => {
        const name = typeof text === 'string' ? preparedStatementName(text) : undefined;
        return name ? query({ name, text, values }) : query(text, values);
      }) as typeof client.query;
    }
    return client;
  }) as typeof pool.connect;
  return pool;
}

/** Readiness: one round trip to the database. */
export async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * True when an insert or update broke a unique index or primary key, on either database:
 * services turn it into the same friendly error as their own check, for when two requests race.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Booleans are stored as 0/1 on both databases. */
export const toDbBool = (value: boolean): number => (value ? 1 : 0);
export const fromDbBool = (value: number | boolean | null): boolean => value === 1 || value === true;
