import type { AddressInfo } from 'node:net';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, type Harness, type Res, signUp, type TestClient } from '../test/harness.ts';
import { fillPath, minimalValue, type Operation, operations } from './openapi.ts';
import { fingerprinter } from './snapshot.ts';
import { checkInBody, seedWorld, upload, type World } from './world.ts';

/**
 * The authorization matrix (issue 9): every operation of the OpenAPI document × every actor,
 * against one seeded world, compared with what the route declares (`x-access`, `x-rows`).
 * A route without a declaration fails here, and so does an operation whose path parameter
 * has no seeded id, so no future route can skip the matrix.
 */

type Actor = 'anonymous' | 'stranger' | 'strangerOwnWorkspace' | 'outsider' | 'insider' | 'owner';

/** What an actor may get: exact statuses, or '2xx'. */
type Expected = (number | '2xx')[];

interface Outcome {
  status: number;
  body: string;
}

/**
 * Answers the declaration cannot tell, each with its reason. Keys are "METHOD path actor".
 */
const OVERRIDES: Record<string, { expect: Expected; why: string }> = {
  'POST /api/v1/workspaces/{workspaceId}/notifications/{notificationId}/read owner': {
    expect: [404],
    why: "the seeded notification is the insider's: even an owner cannot read someone else's",
  },
  'POST /api/v1/workspaces/{workspaceId}/leave owner': { expect: [409], why: 'the only owner cannot leave' },
  'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/submit owner': {
    expect: [403],
    why: 'only the assignee (the insider) submits',
  },
  'PATCH /api/v1/workspaces/{workspaceId}/tasks/{taskId}/comments/{commentId} owner': {
    expect: [403],
    why: "only the author edits a comment; the seeded one is the insider's",
  },
  'PATCH /api/v1/workspaces/{workspaceId}/questions/{questionId} owner': {
    expect: [403],
    why: 'only the person who asked edits a question',
  },
  'POST /api/v1/workspaces/{workspaceId}/proposals insider': {
    expect: [409],
    why: 'the insider has a pending proposal for area X (seeded); one at a time',
  },
  'POST /api/v1/workspaces/{workspaceId}/proposals owner': {
    expect: [403],
    why: 'owners set levels directly; proposals are requests by assistants',
  },
  'PUT /api/v1/workspaces/{workspaceId}/check-ins/me owner': {
    expect: [403],
    why: 'weekly check-ins are written by assistants',
  },
  'PUT /api/v1/workspaces/{workspaceId}/check-ins/me/reminder owner': {
    expect: [403],
    why: 'weekly check-ins are written by assistants',
  },
  'DELETE /api/v1/workspaces/{workspaceId} owner': {
    expect: [400],
    why: 'the body does not name the workspace, so nothing is deleted (exports.routes.test.ts deletes one)',
  },
};

/** Request bodies (merged over the schema's minimal one) the schema alone cannot make meaningful. */
function bodyOverride(op: Operation, w: World): Record<string, unknown> | undefined {
  const insider = w.insider.user.id;
  switch (op.id) {
    case 'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/move':
      return { state: 'doing', afterTaskId: null };
    case 'PATCH /api/v1/workspaces/{workspaceId}/members/{userId}':
    case 'POST /api/v1/workspaces/{workspaceId}/invitations':
      return { role: 'assistant' };
    case 'POST /api/v1/workspaces/{workspaceId}/proposals/{proposalId}/decision':
      return { decision: 'decline', reason: 'Not yet' };
    case 'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/review':
      return { outcome: 'accepted' };
    case 'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/decline':
      return { reason: 'No' };
    case 'POST /api/v1/workspaces/{workspaceId}/support-episodes/{episodeId}/extend':
      return { newEnd: '2026-01-25T09:00:00.000Z', reason: 'More time' };
    case 'PUT /api/v1/workspaces/{workspaceId}/autonomy/members/{memberId}/areas/{areaId}/level':
      return { level: 2, reason: 'Earned' };
    case 'POST /api/v1/workspaces/{workspaceId}/proposals':
      return { to: 3, note: 'Please' };
    case 'POST /api/v1/workspaces/{workspaceId}/onboarding-plans':
      return { assistantId: w.spare.user.id, areaIds: [], templateKey: 'first_30_days' };
    case 'POST /api/v1/workspaces/{workspaceId}/meetings':
      return { title: 'M', participantIds: [insider], startsAt: '2026-01-12T09:00:00.000Z', durationMin: 30 };
    case 'PUT /api/v1/workspaces/{workspaceId}/meetings/{meetingId}/occurrences/{start}':
      return { movedTo: '2026-01-19T10:00:00.000Z', cancelled: false };
    case 'POST /api/v1/workspaces/{workspaceId}/lessons/{lessonId}/follow-ups':
      return { kind: 'other', title: 'F', ownerId: insider };
    case 'POST /api/v1/workspaces/{workspaceId}/onboarding-templates':
      return {
        name: 'T',
        charter: { outcomes: [], workingHours: '', responseTimes: '', authorityNotes: '' },
        items: [{ kind: 'intro', title: 'Hello', dueDay: 1 }],
      };
    case 'PUT /api/v1/workspaces/{workspaceId}/check-ins/me':
      return checkInBody();
    case 'POST /api/v1/workspaces/{workspaceId}/sops':
    case 'PUT /api/v1/workspaces/{workspaceId}/sops/{sopId}/draft':
      return { title: 'Secret SOP', steps: [{ text: 'Do it', checkpoint: false }] };
    case 'POST /api/v1/workspaces/{workspaceId}/lessons':
      return { title: 'L', whatHappened: 'W', severity: 3, areaId: w.params.areaId };
    case 'POST /api/v1/workspaces/{workspaceId}/questions':
      return { body: 'Q?' };
    // Never the workspace's name (a rename may have made it 'x'): the matrix must not delete it.
    case 'DELETE /api/v1/workspaces/{workspaceId}':
      return { confirmName: 'Not the name of this workspace' };
    default:
      return undefined;
  }
}

/** Query strings the schema alone cannot make meaningful. */
const QUERY_OVERRIDES: Record<string, string> = {
  'GET /api/v1/workspaces/{workspaceId}/meetings/{meetingId}/occurrences':
    'from=2026-01-01T00:00:00.000Z&to=2026-02-01T00:00:00.000Z',
  'GET /api/v1/workspaces/{workspaceId}/sops/{sopId}/diff': 'from=1&to=1',
};

/** Fields read from the row as it is now (versions, the checklist), just before each request. */
async function liveFields(op: Operation, w: World): Promise<Record<string, unknown>> {
  const sopUrl = w.url(`/sops/${w.params.sopId}`);
  switch (op.id) {
    case 'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/checklist/reorder': {
      const task = await w.owner.get<{ checklist: { id: string }[] }>(w.url(`/tasks/${w.params.taskId}`));
      return { itemIds: task.body.checklist.map((i) => i.id) };
    }
    case 'PUT /api/v1/workspaces/{workspaceId}/sops/{sopId}/draft':
    case 'POST /api/v1/workspaces/{workspaceId}/sops/{sopId}/publish': {
      const sop = await w.owner.get<{ draft: { version: number } | null }>(sopUrl);
      return sop.body.draft ? { draftVersion: sop.body.draft.version } : {};
    }
    case 'POST /api/v1/workspaces/{workspaceId}/sops/{sopId}/acknowledge': {
      const sop = await w.owner.get<{ currentVersion: number | null }>(sopUrl);
      return { versionNumber: sop.body.currentVersion ?? 1 };
    }
    default:
      return {};
  }
}

/**
 * Operations that change or remove their row get a fresh one before each actor's request, so
 * whoever goes first does not decide what the next actor sees. Returns path ids to use.
 */
async function freshRow(op: Operation, w: World, h: Harness): Promise<Record<string, string>> {
  const { owner, insider, params: p } = w;
  const created = async (res: Promise<Res<unknown>>, what: string): Promise<string> => {
    const r = await res;
    const body = r.body as { id?: string; key?: string; item?: { id: string } } | null;
    const id = body?.id ?? body?.key;
    if (r.status >= 300 || !id) throw new Error(`fresh ${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return id;
  };
  const task = (by: TestClient) =>
    created(
      by.post(w.url('/tasks'), { title: 'Fresh task', areaId: p.areaId, assigneeId: insider.user.id }),
      'task',
    );
  const question = () =>
    created(insider.post(w.url('/questions'), { body: 'Fresh?', taskId: p.taskId }), 'question');
  const taskUrl = w.url(`/tasks/${p.taskId}`);
  switch (op.id) {
    case 'DELETE /api/v1/workspaces/{workspaceId}/tasks/{taskId}':
    case 'PUT /api/v1/workspaces/{workspaceId}/tasks/{taskId}/sop':
    case 'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/nudges':
      return { taskId: await task(owner) };
    // An assistant below level 3 who creates a task in an area proposes it.
    case 'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/approve':
    case 'POST /api/v1/workspaces/{workspaceId}/tasks/{taskId}/decline':
      return { taskId: await task(insider) };
    case 'DELETE /api/v1/workspaces/{workspaceId}/tasks/{taskId}/checklist/{itemId}':
      return { itemId: await created(owner.post(`${taskUrl}/checklist`, { text: 'Fresh' }), 'item') };
    case 'DELETE /api/v1/workspaces/{workspaceId}/tasks/{taskId}/comments/{commentId}':
      return { commentId: await created(insider.post(`${taskUrl}/comments`, { body: 'Fresh' }), 'comment') };
    case 'DELETE /api/v1/workspaces/{workspaceId}/tasks/{taskId}/attachments/{attachmentId}':
      return {
        attachmentId: await created(upload(h, insider, `${taskUrl}/attachments`) as Promise<Res>, 'file'),
      };
    case 'DELETE /api/v1/workspaces/{workspaceId}/templates/{templateId}':
      return {
        templateId: await created(owner.post(`${taskUrl}/save-as-template`, { name: 'Fresh' }), 'template'),
      };
    case 'DELETE /api/v1/workspaces/{workspaceId}/sops/{sopId}/draft': {
      const sopUrl = w.url(`/sops/${p.sopId}`);
      const sop = await owner.get<{ draft: unknown }>(sopUrl);
      if (!sop.body.draft)
        await owner.request('PUT', `${sopUrl}/draft`, {
          title: 'D',
          steps: [{ text: 'S', checkpoint: false }],
        });
      return {};
    }
    case 'DELETE /api/v1/workspaces/{workspaceId}/sops/{sopId}':
      return {
        sopId: await created(
          owner.post(w.url('/sops'), {
            areaId: p.areaId,
            title: 'Fresh',
            steps: [{ text: 'S', checkpoint: false }],
          }),
          'sop',
        ),
      };
    case 'DELETE /api/v1/workspaces/{workspaceId}/onboarding-templates/{templateId}':
      return {
        'onboarding-templates/{templateId}': await created(
          owner.post(
            w.url('/onboarding-templates'),
            bodyOverride({ ...op, id: 'POST /api/v1/workspaces/{workspaceId}/onboarding-templates' }, w),
          ),
          'onboarding template',
        ),
      };
    case 'DELETE /api/v1/workspaces/{workspaceId}/onboarding-plans/{planId}/items/{itemId}': {
      // Adding an item answers with the whole plan: the new item is the one not seen before.
      const before = await owner.get<{ items: { id: string }[] }>(w.url(`/onboarding-plans/${p.planId}`));
      const plan = await owner.post<{ items: { id: string }[] }>(
        w.url(`/onboarding-plans/${p.planId}/items`),
        {
          kind: 'intro',
          title: 'Fresh',
          dueDay: 2,
        },
      );
      const known = new Set(before.body.items.map((i) => i.id));
      const item = plan.body.items.find((i) => !known.has(i.id));
      if (!item) throw new Error(`fresh plan item: ${plan.status} ${JSON.stringify(plan.body)}`);
      return { 'onboarding-plans/{planId}/items/{itemId}': item.id };
    }
    case 'DELETE /api/v1/workspaces/{workspaceId}/lessons/{lessonId}':
      return {
        lessonId: await created(
          insider.post(w.url('/lessons'), {
            title: 'Fresh',
            whatHappened: 'W',
            severity: 3,
            areaId: p.areaId,
          }),
          'lesson',
        ),
      };
    case 'DELETE /api/v1/workspaces/{workspaceId}/lessons/{lessonId}/follow-ups/{followUpId}':
      return {
        followUpId: await created(
          owner.post(w.url(`/lessons/${p.lessonId}/follow-ups`), {
            kind: 'other',
            title: 'F',
            ownerId: insider.user.id,
          }),
          'follow-up',
        ),
      };
    case 'DELETE /api/v1/workspaces/{workspaceId}/questions/{questionId}':
    case 'POST /api/v1/workspaces/{workspaceId}/questions/{questionId}/answer':
      return { questionId: await question() };
    case 'POST /api/v1/workspaces/{workspaceId}/questions/{questionId}/reopen': {
      const id = await question();
      const q = await insider.get<{ version: number }>(w.url(`/questions/${id}`));
      await owner.post(w.url(`/questions/${id}/answer`), { version: q.body.version, body: 'A' });
      return { questionId: id };
    }
    case 'DELETE /api/v1/workspaces/{workspaceId}/meetings/{meetingId}':
      return {
        meetingId: await created(
          owner.post(
            w.url('/meetings'),
            bodyOverride({ ...op, id: 'POST /api/v1/workspaces/{workspaceId}/meetings' }, w),
          ),
          'meeting',
        ),
      };
    case 'DELETE /api/v1/workspaces/{workspaceId}/meetings/{meetingId}/pinned/{pinnedId}':
      return {
        pinnedId: await created(
          owner.post(w.url(`/meetings/${p.meetingId}/pinned`), { title: 'P' }),
          'pinned',
        ),
      };
    case 'DELETE /api/v1/workspaces/{workspaceId}/goals/{goalId}':
      return { goalId: await created(owner.post(w.url('/goals'), { title: 'Fresh' }), 'goal') };
    case 'DELETE /api/v1/workspaces/{workspaceId}/missions/{missionId}':
      return {
        missionId: await created(
          owner.post(w.url('/missions'), {
            goalId: p.goalId,
            title: 'Fresh',
            areaId: p.areaId,
            assigneeId: insider.user.id,
          }),
          'mission',
        ),
      };
    case 'DELETE /api/v1/workspaces/{workspaceId}/invitations/{invitationId}': {
      const inv = await owner.post<{ id?: string; invitation?: { id: string } }>(w.url('/invitations'), {
        role: 'assistant',
      });
      return { invitationId: inv.body.invitation?.id ?? inv.body.id ?? '' };
    }
    default:
      return {};
  }
}

function idsByField(w: World): Record<string, string> {
  const p = w.params;
  return {
    areaId: p.areaId ?? '',
    taskId: p.taskId ?? '',
    goalId: p.goalId ?? '',
    sopId: p.sopId ?? '',
    memberId: w.insider.user.id,
    assigneeId: w.insider.user.id,
    assistantId: w.insider.user.id,
    ownerId: w.owner.user.id,
    participantId: w.insider.user.id,
    addresseeId: w.owner.user.id,
    principalId: w.owner.user.id,
  };
}

const SECRET_DELETE_LAST = ['/leave'];

/** Reads run first, then writes, then deletes deepest first, then leaving the workspace. */
function ordered(ops: Operation[]): Operation[] {
  const rank = (op: Operation) =>
    SECRET_DELETE_LAST.some((s) => op.path.endsWith(s))
      ? 3
      : op.method === 'DELETE'
        ? 2
        : op.method === 'GET'
          ? 0
          : 1;
  return [...ops].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r !== 0) return r;
    if (a.method === 'DELETE' && b.method === 'DELETE')
      return b.path.split('/').length - a.path.split('/').length;
    return 0;
  });
}

function expected(op: Operation, actor: Actor, body: unknown, w: World): Expected {
  const override = OVERRIDES[`${op.id} ${actor}`];
  if (override) return override.expect;
  const rowParams = op.pathParams.filter((p) => p !== 'workspaceId');
  const may403: Expected = op.statuses.includes(403) ? ['2xx', 403] : ['2xx'];
  if (actor === 'anonymous') return [401];
  if (actor === 'stranger' || actor === 'strangerOwnWorkspace') return [404];
  if (actor === 'owner') return ['2xx'];
  if (op.access === 'owner') return [403];
  if (op.rows === 'principal') return [404];
  if (actor === 'insider') return may403;
  // The outsider: another person's row, or a row of an area they have no role in, is 404.
  if ((op.rows === 'area' || op.rows === 'self') && rowParams.length > 0) return [404];
  // A body naming area X or one of its rows: refused like an id that does not exist.
  const refersToArea = [...w.areaSecrets, w.params.areaId].some((id) =>
    JSON.stringify(body ?? null).includes(id ?? '-'),
  );
  return refersToArea ? [400, 403, 404] : may403;
}

function matches(status: number, allowed: Expected): boolean {
  return allowed.some((a) => (a === '2xx' ? status >= 200 && status < 300 : a === status));
}

describeEachDb('authorization matrix', (h) => {
  let w: World;
  let baseUrl = '';
  beforeAll(async () => {
    w = await seedWorld(h());
    await h().app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(h().app.server.address() as AddressInfo).port}`;
  }, 120_000);

  function client(actor: Actor): TestClient {
    switch (actor) {
      case 'anonymous':
        return w.anonymous;
      case 'stranger':
      case 'strangerOwnWorkspace':
        return w.stranger;
      default:
        return w[actor];
    }
  }

  /** The live stream never ends: read its status through a real socket, then hang up. */
  async function stream(c: TestClient, url: string): Promise<Outcome> {
    const abort = new AbortController();
    const res = await fetch(`${baseUrl}${url}`, {
      headers: { cookie: c.cookieHeader(), accept: 'text/event-stream' },
      signal: abort.signal,
    });
    const body = res.headers.get('content-type')?.startsWith('text/event-stream') ? '' : await res.text();
    abort.abort();
    return { status: res.status, body };
  }

  /** The current `version` of the row a write addresses, read the way the web client would. */
  async function currentVersion(path: string): Promise<number | undefined> {
    const parts = path.split('/');
    while (parts.length > 5) {
      const res = await w.owner.get<{ version?: unknown }>(parts.join('/'));
      if (res.status === 200 && typeof res.body?.version === 'number') return res.body.version;
      parts.pop();
    }
    return undefined;
  }

  async function send(op: Operation, actor: Actor): Promise<Outcome & { requestBody: unknown }> {
    const c = client(actor);
    const params = { ...w.params, ...(await freshRow(op, w, h())) };
    if (actor === 'strangerOwnWorkspace') params.workspaceId = w.otherWorkspaceId;
    const query =
      QUERY_OVERRIDES[op.id] ??
      op.requiredQuery
        .map(
          (name) =>
            `${name}=${encodeURIComponent(String(minimalValue(op.query[name] ?? {}, idsByField(w), name)))}`,
        )
        .join('&');
    const url = fillPath(op.path, params) + (query ? `?${query}` : '');
    if (op.method === 'GET' && op.path.endsWith('/events'))
      return { ...(await stream(c, url)), requestBody: null };
    if (op.multipart) {
      const res = await upload(h(), c, url);
      return { status: res.status, body: JSON.stringify(res.body), requestBody: null };
    }
    let body: unknown;
    if (op.body) {
      const minimal = minimalValue(op.body, idsByField(w)) as Record<string, unknown>;
      body = { ...minimal, ...bodyOverride(op, w), ...(await liveFields(op, w)) };
      if (op.body.properties?.version) {
        const version = await currentVersion(fillPath(op.path, { ...params, workspaceId: w.workspaceId }));
        if (version !== undefined) body = { ...(body as object), version };
      }
    }
    const res = await c.request(
      op.method,
      url,
      body ?? (op.method === 'GET' || op.method === 'DELETE' ? undefined : {}),
    );
    return {
      status: res.status,
      body: typeof res.body === 'string' ? res.body : JSON.stringify(res.body),
      requestBody: body,
    };
  }

  it('every operation declares who may call it and whose rows it addresses', () => {
    const undeclared = operations(h().app)
      .filter((op) => !op.access || ((op.access === 'member' || op.access === 'owner') && !op.rows))
      .map((op) => op.id);
    expect(undeclared).toEqual([]);
  });

  it('an id of another workspace in a body is refused and writes nothing', async () => {
    const snapshot = await fingerprinter(h());
    const failures: string[] = [];
    let probes = 0;
    const writes = operations(h().app).filter(
      (op) => op.body && op.method !== 'GET' && (op.access === 'member' || op.access === 'owner'),
    );
    for (const op of writes) {
      const fields = Object.keys(op.body?.properties ?? {}).filter(
        (f) => w.foreignIds[f] !== undefined || w.foreignIds[f.replace(/Ids$/, 'Id')] !== undefined,
      );
      for (const field of fields) {
        const params = { ...w.params, ...(await freshRow(op, w, h())) };
        const url = fillPath(op.path, params);
        const minimal = minimalValue(op.body ?? {}, idsByField(w)) as Record<string, unknown>;
        let body: Record<string, unknown> = {
          ...minimal,
          ...bodyOverride(op, w),
          ...(await liveFields(op, w)),
        };
        if (op.body?.properties?.version) {
          const version = await currentVersion(url);
          if (version !== undefined) body = { ...body, version };
        }
        const foreign = w.foreignIds[field] ?? w.foreignIds[field.replace(/Ids$/, 'Id')] ?? '';
        body[field] = field.endsWith('Ids') ? [foreign] : foreign;
        const before = await snapshot();
        const res = await w.owner.request(op.method, url, body);
        probes += 1;
        const what = `${op.id} with ${field} of workspace B`;
        if (res.status < 400 || res.status >= 500)
          failures.push(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
        else if ((await snapshot()) !== before)
          failures.push(`${what}: ${res.status} but wrote to the database`);
      }
    }
    console.log(`foreign ids in bodies [${h().dialect}]: ${probes} requests`);
    expect(failures).toEqual([]);
  }, 120_000);

  it('the live stream tells an outsider and a stranger nothing about area X', async () => {
    const streamUrl = (ws: string) => `${baseUrl}/api/v1/workspaces/${ws}/events`;
    const open = async (c: TestClient, ws: string) => {
      const abort = new AbortController();
      const res = await fetch(streamUrl(ws), { headers: { cookie: c.cookieHeader() }, signal: abort.signal });
      let text = '';
      const reading = (async () => {
        if (!res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) return;
        try {
          for await (const chunk of res.body.pipeThrough(new TextDecoderStream())) text += chunk;
        } catch {
          // hung up below
        }
      })();
      return { status: res.status, text: () => text, close: () => abort.abort(), reading };
    };
    const insider = await open(w.insider, w.workspaceId);
    const outsider = await open(w.outsider, w.workspaceId);
    const stranger = await open(w.stranger, w.otherWorkspaceId);
    const foreign = await open(w.stranger, w.workspaceId);
    try {
      expect([insider.status, outsider.status, stranger.status, foreign.status]).toEqual([
        200, 200, 200, 404,
      ]);
      const res = await w.owner.post(w.url(`/tasks/${w.params.taskId}/comments`), {
        body: 'Secret comment, live',
      });
      expect(res.status).toBe(201);
      const deadline = Date.now() + 5000;
      while (!insider.text().includes(w.params.taskId ?? '-') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(insider.text()).toContain(w.params.taskId);
      // The event reached the insider; give the others the same chance before judging.
      await new Promise((r) => setTimeout(r, 200));
      for (const [who, text, secrets] of [
        ['outsider', outsider.text(), w.areaSecrets],
        ['stranger', stranger.text(), w.workspaceSecrets],
      ] as const) {
        expect(
          secrets.filter((x) => text.includes(x)),
          who,
        ).toEqual([]);
      }
    } finally {
      for (const st of [insider, outsider, stranger, foreign]) st.close();
    }
  });

  it('a calendar feed shows only what its holder may see, and dies with the membership', async () => {
    const feedOf = async (c: TestClient) => {
      const res = await c.post<{ url: string | null }>(w.url('/calendar-feed'));
      expect(res.status).toBe(200);
      const token = res.body.url?.split('/').pop() ?? '';
      return `/api/v1/calendar/${token}`;
    };
    const anonymous = h().client();
    const insiderFeed = await feedOf(w.insider);
    const inside = await anonymous.get<string>(insiderFeed);
    expect(inside.status).toBe(200);
    expect(inside.body).toContain('Secret meeting');

    const outsiderFeed = await feedOf(w.outsider);
    const outside = await anonymous.get<string>(outsiderFeed);
    expect(outside.status).toBe(200);
    expect(w.areaSecrets.filter((x) => outside.body.includes(x))).toEqual([]);

    // A member who is removed loses the feed at once, as if it never existed.
    const { assistants } = await joinAssistant();
    const [leaver] = assistants;
    if (!leaver) throw new Error('no assistant');
    const leaverFeed = await feedOf(leaver);
    expect((await anonymous.get(leaverFeed)).status).toBe(200);
    expect((await w.owner.delete(w.url(`/members/${leaver.user?.id}`))).status).toBe(204);
    expect((await anonymous.get(leaverFeed)).status).toBe(404);
    expect((await anonymous.get('/api/v1/calendar/not-a-real-token-but-long-enough')).status).toBe(404);
  });

  /** One more assistant in workspace A, invited and accepted through the API. */
  async function joinAssistant() {
    const inv = await w.owner.post<{ url: string }>(w.url('/invitations'), { role: 'assistant' });
    const person = await signUp(h());
    const accepted = await person.post('/api/v1/invitations/accept', { token: inv.body.url.split('#')[1] });
    expect(accepted.status).toBe(200);
    return { assistants: [person] };
  }

  // Last: it ends with everyone but the owner leaving workspace A.
  it('every operation × actor answers as declared, and no foreign data ever leaks', async () => {
    const ops = ordered(operations(h().app).filter((op) => op.path.startsWith('/api/v1/')));
    const failures: string[] = [];
    let requests = 0;
    const byActor: Record<string, Record<number, number>> = {};
    for (const op of ops) {
      if (op.access === 'public') continue;
      const actors: Actor[] =
        op.access === 'user'
          ? ['anonymous']
          : [
              'anonymous',
              'stranger',
              ...(op.pathParams.length > 1 ? (['strangerOwnWorkspace'] as const) : []),
              'outsider',
              'insider',
              'owner',
            ];
      for (const actor of actors) {
        let outcome: Outcome & { requestBody: unknown };
        try {
          outcome = await send(op, actor);
        } catch (error) {
          failures.push(`${op.id} as ${actor}: ${(error as Error).message}`);
          continue;
        }
        requests += 1;
        const tally = byActor[actor] ?? {};
        tally[outcome.status] = (tally[outcome.status] ?? 0) + 1;
        byActor[actor] = tally;
        const allowed = expected(op, actor, outcome.requestBody, w);
        if (!matches(outcome.status, allowed)) {
          failures.push(
            `${op.id} as ${actor}: ${outcome.status}, expected ${allowed.join('|')} (${outcome.body.slice(0, 160)})`,
          );
        }
        const secrets =
          actor === 'stranger' || actor === 'strangerOwnWorkspace'
            ? w.workspaceSecrets
            : actor === 'outsider'
              ? w.areaSecrets
              : [];
        const leaked = secrets.filter((s) => outcome.body.includes(s));
        if (leaked.length > 0) failures.push(`${op.id} as ${actor}: leaks ${leaked.join(', ')}`);
      }
    }
    console.log(
      `authorization matrix [${h().dialect}]: ${ops.length} operations, ${requests} requests, statuses by actor ${JSON.stringify(byActor)}`,
    );
    expect(failures).toEqual([]);
  }, 120_000);
});
