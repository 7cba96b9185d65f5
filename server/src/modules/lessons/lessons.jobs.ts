import type { Job } from '../../jobs/scheduler.ts';

/** Overdue follow-up reminders. */
export const lessonJobs: Job[] = [];
