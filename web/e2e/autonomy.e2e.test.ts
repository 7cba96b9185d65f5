import type { Area, AreaAutonomy, AutonomySettings, Proposal, Task, Workspace } from '@leeway/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUser, bakeryWithAssistant } from './api.ts';
import { browserSkipReason, launchBrowser, type RunningServer, startServer } from './server.ts';

const skip = browserSkipReason() !== null;

describe.skipIf(skip)('the autonomy ladder in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: ApiUser;
  let assistant: ApiUser;
  let workspace: Workspace;
  let area: Area;
  const api = (path: string) => `/api/v1/workspaces/${workspace.id}${path}`;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ owner, assistant, workspace } = await bakeryWithAssistant(server.url));
    area = await owner.call<Area>('POST', api('/areas'), {
      name: 'Bookkeeping',
      ownerId: assistant.userId,
      memberIds: [],
    });
    // The defaults want 7 days at level 1 and 5 reviewed results before a proposal, and the
    // server's clock is real. Every threshold is a workspace setting (DESIGN §4), so the
    // owner lowers L1 → L2 to "no waiting, 2 reviewed results": the same rules run, only
    // sooner, and nothing has to reach into the database.
    const settings = await owner.call<AutonomySettings>('PATCH', api('/autonomy/settings'), {
      promotion: { toL2: { minDays: 0, minReviewed: 2 } },
    });
    expect(settings.promotion.toL2).toMatchObject({ minDays: 0, minReviewed: 2 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A task in the area, assigned to the assistant, as the owner would hand it over. */
  function taskFor(title: string) {
    return owner.call<Task>('POST', api('/tasks'), { title, areaId: area.id, assigneeId: assistant.userId });
  }

  /** The assistant submits on the task page and reads where it went and why. */
  async function submitInBrowser(page: Page, task: Task): Promise<string> {
    await page.goto(`${server.url}/w/${workspace.id}/tasks/${task.id}`);
    await page.getByTestId('submit-task').click();
    await page.getByTestId('submit-confirm').click();
    const explanation = page.getByTestId('routing-explanation');
    await explanation.waitFor();
    return (await explanation.textContent()) ?? '';
  }

  it('level 1 results are all reviewed; a proposal appears with its evidence; accepted, the next follows level 2', async () => {
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

    // Level 1: every result goes to review, and the dialog says why (Amira reads German).
    const tasks = [await taskFor('Book the October receipts'), await taskFor('Reconcile the bank account')];
    for (const task of tasks) {
      expect(await submitInBrowser(assistantPage, task)).toContain('Stufe 1');
      const stored = await assistant.call<Task>('GET', api(`/tasks/${task.id}`));
      expect(stored.state).toBe('review');
      expect(stored.routing).toMatchObject({
        goesToReview: true,
        phase: 'required',
        reason: { code: 'level_requires_review', params: { level: 1 } },
      });
    }

    // The owner accepts both, first pass, from the review queue (oldest first).
    await ownerPage.goto(`${server.url}/w/${workspace.id}/reviews`);
    for (const task of tasks) {
      const item = ownerPage.locator(`[data-testid="review-queue-item"][data-task-id="${task.id}"]`);
      await item.waitFor();
      await item.getByTestId('review-open').click();
      await ownerPage.getByTestId('review-accept').click();
      await ownerPage.getByTestId('review-submit').click();
      await item.waitFor({ state: 'detached' });
      expect((await owner.call<Task>('GET', api(`/tasks/${task.id}`))).state).toBe('done');
    }

    // The criteria are met: a pending proposal with its evidence, on the delegation board.
    const pending = (await owner.call<Proposal[]>('GET', api('/proposals?status=pending'))).filter(
      (p) => p.memberId === assistant.userId,
    );
    expect(pending).toEqual([
      expect.objectContaining({
        from: 1,
        to: 2,
        kind: 'auto_promotion',
        evidence: expect.objectContaining({ reviewedResults: 2, firstPassAccepted: 2 }),
      }),
    ]);
    await ownerPage.goto(`${server.url}/w/${workspace.id}/areas/matrix`);
    const cell = `[data-testid="delegation-cell"][data-member-id="${assistant.userId}"][data-area-id="${area.id}"]`;
    await ownerPage.locator(`${cell}.has-proposal`).click();
    await ownerPage.getByTestId('evidence-panel').waitFor();
    await ownerPage.getByTestId('proposal-accept').click();
    await ownerPage.locator(`${cell}[data-level="2"]`).waitFor();

    const board = await owner.call<AreaAutonomy[]>('GET', api('/autonomy/board'));
    const grant = board.find(
      (c) => c.grant.memberId === assistant.userId && c.grant.areaId === area.id,
    )?.grant;
    expect(grant).toMatchObject({ level: 2, effectiveLevel: 2 });

    // The next submission follows level 2: still reviewed, and it says so.
    const next = await taskFor('Pay the flour supplier');
    expect(await submitInBrowser(assistantPage, next)).toContain('Stufe 2');
    const stored = await assistant.call<Task>('GET', api(`/tasks/${next.id}`));
    expect(stored).toMatchObject({
      state: 'review',
      routing: { goesToReview: true, reason: { code: 'level_requires_review', params: { level: 2 } } },
    });

    await ownerContext.close();
    await assistantContext.close();
  });
});
