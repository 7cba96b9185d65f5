import path from 'node:path';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { jobs } from './jobs/index.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { HOUR } from './lib/clock.ts';
import { deleteExpiredSessions } from './modules/auth/auth.repository.ts';

/** Starts the server: config, database, migrations, listen; stops cleanly on SIGTERM/SIGINT. */
export async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Leeway cannot start: invalid configuration. ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const db = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'leeway.sqlite'),
  });
  const { applied } = await migrateToLatest(db.db);
  const app = await buildApp({ config, db });
  if (applied.length) app.log.info({ applied }, 'migrations applied');

  const stopJobs = startScheduler(app.deps, jobs);
  const sweep = setInterval(() => {
    deleteExpiredSessions(db.db, new Date().toISOString()).catch((err) =>
      app.log.warn({ err }, 'session sweep failed'),
    );
  }, HOUR);
  sweep.unref();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    clearInterval(sweep);
    await stopJobs();
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { url: config.baseUrl, database: db.dialect === 'sqlite' ? db.sqliteFile : 'postgres' },
    'Leeway is running',
  );
}
