import { type IsoWeekday, isCheckInDue, nextCheckInReminder } from '@leeway/core';
import { AfterCommit } from '../../events/after-commit.ts';
import type { Job } from '../../jobs/scheduler.ts';
import { notify } from '../notifications/notifications.service.ts';
import { claimReminder, dueReminders, lastSubmittedAt, membershipOf } from './checkins.repository.ts';

const BATCH = 100;

/**
 * Reminders whose time has come: each is moved on to its next week by a conditional update
 * (claimed by exactly one pass, on any node) in the notification's transaction, and the member
 * is told only if they have not checked in yet this week (their week, in their zone).
 */
export const checkInReminderJob: Job = {
  name: 'check-in-reminders',
  everyMs: 5 * 60_000,
  run: async (deps) => {
    const now = deps.clock.now().toISOString();
    let told = 0;
    for (;;) {
      const batch = await dueReminders(deps.db, now, BATCH);
      if (batch.length === 0) break;
      for (const reminder of batch) {
        const after = new AfterCommit();
        const next = nextCheckInReminder(
          { weekday: reminder.weekday as IsoWeekday, time: reminder.time, timeZone: reminder.time_zone },
          now,
        );
        const sent = await deps.db.transaction().execute(async (trx) => {
          if (!(await claimReminder(trx, reminder, next))) return false;
          const member = await membershipOf(trx, reminder.workspace_id, reminder.member_id);
          if (member?.role !== 'assistant') return false;
          const last = await lastSubmittedAt(trx, reminder.workspace_id, reminder.member_id);
          if (!isCheckInDue(last, now, member.time_zone)) return false;
          const recipients = await notify(trx, deps, {
            workspaceId: reminder.workspace_id,
            kind: 'checkin_reminder',
            recipientIds: [reminder.member_id],
            taskId: null,
            actorId: null,
            excerpt: '',
          });
          after.notified(reminder.workspace_id, recipients);
          return recipients.length > 0;
        });
        after.flush(deps);
        if (sent) told += 1;
      }
      // Claimed rows leave the due set (their next time lies ahead), so the loop ends.
      if (batch.length < BATCH) break;
    }
    return told;
  },
};

/** Weekly check-in reminders at the time each assistant chose. */
export const checkInJobs: Job[] = [checkInReminderJob];
