import type { Job } from '../../jobs/scheduler.ts';

/** Questions waiting over 24 hours: the principals hear of them at once (DESIGN §11). */
export const questionJobs: Job[] = [];
