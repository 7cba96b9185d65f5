import type { Task, TaskNudges, Workspace } from '@leeway/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUser, bakeryWithAssistant } from './api.ts';
import { browserSkipReason, launchBrowser, type RunningServer, startServer } from './server.ts';

const skip = browserSkipReason() !== null;

/**
 * "Any update?" in the browser (DESIGN §5): on a task Amira just commented on, Olivia's
 * button first says so and points at the history; asking anyway tells Amira, writes the
 * history and the button then says it has asked. Amira never sees the button.
 */
describe.skipIf(skip)('nudges in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: ApiUser;
  let assistant: ApiUser;
  let workspace: Workspace;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ owner, assistant, workspace } = await bakeryWithAssistant(server.url));
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

  it('asks first when the task just changed, then sends, and the assistant sees no button', async () => {
    const ws = `/api/v1/workspaces/${workspace.id}`;
    const task = await owner.call<Task>('POST', `${ws}/tasks`, {
      title: 'Order flour',
      assigneeId: assistant.userId,
    });
    await assistant.call('POST', `${ws}/tasks/${task.id}/comments`, {
      body: 'Ordered, waiting for the invoice.',
    });

    const page = await pageAs(owner);
    await page.goto(`${server.url}/w/${workspace.id}/tasks/${task.id}`);
    const button = page.getByTestId('nudge-button');
    await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
    await button.click();
    const confirm = page.getByTestId('nudge-confirm');
    await expect
      .poll(() => confirm.textContent())
      .toMatch(/^Amira Assist changed this (just now|.* ago) — .*Ask anyway\?$/);
    await page.getByTestId('confirm-submit').click();
    await expect.poll(() => page.getByText('Amira Assist has been asked for an update.').count()).toBe(1);
    await expect.poll(() => button.textContent()).toBe('Update requested');
    expect(await button.isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('history').textContent()).toContain('asked “Any update?”');

    const nudges = await owner.call<TaskNudges>('GET', `${ws}/tasks/${task.id}/nudges`);
    expect(nudges.nudges).toHaveLength(1);
    expect(nudges.nudges[0]?.redundant).toBe(true);

    const theirs = await pageAs(assistant);
    await theirs.goto(`${server.url}/w/${workspace.id}/tasks/${task.id}`);
    await expect.poll(() => theirs.getByTestId('task-detail').count(), { timeout: 15_000 }).toBe(1);
    expect(await theirs.getByTestId('nudge-button').count()).toBe(0);
  });
});
