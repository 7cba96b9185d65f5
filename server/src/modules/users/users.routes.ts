import { ChangePasswordBody, SessionInfo, UpdateMeBody, User } from '@leeway/core';
import { errors, type RouteModule, userCtx } from '../../http.ts';
import { setSessionCookie } from '../../plugins/auth.ts';
import { changePassword } from '../auth/auth.service.ts';
import * as users from './users.service.ts';

const tags = ['me'];

export const userRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/me',
    { schema: { 'x-access': 'user', tags, summary: 'My profile', response: { 200: User, ...errors(401) } } },
    async (request) => userCtx(request).user,
  );

  app.patch(
    '/api/v1/me',
    {
      schema: {
        'x-access': 'user',
        tags,
        summary: 'Change my name, language or time zone',
        body: UpdateMeBody,
        response: { 200: User, ...errors(400, 401, 403) },
      },
    },
    async (request) => users.updateMe(userCtx(request), request.body),
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { rateLimit: { max: deps.config.authRateLimit, timeWindow: '1 minute' } },
      schema: {
        'x-access': 'user',
        tags,
        summary: 'Change my password; ends all my other sessions',
        body: ChangePasswordBody,
        response: { 200: SessionInfo, ...errors(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { user, session } = await changePassword(userCtx(request), request.body);
      setSessionCookie(reply, deps, session);
      return { user, csrfToken: session.csrfToken };
    },
  );
};
