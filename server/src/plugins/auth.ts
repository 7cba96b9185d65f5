import { type Access, AppError, type Role, type RowScope } from '@leeway/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx, Deps } from '../context.ts';
import { hashToken, newToken, safeEqual, TokenKind } from '../lib/tokens.ts';
import { findLiveSession } from '../modules/auth/auth.repository.ts';
import type { IssuedSession } from '../modules/auth/auth.service.ts';
import { toUser } from '../modules/users/users.repository.ts';
import { findMembership } from '../modules/workspaces/workspaces.repository.ts';

export const SESSION_COOKIE = 'leeway_session';
/** Double-submit cookie for requests made before signing in (sign-up, log-in, reset). */
export const CSRF_COOKIE = 'leeway_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
  }
  interface FastifyInstance {
    /** The services' outside world (database, clock, mailer, event bus). */
    deps: Deps;
  }
  interface FastifySchema {
    /** Who may call the route: enforced by the auth plugin, published in OpenAPI. */
    'x-access'?: Access;
    /** Whose rows a member or owner route addresses: published in OpenAPI, tested by the matrix. */
    'x-rows'?: RowScope;
    summary?: string;
    description?: string;
    tags?: readonly string[];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function routeAccess(request: FastifyRequest): Access | undefined {
  return request.routeOptions.schema?.['x-access'];
}

function cookieOptions(deps: Deps) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.baseUrl.startsWith('https://'),
  };
}

export function setSessionCookie(reply: FastifyReply, deps: Deps, session: IssuedSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions(deps), expires: session.expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, deps: Deps): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(deps));
}

/**
 * The CSRF token a signed-out browser must echo: reuses its cookie or issues a new one.
 * Signed-in requests use the token stored with the session instead.
 */
export function anonymousCsrfToken(request: FastifyRequest, reply: FastifyReply, deps: Deps): string {
  const existing = request.cookies[CSRF_COOKIE];
  if (existing?.startsWith(`${TokenKind.csrf}_`) && existing.length < 100) return existing;
  const token = newToken('csrf');
  // Readable by no script (the API hands it out), strict so no other site ever sends it.
  reply.setCookie(CSRF_COOKIE, token, { ...cookieOptions(deps), sameSite: 'strict' });
  return token;
}

/**
 * Authorization in one place. onRequest: who is calling, CSRF for state changes, and
 * "signed in?" for every non-public route. preHandler (after the params are validated):
 * membership of the workspace in the URL, then the owner role where the route asks for it.
 * A non-member gets 404, so workspace ids cannot be probed.
 */
const ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('ctx', null as unknown as Ctx);
  /** The role looked up with the session for the workspace in the URL (see onRequest). */
  const roleWithSession = new WeakMap<FastifyRequest, { workspaceId: string; role: Role | null }>();

  app.addHook('onRequest', async (request) => {
    const ctx: Ctx = { deps, user: null, session: null, membership: null, ip: request.ip };
    request.ctx = ctx;
    const access = routeAccess(request);
    if (access === undefined) return; // static files and the 404 handler

    const cookie = request.cookies[SESSION_COOKIE];
    const idHash = cookie ? hashToken('session', cookie) : null;
    // Params are routed (not yet validated) here; the role is only used in preHandler when
    // the validated workspace id is this same string.
    const urlWorkspace =
      access === 'member' || access === 'owner'
        ? (request.params as { workspaceId?: unknown } | undefined)?.workspaceId
        : undefined;
    // Only an id-shaped value goes into the query: the raw param is not validated yet, and
    // PostgreSQL would fail the whole statement on e.g. a NUL character.
    const workspaceId =
      typeof urlWorkspace === 'string' && ID_SHAPE.test(urlWorkspace) ? urlWorkspace : undefined;
    if (idHash) {
      const live = await findLiveSession(deps.db, idHash, deps.clock.now().toISOString(), workspaceId);
      if (live) {
        ctx.user = toUser(live.user);
        ctx.session = { id: live.sessionId, csrfToken: live.csrfToken };
        if (workspaceId !== undefined)
          roleWithSession.set(request, { workspaceId, role: live.membershipRole });
      }
    }

    if (!SAFE_METHODS.has(request.method)) {
      const expected = ctx.session?.csrfToken ?? request.cookies[CSRF_COOKIE];
      const sent = request.headers[CSRF_HEADER];
      if (!expected || typeof sent !== 'string' || !safeEqual(sent, expected)) {
        throw new AppError(
          'csrf_failed',
          'The security token is missing or out of date. Reload the page and try again.',
        );
      }
    }

    if (access !== 'public' && !ctx.user) {
      throw new AppError('unauthenticated', 'Please log in.');
    }
  });

  app.addHook('preHandler', async (request) => {
    const access = routeAccess(request);
    if (access !== 'member' && access !== 'owner') return;
    const { ctx } = request;
    const workspaceId = (request.params as { workspaceId?: string }).workspaceId;
    if (!ctx.user || !workspaceId) throw new AppError('not_found', 'Workspace not found.');
    const known = roleWithSession.get(request);
    const role =
      known?.workspaceId === workspaceId
        ? known.role
        : ((await findMembership(deps.db, workspaceId, ctx.user.id))?.role ?? null);
    if (!role) throw new AppError('not_found', 'Workspace not found.');
    if (access === 'owner' && role !== 'owner') {
      throw new AppError('forbidden', 'Only owners of this workspace can do this.');
    }
    ctx.membership = { workspaceId, role };
  });
}
