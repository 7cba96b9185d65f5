import type { ChecklistItem, ErrorBody, Task, TaskPage } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { describeEachDb, type Harness, type TestClient, workspaceWith } from '../../test/harness.ts';
import { BAD_IDS, idOf, MISSING_ID, makeArea, makeTask, snapshot, team } from './tasks.factories.ts';
import { updateTaskIfVersion } from './tasks.repository.ts';

type Method = Parameters<TestClient['request']>[0];

interface Target {
  workspaceId: string;
  task: Task;
  item: ChecklistItem;
}

interface RouteCase {
  label: string;
  method: Method;
  access: 'member' | 'owner';
  /** Addresses one task (and maybe one checklist item): these answer 404 for an invisible task. */
  onTask: boolean;
  path: (t: Target) => string;
  body?: (t: Target) => Record<string, unknown>;
  /** Malformed bodies and the field the 400 must name. */
  bad?: [Record<string, unknown>, string][];
}

const ws = (t: Target) => `/api/v1/workspaces/${t.workspaceId}`;
const tk = (t: Target) => `${ws(t)}/tasks/${t.task.id}`;

const long = (n: number) => 'x'.repeat(n);

const routes: RouteCase[] = [
  {
    label: 'GET tasks',
    method: 'GET',
    access: 'member',
    onTask: false,
    path: (t) => `${ws(t)}/tasks`,
  },
  {
    label: 'POST tasks',
    method: 'POST',
    access: 'member',
    onTask: false,
    path: (t) => `${ws(t)}/tasks`,
    body: () => ({ title: 'New' }),
    bad: [
      [{}, 'title'],
      [{ title: '' }, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: long(201) }, 'title'],
      [{ title: 5 }, 'title'],
      [{ title: 'ok', description: long(20_001) }, 'description'],
      [{ title: 'ok', description: 5 }, 'description'],
      [{ title: 'ok', areaId: 'not-a-uuid' }, 'areaId'],
      [{ title: 'ok', areaId: 'inbox' }, 'areaId'],
      [{ title: 'ok', assigneeId: 'me' }, 'assigneeId'],
      [{ title: 'ok', state: 'blocked' }, 'state'],
      [{ title: 'ok', state: 'DONE' }, 'state'],
      [{ title: 'ok', priority: 'critical' }, 'priority'],
      [{ title: 'ok', dueAt: 'tomorrow' }, 'dueAt'],
      [{ title: 'ok', dueAt: 1767225600000 }, 'dueAt'],
      [{ title: 'ok', dueTimeZone: long(65) }, 'dueTimeZone'],
      [{ title: 'ok', labels: 'a,b' }, 'labels'],
      [{ title: 'ok', labels: ['a,b'] }, 'labels/0'],
      [{ title: 'ok', labels: [''] }, 'labels/0'],
      [{ title: 'ok', labels: [long(41)] }, 'labels/0'],
      [{ title: 'ok', labels: Array.from({ length: 21 }, (_, i) => `l${i}`) }, 'labels'],
      [{ title: 'ok', checklist: [''] }, 'checklist/0'],
      [{ title: 'ok', checklist: [long(501)] }, 'checklist/0'],
      [{ title: 'ok', checklist: Array.from({ length: 101 }, (_, i) => `c${i}`) }, 'checklist'],
      [{ title: 'ok', recurrence: { rule: 'every day', mode: 'calendar', timeZone: 'UTC' } }, 'recurrence'],
      [{ title: 'ok', recurrence: { rule: 'FREQ=DAILY', mode: 'sometimes', timeZone: 'UTC' } }, 'recurrence'],
      [{ title: 'ok', templateId: 'tmpl' }, 'templateId'],
    ],
  },
  {
    label: 'GET task',
    method: 'GET',
    access: 'member',
    onTask: true,
    path: tk,
  },
  {
    label: 'PATCH task',
    method: 'PATCH',
    access: 'member',
    onTask: true,
    path: tk,
    body: (t) => ({ version: t.task.version, title: 'Changed' }),
    bad: [
      [{ title: 'No version' }, 'version'],
      [{ version: '0', title: 'x' }, 'version'],
      [{ version: 0.5, title: 'x' }, 'version'],
      [{ version: -1, title: 'x' }, 'version'],
      [{ version: 0, title: '' }, 'title'],
      [{ version: 0, title: long(201) }, 'title'],
      [{ version: 0, state: 'archived' }, 'state'],
      [{ version: 0, priority: 3 }, 'priority'],
      [{ version: 0, blocked: 'yes' }, 'blocked'],
      [{ version: 0, blockedReason: long(501) }, 'blockedReason'],
      [{ version: 0, areaId: 'inbox' }, 'areaId'],
      [{ version: 0, assigneeId: 'none' }, 'assigneeId'],
      [{ version: 0, dueAt: '2026-13-01T00:00:00Z' }, 'dueAt'],
      [{ version: 0, labels: [7] }, 'labels/0'],
    ],
  },
  {
    label: 'POST move',
    method: 'POST',
    access: 'member',
    onTask: true,
    path: (t) => `${tk(t)}/move`,
    body: (t) => ({ version: t.task.version, state: 'doing', afterTaskId: null }),
    bad: [
      [{ version: 0, state: 'doing' }, 'afterTaskId'],
      [{ version: 0, afterTaskId: null }, 'state'],
      [{ state: 'doing', afterTaskId: null }, 'version'],
      [{ version: 0, state: 'later', afterTaskId: null }, 'state'],
      [{ version: 0, state: 'doing', afterTaskId: 'top' }, 'afterTaskId'],
    ],
  },
  {
    label: 'DELETE task',
    method: 'DELETE',
    access: 'owner',
    onTask: true,
    path: tk,
  },
  {
    label: 'POST checklist',
    method: 'POST',
    access: 'member',
    onTask: true,
    path: (t) => `${tk(t)}/checklist`,
    body: () => ({ text: 'Another step' }),
    bad: [
      [{}, 'text'],
      [{ text: '' }, 'text'],
      [{ text: '  ' }, 'text'],
      [{ text: long(501) }, 'text'],
      [{ text: ['a'] }, 'text'],
    ],
  },
  {
    label: 'PATCH checklist item',
    method: 'PATCH',
    access: 'member',
    onTask: true,
    path: (t) => `${tk(t)}/checklist/${t.item.id}`,
    body: () => ({ done: true }),
    bad: [
      [{}, '(root)'],
      [{ done: 'true' }, 'done'],
      [{ done: 1 }, 'done'],
      [{ text: '' }, 'text'],
      [{ text: long(501) }, 'text'],
    ],
  },
  {
    label: 'DELETE checklist item',
    method: 'DELETE',
    access: 'member',
    onTask: true,
    path: (t) => `${tk(t)}/checklist/${t.item.id}`,
  },
  {
    label: 'POST checklist reorder',
    method: 'POST',
    access: 'member',
    onTask: true,
    path: (t) => `${tk(t)}/checklist/reorder`,
    body: (t) => ({ itemIds: t.task.checklist.map((i) => i.id) }),
    bad: [
      [{}, 'itemIds'],
      [{ itemIds: 'all' }, 'itemIds'],
      [{ itemIds: ['nope'] }, 'itemIds/0'],
      [{ itemIds: Array.from({ length: 101 }, () => MISSING_ID) }, 'itemIds'],
    ],
  },
  {
    label: 'GET history',
    method: 'GET',
    access: 'member',
    onTask: true,
    path: (t) => `${tk(t)}/history`,
  },
  {
    label: 'PUT follow',
    method: 'PUT',
    access: 'member',
    onTask: true,
    path: (t) => `${tk(t)}/follow`,
  },
  {
    label: 'DELETE follow',
    method: 'DELETE',
    access: 'member',
    onTask: true,
    path: (t) => `${tk(t)}/follow`,
  },
  {
    label: 'GET labels',
    method: 'GET',
    access: 'member',
    onTask: false,
    path: (t) => `${ws(t)}/labels`,
  },
];

function bodyFor(route: RouteCase, t: Target): Record<string, unknown> | undefined {
  if (route.body) return route.body(t);
  return route.method === 'POST' || route.method === 'PUT' ? {} : undefined;
}

/** A task in the team's area (created by the owner, assigned to the owner) with one checklist item. */
async function target(h: Harness) {
  const t = await team(h);
  const task = await makeTask(t.owner, t.workspace.id, {
    areaId: t.area.id,
    checklist: ['First step'],
    labels: ['hidden-label'],
  });
  const item = task.checklist[0] as ChecklistItem;
  return { ...t, target: { workspaceId: t.workspace.id, task, item } };
}

describeEachDb('tasks: who may do what', (h) => {
  describe('anonymous and strangers', () => {
    it.each(routes)('$label: anonymous → 401, nothing written', async (route) => {
      const { target: t } = await target(h());
      const before = await snapshot(h());
      const res = await h().client().request(route.method, route.path(t), bodyFor(route, t));
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthenticated' });
      expect(await snapshot(h())).toEqual(before);
    });

    it.each(routes)('$label: a member of another workspace → 404, nothing written', async (route) => {
      const { target: t } = await target(h());
      const stranger = await workspaceWith(h());
      const before = await snapshot(h());
      const res = await stranger.owner.request(route.method, route.path(t), bodyFor(route, t));
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'not_found' });
      expect(JSON.stringify(res.body)).not.toContain('Pay the invoices');
      expect(await snapshot(h())).toEqual(before);
    });

    it.each(routes.filter((r) => r.onTask))(
      '$label: a task of another workspace under my workspace → 404, nothing written',
      async (route) => {
        const { workspace, owner } = await target(h());
        const other = await target(h());
        const t: Target = { ...other.target, workspaceId: workspace.id };
        const before = await snapshot(h());
        const res = await owner.request(route.method, route.path(t), bodyFor(route, t));
        expect(res.status).toBe(404);
        expect(await snapshot(h())).toEqual(before);
      },
    );

    it.each(routes.filter((r) => r.onTask))('$label: an unknown task id → 404', async (route) => {
      const { owner, target: t } = await target(h());
      const missing: Target = { ...t, task: { ...t.task, id: MISSING_ID } };
      const res = await owner.request(route.method, route.path(missing), bodyFor(route, missing));
      expect(res.status).toBe(404);
    });
  });

  describe('what an assistant sees', () => {
    it.each(routes.filter((r) => r.onTask && r.access === 'member'))(
      '$label: an assistant outside the area → 404, exactly like a missing task, nothing written',
      async (route) => {
        const { owner, outsider, target: t } = await target(h());
        const before = await snapshot(h());
        const res = await outsider.request(route.method, route.path(t), bodyFor(route, t));
        expect(res.status).toBe(404);
        const missing: Target = { ...t, task: { ...t.task, id: MISSING_ID } };
        const missingRes = await outsider.request(route.method, route.path(missing), bodyFor(route, missing));
        expect(res.body).toEqual(missingRes.body);
        expect(await snapshot(h())).toEqual(before);
        // The owner still sees it.
        expect((await owner.get(tk(t))).status).toBe(200);
      },
    );

    it('an assistant outside the area does not find the task in lists, search or labels', async () => {
      const { owner, outsider, member, target: t } = await target(h());
      const mine = await makeTask(outsider, t.workspaceId, { title: 'Pay my own invoices' });
      for (const query of [
        '',
        '?q=invoices',
        `?areaId=${t.task.areaId}`,
        `?assigneeId=${idOf(owner)}`,
        '?label=hidden-label',
      ]) {
        const res = await outsider.get<TaskPage>(`${ws(t)}/tasks${query}`);
        expect(res.status).toBe(200);
        expect(res.body.items.map((x) => x.id)).not.toContain(t.task.id);
      }
      expect((await outsider.get<TaskPage>(`${ws(t)}/tasks?q=invoices`)).body.items.map((x) => x.id)).toEqual(
        [mine.id],
      );
      expect((await outsider.get<string[]>(`${ws(t)}/labels`)).body).not.toContain('hidden-label');
      // Those in the area do.
      expect((await member.get<TaskPage>(`${ws(t)}/tasks?q=invoices`)).body.items.map((x) => x.id)).toContain(
        t.task.id,
      );
      expect((await member.get<string[]>(`${ws(t)}/labels`)).body).toContain('hidden-label');
    });

    it.each([
      'contributor of the area',
      'backup of the area',
      'owner of the area',
      'assignee',
      'creator',
    ] as const)('an assistant who is the %s sees the task everywhere', async (reason) => {
      const { workspace, owner, outsider } = await team(h());
      const areaFields =
        reason === 'contributor of the area'
          ? { ownerId: idOf(owner), memberIds: [idOf(outsider)] }
          : reason === 'backup of the area'
            ? { ownerId: idOf(owner), backupId: idOf(outsider) }
            : reason === 'owner of the area'
              ? { ownerId: idOf(outsider) }
              : { ownerId: idOf(owner) };
      const area = await makeArea(owner, workspace.id, { ...areaFields, name: 'Visible area' });
      const creator = reason === 'creator' ? outsider : owner;
      const task = await makeTask(creator, workspace.id, {
        title: 'Findable needle',
        areaId: area.id,
        assigneeId: reason === 'assignee' ? idOf(outsider) : idOf(owner),
        labels: ['needle-label'],
        checklist: ['Step'],
      });
      const t: Target = { workspaceId: workspace.id, task, item: task.checklist[0] as ChecklistItem };
      expect((await outsider.get<Task>(tk(t))).status).toBe(200);
      expect((await outsider.get<TaskPage>(`${ws(t)}/tasks?q=needle`)).body.items.map((x) => x.id)).toEqual([
        task.id,
      ]);
      expect((await outsider.get<string[]>(`${ws(t)}/labels`)).body).toContain('needle-label');
      for (const route of routes.filter((r) => r.onTask && r.access === 'member')) {
        const current = (await outsider.get<Task>(tk(t))).body;
        const now: Target = { ...t, task: current, item: current.checklist[0] ?? t.item };
        const res = await outsider.request(route.method, route.path(now), bodyFor(route, now));
        expect([200, 201, 204]).toContain(res.status);
      }
    });

    it('an assistant loses sight of a task moved out of their area, and a direct id is then 404', async () => {
      const { workspace, owner, member, area } = await team(h());
      const task = await makeTask(owner, workspace.id, { areaId: area.id });
      const moved = await member.patch<Task>(`/api/v1/workspaces/${workspace.id}/tasks/${task.id}`, {
        version: 0,
        areaId: null,
      });
      expect(moved.status).toBe(200);
      expect((await member.get(`/api/v1/workspaces/${workspace.id}/tasks/${task.id}`)).status).toBe(404);
      const list = await member.get<TaskPage>(`/api/v1/workspaces/${workspace.id}/tasks`);
      expect(list.body.items.map((x) => x.id)).not.toContain(task.id);
    });

    it('assistants may create tasks in any open area and in the inbox', async () => {
      const { workspace, owner, outsider, area } = await team(h());
      const inArea = await makeTask(outsider, workspace.id, { areaId: area.id });
      expect(inArea).toMatchObject({ areaId: area.id, assigneeId: idOf(owner), creatorId: idOf(outsider) });
      const inbox = await makeTask(outsider, workspace.id);
      expect(inbox.areaId).toBeNull();
    });

    it('a checklist item of another task is not found through this task', async () => {
      const { owner, target: t } = await target(h());
      const other = await makeTask(owner, t.workspaceId, { checklist: ['Elsewhere'] });
      const foreignItem = other.checklist[0] as ChecklistItem;
      const before = await snapshot(h());
      const path = `${tk(t)}/checklist/${foreignItem.id}`;
      expect((await owner.patch(path, { done: true })).status).toBe(404);
      expect((await owner.delete(path)).status).toBe(404);
      expect((await owner.patch(`${tk(t)}/checklist/${MISSING_ID}`, { done: true })).status).toBe(404);
      expect(await snapshot(h())).toEqual(before);
    });
  });

  describe('owners only', () => {
    it.each(routes.filter((r) => r.access === 'owner'))(
      '$label: any assistant → 403, even for a task they see, nothing written',
      async (route) => {
        const { member, outsider, target: t } = await target(h());
        for (const caller of [member, outsider]) {
          const before = await snapshot(h());
          const res = await caller.request(route.method, route.path(t), bodyFor(route, t));
          expect(res.status).toBe(403);
          expect(await snapshot(h())).toEqual(before);
        }
      },
    );
  });

  describe('malformed input', () => {
    it.each(routes)(
      '$label: malformed ids in the path → 400 naming the parameter, nothing written',
      async (route) => {
        const { owner, target: t } = await target(h());
        const params: [keyof Target | 'workspaceId', string][] = [['workspaceId', 'workspaceId']];
        if (route.onTask) params.push(['task', 'taskId']);
        if (route.path(t).includes(t.item.id)) params.push(['item', 'itemId']);
        for (const bad of BAD_IDS) {
          for (const [key, field] of params) {
            const broken: Target =
              key === 'workspaceId'
                ? { ...t, workspaceId: encodeURIComponent(bad) }
                : key === 'task'
                  ? { ...t, task: { ...t.task, id: encodeURIComponent(bad) } }
                  : { ...t, item: { ...t.item, id: encodeURIComponent(bad) } };
            const before = await snapshot(h());
            const res = await owner.request(route.method, route.path(broken), bodyFor(route, t));
            expect(res.status).toBe(400);
            expect(res.body).toMatchObject({ code: 'validation_failed', details: { fields: [{ field }] } });
            expect(await snapshot(h())).toEqual(before);
          }
        }
      },
    );

    it.each(routes.flatMap((r) => (r.bad ?? []).map(([body, field]) => ({ ...r, badBody: body, field }))))(
      '$label: malformed body $badBody → 400 naming $field, nothing written',
      async (route) => {
        const { owner, target: t } = await target(h());
        const before = await snapshot(h());
        const res = await owner.request<ErrorBody>(route.method, route.path(t), route.badBody);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('validation_failed');
        expect(res.body.details?.fields).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: route.field })]),
        );
        expect(await snapshot(h())).toEqual(before);
      },
    );

    it.each([
      ['state=todo,blocked', 'state'],
      ['state=', 'state'],
      ['areaId=nowhere', 'areaId'],
      ['assigneeId=everyone', 'assigneeId'],
      ['label=', 'label'],
      [`label=${long(41)}`, 'label'],
      ['dueFrom=yesterday', 'dueFrom'],
      ['dueTo=2026-02-30', 'dueTo'],
      ['overdue=yes', 'overdue'],
      ['blocked=1', 'blocked'],
      ['q=', 'q'],
      [`q=${long(201)}`, 'q'],
      ['sort=assignee_id', 'sort'],
      ['sort=title;drop table tasks', 'sort'],
      ['order=up', 'order'],
      ['limit=1.5', 'limit'],
      [`cursor=${long(501)}`, 'cursor'],
    ])('GET tasks?%s → 400 naming %s', async (query, field) => {
      const { owner, target: t } = await target(h());
      const res = await owner.get<ErrorBody>(`${ws(t)}/tasks?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.details?.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it('refuses a state change without the CSRF token, writing nothing', async () => {
      const { owner, target: t } = await target(h());
      const before = await snapshot(h());
      const res = await owner.request('PATCH', tk(t), { version: 0, title: 'x' }, { csrf: false });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'csrf_failed' });
      expect(await snapshot(h())).toEqual(before);
    });
  });

  describe('atomic version check', () => {
    it('of two transactions writing the same version, exactly one updates the row', async () => {
      const { owner, target: t } = await target(h());
      const { db } = h().db;
      if (h().dialect === 'postgres') {
        // The first writer holds the row; the second waits, then finds the version moved on.
        let release = () => {};
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        let firstWrote = () => {};
        const wrote = new Promise<void>((resolve) => {
          firstWrote = resolve;
        });
        const first = db.transaction().execute(async (trx) => {
          const row = await updateTaskIfVersion(trx, t.workspaceId, t.task.id, 0, { title: 'first' });
          firstWrote();
          await gate;
          return row;
        });
        await wrote;
        const second = db
          .transaction()
          .execute((trx) => updateTaskIfVersion(trx, t.workspaceId, t.task.id, 0, { title: 'second' }));
        await new Promise((resolve) => setTimeout(resolve, 50));
        release();
        const [a, b] = await Promise.all([first, second]);
        expect(a?.version).toBe(1);
        expect(b).toBeUndefined();
      } else {
        const a = await updateTaskIfVersion(db, t.workspaceId, t.task.id, 0, { title: 'first' });
        const b = await updateTaskIfVersion(db, t.workspaceId, t.task.id, 0, { title: 'second' });
        expect(a?.version).toBe(1);
        expect(b).toBeUndefined();
      }
      expect((await owner.get<Task>(tk(t))).body).toMatchObject({ title: 'first', version: 1 });
    });
  });
});
