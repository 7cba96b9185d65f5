import { AfterCommit } from '../../events/after-commit.ts';
import type { Job } from '../../jobs/scheduler.ts';
import { ownerIds } from '../autonomy/autonomy.repository.ts';
import { notify } from '../notifications/notifications.service.ts';
import { claimOverdueNotice, overdueUnnotified } from './lessons.repository.ts';

const BATCH = 100;

/**
 * Follow-ups past their due date (DESIGN §8): the workspace's owners and the follow-up's
 * owner are told once. Each reminder is claimed by a conditional update of
 * `overdue_notified_at` in the same transaction as the notification, so two nodes never
 * send it twice and a failed pass leaves it for the next.
 */
export const overdueFollowUpJob: Job = {
  name: 'lesson-follow-ups-overdue',
  everyMs: 60 * 60_000,
  run: async (deps) => {
    const now = deps.clock.now().toISOString();
    let told = 0;
    for (;;) {
      const batch = await overdueUnnotified(deps.db, now, BATCH);
      if (batch.length === 0) break;
      for (const followUp of batch) {
        const after = new AfterCommit();
        const claimed = await deps.db.transaction().execute(async (trx) => {
          if (!(await claimOverdueNotice(trx, followUp.id, now))) return false;
          const owners = await ownerIds(trx, followUp.workspace_id);
          const recipients = await notify(trx, deps, {
            workspaceId: followUp.workspace_id,
            kind: 'follow_up',
            recipientIds: [...owners, ...(followUp.owner_id ? [followUp.owner_id] : [])],
            taskId: null,
            actorId: null,
            excerpt: `${followUp.title} (${followUp.lesson_title})`,
            subjectType: 'lesson',
            subjectId: followUp.lesson_id,
          });
          after.notified(followUp.workspace_id, recipients);
          return true;
        });
        after.flush(deps);
        if (claimed) told += 1;
      }
      if (batch.length < BATCH) break;
    }
    return told;
  },
};

/** Overdue follow-up reminders. */
export const lessonJobs: Job[] = [overdueFollowUpJob];
