import { attachmentSweepJob } from '../modules/attachments/attachments.jobs.ts';
import { autonomyJobs } from '../modules/autonomy/autonomy.jobs.ts';
import { checkInJobs } from '../modules/checkins/checkins.jobs.ts';
import { insightsDigestJob } from '../modules/insights/insights.digest.ts';
import { lessonJobs } from '../modules/lessons/lessons.jobs.ts';
import { notificationJobs } from '../modules/notifications/notifications.jobs.ts';
import { questionJobs } from '../modules/questions/questions.jobs.ts';
import { recurrenceJob } from '../modules/recurrence/recurrence.service.ts';
import { sopJobs } from '../modules/sops/sops.jobs.ts';
import type { Job } from './scheduler.ts';

/** Every scheduled job, listed here so anyone can grep where background work comes from. */
export const jobs: Job[] = [
  ...notificationJobs,
  attachmentSweepJob,
  recurrenceJob,
  ...autonomyJobs,
  ...sopJobs,
  ...lessonJobs,
  ...questionJobs,
  ...checkInJobs,
  insightsDigestJob,
];
