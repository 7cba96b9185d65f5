import type { Deps } from '../context.ts';

/** A piece of scheduled work: `run` does one pass and must be safe to call again at any time. */
export interface Job {
  name: string;
  everyMs: number;
  /** One pass; returns how many items it handled (for the log). */
  run(deps: Deps): Promise<number>;
}

/**
 * Runs each job on its interval, one pass at a time per job. Passes must claim their work
 * with conditional updates (or row locks on PostgreSQL), so two nodes running the same job
 * never do the same item twice. Tests call `job.run(deps)` directly with a test clock.
 */
export function startScheduler(deps: Deps, jobs: Job[]): () => Promise<void> {
  const timers: NodeJS.Timeout[] = [];
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  for (const job of jobs) {
    const tick = () => {
      if (stopped || running.has(job.name)) return;
      const pass = job
        .run(deps)
        .then((count) => {
          if (count > 0) deps.log.info({ job: job.name, count }, 'job pass done');
        })
        .catch((err: unknown) => deps.log.error({ err, job: job.name }, 'job pass failed'))
        .finally(() => running.delete(job.name));
      running.set(job.name, pass);
    };
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    timers.push(timer);
    setTimeout(tick, 1_000).unref();
  }
  return async () => {
    stopped = true;
    for (const t of timers) clearInterval(t);
    await Promise.allSettled(running.values());
  };
}
