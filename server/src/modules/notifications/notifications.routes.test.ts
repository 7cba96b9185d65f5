import type { Comment, NotificationPage, NotificationPreferences } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../context.ts';
import { DAY, HOUR, MINUTE } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import type { Mailer, MailMessage } from '../../mail/mailer.ts';
import { describeEachDb, type Harness, type TestClient } from '../../test/harness.ts';
import {
  BAD_IDS,
  collaborationScene,
  collaborationSnapshot,
  createTask,
  notificationsOf,
  taskRow,
} from '../../test/task-factory.ts';
import { dueReminderJob, notificationDigestJob, notificationMailJob } from './notifications.jobs.ts';

const mention = (id: string) => `@[Someone](user:${id})`;

async function comment(client: TestClient, taskUrl: string, body: string): Promise<Comment> {
  const res = await client.post<Comment>(`${taskUrl}/comments`, { body });
  if (res.status !== 201) throw new Error(`comment failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The fields a 400 names (a union names its field once per alternative). */
function fieldsOf(body: unknown): string[] {
  const details = (body as { details?: { fields?: { field: string }[] } }).details;
  return (details?.fields ?? []).map((f) => f.field);
}

function deps(h: Harness): Deps {
  return h.app.deps;
}

/** Marks every waiting mail as handled, so a test's job pass sees only the rows it creates. */
async function settleMail(h: Harness) {
  await h.db.db
    .updateTable('notifications')
    .set({ emailed_at: h.clock.now().toISOString() })
    .where('emailed_at', 'is', null)
    .execute();
}

function mailsTo(h: Harness, email: string): MailMessage[] {
  return h.mailer.sent.filter((m) => m.to === email);
}

function emailOf(client: TestClient): string {
  if (!client.user) throw new Error('not signed in');
  return client.user.email;
}

/** Moves the clock forward to the next day at this UTC hour (Berlin is UTC+1 in January). */
function nextDayAt(h: Harness, utcHour: number, minute = 0) {
  const now = h.clock.now();
  const next = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, utcHour, minute),
  );
  h.clock.set(next);
}

async function setLocale(h: Harness, userId: string, locale: 'en' | 'de') {
  await h.db.db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

describeEachDb('notifications', (h) => {
  describe('the notification centre', () => {
    it('lists my own notifications, newest first, with the unread count', async () => {
      const s = await collaborationScene(h());
      await comment(s.owner, s.taskUrl, `First ${mention(s.insider.user.id)}`);
      h().clock.advance(MINUTE);
      await comment(s.owner, s.taskUrl, `Second ${mention(s.insider.user.id)}`);
      const res = await s.insider.get<NotificationPage>(`${s.base}/notifications`);
      expect(res.status).toBe(200);
      expect(res.body.unread).toBe(2);
      expect(res.body.items).toHaveLength(2);
      expect(res.body.items[0]).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        workspaceId: s.workspace.id,
        kind: 'mentioned',
        taskId: s.task.id,
        taskTitle: 'Pay the invoices',
        actorId: s.owner.user.id,
        actorName: 'Olivia Owner',
        excerpt: 'Second @Someone',
        createdAt: h().clock.now().toISOString(),
        readAt: null,
        subjectType: null,
        subjectId: null,
        subjectTitle: '',
      });
      expect(res.body.items[1]?.excerpt).toBe('First @Someone');
      // The owner (the actor) has none; nobody sees another person's notifications.
      expect((await s.owner.get<NotificationPage>(`${s.base}/notifications`)).body).toEqual({
        items: [],
        unread: 0,
      });
    });

    it('marks one read; ?unread=true lists only unread ones', async () => {
      const s = await collaborationScene(h());
      await comment(s.owner, s.taskUrl, `A ${mention(s.insider.user.id)}`);
      h().clock.advance(MINUTE);
      await comment(s.owner, s.taskUrl, `B ${mention(s.insider.user.id)}`);
      const page = (await s.insider.get<NotificationPage>(`${s.base}/notifications`)).body;
      const newest = page.items[0];
      if (!newest) throw new Error('no notification');
      const read = await s.insider.post(`${s.base}/notifications/${newest.id}/read`);
      expect(read.status).toBe(204);
      const after = (await s.insider.get<NotificationPage>(`${s.base}/notifications`)).body;
      expect(after.unread).toBe(1);
      expect(after.items[0]?.readAt).toBe(h().clock.now().toISOString());
      const unread = (await s.insider.get<NotificationPage>(`${s.base}/notifications?unread=true`)).body;
      expect(unread.items.map((n) => n.excerpt)).toEqual(['A @Someone']);
      const all = (await s.insider.get<NotificationPage>(`${s.base}/notifications?unread=false`)).body;
      expect(all.items).toHaveLength(2);
      // Reading again keeps the first time.
      h().clock.advance(MINUTE);
      expect((await s.insider.post(`${s.base}/notifications/${newest.id}/read`)).status).toBe(204);
      const again = (await s.insider.get<NotificationPage>(`${s.base}/notifications`)).body;
      expect(again.items[0]?.readAt).toBe(after.items[0]?.readAt);
    });

    it("another member cannot read someone else's notification (404, nothing written)", async () => {
      const s = await collaborationScene(h());
      await comment(s.owner, s.taskUrl, `Hi ${mention(s.insider.user.id)}`);
      const [row] = await notificationsOf(h(), s.insider.user.id);
      if (!row) throw new Error('no notification');
      const before = await collaborationSnapshot(h());
      for (const other of [s.owner, s.outsider]) {
        const res = await other.post(`${s.base}/notifications/${row.id}/read`);
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ code: 'not_found' });
      }
      const foreign = await s.stranger.post(
        `/api/v1/workspaces/${s.otherWorkspace.id}/notifications/${row.id}/read`,
      );
      expect(foreign.status).toBe(404);
      expect(await collaborationSnapshot(h())).toEqual(before);
    });

    it('marks all mine in this workspace read, and nobody else’s', async () => {
      const s = await collaborationScene(h());
      await comment(s.insider, s.taskUrl, `For ${mention(s.owner.user.id)}`);
      await comment(s.owner, s.taskUrl, `For ${mention(s.insider.user.id)}`);
      // A notification of mine in another workspace stays unread.
      await h()
        .db.db.insertInto('notifications')
        .values({
          id: newId(),
          workspace_id: s.otherWorkspace.id,
          user_id: s.insider.user.id,
          kind: 'assigned',
          task_id: null,
          actor_id: null,
          excerpt: '',
          delivery: 'immediate',
          emailed_at: null,
          created_at: h().clock.now().toISOString(),
          read_at: null,
        })
        .execute();
      const res = await s.insider.post(`${s.base}/notifications/read-all`);
      expect(res.status).toBe(204);
      expect((await s.insider.get<NotificationPage>(`${s.base}/notifications`)).body.unread).toBe(0);
      const mine = await notificationsOf(h(), s.insider.user.id);
      expect(mine.filter((n) => n.read_at === null).map((n) => n.workspace_id)).toEqual([
        s.otherWorkspace.id,
      ]);
      expect((await s.owner.get<NotificationPage>(`${s.base}/notifications`)).body.unread).toBe(1);
    });

    it('shows the newest 50 and counts all unread', async () => {
      const s = await collaborationScene(h());
      const start = h().clock.now().getTime();
      await h()
        .db.db.insertInto('notifications')
        .values(
          Array.from({ length: 55 }, (_, i) => ({
            id: newId(),
            workspace_id: s.workspace.id,
            user_id: s.insider.user.id,
            kind: 'commented' as const,
            task_id: s.task.id,
            actor_id: s.owner.user.id,
            excerpt: `n${i}`,
            delivery: 'immediate' as const,
            emailed_at: new Date(start).toISOString(),
            created_at: new Date(start + i * 1000).toISOString(),
            read_at: null,
          })),
        )
        .execute();
      const page = (await s.insider.get<NotificationPage>(`${s.base}/notifications`)).body;
      expect(page.items).toHaveLength(50);
      expect(page.items[0]?.excerpt).toBe('n54');
      expect(page.items[49]?.excerpt).toBe('n5');
      expect(page.unread).toBe(55);
    });

    it('hides notifications about a task I can no longer see (list, count and read)', async () => {
      const s = await collaborationScene(h());
      await comment(s.owner, s.taskUrl, `Look ${mention(s.insider.user.id)}`);
      const [row] = await notificationsOf(h(), s.insider.user.id);
      if (!row) throw new Error('no notification');
      await h()
        .db.db.deleteFrom('area_members')
        .where('area_id', '=', s.area.id)
        .where('user_id', '=', s.insider.user.id)
        .execute();
      const page = (await s.insider.get<NotificationPage>(`${s.base}/notifications`)).body;
      expect(page).toEqual({ items: [], unread: 0 });
      expect((await s.insider.post(`${s.base}/notifications/${row.id}/read`)).status).toBe(404);
      // Back in the area, it shows again.
      await h()
        .db.db.insertInto('area_members')
        .values({
          workspace_id: s.workspace.id,
          area_id: s.area.id,
          user_id: s.insider.user.id,
          created_at: h().clock.now().toISOString(),
        })
        .execute();
      expect((await s.insider.get<NotificationPage>(`${s.base}/notifications`)).body.unread).toBe(1);
    });
  });

  describe('preferences', () => {
    it('defaults to immediate for every kind', async () => {
      const s = await collaborationScene(h());
      const res = await s.insider.get<NotificationPreferences>('/api/v1/me/notification-preferences');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        assigned: 'immediate',
        mentioned: 'immediate',
        commented: 'immediate',
        due_soon: 'immediate',
        overdue: 'immediate',
        review_requested: 'immediate',
        review_decided: 'immediate',
        level_proposal: 'immediate',
        assistant_activity: 'immediate',
        sop_review_due: 'immediate',
        sop_acknowledge: 'immediate',
        follow_up: 'immediate',
        lesson: 'immediate',
        question_asked: 'immediate',
        question_answered: 'immediate',
        question_waiting: 'immediate',
        checkin_reminder: 'immediate',
        meeting_summary: 'immediate',
        nudge: 'immediate',
        mission_assigned: 'immediate',
        insights_digest: 'immediate',
      });
    });

    it('changes only the kinds sent, drops undeclared fields, and applies to new notifications', async () => {
      const s = await collaborationScene(h());
      const res = await s.insider.patch<NotificationPreferences>('/api/v1/me/notification-preferences', {
        commented: 'digest',
        overdue: 'off',
        role: 'owner',
        userId: s.owner.user.id,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        assigned: 'immediate',
        mentioned: 'immediate',
        commented: 'digest',
        due_soon: 'immediate',
        overdue: 'off',
        review_requested: 'immediate',
        review_decided: 'immediate',
        level_proposal: 'immediate',
        assistant_activity: 'immediate',
        sop_review_due: 'immediate',
        sop_acknowledge: 'immediate',
        follow_up: 'immediate',
        lesson: 'immediate',
        question_asked: 'immediate',
        question_answered: 'immediate',
        question_waiting: 'immediate',
        checkin_reminder: 'immediate',
        meeting_summary: 'immediate',
        nudge: 'immediate',
        mission_assigned: 'immediate',
        insights_digest: 'immediate',
      });
      const again = await s.insider.patch<NotificationPreferences>('/api/v1/me/notification-preferences', {
        commented: 'immediate',
      });
      expect(again.body.commented).toBe('immediate');
      expect(again.body.overdue).toBe('off');
      expect((await s.insider.patch('/api/v1/me/notification-preferences', {})).body).toEqual(again.body);
      // The owner's own preferences are untouched.
      const owners = await s.owner.get<NotificationPreferences>('/api/v1/me/notification-preferences');
      expect(owners.body.overdue).toBe('immediate');

      await s.insider.patch('/api/v1/me/notification-preferences', { mentioned: 'digest' });
      await comment(s.owner, s.taskUrl, `Hi ${mention(s.insider.user.id)}`);
      const [row] = await notificationsOf(h(), s.insider.user.id);
      expect(row?.delivery).toBe('digest');
    });

    it.each([
      [{ mentioned: 'sometimes' }, 'mentioned'],
      [{ assigned: 1 }, 'assigned'],
      [{ overdue: null }, 'overdue'],
      [{ due_soon: ['off'] }, 'due_soon'],
    ])('refuses %j → 400 naming the field, nothing written', async (body, field) => {
      const s = await collaborationScene(h());
      const before = await collaborationSnapshot(h());
      const res = await s.insider.patch('/api/v1/me/notification-preferences', body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed' });
      expect(new Set(fieldsOf(res.body))).toEqual(new Set([field]));
      expect(await collaborationSnapshot(h())).toEqual(before);
    });

    it('anonymous → 401, nothing written', async () => {
      const before = await collaborationSnapshot(h());
      expect((await h().client().get('/api/v1/me/notification-preferences')).status).toBe(401);
      expect(
        (await h().client().patch('/api/v1/me/notification-preferences', { assigned: 'off' })).status,
      ).toBe(401);
      expect(await collaborationSnapshot(h())).toEqual(before);
    });
  });

  describe('authorization and validation', () => {
    type Scene = Awaited<ReturnType<typeof collaborationScene>>;
    const routes = [
      { label: 'GET notifications', method: 'GET' as const, path: (s: Scene) => `${s.base}/notifications` },
      {
        label: 'POST read',
        method: 'POST' as const,
        path: (s: Scene, n: string) => `${s.base}/notifications/${n}/read`,
      },
      {
        label: 'POST read-all',
        method: 'POST' as const,
        path: (s: Scene) => `${s.base}/notifications/read-all`,
      },
    ];

    async function withNotification() {
      const s = await collaborationScene(h());
      await comment(s.owner, s.taskUrl, `Secret plan ${mention(s.insider.user.id)}`);
      const [row] = await notificationsOf(h(), s.insider.user.id);
      if (!row) throw new Error('no notification');
      return { s, n: row.id };
    }

    it.each(routes)('$label: anonymous → 401, nothing written', async (route) => {
      const { s, n } = await withNotification();
      const before = await collaborationSnapshot(h());
      const res = await h()
        .client()
        .request(route.method, route.path(s, n), route.method === 'POST' ? {} : undefined);
      expect(res.status).toBe(401);
      expect(await collaborationSnapshot(h())).toEqual(before);
    });

    it.each(routes)('$label: a member of another workspace → 404, nothing written', async (route) => {
      const { s, n } = await withNotification();
      const before = await collaborationSnapshot(h());
      const res = await s.stranger.request(
        route.method,
        route.path(s, n),
        route.method === 'POST' ? {} : undefined,
      );
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Secret plan');
      expect(await collaborationSnapshot(h())).toEqual(before);
    });

    it.each(routes)('$label: the outsider assistant learns nothing of it', async (route) => {
      const { s, n } = await withNotification();
      const before = await collaborationSnapshot(h());
      const res = await s.outsider.request(
        route.method,
        route.path(s, n),
        route.method === 'POST' ? {} : undefined,
      );
      expect(JSON.stringify(res.body)).not.toContain('Secret plan');
      if (route.label === 'POST read') expect(res.status).toBe(404);
      expect(await collaborationSnapshot(h())).toEqual(before);
    });

    it.each(routes)('$label: malformed ids → 400 naming the field, nothing written', async (route) => {
      const { s, n } = await withNotification();
      const before = await collaborationSnapshot(h());
      for (const bad of BAD_IDS) {
        const cases: [string, string][] = [['workspaceId', route.path(s, n).replace(s.workspace.id, bad)]];
        if (route.label === 'POST read') cases.push(['notificationId', route.path(s, bad)]);
        for (const [field, url] of cases) {
          const res = await s.insider.request(route.method, url, route.method === 'POST' ? {} : undefined);
          expect(res.status, `${field} ${bad}`).toBe(400);
          expect(res.body).toMatchObject({ code: 'validation_failed', details: { fields: [{ field }] } });
        }
      }
      expect(await collaborationSnapshot(h())).toEqual(before);
    });

    it.each(['yes', '1', 'TRUE', ''])('?unread=%s → 400 naming unread', async (value) => {
      const s = await collaborationScene(h());
      const res = await s.insider.get(`${s.base}/notifications?unread=${value}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed' });
      expect(new Set(fieldsOf(res.body))).toEqual(new Set(['unread']));
    });
  });

  describe('the immediate mail job', () => {
    it('mails each notification once, in the recipient’s language, with a link built from BASE_URL', async () => {
      await settleMail(h());
      const s = await collaborationScene(h());
      await setLocale(h(), s.insider.user.id, 'de');
      await comment(s.insider, s.taskUrl, 'Ich folge');
      await comment(s.owner, s.taskUrl, `Bitte prüfen ${mention(s.insider.user.id)}\n\nDanke`);
      await comment(s.insider, s.taskUrl, 'Erledigt');

      // The owner hears of both of the L1 assistant's comments: the first through the ladder
      // (DESIGN §4: each event at once), the second as a follower.
      const handled = await notificationMailJob.run(deps(h()));
      expect(handled).toBe(3);
      const [toInsider] = mailsTo(h(), emailOf(s.insider));
      expect(mailsTo(h(), emailOf(s.insider))).toHaveLength(1);
      expect(toInsider?.subject).toBe('Olivia Owner hat dich in „Pay the invoices“ erwähnt');
      expect(toInsider?.text).toContain('Hallo Assistant 1,');
      expect(toInsider?.text).toContain('> Bitte prüfen @Someone Danke');
      expect(toInsider?.text).toContain(`http://leeway.test/w/${s.workspace.id}/tasks/${s.task.id}`);
      const [toOwner] = mailsTo(h(), emailOf(s.owner));
      expect(toOwner?.subject).toBe('Assistant 1 commented on “Pay the invoices”');
      expect(toOwner?.text).toContain('Hello Olivia Owner,');

      expect(await notificationMailJob.run(deps(h()))).toBe(0);
      expect(mailsTo(h(), emailOf(s.insider))).toHaveLength(1);
      expect(mailsTo(h(), emailOf(s.owner))).toHaveLength(2);
      const rows = await notificationsOf(h(), s.insider.user.id);
      expect(rows.every((r) => r.emailed_at !== null)).toBe(true);
    });

    it('two passes at the same time send each mail exactly once', async () => {
      await settleMail(h());
      const s = await collaborationScene(h());
      for (let i = 0; i < 5; i++)
        await comment(s.owner, s.taskUrl, `Ping ${i} ${mention(s.insider.user.id)}`);
      const counts = await Promise.all([
        notificationMailJob.run(deps(h())),
        notificationMailJob.run(deps(h())),
        notificationMailJob.run(deps(h())),
      ]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
      expect(mailsTo(h(), emailOf(s.insider))).toHaveLength(5);
    });

    it('skips what was read already, digest rows, and tasks the recipient can no longer see', async () => {
      await settleMail(h());
      const s = await collaborationScene(h());
      await comment(s.owner, s.taskUrl, `Read it ${mention(s.insider.user.id)}`);
      await s.insider.post(`${s.base}/notifications/read-all`);
      await s.owner.patch('/api/v1/me/notification-preferences', { mentioned: 'digest' });
      await comment(s.insider, s.taskUrl, `Digest ${mention(s.owner.user.id)}`);
      const secret = await createTask(h(), {
        workspaceId: s.workspace.id,
        creatorId: s.owner.user.id,
        areaId: s.area.id,
        title: 'Secret merger',
      });
      await comment(s.owner, `${s.base}/tasks/${secret.id}`, `Psst ${mention(s.insider.user.id)}`);
      await h()
        .db.db.deleteFrom('area_members')
        .where('area_id', '=', s.area.id)
        .where('user_id', '=', s.insider.user.id)
        .execute();

      await notificationMailJob.run(deps(h()));
      expect(mailsTo(h(), emailOf(s.insider))).toEqual([]);
      expect(mailsTo(h(), emailOf(s.owner))).toEqual([]);
      // The skipped immediate rows are settled for good; the digest row waits for the digest.
      const insiderRows = await notificationsOf(h(), s.insider.user.id);
      expect(insiderRows.every((r) => r.emailed_at !== null)).toBe(true);
      const [ownerRow] = await notificationsOf(h(), s.owner.user.id);
      expect(ownerRow).toMatchObject({ delivery: 'digest', emailed_at: null });
    });

    it('a removed member gets no more mail from the workspace', async () => {
      await settleMail(h());
      const s = await collaborationScene(h());
      await comment(s.owner, s.taskUrl, `Bye ${mention(s.insider.user.id)}`);
      expect((await s.owner.delete(`${s.base}/members/${s.insider.user.id}`)).status).toBe(204);
      await notificationMailJob.run(deps(h()));
      expect(mailsTo(h(), emailOf(s.insider))).toEqual([]);
    });

    it('retries after a failed send, and sends nothing without SMTP', async () => {
      await settleMail(h());
      const s = await collaborationScene(h());
      await comment(s.owner, s.taskUrl, `Try ${mention(s.insider.user.id)}`);
      const failing: Mailer = {
        kind: 'smtp',
        send: async () => {
          throw new Error('SMTP down');
        },
      };
      expect(await notificationMailJob.run({ ...deps(h()), mailer: failing })).toBe(0);
      const [row] = await notificationsOf(h(), s.insider.user.id);
      expect(row?.emailed_at).toBeNull();
      expect(await notificationMailJob.run(deps(h()))).toBe(1);
      expect(mailsTo(h(), emailOf(s.insider))).toHaveLength(1);

      // Without SMTP (the outbox) notification mails are not written at all, and not kept waiting.
      await comment(s.owner, s.taskUrl, `Again ${mention(s.insider.user.id)}`);
      const outbox: Mailer = {
        kind: 'outbox',
        send: async () => {
          throw new Error('must not be called');
        },
      };
      expect(await notificationMailJob.run({ ...deps(h()), mailer: outbox })).toBe(0);
      expect((await notificationsOf(h(), s.insider.user.id)).every((r) => r.emailed_at !== null)).toBe(true);
    });
  });

  describe('the daily digest', () => {
    it('sends one mail a day per person, from 08:00 their time, listing what waited', async () => {
      await settleMail(h());
      const s = await collaborationScene(h());
      await s.insider.patch('/api/v1/me/notification-preferences', {
        mentioned: 'digest',
        commented: 'digest',
      });
      await comment(s.insider, s.taskUrl, 'following');
      // 06:00 in Berlin: nothing yet.
      nextDayAt(h(), 5);
      await comment(s.owner, s.taskUrl, `Morning ${mention(s.insider.user.id)}`);
      h().clock.advance(MINUTE);
      await comment(s.owner, s.taskUrl, 'A plain comment');
      // (The owner hears of the L1 assistant's comment at once; the insider's rows wait.)
      await notificationMailJob.run(deps(h()));
      expect(mailsTo(h(), emailOf(s.insider))).toEqual([]);
      await notificationDigestJob.run(deps(h()));
      expect(mailsTo(h(), emailOf(s.insider))).toEqual([]);

      // 08:30 in Berlin: the digest goes out, once.
      h().clock.advance(2.5 * HOUR);
      await notificationDigestJob.run(deps(h()));
      const [digest] = mailsTo(h(), emailOf(s.insider));
      expect(mailsTo(h(), emailOf(s.insider))).toHaveLength(1);
      expect(digest?.subject).toBe('Leeway: 2 updates for you');
      expect(digest?.text).toContain(
        'Olivia Owner mentioned you in a comment on “Pay the invoices” in Acme:',
      );
      expect(digest?.text).toContain('Olivia Owner commented on “Pay the invoices” in Acme:');
      expect(digest?.text).toContain('> A plain comment');
      expect(digest?.text).toContain(`http://leeway.test/w/${s.workspace.id}/tasks/${s.task.id}`);
      await notificationDigestJob.run(deps(h()));
      expect(mailsTo(h(), emailOf(s.insider))).toHaveLength(1);

      // More the same day waits for tomorrow.
      h().clock.advance(HOUR);
      await comment(s.owner, s.taskUrl, `Later ${mention(s.insider.user.id)}`);
      await notificationDigestJob.run(deps(h()));
      expect(mailsTo(h(), emailOf(s.insider))).toHaveLength(1);
      nextDayAt(h(), 8);
      await Promise.all([notificationDigestJob.run(deps(h())), notificationDigestJob.run(deps(h()))]);
      const mails = mailsTo(h(), emailOf(s.insider));
      expect(mails).toHaveLength(2);
      expect(mails[1]?.subject).toBe('Leeway: 1 update for you');
      expect(mails[1]?.text).toContain('> Later @Someone');
    });
  });

  describe('due reminders', () => {
    async function dueTask(s: Awaited<ReturnType<typeof collaborationScene>>, inMs: number, extra = {}) {
      return createTask(h(), {
        workspaceId: s.workspace.id,
        creatorId: s.owner.user.id,
        areaId: s.area.id,
        assigneeId: s.insider.user.id,
        dueAt: new Date(h().clock.now().getTime() + inMs).toISOString(),
        ...extra,
      });
    }

    it('tells the assignee "due soon" once within 24 h, then "overdue" once', async () => {
      const s = await collaborationScene(h());
      const t = await dueTask(s, 2 * HOUR);
      await dueReminderJob.run(deps(h()));
      await dueReminderJob.run(deps(h()));
      let rows = (await notificationsOf(h(), s.insider.user.id)).filter((n) => n.task_id === t.id);
      expect(rows.map((n) => [n.kind, n.actor_id])).toEqual([['due_soon', null]]);
      expect((await taskRow(h(), t.id)).due_soon_notified_at).toBe(h().clock.now().toISOString());

      h().clock.advance(3 * HOUR);
      await dueReminderJob.run(deps(h()));
      await dueReminderJob.run(deps(h()));
      rows = (await notificationsOf(h(), s.insider.user.id)).filter((n) => n.task_id === t.id);
      expect(rows.map((n) => n.kind)).toEqual(['due_soon', 'overdue']);
      const page = (await s.insider.get<NotificationPage>(`${s.base}/notifications`)).body;
      expect(page.items[0]).toMatchObject({ kind: 'overdue', taskId: t.id, actorId: null, actorName: '' });
    });

    it('leaves done, cancelled, unassigned and far-off tasks alone', async () => {
      const s = await collaborationScene(h());
      const done = await dueTask(s, -HOUR, { state: 'done' });
      const cancelled = await dueTask(s, HOUR, { state: 'cancelled' });
      const nobody = await dueTask(s, HOUR, { assigneeId: null });
      const later = await dueTask(s, 2 * DAY);
      await dueReminderJob.run(deps(h()));
      const ids = [done.id, cancelled.id, nobody.id, later.id];
      const told = await h()
        .db.db.selectFrom('notifications')
        .select('task_id')
        .where('task_id', 'in', ids)
        .execute();
      expect(told).toEqual([]);
      h().clock.advance(DAY + HOUR);
      await dueReminderJob.run(deps(h()));
      const soon = await notificationsOf(h(), s.insider.user.id);
      expect(soon.filter((n) => ids.includes(n.task_id ?? '')).map((n) => [n.task_id, n.kind])).toEqual([
        [later.id, 'due_soon'],
      ]);
    });

    it('two passes at the same time remind once', async () => {
      const s = await collaborationScene(h());
      const t = await dueTask(s, -MINUTE);
      await Promise.all([
        dueReminderJob.run(deps(h())),
        dueReminderJob.run(deps(h())),
        dueReminderJob.run(deps(h())),
      ]);
      const rows = (await notificationsOf(h(), s.insider.user.id)).filter((n) => n.task_id === t.id);
      expect(rows.map((n) => n.kind)).toEqual(['overdue']);
    });

    it('respects "off", and tells nobody who left the workspace', async () => {
      const s = await collaborationScene(h());
      await s.insider.patch('/api/v1/me/notification-preferences', { due_soon: 'off' });
      const quiet = await dueTask(s, HOUR);
      const orphan = await dueTask(s, HOUR, { assigneeId: s.outsider.user.id });
      await s.owner.delete(`${s.base}/members/${s.outsider.user.id}`);
      await dueReminderJob.run(deps(h()));
      expect(
        await h()
          .db.db.selectFrom('notifications')
          .select('id')
          .where('task_id', 'in', [quiet.id, orphan.id])
          .execute(),
      ).toEqual([]);
      expect((await taskRow(h(), orphan.id)).due_soon_notified_at).not.toBeNull();
    });

    it('mails the reminder with the due time in the assignee’s time zone', async () => {
      await settleMail(h());
      const s = await collaborationScene(h());
      nextDayAt(h(), 9);
      const due = new Date(h().clock.now().getTime() + 2 * HOUR); // 11:00 UTC = 12:00 in Berlin
      await createTask(h(), {
        workspaceId: s.workspace.id,
        creatorId: s.owner.user.id,
        assigneeId: s.insider.user.id,
        title: 'File the VAT return',
        dueAt: due.toISOString(),
      });
      await dueReminderJob.run(deps(h()));
      await notificationMailJob.run(deps(h()));
      const [mail] = mailsTo(h(), emailOf(s.insider));
      expect(mail?.subject).toBe('Due soon: “File the VAT return”');
      expect(mail?.text).toMatch(/“File the VAT return” in Acme is due on \d{1,2} \w{3} \d{4}, 12:00\./);
    });
  });
});
