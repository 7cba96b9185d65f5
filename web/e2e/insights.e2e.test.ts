import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Insights, Workspace } from '@leeway/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiUser } from './api.ts';
import { browserSkipReason, launchBrowser, type RunningServer, startServer } from './server.ts';

const skip = browserSkipReason() !== null;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Insights in the browser (issue 7), on the demo bakery exactly as `npm run leeway -- demo`
 * makes it: the command runs against the test server's data directory, so the page shows
 * what a new user sees right after the demo — a pair in each band, the seven signals with
 * their numbers and suggestions, the under-support counter; in German too. An assistant gets
 * the principals-only page and a 404 from the API.
 */
describe.skipIf(skip)('insights in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let principal: ApiUser;
  let assistant: ApiUser;
  let workspace: Workspace;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const demo = spawnSync('node', ['scripts/start.mjs', '--cli', 'demo'], {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: server.dataDir,
        DATABASE_URL: '',
        BASE_URL: server.url,
        LOG_LEVEL: 'warn',
      },
      encoding: 'utf8',
    });
    if (demo.status !== 0) throw new Error(`demo failed: ${demo.stderr}`);
    const password = /password:\s+(\S+)/.exec(demo.stdout)?.[1];
    if (!password) throw new Error(`no password in: ${demo.stdout}`);
    const login = async (email: string) => {
      const user = new ApiUser(server.url);
      await user.call('POST', '/api/v1/auth/login', { email, password });
      return user;
    };
    principal = await login('principal@demo.leeway.local');
    assistant = await login('assistant2@demo.leeway.local');
    const list = await principal.call<Workspace[]>('GET', '/api/v1/workspaces');
    const found = list.find((w) => w.name.includes('(Demo)'));
    if (!found) throw new Error('no demo workspace');
    workspace = found;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  async function pageAs(user: ApiUser): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1300, height: 900 } });
    contexts.push(context);
    await context.addCookies(user.browserCookies());
    return context.newPage();
  }

  it('shows the owner a pair in each band, with signals, numbers and suggestions, in English and German', async () => {
    const page = await pageAs(principal);
    // Paula's account reads German: start from English so the switch is visible.
    await page.goto(`${server.url}/w/${workspace.id}/insights`);
    await page.getByTestId('language-select').selectOption('en');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('en');

    const pairs = page.getByTestId('insights-pair');
    await expect.poll(() => pairs.count(), { timeout: 15_000 }).toBe(4);
    const bands = await page
      .getByTestId('insights-band')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-band')));
    expect(bands.sort()).toEqual(['critical', 'healthy', 'high', 'watch']);
    const statement = await page.getByTestId('insights-computed-from').textContent();
    expect(statement).toContain('Computed from workflow events only');

    // Ben with Jonas: all seven signals, each with its raw numbers, and suggestions.
    const api = await principal.call<Insights>('GET', `/api/v1/workspaces/${workspace.id}/insights`);
    const critical = api.pairs.find((p) => p.band === 'critical');
    const card = page.locator(
      `[data-testid="insights-pair"][data-principal-id="${critical?.principalId}"][data-assistant-id="${critical?.assistantId}"]`,
    );
    await expect.poll(() => card.getByTestId('insights-signal').count()).toBe(7);
    const keys = await card
      .getByTestId('insights-signal')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
    expect(keys.sort()).toEqual(
      [
        'extendedGuidance',
        'levelLag',
        'overReview',
        'preferenceRejections',
        'redundantNudges',
        'reviewLatency',
        'takeBacks',
      ].sort(),
    );
    const overReview = card.locator('[data-testid="insights-signal"][data-key="overReview"]');
    expect(await overReview.locator('.ins-signal-raw').textContent()).toMatch(/\d/);
    expect(await card.getByTestId('insights-suggestion').count()).toBeGreaterThanOrEqual(5);
    const latency = card.locator('[data-testid="insights-signal"][data-key="reviewLatency"]');
    expect(await latency.getByTestId('insights-suggestion').textContent()).toMatch(/\d/);
    // The under-support counter sits beside the index and counts something for Ben.
    const under = card.getByTestId('insights-under-support');
    expect(await under.textContent()).toMatch(/[1-9]/);

    // German: the same page in the principal's other language.
    await page.getByTestId('language-select').selectOption('de');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('de');
    await expect
      .poll(() => page.getByTestId('insights-computed-from').textContent())
      .toContain('Berechnet nur aus Arbeitsablauf-Ereignissen');
    await expect
      .poll(() => page.locator('[data-band="critical"]').first().textContent())
      .toContain('Kritisch');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Einblicke');
  });

  it('shows an assistant the principals-only page, and the API does not exist for them', async () => {
    const page = await pageAs(assistant);
    await page.goto(`${server.url}/w/${workspace.id}/insights`);
    await page.getByTestId('insights-principals-only').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('insights-pair').count()).toBe(0);
    expect(await page.getByTestId('insights-score').count()).toBe(0);
    await expect(assistant.call('GET', `/api/v1/workspaces/${workspace.id}/insights`)).rejects.toThrow(
      /→ 404/,
    );
  });
});
