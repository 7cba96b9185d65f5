// autocannon with a warm-up, a bounded run and the three figures every benchmark prints.
import autocannon from 'autocannon';

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
export const FULL = process.env.BENCH_FULL === '1';

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
}

export type LoadOptions = Omit<autocannon.Options, 'duration'> & {
  duration?: number;
  /** Skip the 1 s warm-up (writes that must not pile up rows before the run). */
  noWarmup?: boolean;
};

/**
 * Warm-up first, so the JIT and the database caches are hot for both sides alike, then one
 * run of `duration` seconds. Any non-2xx answer or socket error fails the benchmark: a fast
 * 401 must never pass for a fast answer.
 */
export async function load(options: LoadOptions): Promise<Figures> {
  const { noWarmup, ...rest } = options;
  const connections = rest.connections ?? 10;
  if (!noWarmup) await autocannon({ ...rest, connections, duration: 1 });
  const result = await autocannon({ ...rest, connections, duration: rest.duration ?? SECONDS });
  // Requests sent just before the end may still be running in the server: let them drain, so
  // the next run (often the other server, on the same SQLite file) starts on a quiet database.
  await new Promise((r) => setTimeout(r, 300));
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${options.url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * Baseline and subject in alternating rounds (after a warm-up of each), each figure the
 * median of its rounds: the machine's background load then hits both sides alike instead of
 * whichever happened to run during a busy second.
 */
export async function compare(
  baseline: LoadOptions,
  subject: LoadOptions,
  rounds = Number(process.env.BENCH_ROUNDS ?? 3),
): Promise<{ baseline: Figures; subject: Figures }> {
  const duration = Math.max(1, Math.round(SECONDS / rounds));
  await load({ ...baseline, duration: 1, noWarmup: true });
  await load({ ...subject, duration: 1, noWarmup: true });
  const a: Figures[] = [];
  const b: Figures[] = [];
  for (let r = 0; r < rounds; r++) {
    a.push(await load({ ...baseline, duration, noWarmup: true }));
    b.push(await load({ ...subject, duration, noWarmup: true }));
  }
  const pick = (runs: Figures[]): Figures => ({
    rps: median(runs.map((x) => x.rps)),
    p50: median(runs.map((x) => x.p50)),
    p99: median(runs.map((x) => x.p99)),
    requests: runs.reduce((n, x) => n + x.requests, 0),
  });
  return { baseline: pick(a), subject: pick(b) };
}

export const fmt = (f: Figures) =>
  `${f.rps.toFixed(0).padStart(6)} req/s, p50 ${String(f.p50).padStart(4)} ms, p99 ${String(f.p99).padStart(4)} ms`;

export function verdict(ok: boolean): string {
  return ok ? 'goal met' : 'GOAL MISSED';
}

/** Samples a process's RSS every 50 ms while `work` runs; answers the peak in MB. */
export async function peakRss<T>(
  sample: () => number,
  work: () => Promise<T>,
): Promise<{ result: T; peak: number }> {
  let peak = sample();
  const timer = setInterval(() => {
    peak = Math.max(peak, sample());
  }, 50);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, sample()) };
  } finally {
    clearInterval(timer);
  }
}
