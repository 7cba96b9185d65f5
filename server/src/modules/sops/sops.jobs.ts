import { reviewDue } from '@leeway/core';
import { AfterCommit } from '../../events/after-commit.ts';
import type { Job } from '../../jobs/scheduler.ts';
import { HOUR } from '../../lib/clock.ts';
import { notify } from '../notifications/notifications.service.ts';
import { areaIdsOf } from '../tasks/visibility.ts';
import { claimReminder, reminderCandidates } from './sops.repository.ts';

const BATCH = 100;

/**
 * Due reviews show up as reminders (DESIGN §6): once the review interval has passed since an
 * SOP's last publication, its owner is told once. Each reminder is claimed with a conditional
 * update of `review_reminded_at` (it must still hold the value read), in the same transaction
 * as the notification, so two nodes never remind twice. Publishing again resets the period.
 */
export const sopReviewReminderJob: Job = {
  name: 'sop-review-reminders',
  everyMs: HOUR,
  run: async (deps) => {
    const now = deps.clock.now();
    const at = now.toISOString();
    let reminded = 0;
    const workspaces = await deps.db.selectFrom('workspaces').select('id').orderBy('id').execute();
    for (const { id: workspaceId } of workspaces) {
      let afterId = '';
      for (;;) {
        const batch = await reminderCandidates(deps.db, workspaceId, afterId, BATCH);
        for (const sop of batch) {
          afterId = sop.id;
          const due = reviewDue(
            {
              status: sop.status,
              reviewEveryDays: sop.review_every_days,
              lastPublishedAt: sop.last_published_at,
            },
            now,
          );
          if (!due) continue;
          const after = new AfterCommit();
          const done = await deps.db.transaction().execute(async (trx) => {
            if (!(await claimReminder(trx, workspaceId, sop.id, sop.review_reminded_at, at))) return false;
            const recipient = await reviewer(trx, workspaceId, sop.owner_id, sop.area_id);
            if (recipient === null) return true;
            const told = await notify(trx, deps, {
              workspaceId,
              kind: 'sop_review_due',
              recipientIds: [recipient],
              taskId: null,
              actorId: null,
              excerpt: sop.title,
              subjectType: 'sop',
              subjectId: sop.id,
            });
            after.notified(workspaceId, told);
            return true;
          });
          after.flush(deps);
          if (done) reminded += 1;
        }
        if (batch.length < BATCH) break;
      }
    }
    return reminded;
  },
};

/**
 * Who is reminded: the SOP's owner while they may still see it (an owner of the workspace or
 * someone with a role in the area), else the area's owner.
 */
async function reviewer(
  trx: Parameters<typeof areaIdsOf>[0],
  workspaceId: string,
  ownerId: string | null,
  areaId: string,
): Promise<string | null> {
  if (ownerId !== null) {
    const membership = await trx
      .selectFrom('memberships')
      .select('role')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', ownerId)
      .executeTakeFirst();
    if (membership?.role === 'owner') return ownerId;
    if (membership && (await areaIdsOf(trx, workspaceId, ownerId)).has(areaId)) return ownerId;
  }
  const area = await trx
    .selectFrom('areas')
    .innerJoin('memberships', (join) =>
      join
        .onRef('memberships.user_id', '=', 'areas.owner_id')
        .onRef('memberships.workspace_id', '=', 'areas.workspace_id'),
    )
    .select('areas.owner_id')
    .where('areas.workspace_id', '=', workspaceId)
    .where('areas.id', '=', areaId)
    .executeTakeFirst();
  return area?.owner_id ?? null;
}

export const sopJobs: Job[] = [sopReviewReminderJob];
