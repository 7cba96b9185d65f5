import type { Comment } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock.ts';
import { describeEachDb, type Harness, type TestClient } from '../../test/harness.ts';
import {
  BAD_IDS,
  collaborationScene,
  collaborationSnapshot,
  createTask,
  notificationsOf,
  taskRow,
} from '../../test/task-factory.ts';

type Method = Parameters<TestClient['request']>[0];

const mention = (name: string, id: string) => `@[${name}](user:${id})`;

async function post(client: TestClient, taskUrl: string, body: string) {
  const res = await client.post<Comment>(`${taskUrl}/comments`, { body });
  if (res.status !== 201) throw new Error(`comment failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function historyKinds(h: Harness, taskId: string) {
  const rows = await h.db.db
    .selectFrom('task_events')
    .select(['kind', 'data'])
    .where('task_id', '=', taskId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ kind: r.kind, data: JSON.parse(r.data) as Record<string, unknown> }));
}

/** Live HTML that would run: script tags, event handlers, dangerous URL schemes, raw tags. */
function expectNoLiveHtml(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<img/i);
  expect(html).not.toMatch(/<iframe/i);
  expect(html).not.toMatch(/<svg/i);
  expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/<[a-z][^>]*\s(href|src)\s*=\s*["']?\s*(javascript|data|vbscript):/i);
  expect(html).not.toMatch(/<a\s[^>]*href="(?!https?:|mailto:)/i);
}

describeEachDb('comments', (h) => {
  describe('adding and listing', () => {
    it('adds a comment: rendered, counted, in the history, author follows, version unchanged', async () => {
      const s = await collaborationScene(h());
      const before = await taskRow(h(), s.task.id);
      h().clock.advance(MINUTE);
      const res = await s.insider.post<Comment>(`${s.taskUrl}/comments`, { body: 'Done, see **total**.' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        taskId: s.task.id,
        authorId: s.insider.user.id,
        authorName: 'Assistant 1',
        body: 'Done, see **total**.',
        bodyHtml: '<p>Done, see <strong>total</strong>.</p>\n',
        mentions: [],
        createdAt: h().clock.now().toISOString(),
        editedAt: null,
      });

      const after = await taskRow(h(), s.task.id);
      expect(after.comment_count).toBe(1);
      expect(after.updated_at).toBe(h().clock.now().toISOString());
      expect(after.updated_at).not.toBe(before.updated_at);
      expect(after.version).toBe(before.version);
      expect(await historyKinds(h(), s.task.id)).toEqual([
        { kind: 'commented', data: { commentId: res.body.id } },
      ]);
      const follows = await h()
        .db.db.selectFrom('task_followers')
        .select('user_id')
        .where('task_id', '=', s.task.id)
        .execute();
      expect(follows.map((f) => f.user_id)).toEqual([s.insider.user.id]);

      const list = await s.owner.get<Comment[]>(`${s.taskUrl}/comments`);
      expect(list.status).toBe(200);
      expect(list.body).toEqual([res.body]);
    });

    it('lists comments oldest first, with the current author names', async () => {
      const s = await collaborationScene(h());
      const first = await post(s.owner, s.taskUrl, 'first');
      h().clock.advance(1000);
      const second = await post(s.insider, s.taskUrl, 'second');
      const res = await s.insider.get<Comment[]>(`${s.taskUrl}/comments`);
      expect(res.body.map((c) => c.id)).toEqual([first.id, second.id]);
      expect(res.body.map((c) => c.authorName)).toEqual(['Olivia Owner', 'Assistant 1']);
    });

    it('an assistant sees comments of tasks assigned to them or created by them, outside their areas', async () => {
      const s = await collaborationScene(h());
      const assigned = await createTask(h(), {
        workspaceId: s.workspace.id,
        creatorId: s.owner.user.id,
        assigneeId: s.outsider.user.id,
      });
      const created = await createTask(h(), {
        workspaceId: s.workspace.id,
        creatorId: s.outsider.user.id,
        areaId: s.area.id,
      });
      for (const t of [assigned, created]) {
        const url = `${s.base}/tasks/${t.id}/comments`;
        expect((await s.outsider.post(url, { body: 'hello' })).status).toBe(201);
        expect((await s.outsider.get<Comment[]>(url)).body).toHaveLength(1);
      }
    });
  });

  describe('mentions and notifications', () => {
    it('mentioned members who see the task hear "mentioned"; one who cannot hears nothing, and the comment still succeeds', async () => {
      const s = await collaborationScene(h());
      const before = await notificationsOf(h(), s.outsider.user.id);
      const body = `Please check ${mention('Ins', s.insider.user.id)} and ${mention('Out', s.outsider.user.id)}`;
      const res = await s.owner.post<Comment>(`${s.taskUrl}/comments`, { body });
      expect(res.status).toBe(201);
      expect(res.body.mentions).toEqual([s.insider.user.id, s.outsider.user.id]);
      // The current names, not the typed ones, and as spans (never links to user pages).
      expect(res.body.bodyHtml).toContain(
        `<span class="mention" data-user-id="${s.insider.user.id}">@Assistant 1</span>`,
      );

      const insiderTold = await notificationsOf(h(), s.insider.user.id);
      expect(insiderTold).toHaveLength(1);
      expect(insiderTold[0]).toMatchObject({
        kind: 'mentioned',
        task_id: s.task.id,
        actor_id: s.owner.user.id,
        workspace_id: s.workspace.id,
        excerpt: 'Please check @Ins and @Out',
      });
      expect(await notificationsOf(h(), s.outsider.user.id)).toEqual(before);
      expect(await notificationsOf(h(), s.owner.user.id)).toEqual([]);
    });

    it('drops mentions of people outside the workspace', async () => {
      const s = await collaborationScene(h());
      const res = await s.owner.post<Comment>(`${s.taskUrl}/comments`, {
        body: `Hi ${mention('Stranger', s.stranger.user.id)}`,
      });
      expect(res.status).toBe(201);
      expect(res.body.mentions).toEqual([]);
      expect(await notificationsOf(h(), s.stranger.user.id)).toEqual([]);
    });

    it('followers who see the task hear "commented", never the author; a mentioned follower hears only "mentioned"', async () => {
      const s = await collaborationScene(h());
      await post(s.insider, s.taskUrl, 'I am on it');
      await post(s.owner, s.taskUrl, 'Thanks');
      const told = await notificationsOf(h(), s.insider.user.id);
      expect(told.map((n) => n.kind)).toEqual(['commented']);
      // The owner, a principal of the L1 insider, heard of the first comment through the ladder.
      const ownerTold = async () =>
        (await notificationsOf(h(), s.owner.user.id)).map((n) => [n.kind, n.excerpt]).sort();
      expect(await ownerTold()).toEqual([['commented', 'I am on it']]);
      // The owner follows now too; the insider's next comment tells the owner, not the insider.
      await post(s.insider, s.taskUrl, `Question for ${mention('O', s.owner.user.id)}`);
      expect(await ownerTold()).toEqual([
        ['commented', 'I am on it'],
        ['mentioned', 'Question for @O'],
      ]);
      expect(await notificationsOf(h(), s.insider.user.id)).toHaveLength(1);
    });

    it('a follower who lost sight of the task hears nothing more', async () => {
      const s = await collaborationScene(h());
      await post(s.insider, s.taskUrl, 'following');
      await h()
        .db.db.deleteFrom('area_members')
        .where('area_id', '=', s.area.id)
        .where('user_id', '=', s.insider.user.id)
        .execute();
      await post(s.owner, s.taskUrl, `Update, ${mention('I', s.insider.user.id)}`);
      expect(await notificationsOf(h(), s.insider.user.id)).toEqual([]);
    });

    it('respects the preference "off"', async () => {
      const s = await collaborationScene(h());
      const pref = await s.insider.patch('/api/v1/me/notification-preferences', { mentioned: 'off' });
      expect(pref.status).toBe(200);
      await post(s.owner, s.taskUrl, `Hey ${mention('I', s.insider.user.id)}`);
      expect(await notificationsOf(h(), s.insider.user.id)).toEqual([]);
    });
  });

  describe('editing and deleting', () => {
    it('the author edits: re-rendered, edited_at set, history, newly mentioned people told once', async () => {
      const s = await collaborationScene(h());
      const c = await post(s.insider, s.taskUrl, `cc ${mention('O', s.owner.user.id)}`);
      h().clock.advance(MINUTE);
      const res = await s.insider.patch<Comment>(`${s.taskUrl}/comments/${c.id}`, {
        body: `cc ${mention('O', s.owner.user.id)} _and_ ${mention('X', s.outsider.user.id)}`,
      });
      expect(res.status).toBe(200);
      expect(res.body.editedAt).toBe(h().clock.now().toISOString());
      expect(res.body.createdAt).toBe(c.createdAt);
      expect(res.body.bodyHtml).toContain('<em>and</em>');
      expect(res.body.mentions).toEqual([s.owner.user.id, s.outsider.user.id]);
      // The owner was mentioned already; the outsider cannot see the task.
      expect((await notificationsOf(h(), s.owner.user.id)).map((n) => n.kind)).toEqual(['mentioned']);
      expect(await notificationsOf(h(), s.outsider.user.id)).toEqual([]);
      expect((await historyKinds(h(), s.task.id)).map((e) => e.kind)).toEqual([
        'commented',
        'comment_edited',
      ]);
      expect((await taskRow(h(), s.task.id)).comment_count).toBe(1);
    });

    it('nobody else edits, not even an owner', async () => {
      const s = await collaborationScene(h());
      const c = await post(s.insider, s.taskUrl, 'mine');
      const before = await collaborationSnapshot(h());
      const res = await s.owner.patch(`${s.taskUrl}/comments/${c.id}`, { body: 'changed' });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'forbidden' });
      expect(await collaborationSnapshot(h())).toEqual(before);
    });

    it('the author deletes; the counter and history follow', async () => {
      const s = await collaborationScene(h());
      const c = await post(s.insider, s.taskUrl, 'oops');
      h().clock.advance(1000);
      const res = await s.insider.delete(`${s.taskUrl}/comments/${c.id}`);
      expect(res.status).toBe(204);
      expect((await s.owner.get<Comment[]>(`${s.taskUrl}/comments`)).body).toEqual([]);
      expect((await taskRow(h(), s.task.id)).comment_count).toBe(0);
      expect(await historyKinds(h(), s.task.id)).toEqual([
        { kind: 'commented', data: { commentId: c.id } },
        { kind: 'comment_deleted', data: { commentId: c.id } },
      ]);
      expect((await s.insider.delete(`${s.taskUrl}/comments/${c.id}`)).status).toBe(404);
    });

    it("an owner deletes anyone's comment; another assistant who sees the task may not", async () => {
      const s = await collaborationScene(h());
      const shared = await createTask(h(), {
        workspaceId: s.workspace.id,
        creatorId: s.outsider.user.id,
        areaId: s.area.id,
      });
      const url = `${s.base}/tasks/${shared.id}`;
      const c = await post(s.insider, url, 'by the insider');
      const before = await collaborationSnapshot(h());
      const denied = await s.outsider.delete(`${url}/comments/${c.id}`);
      expect(denied.status).toBe(403);
      expect(await collaborationSnapshot(h())).toEqual(before);
      expect((await s.owner.delete(`${url}/comments/${c.id}`)).status).toBe(204);
    });

    it('a comment id of another task → 404, nothing written', async () => {
      const s = await collaborationScene(h());
      const other = await createTask(h(), { workspaceId: s.workspace.id, creatorId: s.owner.user.id });
      const c = await post(s.owner, `${s.base}/tasks/${other.id}`, 'elsewhere');
      const before = await collaborationSnapshot(h());
      expect((await s.owner.patch(`${s.taskUrl}/comments/${c.id}`, { body: 'x' })).status).toBe(404);
      expect((await s.owner.delete(`${s.taskUrl}/comments/${c.id}`)).status).toBe(404);
      expect(await collaborationSnapshot(h())).toEqual(before);
    });
  });

  describe('sanitising', () => {
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
      '[y](data:text/html;base64,PHNjcmlwdD4=)',
      '<svg onload=alert(1)>',
      '<iframe src="https://evil.example"></iframe>',
      '![x](https://evil.example/x.png" onerror="alert(1))',
      `@[<img src=x onerror=alert(1)>](user:00000000-0000-4000-8000-000000000000)`,
      '<a href="vbscript:msgbox(1)">v</a>',
    ];

    it.each(payloads)('never stores live HTML for %s', async (payload) => {
      const s = await collaborationScene(h());
      const res = await s.owner.post<Comment>(`${s.taskUrl}/comments`, { body: payload });
      expect(res.status).toBe(201);
      expectNoLiveHtml(res.body.bodyHtml);
      expect(res.body.body).toBe(payload);
      const edited = await s.owner.patch<Comment>(`${s.taskUrl}/comments/${res.body.id}`, {
        body: `again ${payload}`,
      });
      expectNoLiveHtml(edited.body.bodyHtml);
    });

    it('keeps safe links, hardened', async () => {
      const s = await collaborationScene(h());
      const res = await s.owner.post<Comment>(`${s.taskUrl}/comments`, {
        body: '[site](https://example.com)',
      });
      expect(res.body.bodyHtml).toContain(
        '<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">site</a>',
      );
    });
  });

  describe('authorization and validation', () => {
    interface RouteCase {
      label: string;
      method: Method;
      path: (s: Awaited<ReturnType<typeof collaborationScene>>, commentId: string) => string;
      body?: Record<string, unknown>;
    }
    const routes: RouteCase[] = [
      { label: 'GET comments', method: 'GET', path: (s) => `${s.taskUrl}/comments` },
      { label: 'POST comment', method: 'POST', path: (s) => `${s.taskUrl}/comments`, body: { body: 'hi' } },
      {
        label: 'PATCH comment',
        method: 'PATCH',
        path: (s, c) => `${s.taskUrl}/comments/${c}`,
        body: { body: 'changed' },
      },
      { label: 'DELETE comment', method: 'DELETE', path: (s, c) => `${s.taskUrl}/comments/${c}` },
    ];

    async function withComment() {
      const s = await collaborationScene(h());
      const c = await post(s.owner, s.taskUrl, 'the original');
      return { s, c };
    }

    it.each(routes)('$label: anonymous → 401, nothing written', async (route) => {
      const { s, c } = await withComment();
      const before = await collaborationSnapshot(h());
      const res = await h().client().request(route.method, route.path(s, c.id), route.body);
      expect(res.status).toBe(401);
      expect(await collaborationSnapshot(h())).toEqual(before);
    });

    it.each(routes)('$label: a member of another workspace → 404, nothing written', async (route) => {
      const { s, c } = await withComment();
      const before = await collaborationSnapshot(h());
      const res = await s.stranger.request(route.method, route.path(s, c.id), route.body);
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('the original');
      expect(await collaborationSnapshot(h())).toEqual(before);
      // Nor through their own workspace's URL.
      const own = route.path(s, c.id).replace(s.workspace.id, s.otherWorkspace.id);
      expect((await s.stranger.request(route.method, own, route.body)).status).toBe(404);
      expect(await collaborationSnapshot(h())).toEqual(before);
    });

    it.each(routes)('$label: an assistant outside the task’s area → 404, nothing written', async (route) => {
      const { s, c } = await withComment();
      const before = await collaborationSnapshot(h());
      const res = await s.outsider.request(route.method, route.path(s, c.id), route.body);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'not_found' });
      expect(JSON.stringify(res.body)).not.toContain('the original');
      expect(await collaborationSnapshot(h())).toEqual(before);
    });

    it.each(routes)('$label: malformed ids → 400 naming the field, nothing written', async (route) => {
      const { s, c } = await withComment();
      const before = await collaborationSnapshot(h());
      for (const bad of BAD_IDS) {
        const cases: [string, string][] = [
          ['workspaceId', route.path(s, c.id).replace(s.workspace.id, bad)],
          ['taskId', route.path(s, c.id).replace(s.task.id, bad)],
        ];
        if (route.path(s, c.id).includes(c.id)) cases.push(['commentId', route.path(s, bad)]);
        for (const [field, url] of cases) {
          const res = await s.owner.request(route.method, url, route.body);
          expect(res.status, `${field} ${bad}`).toBe(400);
          expect(res.body).toMatchObject({ code: 'validation_failed', details: { fields: [{ field }] } });
        }
      }
      expect(await collaborationSnapshot(h())).toEqual(before);
    });

    it.each([
      ['missing body', {}],
      ['empty body', { body: '' }],
      ['blank body', { body: '  \n ' }],
      ['number', { body: 7 }],
      ['array', { body: ['x'] }],
      ['null', { body: null }],
      ['over-long', { body: 'x'.repeat(10_001) }],
    ])('POST and PATCH with %s → 400 naming body, nothing written', async (_label, bad) => {
      const { s, c } = await withComment();
      const before = await collaborationSnapshot(h());
      for (const [method, url] of [
        ['POST', `${s.taskUrl}/comments`],
        ['PATCH', `${s.taskUrl}/comments/${c.id}`],
      ] as const) {
        const res = await s.owner.request(method, url, bad);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          code: 'validation_failed',
          details: { fields: [{ field: 'body' }] },
        });
      }
      expect(await collaborationSnapshot(h())).toEqual(before);
    });

    it('ignores undeclared fields (no mass assignment)', async () => {
      const s = await collaborationScene(h());
      const res = await s.insider.post<Comment>(`${s.taskUrl}/comments`, {
        body: 'hi',
        authorId: s.owner.user.id,
        taskId: '00000000-0000-4000-8000-000000000000',
        mentions: [s.owner.user.id],
      });
      expect(res.status).toBe(201);
      expect(res.body.authorId).toBe(s.insider.user.id);
      expect(res.body.taskId).toBe(s.task.id);
      expect(res.body.mentions).toEqual([]);
    });

    it('a task of another workspace, addressed through my workspace → 404', async () => {
      const s = await collaborationScene(h());
      const foreign = await createTask(h(), {
        workspaceId: s.otherWorkspace.id,
        creatorId: s.stranger.user.id,
      });
      const before = await collaborationSnapshot(h());
      const res = await s.owner.post(`${s.base}/tasks/${foreign.id}/comments`, { body: 'hi' });
      expect(res.status).toBe(404);
      expect((await s.owner.get(`${s.base}/tasks/${foreign.id}/comments`)).status).toBe(404);
      expect(await collaborationSnapshot(h())).toEqual(before);
    });
  });
});
