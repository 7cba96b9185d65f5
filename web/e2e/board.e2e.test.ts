import type { Area, Task, Workspace } from '@leeway/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUser, bakeryWithAssistant } from './api.ts';
import { browserSkipReason, launchBrowser, type RunningServer, startServer } from './server.ts';

const skip = browserSkipReason() !== null;

/** Drags with real pointer moves in small steps, as a person would (drag libraries need them). */
async function drag(page: Page, from: string, to: string) {
  const source = await page.locator(from).boundingBox();
  const target = await page.locator(to).boundingBox();
  if (!source || !target) throw new Error('drag: element not visible');
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 10, source.y + source.height / 2 + 10, { steps: 5 });
  await page.mouse.move(target.x + target.width / 2, target.y + 40, { steps: 20 });
  await page.mouse.up();
}

describe.skipIf(skip)('board, live updates and mentions in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: ApiUser;
  let assistant: ApiUser;
  let workspace: Workspace;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ owner, assistant, workspace } = await bakeryWithAssistant(server.url));
    await owner.call<Area>('POST', `/api/v1/workspaces/${workspace.id}/areas`, {
      name: 'Bookkeeping',
      ownerId: assistant.userId,
      memberIds: [],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a task on the board, drags it, the other person sees it move live, and a mention notifies them', async () => {
    const ownerContext = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1400, height: 900 },
    });
    await ownerContext.addCookies(owner.browserCookies());
    const assistantContext = await browser.newContext({
      locale: 'de-DE',
      viewport: { width: 1400, height: 900 },
    });
    await assistantContext.addCookies(assistant.browserCookies());
    const ownerPage = await ownerContext.newPage();
    const assistantPage = await assistantContext.newPage();
    const board = `${server.url}/w/${workspace.id}/board`;

    // The owner creates a task from the board, in the area the assistant owns.
    await ownerPage.goto(board);
    await ownerPage.getByTestId('new-task-button').click();
    await ownerPage.getByTestId('create-task-title').fill('Send the October invoices');
    const areaSelect = ownerPage.getByTestId('create-task-area');
    if (await areaSelect.count()) await areaSelect.selectOption({ label: 'Bookkeeping' });
    await ownerPage.getByTestId('create-task-submit').click();
    const card = ownerPage.locator('[data-testid="task-card"]', { hasText: 'Send the October invoices' });
    await card.waitFor();
    const taskId = (await card.getAttribute('data-task-id')) ?? '';
    expect(taskId).toMatch(/^[0-9a-f-]{36}$/);

    // The assistant's board shows it in "todo".
    await assistantPage.goto(board);
    const todoCard = `[data-testid="board-column"][data-state="todo"] [data-task-id="${taskId}"]`;
    await assistantPage.locator(todoCard).waitFor();

    // The owner drags it to "doing"; the assistant sees it move without reloading.
    await drag(ownerPage, `[data-task-id="${taskId}"]`, '[data-testid="board-column"][data-state="doing"]');
    await ownerPage
      .locator(`[data-testid="board-column"][data-state="doing"] [data-task-id="${taskId}"]`)
      .waitFor();
    const started = Date.now();
    await assistantPage
      .locator(`[data-testid="board-column"][data-state="doing"] [data-task-id="${taskId}"]`)
      .waitFor({ timeout: 5_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    const stored = await owner.call<Task>('GET', `/api/v1/workspaces/${workspace.id}/tasks/${taskId}`);
    expect(stored.state).toBe('doing');

    // The owner comments with an @mention; the assistant gets a notification.
    await ownerPage.goto(`${server.url}/w/${workspace.id}/tasks/${taskId}`);
    const input = ownerPage.getByTestId('comment-input');
    await input.click();
    await input.pressSequentially('Please check @Ami');
    await ownerPage.getByTestId('mention-option').first().click();
    await input.pressSequentially(' thanks!');
    await ownerPage.getByTestId('comment-submit').click();
    await ownerPage.getByTestId('comment-item').first().waitFor();

    // Two notifications: "assigned" when the task landed in her area, then the mention.
    await expect
      .poll(async () => (await assistantPage.getByTestId('notification-count').textContent())?.trim(), {
        timeout: 5_000,
      })
      .toBe('2');
    await assistantPage.getByTestId('notification-bell').click();
    await expect
      .poll(() => assistantPage.getByTestId('notification-item').first().textContent())
      .toContain('Send the October invoices');
    const page = await assistant.call<{ items: { kind: string; taskId: string }[] }>(
      'GET',
      `/api/v1/workspaces/${workspace.id}/notifications`,
    );
    expect(page.items.map((n) => n.kind).sort()).toEqual(['assigned', 'mentioned']);

    await ownerContext.close();
    await assistantContext.close();
  });
});
