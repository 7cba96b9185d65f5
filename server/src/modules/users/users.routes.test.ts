import type { SessionInfo, User, Workspace } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { describeEachDb, type Harness, PASSWORD, signUp, uniqueEmail } from '../../test/harness.ts';

const NEW_PASSWORD = 'a fresh new password';

async function userRow(h: Harness, id: string) {
  return h.db.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function sessionCount(h: Harness, userId: string): Promise<number> {
  const row = await h.db.db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Signs in to an existing account with a second, independent browser. */
async function secondBrowser(h: Harness, email: string, password = PASSWORD) {
  const client = h.client();
  const res = await client.post<SessionInfo>('/api/v1/auth/login', { email, password });
  expect(res.status).toBe(200);
  return client;
}

describeEachDb('users (me)', (h) => {
  describe('GET /api/v1/me', () => {
    it('returns my profile without secrets', async () => {
      const email = uniqueEmail();
      const me = await signUp(h(), { email, name: 'Mia', locale: 'de' });
      const res = await me.get<User>('/api/v1/me');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: me.user.id,
        email,
        name: 'Mia',
        locale: 'de',
        timeZone: 'Europe/Berlin',
        createdAt: expect.any(String),
      });
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/password|hash|scrypt|csrf/i);
    });

    it('answers anonymous callers with 401', async () => {
      const res = await h().client().get('/api/v1/me');
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthenticated' });
    });
  });

  describe('PATCH /api/v1/me', () => {
    it('changes name, language and time zone together', async () => {
      const me = await signUp(h());
      const res = await me.patch<User>('/api/v1/me', {
        name: '  Neo Name  ',
        locale: 'de',
        timeZone: 'America/New_York',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: me.user.id,
        name: 'Neo Name',
        locale: 'de',
        timeZone: 'America/New_York',
      });
      const row = await userRow(h(), me.user.id);
      expect(row).toMatchObject({ name: 'Neo Name', locale: 'de', time_zone: 'America/New_York' });
      expect((await me.get<User>('/api/v1/me')).body.name).toBe('Neo Name');
    });

    it.each([
      [{ name: 'Only Name' }, { name: 'Only Name', locale: 'en', time_zone: 'Europe/Berlin' }],
      [{ locale: 'de' }, { name: 'Test Person', locale: 'de', time_zone: 'Europe/Berlin' }],
      [{ timeZone: 'Asia/Tokyo' }, { name: 'Test Person', locale: 'en', time_zone: 'Asia/Tokyo' }],
    ])('changes one field %j and leaves the others alone', async (body, expected) => {
      const me = await signUp(h());
      const res = await me.patch<User>('/api/v1/me', body);
      expect(res.status).toBe(200);
      expect(await userRow(h(), me.user.id)).toMatchObject(expected);
    });

    it('rejects an unknown time zone naming the field, and writes nothing (not even the name)', async () => {
      const me = await signUp(h());
      const before = await userRow(h(), me.user.id);
      const res = await me.patch('/api/v1/me', { name: 'Should Not Stick', timeZone: 'Mars/Olympus_Mons' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'validation_failed',
        details: { fields: [{ field: 'timeZone' }] },
      });
      expect(await userRow(h(), me.user.id)).toEqual(before);
    });

    it('rejects an empty body', async () => {
      const me = await signUp(h());
      const before = await userRow(h(), me.user.id);
      const res = await me.patch('/api/v1/me', {});
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed' });
      expect(await userRow(h(), me.user.id)).toEqual(before);
    });

    it.each([
      [{ name: '   ' }, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 42 }, 'name'],
      [{ locale: 'fr' }, 'locale'],
      [{ timeZone: '' }, 'timeZone'],
      [{ timeZone: 'x'.repeat(65) }, 'timeZone'],
      [{ timeZone: 1 }, 'timeZone'],
    ])('rejects malformed input %j and writes nothing', async (body, field) => {
      const me = await signUp(h());
      const before = await userRow(h(), me.user.id);
      const res = await me.patch('/api/v1/me', body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed' });
      expect(JSON.stringify(res.body)).toContain(field);
      expect(await userRow(h(), me.user.id)).toEqual(before);
    });

    it('ignores fields it does not declare (no mass assignment)', async () => {
      const email = uniqueEmail();
      const me = await signUp(h(), { email });
      const before = await userRow(h(), me.user.id);
      const res = await me.patch<User>('/api/v1/me', {
        name: 'Renamed',
        email: 'attacker@example.com',
        id: '00000000-0000-0000-0000-000000000000',
        password_hash: 'x',
        passwordHash: 'x',
        createdAt: '2000-01-01T00:00:00.000Z',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: me.user.id,
        email,
        name: 'Renamed',
        createdAt: before.created_at,
      });
      const after = await userRow(h(), me.user.id);
      expect(after).toMatchObject({
        id: before.id,
        email,
        password_hash: before.password_hash,
        created_at: before.created_at,
      });
      // Still signs in with the old password: the hash was not touched.
      await secondBrowser(h(), email);
    });

    // Ajv counts minProperties before undeclared keys are stripped, so `{ email }` would pass
    // as "one property" and change nothing while the client believes the address changed.
    it('refuses a body that holds only undeclared fields, like an empty one', async () => {
      const me = await signUp(h());
      const before = await userRow(h(), me.user.id);
      const res = await me.patch('/api/v1/me', { email: 'new-address@example.com' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed' });
      expect(await userRow(h(), me.user.id)).toEqual(before);
    });

    // Intl accepts zone names in any letter case; calendar feeds and the zone picker compare
    // the canonical IANA spelling, so that is what gets stored.
    it.each([
      ['europe/berlin', 'Europe/Berlin'],
      ['utc', 'UTC'],
    ])('stores the time zone %j under its canonical name %j', async (given, canonical) => {
      const me = await signUp(h());
      const res = await me.patch<User>('/api/v1/me', { timeZone: given });
      expect(res.status).toBe(200);
      expect(res.body.timeZone).toBe(canonical);
      expect((await userRow(h(), me.user.id)).time_zone).toBe(canonical);
    });

    it('answers anonymous callers with 401 and refuses a missing CSRF token with 403', async () => {
      expect((await h().client().patch('/api/v1/me', { name: 'X' })).status).toBe(401);
      const me = await signUp(h());
      const before = await userRow(h(), me.user.id);
      const res = await me.request('PATCH', '/api/v1/me', { name: 'X' }, { csrf: false });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'csrf_failed' });
      expect(await userRow(h(), me.user.id)).toEqual(before);
    });
  });

  describe('POST /api/v1/me/password', () => {
    it('refuses a wrong current password with 401 invalid_credentials and changes nothing', async () => {
      const email = uniqueEmail();
      const me = await signUp(h(), { email });
      const other = await secondBrowser(h(), email);
      const before = await userRow(h(), me.user.id);
      const sessionsBefore = await sessionCount(h(), me.user.id);

      const res = await me.post('/api/v1/me/password', {
        currentPassword: 'not my password',
        newPassword: NEW_PASSWORD,
      });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        code: 'invalid_credentials',
        details: { fields: [{ field: 'currentPassword' }] },
      });

      expect(await userRow(h(), me.user.id)).toEqual(before);
      expect(await sessionCount(h(), me.user.id)).toBe(sessionsBefore);
      expect((await me.get('/api/v1/me')).status).toBe(200);
      expect((await other.get('/api/v1/me')).status).toBe(200);
      expect((await h().client().post('/api/v1/auth/login', { email, password: NEW_PASSWORD })).status).toBe(
        401,
      );
      await secondBrowser(h(), email);
    });

    it('sets the new password, keeps the caller signed in with a new session and drops every other session', async () => {
      const email = uniqueEmail();
      const me = await signUp(h(), { email });
      const laptop = await secondBrowser(h(), email);
      const phone = await secondBrowser(h(), email);
      const oldCookie = me.cookieHeader();
      const oldCsrf = me.csrfToken;
      expect(await sessionCount(h(), me.user.id)).toBe(3);

      const res = await me.post<SessionInfo>('/api/v1/me/password', {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user: expect.objectContaining({ id: me.user.id, email }),
        csrfToken: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/hash|scrypt/i);
      expect(res.body.csrfToken).not.toBe(oldCsrf);
      expect(String(res.headers['set-cookie'])).toMatch(/leeway_session=ses_/);
      expect(me.cookieHeader()).not.toBe(oldCookie);

      // Every other browser is signed out, and so is the caller's old cookie.
      expect((await laptop.get('/api/v1/me')).status).toBe(401);
      expect((await phone.get('/api/v1/me')).status).toBe(401);
      const stale = await h().app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: oldCookie },
      });
      expect(stale.statusCode).toBe(401);
      expect(await sessionCount(h(), me.user.id)).toBe(1);

      // The caller keeps working, including state changes with the new CSRF token.
      expect((await me.get<User>('/api/v1/me')).body.email).toBe(email);
      const ws = await me.post<Workspace>('/api/v1/workspaces', { name: 'After password change' });
      expect(ws.status).toBe(201);

      // Old password no longer logs in; the new one does.
      const oldLogin = await h().client().post('/api/v1/auth/login', { email, password: PASSWORD });
      expect(oldLogin.status).toBe(401);
      expect(oldLogin.body).toMatchObject({ code: 'invalid_credentials' });
      await secondBrowser(h(), email, NEW_PASSWORD);
    });

    it('stores the new password hashed and records when it changed', async () => {
      const me = await signUp(h());
      const before = await userRow(h(), me.user.id);
      h().clock.advance(60_000);
      try {
        const res = await me.post('/api/v1/me/password', {
          currentPassword: PASSWORD,
          newPassword: NEW_PASSWORD,
        });
        expect(res.status).toBe(200);
      } finally {
        h().clock.advance(-60_000);
      }
      const after = await userRow(h(), me.user.id);
      expect(after.password_hash).not.toBe(before.password_hash);
      expect(after.password_hash).not.toContain(NEW_PASSWORD);
      expect(after.password_changed_at > before.password_changed_at).toBe(true);
    });

    it('kills an outstanding password reset link', async () => {
      const email = uniqueEmail();
      const me = await signUp(h(), { email });
      expect((await h().client().post('/api/v1/auth/password-reset', { email })).status).toBe(202);
      const token = h()
        .mailer.last(email)
        ?.text.match(/reset-password#(\S+)/)?.[1];
      expect(token).toMatch(/^rst_/);

      const change = await me.post('/api/v1/me/password', {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
      });
      expect(change.status).toBe(200);

      const reset = await h()
        .client()
        .post('/api/v1/auth/password-reset/confirm', { token, password: 'the attackers password' });
      expect(reset.status).toBe(410);
      expect(reset.body).toMatchObject({ code: 'token_invalid' });
      expect(
        (await h().client().post('/api/v1/auth/login', { email, password: 'the attackers password' })).status,
      ).toBe(401);
      await secondBrowser(h(), email, NEW_PASSWORD);
    });

    it.each([
      [{ currentPassword: PASSWORD, newPassword: 'short' }, 'newPassword'],
      [{ currentPassword: PASSWORD, newPassword: 'x'.repeat(201) }, 'newPassword'],
      [{ currentPassword: PASSWORD }, 'newPassword'],
      [{ newPassword: NEW_PASSWORD }, 'currentPassword'],
      [{ currentPassword: '', newPassword: NEW_PASSWORD }, 'currentPassword'],
      [{ currentPassword: PASSWORD, newPassword: 12345678901 }, 'newPassword'],
    ])('rejects malformed input %j and changes nothing', async (body, field) => {
      const email = uniqueEmail();
      const me = await signUp(h(), { email });
      const before = await userRow(h(), me.user.id);
      const res = await me.post('/api/v1/me/password', body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed' });
      expect(JSON.stringify(res.body)).toContain(field);
      expect(await userRow(h(), me.user.id)).toEqual(before);
      expect((await me.get('/api/v1/me')).status).toBe(200);
    });

    it('answers anonymous callers with 401', async () => {
      const res = await h()
        .client()
        .post('/api/v1/me/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthenticated' });
    });

    it('ignores a userId in the body: it only ever changes the caller’s password', async () => {
      const victimEmail = uniqueEmail();
      const victim = await signUp(h(), { email: victimEmail });
      const me = await signUp(h());
      const victimBefore = await userRow(h(), victim.user.id);
      const res = await me.post('/api/v1/me/password', {
        currentPassword: PASSWORD,
        newPassword: NEW_PASSWORD,
        userId: victim.user.id,
        id: victim.user.id,
      });
      expect(res.status).toBe(200);
      expect(await userRow(h(), victim.user.id)).toEqual(victimBefore);
      expect((await victim.get('/api/v1/me')).status).toBe(200);
      await secondBrowser(h(), victimEmail);
    });
  });
});
