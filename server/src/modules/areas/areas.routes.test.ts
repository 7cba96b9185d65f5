import type { Area, ErrorBody } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { describeEachDb, type TestClient, workspaceWith } from '../../test/harness.ts';
import {
  BAD_IDS,
  idOf,
  listen,
  MISSING_ID,
  makeArea,
  makeTask,
  snapshot,
  team,
} from '../tasks/tasks.factories.ts';

type Method = Parameters<TestClient['request']>[0];

interface RouteCase {
  label: string;
  method: Method;
  access: 'member' | 'owner';
  path: (w: string, a: string) => string;
  body?: (area: Area) => Record<string, unknown>;
  badBodies?: [Record<string, unknown>, string][];
}

const routes: RouteCase[] = [
  { label: 'GET areas', method: 'GET', access: 'member', path: (w) => `/api/v1/workspaces/${w}/areas` },
  {
    label: 'POST areas',
    method: 'POST',
    access: 'owner',
    path: (w) => `/api/v1/workspaces/${w}/areas`,
    body: (area) => ({ name: 'New', ownerId: area.ownerId }),
  },
  {
    label: 'GET area',
    method: 'GET',
    access: 'member',
    path: (w, a) => `/api/v1/workspaces/${w}/areas/${a}`,
  },
  {
    label: 'PATCH area',
    method: 'PATCH',
    access: 'owner',
    path: (w, a) => `/api/v1/workspaces/${w}/areas/${a}`,
    body: (area) => ({ version: area.version, name: 'Renamed' }),
  },
  {
    label: 'POST archive',
    method: 'POST',
    access: 'owner',
    path: (w, a) => `/api/v1/workspaces/${w}/areas/${a}/archive`,
  },
  {
    label: 'POST unarchive',
    method: 'POST',
    access: 'owner',
    path: (w, a) => `/api/v1/workspaces/${w}/areas/${a}/unarchive`,
  },
];

const hasAreaId = (r: RouteCase) => r.path('W', 'A').includes('/A');

describeEachDb('areas', (h) => {
  describe('create, read, list', () => {
    it('creates an area with its people, guardrails and risk class', async () => {
      const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 3 });
      const [backup, c1, c2] = assistants;
      if (!backup || !c1 || !c2) throw new Error('no assistants');
      const res = await owner.post<Area>(`/api/v1/workspaces/${workspace.id}/areas`, {
        name: '  Bookkeeping ',
        description: ' Invoices and receipts ',
        ownerId: idOf(owner),
        backupId: idOf(backup),
        riskClass: 'high',
        guardrails: [' Always ask before paying more than €250 ', 'Never delete customer data'],
        // Owner and backup are not contributors; repeats count once.
        memberIds: [idOf(c1), idOf(c2), idOf(c1), idOf(owner), idOf(backup)],
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Bookkeeping',
        description: 'Invoices and receipts',
        ownerId: idOf(owner),
        backupId: idOf(backup),
        riskClass: 'high',
        guardrails: ['Always ask before paying more than €250', 'Never delete customer data'],
        maxLevel: 4,
        memberIds: [idOf(c1), idOf(c2)].sort(),
        archivedAt: null,
        createdAt: h().clock.now().toISOString(),
        updatedAt: h().clock.now().toISOString(),
        version: 0,
      });
      const got = await backup.get<Area>(`/api/v1/workspaces/${workspace.id}/areas/${res.body.id}`);
      expect(got.status).toBe(200);
      expect({ ...got.body, memberIds: [...got.body.memberIds].sort() }).toEqual({
        ...res.body,
        memberIds: [...res.body.memberIds].sort(),
      });
    });

    it('fills defaults: medium risk, level cap 5, no backup, no guardrails, no contributors', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const area = await makeArea(owner, workspace.id, { ownerId: idOf(owner), name: 'Social media' });
      expect(area).toMatchObject({
        name: 'Social media',
        description: '',
        backupId: null,
        riskClass: 'medium',
        maxLevel: 5,
        guardrails: [],
        memberIds: [],
      });
    });

    it('lists areas by name for every member; archived ones only on request', async () => {
      const { workspace, owner, member } = await team(h());
      const zeta = await makeArea(owner, workspace.id, { ownerId: idOf(owner), name: 'zeta' });
      const alpha = await makeArea(owner, workspace.id, { ownerId: idOf(member), name: 'Alpha' });
      expect((await owner.post(`/api/v1/workspaces/${workspace.id}/areas/${zeta.id}/archive`)).status).toBe(
        200,
      );
      const list = await member.get<Area[]>(`/api/v1/workspaces/${workspace.id}/areas`);
      expect(list.status).toBe(200);
      expect(list.body.map((a) => a.name)).toEqual(['Alpha', 'Bookkeeping']);
      expect(list.body[0]).toEqual(alpha);
      const all = await member.get<Area[]>(`/api/v1/workspaces/${workspace.id}/areas?includeArchived=true`);
      expect(all.body.map((a) => a.name)).toEqual(['Alpha', 'Bookkeeping', 'zeta']);
      const explicit = await member.get<Area[]>(
        `/api/v1/workspaces/${workspace.id}/areas?includeArchived=false`,
      );
      expect(explicit.body).toHaveLength(2);
    });

    it('does not list the areas of another workspace', async () => {
      const a = await team(h());
      const b = await team(h());
      const list = await a.owner.get<Area[]>(a.url('/areas'));
      expect(list.body.map((x) => x.id)).toEqual([a.area.id]);
      expect((await a.owner.get(a.url(`/areas/${b.area.id}`))).status).toBe(404);
      expect((await a.owner.get(a.url(`/areas/${MISSING_ID}`))).status).toBe(404);
    });
  });

  describe('people must be members of this workspace', () => {
    it.each([
      ['ownerId', (foreign: string) => ({ ownerId: foreign })],
      ['backupId', (foreign: string) => ({ backupId: foreign })],
      ['memberIds/1', (foreign: string) => ({ memberIds: ['SELF', foreign] })],
    ] as const)('create: a foreign %s → 400 naming it, nothing written', async (field, make) => {
      const { workspace, owner, member } = await team(h());
      const other = await workspaceWith(h(), { assistants: 1 });
      const foreigners = [idOf(other.owner), idOf(other.assistants[0] as TestClient), MISSING_ID];
      for (const foreign of foreigners) {
        const fields = make(foreign) as Record<string, unknown>;
        if (Array.isArray(fields.memberIds)) fields.memberIds = [idOf(member), foreign];
        const before = await snapshot(h());
        const res = await owner.post<ErrorBody>(`/api/v1/workspaces/${workspace.id}/areas`, {
          name: 'Sneaky',
          ownerId: idOf(owner),
          ...fields,
        });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ code: 'validation_failed', details: { fields: [{ field }] } });
        expect(await snapshot(h())).toEqual(before);
      }
    });

    it('create: the backup cannot be the owner', async () => {
      const { workspace, owner } = await team(h());
      const before = await snapshot(h());
      const res = await owner.post(`/api/v1/workspaces/${workspace.id}/areas`, {
        name: 'Twice',
        ownerId: idOf(owner),
        backupId: idOf(owner),
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ details: { fields: [{ field: 'backupId' }] } });
      expect(await snapshot(h())).toEqual(before);
    });

    it.each([
      ['ownerId', 'ownerId'],
      ['backupId', 'backupId'],
      ['memberIds', 'memberIds/1'],
    ] as const)('update: a foreign %s → 400, nothing written', async (key, field) => {
      const { owner, member, area, url } = await team(h());
      const other = await workspaceWith(h());
      const foreign = idOf(other.owner);
      const value = key === 'memberIds' ? [idOf(member), foreign] : foreign;
      const before = await snapshot(h());
      const res = await owner.patch(url(`/areas/${area.id}`), {
        version: area.version,
        name: 'X',
        [key]: value,
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', details: { fields: [{ field }] } });
      expect(await snapshot(h())).toEqual(before);
    });
  });

  describe('update', () => {
    it('edits fields and people, bumps the version, and keeps contributors apart from owner and backup', async () => {
      const { owner, member, outsider, area, url } = await team(h());
      h().clock.advance(60_000);
      const res = await owner.patch<Area>(url(`/areas/${area.id}`), {
        version: 0,
        name: 'Finance',
        description: 'Money in, money out',
        ownerId: idOf(member),
        backupId: idOf(owner),
        riskClass: 'low',
        guardrails: ['Ask first'],
        maxLevel: 3,
        memberIds: [idOf(outsider), idOf(member)],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: 'Finance',
        description: 'Money in, money out',
        ownerId: idOf(member),
        backupId: idOf(owner),
        riskClass: 'low',
        guardrails: ['Ask first'],
        maxLevel: 3,
        memberIds: [idOf(outsider)],
        version: 1,
        createdAt: area.createdAt,
        updatedAt: h().clock.now().toISOString(),
      });
      expect((await owner.get<Area>(url(`/areas/${area.id}`))).body).toEqual(res.body);
      // Removing the backup, leaving the rest.
      const cleared = await owner.patch<Area>(url(`/areas/${area.id}`), { version: 1, backupId: null });
      expect(cleared.body).toMatchObject({
        backupId: null,
        ownerId: idOf(member),
        memberIds: [idOf(outsider)],
      });
    });

    it('refuses a stale version with 409 and the current area, changing nothing', async () => {
      const { owner, area, url } = await team(h());
      expect((await owner.patch(url(`/areas/${area.id}`), { version: 0, name: 'First' })).status).toBe(200);
      const before = await snapshot(h());
      const res = await owner.patch<ErrorBody>(url(`/areas/${area.id}`), { version: 0, name: 'Second' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'conflict',
        details: { current: { id: area.id, name: 'First', version: 1 } },
      });
      expect(await snapshot(h())).toEqual(before);
    });

    it('of two concurrent edits with the same version exactly one wins', async () => {
      const { owner, area, url } = await team(h());
      const results = await Promise.all([
        owner.patch(url(`/areas/${area.id}`), { version: 0, name: 'Mine' }),
        owner.patch(url(`/areas/${area.id}`), { version: 0, name: 'Yours' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const row = await h()
        .db.db.selectFrom('areas')
        .selectAll()
        .where('id', '=', area.id)
        .executeTakeFirstOrThrow();
      expect(row.version).toBe(1);
    });

    it('a PATCH of an unknown area is 404', async () => {
      const { owner, url } = await team(h());
      expect((await owner.patch(url(`/areas/${MISSING_ID}`), { version: 0, name: 'X' })).status).toBe(404);
    });
  });

  describe('archive', () => {
    it('archives and restores; an archived area takes no new tasks, old ones stay', async () => {
      const { workspace, owner, member, area, url } = await team(h());
      const kept = await makeTask(member, workspace.id, { areaId: area.id });
      const archived = await owner.post<Area>(url(`/areas/${area.id}/archive`));
      expect(archived.status).toBe(200);
      expect(archived.body).toMatchObject({ archivedAt: h().clock.now().toISOString(), version: 1 });
      // Twice is harmless.
      expect((await owner.post<Area>(url(`/areas/${area.id}/archive`))).body.version).toBe(1);

      const before = await snapshot(h());
      const refused = await member.post(url('/tasks'), { title: 'Too late', areaId: area.id });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        code: 'validation_failed',
        details: { fields: [{ field: 'areaId' }] },
      });
      const inbox = await makeTask(owner, workspace.id);
      const moveIn = await owner.patch(url(`/tasks/${inbox.id}`), {
        version: inbox.version,
        areaId: area.id,
      });
      expect(moveIn.status).toBe(400);
      expect((await member.get(url(`/tasks/${kept.id}`))).status).toBe(200);
      expect((await snapshot(h())).tasks).toHaveLength(before.tasks.length + 1);

      const restored = await owner.post<Area>(url(`/areas/${area.id}/unarchive`));
      expect(restored.body).toMatchObject({ archivedAt: null, version: 2 });
      expect((await member.post(url('/tasks'), { title: 'Now again', areaId: area.id })).status).toBe(201);
    });
  });

  describe('live events', () => {
    it('publishes area.changed after create, edit and archive, and nothing for a refused edit', async () => {
      const { workspace, owner, area, url } = await team(h());
      const bus = listen(h(), workspace.id);
      await makeArea(owner, workspace.id, { ownerId: idOf(owner), name: 'Ops' });
      await owner.patch(url(`/areas/${area.id}`), { version: 0, name: 'Renamed' });
      await owner.patch(url(`/areas/${area.id}`), { version: 0, name: 'Stale' });
      await owner.post(url(`/areas/${area.id}/archive`));
      bus.stop();
      expect(bus.messages.map((m) => m.event.type)).toEqual(['area.changed', 'area.changed', 'area.changed']);
      expect(bus.messages[1]).toEqual({
        workspaceId: workspace.id,
        event: { type: 'area.changed', areaId: area.id },
      });
    });
  });

  describe('authorization and validation', () => {
    it.each(routes)('$label: anonymous → 401, nothing written', async (route) => {
      const { workspace, area } = await team(h());
      const before = await snapshot(h());
      const res = await h()
        .client()
        .request(
          route.method,
          route.path(workspace.id, area.id),
          route.body?.(area) ?? (route.method === 'GET' ? undefined : {}),
        );
      expect(res.status).toBe(401);
      expect(await snapshot(h())).toEqual(before);
    });

    it.each(routes)('$label: a member of another workspace → 404, nothing written', async (route) => {
      const { workspace, area } = await team(h());
      const stranger = await workspaceWith(h());
      const before = await snapshot(h());
      const res = await stranger.owner.request(
        route.method,
        route.path(workspace.id, area.id),
        route.body?.(area) ?? (route.method === 'GET' ? undefined : {}),
      );
      expect(res.status).toBe(404);
      expect(await snapshot(h())).toEqual(before);
    });

    it.each(routes.filter(hasAreaId))(
      '$label: an area of another workspace → 404, nothing written',
      async (route) => {
        const { workspace, owner } = await team(h());
        const other = await team(h());
        const before = await snapshot(h());
        const res = await owner.request(
          route.method,
          route.path(workspace.id, other.area.id),
          route.body?.(other.area) ?? (route.method === 'GET' ? undefined : {}),
        );
        expect(res.status).toBe(404);
        expect(await snapshot(h())).toEqual(before);
      },
    );

    it.each(routes.filter((r) => r.access === 'owner'))(
      '$label: an assistant → 403, nothing written',
      async (route) => {
        const { workspace, member, area } = await team(h());
        const before = await snapshot(h());
        const res = await member.request(
          route.method,
          route.path(workspace.id, area.id),
          route.body?.(area) ?? {},
        );
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ code: 'forbidden' });
        expect(await snapshot(h())).toEqual(before);
      },
    );

    it.each(routes)('$label: malformed ids → 400 naming the parameter, nothing written', async (route) => {
      const { workspace, owner, area } = await team(h());
      const body = route.body?.(area) ?? (route.method === 'GET' ? undefined : {});
      for (const bad of BAD_IDS) {
        const before = await snapshot(h());
        const res = await owner.request(route.method, route.path(encodeURIComponent(bad), area.id), body);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ details: { fields: [{ field: 'workspaceId' }] } });
        if (hasAreaId(route)) {
          const res2 = await owner.request(
            route.method,
            route.path(workspace.id, encodeURIComponent(bad)),
            body,
          );
          expect(res2.status).toBe(400);
          expect(res2.body).toMatchObject({ details: { fields: [{ field: 'areaId' }] } });
        }
        expect(await snapshot(h())).toEqual(before);
      }
    });

    const badCreate: [Record<string, unknown>, string][] = [
      [{}, 'name'],
      [{ name: '', ownerId: 'SELF' }, 'name'],
      [{ name: '   ', ownerId: 'SELF' }, 'name'],
      [{ name: 'x'.repeat(81), ownerId: 'SELF' }, 'name'],
      [{ name: 7, ownerId: 'SELF' }, 'name'],
      [{ name: 'Ok' }, 'ownerId'],
      [{ name: 'Ok', ownerId: 'nope' }, 'ownerId'],
      [{ name: 'Ok', ownerId: 'SELF', riskClass: 'extreme' }, 'riskClass'],
      [{ name: 'Ok', ownerId: 'SELF', maxLevel: 6 }, 'maxLevel'],
      [{ name: 'Ok', ownerId: 'SELF', maxLevel: '3' }, 'maxLevel'],
      [{ name: 'Ok', ownerId: 'SELF', description: 'x'.repeat(4001) }, 'description'],
      [{ name: 'Ok', ownerId: 'SELF', guardrails: ['x'.repeat(301)] }, 'guardrails/0'],
      [{ name: 'Ok', ownerId: 'SELF', guardrails: [''] }, 'guardrails/0'],
      [{ name: 'Ok', ownerId: 'SELF', guardrails: 'Ask first' }, 'guardrails'],
      [
        { name: 'Ok', ownerId: 'SELF', guardrails: Array.from({ length: 21 }, (_, i) => `g${i}`) },
        'guardrails',
      ],
      [{ name: 'Ok', ownerId: 'SELF', memberIds: ['bad'] }, 'memberIds/0'],
      [{ name: 'Ok', ownerId: 'SELF', backupId: 12 }, 'backupId'],
    ];
    it.each(badCreate)('POST areas: malformed %j → 400 naming %s, nothing written', async (body, field) => {
      const { workspace, owner } = await team(h());
      const payload = Object.fromEntries(
        Object.entries(body).map(([k, v]) => [k, v === 'SELF' ? idOf(owner) : v]),
      );
      const before = await snapshot(h());
      const res = await owner.post<ErrorBody>(`/api/v1/workspaces/${workspace.id}/areas`, payload);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.details?.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await snapshot(h())).toEqual(before);
    });

    const badUpdate: [Record<string, unknown>, string][] = [
      [{ name: 'No version' }, 'version'],
      [{ version: '0', name: 'X' }, 'version'],
      [{ version: -1, name: 'X' }, 'version'],
      [{ version: 0, name: '' }, 'name'],
      [{ version: 0, riskClass: 'none' }, 'riskClass'],
      [{ version: 0, ownerId: null }, 'ownerId'],
      [{ version: 0, memberIds: 'all' }, 'memberIds'],
    ];
    it.each(badUpdate)('PATCH area: malformed %j → 400 naming %s, nothing written', async (body, field) => {
      const { owner, area, url } = await team(h());
      const before = await snapshot(h());
      const res = await owner.patch<ErrorBody>(url(`/areas/${area.id}`), body);
      expect(res.status).toBe(400);
      expect(res.body.details?.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await snapshot(h())).toEqual(before);
    });

    it('ignores undeclared fields (no mass assignment)', async () => {
      const { workspace, owner } = await team(h());
      const other = await workspaceWith(h());
      const res = await owner.post<Area>(`/api/v1/workspaces/${workspace.id}/areas`, {
        name: 'Plain',
        ownerId: idOf(owner),
        workspaceId: other.workspace.id,
        version: 7,
        archivedAt: '2020-01-01T00:00:00.000Z',
        id: MISSING_ID,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ version: 0, archivedAt: null });
      expect(res.body.id).not.toBe(MISSING_ID);
      const row = await h()
        .db.db.selectFrom('areas')
        .selectAll()
        .where('id', '=', res.body.id)
        .executeTakeFirstOrThrow();
      expect(row.workspace_id).toBe(workspace.id);
    });
  });
});
