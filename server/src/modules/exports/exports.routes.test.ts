import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PersonalExport, WorkspaceExport } from '@leeway/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusMessage } from '../../events/bus.ts';
import { fingerprinter } from '../../security/snapshot.ts';
import { seedWorld, type World } from '../../security/world.ts';
import { describeEachDb, type Harness, type Res } from '../../test/harness.ts';
import { WORKSPACE_TABLES } from './exports.repository.ts';
import { slug } from './exports.service.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeway-exports-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Every table of the database with a workspace_id column, read from the catalogue itself. */
async function tablesWithWorkspaceId(h: Harness): Promise<string[]> {
  const { db } = h.db;
  if (h.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string }>`
      select m.name as name from sqlite_master m, pragma_table_info(m.name) p
      where m.type = 'table' and p.name = 'workspace_id' order by m.name`.execute(db);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.columns
    where table_schema = current_schema() and column_name = 'workspace_id' order by table_name`.execute(db);
  return rows.map((r) => r.name);
}

async function countsOf(h: Harness, workspaceId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesWithWorkspaceId(h)) {
    // Table names come from the catalogue, never from input.
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(
      table,
    )} where workspace_id = ${workspaceId}`.execute(h.db.db);
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      into.push(k);
      keysOf(v, into);
    }
  return into;
}

/** Values in the database that are credentials or their hashes: none may be in an export. */
async function secretValues(h: Harness): Promise<string[]> {
  const { db } = h.db;
  return [
    ...(await db.selectFrom('users').select('password_hash as v').execute()),
    ...(await db.selectFrom('sessions').select('id as v').execute()),
    ...(await db.selectFrom('sessions').select('csrf_token as v').execute()),
    ...(await db.selectFrom('invitations').select('token_hash as v').execute()),
    ...(await db.selectFrom('calendar_feeds').select('token_hash as v').execute()),
    ...(await db.selectFrom('attachments').select('storage_key as v').execute()),
  ].map((r) => r.v);
}

function expectNoSecrets(res: Res, secrets: string[]) {
  const text = JSON.stringify(res.body);
  expect(text).not.toMatch(/password|token|hash/i);
  expect(keysOf(res.body).filter((k) => /password|token|hash|secret|storage/i.test(k))).toEqual([]);
  expect(secrets.filter((s) => text.includes(s))).toEqual([]);
}

function fields(body: unknown): string[] {
  return ((body as { details?: { fields?: { field: string }[] } }).details?.fields ?? []).map((f) => f.field);
}

describeEachDb(
  'data export and workspace deletion',
  (h) => {
    let w: World;
    beforeAll(async () => {
      w = await seedWorld(h());
    }, 120_000);

    describe('my export', () => {
      it('is a JSON download of my own rows, with no secrets', async () => {
        const res = await w.insider.get<PersonalExport>('/api/v1/me/export');
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.headers['content-disposition']).toMatch(
          /^attachment; filename="leeway-export-\d{4}-\d{2}-\d{2}\.json"$/,
        );
        const body = res.body;
        expect(body.account).toEqual({ ...w.insider.user });
        expect(body.workspaces.map((ws) => ws.name)).toEqual(['Workspace A']);
        const [a] = body.workspaces;
        expect(a?.role).toBe('assistant');
        expect(a?.tasks.map((t) => t.title).sort()).toEqual([
          'Secret task in area X',
          'Secret task under review',
        ]);
        expect(a?.tasks.find((t) => t.id === w.params.taskId)?.checklist).toEqual([
          { text: 'First step', done: false, position: expect.any(Number) },
        ]);
        expect(a?.comments.map((c) => c.body)).toEqual(['Secret comment']);
        expect(a?.checkIns).toHaveLength(1);
        expect(a?.questions.map((q) => q.body)).toEqual(['Secret question?']);
        expect(a?.lessons.map((l) => l.title)).toEqual(['Secret lesson']);
        expect(a?.proposals.map((p) => p.note)).toEqual(['Secret request']);
        expect(a?.areas.map((x) => x.name)).toEqual(['Area X']);
        expect(a?.people.map((p) => p.name)).toContain('Olivia Owner');
        // Another workspace's rows never appear.
        expect(JSON.stringify(body)).not.toContain('Task B');
        expectNoSecrets(res, await secretValues(h()));
      });

      it("leaves out tasks of areas I cannot see and other people's check-ins", async () => {
        const url = w.url('/check-ins/me');
        expect(
          (
            await w.outsider.request('PUT', url, {
              done: 'Outsider did',
              planned: 'Outsider plans',
              blockers: '',
              autonomy: 3,
              discuss: false,
            })
          ).status,
        ).toBe(200);
        const own = await w.outsider.post<{ id: string }>(w.url('/tasks'), { title: 'Outsider own task' });
        expect(own.status).toBe(201);

        const res = await w.outsider.get<PersonalExport>('/api/v1/me/export');
        expect(res.status).toBe(200);
        const text = JSON.stringify(res.body);
        expect(w.areaSecrets.filter((s) => text.includes(s))).toEqual([]);
        const [a] = res.body.workspaces;
        expect(a?.tasks.map((t) => t.title)).toEqual(['Outsider own task']);
        expect(a?.checkIns.map((c) => c.planned)).toEqual(['Outsider plans']);
        expect(text).not.toContain(w.insider.user.id);

        // An owner's personal export is theirs too: the assistants' check-ins stay out of it.
        const mine = await w.owner.get<PersonalExport>('/api/v1/me/export');
        expect(mine.status).toBe(200);
        expect(mine.body.workspaces[0]?.checkIns).toEqual([]);
        expect(JSON.stringify(mine.body)).not.toContain('Outsider plans');
        expectNoSecrets(mine, await secretValues(h()));
      });

      it('needs a signed-in caller', async () => {
        expect((await h().client().get('/api/v1/me/export')).status).toBe(401);
      });
    });

    describe('workspace export', () => {
      it('gives an owner every row of every workspace table, without secrets or files', async () => {
        const res = await w.owner.get<WorkspaceExport>(w.url('/export'));
        expect(res.status).toBe(200);
        expect(res.headers['content-disposition']).toBe(
          `attachment; filename="leeway-workspace-workspace-a-${new Date(h().clock.now()).toISOString().slice(0, 10)}.json"`,
        );
        const body = res.body;
        expect(body.workspace.name).toBe('Workspace A');
        expect(Object.keys(body.tables).sort()).toEqual(
          (await tablesWithWorkspaceId(h())).filter((t) => t !== 'workspaces').sort(),
        );
        const counts = await countsOf(h(), w.workspaceId);
        for (const table of WORKSPACE_TABLES)
          expect(body.tables[table], table).toHaveLength(counts[table] ?? -1);
        expect(body.members.map((m) => m.email).sort()).toEqual(
          [w.owner, w.insider, w.outsider, w.spare].map((p) => p.user.email).sort(),
        );
        expect(Object.keys(body.members[0] ?? {}).sort()).toEqual([
          'email',
          'id',
          'joinedAt',
          'name',
          'role',
        ]);
        const [file] = body.tables.attachments ?? [];
        expect(file).toMatchObject({ file_name: 'secret.txt', content_type: expect.any(String) });
        expect(file).not.toHaveProperty('storage_key');
        expect(body.tables.invitations?.[0]).not.toHaveProperty('token_hash');
        expect(body.tables.calendar_feeds?.[0]).not.toHaveProperty('token_hash');
        const text = JSON.stringify(body);
        expect(text).toContain('Secret comment');
        expect(text).not.toContain('Task B');
        expect(text).not.toContain(w.otherWorkspaceId);
        expectNoSecrets(res, await secretValues(h()));
      });

      it('is for owners of this workspace only', async () => {
        expect((await w.anonymous.get(w.url('/export'))).status).toBe(401);
        expect((await w.insider.get(w.url('/export'))).status).toBe(403);
        expect((await w.outsider.get(w.url('/export'))).status).toBe(403);
        expect((await w.stranger.get(w.url('/export'))).status).toBe(404);
      });
    });

    describe('deleting a workspace', () => {
      it('refuses a wrong name, an assistant, a stranger and nobody, and writes nothing', async () => {
        const snapshot = await fingerprinter(h());
        const before = await snapshot();
        const url = w.url();
        const wrong = await w.owner.request('DELETE', url, { confirmName: 'Workspace a' });
        expect(wrong.status).toBe(400);
        expect(wrong.body).toMatchObject({ code: 'validation_failed' });
        expect(fields(wrong.body)).toEqual(['confirmName']);
        expect((await w.owner.request('DELETE', url, {})).status).toBe(400);
        expect((await w.owner.request('DELETE', url)).status).toBe(400);
        const right = { confirmName: 'Workspace A' };
        expect((await w.insider.request('DELETE', url, right)).status).toBe(403);
        expect((await w.outsider.request('DELETE', url, right)).status).toBe(403);
        expect((await w.stranger.request('DELETE', url, right)).status).toBe(404);
        expect((await w.anonymous.request('DELETE', url, right)).status).toBe(401);
        // The stranger's own workspace's name does not delete this one either.
        expect((await w.stranger.request('DELETE', url, { confirmName: 'Workspace B' })).status).toBe(404);
        expect(await snapshot()).toBe(before);
      });

      it('removes every row of the workspace, its files and its streams, and nothing else', async () => {
        const ws = w.workspaceId;
        const before = await countsOf(h(), ws);
        // The seeded world fills (nearly) every table: a cascade that misses one shows here.
        const filled = Object.entries(before).filter(([, n]) => n > 0).length;
        expect(filled).toBeGreaterThan(30);
        const otherBefore = await countsOf(h(), w.otherWorkspaceId);
        const usersBefore = await h().db.db.selectFrom('users').select('id').execute();
        const folder = path.join(dataDir, 'attachments', ws);
        expect(fs.readdirSync(folder)).toHaveLength(1);

        const heard: BusMessage[] = [];
        const stop = h().app.deps.events.subscribe(ws, (m) => heard.push(m));
        try {
          const res = await w.owner.request('DELETE', w.url(), { confirmName: ' Workspace A ' });
          expect(res.status).toBe(204);
        } finally {
          stop();
        }

        const after = await countsOf(h(), ws);
        expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
        expect(await countsOf(h(), w.otherWorkspaceId)).toEqual(otherBefore);
        expect(await h().db.db.selectFrom('workspaces').select('id').where('id', '=', ws).execute()).toEqual(
          [],
        );
        // People keep their accounts; only the workspace is gone.
        expect(await h().db.db.selectFrom('users').select('id').execute()).toHaveLength(usersBefore.length);
        expect(fs.existsSync(folder)).toBe(false);
        // Every member's open stream hears that their membership ended (and then closes).
        expect(
          heard
            .filter((m) => m.event.type === 'membership.changed')
            .flatMap((m) => m.onlyUserIds ?? [])
            .sort(),
        ).toEqual([w.owner, w.insider, w.outsider, w.spare].map((p) => p.user.id).sort());

        expect((await w.owner.get(w.url())).status).toBe(404);
        expect((await w.insider.get<unknown[]>('/api/v1/workspaces')).body).toEqual([]);
        const left = await w.insider.get<PersonalExport>('/api/v1/me/export');
        expect(left.body.workspaces).toEqual([]);
        // Workspace B still works for its owner.
        expect((await w.stranger.get(`/api/v1/workspaces/${w.otherWorkspaceId}/export`)).status).toBe(200);
      });
    });
  },
  { config: { dataDir } },
);

describe('export file names', () => {
  it('keep to letters, digits and dashes', () => {
    expect(slug('Workspace A')).toBe('workspace-a');
    expect(slug('Büro "Müller"\r\nX: ../../etc')).toBe('buro-muller-x-etc');
    expect(slug('💥')).toBe('workspace');
    expect(slug('a'.repeat(100))).toHaveLength(40);
  });
});
