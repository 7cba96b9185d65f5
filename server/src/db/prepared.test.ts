import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { liveSessionQuery } from '../modules/auth/auth.repository.ts';
import { versionedUpdate, visibleRowQuery } from '../modules/tasks/tasks.repository.ts';
import { visibleTo } from '../modules/tasks/visibility.ts';
import { prepared, preparedFamily, preparedInsert } from './prepared.ts';
import type { Database } from './schema.ts';
import { GroupCommitSqliteDialect } from './sqlite-group-commit.ts';

// Compiling needs no connection: a PostgreSQL Kysely over a pool that is never used.
const dbs = {
  sqlite: () =>
    new Kysely<Database>({ dialect: new GroupCommitSqliteDialect(new SqliteDatabase(':memory:')) }),
  postgres: () => new Kysely<Database>({ dialect: new PostgresDialect({ pool: {} as never }) }),
};

describe.each(Object.entries(dbs))('prepared queries [%s]', (_name, open) => {
  it('compile to what Kysely builds for the same values, with each call its own values', () => {
    const db = open();
    for (const params of [
      { idHash: 'h1', now: '2026-11-26T10:00:00.000Z', workspaceId: 'w1' },
      { idHash: 'h2', now: '2026-11-27T10:00:00.000Z', workspaceId: '' },
    ]) {
      const direct = db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .leftJoin('memberships', (join) =>
          join
            .onRef('memberships.user_id', '=', 'users.id')
            .on('memberships.workspace_id', '=', params.workspaceId),
        )
        .selectAll('users')
        .select([
          'sessions.id as session_id',
          'sessions.csrf_token as session_csrf',
          'memberships.role as membership_role',
        ])
        .where('sessions.id', '=', params.idHash)
        .where('sessions.expires_at', '>', params.now)
        .compile();
      const fast = liveSessionQuery.compile(db, params);
      expect(fast.sql).toBe(direct.sql);
      expect(fast.parameters).toEqual(direct.parameters);
    }
  });

  it('builds the task gate exactly as visibleTo does, for owners and for assistants with 0–3 areas', () => {
    const db = open();
    const shapes = [
      { role: 'owner' as const, areas: [] as string[] },
      ...[0, 1, 2, 3].map((n) => ({
        role: 'assistant' as const,
        areas: Array.from({ length: n }, (_, i) => `area-${i}`),
      })),
    ];
    for (const { role, areas } of shapes) {
      const viewer = { role, userId: 'u1', areaIds: new Set(areas) };
      const direct = db
        .selectFrom('tasks')
        .selectAll()
        .where('workspace_id', '=', 'w1')
        .where('id', '=', 't1')
        .where(visibleTo(viewer))
        .compile();
      const values: Record<string, unknown> = { workspaceId: 'w1', taskId: 't1', userId: 'u1' };
      areas.forEach((id, i) => {
        values[`area${i}`] = id;
      });
      const fast = visibleRowQuery(role, areas.length).compile(db, values);
      expect(fast.sql).toBe(direct.sql);
      expect(fast.parameters).toEqual(direct.parameters);
    }
  });

  it('writes a versioned task update as Kysely would, with the bottom of a column as a subquery', () => {
    const db = open();
    const fast = versionedUpdate(['title', 'updated_at'], true).compile(db, {
      workspaceId: 'w1',
      taskId: 't1',
      version: 3,
      set_title: 'New',
      set_updated_at: '2026-11-27T10:00:00.000Z',
      endOf: 'done',
    });
    const direct = db
      .updateTable('tasks')
      .set((eb) => ({
        title: 'New',
        updated_at: '2026-11-27T10:00:00.000Z',
        position: db
          .selectFrom('tasks')
          .select(sql<number>`coalesce(max(position), 0) + ${sql.lit(1024)}`.as('position'))
          .where('workspace_id', '=', 'w1')
          .where('state', '=', 'done'),
        version: eb('version', '+', 1),
      }))
      .where('workspace_id', '=', 'w1')
      .where('id', '=', 't1')
      .where('version', '=', 3)
      .returningAll()
      .compile();
    expect(fast.sql).toBe(direct.sql);
    expect(fast.parameters).toEqual(direct.parameters);
  });

  it('keeps values the builder put in itself, and puts each named value wherever it is used', () => {
    const db = open();
    const query = prepared<{ a: string; b: number }, never>((k, p) =>
      k
        .selectFrom('tasks')
        .select('id')
        .where('title', '=', p('a'))
        .where('description', '=', p('a'))
        .where('position', '>', p('b'))
        .where('state', '=', 'done')
        .limit(5),
    );
    expect(query.compile(db, { a: 'x', b: 3 }).parameters).toEqual(['x', 'x', 3, 'done', 5]);
    expect(query.compile(db, { a: 'y', b: 4 }).parameters).toEqual(['y', 'y', 4, 'done', 5]);
  });
});

describe('preparedInsert', () => {
  it('inserts rows with different sets of columns, leaving out undefined ones as Kysely does', async () => {
    const raw = new SqliteDatabase(':memory:');
    raw.exec(
      "create table users (id text primary key, email text not null, name text not null default 'none')",
    );
    const db = new Kysely<Database>({ dialect: new GroupCommitSqliteDialect(raw) });
    const insert = preparedInsert('users');
    await insert(db, { id: '1', email: 'a@x', name: 'A' } as never);
    await insert(db, { id: '2', email: 'b@x', name: undefined } as never);
    await insert(db, { id: '3', email: 'c@x', name: 'C' } as never);
    expect(raw.prepare('select id, email, name from users order by id').all()).toEqual([
      { id: '1', email: 'a@x', name: 'A' },
      { id: '2', email: 'b@x', name: 'none' },
      { id: '3', email: 'c@x', name: 'C' },
    ]);
    await db.destroy();
  });
});

describe('preparedFamily', () => {
  it('makes each shape once, and past its limit compiles without keeping', () => {
    const made: string[] = [];
    const family = preparedFamily((key) => {
      made.push(key);
      return prepared<Record<string, unknown>, never>((k) => k.selectFrom('tasks').select(key as 'id'));
    }, 2);
    expect(family('id')).toBe(family('id'));
    family('title');
    family('state');
    family('state');
    expect(made).toEqual(['id', 'title', 'state', 'state']);
  });
});
