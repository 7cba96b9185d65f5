import type { CreatedInvitation, Member, Workspace } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { describeEachDb, type Harness, signUp, type TestClient, workspaceWith } from '../../test/harness.ts';

type Method = Parameters<TestClient['request']>[0];

/** Every row a workspace route could write, in a stable order, to compare before and after. */
async function snapshot(h: Harness) {
  const { db } = h.db;
  return {
    workspaces: await db.selectFrom('workspaces').selectAll().orderBy('id').execute(),
    memberships: await db
      .selectFrom('memberships')
      .selectAll()
      .orderBy('workspace_id')
      .orderBy('user_id')
      .execute(),
    invitations: await db.selectFrom('invitations').selectAll().orderBy('id').execute(),
  };
}

function idOf(client: TestClient): string {
  if (!client.user) throw new Error('client is not signed in');
  return client.user.id;
}

async function roleIn(h: Harness, workspaceId: string, userId: string) {
  const row = await h.db.db
    .selectFrom('memberships')
    .select('role')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role ?? null;
}

async function invite(owner: TestClient, workspaceId: string, role: 'owner' | 'assistant' = 'assistant') {
  const res = await owner.post<CreatedInvitation>(`/api/v1/workspaces/${workspaceId}/invitations`, { role });
  expect(res.status).toBe(201);
  const token = res.body.url.split('#')[1];
  if (!token) throw new Error('no token in the invitation link');
  return { token, invitation: res.body.invitation };
}

const SECRET_FIELDS = /password_?hash|token_?hash|passwordHash|tokenHash|scrypt|csrf_token/i;

interface RouteCase {
  label: string;
  method: Method;
  access: 'member' | 'owner';
  /** The path for a workspace and, where the route has one, a member's user id. */
  path: (workspaceId: string, userId: string) => string;
  hasUserId: boolean;
  body?: Record<string, unknown>;
  badBodies?: Record<string, unknown>[];
}

/** Every route under /api/v1/workspaces/:workspaceId, with a valid body and some malformed ones. */
const workspaceRoutes: RouteCase[] = [
  {
    label: 'GET workspace',
    method: 'GET',
    access: 'member',
    path: (w) => `/api/v1/workspaces/${w}`,
    hasUserId: false,
  },
  {
    label: 'PATCH workspace',
    method: 'PATCH',
    access: 'owner',
    path: (w) => `/api/v1/workspaces/${w}`,
    hasUserId: false,
    body: { name: 'Hijacked' },
    badBodies: [
      {},
      { name: '' },
      { name: '   ' },
      { name: 'x'.repeat(81) },
      { name: 7 },
      { title: 'Hijacked' },
    ],
  },
  {
    label: 'POST leave',
    method: 'POST',
    access: 'member',
    path: (w) => `/api/v1/workspaces/${w}/leave`,
    hasUserId: false,
  },
  {
    label: 'GET members',
    method: 'GET',
    access: 'member',
    path: (w) => `/api/v1/workspaces/${w}/members`,
    hasUserId: false,
  },
  {
    label: 'PATCH member',
    method: 'PATCH',
    access: 'owner',
    path: (w, u) => `/api/v1/workspaces/${w}/members/${u}`,
    hasUserId: true,
    body: { role: 'owner' },
    badBodies: [{}, { role: 'admin' }, { role: '' }, { role: 1 }, { role: ['owner'] }, { userRole: 'owner' }],
  },
  {
    label: 'DELETE member',
    method: 'DELETE',
    access: 'owner',
    path: (w, u) => `/api/v1/workspaces/${w}/members/${u}`,
    hasUserId: true,
  },
];

/** The valid body of a route; an empty object for a POST without one, nothing for GET and DELETE. */
function bodyFor(route: RouteCase): Record<string, unknown> | undefined {
  return route.body ?? (route.method === 'POST' ? {} : undefined);
}

const BAD_IDS = ['not-a-uuid', '1234', '0000000-0000-0000-0000-00000000000z', `${'a'.repeat(36)}0`];

describeEachDb('workspaces', (h) => {
  describe('create and list', () => {
    it('creates a workspace and makes the creator its owner', async () => {
      const me = await signUp(h());
      const res = await me.post<Workspace>('/api/v1/workspaces', { name: '  Bakery Co  ' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Bakery Co',
        role: 'owner',
        createdAt: h().clock.now().toISOString(),
      });
      expect(await roleIn(h(), res.body.id, idOf(me))).toBe('owner');
      const row = await h()
        .db.db.selectFrom('workspaces')
        .selectAll()
        .where('id', '=', res.body.id)
        .executeTakeFirst();
      expect(row?.name).toBe('Bakery Co');
    });

    it('lists only my workspaces, sorted by name, with my role in each', async () => {
      const me = await signUp(h());
      const b = (await me.post<Workspace>('/api/v1/workspaces', { name: 'Bravo' })).body;
      const a = (await me.post<Workspace>('/api/v1/workspaces', { name: 'Alpha' })).body;
      const stranger = await signUp(h());
      await stranger.post('/api/v1/workspaces', { name: 'Aardvark (not mine)' });
      const res = await me.get<Workspace[]>('/api/v1/workspaces');
      expect(res.status).toBe(200);
      expect(res.body.map((w) => w.id)).toEqual([a.id, b.id]);
      expect(res.body.every((w) => w.role === 'owner')).toBe(true);
    });

    it('lists an empty array for someone without workspaces', async () => {
      const me = await signUp(h());
      const res = await me.get<Workspace[]>('/api/v1/workspaces');
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
    });

    it('switching: a person in two workspaces sees both, with their role in each', async () => {
      const { workspace: clientWs, owner: client } = await workspaceWith(h(), { name: 'Client GmbH' });
      const va = await signUp(h(), { name: 'Vera Assistant' });
      const ownWs = (await va.post<Workspace>('/api/v1/workspaces', { name: 'Vera Freelance' })).body;
      const { token } = await invite(client, clientWs.id);
      expect((await va.post('/api/v1/invitations/accept', { token })).status).toBe(200);

      const list = await va.get<Workspace[]>('/api/v1/workspaces');
      expect(list.body).toEqual([
        expect.objectContaining({ id: clientWs.id, name: 'Client GmbH', role: 'assistant' }),
        expect.objectContaining({ id: ownWs.id, name: 'Vera Freelance', role: 'owner' }),
      ]);
      expect((await va.get<Workspace>(`/api/v1/workspaces/${clientWs.id}`)).body.role).toBe('assistant');
      expect((await va.get<Workspace>(`/api/v1/workspaces/${ownWs.id}`)).body.role).toBe('owner');
      // The role is per workspace: owner rights at home do not carry over to the client.
      expect((await va.patch(`/api/v1/workspaces/${clientWs.id}`, { name: 'Mine now' })).status).toBe(403);
      expect(
        (await va.patch<Workspace>(`/api/v1/workspaces/${ownWs.id}`, { name: 'Vera & Co' })).status,
      ).toBe(200);
    });

    it.each([
      [{}],
      [{ name: '' }],
      [{ name: '   ' }],
      [{ name: 'x'.repeat(81) }],
      [{ name: 12 }],
      [{ name: null }],
      [{ title: 'Wrong field' }],
    ])('refuses a malformed create body %j and writes nothing', async (body) => {
      const me = await signUp(h());
      const before = await snapshot(h());
      const res = await me.post('/api/v1/workspaces', body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', details: { fields: [expect.anything()] } });
      expect(await snapshot(h())).toEqual(before);
    });

    it('ignores undeclared fields on create (no mass assignment)', async () => {
      const me = await signUp(h());
      const { workspace: other } = await workspaceWith(h());
      const res = await me.post<Workspace>('/api/v1/workspaces', {
        name: 'Mine',
        id: other.id,
        role: 'assistant',
        createdAt: '2000-01-01T00:00:00.000Z',
      });
      expect(res.status).toBe(201);
      expect(res.body.id).not.toBe(other.id);
      expect(res.body.role).toBe('owner');
      expect(res.body.createdAt).toBe(h().clock.now().toISOString());
      expect(await roleIn(h(), other.id, idOf(me))).toBeNull();
    });

    it('answers anonymous list and create with 401 and writes nothing', async () => {
      const anon = h().client();
      const before = await snapshot(h());
      const list = await anon.get('/api/v1/workspaces');
      const create = await anon.post('/api/v1/workspaces', { name: 'Anon' });
      expect(list.status).toBe(401);
      expect(create.status).toBe(401);
      expect(create.body).toMatchObject({ code: 'unauthenticated' });
      expect(await snapshot(h())).toEqual(before);
    });
  });

  describe('get and rename', () => {
    it('shows a workspace to its members', async () => {
      const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 1, name: 'Visible' });
      const asOwner = await owner.get<Workspace>(`/api/v1/workspaces/${workspace.id}`);
      expect(asOwner.status).toBe(200);
      expect(asOwner.body).toEqual({ ...workspace, role: 'owner' });
      const asAssistant = await assistants[0]?.get<Workspace>(`/api/v1/workspaces/${workspace.id}`);
      expect(asAssistant?.status).toBe(200);
      expect(asAssistant?.body).toEqual({ ...workspace, role: 'assistant' });
    });

    it('lets an owner rename, trimmed, and every member sees the new name', async () => {
      const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 1 });
      const res = await owner.patch<Workspace>(`/api/v1/workspaces/${workspace.id}`, {
        name: '  Renamed Ltd  ',
        id: '00000000-0000-0000-0000-000000000000',
        role: 'assistant',
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...workspace, name: 'Renamed Ltd', role: 'owner' });
      const seen = await assistants[0]?.get<Workspace>(`/api/v1/workspaces/${workspace.id}`);
      expect(seen?.body.name).toBe('Renamed Ltd');
      expect(await roleIn(h(), workspace.id, idOf(owner))).toBe('owner');
    });
  });

  describe('members', () => {
    it('lists members with name, e-mail, role and join date, and nothing secret', async () => {
      const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 2 });
      for (const caller of [owner, ...assistants]) {
        const res = await caller.get<Member[]>(`/api/v1/workspaces/${workspace.id}/members`);
        expect(res.status).toBe(200);
        expect(res.body).toHaveLength(3);
        expect(res.body.map((m) => [m.name, m.role])).toEqual([
          ['Assistant 1', 'assistant'],
          ['Assistant 2', 'assistant'],
          ['Olivia Owner', 'owner'],
        ]);
        const mine = res.body.find((m) => m.userId === idOf(owner));
        expect(mine).toEqual({
          userId: idOf(owner),
          name: 'Olivia Owner',
          email: owner.user?.email,
          role: 'owner',
          joinedAt: expect.any(String),
        });
        expect(JSON.stringify(res.body)).not.toMatch(SECRET_FIELDS);
      }
    });

    it('lets an owner promote an assistant, who then has owner rights, and demote them again', async () => {
      const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 1 });
      const va = assistants[0];
      if (!va) throw new Error('no assistant');
      const url = `/api/v1/workspaces/${workspace.id}/members/${idOf(va)}`;

      const up = await owner.patch<Member>(url, { role: 'owner' });
      expect(up.status).toBe(200);
      expect(up.body).toMatchObject({ userId: idOf(va), role: 'owner', name: 'Assistant 1' });
      expect(await roleIn(h(), workspace.id, idOf(va))).toBe('owner');
      expect(
        (await va.patch(`/api/v1/workspaces/${workspace.id}`, { name: 'By the new owner' })).status,
      ).toBe(200);

      const down = await owner.patch<Member>(url, { role: 'assistant' });
      expect(down.status).toBe(200);
      expect(down.body.role).toBe('assistant');
      expect((await va.patch(`/api/v1/workspaces/${workspace.id}`, { name: 'Not any more' })).status).toBe(
        403,
      );
    });

    it('removes a member, who then gets 404 on the workspace and no longer lists it', async () => {
      const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 2 });
      const [gone, stays] = assistants;
      if (!gone || !stays) throw new Error('no assistants');
      const res = await owner.delete(`/api/v1/workspaces/${workspace.id}/members/${idOf(gone)}`);
      expect(res.status).toBe(204);
      expect(res.body).toBe('');
      expect(await roleIn(h(), workspace.id, idOf(gone))).toBeNull();

      const members = await owner.get<Member[]>(`/api/v1/workspaces/${workspace.id}/members`);
      expect(members.body.map((m) => m.userId)).not.toContain(idOf(gone));
      expect(members.body.map((m) => m.userId)).toContain(idOf(stays));

      const get = await gone.get(`/api/v1/workspaces/${workspace.id}`);
      expect(get.status).toBe(404);
      expect(get.body).toMatchObject({ code: 'not_found' });
      expect((await gone.get(`/api/v1/workspaces/${workspace.id}/members`)).status).toBe(404);
      expect((await gone.post(`/api/v1/workspaces/${workspace.id}/leave`)).status).toBe(404);
      expect((await gone.get<Workspace[]>('/api/v1/workspaces')).body.map((w) => w.id)).not.toContain(
        workspace.id,
      );
      // Removing them twice is a 404, not a silent success.
      expect((await owner.delete(`/api/v1/workspaces/${workspace.id}/members/${idOf(gone)}`)).status).toBe(
        404,
      );
    });

    it('removing a member revokes the invitations they created; others’ links keep working', async () => {
      const { workspace, owner, owners } = await workspaceWith(h(), { owners: 2 });
      const second = owners[1];
      if (!second) throw new Error('no second owner');
      const theirs = await invite(second, workspace.id);
      const mine = await invite(owner, workspace.id);
      expect((await h().client().post('/api/v1/invitations/preview', { token: theirs.token })).status).toBe(
        200,
      );

      expect((await owner.delete(`/api/v1/workspaces/${workspace.id}/members/${idOf(second)}`)).status).toBe(
        204,
      );

      const preview = await h().client().post('/api/v1/invitations/preview', { token: theirs.token });
      expect(preview.status).toBe(410);
      expect(preview.body).toMatchObject({ code: 'token_invalid' });
      const newcomer = await signUp(h());
      expect((await newcomer.post('/api/v1/invitations/accept', { token: theirs.token })).status).toBe(410);
      expect(await roleIn(h(), workspace.id, idOf(newcomer))).toBeNull();
      const row = await h()
        .db.db.selectFrom('invitations')
        .select(['revoked_at', 'accepted_at'])
        .where('id', '=', theirs.invitation.id)
        .executeTakeFirstOrThrow();
      expect(row.revoked_at).not.toBeNull();
      expect(row.accepted_at).toBeNull();

      const pending = await owner.get<{ id: string }[]>(`/api/v1/workspaces/${workspace.id}/invitations`);
      expect(pending.body.map((i) => i.id)).toEqual([mine.invitation.id]);
      expect((await newcomer.post('/api/v1/invitations/accept', { token: mine.token })).status).toBe(200);
    });

    it('leaving revokes the invitations the leaver created', async () => {
      const { workspace, owners } = await workspaceWith(h(), { owners: 2 });
      const second = owners[1];
      if (!second) throw new Error('no second owner');
      const { token } = await invite(second, workspace.id);
      expect((await second.post(`/api/v1/workspaces/${workspace.id}/leave`)).status).toBe(204);
      expect((await h().client().post('/api/v1/invitations/preview', { token })).status).toBe(410);
    });

    it('lets an assistant leave', async () => {
      const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 1 });
      const va = assistants[0];
      if (!va) throw new Error('no assistant');
      const res = await va.post(`/api/v1/workspaces/${workspace.id}/leave`);
      expect(res.status).toBe(204);
      expect(await roleIn(h(), workspace.id, idOf(va))).toBeNull();
      expect((await va.get(`/api/v1/workspaces/${workspace.id}`)).status).toBe(404);
      const members = await owner.get<Member[]>(`/api/v1/workspaces/${workspace.id}/members`);
      expect(members.body.map((m) => m.userId)).toEqual([idOf(owner)]);
    });
  });

  describe('the last owner', () => {
    it('cannot leave, be demoted or be removed (409 last_owner), and nothing changes', async () => {
      const { workspace, owner } = await workspaceWith(h(), { assistants: 1 });
      const me = idOf(owner);
      const before = await snapshot(h());

      const leave = await owner.post(`/api/v1/workspaces/${workspace.id}/leave`);
      expect(leave.status).toBe(409);
      expect(leave.body).toMatchObject({ code: 'last_owner' });

      const demote = await owner.patch(`/api/v1/workspaces/${workspace.id}/members/${me}`, {
        role: 'assistant',
      });
      expect(demote.status).toBe(409);
      expect(demote.body).toMatchObject({ code: 'last_owner' });

      const remove = await owner.delete(`/api/v1/workspaces/${workspace.id}/members/${me}`);
      expect(remove.status).toBe(409);
      expect(remove.body).toMatchObject({ code: 'last_owner' });

      expect(await snapshot(h())).toEqual(before);
      expect((await owner.get<Workspace>(`/api/v1/workspaces/${workspace.id}`)).body.role).toBe('owner');
    });

    it('may "change" their own role to owner (a no-op)', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const res = await owner.patch<Member>(`/api/v1/workspaces/${workspace.id}/members/${idOf(owner)}`, {
        role: 'owner',
      });
      expect(res.status).toBe(200);
      expect(res.body.role).toBe('owner');
    });

    it('can be demoted once a second owner exists, and then the other is the last one', async () => {
      const { workspace, owner, owners } = await workspaceWith(h(), { owners: 2 });
      const second = owners[1];
      if (!second) throw new Error('no second owner');
      const demote = await owner.patch<Member>(`/api/v1/workspaces/${workspace.id}/members/${idOf(owner)}`, {
        role: 'assistant',
      });
      expect(demote.status).toBe(200);
      expect(demote.body.role).toBe('assistant');
      const secondLeaves = await second.post(`/api/v1/workspaces/${workspace.id}/leave`);
      expect(secondLeaves.status).toBe(409);
      expect(secondLeaves.body).toMatchObject({ code: 'last_owner' });
    });

    it('can leave once a second owner exists', async () => {
      const { workspace, owner, owners } = await workspaceWith(h(), { owners: 2 });
      const second = owners[1];
      if (!second) throw new Error('no second owner');
      expect((await owner.post(`/api/v1/workspaces/${workspace.id}/leave`)).status).toBe(204);
      expect(await roleIn(h(), workspace.id, idOf(owner))).toBeNull();
      expect(await roleIn(h(), workspace.id, idOf(second))).toBe('owner');
    });

    it('can be removed by another owner, or remove themselves, once a second owner exists', async () => {
      const { workspace, owner, owners } = await workspaceWith(h(), { owners: 3 });
      const [, second, third] = owners;
      if (!second || !third) throw new Error('missing owners');
      expect((await owner.delete(`/api/v1/workspaces/${workspace.id}/members/${idOf(second)}`)).status).toBe(
        204,
      );
      expect((await third.delete(`/api/v1/workspaces/${workspace.id}/members/${idOf(third)}`)).status).toBe(
        204,
      );
      const last = await owner.delete(`/api/v1/workspaces/${workspace.id}/members/${idOf(owner)}`);
      expect(last.status).toBe(409);
      expect(last.body).toMatchObject({ code: 'last_owner' });
    });

    it('two owners demoting each other at the same moment leave exactly one owner', async () => {
      const { workspace, owner, owners } = await workspaceWith(h(), { owners: 2 });
      const second = owners[1];
      if (!second) throw new Error('no second owner');
      const results = await Promise.all([
        owner.patch(`/api/v1/workspaces/${workspace.id}/members/${idOf(second)}`, { role: 'assistant' }),
        second.patch(`/api/v1/workspaces/${workspace.id}/members/${idOf(owner)}`, { role: 'assistant' }),
      ]);
      const statuses = results.map((r) => r.status).sort((a, b) => a - b);
      // The loser either hits last_owner, or (demoted first) is no longer an owner: 403.
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const owned = await h()
        .db.db.selectFrom('memberships')
        .select('user_id')
        .where('workspace_id', '=', workspace.id)
        .where('role', '=', 'owner')
        .execute();
      expect(owned).toHaveLength(1);
    });
  });

  describe('authorization matrix', () => {
    it.each(workspaceRoutes)('$label: anonymous → 401, nothing written', async (route) => {
      const { workspace, owner } = await workspaceWith(h());
      const before = await snapshot(h());
      const res = await h()
        .client()
        .request(route.method, route.path(workspace.id, idOf(owner)), bodyFor(route));
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthenticated' });
      expect(await snapshot(h())).toEqual(before);
    });

    it.each(workspaceRoutes)(
      '$label: a member of another workspace → 404, nothing written',
      async (route) => {
        const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 1 });
        const target = route.label === 'PATCH member' ? assistants[0] : owner;
        if (!target) throw new Error('no target');
        const { owner: outsider } = await workspaceWith(h(), { name: 'Other' });
        const before = await snapshot(h());
        const res = await outsider.request(
          route.method,
          route.path(workspace.id, idOf(target)),
          bodyFor(route),
        );
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ code: 'not_found' });
        expect(JSON.stringify(res.body)).not.toContain('Acme');
        expect(await snapshot(h())).toEqual(before);
      },
    );

    it('a workspace id that does not exist → 404, the same answer as a foreign one', async () => {
      const me = await signUp(h());
      const res = await me.get(`/api/v1/workspaces/00000000-0000-4000-8000-000000000000`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'not_found' });
    });

    it.each(workspaceRoutes.filter((r) => r.hasUserId))(
      '$label: own workspace with a userId from another workspace → 404, nothing written',
      async (route) => {
        const { workspace, owner } = await workspaceWith(h(), { assistants: 1 });
        const other = await workspaceWith(h(), { assistants: 1, name: 'Other' });
        const foreigners = [other.owner, ...other.assistants];
        for (const foreigner of foreigners) {
          const before = await snapshot(h());
          const res = await owner.request(
            route.method,
            route.path(workspace.id, idOf(foreigner)),
            route.body,
          );
          expect(res.status).toBe(404);
          expect(res.body).toMatchObject({ code: 'not_found' });
          expect(await snapshot(h())).toEqual(before);
        }
        expect(await roleIn(h(), other.workspace.id, idOf(other.owner))).toBe('owner');
      },
    );

    it.each(workspaceRoutes.filter((r) => r.access === 'owner'))(
      '$label: an assistant → 403, nothing written',
      async (route) => {
        const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 2 });
        const [caller, peer] = assistants;
        if (!caller || !peer) throw new Error('no assistants');
        // Against the owner, against a fellow assistant and against themselves.
        for (const target of [owner, peer, caller]) {
          const before = await snapshot(h());
          const res = await caller.request(route.method, route.path(workspace.id, idOf(target)), route.body);
          expect(res.status).toBe(403);
          expect(res.body).toMatchObject({ code: 'forbidden' });
          expect(await snapshot(h())).toEqual(before);
        }
      },
    );

    it.each(workspaceRoutes.filter((r) => r.access === 'member'))(
      '$label: an assistant may call it',
      async (route) => {
        const { workspace, assistants } = await workspaceWith(h(), { assistants: 1 });
        const caller = assistants[0];
        if (!caller) throw new Error('no assistant');
        const res = await caller.request(
          route.method,
          route.path(workspace.id, idOf(caller)),
          bodyFor(route),
        );
        expect([200, 204]).toContain(res.status);
      },
    );

    it.each(workspaceRoutes)('$label: a malformed workspace id → 400, nothing written', async (route) => {
      const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 1 });
      const target = assistants[0];
      if (!target) throw new Error('no assistant');
      for (const bad of BAD_IDS) {
        const before = await snapshot(h());
        const res = await owner.request(
          route.method,
          route.path(encodeURIComponent(bad), idOf(target)),
          bodyFor(route),
        );
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          code: 'validation_failed',
          details: { fields: [{ field: 'workspaceId' }] },
        });
        expect(await snapshot(h())).toEqual(before);
      }
      expect((await owner.get(`/api/v1/workspaces/${workspace.id}`)).status).toBe(200);
    });

    it.each(workspaceRoutes.filter((r) => r.hasUserId))(
      '$label: a malformed userId → 400, nothing written',
      async (route) => {
        const { workspace, owner } = await workspaceWith(h(), { assistants: 1 });
        for (const bad of BAD_IDS) {
          const before = await snapshot(h());
          const res = await owner.request(
            route.method,
            route.path(workspace.id, encodeURIComponent(bad)),
            route.body,
          );
          expect(res.status).toBe(400);
          expect(res.body).toMatchObject({
            code: 'validation_failed',
            details: { fields: [{ field: 'userId' }] },
          });
          expect(await snapshot(h())).toEqual(before);
        }
      },
    );

    it.each(workspaceRoutes.flatMap((r) => (r.badBodies ?? []).map((body) => ({ ...r, bad: body }))))(
      '$label: malformed body $bad → 400, nothing written',
      async (route) => {
        const { workspace, assistants, owner } = await workspaceWith(h(), { assistants: 1 });
        const target = assistants[0];
        if (!target) throw new Error('no assistant');
        const before = await snapshot(h());
        const res = await owner.request(route.method, route.path(workspace.id, idOf(target)), route.bad);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ code: 'validation_failed' });
        expect(await snapshot(h())).toEqual(before);
      },
    );

    it('refuses a state change without the CSRF token, writing nothing', async () => {
      const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 1 });
      const target = assistants[0];
      if (!target) throw new Error('no assistant');
      const before = await snapshot(h());
      const res = await owner.request(
        'DELETE',
        `/api/v1/workspaces/${workspace.id}/members/${idOf(target)}`,
        undefined,
        {
          csrf: false,
        },
      );
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'csrf_failed' });
      expect(await snapshot(h())).toEqual(before);
    });
  });

  describe('no secrets in responses', () => {
    it('never includes password or token hashes in any workspace answer', async () => {
      const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 2 });
      const va = assistants[0];
      const other = assistants[1];
      if (!va || !other) throw new Error('no assistants');
      const bodies: unknown[] = [];
      const collect = async (p: Promise<{ body: unknown }>) => bodies.push((await p).body);
      await collect(owner.get('/api/v1/workspaces'));
      await collect(owner.post('/api/v1/workspaces', { name: 'Another' }));
      await collect(owner.get(`/api/v1/workspaces/${workspace.id}`));
      await collect(owner.patch(`/api/v1/workspaces/${workspace.id}`, { name: 'Renamed' }));
      await collect(owner.get(`/api/v1/workspaces/${workspace.id}/members`));
      await collect(owner.patch(`/api/v1/workspaces/${workspace.id}/members/${idOf(va)}`, { role: 'owner' }));
      await collect(owner.delete(`/api/v1/workspaces/${workspace.id}/members/${idOf(other)}`));
      await collect(va.post(`/api/v1/workspaces/${workspace.id}/leave`));
      await collect(owner.post(`/api/v1/workspaces/${workspace.id}/leave`));
      const text = JSON.stringify(bodies);
      expect(text).not.toMatch(SECRET_FIELDS);
      expect(text).not.toMatch(/ses_|rst_|\$scrypt/);
    });
  });
});
