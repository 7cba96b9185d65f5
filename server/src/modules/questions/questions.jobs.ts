import { AfterCommit } from '../../events/after-commit.ts';
import type { Job } from '../../jobs/scheduler.ts';
import { plainExcerpt } from '../../lib/markdown.ts';
import { ownerIds } from '../autonomy/autonomy.repository.ts';
import { loadSettings } from '../autonomy/autonomy.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { usersWhoSee } from '../tasks/visibility.ts';
import {
  claimWaitingNotice,
  findTaskRow,
  waitingUnnotified,
  workspacesWithUnnotified,
} from './questions.repository.ts';

const BATCH = 100;
const HOUR_MS = 3_600_000;

/**
 * Questions unanswered longer than the workspace's `questionUnansweredHours` (DESIGN §11): the
 * owners and the addressee hear of it once per asking. The notice is claimed by a conditional
 * update of `waiting_notified_at` in the notification's transaction, so concurrent passes (or
 * nodes) send it exactly once, and a failed pass leaves it for the next.
 */
export const waitingQuestionJob: Job = {
  name: 'questions-waiting',
  everyMs: 10 * 60_000,
  run: async (deps) => {
    const nowMs = deps.clock.now().getTime();
    const now = new Date(nowMs).toISOString();
    let told = 0;
    for (const workspaceId of await workspacesWithUnnotified(deps.db)) {
      const settings = await loadSettings(deps.db, workspaceId);
      const cutoff = new Date(nowMs - settings.notifications.questionUnansweredHours * HOUR_MS).toISOString();
      for (;;) {
        const batch = await waitingUnnotified(deps.db, workspaceId, cutoff, BATCH);
        for (const question of batch) {
          const after = new AfterCommit();
          const claimed = await deps.db.transaction().execute(async (trx) => {
            if (!(await claimWaitingNotice(trx, question.id, now))) return false;
            // The asker knows they are waiting; an owner who asked is not told of their own question.
            const wanted = [
              ...(await ownerIds(trx, workspaceId)),
              ...(question.addressee_id ? [question.addressee_id] : []),
            ].filter((id) => id !== question.asker_id);
            const task = question.task_id ? await findTaskRow(trx, workspaceId, question.task_id) : undefined;
            const recipients = await notify(trx, deps, {
              workspaceId,
              kind: 'question_waiting',
              recipientIds: task ? await usersWhoSee(trx, task, wanted) : wanted,
              taskId: question.task_id,
              actorId: null,
              excerpt: plainExcerpt(question.body),
              subjectType: 'question',
              subjectId: question.id,
            });
            after.notified(workspaceId, recipients);
            return true;
          });
          after.flush(deps);
          if (claimed) told += 1;
        }
        // Every row of a batch is either claimed now or by someone else: the next batch is new.
        if (batch.length < BATCH) break;
      }
    }
    return told;
  },
};

/** Questions waiting over 24 hours: the principals hear of them at once (DESIGN §11). */
export const questionJobs: Job[] = [waitingQuestionJob];
