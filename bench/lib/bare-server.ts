// The baseline of every benchmark: a bare Fastify route per query, no session, no schemas,
// no service layer — one query straight against the same database, answered as JSON. Run
// as a child process by lib/server.ts so it competes for the CPU like the server does.
import { randomUUID } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import type { BareConfig } from './server.ts';

const config = JSON.parse(process.env.BARE_CONFIG ?? '{}') as BareConfig;
const app = Fastify();
app.get('/ready', async () => ({ ok: true }));

if (config.databaseUrl) {
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
  for (const route of config.routes) {
    // `?` → `$n`: the routes are written once for both databases.
    let i = 0;
    const text = route.sql.replace(/\?/g, () => `$${++i}`);
    register(route, async (params) => {
      const result = await pool.query({ text, values: params });
      return route.first ? (result.rows[0] ?? null) : result.rows;
    });
  }
} else {
  const db = new SqliteDatabase(config.sqliteFile ?? ':memory:');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  for (const route of config.routes) {
    const statement = db.prepare(route.sql);
    register(route, (params) => {
      if (!statement.reader) return statement.run(...params);
      return route.first ? (statement.get(...params) ?? null) : statement.all(...params);
    });
  }
}
function register(route: BareConfig['routes'][number], query: (params: unknown[]) => unknown) {
  app.route({
    method: route.method,
    url: route.path,
    handler: async (request) => {
      const q = (request.query ?? {}) as Record<string, string>;
      const b = (request.body ?? {}) as Record<string, unknown>;
      const now = new Date().toISOString();
      const params = route.params.map((p) =>
        p === 'uuid' ? randomUUID() : p === 'now' ? now : p.startsWith('q:') ? q[p.slice(2)] : b[p.slice(2)],
      );
      const result = await query(params);
      return result ?? {};
    },
  });
}

await app.listen({ port: Number(process.env.BARE_PORT), host: '127.0.0.1' });
