import type { Job } from '../../jobs/scheduler.ts';
import { HOUR } from '../../lib/clock.ts';
import { sweepOrphanFiles } from './attachments.service.ts';

/** Removes stored files left without a row (deleted tasks and workspaces, crashed uploads). */
export const attachmentSweepJob: Job = {
  name: 'attachment-sweep',
  everyMs: 6 * HOUR,
  run: (deps) => sweepOrphanFiles(deps),
};
