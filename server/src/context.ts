import type { Role } from '@leeway/core';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { Dialect } from './db/database.ts';
import type { Database } from './db/schema.ts';
import type { EventBus } from './events/bus.ts';
import type { Clock } from './lib/clock.ts';
import type { Mailer } from './mail/mailer.ts';

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What every service needs from the outside world; built once per app. */
export interface Deps {
  db: Kysely<Database>;
  dialect: Dialect;
  config: Config;
  clock: Clock;
  mailer: Mailer;
  /** Live events for the workspace streams; publish after commit. */
  events: EventBus;
  log: Logger;
}

export interface AuthUser {
  id: string;
  email: string;
  name: string;
  locale: 'en' | 'de';
  timeZone: string;
  createdAt: string;
}

export interface SessionRef {
  /** Hash of the cookie value: the sessions table's key. */
  id: string;
  csrfToken: string;
}

/**
 * The caller of a service: filled by the auth plugin before any handler runs. Services trust
 * `membership` because the plugin checked it against the workspace in the URL.
 */
export interface Ctx {
  deps: Deps;
  user: AuthUser | null;
  session: SessionRef | null;
  membership: { workspaceId: string; role: Role } | null;
  /** The client address as Fastify sees it (proxy headers only when TRUST_PROXY is set). */
  ip: string;
}

export type UserCtx = Ctx & { user: AuthUser };
export type MemberCtx = UserCtx & { membership: { workspaceId: string; role: Role } };
