import type { Task, TaskTemplate, User } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { describeEachDb, type Harness, signUp, type TestClient, workspaceWith } from '../../test/harness.ts';
import { BAD_IDS, createArea } from '../../test/task-factory.ts';
import { templateFields } from './templates.service.ts';

/** Owners see every template; the direct calls below test the fields, not visibility. */
const ownerView = {
  userId: '00000000-0000-4000-8000-000000000001',
  role: 'owner' as const,
  areaIds: new Set<string>(),
};

type Person = TestClient & { user: User };
type Method = Parameters<TestClient['request']>[0];

async function snapshot(h: Harness) {
  return {
    templates: await h.db.db.selectFrom('task_templates').selectAll().orderBy('id').execute(),
    tasks: await h.db.db.selectFrom('tasks').selectAll().orderBy('id').execute(),
  };
}

describeEachDb('templates', (h) => {
  /**
   * An owner; an `insider` working in the area of the task; an `outsider`, an assistant of
   * the same workspace outside that area; the task, with everything a template keeps.
   */
  async function scene() {
    const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 2 });
    const [insider, outsider] = assistants as [Person, Person];
    const area = await createArea(h(), {
      workspaceId: workspace.id,
      ownerId: owner.user.id,
      memberIds: [insider.user.id],
      name: 'Buchhaltung',
    });
    const base = `/api/v1/workspaces/${workspace.id}`;
    const created = await owner.post<Task>(`${base}/tasks`, {
      title: 'Monatsabschluss',
      description: 'Alle **Belege** an die Steuerberaterin',
      areaId: area.id,
      assigneeId: insider.user.id,
      priority: 'high',
      labels: ['Finanzen', 'Monatsende'],
      checklist: ['Kontoauszüge laden', 'Belege zuordnen'],
      dueAt: '2026-01-31T16:00:00.000Z',
    });
    if (created.status !== 201) throw new Error(`task create failed: ${JSON.stringify(created.body)}`);
    return { workspace, owner: owner as Person, insider, outsider, area, task: created.body, base };
  }

  const save = (
    client: TestClient,
    base: string,
    taskId: string,
    name: unknown = 'Monatsabschluss-Vorlage',
  ) => client.post<TaskTemplate>(`${base}/tasks/${taskId}/save-as-template`, { name });

  describe('save and list', () => {
    it('saves a task as a template and lists it; a new task from it gets its content', async () => {
      const { owner, insider, task, area, base, workspace } = await scene();
      // A ticked item: the template keeps the text only.
      const item = task.checklist[0];
      if (!item) throw new Error('no checklist');
      const ticked = await insider.patch(`${base}/tasks/${task.id}/checklist/${item.id}`, { done: true });
      expect(ticked.status).toBe(200);

      const res = await save(owner, base, task.id, '  Monatsabschluss-Vorlage  ');
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Monatsabschluss-Vorlage',
        title: 'Monatsabschluss',
        areaId: area.id,
        labels: ['Finanzen', 'Monatsende'],
        checklist: ['Kontoauszüge laden', 'Belege zuordnen'],
        createdAt: h().clock.now().toISOString(),
      });
      const row = await h()
        .db.db.selectFrom('task_templates')
        .selectAll()
        .where('id', '=', res.body.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ workspace_id: workspace.id, created_by: owner.user.id });
      expect(JSON.parse(row.payload)).toEqual({
        title: 'Monatsabschluss',
        description: 'Alle **Belege** an die Steuerberaterin',
        areaId: area.id,
        labels: ['Finanzen', 'Monatsende'],
        checklist: ['Kontoauszüge laden', 'Belege zuordnen'],
        priority: 'high',
      });

      const list = await owner.get<TaskTemplate[]>(`${base}/templates`);
      expect(list.status).toBe(200);
      expect(list.body).toEqual([res.body]);

      const fields = await templateFields(h().db.db, ownerView, workspace.id, res.body.id);
      expect(fields).toEqual({
        title: 'Monatsabschluss',
        description: 'Alle **Belege** an die Steuerberaterin',
        areaId: area.id,
        labels: ['Finanzen', 'Monatsende'],
        checklist: ['Kontoauszüge laden', 'Belege zuordnen'],
        priority: 'high',
      });
      const fromTemplate = await owner.post<Task>(`${base}/tasks`, {
        title: 'Monatsabschluss Februar',
        templateId: res.body.id,
      });
      expect(fromTemplate.status).toBe(201);
      expect(fromTemplate.body).toMatchObject({
        title: 'Monatsabschluss Februar',
        description: 'Alle **Belege** an die Steuerberaterin',
        areaId: area.id,
        priority: 'high',
        labels: ['Finanzen', 'Monatsende'],
      });
      expect(fromTemplate.body.checklist.map((i) => [i.text, i.done])).toEqual([
        ['Kontoauszüge laden', false],
        ['Belege zuordnen', false],
      ]);
    });

    it('lists templates by name', async () => {
      const { owner, task, base } = await scene();
      await save(owner, base, task.id, 'Zebra');
      await save(owner, base, task.id, 'Alpha');
      const list = await owner.get<TaskTemplate[]>(`${base}/templates`);
      expect(list.body.map((t) => t.name)).toEqual(['Alpha', 'Zebra']);
    });

    it('an assistant in the area saves and sees it; one outside the area gets 404 and does not see it', async () => {
      const { owner, insider, outsider, task, base } = await scene();
      const mine = await save(insider, base, task.id, 'Von der Assistenz');
      expect(mine.status).toBe(201);
      const byOwner = await save(owner, base, task.id, 'Von der Inhaberin');

      const before = await snapshot(h());
      const denied = await save(outsider, base, task.id, 'Geklaut');
      expect(denied.status).toBe(404);
      expect(denied.body).toMatchObject({ code: 'not_found' });
      expect(JSON.stringify(denied.body)).not.toContain('Monatsabschluss');
      expect(await snapshot(h())).toEqual(before);

      const insiderList = await insider.get<TaskTemplate[]>(`${base}/templates`);
      expect(insiderList.body.map((t) => t.id).sort()).toEqual([mine.body.id, byOwner.body.id].sort());
      const outsiderList = await outsider.get<TaskTemplate[]>(`${base}/templates`);
      expect(outsiderList.status).toBe(200);
      expect(outsiderList.body).toEqual([]);
      expect((await outsider.delete(`${base}/templates/${mine.body.id}`)).status).toBe(404);

      // A task the outsider may see (their own, in the inbox) makes a template everyone sees.
      const own = await outsider.post<Task>(`${base}/tasks`, { title: 'Instagram-Post planen' });
      const inbox = await save(outsider, base, own.body.id, 'Post-Vorlage');
      expect(inbox.status).toBe(201);
      expect(inbox.body.areaId).toBeNull();
      const afterList = await outsider.get<TaskTemplate[]>(`${base}/templates`);
      expect(afterList.body.map((t) => t.id)).toEqual([inbox.body.id]);
      const insiderAfter = await insider.get<TaskTemplate[]>(`${base}/templates`);
      expect(insiderAfter.body.map((t) => t.id)).toContain(inbox.body.id);
    });

    it('an assistant keeps seeing a template they made, even for an area they left', async () => {
      const { owner, insider, task, base, area } = await scene();
      const mine = await save(insider, base, task.id, 'Meine Vorlage');
      await h().db.db.deleteFrom('area_members').where('area_id', '=', area.id).execute();
      const list = await insider.get<TaskTemplate[]>(`${base}/templates`);
      expect(list.body.map((t) => t.id)).toEqual([mine.body.id]);
      expect((await owner.get<TaskTemplate[]>(`${base}/templates`)).body).toHaveLength(1);
    });

    it('drops an area archived since, so the template still makes tasks (in the inbox)', async () => {
      const { owner, task, base, area, workspace } = await scene();
      const template = await save(owner, base, task.id);
      await h()
        .db.db.updateTable('areas')
        .set({ archived_at: h().clock.now().toISOString() })
        .where('id', '=', area.id)
        .execute();
      expect((await templateFields(h().db.db, ownerView, workspace.id, template.body.id))?.areaId).toBeNull();
      const list = await owner.get<TaskTemplate[]>(`${base}/templates`);
      expect(list.body[0]?.areaId).toBeNull();
      const created = await owner.post<Task>(`${base}/tasks`, { title: 'Neu', templateId: template.body.id });
      expect(created.status).toBe(201);
      expect(created.body.areaId).toBeNull();
    });

    it('templateFields knows only templates of the workspace asked about', async () => {
      const { owner, task, base, workspace } = await scene();
      const template = await save(owner, base, task.id);
      const other = await workspaceWith(h(), { name: 'Other' });
      expect(
        await templateFields(h().db.db, ownerView, other.workspace.id, template.body.id),
      ).toBeUndefined();
      expect(
        await templateFields(h().db.db, ownerView, workspace.id, '00000000-0000-4000-8000-000000000000'),
      ).toBeUndefined();
    });

    it.each([
      [{}],
      [{ name: '' }],
      [{ name: '   ' }],
      [{ name: 'x'.repeat(201) }],
      [{ name: 7 }],
      [{ name: null }],
      [{ title: 'Falsches Feld' }],
    ])('refuses a malformed body %j and writes nothing', async (body) => {
      const { owner, task, base } = await scene();
      const before = await snapshot(h());
      const res = await owner.post(`${base}/tasks/${task.id}/save-as-template`, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', details: { fields: [expect.anything()] } });
      expect(await snapshot(h())).toEqual(before);
    });

    it.each(BAD_IDS)('refuses a malformed task or template id %s', async (bad) => {
      const { owner, base } = await scene();
      const before = await snapshot(h());
      expect((await save(owner, base, bad)).status).toBe(400);
      expect((await owner.delete(`${base}/templates/${bad}`)).status).toBe(400);
      expect(await snapshot(h())).toEqual(before);
    });

    it('ignores undeclared fields (no mass assignment)', async () => {
      const { owner, insider, task, base } = await scene();
      const res = await owner.post<TaskTemplate>(`${base}/tasks/${task.id}/save-as-template`, {
        name: 'Sauber',
        id: '00000000-0000-4000-8000-000000000000',
        createdBy: insider.user.id,
        title: 'Anders',
      });
      expect(res.status).toBe(201);
      expect(res.body.id).not.toBe('00000000-0000-4000-8000-000000000000');
      expect(res.body.title).toBe('Monatsabschluss');
      const row = await h()
        .db.db.selectFrom('task_templates')
        .select('created_by')
        .where('id', '=', res.body.id)
        .executeTakeFirstOrThrow();
      expect(row.created_by).toBe(owner.user.id);
    });
  });

  describe('delete', () => {
    it('the member who made it, or an owner, may delete; another assistant may not', async () => {
      const { workspace, owner, insider, task, base, area } = await scene();
      // A second assistant in the area, who sees the insider's template but did not make it.
      const third = await workspaceMember(workspace.id, owner);
      await h()
        .db.db.insertInto('area_members')
        .values({
          workspace_id: workspace.id,
          area_id: area.id,
          user_id: third.user.id,
          created_at: h().clock.now().toISOString(),
        })
        .execute();

      const a = await save(insider, base, task.id, 'A');
      const b = await save(insider, base, task.id, 'B');
      const before = await snapshot(h());
      const forbidden = await third.delete(`${base}/templates/${a.body.id}`);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body).toMatchObject({ code: 'forbidden' });
      expect(await snapshot(h())).toEqual(before);

      expect((await insider.delete(`${base}/templates/${a.body.id}`)).status).toBe(204);
      expect((await owner.delete(`${base}/templates/${b.body.id}`)).status).toBe(204);
      expect((await owner.get<TaskTemplate[]>(`${base}/templates`)).body).toEqual([]);
      const again = await owner.delete(`${base}/templates/${a.body.id}`);
      expect(again.status).toBe(404);
      expect(again.body).toMatchObject({ code: 'not_found' });
    });
  });

  /** Invites one more assistant into the workspace. */
  async function workspaceMember(workspaceId: string, owner: TestClient): Promise<Person> {
    const inv = await owner.post<{ url: string }>(`/api/v1/workspaces/${workspaceId}/invitations`, {
      role: 'assistant',
    });
    const token = inv.body.url.split('#')[1];
    const signed = await signUp(h(), { name: 'Third Assistant' });
    const accepted = await signed.post('/api/v1/invitations/accept', { token });
    if (accepted.status !== 200) throw new Error(`accept failed: ${JSON.stringify(accepted.body)}`);
    return signed;
  }

  describe('authorization', () => {
    const routes: {
      label: string;
      method: Method;
      path: (base: string, taskId: string, templateId: string) => string;
      body?: object;
    }[] = [
      { label: 'GET templates', method: 'GET', path: (b) => `${b}/templates` },
      {
        label: 'POST save-as-template',
        method: 'POST',
        path: (b, t) => `${b}/tasks/${t}/save-as-template`,
        body: { name: 'Vorlage' },
      },
      { label: 'DELETE template', method: 'DELETE', path: (b, _t, id) => `${b}/templates/${id}` },
    ];

    it.each(routes)('$label: anonymous → 401, nothing written', async (route) => {
      const { owner, task, base } = await scene();
      const template = await save(owner, base, task.id);
      const before = await snapshot(h());
      const res = await h()
        .client()
        .request(route.method, route.path(base, task.id, template.body.id), route.body);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthenticated' });
      expect(await snapshot(h())).toEqual(before);
    });

    it.each(routes)('$label: a member of another workspace → 404, nothing written', async (route) => {
      const { owner, task, base } = await scene();
      const template = await save(owner, base, task.id);
      const { owner: stranger } = await workspaceWith(h(), { name: 'Other' });
      const before = await snapshot(h());
      const res = await stranger.request(
        route.method,
        route.path(base, task.id, template.body.id),
        route.body,
      );
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'not_found' });
      expect(JSON.stringify(res.body)).not.toContain('Monatsabschluss');
      expect(await snapshot(h())).toEqual(before);
    });

    it('ids of another workspace, addressed through my own → 404, nothing written', async () => {
      const mine = await scene();
      const theirs = await scene();
      const template = await save(theirs.owner, theirs.base, theirs.task.id);
      const before = await snapshot(h());
      expect((await save(mine.owner, mine.base, theirs.task.id)).status).toBe(404);
      expect((await mine.owner.delete(`${mine.base}/templates/${template.body.id}`)).status).toBe(404);
      expect((await mine.owner.get<TaskTemplate[]>(`${mine.base}/templates`)).body).toEqual([]);
      expect(await snapshot(h())).toEqual(before);
    });
  });
});
