import path from 'node:path';
import type { Config } from './config.ts';
import type { Deps, Logger } from './context.ts';
import type { Db } from './db/database.ts';
import { EventBus } from './events/bus.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';

/** Wires the services' outside world; shared by the HTTP app and the CLI. */
export function createDeps(options: {
  config: Config;
  db: Db;
  log: Logger;
  clock?: Clock;
  mailer?: Mailer;
  events?: EventBus;
}): Deps {
  const { config, db, log } = options;
  return {
    db: db.db,
    dialect: db.dialect,
    config,
    clock: options.clock ?? systemClock,
    mailer:
      options.mailer ??
      createMailer({
        smtpUrl: config.smtpUrl,
        from: config.mailFrom,
        outboxDir: path.join(config.dataDir, 'outbox'),
        log,
      }),
    events: options.events ?? new EventBus(),
    log,
  };
}
