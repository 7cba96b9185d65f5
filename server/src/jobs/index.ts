import type { Job } from './scheduler.ts';

/** Every scheduled job, listed here so anyone can grep where background work comes from. */
export const jobs: Job[] = [];
