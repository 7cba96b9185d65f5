import type { Question, Task, TaskEvent } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import type { NotificationsTable } from '../../db/schema.ts';
import { HOUR, MINUTE } from '../../lib/clock.ts';
import { describeEachDb, type Harness, workspaceWith } from '../../test/harness.ts';
import { BAD_IDS, idOf, listen, MISSING_ID, makeTask, type Team, team } from '../tasks/tasks.factories.ts';
import { waitingQuestionJob } from './questions.jobs.ts';

/** Every row the question routes write, to compare before and after a refused request. */
async function rows(h: Harness) {
  const { db } = h.db;
  return {
    questions: await db.selectFrom('questions').selectAll().orderBy('id').execute(),
    tasks: await db.selectFrom('tasks').selectAll().orderBy('id').execute(),
    events: await db.selectFrom('task_events').selectAll().orderBy('id').execute(),
    notifications: await db.selectFrom('notifications').selectAll().orderBy('id').execute(),
  };
}

function fields(body: unknown): string[] {
  return ((body as { details?: { fields?: { field: string }[] } }).details?.fields ?? []).map((f) => f.field);
}

async function notificationsOf(h: Harness, workspaceId: string, kind: NotificationsTable['kind']) {
  return h.db.db
    .selectFrom('notifications')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .orderBy('created_at')
    .execute();
}

async function taskOf(t: Team, taskId: string): Promise<Task> {
  const res = await t.owner.get<Task>(t.url(`/tasks/${taskId}`));
  expect(res.status).toBe(200);
  return res.body;
}

async function ask(client: Team['owner'], t: Team, body: Record<string, unknown>): Promise<Question> {
  const res = await client.post<Question>(t.url('/questions'), body);
  if (res.status !== 201) throw new Error(`ask failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describeEachDb('questions', (h) => {
  describe('asking and answering on a task', () => {
    it('blocks the task with history and a notice; the answer unblocks it and tells the asker', async () => {
      const t = await team(h());
      const task = await makeTask(t.owner, t.workspace.id, { areaId: t.area.id, assigneeId: idOf(t.member) });
      const live = listen(h(), t.workspace.id);
      const q = await ask(t.member, t, {
        body: 'Which **account** do I pay from?',
        taskId: task.id,
        addresseeId: idOf(t.owner),
      });
      expect(q).toMatchObject({
        taskId: task.id,
        taskTitle: task.title,
        askerId: idOf(t.member),
        askerName: 'Assistant 1',
        addresseeId: idOf(t.owner),
        status: 'open',
        answer: null,
        waitingHours: 0,
        version: 1,
      });
      expect(q.bodyHtml).toContain('<strong>account</strong>');
      const blocked = await taskOf(t, task.id);
      expect(blocked.blocked).toBe(true);
      expect(blocked.blockedReason).toBe('Which account do I pay from?');
      expect(blocked.version).toBe(task.version + 1);
      live.stop();
      expect(live.messages.map((m) => m.event)).toContainEqual({
        type: 'task.updated',
        taskId: task.id,
        version: blocked.version,
      });
      const row = await h()
        .db.db.selectFrom('tasks')
        .select('blocked_since')
        .where('id', '=', task.id)
        .executeTakeFirstOrThrow();
      expect(row.blocked_since).not.toBeNull();
      const history = (await t.owner.get<TaskEvent[]>(t.url(`/tasks/${task.id}/history`))).body;
      // The test clock stands still, so events of one instant come in id order: find, not last.
      expect(history.find((e) => e.kind === 'question_asked')).toMatchObject({
        data: { questionId: q.id, blocked: true },
      });
      const asked = await notificationsOf(h(), t.workspace.id, 'question_asked');
      expect(asked.map((n) => [n.user_id, n.subject_type, n.subject_id, n.task_id])).toEqual([
        [idOf(t.owner), 'question', q.id, task.id],
      ]);

      h().clock.advance(3 * HOUR);
      const answered = await t.owner.post<Question>(t.url(`/questions/${q.id}/answer`), {
        version: q.version,
        body: 'The _business_ account.',
      });
      expect(answered.status).toBe(200);
      expect(answered.body).toMatchObject({
        status: 'answered',
        answer: 'The _business_ account.',
        answeredBy: idOf(t.owner),
        waitingHours: 3,
        version: 2,
      });
      expect(answered.body.answerHtml).toContain('<em>business</em>');
      const unblocked = await taskOf(t, task.id);
      expect(unblocked).toMatchObject({ blocked: false, blockedReason: '' });
      const after = await h()
        .db.db.selectFrom('tasks')
        .select('blocked_since')
        .where('id', '=', task.id)
        .executeTakeFirstOrThrow();
      expect(after.blocked_since).toBeNull();
      const history2 = (await t.owner.get<TaskEvent[]>(t.url(`/tasks/${task.id}/history`))).body;
      expect(history2.find((e) => e.kind === 'question_answered')).toMatchObject({
        data: { questionId: q.id, unblocked: true },
      });
      const told = await notificationsOf(h(), t.workspace.id, 'question_answered');
      expect(told.map((n) => n.user_id)).toEqual([idOf(t.member)]);
      h().clock.advance(-3 * HOUR);
    });

    it('two open questions: the task is unblocked only after both are answered', async () => {
      const t = await team(h());
      const task = await makeTask(t.owner, t.workspace.id, { areaId: t.area.id });
      const q1 = await ask(t.member, t, { body: 'First?', taskId: task.id });
      h().clock.advance(MINUTE);
      const q2 = await ask(t.member, t, { body: 'Second?', taskId: task.id });
      h().clock.advance(-MINUTE);
      expect((await taskOf(t, task.id)).blockedReason).toBe('First?');
      // Unaddressed from an assistant: the owners hear of it.
      const asked = await notificationsOf(h(), t.workspace.id, 'question_asked');
      expect(asked.map((n) => n.user_id)).toEqual([idOf(t.owner), idOf(t.owner)]);
      expect(
        (await t.owner.post(t.url(`/questions/${q1.id}/answer`), { version: 1, body: 'Yes' })).status,
      ).toBe(200);
      expect((await taskOf(t, task.id)).blocked).toBe(true);
      expect(
        (await t.owner.post(t.url(`/questions/${q2.id}/answer`), { version: 1, body: 'No' })).status,
      ).toBe(200);
      expect((await taskOf(t, task.id)).blocked).toBe(false);
    });

    it('reopening blocks the task again and the asker may mark it answered without text', async () => {
      const t = await team(h());
      const task = await makeTask(t.owner, t.workspace.id, { areaId: t.area.id });
      const q = await ask(t.member, t, { body: 'Ok to send?', taskId: task.id });
      const a = await t.owner.post<Question>(t.url(`/questions/${q.id}/answer`), { version: 1, body: 'Yes' });
      expect((await taskOf(t, task.id)).blocked).toBe(false);
      // Only the asker or an owner reopens.
      expect((await t.outsider.post(t.url(`/questions/${q.id}/reopen`), { version: 2 })).status).toBe(404);
      const reopened = await t.member.post<Question>(t.url(`/questions/${q.id}/reopen`), {
        version: a.body.version,
      });
      expect(reopened.status).toBe(200);
      expect(reopened.body).toMatchObject({ status: 'open', answer: null, answeredAt: null, version: 3 });
      expect((await taskOf(t, task.id)).blocked).toBe(true);
      // Settled by phone: the asker marks it answered with an empty answer.
      const marked = await t.member.post<Question>(t.url(`/questions/${q.id}/answer`), {
        version: 3,
        body: '',
      });
      expect(marked.status).toBe(200);
      expect(marked.body).toMatchObject({ status: 'answered', answer: null, answeredBy: idOf(t.member) });
      expect((await taskOf(t, task.id)).blocked).toBe(false);
      // Reopening an open question, or with a stale version, is a conflict.
      expect((await t.member.post(t.url(`/questions/${q.id}/reopen`), { version: 1 })).status).toBe(409);
    });

    it('deleting the blocking question unblocks the task; asker or owners only', async () => {
      const t = await team(h());
      const task = await makeTask(t.owner, t.workspace.id, { areaId: t.area.id, assigneeId: idOf(t.member) });
      const q = await ask(t.member, t, { body: 'Delete me?', taskId: task.id });
      const other = await ask(t.owner, t, { body: 'General', addresseeId: idOf(t.member) });
      expect((await t.member.delete(t.url(`/questions/${other.id}`))).status).toBe(403);
      expect((await t.member.delete(t.url(`/questions/${q.id}`))).status).toBe(204);
      expect((await taskOf(t, task.id)).blocked).toBe(false);
      expect((await t.member.get(t.url(`/questions/${q.id}`))).status).toBe(404);
      expect((await t.owner.delete(t.url(`/questions/${other.id}`))).status).toBe(204);
    });

    it('a task blocked by hand stays blocked when the question is answered', async () => {
      const t = await team(h());
      const task = await makeTask(t.owner, t.workspace.id, { areaId: t.area.id });
      const patched = await t.owner.patch<Task>(t.url(`/tasks/${task.id}`), {
        version: task.version,
        blocked: true,
        blockedReason: 'Waiting for the bank',
      });
      expect(patched.status).toBe(200);
      const q = await ask(t.member, t, { body: 'Any news?', taskId: task.id });
      expect((await taskOf(t, task.id)).version).toBe(patched.body.version);
      await t.owner.post(t.url(`/questions/${q.id}/answer`), { version: 1, body: 'No' });
      expect(await taskOf(t, task.id)).toMatchObject({
        blocked: true,
        blockedReason: 'Waiting for the bank',
      });
    });
  });

  describe('general questions, editing and lists', () => {
    it('asks in general, edits on the version seen, lists mine and for me', async () => {
      const t = await team(h());
      const q = await ask(t.member, t, { body: 'May I work Friday?', addresseeId: idOf(t.owner) });
      expect(q).toMatchObject({ taskId: null, taskTitle: null });
      const edited = await t.member.patch<Question>(t.url(`/questions/${q.id}`), {
        version: 1,
        body: 'May I work Saturday?',
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ body: 'May I work Saturday?', version: 2 });
      const stale = await t.member.patch<{ details: { current: Question } }>(t.url(`/questions/${q.id}`), {
        version: 1,
        body: 'x',
      });
      expect(stale.status).toBe(409);
      expect(stale.body.details.current.version).toBe(2);
      expect((await t.owner.patch(t.url(`/questions/${q.id}`), { version: 2, body: 'y' })).status).toBe(403);
      // Another assistant neither asked nor is addressed: 404, not in the list.
      expect((await t.outsider.get(t.url(`/questions/${q.id}`))).status).toBe(404);
      expect((await t.outsider.get<Question[]>(t.url('/questions'))).body).toEqual([]);

      h().clock.advance(MINUTE);
      const unaddressed = await ask(t.outsider, t, { body: 'Anyone?' });
      const own = await ask(t.owner, t, { body: 'My own, to anyone' });
      const ownerForMe = (await t.owner.get<Question[]>(t.url('/questions?forMe=true'))).body.map(
        (x) => x.id,
      );
      expect(ownerForMe).toEqual([q.id, unaddressed.id]);
      const memberMine = (await t.member.get<Question[]>(t.url('/questions?mine=true'))).body.map(
        (x) => x.id,
      );
      expect(memberMine).toEqual([q.id]);
      expect((await t.member.get<Question[]>(t.url('/questions?forMe=true'))).body).toEqual([]);

      // Sorted: open oldest first, then answered newest first.
      h().clock.advance(HOUR);
      await t.owner.post(t.url(`/questions/${q.id}/answer`), { version: 2, body: 'Yes' });
      h().clock.advance(HOUR);
      await t.owner.post(t.url(`/questions/${unaddressed.id}/answer`), { version: 1, body: 'Me' });
      const third = await ask(t.member, t, { body: 'Third' });
      const all = (await t.owner.get<Question[]>(t.url('/questions'))).body.map((x) => x.id);
      expect(all).toEqual([own.id, third.id, unaddressed.id, q.id]);
      const open = (await t.owner.get<Question[]>(t.url('/questions?status=open'))).body.map((x) => x.id);
      expect(open).toEqual([own.id, third.id]);
      h().clock.advance(-2 * HOUR - MINUTE);
    });

    it('an assistant does not see questions on tasks outside their sight', async () => {
      const t = await team(h());
      const hidden = await makeTask(t.owner, t.workspace.id, { areaId: t.area.id });
      const q = await ask(t.member, t, { body: 'In the area', taskId: hidden.id });
      expect((await t.outsider.get(t.url(`/questions/${q.id}`))).status).toBe(404);
      expect((await t.outsider.get<Question[]>(t.url('/questions'))).body).toEqual([]);
      expect((await t.outsider.get<Question[]>(t.url(`/questions?taskId=${hidden.id}`))).body).toEqual([]);
      expect(
        (await t.outsider.post(t.url(`/questions/${q.id}/answer`), { version: 1, body: 'x' })).status,
      ).toBe(404);
      // Asking on it is a 400 on the field, like a task that does not exist.
      const before = await rows(h());
      const res = await t.outsider.post(t.url('/questions'), { body: 'Let me in', taskId: hidden.id });
      expect(res.status).toBe(400);
      expect(fields(res.body)).toEqual(['taskId']);
      expect(await rows(h())).toEqual(before);
      expect((await t.member.get<Question[]>(t.url(`/questions?taskId=${hidden.id}`))).body).toHaveLength(1);
      expect((await t.owner.get<Question>(t.url(`/questions/${q.id}`))).body.taskTitle).toBe(hidden.title);
    });
  });

  describe('refusals', () => {
    it('malformed input is a 400 with nothing written', async () => {
      const t = await team(h());
      const other = await workspaceWith(h(), { assistants: 1 });
      const foreignTask = await makeTask(other.owner, other.workspace.id);
      const task = await makeTask(t.owner, t.workspace.id, { areaId: t.area.id });
      const q = await ask(t.member, t, { body: 'Fine', taskId: task.id });
      const before = await rows(h());
      for (const [body, field] of [
        [{ body: '   ' }, 'body'],
        [{ body: 'x'.repeat(100_000) }, 'body'],
        [{ body: 'x', taskId: MISSING_ID }, 'taskId'],
        [{ body: 'x', taskId: foreignTask.id }, 'taskId'],
        [{ body: 'x', addresseeId: MISSING_ID }, 'addresseeId'],
        [{ body: 'x', addresseeId: idOf(other.owner) }, 'addresseeId'],
        [{ body: 'x', taskId: 'not-a-uuid' }, 'taskId'],
        [{}, 'body'],
      ] as const) {
        const res = await t.member.post(t.url('/questions'), body);
        expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
        if (field !== 'body' || 'details' in (res.body as object)) {
          expect(JSON.stringify(res.body)).toContain(field);
        }
      }
      for (const body of [
        { body: 'x' },
        { version: 'one', body: 'x' },
        { version: 1, body: 'x'.repeat(100_000) },
      ]) {
        expect((await t.owner.post(t.url(`/questions/${q.id}/answer`), body)).status).toBe(400);
      }
      for (const bad of BAD_IDS) {
        expect((await t.owner.get(t.url(`/questions/${bad}`))).status).toBe(400);
      }
      expect(await rows(h())).toEqual(before);
    });

    it("another workspace's question is a 404; anonymous callers get 401", async () => {
      const t = await team(h());
      const other = await workspaceWith(h(), { assistants: 1 });
      const foreign = await other.owner.post<Question>(`/api/v1/workspaces/${other.workspace.id}/questions`, {
        body: 'Theirs',
      });
      expect(foreign.status).toBe(201);
      expect((await t.owner.get(t.url(`/questions/${foreign.body.id}`))).status).toBe(404);
      expect(
        (await t.owner.post(t.url(`/questions/${foreign.body.id}/answer`), { version: 1, body: 'x' })).status,
      ).toBe(404);
      expect((await t.owner.delete(t.url(`/questions/${foreign.body.id}`))).status).toBe(404);
      expect((await t.owner.get(t.url(`/questions/${MISSING_ID}`))).status).toBe(404);
      const anonymous = h().client();
      expect((await anonymous.get(t.url('/questions'))).status).toBe(401);
      expect((await anonymous.post(t.url('/questions'), { body: 'x' })).status).toBe(401);
    });

    it('two concurrent answers: one wins, the other gets 409', async () => {
      const t = await team(h());
      const task = await makeTask(t.owner, t.workspace.id, { areaId: t.area.id });
      const q = await ask(t.member, t, { body: 'Race?', taskId: task.id });
      const owner2 = t.owner;
      const [a, b] = await Promise.all([
        owner2.post(t.url(`/questions/${q.id}/answer`), { version: 1, body: 'A' }),
        t.member.post(t.url(`/questions/${q.id}/answer`), { version: 1, body: 'B' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = (a.status === 409 ? a : b).body as { details: { current: Question } };
      expect(loser.details.current.status).toBe('answered');
      const told = await notificationsOf(h(), t.workspace.id, 'question_answered');
      expect(told.length).toBeLessThanOrEqual(1);
      const events = await h()
        .db.db.selectFrom('task_events')
        .select('kind')
        .where('task_id', '=', task.id)
        .where('kind', '=', 'question_answered')
        .execute();
      expect(events).toHaveLength(1);
    });
  });

  describe('the waiting job', () => {
    it('tells the owners and the addressee once after 24 hours, even with two passes at once', async () => {
      const t = await team(h());
      const task = await makeTask(t.owner, t.workspace.id, { areaId: t.area.id, assigneeId: idOf(t.member) });
      const q = await ask(t.owner, t, { body: 'Still there?', taskId: task.id, addresseeId: idOf(t.member) });
      const general = await ask(t.member, t, { body: 'Anyone?' });
      const waiting = () => notificationsOf(h(), t.workspace.id, 'question_waiting');
      h().clock.advance(24 * HOUR);
      await waitingQuestionJob.run(h().app.deps);
      // Exactly 24 hours is not yet overdue.
      expect(await waiting()).toEqual([]);
      h().clock.advance(1 * HOUR);
      await Promise.all([waitingQuestionJob.run(h().app.deps), waitingQuestionJob.run(h().app.deps)]);
      const sent = await waiting();
      expect(sent.map((n) => [n.subject_id, n.user_id]).sort()).toEqual(
        [
          // The owner asked the first: only the addressee hears of it.
          [q.id, idOf(t.member)],
          [general.id, idOf(t.owner)],
        ].sort(),
      );
      await waitingQuestionJob.run(h().app.deps);
      expect(await waiting()).toHaveLength(2);
      // Reopening starts the wait afresh.
      const answered = await t.member.post<Question>(t.url(`/questions/${general.id}/answer`), {
        version: 1,
        body: 'Me',
      });
      await t.member.post(t.url(`/questions/${general.id}/reopen`), { version: answered.body.version });
      const row = await h()
        .db.db.selectFrom('questions')
        .select('waiting_notified_at')
        .where('id', '=', general.id)
        .executeTakeFirstOrThrow();
      expect(row.waiting_notified_at).toBeNull();
      h().clock.advance(-25 * HOUR);
    });
  });

  describe('blocked_since on tasks', () => {
    it('is set when the blocked flag goes on, cleared when it goes off, untouched otherwise', async () => {
      const t = await team(h());
      const task = await makeTask(t.owner, t.workspace.id);
      const since = async () =>
        (
          await h()
            .db.db.selectFrom('tasks')
            .select('blocked_since')
            .where('id', '=', task.id)
            .executeTakeFirstOrThrow()
        ).blocked_since;
      expect(await since()).toBeNull();
      const on = await t.owner.patch<Task>(t.url(`/tasks/${task.id}`), {
        version: task.version,
        blocked: true,
      });
      expect(on.status).toBe(200);
      const first = await since();
      expect(first).not.toBeNull();
      expect(new Date(first ?? '').toISOString()).toBe(h().clock.now().toISOString());
      h().clock.advance(HOUR);
      const reason = await t.owner.patch<Task>(t.url(`/tasks/${task.id}`), {
        version: on.body.version,
        title: 'Renamed',
        blockedReason: 'Bank',
      });
      expect(reason.status).toBe(200);
      expect(await since()).toEqual(first);
      const moved = await t.owner.request<Task>('PATCH', t.url(`/tasks/${task.id}`), {
        version: reason.body.version,
        state: 'doing',
      });
      expect(moved.status).toBe(200);
      expect(await since()).toEqual(first);
      const off = await t.owner.patch<Task>(t.url(`/tasks/${task.id}`), {
        version: moved.body.version,
        blocked: false,
      });
      expect(off.status).toBe(200);
      expect(await since()).toBeNull();
      h().clock.advance(-HOUR);
    });
  });
});
