import type { Job } from '../../jobs/scheduler.ts';

/** Weekly check-in reminders at the time each assistant chose. */
export const checkInJobs: Job[] = [];
