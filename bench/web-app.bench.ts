// Benchmark: the web app. (1) The JavaScript the first screen needs, gzipped: the entry with
// its static imports (what index.html loads and preloads), and every script the browser
// actually fetched until the board was interactive. (2) Time from navigation to an
// interactive board of 1,000 cards in headless Chromium — every column loaded with its cards
// on screen, then one frame and an idle turn of the main thread — and the same at 5,000
// cards, with the number of card elements in the DOM (windowed columns keep it small) and the
// longest frame while scrolling the fullest column to its end. Loopback only; Debian's
// Chromium at /usr/bin/chromium, never a downloaded browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { verdict } from './lib/load.ts';
import { createWorkspace, openSeedDb, seedBoard, signup } from './lib/seed.ts';
import { root, startLeeway } from './lib/server.ts';

const CHROMIUM = '/usr/bin/chromium';
const RUNS = Number(process.env.BENCH_BROWSER_RUNS ?? 3);
const dist = path.join(root, 'web/dist');
const gzipKb = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length / 1024;

if (!fs.existsSync(CHROMIUM)) {
  console.log(`\nWeb app: skipped, no Chromium at ${CHROMIUM}`);
  process.exit(0);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leeway-bench-web-'));
const sqliteFile = path.join(dataDir, 'leeway.sqlite');
const server = await startLeeway({ dataDir, databaseUrl: null, web: true });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  // (1) Static: the entry script and the modules index.html preloads.
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const staticFiles = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  const staticKb = staticFiles.reduce((kb, f) => kb + gzipKb(path.join(dist, f)), 0);

  const owner = await signup(server.url, 'owner@example.com', 'Olivia Owner');
  const seed = openSeedDb({ sqliteFile });
  const boards: Record<number, string> = {};
  for (const n of [1000, 5000]) {
    const workspaceId = await createWorkspace(server.url, owner, `Board of ${n}`);
    await seedBoard(seed, { workspaceId, ownerId: owner.userId, assigneeId: owner.userId, tasks: n });
    boards[n] = workspaceId;
  }
  await seed.close();

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const [name, value] = owner.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);

  async function open(n: number, fetched?: Set<string>) {
    const page = await context.newPage();
    if (fetched)
      page.on('response', (r) => {
        const u = new URL(r.url());
        if (u.pathname.endsWith('.js')) fetched.add(u.pathname.slice(1));
      });
    const started = Date.now();
    await page.goto(`${server.url}/w/${boards[n]}/board`, { waitUntil: 'commit' });
    await page
      .waitForFunction(
        () => {
          const columns = [...document.querySelectorAll('[data-testid="board-column"]')];
          return (
            columns.length === 5 &&
            !document.querySelector('.board-column-loading') &&
            // Cancelled starts collapsed; the four open columns show their cards.
            ['todo', 'doing', 'review', 'done'].every((s) =>
              document.querySelector(`[data-testid="board-column"][data-state="${s}"] [data-task-id]`),
            )
          );
        },
        undefined,
        { timeout: 60_000, polling: 'raf' },
      )
      .catch(async (error: unknown) => {
        await page.screenshot({ path: path.join(os.tmpdir(), 'leeway-bench-web-timeout.png') });
        console.log(
          `  timed out at ${page.url()}; screenshot in ${os.tmpdir()}/leeway-bench-web-timeout.png`,
        );
        throw error;
      });
    // Interactive: a frame was painted and the main thread is free again.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    const ms = Date.now() - started;
    const cards = await page.evaluate(() => document.querySelectorAll('[data-task-id]').length);
    return { page, ms, cards };
  }

  const fetched = new Set<string>();
  // A first visit warms the server's caches and Chromium's; the figures are the runs after it.
  const warm = await open(1000, fetched);
  await warm.page.close();
  const firstScreenKb = [...fetched].reduce((kb, f) => kb + gzipKb(path.join(dist, f)), 0);

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const results: Record<number, { ms: number; cards: number; longestFrame: number }> = {};
  for (const n of [1000, 5000]) {
    const times: number[] = [];
    let cards = 0;
    let longestFrame = 0;
    for (let r = 0; r < RUNS; r++) {
      const run = await open(n);
      times.push(run.ms);
      cards = run.cards;
      if (r === RUNS - 1) {
        // Scroll the fullest column to its end in steps, measuring frame gaps.
        longestFrame = await run.page.evaluate(async () => {
          const lists = [...document.querySelectorAll<HTMLElement>('.board-cards')];
          const list = lists.sort((a, b) => b.scrollHeight - a.scrollHeight)[0];
          if (!list) return 0;
          let longest = 0;
          let last = performance.now();
          for (let y = 0; y <= list.scrollHeight; y += 400) {
            list.scrollTop = y;
            await new Promise((r) => requestAnimationFrame(() => r(null)));
            const t = performance.now();
            longest = Math.max(longest, t - last);
            last = t;
          }
          return longest;
        });
      }
      await run.page.close();
    }
    results[n] = { ms: median(times), cards, longestFrame };
  }

  console.log('\nWeb app (headless Chromium, 1440×900)');
  console.log(
    `  first-screen JS, entry + static imports: ${staticKb.toFixed(0)} KB gzip (${staticFiles.length} files)`,
  );
  console.log(
    `  JS fetched until the board is interactive: ${firstScreenKb.toFixed(0)} KB gzip (${fetched.size} files; goal < 250: ${verdict(firstScreenKb < 250)})`,
  );
  const largest = [...fetched]
    .map((f) => ({ f, kb: gzipKb(path.join(dist, f)) }))
    .sort((a, b) => b.kb - a.kb)
    .slice(0, 5);
  console.log(`    largest: ${largest.map((x) => `${path.basename(x.f)} ${x.kb.toFixed(0)} KB`).join(', ')}`);
  for (const n of [1000, 5000]) {
    const r = results[n] as (typeof results)[number];
    console.log(
      `  board of ${n} cards: interactive in ${r.ms} ms (median of ${RUNS}${n === 1000 ? `; goal < 1000: ${verdict(r.ms < 1000)}` : ''}), ${r.cards} card elements in the DOM, longest frame while scrolling ${r.longestFrame.toFixed(0)} ms`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
