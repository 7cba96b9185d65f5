import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, type RunningServer, startServer } from './server.ts';

const skip = browserSkipReason() !== null;

describe.skipIf(skip)('onboarding in the browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs up, creates a workspace, switches language, invites, and a second person accepts', async () => {
    const owner = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await owner.newPage();
    await page.goto(`${server.url}/signup`);
    await page.getByTestId('signup-name').fill('Olivia Owner');
    await page.getByTestId('signup-email').fill('olivia@example.com');
    await page.getByTestId('signup-password').fill('a long enough password');
    await page.getByTestId('signup-submit').click();

    // A brand-new account lands on the workspace list with the create form.
    await page.getByTestId('workspace-name-input').fill('Sunflower Bakery');
    await page.getByTestId('workspace-create-submit').click();
    await page.waitForURL(/\/w\/[0-9a-f-]{36}/);
    const workspacePath = new URL(page.url()).pathname.split('/').slice(0, 3).join('/');

    // Switch to German: the page text changes and <html lang> follows.
    await page.getByTestId('language-select').selectOption('de');
    await expect.poll(() => page.getAttribute('html', 'lang')).toBe('de');

    // Invite an assistant by link.
    await page.goto(`${server.url}${workspacePath}/members`);
    await page.getByTestId('invite-role').selectOption('assistant');
    await page.getByTestId('invite-create-submit').click();
    const inviteUrlField = page.getByTestId('invite-url');
    await inviteUrlField.waitFor();
    const inviteUrl =
      (await inviteUrlField.evaluate((el) => (el instanceof HTMLInputElement ? el.value : el.textContent))) ??
      '';
    expect(inviteUrl).toMatch(/\/invite#inv_/);

    // A second person, in a browser of their own, opens the link and signs up there.
    const guest = await browser.newContext({ locale: 'de-DE', viewport: { width: 375, height: 740 } });
    const guestPage = await guest.newPage();
    await guestPage.goto(inviteUrl.trim());
    await expect.poll(() => guestPage.getByText('Sunflower Bakery').count()).toBeGreaterThan(0);
    await guestPage.getByTestId('invite-signup-choice').click();
    await guestPage.getByTestId('signup-name').fill('Amira Assistent');
    await guestPage.getByTestId('signup-email').fill('amira@example.com');
    await guestPage.getByTestId('signup-password').fill('another long password');
    await guestPage.getByTestId('signup-submit').click();
    const accept = guestPage.getByTestId('invite-accept-submit');
    if (await accept.isVisible().catch(() => false)) await accept.click();
    await guestPage.waitForURL(/\/w\/[0-9a-f-]{36}/);

    // The owner sees the new member.
    await page.goto(`${server.url}${workspacePath}/members`);
    await expect.poll(() => page.getByTestId('member-row').count()).toBe(2);
    await expect.poll(() => page.getByText('Amira Assistent').count()).toBeGreaterThan(0);

    await owner.close();
    await guest.close();
  });
});
