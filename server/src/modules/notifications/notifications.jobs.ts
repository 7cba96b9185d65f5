import type { Job } from '../../jobs/scheduler.ts';
import { MINUTE } from '../../lib/clock.ts';
import {
  remindDueTasks,
  sendDigests,
  sendImmediateMails,
  sendWeeklyDigests,
} from './notifications.service.ts';

/** Mails each immediate notification once (claimed row by row, safe on several nodes). */
export const notificationMailJob: Job = {
  name: 'notification-mail',
  everyMs: MINUTE,
  run: sendImmediateMails,
};

/**
 * The digests: checked every quarter hour; the daily one goes out once a day per person from
 * 08:00 their time, the weekly one (the ladder's L4) on Mondays from 08:00.
 */
export const notificationDigestJob: Job = {
  name: 'notification-digest',
  everyMs: 15 * MINUTE,
  run: async (deps) => (await sendDigests(deps)) + (await sendWeeklyDigests(deps)),
};

/** "Due soon" (within 24 h) and "overdue" reminders to assignees, each once per task. */
export const dueReminderJob: Job = {
  name: 'due-reminders',
  everyMs: 5 * MINUTE,
  run: remindDueTasks,
};

export const notificationJobs: Job[] = [notificationMailJob, notificationDigestJob, dueReminderJob];
