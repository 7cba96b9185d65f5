import type { Job } from '../../jobs/scheduler.ts';

/** SOP review reminders. */
export const sopJobs: Job[] = [];
