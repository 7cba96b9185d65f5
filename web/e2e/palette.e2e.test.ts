import type { Area, Task, Workspace } from '@leeway/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUser, bakeryWithAssistant } from './api.ts';
import { browserSkipReason, launchBrowser, type RunningServer, startServer } from './server.ts';

const skip = browserSkipReason() !== null;

/** The labels of the options the palette shows right now. */
async function optionTexts(page: Page): Promise<string[]> {
  return page.getByTestId('palette-option').allTextContents();
}

/** Types into the palette and waits until the task search has answered. */
async function search(page: Page, text: string) {
  await page.getByTestId('palette-input').fill(text);
  await expect.poll(() => page.getByText(/Searching tasks|Aufgaben werden gesucht/).count()).toBe(0);
}

describe.skipIf(skip)('the command palette in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: ApiUser;
  let assistant: ApiUser;
  let workspace: Workspace;
  let flour: Task;
  let payroll: Task;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ owner, assistant, workspace } = await bakeryWithAssistant(server.url));
    const ws = `/api/v1/workspaces/${workspace.id}`;
    // The assistant holds a role in Bookkeeping only; Payroll stays the owner's.
    const bookkeeping = await owner.call<Area>('POST', `${ws}/areas`, {
      name: 'Bookkeeping',
      ownerId: assistant.userId,
    });
    const payrollArea = await owner.call<Area>('POST', `${ws}/areas`, {
      name: 'Payroll',
      ownerId: owner.userId,
    });
    flour = await owner.call<Task>('POST', `${ws}/tasks`, {
      title: 'Pay the flour bill',
      areaId: bookkeeping.id,
    });
    payroll = await owner.call<Task>('POST', `${ws}/tasks`, {
      title: 'Run the secret payroll',
      areaId: payrollArea.id,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens with Ctrl-K, finds a task by title and opens it; lists itself in the shortcut help', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    await context.addCookies(owner.browserCookies());
    const page = await context.newPage();
    const base = `${server.url}/w/${workspace.id}`;
    await page.goto(`${base}/board`);
    await page.getByTestId('nav-board').waitFor();

    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('command-palette');
    await palette.waitFor();
    const input = page.getByTestId('palette-input');
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await input.getAttribute('role')).toBe('combobox');
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    // Owners reach the principals' screens.
    expect(await optionTexts(page)).toEqual(expect.arrayContaining(['Insights', 'Reviews', 'Lessons']));

    await search(page, 'flour b');
    const hit = page.getByTestId('palette-option').filter({ hasText: 'Pay the flour bill' });
    await hit.waitFor();
    expect(await hit.textContent()).toContain('Bookkeeping · To do');
    // The owner sees every area's tasks.
    await search(page, 'payroll');
    await page.getByTestId('palette-option').filter({ hasText: payroll.title }).waitFor();

    await search(page, 'flour b');
    await hit.waitFor();
    const activeId = await input.getAttribute('aria-activedescendant');
    expect(await page.locator(`[id="${activeId}"]`).textContent()).toContain('Pay the flour bill');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/tasks/${flour.id}`);
    await page.getByTestId('task-title').waitFor();
    expect(await palette.isVisible()).toBe(false);

    // Arrow keys move the active option; Escape closes and gives focus back.
    await page.getByTestId('palette-open').focus();
    await page.keyboard.press('Control+k');
    await input.waitFor();
    await input.fill('zzzz-nothing');
    await page.getByTestId('palette-empty').waitFor();
    expect(await page.getByTestId('palette-empty').textContent()).toContain('No matches for “zzzz-nothing”');
    await input.fill('');
    const first = await input.getAttribute('aria-activedescendant');
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).not.toBe(first);
    await page.keyboard.press('Home');
    expect(await input.getAttribute('aria-activedescendant')).toBe(first);
    await page.keyboard.press('Escape');
    await expect.poll(() => palette.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'palette-open',
    );

    // The help overlay names the shortcut.
    await page.locator('body').press('?');
    await page.getByTestId('shortcut-help').waitFor();
    expect(await page.getByTestId('shortcut-palette').textContent()).toContain('Ctrl');
    await context.close();
  });

  it('for a German assistant: reaches Lektionen, offers no owner-only screens and no task outside their areas', async () => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
    await context.addCookies(assistant.browserCookies());
    const page = await context.newPage();
    const base = `${server.url}/w/${workspace.id}`;
    await page.goto(`${base}/board`);
    await page.getByTestId('nav-board').waitFor();

    await page.keyboard.press('Control+k');
    await page.getByTestId('command-palette').waitFor();
    const all = await optionTexts(page);
    expect(all).toEqual(expect.arrayContaining(['Lektionen', 'Meine Selbstständigkeit', 'Einstellungen']));
    expect(all).not.toContain('Einblicke');
    expect(all).not.toContain('Prüfungen');

    await search(page, 'Einblicke');
    expect(await optionTexts(page)).toEqual([]);
    await page.getByTestId('palette-empty').waitFor();

    // Their own area's task is found, the owner's payroll task is not.
    await search(page, 'flour');
    await page.getByTestId('palette-option').filter({ hasText: flour.title }).waitFor();
    await search(page, 'payroll');
    expect(await optionTexts(page)).toEqual([]);
    expect(await page.getByTestId('palette-empty').textContent()).toContain('Keine Treffer');

    await search(page, 'Lektionen');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/lessons`);
    await context.close();
  });

  it('on a 375 px phone: the top-bar button opens it, a tap outside closes it', async () => {
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 375, height: 740 },
      hasTouch: true,
    });
    await context.addCookies(owner.browserCookies());
    const page = await context.newPage();
    await page.goto(`${server.url}/w/${workspace.id}`);
    const button = page.getByTestId('palette-open');
    await button.click();
    const palette = page.getByTestId('command-palette');
    await palette.waitFor();
    const box = await palette.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 375).toBe(true);
    // Nothing in the top bar spills past the screen's edge.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.getByTestId('palette-input').fill('Members');
    await page.getByTestId('palette-option').filter({ hasText: 'Members' }).waitFor();
    // Below the dialog is the backdrop.
    await page.mouse.click(187, 730);
    await expect.poll(() => palette.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'palette-open',
    );
    await context.close();
  });
});
