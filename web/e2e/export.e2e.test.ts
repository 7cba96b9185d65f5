import fs from 'node:fs';
import type { PersonalExport, WorkspaceExport } from '@leeway/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUser, bakeryWithAssistant } from './api.ts';
import { browserSkipReason, launchBrowser, type RunningServer, startServer } from './server.ts';

const skip = browserSkipReason() !== null;

/**
 * Export and deletion in the browser (DESIGN §12): Olivia downloads her own data and the
 * whole workspace, then deletes the workspace by typing its name and lands on her list.
 */
describe.skipIf(skip)('export and delete in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: ApiUser;
  let context: BrowserContext;
  let page: Page;
  let workspaceId = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const bakery = await bakeryWithAssistant(server.url);
    owner = bakery.owner;
    workspaceId = bakery.workspace.id;
    await owner.call('POST', `/api/v1/workspaces/${workspaceId}/tasks`, { title: 'Order flour' });
    context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1300, height: 900 },
      acceptDownloads: true,
    });
    await context.addCookies(owner.browserCookies());
    page = await context.newPage();
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  async function downloaded<T>(testId: string): Promise<{ name: string; body: T }> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    const file = await download.path();
    return { name: download.suggestedFilename(), body: JSON.parse(fs.readFileSync(file, 'utf8')) as T };
  }

  it('downloads my data and the workspace, then deletes the workspace after its name is typed', async () => {
    await page.goto(`${server.url}/profile`);
    await expect.poll(() => page.getByTestId('export-me').count(), { timeout: 15_000 }).toBe(1);
    const mine = await downloaded<PersonalExport>('export-me');
    expect(mine.name).toMatch(/^leeway-export-\d{4}-\d{2}-\d{2}\.json$/);
    expect(mine.body.account.email).toBe('olivia@example.com');
    expect(mine.body.workspaces[0]?.tasks.map((t) => t.title)).toEqual(['Order flour']);

    await page.goto(`${server.url}/w/${workspaceId}/settings`);
    await expect.poll(() => page.getByTestId('export-workspace').count(), { timeout: 15_000 }).toBe(1);
    const all = await downloaded<WorkspaceExport>('export-workspace');
    expect(all.name).toMatch(/^leeway-workspace-bakery-\d{4}-\d{2}-\d{2}\.json$/);
    expect(all.body.members.map((m) => m.name).sort()).toEqual(['Amira Assist', 'Olivia Owner']);

    await page.getByTestId('delete-workspace').click();
    const confirm = page.getByTestId('delete-workspace-confirm');
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByTestId('delete-workspace-name').fill('Bakery');
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    await confirm.click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe('/workspaces');
    await expect.poll(() => page.getByText('Bakery is deleted.').count()).toBe(1);
    expect(await owner.call<unknown[]>('GET', '/api/v1/workspaces')).toEqual([]);
  });
});
