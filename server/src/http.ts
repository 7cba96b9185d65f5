import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError, ErrorBody } from '@leeway/core';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Deps, MemberCtx, UserCtx } from './context.ts';

/** The Fastify instance as every route module sees it: typed by the TypeBox provider. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export type RouteModule = (app: App, deps: Deps) => void;

/** Error responses a route can give, for its schema: `...errors(400, 401, 404)`. */
export function errors(...statuses: number[]): Record<number, typeof ErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody]));
}

/** The caller of a `user`, `member` or `owner` route; the auth plugin has filled it. */
export function userCtx(request: FastifyRequest): UserCtx {
  if (!request.ctx.user) throw new AppError('unauthenticated', 'Please log in.');
  return request.ctx as UserCtx;
}

export function memberCtx(request: FastifyRequest): MemberCtx {
  if (!request.ctx.user || !request.ctx.membership) throw new AppError('not_found', 'Workspace not found.');
  return request.ctx as MemberCtx;
}
