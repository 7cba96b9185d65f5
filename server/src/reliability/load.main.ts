// `npm run test:load` (60 s at 100 connections) and `npm run test:soak` (5 minutes at 20
// connections, RSS every 10 s, fails on an upward trend). Longer runs, so not part of
// `npm test`; load.test.ts is the short CI variant. Environment: LOAD_SECONDS (load),
// SOAK_SECONDS (soak), LOAD_CONNECTIONS, LOAD_STREAMS, LOAD_TASKS, LOAD_THINK_MS,
// LOAD_TIMEOUT_MS, LOAD_DATABASE_URL (a PostgreSQL server: a fresh database is made on it),
// LOAD_SERVER=source (run from source with tsx instead of the bundle), SOAK_WARMUP_SECONDS,
// SOAK_MAX_GROWTH_MB, SOAK_MAX_GROWTH_PERCENT.
import { failures, formatReport, optionsFromEnv, runLoad, trend } from './load.ts';

const mode = process.argv[2];
const log = (line: string) => console.log(`[${mode}] ${line}`);

async function load(): Promise<boolean> {
  const options = optionsFromEnv({ seconds: 60, connections: 100, rssEveryMs: 1000, log });
  const report = await runLoad(options);
  console.log(`\nLoad: ${formatReport(report)}`);
  const failed = failures(report);
  console.log(failed.length ? `\nFAILED: ${failed.join('; ')}` : '\nOK: no errors, no timeouts');
  return failed.length === 0;
}

async function soak(): Promise<boolean> {
  const seconds = Number(process.env.SOAK_SECONDS || 300);
  const warmup = Number(process.env.SOAK_WARMUP_SECONDS || 60);
  const maxMb = Number(process.env.SOAK_MAX_GROWTH_MB || 20);
  const maxPercent = Number(process.env.SOAK_MAX_GROWTH_PERCENT || 10);
  const options = optionsFromEnv({ seconds, connections: 20, rssEveryMs: 10_000, thinkMs: 10, log });
  const report = await runLoad({ ...options, seconds });
  console.log(`\nSoak: ${formatReport(report)}`);
  const failed = failures(report);
  if (!report.rss) {
    failed.push('RSS not measured (no /proc): the soak needs Linux');
  } else {
    console.log(`\n  RSS samples (t s: MB): ${report.rss.samples.map((s) => `${s.t}: ${s.mb}`).join(', ')}`);
    // V8 grows its heap freely at first and gives most of it back at the first full GC, which
    // may come after the warm-up: the fit then starts after the highest sample of the first
    // half, so that one fall does not pass for a falling trend (nor hide a rising one).
    const firstHalf = report.rss.samples.filter((s) => s.t <= seconds / 2);
    const peak = firstHalf.reduce((a, b) => (b.mb > a.mb ? b : a), firstHalf[0] ?? { t: 0, mb: 0 });
    const from = Math.max(warmup, peak.t + 1);
    const steady = report.rss.samples.filter((s) => s.t >= from);
    const { slope } = trend(steady);
    const mean = steady.reduce((n, s) => n + s.mb, 0) / Math.max(1, steady.length);
    // The line's rise over the whole soak: noise of a few MB either way is the V8 heap
    // breathing; a leak shows as a steady climb. Fails only past both limits.
    const growth = slope * seconds;
    const percent = (growth / Math.max(1, mean)) * 100;
    console.log(
      `  from t=${from}s (warm-up ${warmup} s, first-half peak at ${peak.t} s): ${steady.length} samples, mean ${mean.toFixed(1)} MB, ` +
        `slope ${(slope * 60).toFixed(3)} MB/min → ${growth.toFixed(1)} MB (${percent.toFixed(1)} %) over ${seconds} s ` +
        `(limit: ${maxMb} MB and ${maxPercent} %)`,
    );
    if (steady.length < 3) failed.push(`only ${steady.length} RSS samples after the warm-up`);
    if (growth > maxMb && percent > maxPercent)
      failed.push(`RSS trend rises ${growth.toFixed(1)} MB over the soak`);
  }
  console.log(
    failed.length ? `\nFAILED: ${failed.join('; ')}` : '\nOK: no errors, no timeouts, no upward RSS trend',
  );
  return failed.length === 0;
}

if (mode !== 'load' && mode !== 'soak') {
  console.error('usage: tsx server/src/reliability/load.main.ts load|soak');
  process.exit(2);
}
const ok = await (mode === 'load' ? load() : soak());
process.exit(ok ? 0 : 1);
