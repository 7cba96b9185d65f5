import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Attachment } from '@leeway/core';
import { afterAll, describe, expect, it } from 'vitest';
import { describeEachDb, type Harness, type TestClient } from '../../test/harness.ts';
import {
  BAD_IDS,
  collaborationScene,
  collaborationSnapshot,
  createTask,
  taskRow,
} from '../../test/task-factory.ts';
import {
  cleanFileName,
  contentDisposition,
  safeContentType,
  sweepOrphanFiles,
} from './attachments.service.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeway-attachments-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const MAX = 4096;

interface Part {
  name: string;
  filename?: string;
  type?: string;
  content: string | Buffer;
}

/** A multipart/form-data body, built by hand the way a browser sends it. */
function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----leeway${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    head += '\r\n';
    if (part.type) head += `Content-Type: ${part.type}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'), Buffer.from(part.content), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(client: TestClient, url: string, file: Omit<Part, 'name'> & { name?: string }) {
  const { payload, headers } = multipart([{ name: 'file', ...file }]);
  return client.request<Attachment>('POST', url, payload, { headers });
}

/** Every stored file under the data directory's attachments folder. */
function filesOnDisk(): string[] {
  const root = path.join(dataDir, 'attachments');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

async function download(h: Harness, client: TestClient, url: string) {
  return h.app.inject({ method: 'GET', url, headers: { cookie: client.cookieHeader() } });
}

describe('attachment helpers', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\secret.txt', 'secret.txt'],
    ['..', 'file'],
    ['', 'file'],
    ['  a\u0000b\u0007c.txt  ', 'abc.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['x'.repeat(300), 'x'.repeat(200)],
  ])('cleans the file name %j → %j', (raw, clean) => {
    expect(cleanFileName(raw)).toBe(clean);
  });

  it('builds a Content-Disposition that cannot be broken out of', () => {
    expect(contentDisposition('Prüfbericht 2026.pdf')).toBe(
      `attachment; filename="Prufbericht 2026.pdf"; filename*=UTF-8''Pr%C3%BCfbericht%202026.pdf`,
    );
    const evil = contentDisposition('a"; filename="x.html\r\nSet-Cookie: y=1\\.txt');
    expect(evil).not.toMatch(/[\r\n]/);
    expect(evil.match(/"/g)).toHaveLength(2);
    expect(evil).toMatch(
      /^attachment; filename="a_; filename=_x\.html__Set-Cookie: y=1_\.txt"; filename\*=UTF-8''/,
    );
    expect(contentDisposition('日本.txt')).toBe(
      `attachment; filename="__.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt`,
    );
    expect(contentDisposition("it's (1).txt")).toContain("filename*=UTF-8''it%27s%20%281%29.txt");
  });

  it.each([
    ['image/png', 'image/png'],
    ['IMAGE/JPEG', 'image/jpeg'],
    ['text/plain; charset=utf-8', 'text/plain'],
    ['application/pdf', 'application/pdf'],
    ['text/html', 'application/octet-stream'],
    ['image/svg+xml', 'application/octet-stream'],
    ['application/xhtml+xml', 'application/octet-stream'],
    ['text/xml', 'application/octet-stream'],
    ['application/javascript', 'application/octet-stream'],
    ['', 'application/octet-stream'],
    ['nonsense', 'application/octet-stream'],
  ])('serves %j as %j', (declared, served) => {
    expect(safeContentType(declared)).toBe(served);
  });
});

describeEachDb(
  'attachments',
  (h) => {
    describe('upload, list, download, delete', () => {
      it('stores the file under a generated name and records it on the task', async () => {
        const s = await collaborationScene(h());
        const content = randomBytes(1000);
        const res = await upload(s.insider, `${s.taskUrl}/attachments`, {
          filename: 'Rechnung März.pdf',
          type: 'application/pdf',
          content,
        });
        expect(res.status).toBe(201);
        expect(res.body).toEqual({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          taskId: s.task.id,
          fileName: 'Rechnung März.pdf',
          contentType: 'application/pdf',
          size: 1000,
          uploaderId: s.insider.user.id,
          createdAt: h().clock.now().toISOString(),
        });
        const row = await h()
          .db.db.selectFrom('attachments')
          .selectAll()
          .where('id', '=', res.body.id)
          .executeTakeFirstOrThrow();
        expect(row.storage_key).toMatch(/^[0-9a-f-]{36}$/);
        expect(row.storage_key).not.toBe(res.body.id);
        const stored = path.join(dataDir, 'attachments', s.workspace.id, row.storage_key);
        expect(fs.readFileSync(stored).equals(content)).toBe(true);
        expect((await taskRow(h(), s.task.id)).attachment_count).toBe(1);
        const history = await h()
          .db.db.selectFrom('task_events')
          .select(['kind', 'data', 'actor_id'])
          .where('task_id', '=', s.task.id)
          .execute();
        expect(history).toEqual([
          {
            kind: 'attachment_added',
            actor_id: s.insider.user.id,
            data: JSON.stringify({ attachmentId: res.body.id, fileName: 'Rechnung März.pdf' }),
          },
        ]);

        const list = await s.owner.get<Attachment[]>(`${s.taskUrl}/attachments`);
        expect(list.status).toBe(200);
        expect(list.body).toEqual([res.body]);
      });

      it('downloads as an attachment with nosniff and a sandboxing CSP', async () => {
        const s = await collaborationScene(h());
        const content = randomBytes(2000);
        const up = await upload(s.insider, `${s.taskUrl}/attachments`, {
          filename: 'Prüfbericht (final).pdf',
          type: 'application/pdf',
          content,
        });
        const res = await download(h(), s.owner, `${s.taskUrl}/attachments/${up.body.id}/download`);
        expect(res.statusCode).toBe(200);
        expect(res.rawPayload.equals(content)).toBe(true);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(res.headers['content-length']).toBe('2000');
        expect(res.headers['content-disposition']).toBe(
          `attachment; filename="Prufbericht (final).pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20%28final%29.pdf`,
        );
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
      });

      it.each([
        ['page.html', 'text/html', '<script>alert(document.cookie)</script>'],
        ['logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
        ['x.xhtml', 'application/xhtml+xml', '<html xmlns="http://www.w3.org/1999/xhtml"/>'],
        ['setup.exe', 'application/x-msdownload', 'MZ'],
      ])('never serves %s as active content', async (filename, type, content) => {
        const s = await collaborationScene(h());
        const up = await upload(s.owner, `${s.taskUrl}/attachments`, { filename, type, content });
        expect(up.status).toBe(201);
        expect(up.body.contentType).toBe('application/octet-stream');
        const res = await download(h(), s.owner, `${s.taskUrl}/attachments/${up.body.id}/download`);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/octet-stream');
        expect(String(res.headers['content-disposition'])).toMatch(/^attachment; /);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
      });

      it('keeps harmless types', async () => {
        const s = await collaborationScene(h());
        const png = await upload(s.owner, `${s.taskUrl}/attachments`, {
          filename: 'a.png',
          type: 'image/png',
          content: randomBytes(10),
        });
        expect(png.body.contentType).toBe('image/png');
        const txt = await upload(s.owner, `${s.taskUrl}/attachments`, {
          filename: 'a.txt',
          type: 'text/plain; charset=utf-8',
          content: 'hello',
        });
        expect(txt.body.contentType).toBe('text/plain');
      });

      it('takes only the last segment of a path-like file name, and never uses it on disk', async () => {
        const s = await collaborationScene(h());
        const before = filesOnDisk();
        const res = await upload(s.owner, `${s.taskUrl}/attachments`, {
          filename: '../../../../tmp/evil.txt',
          type: 'text/plain',
          content: 'x',
        });
        expect(res.status).toBe(201);
        expect(res.body.fileName).toBe('evil.txt');
        const added = filesOnDisk().filter((f) => !before.includes(f));
        expect(added).toHaveLength(1);
        expect(path.dirname(added[0] as string)).toBe(path.join(dataDir, 'attachments', s.workspace.id));
        expect(path.basename(added[0] as string)).toMatch(/^[0-9a-f-]{36}$/);
      });

      it('the uploader deletes: row, file, counter and history', async () => {
        const s = await collaborationScene(h());
        const up = await upload(s.insider, `${s.taskUrl}/attachments`, { filename: 'a.txt', content: 'abc' });
        const row = await h()
          .db.db.selectFrom('attachments')
          .selectAll()
          .where('id', '=', up.body.id)
          .executeTakeFirstOrThrow();
        const stored = path.join(dataDir, 'attachments', s.workspace.id, row.storage_key);
        expect(fs.existsSync(stored)).toBe(true);
        h().clock.advance(1000);
        const res = await s.insider.delete(`${s.taskUrl}/attachments/${up.body.id}`);
        expect(res.status).toBe(204);
        expect(fs.existsSync(stored)).toBe(false);
        expect((await s.owner.get<Attachment[]>(`${s.taskUrl}/attachments`)).body).toEqual([]);
        expect((await taskRow(h(), s.task.id)).attachment_count).toBe(0);
        const kinds = await h()
          .db.db.selectFrom('task_events')
          .select('kind')
          .where('task_id', '=', s.task.id)
          .orderBy('created_at')
          .execute();
        expect(kinds.map((k) => k.kind)).toEqual(['attachment_added', 'attachment_removed']);
        expect((await s.insider.delete(`${s.taskUrl}/attachments/${up.body.id}`)).status).toBe(404);
        const gone = await download(h(), s.insider, `${s.taskUrl}/attachments/${up.body.id}/download`);
        expect(gone.statusCode).toBe(404);
      });

      it("an owner deletes anyone's file; another assistant who sees the task may not", async () => {
        const s = await collaborationScene(h());
        const shared = await createTask(h(), {
          workspaceId: s.workspace.id,
          creatorId: s.outsider.user.id,
          areaId: s.area.id,
        });
        const url = `${s.base}/tasks/${shared.id}/attachments`;
        const up = await upload(s.insider, url, { filename: 'a.txt', content: 'abc' });
        const before = await collaborationSnapshot(h());
        const files = filesOnDisk();
        const denied = await s.outsider.delete(`${url}/${up.body.id}`);
        expect(denied.status).toBe(403);
        expect(await collaborationSnapshot(h())).toEqual(before);
        expect(filesOnDisk()).toEqual(files);
        expect((await s.owner.delete(`${url}/${up.body.id}`)).status).toBe(204);
        expect(filesOnDisk()).toHaveLength(files.length - 1);
      });
    });

    describe('orphan sweep', () => {
      it('removes files whose task is gone, keeps the others and young files', async () => {
        const s = await collaborationScene(h());
        const doomed = await createTask(h(), { workspaceId: s.workspace.id, creatorId: s.owner.user.id });
        const kept = await upload(s.owner, `${s.taskUrl}/attachments`, {
          filename: 'keep.txt',
          content: 'keep',
        });
        await upload(s.owner, `${s.base}/tasks/${doomed.id}/attachments`, {
          filename: 'gone.txt',
          content: 'gone',
        });
        const keptRow = await h()
          .db.db.selectFrom('attachments')
          .select('storage_key')
          .where('id', '=', kept.body.id)
          .executeTakeFirstOrThrow();
        const dir = path.join(dataDir, 'attachments', s.workspace.id);
        expect(fs.readdirSync(dir)).toHaveLength(2);
        // Deleting a task cascades to its attachment rows; the bytes stay until the sweep.
        await h().db.db.deleteFrom('tasks').where('id', '=', doomed.id).execute();
        expect(fs.readdirSync(dir)).toHaveLength(2);

        expect(await sweepOrphanFiles(h().app.deps)).toBe(0); // younger than an hour
        expect(await sweepOrphanFiles(h().app.deps, 0)).toBeGreaterThanOrEqual(1);
        expect(fs.readdirSync(dir)).toEqual([keptRow.storage_key]);
        const res = await download(h(), s.owner, `${s.taskUrl}/attachments/${kept.body.id}/download`);
        expect(res.body).toBe('keep');
      });
    });

    describe('limits and malformed uploads', () => {
      it('accepts a file of exactly the limit', async () => {
        const s = await collaborationScene(h());
        const res = await upload(s.owner, `${s.taskUrl}/attachments`, {
          filename: 'max.bin',
          content: randomBytes(MAX),
        });
        expect(res.status).toBe(201);
        expect(res.body.size).toBe(MAX);
      });

      it('refuses a file past the limit with 413, leaving no file and no row', async () => {
        const s = await collaborationScene(h());
        const before = await collaborationSnapshot(h());
        const files = filesOnDisk();
        for (const size of [MAX + 1, MAX * 10]) {
          const res = await upload(s.owner, `${s.taskUrl}/attachments`, {
            filename: 'big.bin',
            content: randomBytes(size),
          });
          expect(res.status).toBe(413);
          expect(res.body).toMatchObject({ code: 'payload_too_large', details: { maxBytes: MAX } });
          expect((res.body as unknown as { message: string }).message).toBe(
            'The file is too large. Files can be at most 4 KB.',
          );
        }
        expect(filesOnDisk()).toEqual(files);
        expect(await collaborationSnapshot(h())).toEqual(before);
        // And the app still works afterwards.
        expect((await s.owner.get(`${s.taskUrl}/attachments`)).status).toBe(200);
      });

      it.each([
        ['a JSON body', () => ({ payload: { file: 'x' }, headers: {} })],
        ['no body', () => ({ payload: undefined, headers: {} })],
        ['only a text field', () => multipart([{ name: 'note', content: 'hello' }])],
        ['a file in another field', () => multipart([{ name: 'upload', filename: 'a.txt', content: 'x' }])],
        ['an empty form', () => multipart([])],
        [
          'a cut-off body',
          () => {
            const m = multipart([{ name: 'file', filename: 'a.txt', content: 'x'.repeat(100) }]);
            return { ...m, payload: m.payload.subarray(0, m.payload.length - 60) };
          },
        ],
        [
          'a multipart body without boundary',
          () => ({ payload: Buffer.from('garbage'), headers: { 'content-type': 'multipart/form-data' } }),
        ],
      ])('%s → 400 naming the file field, nothing written', async (_label, make) => {
        const s = await collaborationScene(h());
        const before = await collaborationSnapshot(h());
        const files = filesOnDisk();
        const { payload, headers } = make();
        const res = await s.owner.request('POST', `${s.taskUrl}/attachments`, payload, { headers });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          code: 'validation_failed',
          details: { fields: [{ field: 'file' }] },
        });
        expect(filesOnDisk()).toEqual(files);
        expect(await collaborationSnapshot(h())).toEqual(before);
      });

      it('takes one file per request', async () => {
        const s = await collaborationScene(h());
        const { payload, headers } = multipart([
          { name: 'file', filename: 'one.txt', content: 'one' },
          { name: 'file', filename: 'two.txt', content: 'two' },
        ]);
        const res = await s.owner.request<Attachment>('POST', `${s.taskUrl}/attachments`, payload, {
          headers,
        });
        expect(res.status).toBe(201);
        expect(res.body.fileName).toBe('one.txt');
        expect((await s.owner.get<Attachment[]>(`${s.taskUrl}/attachments`)).body).toHaveLength(1);
      });
    });

    describe('authorization and validation', () => {
      type Scene = Awaited<ReturnType<typeof collaborationScene>>;
      interface RouteCase {
        label: string;
        call: (client: TestClient, url: string) => Promise<{ status: number; body: unknown }>;
        path: (s: Scene, attachmentId: string) => string;
        hasAttachmentId: boolean;
      }
      const get = (client: TestClient, url: string) => client.get(url);
      const routes: RouteCase[] = [
        {
          label: 'GET attachments',
          call: get,
          path: (s) => `${s.taskUrl}/attachments`,
          hasAttachmentId: false,
        },
        {
          label: 'POST attachment',
          call: (client, url) => upload(client, url, { filename: 'x.txt', content: 'secret upload' }),
          path: (s) => `${s.taskUrl}/attachments`,
          hasAttachmentId: false,
        },
        {
          label: 'GET download',
          call: get,
          path: (s, a) => `${s.taskUrl}/attachments/${a}/download`,
          hasAttachmentId: true,
        },
        {
          label: 'DELETE attachment',
          call: (client, url) => client.delete(url),
          path: (s, a) => `${s.taskUrl}/attachments/${a}`,
          hasAttachmentId: true,
        },
      ];

      async function withFile() {
        const s = await collaborationScene(h());
        const up = await upload(s.owner, `${s.taskUrl}/attachments`, {
          filename: 'confidential.txt',
          content: 'TOP SECRET CONTENT',
        });
        return { s, a: up.body };
      }

      function expectNoLeak(body: unknown) {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        expect(text).not.toContain('TOP SECRET');
        expect(text).not.toContain('confidential');
      }

      it.each(routes)('$label: anonymous → 401, nothing written', async (route) => {
        const { s, a } = await withFile();
        const before = await collaborationSnapshot(h());
        const files = filesOnDisk();
        const res = await route.call(h().client(), route.path(s, a.id));
        expect(res.status).toBe(401);
        expectNoLeak(res.body);
        expect(await collaborationSnapshot(h())).toEqual(before);
        expect(filesOnDisk()).toEqual(files);
      });

      it.each(routes)('$label: a member of another workspace → 404, nothing written', async (route) => {
        const { s, a } = await withFile();
        const before = await collaborationSnapshot(h());
        const files = filesOnDisk();
        for (const url of [
          route.path(s, a.id),
          route.path(s, a.id).replace(s.workspace.id, s.otherWorkspace.id),
        ]) {
          const res = await route.call(s.stranger, url);
          expect(res.status).toBe(404);
          expectNoLeak(res.body);
        }
        expect(await collaborationSnapshot(h())).toEqual(before);
        expect(filesOnDisk()).toEqual(files);
      });

      it.each(routes)(
        '$label: an assistant outside the task’s area → 404, nothing written',
        async (route) => {
          const { s, a } = await withFile();
          const before = await collaborationSnapshot(h());
          const files = filesOnDisk();
          const res = await route.call(s.outsider, route.path(s, a.id));
          expect(res.status).toBe(404);
          expect(res.body).toMatchObject({ code: 'not_found' });
          expectNoLeak(res.body);
          expect(await collaborationSnapshot(h())).toEqual(before);
          expect(filesOnDisk()).toEqual(files);
        },
      );

      it.each(routes)('$label: malformed ids → 400 naming the field, nothing written', async (route) => {
        const { s, a } = await withFile();
        const before = await collaborationSnapshot(h());
        const files = filesOnDisk();
        for (const bad of BAD_IDS) {
          const cases: [string, string][] = [
            ['workspaceId', route.path(s, a.id).replace(s.workspace.id, bad)],
            ['taskId', route.path(s, a.id).replace(s.task.id, bad)],
          ];
          if (route.hasAttachmentId) cases.push(['attachmentId', route.path(s, bad)]);
          for (const [field, url] of cases) {
            const res = await route.call(s.owner, url);
            expect(res.status, `${field} ${bad}`).toBe(400);
            expect(res.body).toMatchObject({ code: 'validation_failed', details: { fields: [{ field }] } });
          }
        }
        expect(await collaborationSnapshot(h())).toEqual(before);
        expect(filesOnDisk()).toEqual(files);
      });

      it('an attachment id of another task → 404', async () => {
        const { s, a } = await withFile();
        const other = await createTask(h(), { workspaceId: s.workspace.id, creatorId: s.owner.user.id });
        const otherUrl = `${s.base}/tasks/${other.id}/attachments/${a.id}`;
        expect((await download(h(), s.owner, `${otherUrl}/download`)).statusCode).toBe(404);
        expect((await s.owner.delete(otherUrl)).status).toBe(404);
      });

      it('an assistant sees files of a task assigned to them', async () => {
        const s = await collaborationScene(h());
        const assigned = await createTask(h(), {
          workspaceId: s.workspace.id,
          creatorId: s.owner.user.id,
          assigneeId: s.outsider.user.id,
        });
        const url = `${s.base}/tasks/${assigned.id}/attachments`;
        const up = await upload(s.owner, url, { filename: 'brief.txt', content: 'for you' });
        const res = await download(h(), s.outsider, `${url}/${up.body.id}/download`);
        expect(res.statusCode).toBe(200);
        expect(res.body).toBe('for you');
      });
    });
  },
  { config: { dataDir, attachmentMaxBytes: MAX } },
);
