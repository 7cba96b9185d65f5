import type {
  Area,
  FollowUp,
  Lesson,
  LessonSummary,
  OnboardingPlan,
  SopDetail,
  Workspace,
} from '@leeway/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUser, bakeryWithAssistant } from './api.ts';
import { browserSkipReason, launchBrowser, type RunningServer, startServer } from './server.ts';

const skip = browserSkipReason() !== null;

/**
 * The knowledge loop in the browser (issue 5): an owner starts an onboarding plan, the
 * assistant acknowledges an SOP and sees the plan item tick itself, and a lesson's follow-up
 * leads to a published SOP version that asks for re-acknowledgement.
 */
describe.skipIf(skip)('SOPs, onboarding and lessons in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: ApiUser;
  let assistant: ApiUser;
  let workspace: Workspace;
  let area: Area;
  let sop: SopDetail;
  const contexts: BrowserContext[] = [];
  const api = (path: string) => `/api/v1/workspaces/${workspace.id}${path}`;
  const page = (path: string) => `${server.url}/w/${workspace.id}${path}`;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ owner, assistant, workspace } = await bakeryWithAssistant(server.url));
    area = await owner.call<Area>('POST', api('/areas'), {
      name: 'Bookkeeping',
      ownerId: owner.userId,
      memberIds: [assistant.userId],
    });
    const created = await owner.call<SopDetail>('POST', api('/sops'), {
      areaId: area.id,
      title: 'Book incoming invoices',
      purpose: 'Every invoice paid once and on time.',
      steps: [
        { text: 'Save the invoice as PDF in **Incoming**.', checkpoint: false },
        { text: 'Compare supplier and amount with the order.', checkpoint: true },
      ],
    });
    sop = await owner.call<SopDetail>('POST', api(`/sops/${created.id}/publish`), {
      draftVersion: created.draft?.version ?? 1,
      changelog: 'First version.',
      requiresReacknowledgement: false,
    });
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  async function pageAs(user: ApiUser, locale: string): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1300, height: 900 } });
    contexts.push(context);
    await context.addCookies(user.browserCookies());
    return context.newPage();
  }

  it('an owner starts a plan; the assistant acknowledges an SOP and sees the item tick itself', async () => {
    const ownerPage = await pageAs(owner, 'en-US');
    await ownerPage.goto(page('/onboarding'));
    await ownerPage.getByTestId('onboarding-start').first().click();
    await ownerPage.getByTestId('onboarding-assistant-select').selectOption(assistant.userId);
    await ownerPage.getByTestId('onboarding-area-checkbox').first().check();
    await ownerPage.getByTestId('onboarding-start-confirm').click();
    await ownerPage.waitForURL(/\/onboarding\/[0-9a-f-]{36}$/);
    const planId = ownerPage.url().split('/').pop() ?? '';
    await ownerPage.getByTestId('onboarding-item').first().waitFor();
    // The built-in template in the assistant's language (Amira reads German).
    const plan = await owner.call<OnboardingPlan>('GET', api(`/onboarding-plans/${planId}`));
    expect(plan.items.some((i) => i.kind === 'access' && i.access !== null)).toBe(true);
    expect(plan.items.map((i) => i.title).join(' ')).toContain('Kennenlerngespräch');
    expect(plan.episodeIds).toHaveLength(1);
    const ackItem = ownerPage.locator('[data-testid="onboarding-item"][data-kind="acknowledge_sop"]').first();
    await expect.poll(() => ackItem.getAttribute('data-done')).toBe('false');

    const assistantPage = await pageAs(assistant, 'de-DE');
    await assistantPage.goto(page(`/sops/${sop.id}`));
    await assistantPage.getByTestId('sop-acknowledge').click();
    await assistantPage.getByTestId('sop-acknowledged').waitFor();
    await assistantPage.goto(page(`/onboarding/${planId}`));
    const ticked = assistantPage
      .locator('[data-testid="onboarding-item"][data-kind="acknowledge_sop"]')
      .first();
    await expect.poll(() => ticked.getAttribute('data-done'), { timeout: 10_000 }).toBe('true');
    // The owner's page follows (live or on the next visit).
    await ownerPage.reload();
    await expect.poll(() => ackItem.getAttribute('data-done'), { timeout: 10_000 }).toBe('true');
  });

  it("a lesson's follow-up opens a draft; publishing it closes the follow-up and asks to re-acknowledge", async () => {
    const ownerPage = await pageAs(owner, 'en-US');
    await ownerPage.goto(page('/lessons'));
    await ownerPage.getByTestId('lesson-new').first().click();
    await ownerPage.getByTestId('lesson-title').fill('Invoice paid twice');
    await ownerPage
      .getByTestId('lesson-what')
      .fill('The same invoice came by post and by e-mail; both were paid.');
    await ownerPage.getByTestId('lesson-severity').selectOption('2');
    await ownerPage.getByTestId('lesson-add-factor').click();
    await ownerPage.getByTestId('lesson-factor-kind').first().selectOption('process');
    await ownerPage.getByTestId('lesson-factor-text').first().fill('No step checks paid invoices.');
    await ownerPage.getByTestId('lesson-sop-select').selectOption(sop.id);
    await ownerPage.getByTestId('lesson-save').click();
    await ownerPage.waitForURL(/\/lessons\/[0-9a-f-]{36}$/);
    const lessonId = ownerPage.url().split('/').pop() ?? '';

    await ownerPage.getByTestId('followup-new').click();
    await ownerPage.getByTestId('followup-kind').selectOption('sop_change');
    await ownerPage.getByTestId('followup-owner').selectOption(owner.userId);
    await ownerPage.getByTestId('followup-save').click();
    await ownerPage.getByTestId('followup-draft-link').click();
    await ownerPage.waitForURL(new RegExp(`/sops/${sop.id}`));

    // Add the missing step to the draft and publish it with re-acknowledgement.
    await ownerPage.getByTestId('sop-edit').click();
    await ownerPage.getByTestId('sop-add-step').click();
    await ownerPage
      .getByTestId('sop-step-input')
      .last()
      .fill('Search the **Paid** list for the invoice number.');
    await ownerPage.getByTestId('sop-save-draft').click();
    await ownerPage.getByTestId('sop-publish').click();
    await ownerPage.getByRole('dialog').getByRole('textbox').first().fill('Check paid invoices first.');
    await ownerPage.getByTestId('sop-reack-checkbox').check();
    await ownerPage.getByTestId('sop-publish-confirm').click();
    await expect
      .poll(async () => ownerPage.getByTestId('sop-version-row').count(), { timeout: 10_000 })
      .toBe(2);

    const lesson = await owner.call<Lesson>('GET', api(`/lessons/${lessonId}`));
    const followUp = lesson.followUps[0] as FollowUp;
    expect(followUp).toMatchObject({ kind: 'sop_change', status: 'done' });
    const detail = await assistant.call<SopDetail>('GET', api(`/sops/${sop.id}`));
    expect(detail.currentVersion).toBe(2);
    expect(detail.acknowledgedByMe).toBe(false);
    const mine = detail.acknowledgements.members.find((m) => m.memberId === assistant.userId);
    expect(mine).toMatchObject({ acknowledged: false, versionNumber: 1 });

    await ownerPage.goto(page(`/lessons/${lessonId}`));
    await expect
      .poll(() => ownerPage.getByTestId('followup-row').first().getAttribute('data-status'))
      .toBe('done');
    const listed = await owner.call<LessonSummary[]>('GET', api('/lessons'));
    expect(listed.find((l) => l.id === lessonId)?.openFollowUps).toBe(0);
  });
});
