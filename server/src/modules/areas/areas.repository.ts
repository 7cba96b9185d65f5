import type { RiskClass } from '@leeway/core';
import { type Kysely, type Selectable, sql, type Transaction, type Updateable } from 'kysely';
import { prepared } from '../../db/prepared.ts';
import type { AreasTable, Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type AreaRow = Selectable<AreasTable>;

/** An area row with its guardrails parsed and its contributors attached. */
export interface AreaWithMembers extends AreaRow {
  memberIds: string[];
}

export function parseGuardrails(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export async function insertArea(db: Q, row: AreaRow): Promise<void> {
  await db.insertInto('areas').values(row).execute();
}

const findAreaQuery = prepared<{ workspaceId: string; areaId: string }, AreaRow>((db, p) =>
  db
    .selectFrom('areas')
    .selectAll()
    .where('workspace_id', '=', p('workspaceId'))
    .where('id', '=', p('areaId')),
);

/** Most task writes look up their area: compiled once (db/prepared.ts). */
export async function findArea(db: Q, workspaceId: string, areaId: string): Promise<AreaRow | undefined> {
  const [row] = await findAreaQuery(db, { workspaceId, areaId });
  return row;
}

export function listAreas(db: Q, workspaceId: string, includeArchived: boolean): Promise<AreaRow[]> {
  let query = db.selectFrom('areas').selectAll().where('workspace_id', '=', workspaceId);
  if (!includeArchived) query = query.where('archived_at', 'is', null);
  return query.orderBy(sql`lower(name)`).orderBy('id').execute();
}

/** Contributors of the given areas, by area id, each list sorted by user id. */
export async function contributorsOf(
  db: Q,
  workspaceId: string,
  areaIds: string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(areaIds.map((id) => [id, []]));
  if (areaIds.length === 0) return result;
  const rows = await db
    .selectFrom('area_members')
    .select(['area_id', 'user_id'])
    .where('workspace_id', '=', workspaceId)
    .where('area_id', 'in', areaIds)
    .orderBy('user_id')
    .execute();
  for (const row of rows) result.get(row.area_id)?.push(row.user_id);
  return result;
}

export async function replaceContributors(
  db: Q,
  workspaceId: string,
  areaId: string,
  userIds: string[],
  at: string,
): Promise<void> {
  await db
    .deleteFrom('area_members')
    .where('workspace_id', '=', workspaceId)
    .where('area_id', '=', areaId)
    .execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('area_members')
    .values(
      userIds.map((user_id) => ({ workspace_id: workspaceId, area_id: areaId, user_id, created_at: at })),
    )
    .execute();
}

export type AreaPatch = Partial<
  Pick<
    Updateable<AreasTable>,
    'name' | 'description' | 'owner_id' | 'backup_id' | 'guardrails' | 'max_level' | 'archived_at'
  > & { risk_class: RiskClass }
> & { updated_at: string };

/**
 * Applies a change only if the area still has the version the caller read: the check and
 * the write are one statement, so of two writers with the same version exactly one wins.
 * Returns the new row, or undefined when the version (or the area) was not there.
 */
export function updateAreaIfVersion(
  db: Q,
  workspaceId: string,
  areaId: string,
  version: number,
  patch: AreaPatch,
): Promise<AreaRow | undefined> {
  return db
    .updateTable('areas')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', areaId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

/** Of these user ids, the ones who are members of the workspace. */
const memberQuery = prepared<{ workspaceId: string; userId: string }, { user_id: string }>((db, p) =>
  db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', p('workspaceId'))
    .where('user_id', '=', p('userId')),
);

export async function memberIdsAmong(db: Q, workspaceId: string, userIds: string[]): Promise<Set<string>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Set();
  // One person (an assignee, the usual case): a statement compiled once.
  const [only] = ids;
  if (ids.length === 1 && only !== undefined) {
    return new Set((await memberQuery(db, { workspaceId, userId: only })).map((r) => r.user_id));
  }
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
