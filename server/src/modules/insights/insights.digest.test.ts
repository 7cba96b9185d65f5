import type { Area, InsightDigest, InsightDigestList } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { describeEachDb, type Harness, workspaceWith } from '../../test/harness.ts';
import { sendImmediateMails } from '../notifications/notifications.service.ts';
import { BAD_IDS, idOf, MISSING_ID, makeArea } from '../tasks/tasks.factories.ts';
import { digestLine, dueWeek, insightsDigestJob, isoWeekOf } from './insights.digest.ts';

// Test people sign up in Europe/Berlin (UTC+1 in winter): DIGEST_HOUR 08:00 local = 07:00Z.
const MONDAY = '2026-01-05'; // ISO week 2026-W02

const at = (date: string, utc: string) => `${date}T${utc}:00.000Z`;
const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

async function digestsOf(h: Harness, workspaceId: string) {
  return h.db.db
    .selectFrom('insight_digests')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('user_id')
    .execute();
}

async function digestNotices(h: Harness, workspaceId: string) {
  return h.db.db
    .selectFrom('notifications')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', 'insights_digest')
    .execute();
}

const run = (h: Harness) => insightsDigestJob.run(h.app.deps);

describe('isoWeekOf / dueWeek', () => {
  it.each([
    ['2026-01-05', '2026-W02'],
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-11-30', '2026-W49'],
  ])('%s is in %s', (date, week) => {
    expect(isoWeekOf(date)).toBe(week);
  });

  it('is due from Monday 08:00 local on, for the rest of the ISO week', () => {
    expect(dueWeek(new Date(at(MONDAY, '06:59')), 'Europe/Berlin')).toBeNull();
    expect(dueWeek(new Date(at(MONDAY, '07:00')), 'Europe/Berlin')).toBe('2026-W02');
    expect(dueWeek(new Date(at(MONDAY, '07:00')), 'America/New_York')).toBeNull();
    expect(dueWeek(new Date(at(shift(MONDAY, 1), '00:00')), 'America/New_York')).toBe('2026-W02');
    // Sunday late in Berlin is still W02; just after midnight it is Monday W03, before the hour.
    expect(dueWeek(new Date(at(shift(MONDAY, 6), '22:30')), 'Europe/Berlin')).toBe('2026-W02');
    expect(dueWeek(new Date(at(shift(MONDAY, 6), '23:30')), 'Europe/Berlin')).toBeNull();
  });
});

describeEachDb('insights digest', (h) => {
  it('waits for Monday 08:00 local, then sends one digest and one notice per principal', async () => {
    const { workspace, owners, assistants } = await workspaceWith(h(), { owners: 2, assistants: 1 });
    const ws = workspace.id;
    h().clock.set(at(MONDAY, '06:30'));
    await run(h());
    expect(await digestsOf(h(), ws)).toHaveLength(0);

    h().clock.set(at(MONDAY, '07:05'));
    await run(h());
    const digests = await digestsOf(h(), ws);
    expect(digests.map((d) => d.user_id).sort()).toEqual(owners.map(idOf).sort());
    expect(digests.every((d) => d.week === '2026-W02')).toBe(true);
    const notices = await digestNotices(h(), ws);
    expect(notices).toHaveLength(2);
    for (const n of notices) {
      const digest = digests.find((d) => d.user_id === n.user_id);
      expect(n).toMatchObject({ subject_type: 'insight_digest', subject_id: digest?.id, task_id: null });
    }
    // The assistant never gets one.
    const assistantId = idOf(assistants[0] as (typeof assistants)[number]);
    expect(digests.some((d) => d.user_id === assistantId)).toBe(false);
    expect(notices.some((n) => n.user_id === assistantId)).toBe(false);

    // Later passes, sequential or concurrent, add nothing.
    h().clock.set(at(MONDAY, '07:20'));
    await run(h());
    await Promise.all([run(h()), run(h()), run(h())]);
    expect(await digestsOf(h(), ws)).toHaveLength(2);
    expect(await digestNotices(h(), ws)).toHaveLength(2);

    // The next week brings the next one.
    h().clock.set(at(shift(MONDAY, 7), '07:30'));
    await run(h());
    expect((await digestsOf(h(), ws)).filter((d) => d.week === '2026-W03')).toHaveLength(2);
  });

  it('exactly once when the first passes of the week race', async () => {
    const { workspace } = await workspaceWith(h(), { owners: 3, assistants: 2 });
    h().clock.set(at(shift(MONDAY, 14), '08:00'));
    await Promise.all([run(h()), run(h()), run(h()), run(h())]);
    expect(await digestsOf(h(), workspace.id)).toHaveLength(3);
    expect(await digestNotices(h(), workspace.id)).toHaveLength(3);
  });

  it('catches up a missed Monday later in the same week, once; never for a past week', async () => {
    const { workspace } = await workspaceWith(h(), { assistants: 1 });
    // Tuesday of W06, nothing was sent on Monday (the server was down).
    h().clock.set(at(shift(MONDAY, 29), '10:00'));
    await run(h());
    await run(h());
    const digests = await digestsOf(h(), workspace.id);
    expect(digests.map((d) => d.week)).toEqual(['2026-W06']);
    // Monday W07 before the hour: W06 is done and W07 is not due yet.
    h().clock.set(at(shift(MONDAY, 35), '06:00'));
    await run(h());
    expect(await digestsOf(h(), workspace.id)).toHaveLength(1);
  });

  it('skips workspaces without assistants', async () => {
    const { workspace } = await workspaceWith(h(), { owners: 2 });
    h().clock.set(at(MONDAY, '09:00'));
    await run(h());
    expect(await digestsOf(h(), workspace.id)).toHaveLength(0);
    expect(await digestNotices(h(), workspace.id)).toHaveLength(0);
  });

  it('respects "off": the week is claimed, no notification', async () => {
    const { workspace, owner } = await workspaceWith(h(), { assistants: 1 });
    const res = await owner.patch('/api/v1/me/notification-preferences', { insights_digest: 'off' });
    expect(res.status).toBe(200);
    h().clock.set(at(shift(MONDAY, 21), '09:00'));
    await run(h());
    expect(await digestsOf(h(), workspace.id)).toHaveLength(1);
    expect(await digestNotices(h(), workspace.id)).toHaveLength(0);
    // The page still shows it.
    const list = await owner.get<InsightDigestList>(`/api/v1/workspaces/${workspace.id}/insights/digests`);
    expect(list.body.items).toHaveLength(1);
  });

  it('counts what waits, names the index per assistant by name, and mails it', async () => {
    const { workspace, owner, owners, assistants } = await workspaceWith(h(), { owners: 2, assistants: 2 });
    const ws = workspace.id;
    const db = h().db.db;
    const now = at(shift(MONDAY, 42), '07:10');
    h().clock.set(now);
    const nowMs = Date.parse(now);
    const iso = (ms: number) => new Date(nowMs + ms).toISOString();
    const [a1, a2] = assistants.map(idOf) as [string, string];
    const principal = idOf(owner);
    const other = idOf(owners[1] as typeof owner);
    // Names that sort the other way round than the ids' creation.
    await db.updateTable('users').set({ name: 'Zoe' }).where('id', '=', a1).execute();
    await db.updateTable('users').set({ name: 'Amira' }).where('id', '=', a2).execute();

    const areas: Area[] = [];
    for (const name of ['Books', 'Travel', 'Post'])
      areas.push(await makeArea(owner, ws, { ownerId: principal, name, memberIds: [a1, a2] }));
    // Six pending proposals (one per assistant × area), one declined one that does not count.
    let n = 0;
    for (const area of areas) {
      for (const member of [a1, a2]) {
        n += 1;
        await db
          .insertInto('proposals')
          .values({
            id: newId(),
            workspace_id: ws,
            member_id: member,
            area_id: area.id,
            from_level: 2,
            to_level: 3,
            kind: 'auto_promotion',
            status: 'pending',
            evidence: '{}',
            explanation: null,
            note: '',
            decided_by: null,
            decision_reason: null,
            created_at: iso(-n * HOUR),
            decided_at: null,
          })
          .execute();
      }
    }
    await db
      .insertInto('proposals')
      .values({
        id: newId(),
        workspace_id: ws,
        member_id: a1,
        area_id: (areas[0] as Area).id,
        from_level: 3,
        to_level: 2,
        kind: 'demotion_suggestion',
        status: 'declined',
        evidence: '{}',
        explanation: null,
        note: '',
        decided_by: principal,
        decision_reason: 'no',
        created_at: iso(-DAY),
        decided_at: iso(-HOUR),
      })
      .execute();

    // Episodes: ending in 3 days (counts), in 10 days, and one ended already.
    const episode = (member: string, plannedEndMs: number, endedMs: number | null) =>
      db
        .insertInto('support_episodes')
        .values({
          id: newId(),
          workspace_id: ws,
          member_id: member,
          area_id: (areas[1] as Area).id,
          reason: 'onboarding',
          cap_level: 2,
          note: '',
          started_by: principal,
          starts_at: iso(-20 * DAY),
          planned_end_at: iso(plannedEndMs),
          ended_at: endedMs === null ? null : iso(endedMs),
          extensions: '[]',
          created_at: iso(-20 * DAY),
        })
        .execute();
    await episode(a2, 3 * DAY, null);
    await episode(a1, 10 * DAY, null);
    await episode(a1, 2 * DAY, -DAY);

    // Questions: to nobody 26 h ago, to the principal 30 h ago, to the other owner 50 h ago,
    // the principal's own 40 h ago, one too fresh, one answered.
    const question = (asker: string, addressee: string | null, ageMs: number, answered = false) =>
      db
        .insertInto('questions')
        .values({
          id: newId(),
          workspace_id: ws,
          task_id: null,
          asker_id: asker,
          addressee_id: addressee,
          body: `Which **account** (${ageMs / HOUR} h)?`,
          body_html: '',
          answer: answered ? 'This one' : null,
          answer_html: answered ? '' : null,
          answered_by: answered ? principal : null,
          answered_at: answered ? iso(-HOUR) : null,
          blocked_task: 0,
          waiting_notified_at: null,
          version: 1,
          created_at: iso(-ageMs),
          updated_at: iso(-ageMs),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const toNobody = await question(a1, null, 26 * HOUR);
    const toPrincipal = await question(a2, principal, 30 * HOUR);
    await question(a1, other, 50 * HOUR);
    await question(principal, null, 40 * HOUR);
    await question(a1, null, 2 * HOUR);
    await question(a2, principal, 72 * HOUR, true);

    h().mailer.sent.length = 0;
    expect(await run(h())).toBeGreaterThanOrEqual(2);
    const mine = (await digestsOf(h(), ws)).find((d) => d.user_id === principal);
    if (!mine) throw new Error('no digest');
    const res = await owner.get<InsightDigest>(`/api/v1/workspaces/${ws}/insights/digests/${mine.id}`);
    expect(res.status).toBe(200);
    const s = res.body.summary;
    expect(res.body.week).toBe('2026-W08');
    expect(s.assistants.map((a) => a.name)).toEqual(['Amira', 'Zoe']);
    expect(s.assistants[0]).toMatchObject({ status: 'insufficient_data', score: null, band: null });
    expect(s.pendingProposals.count).toBe(6);
    expect(s.pendingProposals.items).toHaveLength(5);
    // The oldest first: the sixth one made is the oldest.
    expect(s.pendingProposals.items[0]).toMatchObject({
      memberName: 'Amira',
      areaName: 'Post',
      fromLevel: 2,
    });
    expect(s.episodesEnding).toEqual([
      expect.objectContaining({
        memberId: a2,
        memberName: 'Amira',
        areaName: 'Travel',
        plannedEndAt: iso(3 * DAY),
      }),
    ]);
    expect(s.questionsWaiting.count).toBe(2);
    expect(s.questionsWaiting.items).toEqual([
      { id: toPrincipal.id, excerpt: 'Which account (30 h)?', waitingHours: 30 },
      { id: toNobody.id, excerpt: 'Which account (26 h)?', waitingHours: 26 },
    ]);
    // The other owner waits on the one to nobody, theirs and the principal's own question.
    const theirs = (await digestsOf(h(), ws)).find((d) => d.user_id === other);
    expect(JSON.parse(theirs?.summary ?? '{}').questionsWaiting.count).toBe(3);

    const notice = (await digestNotices(h(), ws)).find((x) => x.user_id === principal);
    expect(notice?.excerpt).toBe(
      'Amira: not enough data yet · Zoe: not enough data yet · 6 proposals waiting · 1 episode ending · 2 questions waiting',
    );

    // The immediate mail path sends it with the line and the link to the digest.
    await sendImmediateMails(h().app.deps);
    const mail = h().mailer.sent.find((m) => m.to === owner.user.email);
    expect(mail?.subject).toBe('Your week in Acme: delegation insights');
    expect(mail?.text).toContain('> Amira: not enough data yet');
    expect(mail?.text).toContain(`http://leeway.test/w/${ws}/insights?digest=${mine.id}`);

    // The other principal gets their own.
    expect(h().mailer.sent.some((m) => m.to === (owners[1] as typeof owner).user.email)).toBe(true);
  });

  it('mails no digest to someone who is no longer a principal', async () => {
    const { workspace, owner, owners } = await workspaceWith(h(), { owners: 2, assistants: 1 });
    h().clock.set(at(shift(MONDAY, 56), '07:30'));
    await run(h());
    const second = owners[1] as typeof owner;
    await h()
      .db.db.updateTable('memberships')
      .set({ role: 'assistant' })
      .where('workspace_id', '=', workspace.id)
      .where('user_id', '=', idOf(second))
      .execute();
    h().mailer.sent.length = 0;
    await sendImmediateMails(h().app.deps);
    expect(h().mailer.sent.some((m) => m.to === owner.user.email)).toBe(true);
    expect(h().mailer.sent.some((m) => m.to === second.user?.email)).toBe(false);
  });

  it('writes the line in the principal’s language and names the biggest signal', () => {
    const summary = {
      week: '2026-W02',
      generatedAt: at(MONDAY, '07:00'),
      windowDays: 30,
      assistants: [
        {
          assistantId: MISSING_ID,
          name: 'Amira',
          status: 'ok' as const,
          completedTasks: 12,
          score: 31.4,
          band: 'watch' as const,
          biggest: { key: 'reviewLatency' as const, value: 0.5, raw: {} },
          underSupportTotal: 0,
        },
      ],
      pendingProposals: { count: 1, items: [] },
      episodesEnding: [],
      questionsWaiting: { count: 3, items: [] },
    };
    expect(digestLine(summary, 'en')).toBe(
      'Amira: 31 (watch) — biggest: review latency · 1 proposal waiting · 3 questions waiting',
    );
    // Names are not Markdown: their characters stay.
    const named = {
      ...summary,
      assistants: summary.assistants.map((a) => ({ ...a, name: 'Ann_Marie *K*' })),
    };
    expect(digestLine(named, 'en')).toMatch(/^Ann_Marie \*K\*: 31 \(watch\)/);
    expect(digestLine(summary, 'de')).toBe(
      'Amira: 31 (beobachten) — größtes Signal: Prüfdauer · 1 Vorschlag wartet · 3 Fragen warten',
    );
  });

  it('shows a digest only to its principal', async () => {
    const { workspace, owner, owners, assistants } = await workspaceWith(h(), { owners: 2, assistants: 1 });
    const other = await workspaceWith(h(), { assistants: 1 });
    h().clock.set(at(shift(MONDAY, 49), '09:00'));
    await run(h());
    const mine = (await digestsOf(h(), workspace.id)).find((d) => d.user_id === idOf(owner));
    const foreign = (await digestsOf(h(), other.workspace.id))[0];
    if (!mine || !foreign) throw new Error('digests missing');
    const url = (id: string, wsId = workspace.id) => `/api/v1/workspaces/${wsId}/insights/digests/${id}`;

    expect((await owner.get(url(mine.id))).status).toBe(200);
    expect((await h().client().get(url(mine.id))).status).toBe(401);
    expect((await (assistants[0] as typeof owner).get(url(mine.id))).status).toBe(404);
    expect(
      (await (assistants[0] as typeof owner).get(`/api/v1/workspaces/${workspace.id}/insights/digests`))
        .status,
    ).toBe(404);
    // The other principal of the same workspace: not theirs.
    expect((await (owners[1] as typeof owner).get(url(mine.id))).status).toBe(404);
    // Another workspace's digest through my workspace, and my digest through theirs.
    expect((await owner.get(url(foreign.id))).status).toBe(404);
    expect((await other.owner.get(url(mine.id, other.workspace.id))).status).toBe(404);
    expect((await owner.get(url(MISSING_ID))).status).toBe(404);
    for (const bad of BAD_IDS) expect((await owner.get(url(bad))).status).toBe(400);

    const list = await owner.get<InsightDigestList>(`/api/v1/workspaces/${workspace.id}/insights/digests`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.id)).toEqual([mine.id]);
  });
});
