import type { Transaction } from 'kysely';
import type { Deps } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import type { AfterCommit } from '../../events/after-commit.ts';
import type { TaskRow } from '../tasks/tasks.repository.ts';

/**
 * What other modules tell onboarding plans, in their own transaction: an acknowledgement or
 * a finished task ticks the matching plan item by itself (issue 5).
 */
export async function onSopAcknowledged(
  _trx: Transaction<Database>,
  _deps: Deps,
  _after: AfterCommit,
  _input: { workspaceId: string; memberId: string; sopId: string; at: string },
): Promise<void> {}

export async function onTaskCompletedForOnboarding(
  _trx: Transaction<Database>,
  _deps: Deps,
  _after: AfterCommit,
  _task: TaskRow,
): Promise<void> {}
