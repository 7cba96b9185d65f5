import {
  LoginBody,
  PasswordResetConfirmBody,
  PasswordResetRequestBody,
  pickLocale,
  SessionInfo,
  SignupBody,
} from '@leeway/core';
import Type from 'typebox';
import { errors, type RouteModule } from '../../http.ts';
import { anonymousCsrfToken, clearSessionCookie, setSessionCookie } from '../../plugins/auth.ts';
import * as auth from './auth.service.ts';

const tags = ['auth'];

export const authRoutes: RouteModule = (app, deps) => {
  const rateLimit = { max: deps.config.authRateLimit, timeWindow: '1 minute' };

  app.get(
    '/api/v1/auth/session',
    {
      schema: {
        'x-access': 'public',
        tags,
        summary: 'Who is signed in, and the CSRF token to send with state-changing requests',
        response: { 200: SessionInfo },
      },
    },
    async (request, reply) => ({
      user: request.ctx.user,
      csrfToken: request.ctx.session?.csrfToken ?? anonymousCsrfToken(request, reply, deps),
    }),
  );

  app.post(
    '/api/v1/auth/signup',
    {
      config: { rateLimit },
      schema: {
        'x-access': 'public',
        tags,
        summary: 'Create an account and sign in',
        body: SignupBody,
        response: { 201: SessionInfo, ...errors(400, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      const { user, session } = await auth.signup(request.ctx, {
        ...request.body,
        locale: request.body.locale ?? pickLocale(request.headers['accept-language']),
        timeZone: request.body.timeZone ?? 'UTC',
      });
      setSessionCookie(reply, deps, session);
      return reply.status(201).send({ user, csrfToken: session.csrfToken });
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { rateLimit },
      schema: {
        'x-access': 'public',
        tags,
        summary: 'Sign in with e-mail and password',
        body: LoginBody,
        response: { 200: SessionInfo, ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { user, session } = await auth.login(request.ctx, request.body);
      setSessionCookie(reply, deps, session);
      return { user, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        'x-access': 'public',
        tags,
        summary: 'Sign out (ends this session)',
        response: { 204: Type.Null(), ...errors(403) },
      },
    },
    async (request, reply) => {
      await auth.logout(request.ctx);
      clearSessionCookie(reply, deps);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password-reset',
    {
      config: { rateLimit },
      schema: {
        'x-access': 'public',
        tags,
        summary: 'Send a password reset link (answers the same whether the account exists or not)',
        body: PasswordResetRequestBody,
        response: { 202: Type.Null(), ...errors(400, 403, 429) },
      },
    },
    async (request, reply) => {
      await auth.requestPasswordReset(request.ctx, request.body);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { rateLimit },
      schema: {
        'x-access': 'public',
        tags,
        summary: 'Set a new password with a reset token; signs in and ends all other sessions',
        body: PasswordResetConfirmBody,
        response: { 200: SessionInfo, ...errors(400, 403, 410, 429) },
      },
    },
    async (request, reply) => {
      const { user, session } = await auth.confirmPasswordReset(request.ctx, request.body);
      setSessionCookie(reply, deps, session);
      return { user, csrfToken: session.csrfToken };
    },
  );
};
