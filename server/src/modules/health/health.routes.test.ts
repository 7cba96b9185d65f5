import type { Access, Health } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import type { App } from '../../http.ts';
import { describeEachDb, signUp, uniqueEmail, workspaceWith } from '../../test/harness.ts';

/** Every operation of the v1 API and who may call it: the contract the OpenAPI document must publish. */
const V1_OPERATIONS: Record<string, Access> = {
  'GET /api/v1/auth/session': 'public',
  'POST /api/v1/auth/signup': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': 'public',
  'POST /api/v1/auth/password-reset': 'public',
  'POST /api/v1/auth/password-reset/confirm': 'public',
  'GET /api/v1/me': 'user',
  'PATCH /api/v1/me': 'user',
  'POST /api/v1/me/password': 'user',
  'GET /api/v1/workspaces': 'user',
  'POST /api/v1/workspaces': 'user',
  'GET /api/v1/workspaces/{workspaceId}': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}': 'owner',
  'POST /api/v1/workspaces/{workspaceId}/leave': 'member',
  'GET /api/v1/workspaces/{workspaceId}/members': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}/members/{userId}': 'owner',
  'DELETE /api/v1/workspaces/{workspaceId}/members/{userId}': 'owner',
  'GET /api/v1/workspaces/{workspaceId}/invitations': 'owner',
  'POST /api/v1/workspaces/{workspaceId}/invitations': 'owner',
  'DELETE /api/v1/workspaces/{workspaceId}/invitations/{invitationId}': 'owner',
  'POST /api/v1/invitations/preview': 'public',
  'POST /api/v1/invitations/accept': 'user',
  'GET /api/v1/workspaces/{workspaceId}/areas': 'member',
  'POST /api/v1/workspaces/{workspaceId}/areas': 'owner',
  'GET /api/v1/workspaces/{workspaceId}/areas/{areaId}': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}/areas/{areaId}': 'owner',
  'POST /api/v1/workspaces/{workspaceId}/areas/{areaId}/archive': 'owner',
  'POST /api/v1/workspaces/{workspaceId}/areas/{areaId}/unarchive': 'owner',
  'GET /api/v1/workspaces/{workspaceId}/tasks': 'member',
  'POST /api/v1/workspaces/{workspaceId}/tasks': 'member',
  'GET /api/v1/workspaces/{workspaceId}/tasks/{taskId}': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}/tasks/{taskId}': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/tasks/{taskId}': 'owner',
  'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/move': 'member',
  'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/checklist': 'member',
  'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/checklist/reorder': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}/tasks/{taskId}/checklist/{itemId}': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/tasks/{taskId}/checklist/{itemId}': 'member',
  'GET /api/v1/workspaces/{workspaceId}/tasks/{taskId}/history': 'member',
  'PUT /api/v1/workspaces/{workspaceId}/tasks/{taskId}/follow': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/tasks/{taskId}/follow': 'member',
  'GET /api/v1/workspaces/{workspaceId}/labels': 'member',
  'GET /api/v1/workspaces/{workspaceId}/tasks/{taskId}/comments': 'member',
  'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/comments': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}/tasks/{taskId}/comments/{commentId}': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/tasks/{taskId}/comments/{commentId}': 'member',
  'GET /api/v1/workspaces/{workspaceId}/tasks/{taskId}/attachments': 'member',
  'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/attachments': 'member',
  'GET /api/v1/workspaces/{workspaceId}/tasks/{taskId}/attachments/{attachmentId}/download': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/tasks/{taskId}/attachments/{attachmentId}': 'member',
  'GET /api/v1/workspaces/{workspaceId}/notifications': 'member',
  'POST /api/v1/workspaces/{workspaceId}/notifications/{notificationId}/read': 'member',
  'POST /api/v1/workspaces/{workspaceId}/notifications/read-all': 'member',
  'GET /api/v1/me/notification-preferences': 'user',
  'PATCH /api/v1/me/notification-preferences': 'user',
  'GET /api/v1/workspaces/{workspaceId}/events': 'member',
  'GET /api/v1/workspaces/{workspaceId}/templates': 'member',
  'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/save-as-template': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/templates/{templateId}': 'member',
  'GET /api/v1/workspaces/{workspaceId}/autonomy/settings': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}/autonomy/settings': 'owner',
  'GET /api/v1/workspaces/{workspaceId}/autonomy/board': 'owner',
  'GET /api/v1/workspaces/{workspaceId}/autonomy/me': 'member',
  'GET /api/v1/workspaces/{workspaceId}/autonomy/level-history': 'member',
  'GET /api/v1/workspaces/{workspaceId}/autonomy/members/{memberId}/areas/{areaId}': 'member',
  'PUT /api/v1/workspaces/{workspaceId}/autonomy/members/{memberId}/areas/{areaId}/level': 'owner',
  'GET /api/v1/workspaces/{workspaceId}/proposals': 'member',
  'POST /api/v1/workspaces/{workspaceId}/proposals': 'member',
  'POST /api/v1/workspaces/{workspaceId}/proposals/{proposalId}/decision': 'owner',
  'GET /api/v1/workspaces/{workspaceId}/support-episodes': 'member',
  'POST /api/v1/workspaces/{workspaceId}/support-episodes': 'owner',
  'POST /api/v1/workspaces/{workspaceId}/support-episodes/{episodeId}/extend': 'owner',
  'POST /api/v1/workspaces/{workspaceId}/support-episodes/{episodeId}/end': 'owner',
  'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/submit': 'member',
  'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/request-review': 'owner',
  'GET /api/v1/workspaces/{workspaceId}/reviews': 'member',
  'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/review': 'member',
  'GET /api/v1/workspaces/{workspaceId}/tasks/{taskId}/reviews': 'member',
  'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/approve': 'owner',
  'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/decline': 'owner',
  // SOPs (issue 5): members who see the area; editing rights are checked per SOP.
  'GET /api/v1/workspaces/{workspaceId}/sops': 'member',
  'POST /api/v1/workspaces/{workspaceId}/sops': 'member',
  'GET /api/v1/workspaces/{workspaceId}/sops/{sopId}': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}/sops/{sopId}': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/sops/{sopId}': 'member',
  'PUT /api/v1/workspaces/{workspaceId}/sops/{sopId}/draft': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/sops/{sopId}/draft': 'member',
  'POST /api/v1/workspaces/{workspaceId}/sops/{sopId}/publish': 'member',
  'GET /api/v1/workspaces/{workspaceId}/sops/{sopId}/versions/{number}': 'member',
  'GET /api/v1/workspaces/{workspaceId}/sops/{sopId}/diff': 'member',
  'POST /api/v1/workspaces/{workspaceId}/sops/{sopId}/acknowledge': 'member',
  'PUT /api/v1/workspaces/{workspaceId}/tasks/{taskId}/sop': 'member',
  // Onboarding plans.
  'GET /api/v1/workspaces/{workspaceId}/onboarding-templates': 'member',
  'POST /api/v1/workspaces/{workspaceId}/onboarding-templates': 'owner',
  'DELETE /api/v1/workspaces/{workspaceId}/onboarding-templates/{templateId}': 'owner',
  'GET /api/v1/workspaces/{workspaceId}/onboarding-plans': 'member',
  'POST /api/v1/workspaces/{workspaceId}/onboarding-plans': 'owner',
  'GET /api/v1/workspaces/{workspaceId}/onboarding-plans/{planId}': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}/onboarding-plans/{planId}': 'owner',
  'POST /api/v1/workspaces/{workspaceId}/onboarding-plans/{planId}/items': 'owner',
  'PATCH /api/v1/workspaces/{workspaceId}/onboarding-plans/{planId}/items/{itemId}': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/onboarding-plans/{planId}/items/{itemId}': 'owner',
  // Lessons.
  'GET /api/v1/workspaces/{workspaceId}/lessons': 'member',
  'POST /api/v1/workspaces/{workspaceId}/lessons': 'member',
  'GET /api/v1/workspaces/{workspaceId}/lessons/stats': 'member',
  'GET /api/v1/workspaces/{workspaceId}/lessons/{lessonId}': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}/lessons/{lessonId}': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/lessons/{lessonId}': 'member',
  'POST /api/v1/workspaces/{workspaceId}/lessons/{lessonId}/follow-ups': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}/lessons/{lessonId}/follow-ups/{followUpId}': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/lessons/{lessonId}/follow-ups/{followUpId}': 'owner',
  'GET /api/v1/workspaces/{workspaceId}/follow-ups': 'member',
  // Questions, check-ins, meetings and calendar feeds (issue 6): members; rights per row.
  'GET /api/v1/workspaces/{workspaceId}/questions': 'member',
  'POST /api/v1/workspaces/{workspaceId}/questions': 'member',
  'GET /api/v1/workspaces/{workspaceId}/questions/{questionId}': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}/questions/{questionId}': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/questions/{questionId}': 'member',
  'POST /api/v1/workspaces/{workspaceId}/questions/{questionId}/answer': 'member',
  'POST /api/v1/workspaces/{workspaceId}/questions/{questionId}/reopen': 'member',
  'GET /api/v1/workspaces/{workspaceId}/check-ins': 'member',
  'GET /api/v1/workspaces/{workspaceId}/check-ins/me': 'member',
  'PUT /api/v1/workspaces/{workspaceId}/check-ins/me': 'member',
  'PUT /api/v1/workspaces/{workspaceId}/check-ins/me/reminder': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/check-ins/me/reminder': 'member',
  'GET /api/v1/workspaces/{workspaceId}/meetings': 'member',
  'POST /api/v1/workspaces/{workspaceId}/meetings': 'member',
  'GET /api/v1/workspaces/{workspaceId}/meetings/{meetingId}': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}/meetings/{meetingId}': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/meetings/{meetingId}': 'member',
  'GET /api/v1/workspaces/{workspaceId}/meetings/{meetingId}/occurrences': 'member',
  'PUT /api/v1/workspaces/{workspaceId}/meetings/{meetingId}/occurrences/{start}': 'member',
  'GET /api/v1/workspaces/{workspaceId}/meetings/{meetingId}/occurrences/{start}/agenda': 'member',
  'GET /api/v1/workspaces/{workspaceId}/meetings/{meetingId}/next/agenda': 'member',
  'POST /api/v1/workspaces/{workspaceId}/meetings/{meetingId}/occurrences/{start}/agenda/items': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}/meetings/{meetingId}/occurrences/{start}/agenda/items/{key}':
    'member',
  'POST /api/v1/workspaces/{workspaceId}/meetings/{meetingId}/occurrences/{start}/action-items': 'member',
  'POST /api/v1/workspaces/{workspaceId}/meetings/{meetingId}/occurrences/{start}/finish': 'member',
  'POST /api/v1/workspaces/{workspaceId}/meetings/{meetingId}/pinned': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/meetings/{meetingId}/pinned/{pinnedId}': 'member',
  'GET /api/v1/workspaces/{workspaceId}/meetings/{meetingId}/ics': 'member',
  'GET /api/v1/workspaces/{workspaceId}/calendar-feed': 'member',
  'POST /api/v1/workspaces/{workspaceId}/calendar-feed': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/calendar-feed': 'member',
  'GET /api/v1/calendar/{token}': 'public',
  'GET /api/v1/workspaces/{workspaceId}/goals': 'member',
  'POST /api/v1/workspaces/{workspaceId}/goals': 'owner',
  'GET /api/v1/workspaces/{workspaceId}/goals/{goalId}': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}/goals/{goalId}': 'owner',
  'DELETE /api/v1/workspaces/{workspaceId}/goals/{goalId}': 'owner',
  'GET /api/v1/workspaces/{workspaceId}/missions': 'member',
  'POST /api/v1/workspaces/{workspaceId}/missions': 'owner',
  'GET /api/v1/workspaces/{workspaceId}/missions/{missionId}': 'member',
  'PATCH /api/v1/workspaces/{workspaceId}/missions/{missionId}': 'member',
  'DELETE /api/v1/workspaces/{workspaceId}/missions/{missionId}': 'owner',
  'GET /api/v1/workspaces/{workspaceId}/insights': 'member',
  'GET /api/v1/workspaces/{workspaceId}/insights/trend': 'member',
  'GET /api/v1/workspaces/{workspaceId}/insights/digests': 'member',
  'GET /api/v1/workspaces/{workspaceId}/insights/digests/{digestId}': 'member',
  'GET /api/v1/workspaces/{workspaceId}/tasks/{taskId}/nudges': 'owner',
  'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/nudges': 'owner',
  // Data export and workspace deletion (DESIGN §12).
  'GET /api/v1/me/export': 'user',
  'GET /api/v1/workspaces/{workspaceId}/export': 'owner',
  'DELETE /api/v1/workspaces/{workspaceId}': 'owner',
};

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Every "METHOD /path" the app really serves, read from Fastify's route tree (params in
 * OpenAPI's `{name}` form, HEAD left out), so a route missing from the document is caught
 * even when nobody remembered to add it to the list above.
 */
function servedRoutes(app: App): Set<string> {
  const served = new Set<string>();
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const full = (depth > 0 ? (stack[depth - 1] ?? '') : '') + (match[2] ?? '');
    stack[depth] = full;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD') served.add(`${method} ${full.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return served;
}

interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { 'x-access'?: string; responses?: Record<string, unknown> }>>;
  components?: { securitySchemes?: Record<string, unknown> };
}

describeEachDb('health, docs and HTTP hygiene', (h) => {
  describe('health', () => {
    it('answers liveness', async () => {
      const res = await h().client().get<Health>('/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', version: expect.any(String) });
      expect(res.body.version.length).toBeGreaterThan(0);
    });

    it('answers readiness with the database dialect', async () => {
      const res = await h().client().get<Health>('/api/health/ready');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', version: expect.any(String), database: h().dialect });
    });

    it('needs no session and sets none', async () => {
      const res = await h().app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['set-cookie']).toBeUndefined();
    });
  });

  describe('OpenAPI and docs', () => {
    it('publishes an OpenAPI 3.1 document listing every v1 operation with its x-access', async () => {
      const res = await h().client().get<OpenApiDoc>('/api/openapi.json');
      expect(res.status).toBe(200);
      expect(String(res.headers['content-type'])).toContain('application/json');
      const doc = res.body;
      expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
      expect(doc.info).toMatchObject({ title: 'Leeway API', version: expect.any(String) });
      expect(doc.components?.securitySchemes).toHaveProperty('session');

      const published: Record<string, string | undefined> = {};
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          if (HTTP_METHODS.includes(method)) published[`${method.toUpperCase()} ${path}`] = op['x-access'];
        }
      }
      const v1 = Object.fromEntries(Object.entries(published).filter(([key]) => key.includes(' /api/v1/')));
      expect(v1).toEqual(V1_OPERATIONS);

      // Every operation the server really serves under /api/v1 is in the document.
      const served = [...servedRoutes(h().app)].filter((r) => r.includes(' /api/v1/')).sort();
      expect(served).toEqual(Object.keys(V1_OPERATIONS).sort());

      // Every documented operation under /api says who may call it and what it answers.
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          if (!HTTP_METHODS.includes(method)) continue;
          expect(['public', 'user', 'member', 'owner'], `${method} ${path}`).toContain(op['x-access']);
          expect(Object.keys(op.responses ?? {}).length, `${method} ${path}`).toBeGreaterThan(0);
        }
      }
      expect(published['GET /api/health']).toBe('public');
    });

    it('serves the API docs as HTML', async () => {
      const res = await h().app.inject({ method: 'GET', url: '/api/docs' });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['content-type'])).toContain('text/html');
      expect(res.body).toMatch(/<html/i);
    });

    // Regression guard: @fastify/swagger-ui's staticCSP hard-codes upgrade-insecure-requests,
    // which leaves the docs page blank on a plain-http install (fastify/fastify-swagger#690);
    // app.ts strips it with transformStaticCSP unless BASE_URL is https.
    it('does not force https for the docs page on a plain-http base URL', async () => {
      const res = await h().app.inject({ method: 'GET', url: '/api/docs' });
      expect(String(res.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    });
  });

  describe('errors and headers', () => {
    it.each([
      ['GET', '/api/nope'],
      ['GET', '/api/v1/nope'],
      ['POST', '/api/v1/nope'],
      ['DELETE', '/api/v1/workspaces'],
      ['GET', '/api/v2/workspaces'],
    ] as const)('answers an unknown %s %s with 404 not_found', async (method, url) => {
      const res = await h().app.inject({ method, url });
      expect(res.statusCode).toBe(404);
      expect(String(res.headers['content-type'])).toContain('application/json');
      expect(res.json()).toMatchObject({ code: 'not_found', message: expect.any(String) });
    });

    it.each(['/api/health', '/api/v1/me', '/api/nope', '/api/openapi.json'])(
      'sends security headers on %s',
      async (url) => {
        const res = await h().app.inject({ method: 'GET', url });
        const csp = String(res.headers['content-security-policy'] ?? '');
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("object-src 'none'");
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        const framing =
          csp.includes("frame-ancestors 'none'") || res.headers['x-frame-options'] !== undefined;
        expect(framing).toBe(true);
        expect(res.headers['referrer-policy']).toBeDefined();
        // Plain http base URL: no HSTS, which would lock a LAN install out of itself.
        expect(res.headers['strict-transport-security']).toBeUndefined();
        expect(res.headers['x-powered-by']).toBeUndefined();
      },
    );

    it('answers malformed JSON with 400 and the error shape', async () => {
      const me = await signUp(h());
      const res = await h().app.inject({
        method: 'POST',
        url: '/api/v1/workspaces',
        headers: {
          cookie: me.cookieHeader(),
          'x-csrf-token': me.csrfToken ?? '',
          'content-type': 'application/json',
        },
        payload: '{"name":',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed' });
    });

    it('answers an unsupported content type with 400, not 415 or 500', async () => {
      const me = await signUp(h());
      const res = await h().app.inject({
        method: 'POST',
        url: '/api/v1/workspaces',
        headers: {
          cookie: me.cookieHeader(),
          'x-csrf-token': me.csrfToken ?? '',
          'content-type': 'application/xml',
        },
        payload: '<name>x</name>',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed' });
    });
  });
});

describeEachDb(
  'body limit',
  (h) => {
    it('answers a body over BODY_LIMIT with 413 payload_too_large and writes nothing', async () => {
      const me = await signUp(h());
      const before = await h().db.db.selectFrom('workspaces').select('id').execute();
      const res = await me.post('/api/v1/workspaces', { name: 'x'.repeat(4096) });
      expect(res.status).toBe(413);
      expect(res.body).toEqual({ code: 'payload_too_large', message: expect.any(String) });
      expect(await h().db.db.selectFrom('workspaces').select('id').execute()).toEqual(before);
    });

    it('answers an oversized anonymous sign-up with 413 too', async () => {
      const res = await h()
        .client()
        .post('/api/v1/auth/signup', {
          email: uniqueEmail(),
          name: 'x'.repeat(3000),
          password: 'long enough password',
        });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'payload_too_large' });
    });

    it('accepts a body under the limit', async () => {
      const me = await signUp(h());
      expect((await me.post('/api/v1/workspaces', { name: 'Small' })).status).toBe(201);
    });
  },
  { config: { bodyLimitBytes: 2048 } },
);

// These tests break the database on purpose, so they get a harness of their own.
describeEachDb('failures hide their internals', (h) => {
  it('answers an unexpected database error with a generic 500 and no stack trace or SQL', async () => {
    const { owner, workspace } = await workspaceWith(h());
    await h().db.db.schema.dropTable('invitations').execute();
    const res = await owner.get(`/api/v1/workspaces/${workspace.id}/invitations`);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ code: 'internal_error', message: expect.any(String) });
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(
      /invitations|select|sqlite|relation|postgres|stack|\.ts|at \w+ \(|node_modules/i,
    );
  });

  it('answers readiness with 503 once the database is gone, still without internals', async () => {
    await h().db.close();
    const res = await h().client().get<Health>('/api/health/ready');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'unavailable', version: expect.any(String), database: h().dialect });
    expect((await h().client().get('/api/health')).status).toBe(200);
  });
});
