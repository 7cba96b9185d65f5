import { AppError, type Locale } from '@leeway/core';
import type { AuthUser, UserCtx } from '../../context.ts';
import { timeZoneOrThrow } from '../auth/auth.service.ts';
import { findUserById, toUser, updateUser } from './users.repository.ts';

/** Changes the caller's own profile: name, language, time zone. */
export async function updateMe(
  ctx: UserCtx,
  input: { name?: string; locale?: Locale; timeZone?: string },
): Promise<AuthUser> {
  const { db, clock } = ctx.deps;
  // The schema asks for one property, but counts before undeclared ones are stripped.
  if (input.name === undefined && input.locale === undefined && input.timeZone === undefined) {
    throw new AppError('validation_failed', 'Send at least one of name, locale, timeZone.', {
      fields: [{ field: '(root)', message: 'needs name, locale or timeZone' }],
    });
  }
  await updateUser(db, ctx.user.id, {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
    ...(input.timeZone !== undefined ? { time_zone: timeZoneOrThrow(input.timeZone) } : {}),
    updated_at: clock.now().toISOString(),
  });
  const row = await findUserById(db, ctx.user.id);
  return toUser(row!);
}
