import { AppError, canonicalTimeZone, type Locale } from '@leeway/core';
import type { Transaction } from 'kysely';
import type { AuthUser, Ctx, Deps, UserCtx } from '../../context.ts';
import { isUniqueViolation } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { addMs, DAY, HOUR } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../../lib/passwords.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { mailText } from '../../mail/mailer.ts';
import {
  findUserByEmail,
  findUserById,
  insertUser,
  normaliseEmail,
  toUser,
} from '../users/users.repository.ts';
import {
  consumePasswordReset,
  deleteSession,
  deleteSessionsOfUser,
  insertPasswordReset,
  insertSession,
  retireResetsOfUser,
} from './auth.repository.ts';

/** What the route needs to set the cookie; the token itself is never stored. */
export interface IssuedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface SessionResult {
  user: AuthUser;
  session: IssuedSession;
}

const RESET_VALID_MS = HOUR;

/** Creates a new session row; a fresh id on every log-in defeats session fixation. */
export async function issueSession(deps: Deps, db: Transaction<Database> | Deps['db'], userId: string) {
  const token = newToken('session');
  const csrfToken = newToken('csrf');
  const now = deps.clock.now();
  const expiresAt = addMs(now, deps.config.sessionDays * DAY);
  await insertSession(db, {
    id: hashToken('session', token) as string,
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
  });
  return { token, csrfToken, expiresAt } satisfies IssuedSession;
}

function timeZoneOrThrow(zone: string): string {
  const canonical = canonicalTimeZone(zone);
  if (!canonical) {
    throw new AppError('validation_failed', `Unknown time zone "${zone}".`, {
      fields: [{ field: 'timeZone', message: 'is not a known time zone' }],
    });
  }
  return canonical;
}

export { timeZoneOrThrow };

const emailTaken = () =>
  new AppError('email_taken', 'An account with this e-mail address exists already. Log in instead.', {
    fields: [{ field: 'email', message: 'is already registered' }],
  });

export interface NewAccount {
  email: string;
  name: string;
  password: string;
  locale: Locale;
  timeZone: string;
}

/**
 * Creates an account (sign-up and the CLI). The address is unique across the installation:
 * one account serves every workspace a freelancer works in.
 */
export async function createAccount(
  deps: Deps,
  trx: Transaction<Database>,
  input: NewAccount,
): Promise<string> {
  const email = normaliseEmail(input.email);
  const timeZone = timeZoneOrThrow(input.timeZone);
  const passwordHash = await hashPassword(input.password, deps.config.scryptLog2N);
  if (await findUserByEmail(trx, email)) throw emailTaken();
  const now = deps.clock.now().toISOString();
  const id = newId();
  // The check above gives the friendly answer; the unique index decides when two sign-ups
  // with one address race.
  await insertUser(trx, {
    id,
    email,
    name: input.name.trim(),
    password_hash: passwordHash,
    locale: input.locale,
    time_zone: timeZone,
    created_at: now,
    updated_at: now,
    password_changed_at: now,
  }).catch((err: unknown) => {
    throw isUniqueViolation(err) ? emailTaken() : err;
  });
  return id;
}

/** Signs a person up and signs them in. */
export async function signup(ctx: Ctx, input: NewAccount): Promise<SessionResult> {
  const { deps } = ctx;
  const result = await deps.db.transaction().execute(async (trx) => {
    const id = await createAccount(deps, trx, input);
    if (ctx.session) await deleteSession(trx, ctx.session.id);
    return { id, session: await issueSession(deps, trx, id) };
  });
  const row = await findUserById(deps.db, result.id);
  return { user: toUser(row!), session: result.session };
}

export async function login(ctx: Ctx, input: { email: string; password: string }): Promise<SessionResult> {
  const { deps } = ctx;
  const user = await findUserByEmail(deps.db, normaliseEmail(input.email));
  if (!user) {
    await verifyAgainstDummy(input.password, deps.config.scryptLog2N);
    throw new AppError('invalid_credentials', 'E-mail address or password is wrong.');
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    throw new AppError('invalid_credentials', 'E-mail address or password is wrong.');
  }
  const session = await deps.db.transaction().execute(async (trx) => {
    if (ctx.session) await deleteSession(trx, ctx.session.id);
    return issueSession(deps, trx, user.id);
  });
  return { user: toUser(user), session };
}

export async function logout(ctx: Ctx): Promise<void> {
  if (ctx.session) await deleteSession(ctx.deps.db, ctx.session.id);
}

/**
 * Sends a reset link when the address has an account, and answers the same either way so
 * the form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(ctx: Ctx, input: { email: string }): Promise<void> {
  const { deps } = ctx;
  const user = await findUserByEmail(deps.db, normaliseEmail(input.email));
  if (!user) return;
  const token = newToken('reset');
  const now = deps.clock.now();
  await insertPasswordReset(deps.db, {
    id: newId(),
    user_id: user.id,
    token_hash: hashToken('reset', token) as string,
    created_at: now.toISOString(),
    expires_at: addMs(now, RESET_VALID_MS).toISOString(),
  });
  const url = `${deps.config.baseUrl}/reset-password#${token}`;
  const text = [
    mailText(user.locale, 'greeting', { name: user.name }),
    '',
    mailText(user.locale, 'passwordReset.body', { url, hours: 1 }),
    '',
    mailText(user.locale, 'signature'),
  ].join('\n');
  // Not awaited: a slow mail server must not make the answer slower for real accounts.
  deps.mailer
    .send({ to: user.email, subject: mailText(user.locale, 'passwordReset.subject'), text })
    .catch((err: unknown) => deps.log.error({ err }, 'password reset mail failed'));
}

/** Sets a new password from a reset link; every other session of the account ends. */
export async function confirmPasswordReset(
  ctx: Ctx,
  input: { token: string; password: string },
): Promise<SessionResult> {
  const { deps } = ctx;
  const tokenHash = hashToken('reset', input.token);
  const invalid = () =>
    new AppError('token_invalid', 'This reset link is invalid, used or expired. Ask for a new one.');
  if (!tokenHash) throw invalid();
  const passwordHash = await hashPassword(input.password, deps.config.scryptLog2N);
  const now = deps.clock.now().toISOString();
  const result = await deps.db.transaction().execute(async (trx) => {
    const userId = await consumePasswordReset(trx, tokenHash, now);
    if (!userId) throw invalid();
    await setPassword(trx, userId, passwordHash, now);
    return { userId, session: await issueSession(deps, trx, userId) };
  });
  const user = await findUserById(deps.db, result.userId);
  return { user: toUser(user!), session: result.session };
}

/**
 * Changing a password ends every session, retires every reset link and revokes every calendar
 * feed of the account: a leaked feed URL must not outlive the password that protected it.
 */
export async function setPassword(
  trx: Transaction<Database>,
  userId: string,
  passwordHash: string,
  now: string,
): Promise<void> {
  await trx
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: now, updated_at: now })
    .where('id', '=', userId)
    .execute();
  await deleteSessionsOfUser(trx, userId);
  await retireResetsOfUser(trx, userId, now);
  await trx.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute();
}

export async function changePassword(
  ctx: UserCtx,
  input: { currentPassword: string; newPassword: string },
): Promise<SessionResult> {
  const { deps } = ctx;
  const row = await findUserById(deps.db, ctx.user.id);
  if (!row || !(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw new AppError('invalid_credentials', 'The current password is wrong.', {
      fields: [{ field: 'currentPassword', message: 'is wrong' }],
    });
  }
  const passwordHash = await hashPassword(input.newPassword, deps.config.scryptLog2N);
  const now = deps.clock.now().toISOString();
  const session = await deps.db.transaction().execute(async (trx) => {
    await setPassword(trx, row.id, passwordHash, now);
    return issueSession(deps, trx, row.id);
  });
  return { user: toUser({ ...row, updated_at: now }), session };
}
