import type { Transaction } from 'kysely';
import type { Deps } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import type { AfterCommit } from '../../events/after-commit.ts';
import { openDraftInTx } from './sops.service.ts';

/**
 * A lesson's `sop_change` follow-up opens a draft version of its SOP (DESIGN §8): the open
 * draft when there is one (it is then linked to the follow-up), else a copy of the current
 * version. Returns the draft version's id. Publishing that draft closes the follow-up.
 * No permission check here: the lessons service checked them.
 */
export async function openDraftForFollowUp(
  trx: Transaction<Database>,
  _deps: Deps,
  _after: AfterCommit,
  input: { workspaceId: string; sopId: string; followUpId: string; actorId: string; at: string },
): Promise<string> {
  return openDraftInTx(trx, input);
}
