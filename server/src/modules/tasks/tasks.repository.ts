import type { TaskEvent, TaskSortField, TaskState, Viewer } from '@leeway/core';
import {
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type Selectable,
  type SqlBool,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Dialect } from '../../db/database.ts';
import { prepared, preparedFamily } from '../../db/prepared.ts';
import type { Database, TasksTable } from '../../db/schema.ts';
import { visibleTo } from './visibility.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type TaskRow = Selectable<TasksTable>;

/** Gap between neighbouring cards when a column is laid out afresh. */
export const POSITION_STEP = 1024;

export function parseStringArray(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The bottom of a column, found by the statement that writes the task (an insert's value, an
 * update's `set`): the same number `endOfColumn` reads, without a round trip of its own.
 */
export class EndOfColumn {
  constructor(readonly state: TaskState) {}
}

function endOfColumnExpression(db: Kysely<Database>, workspaceId: string, state: TaskState) {
  return db
    .selectFrom('tasks')
    .select(sql<number>`coalesce(max(position), 0) + ${sql.lit(POSITION_STEP)}`.as('position'))
    .where('workspace_id', '=', workspaceId)
    .where('state', '=', state);
}

const insertAtEnd = preparedFamily((key) => {
  const columns = key.split(',');
  return prepared<Record<string, unknown>, { position: number | string }>((db, p) =>
    db
      .insertInto('tasks')
      .values({
        ...(Object.fromEntries(columns.map((c) => [c, p(c)])) as unknown as TaskRow),
        position: endOfColumnExpression(db, p('workspace_id') as string, p('state') as TaskState),
      })
      .returning('position'),
  );
});

/**
 * Inserts a task at the bottom of its state's column; returns the position it got. Creating is
 * the hottest write: the insert is compiled once per set of columns (db/prepared.ts).
 */
export async function insertTaskAtEndOfColumn(db: Q, row: Omit<TaskRow, 'position'>): Promise<number> {
  const values = row as Record<string, unknown>;
  const columns = Object.keys(values).filter((column) => values[column] !== undefined);
  const [inserted] = await insertAtEnd(columns.join(','))(db, values);
  return Number(inserted?.position);
}

export function findTaskRow(db: Q, workspaceId: string, taskId: string): Promise<TaskRow | undefined> {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .executeTakeFirst();
}

/** The whole row of a task the viewer may see, or undefined (missing and invisible look alike). */
export async function findVisibleTaskRow(
  db: Q,
  viewer: Viewer,
  workspaceId: string,
  taskId: string,
): Promise<TaskRow | undefined> {
  // The gate of every task route: one statement per shape of the viewer (an owner; an
  // assistant with n areas), built by the same `visibleTo` and compiled once (db/prepared.ts).
  const areaIds = [...viewer.areaIds];
  const query = visibleRows(viewer.role === 'owner' ? 'owner' : String(areaIds.length));
  const values: Record<string, unknown> = { workspaceId, taskId, userId: viewer.userId };
  areaIds.forEach((id, i) => {
    values[`area${i}`] = id;
  });
  const [row] = await query(db, values);
  return row;
}

const visibleRows = preparedFamily((key) =>
  key === 'owner' ? visibleRowQuery('owner', 0) : visibleRowQuery('assistant', Number(key)),
);
/** The gate's statement for one viewer shape (exported for the test that compares its SQL). */
export function visibleRowQuery(role: Viewer['role'], areaCount: number) {
  return prepared<Record<string, unknown>, TaskRow>((db, p) => {
    const viewer: Viewer = {
      role,
      userId: p('userId') as string,
      areaIds: new Set(Array.from({ length: areaCount }, (_, i) => p(`area${i}`) as string)),
    };
    return db
      .selectFrom('tasks')
      .selectAll()
      .where('workspace_id', '=', p('workspaceId') as string)
      .where('id', '=', p('taskId') as string)
      .where(visibleTo(viewer));
  });
}

/**
 * Serialises writers on one task (checklist counters, board moves) on PostgreSQL. SQLite runs
 * Kysely's transactions one at a time on its single connection, so it needs nothing.
 */
export async function lockTask(
  trx: Transaction<Database>,
  dialect: Dialect,
  workspaceId: string,
  taskId: string,
): Promise<void> {
  if (dialect === 'postgres') {
    await sql`select id from tasks where workspace_id = ${workspaceId} and id = ${taskId} for no key update`.execute(
      trx,
    );
  }
}

/**
 * Board moves of one workspace take turns on PostgreSQL (a transaction-scoped advisory lock,
 * which unlike a row lock on the workspace never waits for, or blocks, inserts of other
 * rows), so two drops never pick the same slot or renumber a column under each other.
 */
export async function lockMoves(
  trx: Transaction<Database>,
  dialect: Dialect,
  workspaceId: string,
): Promise<void> {
  if (dialect === 'postgres') {
    await sql`select pg_advisory_xact_lock(hashtext(${`leeway.moves:${workspaceId}`}))`.execute(trx);
  }
}

const endOfColumnQuery = prepared<{ workspaceId: string; state: TaskState }, { position: number | string }>(
  (db, p) => endOfColumnExpression(db, p('workspaceId'), p('state')),
);

/** The position for a card appended to the bottom of a column (the same rule as `EndOfColumn`). */
export async function endOfColumn(db: Q, workspaceId: string, state: TaskState): Promise<number> {
  const [row] = await endOfColumnQuery(db, { workspaceId, state });
  return Number(row?.position ?? POSITION_STEP);
}

export interface Slot {
  id: string;
  position: number;
}

/**
 * The card right below `after` in a column (the top card when `after` is null), skipping the
 * card being moved. Ties in position are broken by id, as in every list sorted by position.
 */
export function nextInColumn(
  db: Q,
  workspaceId: string,
  state: TaskState,
  after: Slot | null,
  skipId: string,
): Promise<Slot | undefined> {
  let query = db
    .selectFrom('tasks')
    .select(['id', 'position'])
    .where('workspace_id', '=', workspaceId)
    .where('state', '=', state)
    .where('id', '!=', skipId);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('position', '>', after.position),
        eb.and([eb('position', '=', after.position), eb('id', '>', after.id)]),
      ]),
    );
  }
  return query.orderBy('position').orderBy('id').limit(1).executeTakeFirst();
}

/** Lays a column out afresh at even gaps, keeping its order; used when gaps got too small. */
export async function renumberColumn(
  db: Q,
  workspaceId: string,
  state: TaskState,
  skipId: string,
): Promise<void> {
  const rows = await db
    .selectFrom('tasks')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('state', '=', state)
    .where('id', '!=', skipId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  for (const [index, row] of rows.entries()) {
    await db
      .updateTable('tasks')
      .set({ position: (index + 1) * POSITION_STEP })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', row.id)
      .execute();
  }
}

export async function positionOf(db: Q, workspaceId: string, taskId: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('tasks')
    .select('position')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .executeTakeFirst();
  return row?.position;
}

export type TaskPatch = Omit<
  Updateable<TasksTable>,
  'id' | 'workspace_id' | 'version' | 'creator_id' | 'position'
> & {
  position?: number | EndOfColumn;
};

/** `patch` as Kysely's `set` takes it: an `EndOfColumn` becomes the subquery that finds it. */
function settable(db: Q, workspaceId: string, patch: TaskPatch) {
  const { position, ...rest } = patch;
  if (position instanceof EndOfColumn) {
    return { ...rest, position: endOfColumnExpression(db as Kysely<Database>, workspaceId, position.state) };
  }
  return position === undefined ? rest : { ...rest, position };
}

/**
 * Applies a change only if the task still has the version the caller read. Check and write
 * are one statement, so of two writers with the same version exactly one wins, on both
 * databases (PostgreSQL re-checks the condition after waiting for the first writer's lock).
 */
export async function updateTaskIfVersion(
  db: Q,
  workspaceId: string,
  taskId: string,
  version: number,
  patch: TaskPatch,
): Promise<TaskRow | undefined> {
  // Every edit, submission and review writes through here: one statement per set of changed
  // columns, compiled once (db/prepared.ts).
  const { position, ...rest } = patch;
  const changed = rest as Record<string, unknown>;
  const columns = Object.keys(changed).filter((c) => changed[c] !== undefined);
  const values: Record<string, unknown> = { workspaceId, taskId, version };
  for (const c of columns) values[`set_${c}`] = changed[c];
  let endOf: TaskState | null = null;
  if (position instanceof EndOfColumn) endOf = position.state;
  else if (position !== undefined) {
    columns.push('position');
    values.set_position = position;
  }
  if (endOf !== null) values.endOf = endOf;
  const [row] = await versionedUpdates(`${columns.join(',')}${endOf !== null ? '|end' : ''}`)(db, values);
  return row;
}

const versionedUpdates = preparedFamily((key) => {
  const [columns = '', end] = key.split('|');
  return versionedUpdate(columns === '' ? [] : columns.split(','), end === 'end');
});
/** The versioned update for one set of columns (exported for the test that compares its SQL). */
export function versionedUpdate(columns: readonly string[], toEndOfColumn: boolean) {
  return prepared<Record<string, unknown>, TaskRow>((db, p) =>
    db
      .updateTable('tasks')
      .set(
        (eb) =>
          ({
            ...Object.fromEntries(columns.map((c) => [c, p(`set_${c}`)])),
            ...(toEndOfColumn
              ? { position: endOfColumnExpression(db, p('workspaceId') as string, p('endOf') as TaskState) }
              : {}),
            version: eb('version', '+', 1),
          }) as never,
      )
      .where('workspace_id', '=', p('workspaceId') as string)
      .where('id', '=', p('taskId') as string)
      .where('version', '=', p('version') as number)
      .returningAll(),
  );
}

/** `updateTaskColumns`, answering with the row as written (where the statement found values, as `EndOfColumn`). */
export function updateTaskColumnsReturning(
  db: Q,
  workspaceId: string,
  taskId: string,
  patch: TaskPatch,
): Promise<TaskRow | undefined> {
  return db
    .updateTable('tasks')
    .set(settable(db, workspaceId, patch))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .returningAll()
    .executeTakeFirst();
}

/** A change that is part of another one (series id, counters): no version bump. */
export async function updateTaskColumns(
  db: Q,
  workspaceId: string,
  taskId: string,
  patch: TaskPatch,
): Promise<void> {
  await db
    .updateTable('tasks')
    .set(settable(db, workspaceId, patch))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .execute();
}

/**
 * Deletes a task; its review records go with it (cascade). The replay checkpoints of the cells
 * they counted in were folded from them, so those go first: the next replay starts afresh.
 */
export async function deleteTaskRow(db: Q, workspaceId: string, taskId: string): Promise<void> {
  const cells = await db
    .selectFrom('review_records')
    .select(['member_id', 'area_id'])
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('task_id', '=', taskId)
    .execute();
  for (const { member_id, area_id } of cells) {
    if (member_id === null || area_id === null) continue;
    await db
      .deleteFrom('replay_checkpoints')
      .where('workspace_id', '=', workspaceId)
      .where('member_id', '=', member_id)
      .where('area_id', '=', area_id)
      .execute();
  }
  await db.deleteFrom('tasks').where('workspace_id', '=', workspaceId).where('id', '=', taskId).execute();
}

/** Replaces the label mirror used for filtering (the `labels` JSON column is the display copy). */
export async function replaceTaskLabels(
  db: Q,
  workspaceId: string,
  taskId: string,
  labels: string[],
): Promise<void> {
  await db
    .deleteFrom('task_labels')
    .where('workspace_id', '=', workspaceId)
    .where('task_id', '=', taskId)
    .execute();
  if (labels.length === 0) return;
  await db
    .insertInto('task_labels')
    .values(labels.map((label) => ({ workspace_id: workspaceId, task_id: taskId, label })))
    .execute();
}

/** Distinct labels of the tasks the viewer may see, sorted. */
export async function visibleLabels(db: Q, viewer: Viewer, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('task_labels')
    .select('label')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('task_id', 'in', (eb) =>
      eb
        .selectFrom('tasks')
        .select('tasks.id')
        .where('tasks.workspace_id', '=', workspaceId)
        .where(visibleTo(viewer)),
    )
    .orderBy('label')
    .execute();
  return rows.map((r) => r.label);
}

/** A task's history, oldest first, with the actors' current names ('' for the system). */
export async function listTaskEvents(db: Q, workspaceId: string, taskId: string): Promise<TaskEvent[]> {
  const rows = await db
    .selectFrom('task_events')
    .leftJoin('users', 'users.id', 'task_events.actor_id')
    .select([
      'task_events.id',
      'task_events.actor_id',
      'users.name as actor_name',
      'task_events.kind',
      'task_events.data',
      'task_events.created_at',
    ])
    .where('task_events.workspace_id', '=', workspaceId)
    .where('task_events.task_id', '=', taskId)
    .orderBy('task_events.created_at')
    .orderBy('task_events.id')
    .execute();
  return rows.map((row) => {
    let data: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(row.data);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        data = parsed as Record<string, unknown>;
    } catch {
      // A row written by hand or by an older version: show it without details.
    }
    return {
      id: row.id,
      actorId: row.actor_id,
      actorName: row.actor_name ?? '',
      kind: row.kind,
      data,
      createdAt: row.created_at,
    };
  });
}

/** The creator of the newest instance of a series: the creator of a recurring task's copies. */
export async function seriesCreator(
  db: Q,
  workspaceId: string,
  seriesId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('tasks')
    .select('creator_id')
    .where('workspace_id', '=', workspaceId)
    .where('series_id', '=', seriesId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.creator_id;
}

export async function anyOwnerOf(db: Q, workspaceId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.user_id;
}

// ---------------------------------------------------------------------------------------------
// Listing: filters, allowlisted sort keys, keyset pagination.

export interface TaskFilter {
  states?: TaskState[];
  /** An area id, or null for the inbox (tasks without an area). */
  areaId?: string | null;
  /** A member id, or null for unassigned tasks. */
  assigneeId?: string | null;
  label?: string;
  dueFrom?: string;
  dueTo?: string;
  overdue?: boolean;
  blocked?: boolean;
  q?: string;
  /** Tasks serving this mission. */
  missionId?: string;
  /** "Now", for `overdue`. */
  now: string;
}

export interface TaskOrder {
  field: TaskSortField;
  direction: 'asc' | 'desc';
}

/** Where the previous page ended: the sort key of its last row and that row's id. */
export interface Keyset {
  value: string | number;
  id: string;
}

const FAR_FUTURE = '9999-12-31T23:59:59.999Z';
const FAR_PAST = '0001-01-01T00:00:00.000Z';

/**
 * The SQL expression each sort field orders by. An allowlist: no identifier is ever built
 * from input. Missing due dates sort last in both directions.
 */
function sortKey(order: TaskOrder): RawBuilder<string | number> {
  switch (order.field) {
    case 'position':
      return sql<number>`tasks.position`;
    case 'due':
      return sql<string>`coalesce(tasks.due_at, ${order.direction === 'asc' ? FAR_FUTURE : FAR_PAST})`;
    case 'priority':
      return sql<number>`(case tasks.priority when 'urgent' then 4 when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end)`;
    case 'updated':
      return sql<string>`tasks.updated_at`;
    case 'created':
      return sql<string>`tasks.created_at`;
    case 'title':
      return sql<string>`lower(tasks.title)`;
  }
}

/** The sort key of a row as the next page's cursor must carry it. */
export function keysetOf(row: TaskListRow, order: TaskOrder): Keyset {
  switch (order.field) {
    case 'due':
      return { value: row.due_at ?? (order.direction === 'asc' ? FAR_FUTURE : FAR_PAST), id: row.id };
    case 'updated':
      return { value: row.updated_at, id: row.id };
    case 'created':
      return { value: row.created_at, id: row.id };
    case 'position':
      return { value: row.position, id: row.id };
    default:
      // Priority rank and lower-cased title: as the database computed them.
      return { value: row.sort_key, id: row.id };
  }
}

/** `%` and `_` match literally in a search: escape them (and the escape character itself). */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

export type TaskListRow = TaskRow & { sort_key: string | number };

export async function listTaskRows(
  db: Q,
  viewer: Viewer,
  workspaceId: string,
  filter: TaskFilter,
  order: TaskOrder,
  after: Keyset | null,
  limit: number,
): Promise<TaskListRow[]> {
  const key = sortKey(order);
  let query = db
    .selectFrom('tasks')
    .selectAll('tasks')
    .select(key.as('sort_key'))
    .where('tasks.workspace_id', '=', workspaceId)
    .where(visibleTo(viewer));

  if (filter.states && filter.states.length > 0) query = query.where('tasks.state', 'in', filter.states);
  if (filter.missionId !== undefined) query = query.where('tasks.mission_id', '=', filter.missionId);
  if (filter.areaId !== undefined) {
    query =
      filter.areaId === null
        ? query.where('tasks.area_id', 'is', null)
        : query.where('tasks.area_id', '=', filter.areaId);
  }
  if (filter.assigneeId !== undefined) {
    query =
      filter.assigneeId === null
        ? query.where('tasks.assignee_id', 'is', null)
        : query.where('tasks.assignee_id', '=', filter.assigneeId);
  }
  const label = filter.label;
  if (label !== undefined) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('task_labels')
          .select('task_labels.task_id')
          .whereRef('task_labels.task_id', '=', 'tasks.id')
          .where('task_labels.workspace_id', '=', workspaceId)
          .where('task_labels.label', '=', label),
      ),
    );
  }
  if (filter.dueFrom !== undefined) query = query.where('tasks.due_at', '>=', filter.dueFrom);
  if (filter.dueTo !== undefined) query = query.where('tasks.due_at', '<=', filter.dueTo);
  if (filter.overdue !== undefined) {
    const now = filter.now;
    const overdue = (eb: ExpressionBuilder<Database, 'tasks'>) =>
      eb.and([
        eb('tasks.due_at', 'is not', null),
        eb('tasks.due_at', '<', now),
        eb('tasks.state', 'not in', ['done', 'cancelled']),
      ]);
    query = filter.overdue ? query.where(overdue) : query.where((eb) => eb.not(overdue(eb)));
  }
  if (filter.blocked !== undefined) query = query.where('tasks.blocked', '=', filter.blocked ? 1 : 0);
  if (filter.q !== undefined) {
    const pattern = likePattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        sql<SqlBool>`lower(tasks.title) like ${pattern} escape '!'`,
        sql<SqlBool>`lower(tasks.description) like ${pattern} escape '!'`,
        eb.exists(
          eb
            .selectFrom('comments')
            .select('comments.id')
            .whereRef('comments.task_id', '=', 'tasks.id')
            .where('comments.workspace_id', '=', workspaceId)
            .where(sql<SqlBool>`lower(comments.body) like ${pattern} escape '!'`),
        ),
      ]),
    );
  }

  const asc = order.direction === 'asc';
  if (after) {
    const cmp = asc ? sql.raw('>') : sql.raw('<');
    query = query.where(
      sql<SqlBool>`(${key} ${cmp} ${after.value} or (${key} = ${after.value} and tasks.id ${cmp} ${after.id}))`,
    );
  }
  return query
    .orderBy(key, asc ? 'asc' : 'desc')
    .orderBy('tasks.id', asc ? 'asc' : 'desc')
    .limit(limit)
    .execute();
}
