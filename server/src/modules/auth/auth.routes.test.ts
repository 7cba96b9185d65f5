import type { SessionInfo, User } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { HOUR } from '../../lib/clock.ts';
import { describeEachDb, PASSWORD, signUp, uniqueEmail } from '../../test/harness.ts';

async function countUsers(h: ReturnType<Parameters<Parameters<typeof describeEachDb>[1]>[0]>) {
  const row = await h.db.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describeEachDb('auth', (h) => {
  describe('signup', () => {
    it('creates an account, signs in and hides the password hash', async () => {
      const client = h().client();
      const email = uniqueEmail();
      const res = await client.post<SessionInfo>('/api/v1/auth/signup', {
        email: email.toUpperCase(),
        name: 'Ada',
        password: PASSWORD,
        timeZone: 'Europe/Berlin',
      });
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({ email, name: 'Ada', timeZone: 'Europe/Berlin', locale: 'en' });
      expect(JSON.stringify(res.body)).not.toContain('scrypt');
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/leeway_session=ses_/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      const me = await client.get<User>('/api/v1/me');
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(email);
    });

    it('takes the language from Accept-Language when none is given', async () => {
      const client = h().client();
      const res = await client.request<SessionInfo>(
        'POST',
        '/api/v1/auth/signup',
        { email: uniqueEmail(), name: 'Bea', password: PASSWORD },
        { headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' } },
      );
      expect(res.status).toBe(201);
      expect(res.body.user?.locale).toBe('de');
      expect(res.body.user?.timeZone).toBe('UTC');
    });

    it('refuses a taken address, case-insensitively, naming the field', async () => {
      const email = uniqueEmail();
      await signUp(h(), { email });
      const res = await h()
        .client()
        .post('/api/v1/auth/signup', {
          email: ` ${email.toUpperCase()}`.trim(),
          name: 'X',
          password: PASSWORD,
        });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'email_taken', details: { fields: [{ field: 'email' }] } });
    });

    it.each([
      [{ email: 'not-an-email', name: 'A', password: PASSWORD }, 'email'],
      [{ email: 'a@example.com', name: 'A', password: 'short' }, 'password'],
      [{ email: 'a@example.com', name: '   ', password: PASSWORD }, 'name'],
      [{ email: 'a@example.com', password: PASSWORD }, 'name'],
      [{ email: 'a@example.com', name: 'A', password: PASSWORD, locale: 'fr' }, 'locale'],
      [{ email: 'a@example.com', name: 'A', password: 12345678901 }, 'password'],
      [{ email: 'a@example.com', name: 'x'.repeat(101), password: PASSWORD }, 'name'],
    ])('rejects malformed input %# and writes nothing', async (body, field) => {
      const before = await countUsers(h());
      const res = await h().client().post('/api/v1/auth/signup', body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed' });
      expect(JSON.stringify(res.body)).toContain(field);
      expect(await countUsers(h())).toBe(before);
    });

    it('two sign-ups racing for one address: one account, the other gets email_taken', async () => {
      const email = uniqueEmail();
      const body = { email, name: 'Racer', password: PASSWORD };
      const results = await Promise.all([
        h().client().post('/api/v1/auth/signup', body),
        h().client().post('/api/v1/auth/signup', body),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    });

    it('rejects an unknown time zone', async () => {
      const res = await h().client().post('/api/v1/auth/signup', {
        email: uniqueEmail(),
        name: 'A',
        password: PASSWORD,
        timeZone: 'Mars/Base',
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ details: { fields: [{ field: 'timeZone' }] } });
    });

    it('ignores fields it does not declare (no mass assignment)', async () => {
      const res = await h().client().post<SessionInfo>('/api/v1/auth/signup', {
        email: uniqueEmail(),
        name: 'A',
        password: PASSWORD,
        id: '00000000-0000-0000-0000-000000000000',
        role: 'owner',
      });
      expect(res.status).toBe(201);
      expect(res.body.user?.id).not.toBe('00000000-0000-0000-0000-000000000000');
    });

    it('answers invalid JSON with a clear 400', async () => {
      const res = await h().app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        headers: { 'content-type': 'application/json' },
        payload: '{"email":',
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json()).toHaveProperty('code');
    });
  });

  describe('csrf', () => {
    it('refuses a state change without the token', async () => {
      const client = h().client();
      const res = await client.request(
        'POST',
        '/api/v1/auth/signup',
        { email: uniqueEmail(), name: 'A', password: PASSWORD },
        { csrf: false },
      );
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'csrf_failed' });
    });

    it('refuses a signed-in request carrying another session’s token', async () => {
      const a = await signUp(h());
      const b = await signUp(h());
      a.csrfToken = b.csrfToken;
      const res = await a.post('/api/v1/workspaces', { name: 'X' });
      expect(res.status).toBe(403);
    });
  });

  describe('login and logout', () => {
    it('rotates the session on login and ends it on logout', async () => {
      const email = uniqueEmail();
      const first = await signUp(h(), { email });
      const firstCookie = first.cookieHeader();
      const again = await first.post<SessionInfo>('/api/v1/auth/login', { email, password: PASSWORD });
      expect(again.status).toBe(200);
      expect(first.cookieHeader()).not.toBe(firstCookie);
      // The old session id no longer works.
      const stale = await h().app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: firstCookie },
      });
      expect(stale.statusCode).toBe(401);

      const out = await first.post('/api/v1/auth/logout');
      expect(out.status).toBe(204);
      expect((await first.get('/api/v1/me')).status).toBe(401);
    });

    it('gives the same answer for an unknown address and a wrong password', async () => {
      const email = uniqueEmail();
      await signUp(h(), { email });
      const wrong = await h().client().post('/api/v1/auth/login', { email, password: 'wrong password!' });
      const unknown = await h()
        .client()
        .post('/api/v1/auth/login', { email: uniqueEmail(), password: PASSWORD });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
    });

    it('expires sessions after SESSION_DAYS', async () => {
      const client = await signUp(h());
      h().clock.advance(31 * 24 * HOUR);
      expect((await client.get('/api/v1/me')).status).toBe(401);
      h().clock.advance(-31 * 24 * HOUR);
    });

    it('answers anonymous calls to protected routes with 401', async () => {
      const res = await h().client().get('/api/v1/me');
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unauthenticated' });
    });
  });

  describe('password reset', () => {
    it('mails a single-use link that sets a new password and ends other sessions', async () => {
      const email = uniqueEmail();
      const other = await signUp(h(), { email, locale: 'de' });
      const requester = h().client();
      const req = await requester.post('/api/v1/auth/password-reset', { email });
      expect(req.status).toBe(202);
      const mail = h().mailer.last(email);
      expect(mail?.subject).toContain('Passwort');
      const token = mail?.text.match(/reset-password#(\S+)/)?.[1];
      expect(token).toBeTruthy();
      expect(mail?.text).toContain('http://leeway.test/reset-password#');

      const done = await requester.post<SessionInfo>('/api/v1/auth/password-reset/confirm', {
        token,
        password: 'a brand new password',
      });
      expect(done.status).toBe(200);
      expect(done.body.user?.email).toBe(email);
      expect((await other.get('/api/v1/me')).status).toBe(401);
      expect((await requester.get('/api/v1/me')).status).toBe(200);

      const reuse = await h()
        .client()
        .post('/api/v1/auth/password-reset/confirm', { token, password: 'another new password' });
      expect(reuse.status).toBe(410);
      expect(reuse.body).toMatchObject({ code: 'token_invalid' });
      const login = await h()
        .client()
        .post('/api/v1/auth/login', { email, password: 'a brand new password' });
      expect(login.status).toBe(200);
    });

    it('answers the same for unknown addresses and sends nothing', async () => {
      const before = h().mailer.sent.length;
      const res = await h().client().post('/api/v1/auth/password-reset', { email: uniqueEmail() });
      expect(res.status).toBe(202);
      expect(h().mailer.sent.length).toBe(before);
    });

    it('refuses an expired link', async () => {
      const email = uniqueEmail();
      await signUp(h(), { email });
      await h().client().post('/api/v1/auth/password-reset', { email });
      const token = h()
        .mailer.last(email)
        ?.text.match(/reset-password#(\S+)/)?.[1];
      h().clock.advance(2 * HOUR);
      const res = await h()
        .client()
        .post('/api/v1/auth/password-reset/confirm', { token, password: 'a brand new password' });
      h().clock.advance(-2 * HOUR);
      expect(res.status).toBe(410);
    });

    it('refuses a token of another kind', async () => {
      const res = await h().client().post('/api/v1/auth/password-reset/confirm', {
        token: 'inv_abcdefghijklmnop',
        password: 'a brand new password',
      });
      expect(res.status).toBe(410);
    });
  });
});

describeEachDb(
  'auth rate limits',
  (h) => {
    it('limits log-in attempts per address and answers 429 with the error shape', async () => {
      const client = h().client();
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await client.post('/api/v1/auth/login', { email: uniqueEmail(), password: 'x' })).status,
        );
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      const last = await client.post('/api/v1/auth/login', { email: uniqueEmail(), password: 'x' });
      expect(last.status).toBe(429);
      expect(last.body).toMatchObject({ code: 'rate_limited' });
    });
  },
  { config: { authRateLimit: 3 } },
);
