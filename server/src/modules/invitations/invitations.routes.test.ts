import { createHash } from 'node:crypto';
import type { CreatedInvitation, Invitation, InvitationPreview, Member, Workspace } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { DAY } from '../../lib/clock.ts';
import {
  describeEachDb,
  type Harness,
  signUp,
  type TestClient,
  uniqueEmail,
  workspaceWith,
} from '../../test/harness.ts';

type Method = Parameters<TestClient['request']>[0];

async function snapshot(h: Harness) {
  const { db } = h.db;
  return {
    invitations: await db.selectFrom('invitations').selectAll().orderBy('id').execute(),
    memberships: await db
      .selectFrom('memberships')
      .selectAll()
      .orderBy('workspace_id')
      .orderBy('user_id')
      .execute(),
  };
}

function idOf(client: TestClient): string {
  if (!client.user) throw new Error('client is not signed in');
  return client.user.id;
}

function tokenOf(url: string): string {
  const token = url.split('#')[1];
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}

async function invite(
  owner: TestClient,
  workspaceId: string,
  body: { role: 'owner' | 'assistant'; email?: string } = { role: 'assistant' },
) {
  const res = await owner.post<CreatedInvitation>(`/api/v1/workspaces/${workspaceId}/invitations`, body);
  expect(res.status).toBe(201);
  return { ...res.body, token: tokenOf(res.body.url) };
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

async function invitationRow(h: Harness, id: string) {
  return h.db.db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

const preview = (h: Harness, token: unknown) =>
  h.client().post<InvitationPreview>('/api/v1/invitations/preview', { token });

interface RouteCase {
  label: string;
  method: Method;
  path: (workspaceId: string, invitationId: string) => string;
  hasInvitationId: boolean;
  body?: Record<string, unknown>;
  badBodies?: Record<string, unknown>[];
}

/** The owner-only routes under a workspace. */
const ownerRoutes: RouteCase[] = [
  {
    label: 'GET invitations',
    method: 'GET',
    path: (w) => `/api/v1/workspaces/${w}/invitations`,
    hasInvitationId: false,
  },
  {
    label: 'POST invitation',
    method: 'POST',
    path: (w) => `/api/v1/workspaces/${w}/invitations`,
    hasInvitationId: false,
    body: { role: 'owner' },
    badBodies: [
      {},
      { role: 'admin' },
      { role: 'assistant', email: 'not-an-email' },
      { role: 'assistant', email: `${'x'.repeat(250)}@example.com` },
      { role: 'assistant', email: 42 },
      { email: 'a@example.com' },
    ],
  },
  {
    label: 'DELETE invitation',
    method: 'DELETE',
    path: (w, i) => `/api/v1/workspaces/${w}/invitations/${i}`,
    hasInvitationId: true,
  },
];

const BAD_IDS = ['not-a-uuid', '1234', '0000000-0000-0000-0000-00000000000z'];

describeEachDb('invitations', (h) => {
  describe('create', () => {
    it('creates a link with the token in the fragment, and lists it as pending', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const res = await owner.post<CreatedInvitation>(`/api/v1/workspaces/${workspace.id}/invitations`, {
        role: 'assistant',
      });
      expect(res.status).toBe(201);
      expect(res.body.url).toMatch(/^http:\/\/leeway\.test\/invite#inv_[A-Za-z0-9_-]{43}$/);
      expect(res.body.emailed).toBe(false);
      const now = h().clock.now();
      expect(res.body.invitation).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        role: 'assistant',
        email: null,
        invitedBy: 'Olivia Owner',
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 7 * DAY).toISOString(),
      });
      const list = await owner.get<Invitation[]>(`/api/v1/workspaces/${workspace.id}/invitations`);
      expect(list.status).toBe(200);
      expect(list.body).toEqual([res.body.invitation]);
      // The token is handed out once, never listed again.
      expect(JSON.stringify(list.body)).not.toContain('inv_');
    });

    it('never stores the token in plain text', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const { token, invitation } = await invite(owner, workspace.id);
      const row = await invitationRow(h(), invitation.id);
      expect(row.token_hash).not.toBe(token);
      expect(JSON.stringify(row)).not.toContain(token);
      expect(JSON.stringify(row)).not.toContain(token.slice(4));
      expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    });

    it('mails the link in the inviter’s language when an address is given (German)', async () => {
      const owner = await signUp(h(), { name: 'Dora Deutsch', locale: 'de' });
      const workspace = (await owner.post<Workspace>('/api/v1/workspaces', { name: 'Bäckerei Müller' })).body;
      const to = uniqueEmail('invitee');
      const sentBefore = h().mailer.sent.length;
      const res = await owner.post<CreatedInvitation>(`/api/v1/workspaces/${workspace.id}/invitations`, {
        role: 'assistant',
        email: `  ${to.toUpperCase()}`.trim(),
      });
      expect(res.status).toBe(201);
      expect(res.body.emailed).toBe(true);
      expect(res.body.invitation.email).toBe(to);
      expect(h().mailer.sent.length).toBe(sentBefore + 1);
      const mail = h().mailer.last(to);
      expect(mail?.subject).toBe('Dora Deutsch lädt dich zu Bäckerei Müller in Leeway ein');
      expect(mail?.text).toContain('als Assistenz beizutreten');
      expect(mail?.text).toContain('7 Tagen');
      expect(mail?.text).toContain(res.body.url);
    });

    it('mails the link in English for an English-speaking inviter, naming the role', async () => {
      const { workspace, owner } = await workspaceWith(h(), { name: 'Acme Inc' });
      const to = uniqueEmail('invitee');
      const res = await owner.post<CreatedInvitation>(`/api/v1/workspaces/${workspace.id}/invitations`, {
        role: 'owner',
        email: to,
      });
      expect(res.status).toBe(201);
      expect(res.body.emailed).toBe(true);
      const mail = h().mailer.last(to);
      expect(mail?.subject).toBe('Olivia Owner invites you to Acme Inc on Leeway');
      expect(mail?.text).toContain('as owner');
      expect(mail?.text).toContain(res.body.url);
    });

    it('ignores undeclared fields (no mass assignment)', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const { workspace: other } = await workspaceWith(h());
      const res = await owner.post<CreatedInvitation>(`/api/v1/workspaces/${workspace.id}/invitations`, {
        role: 'assistant',
        workspaceId: other.id,
        expiresAt: '2099-01-01T00:00:00.000Z',
        createdBy: '00000000-0000-0000-0000-000000000000',
      });
      expect(res.status).toBe(201);
      const row = await invitationRow(h(), res.body.invitation.id);
      expect(row).toMatchObject({ workspace_id: workspace.id, created_by: idOf(owner) });
      expect(row.expires_at).toBe(new Date(h().clock.now().getTime() + 7 * DAY).toISOString());
    });
  });

  describe('preview', () => {
    it('shows an anonymous visitor the workspace, role and inviter, and nothing secret', async () => {
      const { workspace, owner } = await workspaceWith(h(), { name: 'Preview Co' });
      const to = uniqueEmail();
      const { token, invitation } = await invite(owner, workspace.id, { role: 'owner', email: to });
      const res = await preview(h(), token);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        workspaceName: 'Preview Co',
        role: 'owner',
        invitedBy: 'Olivia Owner',
        email: to,
        expiresAt: invitation.expiresAt,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/hash|workspace_id|[0-9a-f]{8}-[0-9a-f]{4}/i);
    });

    it.each([
      ['unknown', `inv_${'A'.repeat(43)}`],
      ['session kind', `ses_${'A'.repeat(43)}`],
      ['reset kind', `rst_${'A'.repeat(43)}`],
      ['csrf kind', `csr_${'A'.repeat(43)}`],
      ['no prefix', 'A'.repeat(47)],
    ])('answers an %s token with 410 token_invalid', async (_, token) => {
      const res = await preview(h(), token);
      expect(res.status).toBe(410);
      expect(res.body).toMatchObject({ code: 'token_invalid' });
    });

    it.each([[{}], [{ token: 'short' }], [{ token: 'x'.repeat(201) }], [{ token: 12345678901 }]])(
      'rejects a malformed body %j with 400',
      async (body) => {
        const res = await h().client().post('/api/v1/invitations/preview', body);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ code: 'validation_failed' });
      },
    );

    it('does not consume the link', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const { token, invitation } = await invite(owner, workspace.id);
      expect((await preview(h(), token)).status).toBe(200);
      expect((await preview(h(), token)).status).toBe(200);
      expect((await invitationRow(h(), invitation.id)).accepted_at).toBeNull();
    });
  });

  describe('accept', () => {
    it('joins a brand-new account with the invited role', async () => {
      const { workspace, owner } = await workspaceWith(h(), { name: 'Join Me' });
      const { token, invitation } = await invite(owner, workspace.id, { role: 'assistant' });
      const newcomer = await signUp(h(), { name: 'Nina New' });
      const res = await newcomer.post<Workspace>('/api/v1/invitations/accept', { token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...workspace, role: 'assistant' });
      expect(await roleIn(h(), workspace.id, idOf(newcomer))).toBe('assistant');
      const row = await invitationRow(h(), invitation.id);
      expect(row.accepted_by).toBe(idOf(newcomer));
      expect(row.accepted_at).toBe(h().clock.now().toISOString());
      const members = await owner.get<Member[]>(`/api/v1/workspaces/${workspace.id}/members`);
      expect(members.body.find((m) => m.userId === idOf(newcomer))).toMatchObject({
        name: 'Nina New',
        role: 'assistant',
      });
      // A used invitation is no longer pending.
      expect((await owner.get<Invitation[]>(`/api/v1/workspaces/${workspace.id}/invitations`)).body).toEqual(
        [],
      );
    });

    it('joins an existing account that already has workspaces of its own, as owner when so invited', async () => {
      const { workspace, owner } = await workspaceWith(h(), { name: 'Second Home' });
      const { workspace: home, owner: existing } = await workspaceWith(h(), { name: 'First Home' });
      const { token } = await invite(owner, workspace.id, { role: 'owner' });
      const res = await existing.post<Workspace>('/api/v1/invitations/accept', { token });
      expect(res.status).toBe(200);
      expect(res.body.role).toBe('owner');
      const list = await existing.get<Workspace[]>('/api/v1/workspaces');
      expect(list.body.map((w) => [w.id, w.role])).toEqual([
        [home.id, 'owner'],
        [workspace.id, 'owner'],
      ]);
      expect(
        (await existing.patch(`/api/v1/workspaces/${workspace.id}`, { name: 'Second Home 2' })).status,
      ).toBe(200);
    });

    it('is single use: a second person gets 410 and does not join', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const { token } = await invite(owner, workspace.id);
      const first = await signUp(h());
      const second = await signUp(h());
      expect((await first.post('/api/v1/invitations/accept', { token })).status).toBe(200);
      const again = await second.post('/api/v1/invitations/accept', { token });
      expect(again.status).toBe(410);
      expect(again.body).toMatchObject({ code: 'token_invalid' });
      expect(await roleIn(h(), workspace.id, idOf(second))).toBeNull();
      expect((await preview(h(), token)).status).toBe(410);
    });

    it('is single use even when two people accept at the same moment', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const { token } = await invite(owner, workspace.id);
      const a = await signUp(h());
      const b = await signUp(h());
      const results = await Promise.all([
        a.post('/api/v1/invitations/accept', { token }),
        b.post('/api/v1/invitations/accept', { token }),
      ]);
      expect(results.map((r) => r.status).sort((x, y) => x - y)).toEqual([200, 410]);
      const joined = [await roleIn(h(), workspace.id, idOf(a)), await roleIn(h(), workspace.id, idOf(b))];
      expect(joined.filter((r) => r !== null)).toHaveLength(1);
    });

    // Without the per-workspace lock, on PostgreSQL both accepts passed the "already a member?"
    // check and the second insert hit the primary key: a 500 in about 9 runs of 10.
    it('one person accepting two links to the same workspace at once: 200 and 409, never 500', async () => {
      for (let round = 0; round < 5; round++) {
        const { workspace, owner } = await workspaceWith(h());
        const first = await invite(owner, workspace.id);
        const second = await invite(owner, workspace.id, { role: 'owner' });
        const person = await signUp(h());
        const results = await Promise.all([
          person.post('/api/v1/invitations/accept', { token: first.token }),
          person.post('/api/v1/invitations/accept', { token: second.token }),
        ]);
        expect(results.map((r) => r.status).sort((x, y) => x - y)).toEqual([200, 409]);
        expect(results.find((r) => r.status === 409)?.body).toMatchObject({ code: 'already_member' });
        expect(await roleIn(h(), workspace.id, idOf(person))).not.toBeNull();
      }
    });

    it('answers already_member (409) for a member, and leaves the link usable for someone else', async () => {
      const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 1 });
      const member = assistants[0];
      if (!member) throw new Error('no assistant');
      const { token, invitation } = await invite(owner, workspace.id, { role: 'owner' });
      const before = await snapshot(h());
      for (const caller of [member, owner]) {
        const res = await caller.post('/api/v1/invitations/accept', { token });
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ code: 'already_member' });
      }
      expect(await snapshot(h())).toEqual(before);
      // Not promoted through the back door.
      expect(await roleIn(h(), workspace.id, idOf(member))).toBe('assistant');
      expect((await invitationRow(h(), invitation.id)).accepted_at).toBeNull();
      const newcomer = await signUp(h());
      expect((await newcomer.post('/api/v1/invitations/accept', { token })).status).toBe(200);
    });

    it('expires after 7 days', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const { token, invitation } = await invite(owner, workspace.id);
      const person = await signUp(h());
      h().clock.advance(6 * DAY);
      try {
        expect((await preview(h(), token)).status).toBe(200);
      } finally {
        h().clock.advance(-6 * DAY);
      }
      h().clock.advance(8 * DAY);
      try {
        const seen = await preview(h(), token);
        expect(seen.status).toBe(410);
        expect(seen.body).toMatchObject({ code: 'token_invalid' });
        const accepted = await person.post('/api/v1/invitations/accept', { token });
        expect(accepted.status).toBe(410);
        expect(
          (await owner.get<Invitation[]>(`/api/v1/workspaces/${workspace.id}/invitations`)).body,
        ).toEqual([]);
        const revoke = await owner.delete(`/api/v1/workspaces/${workspace.id}/invitations/${invitation.id}`);
        expect(revoke.status).toBe(404);
      } finally {
        h().clock.advance(-8 * DAY);
      }
      expect(await roleIn(h(), workspace.id, idOf(person))).toBeNull();
    });

    it.each([
      ['session', (c: TestClient) => /leeway_session=([^;]+)/.exec(c.cookieHeader())?.[1] ?? ''],
      ['csrf', (c: TestClient) => c.csrfToken ?? ''],
    ])('refuses a real token of another kind (%s) with 410', async (_, pick) => {
      const { workspace, owner } = await workspaceWith(h());
      await invite(owner, workspace.id);
      const person = await signUp(h());
      const token = pick(person);
      expect(token.length).toBeGreaterThan(10);
      const before = await snapshot(h());
      const res = await person.post('/api/v1/invitations/accept', { token });
      expect(res.status).toBe(410);
      expect(res.body).toMatchObject({ code: 'token_invalid' });
      expect((await preview(h(), token)).status).toBe(410);
      expect(await snapshot(h())).toEqual(before);
    });

    it('refuses an invitation token whose kind prefix was swapped (ses_ + the invitation’s secret)', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const { token } = await invite(owner, workspace.id);
      const person = await signUp(h());
      const swapped = `ses_${token.slice(4)}`;
      expect((await person.post('/api/v1/invitations/accept', { token: swapped })).status).toBe(410);
      expect(await roleIn(h(), workspace.id, idOf(person))).toBeNull();
      expect((await preview(h(), token)).status).toBe(200);
    });

    it('answers anonymous callers with 401 and does not consume the link', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const { token, invitation } = await invite(owner, workspace.id);
      const res = await h().client().post('/api/v1/invitations/accept', { token });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthenticated' });
      expect((await invitationRow(h(), invitation.id)).accepted_at).toBeNull();
    });

    it.each([[{}], [{ token: 'short' }], [{ token: 'x'.repeat(201) }], [{ token: null }]])(
      'rejects a malformed body %j with 400 and writes nothing',
      async (body) => {
        const person = await signUp(h());
        const before = await snapshot(h());
        const res = await person.post('/api/v1/invitations/accept', body);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ code: 'validation_failed' });
        expect(await snapshot(h())).toEqual(before);
      },
    );
  });

  describe('revoke', () => {
    it('revokes a pending invitation: it leaves the list and the link gives 410', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const kept = await invite(owner, workspace.id);
      const { token, invitation } = await invite(owner, workspace.id);
      const res = await owner.delete(`/api/v1/workspaces/${workspace.id}/invitations/${invitation.id}`);
      expect(res.status).toBe(204);
      expect(res.body).toBe('');
      expect((await invitationRow(h(), invitation.id)).revoked_at).toBe(h().clock.now().toISOString());

      const list = await owner.get<Invitation[]>(`/api/v1/workspaces/${workspace.id}/invitations`);
      expect(list.body.map((i) => i.id)).toEqual([kept.invitation.id]);

      const seen = await preview(h(), token);
      expect(seen.status).toBe(410);
      const person = await signUp(h());
      const accepted = await person.post('/api/v1/invitations/accept', { token });
      expect(accepted.status).toBe(410);
      expect(accepted.body).toMatchObject({ code: 'token_invalid' });
      expect(await roleIn(h(), workspace.id, idOf(person))).toBeNull();

      // Revoking twice, or revoking a used one, is a 404.
      expect(
        (await owner.delete(`/api/v1/workspaces/${workspace.id}/invitations/${invitation.id}`)).status,
      ).toBe(404);
      expect((await person.post('/api/v1/invitations/accept', { token: kept.token })).status).toBe(200);
      const used = await owner.delete(`/api/v1/workspaces/${workspace.id}/invitations/${kept.invitation.id}`);
      expect(used.status).toBe(404);
      expect((await invitationRow(h(), kept.invitation.id)).revoked_at).toBeNull();
    });

    it('lists pending invitations newest first, by the inviter’s name', async () => {
      const { workspace, owner, owners } = await workspaceWith(h(), { owners: 2 });
      const second = owners[1];
      if (!second) throw new Error('no second owner');
      const older = await invite(owner, workspace.id, { role: 'owner', email: uniqueEmail() });
      h().clock.advance(1000);
      try {
        const newer = await invite(second, workspace.id, { role: 'assistant' });
        const list = await owner.get<Invitation[]>(`/api/v1/workspaces/${workspace.id}/invitations`);
        expect(list.body.map((i) => [i.id, i.invitedBy, i.role])).toEqual([
          [newer.invitation.id, 'Owner 2', 'assistant'],
          [older.invitation.id, 'Olivia Owner', 'owner'],
        ]);
      } finally {
        h().clock.advance(-1000);
      }
    });
  });

  describe('authorization matrix', () => {
    it.each(ownerRoutes)('$label: anonymous → 401, nothing written', async (route) => {
      const { workspace, owner } = await workspaceWith(h());
      const { invitation } = await invite(owner, workspace.id);
      const before = await snapshot(h());
      const res = await h()
        .client()
        .request(route.method, route.path(workspace.id, invitation.id), route.body);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthenticated' });
      expect(await snapshot(h())).toEqual(before);
    });

    it.each(ownerRoutes)('$label: an owner of another workspace → 404, nothing written', async (route) => {
      const { workspace, owner } = await workspaceWith(h(), { name: 'Target' });
      const { invitation } = await invite(owner, workspace.id);
      const { owner: outsider } = await workspaceWith(h(), { name: 'Other' });
      const before = await snapshot(h());
      const res = await outsider.request(route.method, route.path(workspace.id, invitation.id), route.body);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'not_found' });
      expect(await snapshot(h())).toEqual(before);
    });

    it('DELETE invitation: own workspace with an invitation id from another workspace → 404, it stays pending', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const other = await workspaceWith(h(), { name: 'Other' });
      const foreign = await invite(other.owner, other.workspace.id);
      const before = await snapshot(h());
      const res = await owner.delete(
        `/api/v1/workspaces/${workspace.id}/invitations/${foreign.invitation.id}`,
      );
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'not_found' });
      expect(await snapshot(h())).toEqual(before);
      expect((await preview(h(), foreign.token)).status).toBe(200);
    });

    it.each(ownerRoutes)('$label: an assistant → 403, nothing written', async (route) => {
      const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 1 });
      const va = assistants[0];
      if (!va) throw new Error('no assistant');
      const { invitation, token } = await invite(owner, workspace.id);
      const before = await snapshot(h());
      const sent = h().mailer.sent.length;
      const body = route.body ? { ...route.body, email: uniqueEmail() } : undefined;
      const res = await va.request(route.method, route.path(workspace.id, invitation.id), body);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'forbidden' });
      expect(JSON.stringify(res.body)).not.toContain('inv_');
      expect(await snapshot(h())).toEqual(before);
      expect(h().mailer.sent.length).toBe(sent);
      expect((await preview(h(), token)).status).toBe(200);
    });

    it.each(ownerRoutes)('$label: a malformed workspace id → 400, nothing written', async (route) => {
      const { workspace, owner } = await workspaceWith(h());
      const { invitation } = await invite(owner, workspace.id);
      for (const bad of BAD_IDS) {
        const before = await snapshot(h());
        const res = await owner.request(
          route.method,
          route.path(encodeURIComponent(bad), invitation.id),
          route.body,
        );
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          code: 'validation_failed',
          details: { fields: [{ field: 'workspaceId' }] },
        });
        expect(await snapshot(h())).toEqual(before);
      }
    });

    it('DELETE invitation: a malformed invitation id → 400, nothing written', async () => {
      const { workspace, owner } = await workspaceWith(h());
      await invite(owner, workspace.id);
      for (const bad of BAD_IDS) {
        const before = await snapshot(h());
        const res = await owner.delete(
          `/api/v1/workspaces/${workspace.id}/invitations/${encodeURIComponent(bad)}`,
        );
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          code: 'validation_failed',
          details: { fields: [{ field: 'invitationId' }] },
        });
        expect(await snapshot(h())).toEqual(before);
      }
    });

    it.each(ownerRoutes.flatMap((r) => (r.badBodies ?? []).map((bad) => ({ ...r, bad }))))(
      '$label: malformed body $bad → 400, nothing written, nothing mailed',
      async (route) => {
        const { workspace, owner } = await workspaceWith(h());
        const before = await snapshot(h());
        const sent = h().mailer.sent.length;
        const res = await owner.request(route.method, route.path(workspace.id, ''), route.bad);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ code: 'validation_failed' });
        expect(await snapshot(h())).toEqual(before);
        expect(h().mailer.sent.length).toBe(sent);
      },
    );

    it('no answer ever carries a token hash or a password hash', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const created = await invite(owner, workspace.id, { role: 'assistant', email: uniqueEmail() });
      const person = await signUp(h());
      const bodies = [
        created,
        (await owner.get(`/api/v1/workspaces/${workspace.id}/invitations`)).body,
        (await preview(h(), created.token)).body,
        (await person.post('/api/v1/invitations/accept', { token: created.token })).body,
      ];
      const text = JSON.stringify(bodies);
      expect(text).not.toMatch(/token_?hash|password_?hash|tokenHash|passwordHash|scrypt/i);
      const row = await invitationRow(h(), created.invitation.id);
      expect(text).not.toContain(row.token_hash);
    });
  });
});
