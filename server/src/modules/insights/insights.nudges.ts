import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Window } from './insights.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * The redundant-nudges signal's rows (DESIGN §10). Whether a nudge was redundant was decided
 * when it was sent (the task had changed in the 24 h before), so these are plain counts over
 * `task_nudges` (index task_nudges_pair_idx). Windows are half-open: [start, end).
 */

/** Redundant nudges per principal × assignee in the window, keyed `principalId|assigneeId`. */
export async function redundantNudgeCounts(
  db: Q,
  workspaceId: string,
  principalIds: string[],
  assistantIds: string[],
  w: Window,
): Promise<Map<string, number>> {
  if (principalIds.length === 0 || assistantIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('task_nudges')
    .select(['principal_id', 'assignee_id', (eb) => eb.fn.countAll().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('principal_id', 'in', principalIds)
    .where('assignee_id', 'in', assistantIds)
    .where('redundant', '=', 1)
    .where('created_at', '>=', w.start)
    .where('created_at', '<', w.end)
    .groupBy(['principal_id', 'assignee_id'])
    .execute();
  return new Map(rows.map((r) => [`${r.principal_id}|${r.assignee_id ?? ''}`, Number(r.n ?? 0)]));
}

/** When one principal's redundant nudges to one assistant were sent, over the range (the trend). */
export async function redundantNudgeTimes(
  db: Q,
  workspaceId: string,
  principalId: string,
  assistantId: string,
  w: Window,
): Promise<string[]> {
  const rows = await db
    .selectFrom('task_nudges')
    .select('created_at')
    .where('workspace_id', '=', workspaceId)
    .where('principal_id', '=', principalId)
    .where('assignee_id', '=', assistantId)
    .where('redundant', '=', 1)
    .where('created_at', '>=', w.start)
    .where('created_at', '<', w.end)
    .execute();
  return rows.map((r) => r.created_at);
}
