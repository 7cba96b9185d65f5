import { Health } from '@leeway/core';
import { ping } from '../../db/database.ts';
import type { RouteModule } from '../../http.ts';
import { version } from '../../version.ts';

export const healthRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/health',
    {
      schema: {
        'x-access': 'public',
        tags: ['health'],
        summary: 'Liveness: the process answers',
        response: { 200: Health },
      },
    },
    async () => ({ status: 'ok' as const, version }),
  );

  app.get(
    '/api/health/ready',
    {
      schema: {
        'x-access': 'public',
        tags: ['health'],
        summary: 'Readiness: the database answers',
        response: { 200: Health, 503: Health },
      },
    },
    async (request, reply) => {
      try {
        await ping(deps.db);
        return { status: 'ok' as const, version, database: deps.dialect };
      } catch (err) {
        request.log.warn({ err }, 'readiness check failed');
        return reply.status(503).send({ status: 'unavailable' as const, version, database: deps.dialect });
      }
    },
  );
};
