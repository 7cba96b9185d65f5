import type { CheckIn, MyCheckIn } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { describeEachDb, type Harness, workspaceWith } from '../../test/harness.ts';
import { idOf, MISSING_ID, type Team, team } from '../tasks/tasks.factories.ts';
import { checkInReminderJob } from './checkins.jobs.ts';
import { listCheckInsSince } from './checkins.repository.ts';

const START = '2026-01-05T09:00:00.000Z';

const body = (extra: Record<string, unknown> = {}) => ({
  done: 'Paid the invoices',
  planned: 'Close the month',
  blockers: '',
  autonomy: 4,
  discuss: false,
  ...extra,
});

async function rows(h: Harness) {
  const { db } = h.db;
  return {
    checkIns: await db.selectFrom('check_ins').selectAll().orderBy('id').execute(),
    reminders: await db
      .selectFrom('check_in_reminders')
      .selectAll()
      .orderBy('workspace_id')
      .orderBy('member_id')
      .execute(),
  };
}

function put<T>(client: Team['owner'], url: string, payload: unknown) {
  return client.request<T>('PUT', url, payload);
}

describeEachDb('check-ins', (h) => {
  describe('submitting', () => {
    it("upserts the assistant's check-in of the week; the week rolls over in their zone", async () => {
      const t = await team(h());
      // Sunday 23:30 in Berlin (UTC+1 in January): still ISO week 2.
      h().clock.set('2026-01-11T22:30:00.000Z');
      const first = await put<CheckIn>(t.member, t.url('/check-ins/me'), body());
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        memberId: idOf(t.member),
        memberName: 'Assistant 1',
        week: '2026-W02',
        done: 'Paid the invoices',
        autonomy: 4,
        discuss: false,
      });
      const again = await put<CheckIn>(
        t.member,
        t.url('/check-ins/me'),
        body({ blockers: 'No bank access', discuss: true }),
      );
      expect(again.body).toMatchObject({
        id: first.body.id,
        week: '2026-W02',
        blockers: 'No bank access',
        discuss: true,
      });
      const me = await t.member.get<MyCheckIn>(t.url('/check-ins/me'));
      expect(me.body).toMatchObject({ week: '2026-W02', current: { id: first.body.id }, reminder: null });

      // 00:30 on Monday in Berlin, though still Sunday in UTC: a new week.
      h().clock.set('2026-01-11T23:30:00.000Z');
      const next = await t.member.get<MyCheckIn>(t.url('/check-ins/me'));
      expect(next.body).toMatchObject({ week: '2026-W03', current: null });
      const third = await put<CheckIn>(t.member, t.url('/check-ins/me'), body({ done: 'New week' }));
      expect(third.body.week).toBe('2026-W03');
      expect(third.body.id).not.toBe(first.body.id);

      // Another zone: Sydney is already in week 3 at Sunday 14:00 UTC.
      await h()
        .db.db.updateTable('users')
        .set({ time_zone: 'Australia/Sydney' })
        .where('id', '=', idOf(t.outsider))
        .execute();
      h().clock.set('2026-01-11T14:00:00.000Z');
      expect((await t.outsider.get<MyCheckIn>(t.url('/check-ins/me'))).body.week).toBe('2026-W03');

      // Concurrent submissions of one week leave one row.
      h().clock.set('2026-01-14T10:00:00.000Z');
      const racing = await Promise.all([
        put<CheckIn>(t.member, t.url('/check-ins/me'), body({ done: 'A' })),
        put<CheckIn>(t.member, t.url('/check-ins/me'), body({ done: 'B' })),
      ]);
      expect(racing.map((r) => r.status)).toEqual([200, 200]);
      const all = await h()
        .db.db.selectFrom('check_ins')
        .select(['week', 'done'])
        .where('member_id', '=', idOf(t.member))
        .orderBy('week')
        .execute();
      expect(all.map((r) => r.week)).toEqual(['2026-W02', '2026-W03']);

      // Owners read every check-in, newest first; assistants only their own.
      await put(t.outsider, t.url('/check-ins/me'), body({ done: 'Outsider' }));
      const owners = await t.owner.get<CheckIn[]>(t.url('/check-ins'));
      expect(owners.body.map((c) => [c.memberId, c.week])).toEqual([
        [idOf(t.outsider), '2026-W03'],
        [idOf(t.member), '2026-W03'],
        [idOf(t.member), '2026-W02'],
      ]);
      expect(
        (await t.owner.get<CheckIn[]>(t.url(`/check-ins?memberId=${idOf(t.member)}&week=2026-W02`))).body,
      ).toHaveLength(1);
      const own = await t.member.get<CheckIn[]>(t.url('/check-ins'));
      expect(own.body.map((c) => c.memberId)).toEqual([idOf(t.member), idOf(t.member)]);
      expect((await t.member.get<CheckIn[]>(t.url(`/check-ins?memberId=${idOf(t.outsider)}`))).body).toEqual(
        [],
      );

      const since = await listCheckInsSince(h().db.db, t.workspace.id, '2026-01-12T00:00:00.000Z');
      expect(since.map((c) => c.member_id).sort()).toEqual([idOf(t.member), idOf(t.outsider)].sort());
      h().clock.set(START);
    });

    it('owners do not check in; malformed input is a 400 with nothing written', async () => {
      const t = await team(h());
      const before = await rows(h());
      const owner = await put<{ code: string; message: string }>(t.owner, t.url('/check-ins/me'), body());
      expect(owner.status).toBe(403);
      expect(owner.body.message).toMatch(/assistants/);
      expect(
        (
          await put(t.owner, t.url('/check-ins/me/reminder'), {
            weekday: 5,
            time: '16:00',
            timeZone: 'UTC',
            enabled: true,
          })
        ).status,
      ).toBe(403);
      for (const bad of [
        body({ done: '', planned: '', blockers: '' }),
        body({ autonomy: 9 }),
        body({ autonomy: 2.5 }),
        body({ discuss: 'yes' }),
        body({ done: 'x'.repeat(100_000) }),
        { done: 'x' },
      ]) {
        expect(
          (await put(t.member, t.url('/check-ins/me'), bad)).status,
          JSON.stringify(bad).slice(0, 60),
        ).toBe(400);
      }
      for (const bad of [
        { weekday: 8, time: '16:00', timeZone: 'Europe/Berlin', enabled: true },
        { weekday: 5, time: '25:00', timeZone: 'Europe/Berlin', enabled: true },
        { weekday: 5, time: '16:00', timeZone: 'Mars/Base', enabled: true },
        { weekday: 5, time: '16:00', timeZone: 'Europe/Berlin' },
      ]) {
        expect((await put(t.member, t.url('/check-ins/me/reminder'), bad)).status).toBe(400);
      }
      expect(await rows(h())).toEqual(before);
    });

    it("another workspace's members see nothing here; anonymous callers get 401", async () => {
      const t = await team(h());
      const other = await workspaceWith(h(), { assistants: 1 });
      await put(t.member, t.url('/check-ins/me'), body());
      expect((await other.owner.get(t.url('/check-ins'))).status).toBe(404);
      expect((await other.owner.get(`/api/v1/workspaces/${MISSING_ID}/check-ins`)).status).toBe(404);
      const theirs = await other.owner.get<CheckIn[]>(`/api/v1/workspaces/${other.workspace.id}/check-ins`);
      expect(theirs.body).toEqual([]);
      const anonymous = h().client();
      expect((await anonymous.get(t.url('/check-ins/me'))).status).toBe(401);
      expect((await anonymous.request('PUT', t.url('/check-ins/me'), body())).status).toBe(401);
    });
  });

  describe('reminders', () => {
    it('reminds once at the chosen time, and only when not yet checked in that week', async () => {
      const t = await team(h());
      h().clock.set(START); // Monday 2026-01-05, 10:00 in Berlin
      const set = await put<MyCheckIn>(t.member, t.url('/check-ins/me/reminder'), {
        weekday: 5,
        time: '16:00',
        timeZone: 'Europe/Berlin',
        enabled: true,
      });
      expect(set.status).toBe(200);
      expect(set.body.reminder).toEqual({
        weekday: 5,
        time: '16:00',
        timeZone: 'Europe/Berlin',
        enabled: true,
        nextAt: '2026-01-09T15:00:00.000Z',
      });
      const reminders = () =>
        h()
          .db.db.selectFrom('notifications')
          .selectAll()
          .where('workspace_id', '=', t.workspace.id)
          .where('kind', '=', 'checkin_reminder')
          .execute();
      const nextAt = async () =>
        (await t.member.get<MyCheckIn>(t.url('/check-ins/me'))).body.reminder?.nextAt ?? null;

      h().clock.set('2026-01-09T14:59:00.000Z');
      await checkInReminderJob.run(h().app.deps);
      expect(await reminders()).toEqual([]);

      h().clock.set('2026-01-09T15:02:00.000Z');
      await Promise.all([checkInReminderJob.run(h().app.deps), checkInReminderJob.run(h().app.deps)]);
      const sent = await reminders();
      expect(sent.map((n) => n.user_id)).toEqual([idOf(t.member)]);
      expect(new Date((await nextAt()) ?? '').toISOString()).toBe('2026-01-16T15:00:00.000Z');
      await checkInReminderJob.run(h().app.deps);
      expect(await reminders()).toHaveLength(1);

      // Checked in during the next week: that week's reminder passes silently.
      h().clock.set('2026-01-14T10:00:00.000Z');
      expect((await put(t.member, t.url('/check-ins/me'), body())).status).toBe(200);
      h().clock.set('2026-01-16T15:05:00.000Z');
      await checkInReminderJob.run(h().app.deps);
      expect(await reminders()).toHaveLength(1);
      expect(new Date((await nextAt()) ?? '').toISOString()).toBe('2026-01-23T15:00:00.000Z');

      // Disabled, then removed: no more reminders.
      const off = await put<MyCheckIn>(t.member, t.url('/check-ins/me/reminder'), {
        weekday: 5,
        time: '16:00',
        timeZone: 'Europe/Berlin',
        enabled: false,
      });
      expect(off.body.reminder).toMatchObject({ enabled: false, nextAt: null });
      h().clock.set('2026-01-23T15:05:00.000Z');
      await checkInReminderJob.run(h().app.deps);
      expect(await reminders()).toHaveLength(1);
      expect((await t.member.delete(t.url('/check-ins/me/reminder'))).status).toBe(204);
      expect((await t.member.get<MyCheckIn>(t.url('/check-ins/me'))).body.reminder).toBeNull();
      h().clock.set(START);
    });
  });
});
