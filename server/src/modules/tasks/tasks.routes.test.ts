import type { ErrorBody, Task, TaskEvent, TaskPage, TaskSummary } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { newId } from '../../lib/ids.ts';
import { describeEachDb, type Harness, workspaceWith } from '../../test/harness.ts';
import { idOf, listen, MISSING_ID, makeArea, makeTask, snapshot, team } from './tasks.factories.ts';

const MINUTE = 60_000;

async function taskRow(h: Harness, id: string) {
  return h.db.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function notificationsOf(h: Harness, userId: string, taskId: string) {
  return h.db.db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .where('task_id', '=', taskId)
    .execute();
}

async function followersOf(h: Harness, taskId: string) {
  const rows = await h.db.db
    .selectFrom('task_followers')
    .select('user_id')
    .where('task_id', '=', taskId)
    .execute();
  return rows.map((r) => r.user_id).sort();
}

/** A comment row, straight into the table: search must find text in comments too. */
async function addComment(h: Harness, workspaceId: string, taskId: string, authorId: string, body: string) {
  await h.db.db
    .insertInto('comments')
    .values({
      id: newId(),
      workspace_id: workspaceId,
      task_id: taskId,
      author_id: authorId,
      body,
      body_html: body,
      mentions: '[]',
      created_at: h.clock.now().toISOString(),
      edited_at: null,
    })
    .execute();
}

/** Only harmless tags, no event handlers, links only to http(s) and mailto. */
function expectSafeHtml(html: string) {
  const tags = [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)];
  for (const [, name, attrs] of tags) {
    expect(['p', 'a', 'br', 'em', 'strong', 'code', 'pre', 'span']).toContain(name?.toLowerCase());
    expect(attrs).not.toMatch(/\son\w+\s*=/i);
    expect(attrs).not.toMatch(/style\s*=/i);
    const href = /href="([^"]*)"/i.exec(attrs ?? '')?.[1];
    if (href !== undefined) expect(href).toMatch(/^(https?:|mailto:)/i);
  }
  expect(html).not.toMatch(/<(script|img|svg|iframe|div|object|embed)/i);
}

const ids = (page: { items: { id: string }[] }) => page.items.map((t) => t.id);

describeEachDb('tasks', (h) => {
  describe('create', () => {
    it('creates a task in the inbox with defaults; the creator follows it; history says created', async () => {
      const { owner, url } = await team(h());
      const res = await owner.post<Task>(url('/tasks'), { title: '  Call the tax office  ' });
      expect(res.status).toBe(201);
      const now = h().clock.now().toISOString();
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        title: 'Call the tax office',
        areaId: null,
        assigneeId: null,
        creatorId: idOf(owner),
        state: 'todo',
        blocked: false,
        dueAt: null,
        priority: 'none',
        labels: [],
        position: expect.any(Number),
        version: 0,
        checklistDone: 0,
        checklistTotal: 0,
        commentCount: 0,
        attachmentCount: 0,
        recurring: false,
        proposed: false,
        missionId: null,
        createdAt: now,
        updatedAt: now,
        completedAt: null,
        description: '',
        descriptionHtml: '',
        blockedReason: '',
        dueTimeZone: null,
        recurrence: null,
        seriesId: null,
        checklist: [],
        following: true,
        reviewRequested: false,
        routing: null,
        sop: null,
      });
      const history = await owner.get<TaskEvent[]>(url(`/tasks/${res.body.id}/history`));
      expect(history.body).toEqual([
        {
          id: expect.any(String),
          actorId: idOf(owner),
          actorName: 'Olivia Owner',
          kind: 'created',
          data: { title: 'Call the tax office' },
          createdAt: now,
        },
      ]);
    });

    it("assigns a new task in an area to the area's owner, notifies them, and both follow it", async () => {
      const { workspace, owner, member, outsider, url } = await team(h());
      const area = await makeArea(owner, workspace.id, { ownerId: idOf(member), backupId: idOf(outsider) });
      const task = await makeTask(owner, workspace.id, { areaId: area.id });
      expect(task.assigneeId).toBe(idOf(member));
      expect(await followersOf(h(), task.id)).toEqual([idOf(owner), idOf(member)].sort());
      const told = await notificationsOf(h(), idOf(member), task.id);
      expect(told).toMatchObject([{ kind: 'assigned', actor_id: idOf(owner), workspace_id: workspace.id }]);
      // Explicit null: nobody. An explicit member: them.
      const nobody = await makeTask(owner, workspace.id, { areaId: area.id, assigneeId: null });
      expect(nobody.assigneeId).toBeNull();
      const chosen = await makeTask(owner, workspace.id, { areaId: area.id, assigneeId: idOf(outsider) });
      expect(chosen.assigneeId).toBe(idOf(outsider));
      expect((await owner.get<Task>(url(`/tasks/${chosen.id}`))).body.assigneeId).toBe(idOf(outsider));
    });

    it('falls back to the backup when the area owner has left the workspace', async () => {
      const { workspace, owner, member, outsider } = await team(h());
      const area = await makeArea(owner, workspace.id, { ownerId: idOf(member), backupId: idOf(outsider) });
      expect((await member.post(`/api/v1/workspaces/${workspace.id}/leave`)).status).toBe(204);
      const task = await makeTask(owner, workspace.id, { areaId: area.id });
      expect(task.assigneeId).toBe(idOf(outsider));
    });

    it('does not notify someone who assigns a task to themselves', async () => {
      const { workspace, owner, member, area } = await team(h());
      const task = await makeTask(member, workspace.id, { areaId: area.id, assigneeId: idOf(member) });
      expect(await notificationsOf(h(), idOf(member), task.id)).toEqual([]);
      const byOwner = await makeTask(owner, workspace.id, { areaId: area.id });
      expect(byOwner.assigneeId).toBe(idOf(owner));
      expect(await notificationsOf(h(), idOf(owner), byOwner.id)).toEqual([]);
    });

    it('stores every field: labels (trimmed, once), checklist with counters, due date in UTC with a zone', async () => {
      const { workspace, member, area } = await team(h());
      const task = await makeTask(member, workspace.id, {
        title: 'Quarterly VAT',
        description: 'Collect **all** receipts',
        areaId: area.id,
        state: 'doing',
        dueAt: '2026-03-10T17:00:00+01:00',
        dueTimeZone: 'europe/berlin',
        priority: 'high',
        labels: [' tax ', 'finance', 'tax'],
        checklist: ['Receipts', '  ', 'Bank statements'],
      });
      expect(task).toMatchObject({
        description: 'Collect **all** receipts',
        descriptionHtml: '<p>Collect <strong>all</strong> receipts</p>\n',
        state: 'doing',
        dueAt: '2026-03-10T16:00:00.000Z',
        dueTimeZone: 'Europe/Berlin',
        priority: 'high',
        labels: ['tax', 'finance'],
        checklistTotal: 2,
        checklistDone: 0,
      });
      expect(task.checklist.map((i) => [i.text, i.done])).toEqual([
        ['Receipts', false],
        ['Bank statements', false],
      ]);
      const mirror = await h()
        .db.db.selectFrom('task_labels')
        .select('label')
        .where('task_id', '=', task.id)
        .orderBy('label')
        .execute();
      expect(mirror.map((r) => r.label)).toEqual(['finance', 'tax']);
    });

    it("defaults a due date's time zone to the creator's", async () => {
      const { workspace, owner } = await team(h());
      const task = await makeTask(owner, workspace.id, { dueAt: '2026-02-01T08:00:00.000Z' });
      expect(task.dueTimeZone).toBe('Europe/Berlin');
    });

    it('creating a task as done sets completedAt', async () => {
      const { workspace, owner } = await team(h());
      const task = await makeTask(owner, workspace.id, { state: 'done' });
      expect(task.completedAt).toBe(h().clock.now().toISOString());
    });

    it.each([
      ['an area of another workspace', 'areaId'],
      ['an unknown area', 'areaId'],
      ['an assignee from another workspace', 'assigneeId'],
      ['an unknown assignee', 'assigneeId'],
      ['an unknown template', 'templateId'],
      ['an unknown time zone', 'dueTimeZone'],
    ])('refuses %s with 400 naming the field, writing nothing', async (what, field) => {
      const { workspace, owner } = await team(h());
      const other = await team(h());
      const body: Record<string, unknown> = { title: 'Sneaky' };
      if (what === 'an area of another workspace') body.areaId = other.area.id;
      if (what === 'an unknown area') body.areaId = MISSING_ID;
      if (what === 'an assignee from another workspace') body.assigneeId = idOf(other.member);
      if (what === 'an unknown assignee') body.assigneeId = MISSING_ID;
      if (what === 'an unknown template') body.templateId = MISSING_ID;
      if (what === 'an unknown time zone')
        Object.assign(body, { dueAt: '2026-01-01T00:00:00Z', dueTimeZone: 'Mars/Base' });
      const before = await snapshot(h());
      const res = await owner.post<ErrorBody>(`/api/v1/workspaces/${workspace.id}/tasks`, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', details: { fields: [{ field }] } });
      expect(await snapshot(h())).toEqual(before);
    });

    it('ignores undeclared fields (no mass assignment)', async () => {
      const { workspace, owner, member } = await team(h());
      const other = await workspaceWith(h());
      const res = await member.post<Task>(`/api/v1/workspaces/${workspace.id}/tasks`, {
        title: 'Plain',
        workspaceId: other.workspace.id,
        creatorId: idOf(owner),
        version: 9,
        commentCount: 5,
        completedAt: '2020-01-01T00:00:00.000Z',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        creatorId: idOf(member),
        version: 0,
        commentCount: 0,
        completedAt: null,
      });
      expect((await taskRow(h(), res.body.id)).workspace_id).toBe(workspace.id);
    });

    it('publishes task.created with the facts that decide who may see it', async () => {
      const { workspace, owner, area } = await team(h());
      const bus = listen(h(), workspace.id);
      const task = await makeTask(owner, workspace.id, { areaId: area.id });
      bus.stop();
      expect(bus.messages).toContainEqual({
        workspaceId: workspace.id,
        event: { type: 'task.created', taskId: task.id, version: 0 },
        task: { areaId: area.id, assigneeId: idOf(owner), creatorId: idOf(owner) },
      });
    });
  });

  describe('Markdown', () => {
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(1)">',
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](vbscript:msgbox(1))',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<a href="javascript:alert(1)">x</a>',
      '<svg onload=alert(1)>',
      '<iframe src="https://evil.example"></iframe>',
      '![x](x" onerror="alert(1))',
      '<div style="background:url(javascript:alert(1))">x</div>',
      '[x](&#106;avascript:alert(1))',
    ];

    it.each(payloads)('renders %j without script, handlers or javascript: links', async (payload) => {
      const { workspace, owner, url } = await team(h());
      const task = await makeTask(owner, workspace.id, { description: `Hello\n\n${payload}` });
      expect(task.description).toContain(payload);
      for (const html of [task.descriptionHtml, (await taskRow(h(), task.id)).description_html]) {
        expectSafeHtml(html);
      }
      const patched = await owner.patch<Task>(url(`/tasks/${task.id}`), {
        version: task.version,
        description: `Again ${payload}`,
      });
      expectSafeHtml(patched.body.descriptionHtml);
    });
  });

  describe('update', () => {
    it('changes fields, bumps the version and records each change with from and to', async () => {
      const { workspace, owner, member, area, url } = await team(h());
      const task = await makeTask(member, workspace.id, { title: 'Draft', labels: ['a'] });
      h().clock.advance(MINUTE);
      const res = await member.patch<Task>(url(`/tasks/${task.id}`), {
        version: 0,
        title: 'Final',
        description: '# Heading',
        areaId: area.id,
        priority: 'urgent',
        labels: ['b', 'a'],
        dueAt: '2026-02-02T10:00:00.000Z',
        dueTimeZone: 'America/New_York',
        blocked: true,
        blockedReason: ' Waiting for the bank ',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        title: 'Final',
        description: '# Heading',
        descriptionHtml: '<h1>Heading</h1>\n',
        areaId: area.id,
        priority: 'urgent',
        labels: ['b', 'a'],
        dueAt: '2026-02-02T10:00:00.000Z',
        dueTimeZone: 'America/New_York',
        blocked: true,
        blockedReason: 'Waiting for the bank',
        version: 1,
        updatedAt: h().clock.now().toISOString(),
      });
      const history = await owner.get<TaskEvent[]>(url(`/tasks/${task.id}/history`));
      expect(history.body.map((e) => e.kind)).toEqual(['created', 'updated']);
      expect(history.body[1]).toMatchObject({
        actorId: idOf(member),
        actorName: 'Assistant 1',
        data: {
          changes: {
            title: { from: 'Draft', to: 'Final' },
            description: { from: '', to: '# Heading' },
            areaId: { from: null, to: area.id },
            priority: { from: 'none', to: 'urgent' },
            labels: { from: ['a'], to: ['b', 'a'] },
            dueAt: { from: null, to: '2026-02-02T10:00:00.000Z' },
            dueTimeZone: { from: null, to: 'America/New_York' },
            blocked: { from: false, to: true },
            blockedReason: { from: '', to: 'Waiting for the bank' },
          },
        },
      });
      const mirror = await h()
        .db.db.selectFrom('task_labels')
        .select('label')
        .where('task_id', '=', task.id)
        .execute();
      expect(mirror.map((r) => r.label).sort()).toEqual(['a', 'b']);

      // Unblocking clears the reason.
      const unblocked = await member.patch<Task>(url(`/tasks/${task.id}`), { version: 1, blocked: false });
      expect(unblocked.body).toMatchObject({ blocked: false, blockedReason: '', version: 2 });
    });

    it('done sets completedAt, leaving done clears it', async () => {
      const { workspace, owner, url } = await team(h());
      const task = await makeTask(owner, workspace.id);
      h().clock.advance(MINUTE);
      const done = await owner.patch<Task>(url(`/tasks/${task.id}`), { version: 0, state: 'done' });
      expect(done.body).toMatchObject({ state: 'done', completedAt: h().clock.now().toISOString() });
      const back = await owner.patch<Task>(url(`/tasks/${task.id}`), { version: 1, state: 'doing' });
      expect(back.body).toMatchObject({ state: 'doing', completedAt: null });
      const cancelled = await owner.patch<Task>(url(`/tasks/${task.id}`), { version: 2, state: 'cancelled' });
      expect(cancelled.body.completedAt).toBeNull();
    });

    it('a new assignee is notified and follows; the old one keeps following', async () => {
      const { workspace, owner, member, outsider, area, url } = await team(h());
      const task = await makeTask(owner, workspace.id, { areaId: area.id, assigneeId: idOf(member) });
      const res = await owner.patch<Task>(url(`/tasks/${task.id}`), {
        version: 0,
        assigneeId: idOf(outsider),
      });
      expect(res.status).toBe(200);
      expect(await notificationsOf(h(), idOf(outsider), task.id)).toMatchObject([{ kind: 'assigned' }]);
      expect(await followersOf(h(), task.id)).toEqual([idOf(owner), idOf(member), idOf(outsider)].sort());
      // Unassigning notifies nobody.
      const before = (await snapshot(h())).notifications.length;
      await owner.patch(url(`/tasks/${task.id}`), { version: 1, assigneeId: null });
      expect((await snapshot(h())).notifications.length).toBe(before);
    });

    it('an edit that changes nothing keeps the version and writes nothing', async () => {
      const { workspace, owner, url } = await team(h());
      const task = await makeTask(owner, workspace.id, { title: 'Same', labels: ['x'] });
      const before = await snapshot(h());
      const res = await owner.patch<Task>(url(`/tasks/${task.id}`), {
        version: 0,
        title: 'Same',
        labels: ['x'],
      });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(0);
      expect(await snapshot(h())).toEqual(before);
    });

    it('refuses ids from elsewhere in the body with 400, writing nothing', async () => {
      const { workspace, owner, url } = await team(h());
      const other = await team(h());
      const task = await makeTask(owner, workspace.id);
      for (const [body, field] of [
        [{ areaId: other.area.id }, 'areaId'],
        [{ areaId: MISSING_ID }, 'areaId'],
        [{ assigneeId: idOf(other.owner) }, 'assigneeId'],
        [{ assigneeId: MISSING_ID }, 'assigneeId'],
        [{ dueAt: '2026-01-01T00:00:00Z', dueTimeZone: 'Nowhere/City' }, 'dueTimeZone'],
      ] as const) {
        const before = await snapshot(h());
        const res = await owner.patch(url(`/tasks/${task.id}`), { version: 0, title: 'Changed', ...body });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ details: { fields: [{ field }] } });
        expect(await snapshot(h())).toEqual(before);
      }
    });

    it('a stale version → 409 with the current task, and nothing changes', async () => {
      const { workspace, owner, member, area, url } = await team(h());
      const task = await makeTask(owner, workspace.id, { areaId: area.id });
      expect((await member.patch(url(`/tasks/${task.id}`), { version: 0, title: 'Theirs' })).status).toBe(
        200,
      );
      const before = await snapshot(h());
      for (const res of [
        await owner.patch<ErrorBody>(url(`/tasks/${task.id}`), { version: 0, title: 'Mine' }),
        await owner.patch<ErrorBody>(url(`/tasks/${task.id}`), { version: 7, title: 'Mine' }),
        await owner.post<ErrorBody>(url(`/tasks/${task.id}/move`), {
          version: 0,
          state: 'doing',
          afterTaskId: null,
        }),
      ]) {
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({
          code: 'conflict',
          details: { current: { id: task.id, title: 'Theirs', version: 1, checklist: [], following: true } },
        });
      }
      expect(await snapshot(h())).toEqual(before);
    });

    it('of two concurrent edits with the same version exactly one wins', async () => {
      const { workspace, owner, member, area, url } = await team(h());
      for (let round = 0; round < 3; round++) {
        const task = await makeTask(owner, workspace.id, { areaId: area.id });
        const results = await Promise.all([
          owner.patch<Task>(url(`/tasks/${task.id}`), { version: 0, title: 'Owner wins' }),
          member.patch<Task>(url(`/tasks/${task.id}`), { version: 0, title: 'Assistant wins' }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        const winner = results.find((r) => r.status === 200)?.body as Task;
        const row = await taskRow(h(), task.id);
        expect(row.version).toBe(1);
        expect(row.title).toBe(winner.title);
        const events = await h()
          .db.db.selectFrom('task_events')
          .select('kind')
          .where('task_id', '=', task.id)
          .execute();
        expect(events.filter((e) => e.kind === 'updated')).toHaveLength(1);
      }
    });

    it('publishes task.updated, and also with the old facts when the task changes hands', async () => {
      const { workspace, owner, member, area, url } = await team(h());
      const task = await makeTask(owner, workspace.id, { areaId: area.id, assigneeId: idOf(member) });
      const bus = listen(h(), workspace.id);
      await owner.patch(url(`/tasks/${task.id}`), { version: 0, title: 'Renamed' });
      await owner.patch(url(`/tasks/${task.id}`), { version: 1, areaId: null, assigneeId: null });
      bus.stop();
      const updates = bus.messages.filter((m) => m.event.type === 'task.updated');
      expect(updates).toEqual([
        {
          workspaceId: workspace.id,
          event: { type: 'task.updated', taskId: task.id, version: 1 },
          task: { areaId: area.id, assigneeId: idOf(member), creatorId: idOf(owner) },
        },
        {
          workspaceId: workspace.id,
          event: { type: 'task.updated', taskId: task.id, version: 2 },
          task: { areaId: null, assigneeId: null, creatorId: idOf(owner) },
        },
        {
          workspaceId: workspace.id,
          event: { type: 'task.updated', taskId: task.id, version: 2 },
          task: { areaId: area.id, assigneeId: idOf(member), creatorId: idOf(owner) },
        },
      ]);
    });
  });

  describe('board moves', () => {
    async function column(client: { get: <T>(u: string) => Promise<{ body: T }> }, url: string) {
      const page = (await client.get<TaskPage>(`${url}?sort=position`)).body;
      const byState: Record<string, string[]> = {};
      for (const t of page.items) {
        byState[t.state] = [...(byState[t.state] ?? []), t.id];
      }
      return byState;
    }

    it('puts a new card, and one that changes column, at the bottom of its column', async () => {
      const { owner, url } = await team(h());
      const make = async (title: string, state: string) =>
        (await owner.post<Task>(url('/tasks'), { title, state })).body;
      const first = await make('First', 'doing');
      const second = await make('Second', 'doing');
      const other = await make('Elsewhere', 'todo');
      expect(second.position).toBeGreaterThan(first.position);
      // Each column counts on its own: the first card of a column starts where the first did.
      expect(other.position).toBe(first.position);
      const moved = await owner.patch<Task>(url(`/tasks/${other.id}`), {
        version: other.version,
        state: 'doing',
      });
      expect(moved.status).toBe(200);
      expect(moved.body.position).toBeGreaterThan(second.position);
      // What the answer says is what is stored.
      expect(Number((await taskRow(h(), other.id)).position)).toBe(moved.body.position);
      expect((await column(owner, url('/tasks'))).doing).toEqual([first.id, second.id, other.id]);
    });

    it('orders cards within and across columns, and the order persists', async () => {
      const { workspace, owner, url } = await team(h());
      const a = await makeTask(owner, workspace.id, { title: 'A' });
      const b = await makeTask(owner, workspace.id, { title: 'B' });
      const c = await makeTask(owner, workspace.id, { title: 'C' });
      expect((await column(owner, url('/tasks'))).todo).toEqual([a.id, b.id, c.id]);

      const top = await owner.post<Task>(url(`/tasks/${c.id}/move`), {
        version: 0,
        state: 'todo',
        afterTaskId: null,
      });
      expect(top.status).toBe(200);
      expect(top.body.version).toBe(1);
      expect((await column(owner, url('/tasks'))).todo).toEqual([c.id, a.id, b.id]);

      await owner.post(url(`/tasks/${a.id}/move`), { version: 0, state: 'todo', afterTaskId: b.id });
      expect((await column(owner, url('/tasks'))).todo).toEqual([c.id, b.id, a.id]);

      await owner.post(url(`/tasks/${b.id}/move`), { version: 0, state: 'doing', afterTaskId: null });
      h().clock.advance(MINUTE);
      await owner.post(url(`/tasks/${c.id}/move`), { version: 1, state: 'doing', afterTaskId: b.id });
      const board = await column(owner, url('/tasks'));
      expect(board.todo).toEqual([a.id]);
      expect(board.doing).toEqual([b.id, c.id]);

      const history = await owner.get<TaskEvent[]>(url(`/tasks/${c.id}/history`));
      expect(history.body.at(-1)).toMatchObject({
        kind: 'moved',
        data: { changes: { state: { from: 'todo', to: 'doing' } }, afterTaskId: b.id },
      });
    });

    it('moving to done sets completedAt; away clears it', async () => {
      const { workspace, owner, url } = await team(h());
      const task = await makeTask(owner, workspace.id);
      const done = await owner.post<Task>(url(`/tasks/${task.id}/move`), {
        version: 0,
        state: 'done',
        afterTaskId: null,
      });
      expect(done.body.completedAt).toBe(h().clock.now().toISOString());
      const back = await owner.post<Task>(url(`/tasks/${task.id}/move`), {
        version: 1,
        state: 'review',
        afterTaskId: null,
      });
      expect(back.body).toMatchObject({ state: 'review', completedAt: null });
    });

    it('keeps the order when gaps become too small (the column is renumbered)', async () => {
      const { workspace, owner, url } = await team(h());
      const first = await makeTask(owner, workspace.id, { title: 'first', state: 'review' });
      const last = await makeTask(owner, workspace.id, { title: 'last', state: 'review' });
      const dropped: string[] = [];
      // Every drop lands right below `first`, halving the same gap each time.
      for (let i = 0; i < 45; i++) {
        const t = await makeTask(owner, workspace.id, { title: `x${i}`, state: 'review' });
        const res = await owner.post(url(`/tasks/${t.id}/move`), {
          version: 0,
          state: 'review',
          afterTaskId: first.id,
        });
        expect(res.status).toBe(200);
        dropped.unshift(t.id);
      }
      const order = (await owner.get<TaskPage>(url('/tasks?state=review&sort=position'))).body.items;
      expect(order.map((t) => t.id)).toEqual([first.id, ...dropped, last.id]);
      const positions = order.map((t) => t.position);
      expect(new Set(positions).size).toBe(positions.length);
    });

    it.each([
      ['in another column', 'afterTaskId'],
      ['the task itself', 'afterTaskId'],
      ['unknown', 'afterTaskId'],
      ['of another workspace', 'afterTaskId'],
      ['invisible to the caller', 'afterTaskId'],
    ])('refuses an afterTaskId %s with 400, writing nothing', async (what, field) => {
      const { workspace, owner, outsider, url } = await team(h());
      const other = await team(h());
      const mine = await makeTask(outsider, workspace.id, { title: 'Mine' });
      const elsewhere = await makeTask(owner, workspace.id, { state: 'doing' });
      const hidden = await makeTask(owner, workspace.id, { title: 'Hidden' });
      const foreign = await makeTask(other.owner, other.workspace.id);
      const afterTaskId = {
        'in another column': elsewhere.id,
        'the task itself': mine.id,
        unknown: MISSING_ID,
        'of another workspace': foreign.id,
        'invisible to the caller': hidden.id,
      }[what];
      const before = await snapshot(h());
      const res = await outsider.post(url(`/tasks/${mine.id}/move`), {
        version: 0,
        state: 'todo',
        afterTaskId,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', details: { fields: [{ field }] } });
      expect(await snapshot(h())).toEqual(before);
    });
  });

  describe('delete', () => {
    it('an owner deletes a task with its checklist, labels, history and followers', async () => {
      const { workspace, owner, member, area, url } = await team(h());
      const task = await makeTask(member, workspace.id, {
        areaId: area.id,
        labels: ['x'],
        checklist: ['one'],
      });
      await addComment(h(), workspace.id, task.id, idOf(member), 'a comment');
      const bus = listen(h(), workspace.id);
      const res = await owner.delete(url(`/tasks/${task.id}`));
      bus.stop();
      expect(res.status).toBe(204);
      expect((await owner.get(url(`/tasks/${task.id}`))).status).toBe(404);
      expect((await owner.delete(url(`/tasks/${task.id}`))).status).toBe(404);
      const snap = await snapshot(h());
      for (const rows of [snap.labels, snap.checklist, snap.events, snap.followers, snap.notifications]) {
        expect(rows.filter((r) => 'task_id' in r && r.task_id === task.id)).toEqual([]);
      }
      expect(bus.messages).toEqual([
        {
          workspaceId: workspace.id,
          event: { type: 'task.deleted', taskId: task.id, version: 0 },
          task: { areaId: area.id, assigneeId: idOf(owner), creatorId: idOf(member) },
        },
      ]);
    });

    it('an assistant may not delete, not even their own task (403, nothing written)', async () => {
      const { workspace, member, url } = await team(h());
      const task = await makeTask(member, workspace.id);
      const before = await snapshot(h());
      const res = await member.delete(url(`/tasks/${task.id}`));
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'forbidden' });
      expect(await snapshot(h())).toEqual(before);
    });
  });

  describe('follow', () => {
    it('follows and unfollows, idempotently, and the task says whether I follow', async () => {
      const { workspace, owner, member, area, url } = await team(h());
      const task = await makeTask(owner, workspace.id, { areaId: area.id });
      expect((await member.get<Task>(url(`/tasks/${task.id}`))).body.following).toBe(false);
      h().clock.advance(MINUTE);
      expect((await member.request('PUT', url(`/tasks/${task.id}/follow`))).status).toBe(204);
      expect((await member.request('PUT', url(`/tasks/${task.id}/follow`))).status).toBe(204);
      expect((await member.get<Task>(url(`/tasks/${task.id}`))).body.following).toBe(true);
      expect(await followersOf(h(), task.id)).toContain(idOf(member));
      h().clock.advance(MINUTE);
      expect((await member.delete(url(`/tasks/${task.id}/follow`))).status).toBe(204);
      expect((await member.delete(url(`/tasks/${task.id}/follow`))).status).toBe(204);
      expect((await member.get<Task>(url(`/tasks/${task.id}`))).body.following).toBe(false);
      const kinds = (await owner.get<TaskEvent[]>(url(`/tasks/${task.id}/history`))).body.map((e) => e.kind);
      expect(kinds).toEqual(['created', 'followed', 'unfollowed']);
    });
  });

  describe('list', () => {
    it('filters by state, area, inbox, assignee, label, due range, overdue and blocked', async () => {
      const { workspace, owner, member, area, url } = await team(h());
      const now = h().clock.now().getTime();
      const iso = (ms: number) => new Date(now + ms).toISOString();
      const t1 = await makeTask(owner, workspace.id, {
        title: 't1',
        areaId: area.id,
        labels: ['red'],
        dueAt: iso(-MINUTE),
      });
      const t2 = await makeTask(owner, workspace.id, {
        title: 't2',
        state: 'doing',
        assigneeId: idOf(member),
        dueAt: iso(3 * MINUTE),
      });
      const t3 = await makeTask(owner, workspace.id, {
        title: 't3',
        state: 'done',
        dueAt: iso(-MINUTE),
        labels: ['red', 'blue'],
      });
      const t4 = await makeTask(owner, workspace.id, { title: 't4', state: 'review' });
      await owner.patch(url(`/tasks/${t4.id}`), { version: 0, blocked: true, blockedReason: 'Waiting' });
      const q = async (query: string) => ids((await owner.get<TaskPage>(url(`/tasks?${query}`))).body).sort();
      const sorted = (...list: { id: string }[]) => list.map((t) => t.id).sort();

      expect(await q('state=todo')).toEqual(sorted(t1));
      expect(await q('state=doing,done')).toEqual(sorted(t2, t3));
      expect(await q(`areaId=${area.id}`)).toEqual(sorted(t1));
      expect(await q('areaId=inbox')).toEqual(sorted(t2, t3, t4));
      expect(await q(`assigneeId=${idOf(member)}`)).toEqual(sorted(t2));
      expect(await q('assigneeId=me')).toEqual(sorted(t1));
      expect(await q('assigneeId=none')).toEqual(sorted(t3, t4));
      expect((await member.get<TaskPage>(url('/tasks?assigneeId=me'))).body.items.map((t) => t.id)).toEqual([
        t2.id,
      ]);
      expect(await q('label=red')).toEqual(sorted(t1, t3));
      expect(await q('label=blue')).toEqual(sorted(t3));
      expect(await q(`dueFrom=${encodeURIComponent(iso(0))}`)).toEqual(sorted(t2));
      expect(await q(`dueTo=${encodeURIComponent(iso(0))}`)).toEqual(sorted(t1, t3));
      expect(
        await q(
          `dueFrom=${encodeURIComponent(iso(-2 * MINUTE))}&dueTo=${encodeURIComponent(iso(5 * MINUTE))}`,
        ),
      ).toEqual(sorted(t1, t2, t3));
      // Done tasks are never overdue.
      expect(await q('overdue=true')).toEqual(sorted(t1));
      expect(await q('overdue=false')).toEqual(sorted(t2, t3, t4));
      h().clock.advance(5 * MINUTE);
      expect(await q('overdue=true')).toEqual(sorted(t1, t2));
      expect(await q('blocked=true')).toEqual(sorted(t4));
      expect(await q('blocked=false')).toEqual(sorted(t1, t2, t3));
      expect(await q('state=todo,doing&overdue=true&label=red')).toEqual(sorted(t1));
      // The summary carries what a card shows, and nothing else.
      const one = (await owner.get<TaskPage>(url('/tasks?blocked=true'))).body.items[0] as TaskSummary;
      expect(Object.keys(one)).not.toContain('description');
      expect(one).toMatchObject({ blocked: true, state: 'review' });
    });

    it('sorts by every field in both directions, ties broken by id', async () => {
      const { workspace, owner, url } = await team(h());
      const base = h().clock.now().getTime();
      const made: Task[] = [];
      const specs = [
        { title: 'banana', priority: 'low', dueAt: new Date(base + 3 * MINUTE).toISOString() },
        { title: 'Apple', priority: 'urgent', dueAt: null },
        { title: 'cherry', priority: 'none', dueAt: new Date(base + MINUTE).toISOString() },
        { title: 'date', priority: 'medium', dueAt: new Date(base + 2 * MINUTE).toISOString() },
      ] as const;
      for (const spec of specs) {
        h().clock.advance(MINUTE);
        made.push(await makeTask(owner, workspace.id, spec));
      }
      const [banana, apple, cherry, date] = made as [Task, Task, Task, Task];
      h().clock.advance(MINUTE);
      await owner.patch(url(`/tasks/${cherry.id}`), { version: 0, description: 'touched' });
      const list = async (sort: string, order?: string) =>
        ids((await owner.get<TaskPage>(url(`/tasks?sort=${sort}${order ? `&order=${order}` : ''}`))).body);

      expect(await list('title')).toEqual([apple.id, banana.id, cherry.id, date.id]);
      expect(await list('title', 'desc')).toEqual([date.id, cherry.id, banana.id, apple.id]);
      expect(await list('due')).toEqual([cherry.id, date.id, banana.id, apple.id]);
      expect(await list('due', 'desc')).toEqual([banana.id, date.id, cherry.id, apple.id]);
      expect(await list('priority')).toEqual([apple.id, date.id, banana.id, cherry.id]);
      expect(await list('priority', 'asc')).toEqual([cherry.id, banana.id, date.id, apple.id]);
      expect(await list('created')).toEqual([date.id, cherry.id, apple.id, banana.id]);
      expect(await list('created', 'asc')).toEqual([banana.id, apple.id, cherry.id, date.id]);
      expect((await list('updated'))[0]).toBe(cherry.id);
      expect(await list('position')).toEqual([banana.id, apple.id, cherry.id, date.id]);
      expect(await list('position', 'desc')).toEqual([date.id, cherry.id, apple.id, banana.id]);
    });

    it('searches title, description and comments, case-insensitively, with % and _ taken literally', async () => {
      const { workspace, owner, url } = await team(h());
      const inTitle = await makeTask(owner, workspace.id, { title: 'Renew the INSURANCE' });
      const inDescription = await makeTask(owner, workspace.id, {
        title: 'Car',
        description: 'ask about insurance rates',
      });
      const inComment = await makeTask(owner, workspace.id, { title: 'House' });
      await addComment(h(), workspace.id, inComment.id, idOf(owner), 'Insurance letter arrived');
      const percent = await makeTask(owner, workspace.id, { title: 'Raise by 100% now' });
      const plain = await makeTask(owner, workspace.id, { title: 'Raise by 1000 now' });
      const underscore = await makeTask(owner, workspace.id, { title: 'file_name.pdf' });
      const lookalike = await makeTask(owner, workspace.id, { title: 'filename.pdf' });
      const search = async (q: string) =>
        ids((await owner.get<TaskPage>(url(`/tasks?q=${encodeURIComponent(q)}`))).body).sort();

      expect(await search('insurance')).toEqual([inTitle.id, inDescription.id, inComment.id].sort());
      expect(await search('InSuRaNcE')).toEqual([inTitle.id, inDescription.id, inComment.id].sort());
      expect(await search('100%')).toEqual([percent.id]);
      expect(await search('%')).toEqual([percent.id]);
      expect(await search('file_')).toEqual([underscore.id]);
      expect(await search('_')).toEqual([underscore.id]);
      expect(await search('!')).toEqual([]);
      expect(await search("'; drop table tasks; --")).toEqual([]);
      expect(await search('1000')).toEqual([plain.id]);
      expect(await search('filename')).toEqual([lookalike.id]);
    });

    it('pages with an opaque cursor, without skipping or repeating, for every sort', async () => {
      const { workspace, owner, url } = await team(h());
      const made: string[] = [];
      for (let i = 0; i < 7; i++) {
        h().clock.advance(i % 2 === 0 ? MINUTE : 0);
        made.push(
          (
            await makeTask(owner, workspace.id, {
              title: i % 3 === 0 ? 'Same title' : `Task ${i}`,
              priority: i % 2 === 0 ? 'high' : 'low',
              dueAt: i % 3 === 1 ? null : new Date(Date.UTC(2026, 0, 10 + (i % 2))).toISOString(),
            })
          ).id,
        );
      }
      for (const sort of ['position', 'due', 'priority', 'updated', 'created', 'title']) {
        for (const order of ['asc', 'desc']) {
          const full = ids((await owner.get<TaskPage>(url(`/tasks?sort=${sort}&order=${order}`))).body);
          expect(full.sort()).toEqual([...made].sort());
          const expected = ids((await owner.get<TaskPage>(url(`/tasks?sort=${sort}&order=${order}`))).body);
          const seen: string[] = [];
          let cursor: string | null = null;
          let pages = 0;
          do {
            const query: string = `/tasks?sort=${sort}&order=${order}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
            const page: TaskPage = (await owner.get<TaskPage>(url(query))).body;
            expect(page.items.length).toBeLessThanOrEqual(3);
            seen.push(...ids(page));
            cursor = page.nextCursor;
            pages += 1;
          } while (cursor && pages < 10);
          expect(seen).toEqual(expected);
          expect(pages).toBe(3);
        }
      }
    });

    it('defaults to 200 items a page and refuses more than 1000', async () => {
      const { owner, url } = await team(h());
      const page = await owner.get<TaskPage>(url('/tasks'));
      expect(page.body).toEqual({ items: [], nextCursor: null });
      for (const [query, field] of [
        ['limit=1001', 'limit'],
        ['limit=0', 'limit'],
        ['limit=-1', 'limit'],
        ['limit=abc', 'limit'],
        ['cursor=garbage', 'cursor'],
        [
          `cursor=${Buffer.from(JSON.stringify({ s: 'title', o: 'asc', v: 'a', id: MISSING_ID })).toString('base64url')}`,
          'cursor',
        ],
      ]) {
        const res = await owner.get<ErrorBody>(url(`/tasks?${query}`));
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ code: 'validation_failed', details: { fields: [{ field }] } });
      }
      expect((await owner.get<TaskPage>(url('/tasks?limit=1000'))).status).toBe(200);
    });

    it('lists the distinct labels of the tasks I may see', async () => {
      const { workspace, owner, member, outsider, area, url } = await team(h());
      await makeTask(owner, workspace.id, { areaId: area.id, labels: ['finance', 'urgent'] });
      await makeTask(owner, workspace.id, { labels: ['secret'] });
      await makeTask(outsider, workspace.id, { labels: ['mine', 'urgent'] });
      expect((await owner.get<string[]>(url('/labels'))).body).toEqual([
        'finance',
        'mine',
        'secret',
        'urgent',
      ]);
      expect((await member.get<string[]>(url('/labels'))).body).toEqual(['finance', 'urgent']);
      expect((await outsider.get<string[]>(url('/labels'))).body).toEqual(['mine', 'urgent']);
    });
  });

  describe('templates and recurrence', () => {
    it('a template supplies defaults; explicit body fields override them', async () => {
      const { workspace, owner, area, url } = await team(h());
      const source = await makeTask(owner, workspace.id, {
        title: 'Month end',
        description: 'All **receipts**',
        areaId: area.id,
        priority: 'high',
        labels: ['finance'],
        checklist: ['Download statements'],
      });
      const saved = await owner.post<{ id: string }>(url(`/tasks/${source.id}/save-as-template`), {
        name: 'Month end',
      });
      expect(saved.status).toBe(201);
      const plain = await makeTask(owner, workspace.id, { title: 'February', templateId: saved.body.id });
      expect(plain).toMatchObject({
        areaId: area.id,
        priority: 'high',
        labels: ['finance'],
        description: 'All **receipts**',
      });
      const overridden = await makeTask(owner, workspace.id, {
        title: 'March',
        templateId: saved.body.id,
        areaId: null,
        priority: 'low',
        labels: [],
        description: 'Just this once',
      });
      expect(overridden).toMatchObject({
        areaId: null,
        assigneeId: null,
        priority: 'low',
        labels: [],
        description: 'Just this once',
      });
      expect(overridden.checklist.map((i) => i.text)).toEqual(['Download statements']);
    });

    it('an assistant may not use a template they may not see (400, like an unknown one, nothing written)', async () => {
      const { workspace, owner, member, outsider, area, url } = await team(h());
      const source = await makeTask(owner, workspace.id, {
        title: 'Payroll',
        areaId: area.id,
        description: 'Secret steps',
      });
      const saved = await owner.post<{ id: string }>(url(`/tasks/${source.id}/save-as-template`), {
        name: 'Payroll',
      });
      const before = await snapshot(h());
      const res = await outsider.post(url('/tasks'), { title: 'Peek', templateId: saved.body.id });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ details: { fields: [{ field: 'templateId' }] } });
      expect(await snapshot(h())).toEqual(before);
      // Someone in the area may.
      const ok = await makeTask(member, workspace.id, { title: 'Payroll March', templateId: saved.body.id });
      expect(ok.description).toBe('Secret steps');
    });

    it('a recurring task (next one when done) is created, completed, and continues; removing the rule ends it', async () => {
      const { workspace, owner, url } = await team(h());
      const recurrence = { rule: 'FREQ=WEEKLY', mode: 'on_done', timeZone: 'Europe/Berlin' } as const;
      const task = await makeTask(owner, workspace.id, {
        title: 'Weekly report',
        dueAt: '2026-01-09T09:00:00.000Z',
        recurrence,
      });
      expect(task).toMatchObject({ recurring: true, recurrence });
      expect(task.seriesId).not.toBeNull();
      const done = await owner.post<Task>(url(`/tasks/${task.id}/move`), {
        version: 0,
        state: 'done',
        afterTaskId: null,
      });
      expect(done.status).toBe(200);
      const open = (await owner.get<TaskPage>(url('/tasks?state=todo'))).body.items;
      expect(open).toHaveLength(1);
      const next = (await owner.get<Task>(url(`/tasks/${open[0]?.id}`))).body;
      expect(next).toMatchObject({ title: 'Weekly report', seriesId: task.seriesId, recurring: true });
      const ended = await owner.patch<Task>(url(`/tasks/${next.id}`), {
        version: next.version,
        recurrence: null,
      });
      expect(ended.status).toBe(200);
      expect(ended.body.recurrence).toBeNull();
    });
  });

  describe('history', () => {
    it('lists every change with the actor names, oldest first', async () => {
      const { workspace, owner, member, area, url } = await team(h());
      const task = await makeTask(owner, workspace.id, { areaId: area.id });
      h().clock.advance(MINUTE);
      await member.patch(url(`/tasks/${task.id}`), { version: 0, priority: 'low' });
      h().clock.advance(MINUTE);
      const item = (await member.post<{ id: string }>(url(`/tasks/${task.id}/checklist`), { text: 'Step' }))
        .body;
      h().clock.advance(MINUTE);
      await owner.patch(url(`/tasks/${task.id}/checklist/${item.id}`), { done: true });
      h().clock.advance(MINUTE);
      await owner.post(url(`/tasks/${task.id}/move`), { version: 1, state: 'done', afterTaskId: null });
      const res = await member.get<TaskEvent[]>(url(`/tasks/${task.id}/history`));
      expect(res.status).toBe(200);
      expect(res.body.map((e) => [e.kind, e.actorName])).toEqual([
        ['created', 'Olivia Owner'],
        ['updated', 'Assistant 1'],
        ['checklist_added', 'Assistant 1'],
        ['checklist_checked', 'Olivia Owner'],
        ['moved', 'Olivia Owner'],
      ]);
      expect(res.body[1]?.data).toEqual({ changes: { priority: { from: 'none', to: 'low' } } });
    });
  });
});
