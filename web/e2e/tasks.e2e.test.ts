import type { Task, TaskPage, Workspace } from '@leeway/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUser, bakeryWithAssistant } from './api.ts';
import { browserSkipReason, launchBrowser, type RunningServer, startServer } from './server.ts';

const skip = browserSkipReason() !== null;

describe.skipIf(skip)('areas, inbox triage and the task detail in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: ApiUser;
  let assistant: ApiUser;
  let workspace: Workspace;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ owner, assistant, workspace } = await bakeryWithAssistant(server.url));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates an area, triages the inbox with the keyboard, and shows a conflict instead of overwriting', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    await context.addCookies(owner.browserCookies());
    const page = await context.newPage();
    const base = `${server.url}/w/${workspace.id}`;

    // An area with the assistant as accountable owner.
    await page.goto(`${base}/areas`);
    await page.getByTestId('area-create').click();
    await page.getByTestId('area-name').fill('Bookkeeping');
    await page.getByTestId('area-owner').selectOption({ label: 'Amira Assist' });
    await page.getByTestId('area-submit').click();
    await page.getByTestId('area-row').filter({ hasText: 'Bookkeeping' }).waitFor();

    // A task without an area waits in the inbox; j/k and "a" reach its area picker.
    const ws = `/api/v1/workspaces/${workspace.id}`;
    await owner.call<Task>('POST', `${ws}/tasks`, { title: 'Older task' });
    const task = await owner.call<Task>('POST', `${ws}/tasks`, { title: 'Pay the flour bill' });
    await page.goto(`${base}/inbox`);
    await page.getByTestId('inbox-row').first().focus();
    await page.keyboard.press('j');
    await page.keyboard.press('a');
    const areaPicker = page.locator(`[data-task-id="${task.id}"] [data-testid="inbox-area"]`);
    await expect.poll(() => areaPicker.evaluate((el) => el === document.activeElement)).toBe(true);
    await areaPicker.selectOption({ label: 'Bookkeeping' });
    await expect
      .poll(async () => (await owner.call<Task>('GET', `${ws}/tasks/${task.id}`)).areaId)
      .not.toBeNull();
    // Filed, with the area's owner as assignee, and no longer in the inbox list of the server.
    const filed = await owner.call<Task>('GET', `${ws}/tasks/${task.id}`);
    expect(filed.assigneeId).toBe(assistant.userId);
    const inbox = await owner.call<TaskPage>('GET', `${ws}/tasks?areaId=inbox`);
    expect(inbox.items.map((t) => t.id)).not.toContain(task.id);

    // Enter opens the task; a checklist item goes in.
    await page.locator(`[data-task-id="${task.id}"]`).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('task-title').waitFor();
    await page.getByTestId('checklist-input').fill('Check the amount');
    await page.getByTestId('checklist-input').press('Enter');
    await page.getByTestId('checklist-item').filter({ hasText: 'Check the amount' }).waitFor();

    // Someone else renames the task while the owner types a new title: no overwrite, a notice.
    await page.getByTestId('task-title-edit').click();
    await page.getByTestId('task-title-input').fill('Pay the flour bill today');
    const current = await assistant.call<Task>('GET', `${ws}/tasks/${task.id}`);
    await assistant.call<Task>('PATCH', `${ws}/tasks/${task.id}`, {
      version: current.version,
      title: 'Pay the flour bill (due Friday)',
    });
    await page.getByTestId('task-title-save').click();
    const notice = page.getByTestId('conflict-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Pay the flour bill (due Friday)');
    // What the owner typed is still there to re-apply.
    expect(await page.getByTestId('task-title-input').inputValue()).toBe('Pay the flour bill today');
    expect((await owner.call<Task>('GET', `${ws}/tasks/${task.id}`)).title).toBe(
      'Pay the flour bill (due Friday)',
    );
    await page.getByTestId('conflict-reapply').click();
    await expect
      .poll(async () => (await owner.call<Task>('GET', `${ws}/tasks/${task.id}`)).title)
      .toBe('Pay the flour bill today');
    await context.close();
  });
});
