import type { Role, Viewer } from '@leeway/core';
import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** The areas where a member holds a role: owner, backup or contributor. */
export async function areaIdsOf(db: Q, workspaceId: string, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('areas')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('owner_id', '=', userId), eb('backup_id', '=', userId)]))
    .union(
      db
        .selectFrom('area_members')
        .select('area_id as id')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function loadViewer(db: Q, workspaceId: string, userId: string, role: Role): Promise<Viewer> {
  return { userId, role, areaIds: role === 'owner' ? new Set() : await areaIdsOf(db, workspaceId, userId) };
}

/**
 * The SQL form of core's canSeeTask, for every query that lists or loads tasks (and rows
 * hanging off a task). Owners see everything; an assistant sees tasks in their areas,
 * assigned to them, or created by them. `alias` is the tasks table's name in the query.
 */
export function visibleTo(viewer: Viewer, alias = 'tasks') {
  return (eb: ExpressionBuilder<Database, 'tasks'>) => {
    if (viewer.role === 'owner') return sql<boolean>`1 = 1`;
    const col = (name: string) => sql.ref(`${alias}.${name}`);
    const areaIds = [...viewer.areaIds];
    const conditions = [
      eb(col('assignee_id'), '=', viewer.userId),
      eb(col('creator_id'), '=', viewer.userId),
    ];
    if (areaIds.length > 0) conditions.push(eb(col('area_id'), 'in', areaIds));
    return eb.or(conditions);
  };
}
