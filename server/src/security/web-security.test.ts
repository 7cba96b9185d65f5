import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { SessionInfo } from '@leeway/core';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../app.ts';
import { loadConfig } from '../config.ts';
import { DAY, MINUTE } from '../lib/clock.ts';
import {
  describeEachDb,
  type Harness,
  PASSWORD,
  signUp,
  type TestClient,
  uniqueEmail,
  workspaceWith,
} from '../test/harness.ts';
import { operations } from './openapi.ts';

/**
 * Web security checks that need no browser (issue 9): CSRF on every state-changing operation
 * of the OpenAPI document, session fixation and expiry, login rate limiting without account
 * enumeration, hostile upload names and lying content types, and a grep of a real log for
 * secrets. The stored-XSS and CSP checks in Chromium live in web/e2e/xss.e2e.test.ts.
 */

const ANY_ID = '00000000-0000-4000-8000-000000000000';

/** Every row of every table, counted: "nothing written" means this does not change. */
async function rowCounts(h: Harness): Promise<Record<string, number>> {
  const tables = await h.db.db.introspection.getTables();
  // PostgreSQL lists every schema's tables: only this suite's own (its search_path) count.
  const own =
    h.dialect === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(h.db.db)).rows[0]?.s
      : undefined;
  const out: Record<string, number> = {};
  for (const t of tables) {
    if (t.name.startsWith('kysely_') || (own !== undefined && t.schema !== own)) continue;
    const { rows } = await sql<{
      n: number | string;
    }>`select count(*) as n from ${sql.table(t.name)}`.execute(h.db.db);
    out[t.name] = Number(rows[0]?.n);
  }
  expect(Object.keys(out).length).toBeGreaterThan(10);
  return out;
}

function sessionCookieOf(setCookie: string | string[] | number | undefined): string | undefined {
  const list = Array.isArray(setCookie) ? setCookie : typeof setCookie === 'string' ? [setCookie] : [];
  const found = list.find((c) => c.startsWith('leeway_session='));
  return found?.split(';')[0]?.slice('leeway_session='.length) || undefined;
}

/** A multipart body with one file, its name and declared type chosen by the caller. */
function multipart(fileName: string, contentType: string, content: string | Buffer) {
  const boundary = `----leeway${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        `Content-Type: ${contentType}\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function uploadAs(
  h: Harness,
  client: TestClient,
  url: string,
  fileName: string,
  contentType: string,
  content: string | Buffer,
) {
  if (!client.csrfToken) await client.refreshSession();
  const { payload, headers } = multipart(fileName, contentType, content);
  const res = await h.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { ...headers, cookie: client.cookieHeader(), 'x-csrf-token': client.csrfToken ?? '' },
  });
  return {
    status: res.statusCode,
    body: res.json() as { id: string; fileName: string; contentType: string },
  };
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((p) => path.join(dir, p));
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeway-websec-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describeEachDb(
  'web security',
  (h) => {
    it('refuses every state-changing operation without or with a wrong CSRF token, and writes nothing', async () => {
      const { workspace, owner } = await workspaceWith(h(), { assistants: 1 });
      const other = await signUp(h());
      const ops = operations(h().app).filter((op) => op.method !== 'GET');
      // The walk must cover the whole API, not a handful of routes.
      expect(ops.length).toBeGreaterThan(80);
      const before = await rowCounts(h());
      const bad: string[] = [];
      const variants: [string, Record<string, string>][] = [
        ['no token', {}],
        ['wrong token', { 'x-csrf-token': `csrf_${randomBytes(24).toString('base64url')}` }],
        // A real token, but another person's: tokens are bound to their session.
        ['token of another session', { 'x-csrf-token': other.csrfToken ?? '' }],
      ];
      for (const op of ops) {
        const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
          name === 'workspaceId' ? workspace.id : name === 'start' ? '2026-01-12T09:00:00.000Z' : ANY_ID,
        );
        for (const [what, extra] of variants) {
          const res = await h().app.inject({
            method: op.method,
            url,
            headers: { cookie: owner.cookieHeader(), 'content-type': 'application/json', ...extra },
            payload: '{}',
          });
          const code = res.statusCode === 403 ? (res.json() as { code: string }).code : '';
          if (res.statusCode !== 403 || code !== 'csrf_failed')
            bad.push(`${op.id} (${what}): ${res.statusCode}`);
        }
      }
      expect(bad).toEqual([]);
      expect(await rowCounts(h())).toEqual(before);
    });

    it('refuses sign-up and log-in without the double-submit token (login CSRF)', async () => {
      const anon = h().client();
      await anon.refreshSession();
      const email = uniqueEmail();
      const signup = await anon.request(
        'POST',
        '/api/v1/auth/signup',
        { email, name: 'X', password: PASSWORD, locale: 'en', timeZone: 'UTC' },
        { csrf: false },
      );
      expect(signup.status).toBe(403);
      // A token without the matching cookie (another browser's) is refused too.
      const stranger = h().client();
      const token = (await stranger.refreshSession()).csrfToken;
      const res = await h().app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-csrf-token': token },
        payload: { email, password: PASSWORD },
      });
      expect(res.statusCode).toBe(403);
    });

    it('issues a new session id at log-in (fixation) and kills it server-side at log-out', async () => {
      const person = await signUp(h());
      const email = person.user.email;
      // An attacker plants a session cookie of their own choosing before the victim logs in.
      const planted = `session_${randomBytes(32).toString('base64url')}`;
      const victim = h().client();
      await victim.request('GET', '/api/v1/auth/session', undefined, {
        headers: { cookie: `leeway_session=${planted}` },
      });
      const anonToken = (await victim.refreshSession()).csrfToken;
      const login = await h().app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: {
          cookie: `leeway_session=${planted}; ${victim.cookieHeader()}`,
          'x-csrf-token': anonToken,
        },
        payload: { email, password: PASSWORD },
      });
      expect(login.statusCode).toBe(200);
      const issued = sessionCookieOf(login.headers['set-cookie']);
      expect(issued).toBeDefined();
      expect(issued).not.toBe(planted);
      const plantedNow = await h().app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: `leeway_session=${planted}` },
      });
      expect(plantedNow.statusCode).toBe(401);

      // A second log-in in the same browser replaces the first session, which stops working.
      const first = sessionCookieOf(login.headers['set-cookie']) as string;
      const csrf = (login.json() as SessionInfo).csrfToken;
      const again = await h().app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { cookie: `leeway_session=${first}`, 'x-csrf-token': csrf },
        payload: { email, password: PASSWORD },
      });
      const second = sessionCookieOf(again.headers['set-cookie']) as string;
      expect(second).not.toBe(first);
      const oldOne = await h().app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: `leeway_session=${first}` },
      });
      expect(oldOne.statusCode).toBe(401);

      // Log-out deletes the session row: replaying the cookie afterwards is refused.
      const secondCsrf = (again.json() as SessionInfo).csrfToken;
      const out = await h().app.inject({
        method: 'POST',
        url: '/api/v1/auth/logout',
        headers: { cookie: `leeway_session=${second}`, 'x-csrf-token': secondCsrf },
      });
      expect(out.statusCode).toBe(204);
      const replay = await h().app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { cookie: `leeway_session=${second}` },
      });
      expect(replay.statusCode).toBe(401);
    });

    it('ends a session after the configured lifetime', async () => {
      const person = await signUp(h());
      const start = h().clock.now();
      h().clock.advance(h().config.sessionDays * DAY - MINUTE);
      expect((await person.get('/api/v1/me')).status).toBe(200);
      h().clock.advance(2 * MINUTE);
      expect((await person.get('/api/v1/me')).status).toBe(401);
      // A state change with the dead session is refused before anything else.
      expect((await person.post('/api/v1/workspaces', { name: 'Late' })).status).toBeGreaterThanOrEqual(401);
      h().clock.set(start);
    });

    it('answers the same for an unknown address and a wrong password, and for reset requests', async () => {
      const person = await signUp(h());
      const anon = h().client();
      const wrong = await anon.post('/api/v1/auth/login', {
        email: person.user.email,
        password: 'wrong password!',
      });
      const unknown = await anon.post('/api/v1/auth/login', {
        email: uniqueEmail('nobody'),
        password: 'wrong password!',
      });
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(wrong.status);
      expect(unknown.body).toEqual(wrong.body);

      const sentBefore = h().mailer.sent.length;
      const known = await anon.post('/api/v1/auth/password-reset', { email: person.user.email });
      const nobody = await anon.post('/api/v1/auth/password-reset', { email: uniqueEmail('nobody') });
      expect(known.status).toBe(202);
      expect(nobody.status).toBe(known.status);
      expect(nobody.body).toEqual(known.body);
      await new Promise((r) => setTimeout(r, 10));
      expect(h().mailer.sent.length).toBe(sentBefore + 1);
    });

    it('stores uploads under generated names, whatever the file is called', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const url = (p: string) => `/api/v1/workspaces/${workspace.id}${p}`;
      const task = (await owner.post<{ id: string }>(url('/tasks'), { title: 'Uploads' })).body;
      const names = [
        '../../etc/passwd',
        '..\\..\\x.txt',
        '/etc/passwd',
        'C:\\Windows\\win.ini',
        'a\u0000b.txt',
        `${'x'.repeat(1000)}.txt`,
        'Ünïcødé 文件 \u202Egnp.exe',
        'evil"; filename="x.html',
        '..',
        '.htaccess',
      ];
      const attachmentsDir = path.join(dataDir, 'attachments');
      for (const name of names) {
        const res = await uploadAs(
          h(),
          owner,
          url(`/tasks/${task.id}/attachments`),
          name,
          'text/plain',
          'hi',
        );
        expect(res.status, name).toBe(201);
        const stored = res.body.fileName;
        for (const c of ['/', '\\', '\u0000', '\u202e']) expect(stored, name).not.toContain(c);
        expect(stored).not.toBe('..');
        expect([...stored].length).toBeLessThanOrEqual(200);
        const download = await owner.get(url(`/tasks/${task.id}/attachments/${res.body.id}/download`));
        expect(download.status).toBe(200);
        const disposition = String(download.headers['content-disposition']);
        expect(disposition).toMatch(
          /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!-]*$/,
        );
        expect(disposition.replace(/^attachment; filename="/, '').split('";')[0]).not.toContain('"');
      }
      // Every file landed in attachments/<workspace>/<generated id>; nothing anywhere else.
      const files = filesUnder(dataDir).filter((f) => fs.statSync(f).isFile());
      expect(files.length).toBeGreaterThanOrEqual(names.length);
      for (const f of files) {
        const rel = path.relative(attachmentsDir, f);
        expect(rel.startsWith('..'), f).toBe(false);
        expect(path.basename(f)).toMatch(/^[0-9a-f-]{36}$/);
      }
      expect(fs.existsSync(path.join(dataDir, 'etc'))).toBe(false);
    });

    it('serves files whose type lies, and SVG with script, as sandboxed downloads', async () => {
      const { workspace, owner } = await workspaceWith(h());
      const url = (p: string) => `/api/v1/workspaces/${workspace.id}${p}`;
      const task = (await owner.post<{ id: string }>(url('/tasks'), { title: 'Types' })).body;
      const cases = [
        {
          name: 'photo.png',
          type: 'image/png',
          content: '<html><script>alert(1)</script></html>',
          served: 'image/png',
        },
        {
          name: 'logo.svg',
          type: 'image/svg+xml',
          content: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
          served: 'application/octet-stream',
        },
        {
          name: 'page.html',
          type: 'text/html',
          content: '<script>alert(1)</script>',
          served: 'application/octet-stream',
        },
        { name: 'x.xml', type: 'application/xhtml+xml', content: '<x/>', served: 'application/octet-stream' },
        {
          name: 'a.js',
          type: 'text/javascript; charset=utf-8',
          content: 'alert(1)',
          served: 'application/octet-stream',
        },
      ];
      for (const c of cases) {
        const up = await uploadAs(
          h(),
          owner,
          url(`/tasks/${task.id}/attachments`),
          c.name,
          c.type,
          c.content,
        );
        expect(up.status).toBe(201);
        expect(up.body.contentType).toBe(c.served);
        const res = await h().app.inject({
          method: 'GET',
          url: url(`/tasks/${task.id}/attachments/${up.body.id}/download`),
          headers: { cookie: owner.cookieHeader() },
        });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe(c.served);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(String(res.headers['content-disposition'])).toMatch(/^attachment;/);
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toMatch(/(^|;\s*)sandbox(;|$)/);
        expect(csp).toContain("default-src 'none'");
        expect(res.body).toBe(c.content);
      }
    });
  },
  { config: { dataDir } },
);

describeEachDb(
  'login rate limiting',
  (h) => {
    it('answers 429 after the limit, the same for known and unknown addresses', async () => {
      const person = await signUp(h());
      const limit = h().config.authRateLimit;
      const anon = h().client();
      const statuses: number[] = [];
      const bodies = new Map<number, unknown>();
      for (let i = 0; i < limit + 2; i++) {
        // Alternate a known address and an unknown one: the counter is per client, not account.
        const email = i % 2 === 0 ? person.user.email : uniqueEmail('nobody');
        const res = await anon.post('/api/v1/auth/login', { email, password: 'not the password' });
        statuses.push(res.status);
        const seen = bodies.get(res.status);
        if (seen === undefined) bodies.set(res.status, res.body);
        else expect(res.body).toEqual(seen);
      }
      expect(statuses.slice(0, limit)).toEqual(Array(limit).fill(401));
      expect(statuses.slice(limit)).toEqual([429, 429]);
      expect((bodies.get(429) as { code: string }).code).toBe('rate_limited');
      // Even the right password waits: the lockout says nothing about which guess was right.
      const right = await anon.post('/api/v1/auth/login', { email: person.user.email, password: PASSWORD });
      expect(right.status).toBe(429);
      expect(right.body).toEqual(bodies.get(429));
    });
  },
  { config: { authRateLimit: 5 } },
);

describe('secrets never reach the log', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });

  describeEachDb(
    'log capture',
    (h) => {
      it('signs up, logs in, resets a password, accepts an invitation and fetches a feed without logging secrets', async () => {
        const secrets: string[] = [];
        const keep = (value: string | null | undefined) => {
          if (value) secrets.push(value);
        };
        const remember = (c: TestClient) => {
          keep(c.csrfToken);
          for (const pair of c.cookieHeader().split('; ')) keep(pair.split('=')[1]);
        };
        keep(PASSWORD);
        const { workspace, owner } = await workspaceWith(h());
        remember(owner);
        const email = uniqueEmail('logs');
        const newcomer = await signUp(h(), { email });
        remember(newcomer);

        // A wrong password and a right one.
        const anon = h().client();
        await anon.refreshSession();
        remember(anon);
        keep('Wrong-Guess-Password-123');
        await anon.post('/api/v1/auth/login', { email, password: 'Wrong-Guess-Password-123' });
        const login = await anon.post('/api/v1/auth/login', { email, password: PASSWORD });
        expect(login.status).toBe(200);
        remember(anon);

        // Password reset by mail.
        await anon.post('/api/v1/auth/password-reset', { email });
        await new Promise((r) => setTimeout(r, 10));
        const resetToken = h()
          .mailer.last(email)
          ?.text.match(/#([^\s]+)/)?.[1];
        expect(resetToken).toBeDefined();
        keep(resetToken);
        const newPassword = 'Brand-New-Secret-Password-42';
        keep(newPassword);
        const confirmed = await anon.post('/api/v1/auth/password-reset/confirm', {
          token: resetToken,
          password: newPassword,
        });
        expect(confirmed.status).toBe(200);
        remember(anon);

        // An invitation, accepted by the newcomer.
        const inv = await owner.post<{ url: string }>(`/api/v1/workspaces/${workspace.id}/invitations`, {
          role: 'assistant',
        });
        const invitationToken = inv.body.url.split('#')[1];
        keep(invitationToken);
        const accepted = await anon.post('/api/v1/invitations/accept', { token: invitationToken });
        expect(accepted.status).toBe(200);

        // A calendar feed, fetched by URL like a calendar app would.
        const feed = await anon.post<{ url: string }>(`/api/v1/workspaces/${workspace.id}/calendar-feed`);
        expect(feed.status).toBe(200);
        const feedPath = new URL(feed.body.url).pathname;
        keep(
          feedPath
            .split('/')
            .pop()
            ?.replace(/\.ics$/, ''),
        );
        const ics = await h().app.inject({
          method: 'GET',
          url: feedPath,
          headers: { authorization: 'Bearer auth-header-secret-value' },
        });
        expect(ics.statusCode).toBe(200);
        keep('auth-header-secret-value');
        remember(anon);
        await anon.post('/api/v1/auth/logout');

        const log = lines.join('');
        // The capture worked: request lines are there, with the feed path masked.
        expect(log).toContain('/api/v1/auth/login');
        expect(log).toContain('/api/v1/calendar/[redacted]');
        const leaked = [...new Set(secrets)].filter((s) => s.length >= 8 && log.includes(s));
        expect(leaked).toEqual([]);
      });
    },
    {
      logger: {
        ...loggerOptions({ ...loadConfig({}), logLevel: 'trace' }),
        stream: sink,
      },
    },
  );
});
