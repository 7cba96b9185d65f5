import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, isValidTimeZone, type Locale } from '@leeway/core';
import SqliteDatabase from 'better-sqlite3';
import { ConfigError, loadConfig } from './config.ts';
import type { Ctx, Deps, Logger } from './context.ts';
import { type Db, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemoTasks } from './demo/demo-data.ts';
import { createDeps } from './deps.ts';
import { hashPassword } from './lib/passwords.ts';
import { main } from './main.ts';
import { createAccount } from './modules/auth/auth.service.ts';
import { findUserByEmail, toUser, updateUser } from './modules/users/users.repository.ts';
import {
  findMembership,
  insertMembership,
  listWorkspacesOfUser,
} from './modules/workspaces/workspaces.repository.ts';
import { createWorkspace } from './modules/workspaces/workspaces.service.ts';

const usage = `Usage: npm run leeway -- <command>

Commands:
  serve                          run the server (what \`npm start\` does)
  migrate                        apply database migrations and exit
  create-user --email E --name N [--password P] [--locale en|de] [--time-zone Z]
                                 create an account (a password is generated and printed when omitted)
  demo                           create a demo workspace with two principals and two assistants
  backup <file>                  copy the SQLite database to <file> while the server runs
  help                           this text

Configuration comes from the environment (see README): DATABASE_URL, DATA_DIR, …`;

const consoleLog: Logger = {
  info: (obj, msg) => console.log(msg ?? '', Object.keys(obj).length ? JSON.stringify(obj) : ''),
  warn: (obj, msg) => console.warn(msg ?? '', JSON.stringify(obj)),
  error: (obj, msg) => console.error(msg ?? '', JSON.stringify(obj)),
};

async function withDatabase<T>(fn: (db: Db, deps: Deps) => Promise<T>, migrate = true): Promise<T> {
  const config = loadConfig();
  const db = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'leeway.sqlite'),
  });
  try {
    if (migrate) await migrateToLatest(db.db);
    return await fn(db, createDeps({ config, db, log: consoleLog }));
  } finally {
    await db.close();
  }
}

function generatedPassword(): string {
  return randomBytes(12).toString('base64url');
}

/** Creates the account, or sets a new password when it exists (the demo can be rerun). */
async function ensureAccount(
  deps: Deps,
  input: { email: string; name: string; password: string; locale: Locale; timeZone: string },
): Promise<{ id: string; created: boolean }> {
  const existing = await findUserByEmail(deps.db, input.email);
  if (existing) {
    await updateUser(deps.db, existing.id, {
      password_hash: await hashPassword(input.password, deps.config.scryptLog2N),
      password_changed_at: deps.clock.now().toISOString(),
      updated_at: deps.clock.now().toISOString(),
    });
    return { id: existing.id, created: false };
  }
  const id = await deps.db.transaction().execute((trx) => createAccount(deps, trx, input));
  return { id, created: true };
}

function cliCtx(deps: Deps, user: ReturnType<typeof toUser>): Ctx & { user: ReturnType<typeof toUser> } {
  return { deps, user, session: null, membership: null, ip: 'cli' };
}

async function demo(): Promise<void> {
  await withDatabase(async (_db, deps) => {
    const password = generatedPassword();
    const people = [
      {
        email: 'principal@demo.leeway.local',
        name: 'Paula Prinz',
        locale: 'de' as const,
        role: 'owner' as const,
      },
      {
        // The co-owner whose habits the insights demo shows (server/src/demo/demo-insights.ts).
        email: 'jonas@demo.leeway.local',
        name: 'Jonas Prinz',
        locale: 'de' as const,
        role: 'owner' as const,
      },
      {
        email: 'assistant1@demo.leeway.local',
        name: 'Amira Assist',
        locale: 'en' as const,
        role: 'assistant' as const,
      },
      {
        email: 'assistant2@demo.leeway.local',
        name: 'Ben Berger',
        locale: 'de' as const,
        role: 'assistant' as const,
      },
    ];
    const ids: string[] = [];
    for (const p of people) {
      ids.push((await ensureAccount(deps, { ...p, password, timeZone: 'Europe/Berlin' })).id);
    }
    const principal = toUser((await findUserByEmail(deps.db, people[0]!.email))!);
    const existing = (await listWorkspacesOfUser(deps.db, principal.id)).find(
      (w) => w.name === 'Sonnenblume Bäckerei (Demo)',
    );
    const workspaceId =
      existing?.id ??
      (await createWorkspace(cliCtx(deps, principal), { name: 'Sonnenblume Bäckerei (Demo)' })).id;
    for (const [i, p] of people.entries()) {
      const id = ids[i]!;
      if (!(await findMembership(deps.db, workspaceId, id))) {
        await insertMembership(deps.db, {
          workspace_id: workspaceId,
          user_id: id,
          role: p.role,
          created_at: deps.clock.now().toISOString(),
        });
      }
    }
    // Areas and tasks only for a new demo workspace: running the command again resets the
    // passwords but leaves what people did in the demo alone.
    if (!existing) {
      await seedDemoTasks(deps, {
        workspaceId,
        ownerId: ids[0]!,
        assistantIds: ids.filter((_, i) => people[i]?.role === 'assistant'),
      });
    }
    console.log(`Demo workspace "Sonnenblume Bäckerei (Demo)" is ready at ${deps.config.baseUrl}\n`);
    console.log('Log in as any of these (the password is new each time you run the demo command):');
    for (const p of people) console.log(`  ${p.role.padEnd(9)}  ${p.email.padEnd(30)}  ${p.name}`);
    console.log(`\n  password:  ${password}`);
  });
}

async function createUserCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      locale: { type: 'string', default: 'en' },
      'time-zone': { type: 'string', default: 'UTC' },
    },
  });
  if (!values.email || !values.name)
    throw new AppError('validation_failed', '--email and --name are required');
  if (values.locale !== 'en' && values.locale !== 'de')
    throw new AppError('validation_failed', '--locale must be en or de');
  if (!isValidTimeZone(values['time-zone']))
    throw new AppError('validation_failed', '--time-zone is not a known zone');
  if (values.password !== undefined && values.password.length < 10) {
    throw new AppError('validation_failed', '--password needs at least 10 characters');
  }
  const password = values.password ?? generatedPassword();
  await withDatabase(async (_db, deps) => {
    const id = await deps.db.transaction().execute((trx) =>
      createAccount(deps, trx, {
        email: values.email!,
        name: values.name!,
        password,
        locale: values.locale as Locale,
        timeZone: values['time-zone'],
      }),
    );
    console.log(`Created user ${values.email} (${id}).`);
    if (values.password === undefined) console.log(`Password: ${password}`);
  });
}

/**
 * A consistent copy while the server keeps running. `VACUUM INTO` reads the whole database in
 * one read transaction — a snapshot as of its start — while the server goes on writing (WAL).
 * SQLite's page-by-page online backup API restarts whenever another connection writes, so
 * under steady load it could run forever (server/src/reliability/backup.test.ts caught that).
 */
async function backup(args: string[]): Promise<void> {
  const target = args[0];
  if (!target)
    throw new AppError('validation_failed', 'backup needs a target file: npm run leeway -- backup <file>');
  const config = loadConfig();
  if (config.databaseUrl) {
    throw new AppError('validation_failed', 'On PostgreSQL, back up with pg_dump (see README, "Backups").');
  }
  const source = path.join(config.dataDir, 'leeway.sqlite');
  if (!fs.existsSync(source)) throw new AppError('not_found', `No database at ${source}`);
  const file = path.resolve(target);
  if (fs.existsSync(file)) throw new AppError('conflict', `${file} exists already; choose a new file name`);
  const db = new SqliteDatabase(source, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    db.prepare('VACUUM INTO ?').run(file);
  } finally {
    db.close();
  }
  const copy = new SqliteDatabase(file, { readonly: true });
  const check = copy.pragma('integrity_check', { simple: true });
  copy.close();
  if (check !== 'ok') throw new Error(`the backup failed its integrity check: ${String(check)}`);
  console.log(`Backup written to ${file} (integrity check: ok).`);
}

/** Entry point of the bundled server: `leeway <command>`. */
export async function run(args: string[]): Promise<void> {
  const [command = 'serve', ...rest] = args;
  try {
    switch (command) {
      case 'serve':
        return await main();
      case 'migrate': {
        const { applied } = await withDatabase(async (db) => migrateToLatest(db.db), false);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
        return;
      }
      case 'create-user':
        return await createUserCommand(rest);
      case 'demo':
        return await demo();
      case 'backup':
        return await backup(rest);
      case 'help':
      case '--help':
        console.log(usage);
        return;
      default:
        console.error(`Unknown command "${command}".\n\n${usage}`);
        process.exitCode = 2;
    }
  } catch (err) {
    if (err instanceof AppError || err instanceof ConfigError) {
      console.error(`Error: ${err.message}`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}
