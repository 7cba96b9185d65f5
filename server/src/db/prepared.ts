import type { Compilable, CompiledQuery, Insertable, Kysely, QueryResult, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * A query of a fixed shape, built and compiled by Kysely once per database and then run with
 * new parameters.
 *
 * Kysely builds an immutable tree for every query and compiles it to SQL on every call; for the
 * few statements every request or every write runs (the session lookup, a task's insert and its
 * history entry) that is most of their cost in JavaScript. Here the builder receives `p(name)`
 * for each value: a placeholder string that ends up among the compiled query's parameters,
 * where each call puts its own value. Only for queries whose SQL does not depend on the values
 * (no `in (…)` over a list, no clause added when a value is set): the shape is fixed at the
 * first call, and a test per query compares it with the query built normally.
 */
const MARK = '\u0000leeway-param:';

/** SQL texts of prepared queries, named for PostgreSQL's per-connection statement cache. */
const statementNames = new Map<string, string>();

/** The name a prepared query's SQL runs under as a named statement on PostgreSQL; undefined for other SQL. */
export function preparedStatementName(text: string): string | undefined {
  return statementNames.get(text);
}

export interface Prepared<P, R> {
  (db: Q, params: P): Promise<R[]>;
  /** The compiled SQL and parameters for `params` (for tests). */
  compile(db: Q, params: P): CompiledQuery;
}

export function prepared<P extends Record<string, unknown>, R>(
  build: (db: Kysely<Database>, p: <K extends keyof P & string>(name: K) => P[K]) => Compilable<unknown>,
): Prepared<P, R> {
  // One compiled query per Kysely instance's adapter: SQLite and PostgreSQL differ in SQL.
  const cache = new WeakMap<object, { query: CompiledQuery; slots: Array<string | null> }>();
  const placeholder = <K extends keyof P & string>(name: K) => `${MARK}${name}` as P[K];

  const compile = (db: Q, params: P): CompiledQuery => {
    const adapter = db.getExecutor().adapter;
    let entry = cache.get(adapter);
    if (!entry) {
      const query = build(db as Kysely<Database>, placeholder).compile();
      const slots = query.parameters.map((value) =>
        typeof value === 'string' && value.startsWith(MARK) ? value.slice(MARK.length) : null,
      );
      entry = { query, slots };
      cache.set(adapter, entry);
      if (!statementNames.has(query.sql)) statementNames.set(query.sql, `leeway_${statementNames.size + 1}`);
    }
    const { query, slots } = entry;
    const parameters = query.parameters.map((value, i) => {
      const name = slots[i];
      return name === null || name === undefined ? value : params[name];
    });
    return { ...query, parameters };
  };

  const run = async (db: Q, params: P): Promise<R[]> => {
    const result = (await db.executeQuery(compile(db, params))) as QueryResult<R>;
    return result.rows;
  };
  return Object.assign(run, { compile });
}

/**
 * A family of prepared queries, one per shape (a set of columns, a kind of viewer): `make` runs
 * once per key. Shapes are few in practice; past `limit` a new one is compiled for its call and
 * not kept, so a stream of odd shapes cannot pile up.
 */
export function preparedFamily<P extends Record<string, unknown>, R>(
  make: (key: string) => Prepared<P, R>,
  limit = 200,
): (key: string) => Prepared<P, R> {
  const byKey = new Map<string, Prepared<P, R>>();
  return (key) => {
    let query = byKey.get(key);
    if (!query) {
      query = make(key);
      if (byKey.size < limit) byKey.set(key, query);
    }
    return query;
  };
}

/**
 * `insert into <table>` of one row, compiled once per set of columns: for the rows every write
 * adds (a task, its history entry). Columns whose value is `undefined` are left out, as
 * Kysely's own `values()` does.
 */
export function preparedInsert<T extends keyof Database & string>(
  table: T,
): (db: Q, row: Insertable<Database[T]>) => Promise<void> {
  const byColumns = preparedFamily((key) => {
    const columns = key.split(',');
    return prepared<Record<string, unknown>, never>((kysely, p) =>
      kysely.insertInto(table).values(Object.fromEntries(columns.map((c) => [c, p(c)])) as never),
    );
  });
  return async (db, row) => {
    const values = row as Record<string, unknown>;
    const columns = Object.keys(values).filter((column) => values[column] !== undefined);
    await byColumns(columns.join(','))(db, values);
  };
}
