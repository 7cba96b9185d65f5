import path from 'node:path';
import type { Agenda, Area, MeetingSeries, Question, Task, TaskPage, Workspace } from '@leeway/core';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiUser, bakeryWithAssistant } from './api.ts';
import { browserSkipReason, launchBrowser, type RunningServer, startServer } from './server.ts';

const skip = browserSkipReason() !== null;

/**
 * The rhythm in the browser (issue 6): an assistant asks a question on a task; a day later it
 * is on the meeting's agenda; in the meeting the principal answers it and records an action
 * item, which appears as a task. "A day later" is made by dating the question back in the
 * server's SQLite file: the server runs on the real clock, and the rule under test is the
 * agenda's, not the calendar's.
 */
describe.skipIf(skip)('questions and meetings in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let owner: ApiUser;
  let assistant: ApiUser;
  let workspace: Workspace;
  let area: Area;
  let task: Task;
  let meeting: MeetingSeries;
  const contexts: BrowserContext[] = [];
  const api = (p: string) => `/api/v1/workspaces/${workspace.id}${p}`;
  const page = (p: string) => `${server.url}/w/${workspace.id}${p}`;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ owner, assistant, workspace } = await bakeryWithAssistant(server.url));
    area = await owner.call<Area>('POST', api('/areas'), {
      name: 'Bookkeeping',
      ownerId: assistant.userId,
      memberIds: [],
    });
    task = await owner.call<Task>('POST', api('/tasks'), {
      title: 'Pay the flour invoice',
      areaId: area.id,
      assigneeId: assistant.userId,
    });
    // The weekly round starts tomorrow at 10:00 Berlin time: its agenda is live until then.
    const tomorrow = new Date(Date.now() + 86_400_000);
    tomorrow.setUTCHours(9, 0, 0, 0);
    meeting = await owner.call<MeetingSeries>('POST', api('/meetings'), {
      title: 'Weekly round',
      participantIds: [owner.userId, assistant.userId],
      rrule: 'FREQ=WEEKLY',
      timeZone: 'Europe/Berlin',
      startsAt: tomorrow.toISOString(),
      durationMin: 45,
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

  it('a question waits a day, reaches the agenda, is answered there and leaves an action item as a task', async () => {
    // The assistant asks on the task page (in German); the task is blocked on the answer.
    const assistantPage = await pageAs(assistant, 'de-DE');
    await assistantPage.goto(page(`/tasks/${task.id}`));
    await assistantPage.getByTestId('task-questions').waitFor();
    await assistantPage.getByTestId('task-question-ask').click();
    await assistantPage.getByTestId('question-body').fill('Pay now or after the complaint is settled?');
    await assistantPage.getByTestId('question-submit').click();
    await expect
      .poll(async () => (await assistant.call<Task>('GET', api(`/tasks/${task.id}`))).blocked, {
        timeout: 10_000,
      })
      .toBe(true);
    const [question] = await assistant.call<Question[]>('GET', api(`/questions?taskId=${task.id}`));
    expect(question?.status).toBe('open');

    // A day passes without an answer.
    const db = new Database(path.join(server.dataDir, 'leeway.sqlite'));
    try {
      const dayAgo = new Date(Date.now() - 25 * 3_600_000).toISOString();
      db.prepare('update questions set created_at = ? where id = ?').run(dayAgo, question?.id);
    } finally {
      db.close();
    }

    // The principal opens the meeting: the question is on the agenda, with where it came from.
    const ownerPage = await pageAs(owner, 'en-US');
    await ownerPage.goto(page(`/meetings/${meeting.id}`));
    const item = ownerPage.locator('[data-testid="agenda-item"][data-source="question"]');
    await item.first().waitFor({ timeout: 15_000 });
    expect(await item.first().textContent()).toContain('Pay now or after the complaint');

    // In the meeting: the principal notes the decision and records an action item from the
    // agenda item, which becomes a task …
    const agendaItem = item.first();
    await agendaItem.getByTestId('agenda-item-notes').fill('Wait for the credit note.');
    await agendaItem.getByTestId('agenda-item-notes').blur();
    await agendaItem.getByTestId('agenda-action-item').click();
    await ownerPage.getByTestId('action-item-title').fill('Ask the mill for the credit note');
    await ownerPage.getByTestId('action-item-assignee').selectOption(assistant.userId);
    await ownerPage.getByTestId('action-item-save').click();
    await ownerPage.getByTestId('action-item-task-link').first().waitFor();

    // … and answers the question, which unblocks the task.
    await ownerPage.goto(page(`/questions?question=${question?.id}`));
    const row = ownerPage.locator(`[data-testid="question-row"][data-status="open"]`).first();
    await row.getByTestId('question-answer-input').fill('After the complaint: the mill credits us first.');
    await row.getByTestId('question-answer-submit').click();
    await expect
      .poll(async () => (await owner.call<Task>('GET', api(`/tasks/${task.id}`))).blocked, {
        timeout: 10_000,
      })
      .toBe(false);

    const tasks = await assistant.call<TaskPage>('GET', api('/tasks?limit=100'));
    const created = tasks.items.find((t) => t.title === 'Ask the mill for the credit note');
    expect(created?.assigneeId).toBe(assistant.userId);
    const next = meeting.next?.originalStart ?? '';
    const agenda = await owner.call<Agenda>(
      'GET',
      api(`/meetings/${meeting.id}/occurrences/${encodeURIComponent(next)}/agenda`),
    );
    expect(agenda.actionItems.map((a) => a.taskId)).toContain(created?.id);
    const noted = agenda.items.find((i) => i.source === 'question');
    expect(noted?.notes).toBe('Wait for the credit note.');
  });
});
