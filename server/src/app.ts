import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import type { Deps } from './context.ts';
import type { Db } from './db/database.ts';
import { createDeps } from './deps.ts';
import { PgEventBus } from './events/pg-bus.ts';
import type { App, RouteModule } from './http.ts';
import type { Clock } from './lib/clock.ts';
import type { Mailer } from './mail/mailer.ts';
import { areaRoutes } from './modules/areas/areas.routes.ts';
import { attachmentRoutes } from './modules/attachments/attachments.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { autonomyRoutes } from './modules/autonomy/autonomy.routes.ts';
import { reviewRoutes } from './modules/autonomy/reviews.routes.ts';
import { checkInRoutes } from './modules/checkins/checkins.routes.ts';
import { commentRoutes } from './modules/comments/comments.routes.ts';
import { eventRoutes } from './modules/events/events.routes.ts';
import { exportRoutes } from './modules/exports/exports.routes.ts';
import { feedRoutes } from './modules/feeds/feeds.routes.ts';
import { goalRoutes } from './modules/goals/goals.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { insightRoutes } from './modules/insights/insights.routes.ts';
import { invitationRoutes } from './modules/invitations/invitations.routes.ts';
import { lessonRoutes } from './modules/lessons/lessons.routes.ts';
import { meetingRoutes } from './modules/meetings/meetings.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { nudgeRoutes } from './modules/nudges/nudges.routes.ts';
import { onboardingRoutes } from './modules/onboarding/onboarding.routes.ts';
import { questionRoutes } from './modules/questions/questions.routes.ts';
import { sopRoutes } from './modules/sops/sops.routes.ts';
import { taskRoutes } from './modules/tasks/tasks.routes.ts';
import { templateRoutes } from './modules/templates/templates.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { workspaceRoutes } from './modules/workspaces/workspaces.routes.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { registerTextInput } from './plugins/text-input.ts';
import { version } from './version.ts';

/** Every route module, listed here so anyone can grep where a route comes from. */
const routeModules: RouteModule[] = [
  healthRoutes,
  authRoutes,
  userRoutes,
  workspaceRoutes,
  invitationRoutes,
  areaRoutes,
  taskRoutes,
  autonomyRoutes,
  reviewRoutes,
  templateRoutes,
  commentRoutes,
  attachmentRoutes,
  notificationRoutes,
  eventRoutes,
  sopRoutes,
  onboardingRoutes,
  lessonRoutes,
  questionRoutes,
  checkInRoutes,
  meetingRoutes,
  feedRoutes,
  goalRoutes,
  insightRoutes,
  nudgeRoutes,
  exportRoutes,
];

export interface AppOptions {
  config: Config;
  db: Db;
  clock?: Clock;
  mailer?: Mailer;
  /** Fastify logger options; false silences (tests). */
  logger?: FastifyServerOptions['logger'];
}

const DOC_ROUTES = ['/api/docs', '/api/openapi.json'];

/** Paths whose last segment is a credential (the calendar feed token): masked in every log line. */
const SECRET_IN_PATH = /^(\/api\/v1\/calendar\/)[^/?#]+/;

/** A request URL fit for the log: credentials in the path and any query string are masked. */
export function loggableUrl(url: string): string {
  const [pathPart = '', query] = url.split('?', 2);
  const masked = pathPart.replace(SECRET_IN_PATH, '$1[redacted]');
  return query === undefined ? masked : `${masked}?[redacted]`;
}

/**
 * The production logger: request lines carry method, masked URL and client address only, never
 * headers or bodies, so no cookie, CSRF token, password or feed token reaches the log
 * (server/src/security/web-security.test.ts greps a run's log for them).
 */
export function loggerOptions(config: Config) {
  return {
    level: config.logLevel,
    redact: [
      'req.headers.cookie',
      'req.headers["x-csrf-token"]',
      'req.headers.authorization',
      'res.headers["set-cookie"]',
    ],
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: loggableUrl(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}

/** Builds the whole app without listening; tests call it through `app.inject`. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, db } = options;
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config),
    trustProxy: config.trustProxy,
    bodyLimit: config.bodyLimitBytes,
    // Only the declared fields survive validation (no mass assignment), and nothing is
    // coerced: a number sent as a string is a client error, not something to guess at.
    ajv: { customOptions: { removeAdditional: 'all', coerceTypes: false, useDefaults: true } },
    return503OnClosing: true,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Several nodes on one PostgreSQL: live events cross nodes through LISTEN/NOTIFY.
  const pgClient = db.pgClient;
  const events = pgClient ? new PgEventBus({ db: db.db, connect: pgClient, log: app.log }) : null;
  await events?.start();
  app.addHook('onClose', async () => {
    await events?.close();
  });

  const deps: Deps = createDeps({
    config,
    db,
    log: app.log,
    ...(events ? { events } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.mailer ? { mailer: options.mailer } : {}),
  });

  // A route under /api without a declared access level or response schema is a bug that
  // would skip authorization or leak fields: refuse to start instead.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || DOC_ROUTES.some((p) => route.url.startsWith(p))) return;
    if (!route.schema?.['x-access'])
      throw new Error(`route ${route.method} ${route.url} declares no x-access`);
    // Workspace routes also say whose rows they address, so the authorization matrix knows
    // who must get a 404 (server/src/security/authz-matrix.test.ts).
    const access = route.schema['x-access'];
    if ((access === 'member' || access === 'owner') && !route.schema['x-rows'])
      throw new Error(`route ${route.method} ${route.url} declares no x-rows`);
    if (!route.schema.response)
      throw new Error(`route ${route.method} ${route.url} declares no response schema`);
  });

  app.decorate('deps', deps);
  registerErrorHandling(app);
  await app.register(fastifyCookie);
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.baseUrl.startsWith('https://') ? [] : null,
      },
    },
    strictTransportSecurity: config.baseUrl.startsWith('https://'),
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyRateLimit, { global: false });
  // Uploads stream to disk; one file per request, cut off (413) at the configured size.
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: config.attachmentMaxBytes,
      files: 1,
      fields: 10,
      fieldSize: 1024,
      parts: 20,
      headerPairs: 100,
    },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Leeway API',
        version,
        description:
          'Every state-changing request needs the `x-csrf-token` header from `GET /api/v1/auth/session`. ' +
          'Errors are `{ code, message, details? }`. `x-access` on each operation says who may call it.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'leeway_session' } },
      },
    },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // No calls to the public schema validator: the docs work offline and leak nothing.
    uiConfig: { validatorUrl: null },
    transformStaticCSP: (header) =>
      config.baseUrl.startsWith('https://') ? header : header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });

  registerAuth(app, deps);
  registerTextInput(app);
  for (const register of routeModules) register(app, deps);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const indexHtml = config.webDir ? path.join(config.webDir, 'index.html') : null;
  const hasWeb = indexHtml !== null && fs.existsSync(indexHtml);
  if (hasWeb && config.webDir) {
    await app.register(fastifyStatic, {
      root: config.webDir,
      wildcard: false,
      // Built assets carry a content hash in their name: cache them for good.
      setHeaders: (reply, filePath) => {
        reply.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api');
    if (isPage && hasWeb) {
      // The single-page app handles its own routes (/w/…, /invite, …).
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` });
  });

  return app;
}
