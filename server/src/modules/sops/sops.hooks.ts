import type { Transaction } from 'kysely';
import type { Deps } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import type { AfterCommit } from '../../events/after-commit.ts';

/**
 * A lesson's `sop_change` follow-up opens a draft version of its SOP (DESIGN §8): the open
 * draft when there is one (it is then linked to the follow-up), else a copy of the current
 * version. Returns the draft version's id. Publishing that draft closes the follow-up.
 */
export async function openDraftForFollowUp(
  _trx: Transaction<Database>,
  _deps: Deps,
  _after: AfterCommit,
  _input: { workspaceId: string; sopId: string; followUpId: string; actorId: string; at: string },
): Promise<string> {
  throw new Error('not implemented yet');
}
