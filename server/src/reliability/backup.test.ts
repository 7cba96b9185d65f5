import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Task, TaskPage, Workspace } from '@leeway/core';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from '../test/harness.ts';
import { buildServerBundle, HttpClient, runCli, type ServerProcess, startServer } from './server-process.ts';

/**
 * Backups under load (issue 9): `leeway backup <file>` runs beside a server that keeps
 * writing. The copy passes SQLite's integrity check, holds every write acknowledged before
 * the backup began, and a server started on it (the restore) serves those tasks.
 */

/** Tasks with long descriptions written before the load, so the copy takes many steps. */
const seedTasks = Number(process.env.BACKUP_SEED_TASKS || 200);

describe('backup under write load [sqlite]', () => {
  let bundle: { file: string; dispose(): void } | null = null;
  const dirs: string[] = [];
  const servers: ServerProcess[] = [];
  const tempDir = (name: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `leeway-${name}-`));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    bundle = await buildServerBundle();
  }, 60_000);
  afterAll(async () => {
    await Promise.allSettled(servers.map((s) => s.stop(2_000)));
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    bundle?.dispose();
  }, 30_000);

  it('the copy passes the integrity check, holds every write acknowledged before it began and restores', async () => {
    const file = bundle?.file ?? '';
    const dataDir = tempDir('backup-source');
    const server = await startServer(file, { DATA_DIR: dataDir });
    servers.push(server);
    const client = new HttpClient(server.url);
    expect(
      (
        await client.request('POST', '/api/v1/auth/signup', {
          email: uniqueEmail('backup'),
          name: 'Bea Backup',
          password: PASSWORD,
          locale: 'en',
          timeZone: 'Europe/Berlin',
        })
      ).status,
    ).toBe(201);
    const ws = (await client.request<Workspace>('POST', '/api/v1/workspaces', { name: 'Backup' })).body;
    const tasksPath = `/api/v1/workspaces/${ws.id}/tasks`;
    const description = 'Lorem ipsum dolor sit amet. '.repeat(680);
    for (let i = 0; i < seedTasks; i++) {
      const res = await client.request('POST', tasksPath, { title: `Seed ${i}`, description });
      expect(res.status).toBe(201);
    }

    // Every write the client saw acknowledged, with the time of the acknowledgement.
    const acked: { id: string; version: number; at: number }[] = [];
    let stop = false;
    const loop = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const res = await client.request<Task>('POST', tasksPath, { title: `Load ${n}-${i}`, description });
        expect(res.status).toBe(201);
        acked.push({ id: res.body.id, version: res.body.version, at: performance.now() });
      }
    };
    const loops = [0, 1, 2].map(loop);
    while (acked.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));

    const target = path.join(tempDir('backup-target'), 'copy.sqlite');
    const began = performance.now();
    const before = acked.filter((a) => a.at <= began);
    const cli = await Promise.race([
      runCli(file, ['backup', target], { DATA_DIR: dataDir }),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('backup did not finish within 90 s under load')), 90_000),
      ),
    ]);
    const seconds = (performance.now() - began) / 1000;
    const duringBackup = acked.filter((a) => a.at > began).length;
    stop = true;
    await Promise.all(loops);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('integrity check: ok');

    const copy = new SqliteDatabase(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('foreign_key_check')).toEqual([]);
      const rows = copy.prepare('select id, version from tasks').all() as { id: string; version: number }[];
      const stored = new Map(rows.map((r) => [r.id, r.version]));
      const missing = before.filter((a) => !((stored.get(a.id) ?? -1) >= a.version));
      expect(missing).toEqual([]);
      console.log(
        `[backup] ${seedTasks} seed tasks (${(fs.statSync(target).size / 1024 / 1024).toFixed(1)} MiB); ` +
          `backup took ${seconds.toFixed(1)} s while ${duringBackup} more writes were acknowledged; ` +
          `${before.length} load writes acknowledged before it began, all in the copy (${rows.length} tasks)`,
      );
    } finally {
      copy.close();
    }

    // Restore: the copy becomes the database of a new server, which serves what it holds.
    const restoredDir = tempDir('backup-restored');
    fs.copyFileSync(target, path.join(restoredDir, 'leeway.sqlite'));
    const restored = await startServer(file, { DATA_DIR: restoredDir });
    servers.push(restored);
    client.base = restored.url;
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { status: number; body: TaskPage } = await client.request<TaskPage>(
        'GET',
        `${tasksPath}?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      for (const t of page.body.items) seen.add(t.id);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(before.filter((a) => !seen.has(a.id))).toEqual([]);
  }, 240_000);
});
