import type {
  AreaAutonomy,
  AutonomySettings,
  ErrorBody,
  MemberAreaAutonomy,
  Proposal,
  SupportEpisode,
  Task,
  User,
} from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../lib/clock.ts';
import { describeEachDb, type Harness, type TestClient, workspaceWith } from '../../test/harness.ts';
import { notificationDigestJob } from '../notifications/notifications.jobs.ts';
import { idOf, MISSING_ID, makeArea, team } from '../tasks/tasks.factories.ts';
import { autonomyEvaluationJob, episodeEndJob } from './autonomy.jobs.ts';

type Client = TestClient & { user: User };

/** Every row the autonomy routes write, to compare before and after a refused request. */
async function autonomyRows(h: Harness) {
  const { db } = h.db;
  return {
    settings: await db.selectFrom('autonomy_settings').selectAll().orderBy('workspace_id').execute(),
    changes: await db.selectFrom('level_changes').selectAll().orderBy('id').execute(),
    proposals: await db.selectFrom('proposals').selectAll().orderBy('id').execute(),
    episodes: await db.selectFrom('support_episodes').selectAll().orderBy('id').execute(),
    reviews: await db.selectFrom('review_records').selectAll().orderBy('id').execute(),
    tasks: await db.selectFrom('tasks').selectAll().orderBy('id').execute(),
  };
}

const put = <T>(c: TestClient, url: string, body: unknown) => c.request<T>('PUT', url, body);

function fieldsOf(body: unknown): string[] {
  const fields = (body as { details?: { fields?: { field: string }[] } }).details?.fields ?? [];
  return fields.map((f) => f.field);
}

describeEachDb('autonomy', (h) => {
  describe('settings', () => {
    it('members read the defaults; owners change one field and the rest stays', async () => {
      const t = await team(h());
      const read = await t.member.get<AutonomySettings>(t.url('/autonomy/settings'));
      expect(read.status).toBe(200);
      expect(read.body.promotion.toL2.minReviewed).toBe(5);
      const res = await t.owner.patch<AutonomySettings>(t.url('/autonomy/settings'), {
        sampling: { l4Rate: 0.2 },
      });
      expect(res.status).toBe(200);
      expect(res.body.sampling).toEqual({ l3FullReviews: 10, l3Rate: 0.25, l4Rate: 0.2, l5Rate: 0.05 });
      expect((await t.member.get<AutonomySettings>(t.url('/autonomy/settings'))).body.sampling.l4Rate).toBe(
        0.2,
      );
    });

    it('refuses settings that do not fit together, naming the field, nothing written', async () => {
      const t = await team(h());
      const before = await autonomyRows(h());
      const res = await t.owner.patch(t.url('/autonomy/settings'), { tightening: { defects: 9 } });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toContain('tightening/defects');
      const shape = await t.owner.patch(t.url('/autonomy/settings'), { sampling: { l3Rate: 2 } });
      expect(shape.status).toBe(400);
      expect(await autonomyRows(h())).toEqual(before);
    });

    it('assistants cannot change settings (403); anonymous 401; another workspace 404', async () => {
      const t = await team(h());
      const other = await workspaceWith(h(), { name: 'Other' });
      expect((await t.member.patch(t.url('/autonomy/settings'), { sampling: { l4Rate: 0.3 } })).status).toBe(
        403,
      );
      expect((await h().client().get(t.url('/autonomy/settings'))).status).toBe(401);
      expect((await other.owner.get(t.url('/autonomy/settings'))).status).toBe(404);
      expect(
        (await other.owner.patch(t.url('/autonomy/settings'), { sampling: { l4Rate: 0.3 } })).status,
      ).toBe(404);
    });
  });

  describe('board, my autonomy and evidence', () => {
    it('shows a level-1 grant for each assistant who works in an area', async () => {
      const t = await team(h());
      const board = await t.owner.get<AreaAutonomy[]>(t.url('/autonomy/board'));
      expect(board.status).toBe(200);
      const cell = board.body.find(
        (c) => c.grant.memberId === idOf(t.member) && c.grant.areaId === t.area.id,
      );
      expect(cell?.grant).toMatchObject({ level: 1, effectiveLevel: 1, grantedBy: null });
      expect(cell?.evidence.promotion).toMatchObject({ from: 1, to: 2, eligible: false });
      expect(board.body.some((c) => c.grant.memberId === idOf(t.outsider))).toBe(false);
      expect((await t.member.get(t.url('/autonomy/board'))).status).toBe(403);

      const mine = await t.member.get<AreaAutonomy[]>(t.url('/autonomy/me'));
      expect(mine.body.map((c) => c.grant.areaId)).toEqual([t.area.id]);
      expect((await t.outsider.get<AreaAutonomy[]>(t.url('/autonomy/me'))).body).toEqual([]);
    });

    it('evidence: the owner and the assistant themselves; another assistant gets 404', async () => {
      const t = await team(h());
      const path = t.url(`/autonomy/members/${idOf(t.member)}/areas/${t.area.id}`);
      const own = await t.member.get<MemberAreaAutonomy>(path);
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ grant: { level: 1 }, history: [], proposals: [], episodes: [] });
      expect((await t.owner.get(path)).status).toBe(200);
      expect((await t.outsider.get(path)).status).toBe(404);
      // Outside the area, not even one's own cell exists.
      expect(
        (await t.outsider.get(t.url(`/autonomy/members/${idOf(t.outsider)}/areas/${t.area.id}`))).status,
      ).toBe(404);
      expect(
        (await t.owner.get(t.url(`/autonomy/members/${idOf(t.member)}/areas/${MISSING_ID}`))).status,
      ).toBe(404);
      expect((await h().client().get(path)).status).toBe(401);
      const other = await workspaceWith(h(), { name: 'Other' });
      expect((await other.owner.get(path)).status).toBe(404);
    });
  });

  describe('levels', () => {
    it('an owner sets a level with a reason; the change is kept with its evidence', async () => {
      const t = await team(h());
      const path = t.url(`/autonomy/members/${idOf(t.member)}/areas/${t.area.id}/level`);
      const res = await put<MemberAreaAutonomy>(t.owner, path, { level: 3, reason: 'Knows the books' });
      expect(res.status).toBe(200);
      expect(res.body.grant).toMatchObject({ level: 3, effectiveLevel: 3, grantedBy: idOf(t.owner) });
      expect(res.body.history).toEqual([
        expect.objectContaining({
          from: 1,
          to: 3,
          kind: 'manual',
          reason: 'Knows the books',
          proposalId: null,
        }),
      ]);
      expect(res.body.history[0]?.evidence.reviewedResults).toBe(0);
    });

    it('an assistant cannot change their own level (403); bad input 400 with nothing written', async () => {
      const t = await team(h());
      const path = t.url(`/autonomy/members/${idOf(t.member)}/areas/${t.area.id}/level`);
      const before = await autonomyRows(h());
      expect((await put(t.member, path, { level: 5, reason: 'I am ready' })).status).toBe(403);
      for (const [body, field] of [
        [{ level: 6, reason: 'x' }, 'level'],
        [{ level: 2 }, 'reason'],
        [{ level: 2, reason: '   ' }, 'reason'],
        [{ level: 1, reason: 'same' }, 'level'],
      ] as const) {
        const res = await put(t.owner, path, body);
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toContain(field);
      }
      const capped = await makeArea(t.owner, t.workspace.id, {
        ownerId: idOf(t.owner),
        memberIds: [idOf(t.member)],
        maxLevel: 3,
      });
      const above = await put(
        t.owner,
        t.url(`/autonomy/members/${idOf(t.member)}/areas/${capped.id}/level`),
        {
          level: 4,
          reason: 'x',
        },
      );
      expect(above.status).toBe(400);
      const after = await autonomyRows(h());
      expect(after.changes).toEqual(before.changes);
      // An owner is not on the ladder: no cell.
      expect(
        (
          await put(t.owner, t.url(`/autonomy/members/${idOf(t.owner)}/areas/${t.area.id}/level`), {
            level: 2,
            reason: 'x',
          })
        ).status,
      ).toBe(404);
    });
  });

  describe('support episodes', () => {
    it('caps the effective level while it runs, extends only with a reason, ends by itself', async () => {
      const t = await team(h());
      await put(t.owner, t.url(`/autonomy/members/${idOf(t.member)}/areas/${t.area.id}/level`), {
        level: 4,
        reason: 'Trusted',
      });
      const start = await t.owner.post<SupportEpisode>(t.url('/support-episodes'), {
        memberId: idOf(t.member),
        areaId: t.area.id,
        reason: 'sop_change',
        capLevel: 2,
      });
      expect(start.status).toBe(201);
      const now = h().clock.now().getTime();
      expect(start.body.plannedEndAt).toBe(new Date(now + 14 * DAY).toISOString());
      const mine = await t.member.get<AreaAutonomy[]>(t.url('/autonomy/me'));
      expect(mine.body[0]).toMatchObject({
        grant: { level: 4, effectiveLevel: 2, effectiveExplanation: { code: 'level_capped_by_episode' } },
        activeEpisode: { id: start.body.id },
      });

      const ep = t.url(`/support-episodes/${start.body.id}`);
      expect(
        (await t.owner.post(`${ep}/extend`, { newEnd: new Date(now + 20 * DAY).toISOString() })).status,
      ).toBe(400);
      const tooLong = await t.owner.post(`${ep}/extend`, {
        newEnd: new Date(now + 31 * DAY).toISOString(),
        reason: 'More time',
      });
      expect(tooLong.status).toBe(400);
      expect(fieldsOf(tooLong.body)).toContain('newEnd');
      const extended = await t.owner.post<SupportEpisode>(`${ep}/extend`, {
        newEnd: new Date(now + 20 * DAY).toISOString(),
        reason: 'New SOP still settling',
      });
      expect(extended.status).toBe(200);
      expect(extended.body.extensions).toEqual([
        expect.objectContaining({ by: idOf(t.owner), reason: 'New SOP still settling' }),
      ]);
      expect(
        (await t.member.post(`${ep}/extend`, { newEnd: new Date(now + 21 * DAY).toISOString(), reason: 'x' }))
          .status,
      ).toBe(403);

      h().clock.advance(21 * DAY);
      expect(await episodeEndJob.run(h().app.deps)).toBeGreaterThanOrEqual(1);
      const row = await h()
        .db.db.selectFrom('support_episodes')
        .selectAll()
        .where('id', '=', start.body.id)
        .executeTakeFirstOrThrow();
      expect(row.ended_at).toBe(extended.body.plannedEndAt);
      const later = await t.member.get<AreaAutonomy[]>(t.url('/autonomy/me'));
      expect(later.body[0]).toMatchObject({ grant: { effectiveLevel: 4 }, activeEpisode: null });
    });

    it('refuses a foreign member, a missing area or an over-long plan, nothing written', async () => {
      const t = await team(h());
      const other = await workspaceWith(h(), { name: 'Other', assistants: 1 });
      const before = await autonomyRows(h());
      const now = h().clock.now().getTime();
      for (const [body, field] of [
        [
          {
            memberId: idOf(other.assistants[0] as Client),
            areaId: t.area.id,
            reason: 'onboarding',
            capLevel: 1,
          },
          'memberId',
        ],
        [{ memberId: idOf(t.member), areaId: MISSING_ID, reason: 'onboarding', capLevel: 1 }, 'areaId'],
        [{ memberId: idOf(t.member), areaId: t.area.id, reason: 'because', capLevel: 1 }, 'reason'],
        [
          {
            memberId: idOf(t.member),
            areaId: t.area.id,
            reason: 'onboarding',
            capLevel: 1,
            plannedEndAt: new Date(now + 31 * DAY).toISOString(),
          },
          'plannedEndAt',
        ],
      ] as const) {
        const res = await t.owner.post(t.url('/support-episodes'), body);
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toContain(field);
      }
      expect(await autonomyRows(h())).toEqual(before);
      expect(
        (
          await t.member.post(t.url('/support-episodes'), {
            memberId: idOf(t.member),
            areaId: t.area.id,
            reason: 'requested',
            capLevel: 1,
          })
        ).status,
      ).toBe(403);
    });

    it('ending early stamps the end; the list is the owner’s whole, the assistant’s own', async () => {
      const t = await team(h());
      const start = await t.owner.post<SupportEpisode>(t.url('/support-episodes'), {
        memberId: idOf(t.member),
        areaId: t.area.id,
        reason: 'onboarding',
        capLevel: 1,
      });
      const ended = await t.owner.post<SupportEpisode>(t.url(`/support-episodes/${start.body.id}/end`), {});
      expect(ended.status).toBe(200);
      expect(ended.body.endedAt).toBe(h().clock.now().toISOString());
      expect(
        (await t.member.get<SupportEpisode[]>(t.url('/support-episodes'))).body.map((e) => e.id),
      ).toEqual([start.body.id]);
      expect((await t.outsider.get<SupportEpisode[]>(t.url('/support-episodes'))).body).toEqual([]);
      expect((await t.owner.post(t.url(`/support-episodes/${MISSING_ID}/end`), {})).status).toBe(404);
    });
  });

  describe('proposals', () => {
    it('an assistant requests a level with a note; a second pending one is refused', async () => {
      const t = await team(h());
      const res = await t.member.post<Proposal>(t.url('/proposals'), {
        areaId: t.area.id,
        to: 2,
        note: 'I know it',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        kind: 'assistant_request',
        status: 'pending',
        from: 1,
        to: 2,
        note: 'I know it',
      });
      expect((await t.member.post(t.url('/proposals'), { areaId: t.area.id, to: 3, note: 'x' })).status).toBe(
        409,
      );
      expect(
        (await t.outsider.post(t.url('/proposals'), { areaId: t.area.id, to: 2, note: 'x' })).status,
      ).toBe(400);
      expect((await t.member.post(t.url('/proposals'), { areaId: t.area.id, to: 2 })).status).toBe(400);
      // The owners hear of it.
      const told = await h()
        .db.db.selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', idOf(t.owner))
        .where('kind', '=', 'level_proposal')
        .execute();
      expect(told).toHaveLength(1);
      expect((await t.outsider.get<Proposal[]>(t.url('/proposals'))).body).toEqual([]);
      expect((await t.member.get<Proposal[]>(t.url('/proposals?status=pending'))).body).toHaveLength(1);
    });

    it('declining needs a reason; of two owners deciding at once exactly one wins', async () => {
      const { workspace, owners, assistants } = await workspaceWith(h(), { owners: 2, assistants: 1 });
      const [o1, o2] = owners as [Client, Client];
      const a = assistants[0] as Client;
      const area = await makeArea(o1, workspace.id, { ownerId: idOf(o1), memberIds: [idOf(a)] });
      const url = (p: string) => `/api/v1/workspaces/${workspace.id}${p}`;
      const p = await a.post<Proposal>(url('/proposals'), { areaId: area.id, to: 2, note: 'Please' });
      const before = await autonomyRows(h());
      const noReason = await o1.post(url(`/proposals/${p.body.id}/decision`), { decision: 'decline' });
      expect(noReason.status).toBe(400);
      expect(fieldsOf(noReason.body)).toContain('reason');
      expect(await autonomyRows(h())).toEqual(before);
      expect((await a.post(url(`/proposals/${p.body.id}/decision`), { decision: 'accept' })).status).toBe(
        403,
      );

      const results = await Promise.all([
        o1.post<Proposal>(url(`/proposals/${p.body.id}/decision`), { decision: 'accept' }),
        o2.post<Proposal>(url(`/proposals/${p.body.id}/decision`), {
          decision: 'decline',
          reason: 'Not yet',
        }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const cell = await o1.get<MemberAreaAutonomy>(url(`/autonomy/members/${idOf(a)}/areas/${area.id}`));
      const winner = results.find((r) => r.status === 200)?.body as Proposal;
      expect(cell.body.history).toHaveLength(winner.status === 'accepted' ? 1 : 0);
      expect(cell.body.grant.level).toBe(winner.status === 'accepted' ? 2 : 1);
    });
  });

  describe('review loop', () => {
    async function taskFor(t: Awaited<ReturnType<typeof team>>, assignee: Client, title = 'Book receipts') {
      const res = await t.owner.post<Task>(t.url('/tasks'), {
        title,
        areaId: t.area.id,
        assigneeId: idOf(assignee),
      });
      expect(res.status).toBe(201);
      return res.body;
    }

    it('at level 1 every result goes to review, with why; the owner accepts it', async () => {
      const t = await team(h());
      const task = await taskFor(t, t.member);
      const submit = await t.member.post<Task>(t.url(`/tasks/${task.id}/submit`), {
        version: task.version,
        guardrailsTicked: [],
      });
      expect(submit.status).toBe(200);
      expect(submit.body.state).toBe('review');
      const queue = await t.owner.get<{ task: Task; phase: string; routing: { reason: { code: string } } }[]>(
        t.url('/reviews'),
      );
      const item = queue.body.find((q) => q.task.id === task.id);
      expect(item).toMatchObject({
        phase: 'required',
        routing: { reason: { code: 'level_requires_review' } },
      });
      // Nobody else's queue, not the assignee's.
      expect((await t.member.get<unknown[]>(t.url('/reviews'))).body).toEqual([]);
      // Reviewers hear of it.
      const told = await h()
        .db.db.selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', idOf(t.owner))
        .where('task_id', '=', task.id)
        .where('kind', '=', 'review_requested')
        .execute();
      expect(told).toHaveLength(1);

      const accept = await t.owner.post<Task>(t.url(`/tasks/${task.id}/review`), { outcome: 'accepted' });
      expect(accept.status).toBe(200);
      expect(accept.body.state).toBe('done');
      const records = await t.member.get<{ outcome: string; phase: string }[]>(
        t.url(`/tasks/${task.id}/reviews`),
      );
      expect(records.body).toEqual([
        expect.objectContaining({ outcome: 'accepted', phase: 'required', reviewerId: idOf(t.owner) }),
      ]);
      const decided = await h()
        .db.db.selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', idOf(t.member))
        .where('kind', '=', 'review_decided')
        .execute();
      expect(decided).toHaveLength(1);
      const history = await t.member.get<{ kind: string }[]>(t.url(`/tasks/${task.id}/history`));
      expect(history.body.map((e) => e.kind)).toEqual(expect.arrayContaining(['submitted', 'reviewed']));
    });

    it('the task carries its routing and the owner’s "review this one" mark', async () => {
      const t = await team(h());
      // Level 1: the answer to submit says why it went to review, and the task keeps saying so.
      const first = await taskFor(t, t.member, 'Reconcile bank');
      expect(first).toMatchObject({ reviewRequested: false, routing: null });
      const submitted = await t.member.post<Task>(t.url(`/tasks/${first.id}/submit`), {
        version: first.version,
        guardrailsTicked: [],
      });
      expect(submitted.status).toBe(200);
      expect(submitted.body).toMatchObject({
        state: 'review',
        reviewRequested: false,
        routing: {
          goesToReview: true,
          phase: 'required',
          overReview: false,
          reason: { code: 'level_requires_review', params: { level: 1 } },
        },
      });
      const read = await t.owner.get<Task>(t.url(`/tasks/${first.id}`));
      expect(read.body.routing).toEqual(submitted.body.routing);

      // Level 5 with no sampling: only the owner's mark sends the result to review, and says so.
      await t.owner.patch(t.url('/autonomy/settings'), { sampling: { l5Rate: 0 } });
      await put(t.owner, t.url(`/autonomy/members/${idOf(t.member)}/areas/${t.area.id}/level`), {
        level: 5,
        reason: 'Owns it',
      });
      const task = await taskFor(t, t.member, 'Pay rent');
      const marked = await t.owner.post<Task>(t.url(`/tasks/${task.id}/request-review`), {
        version: task.version,
        requested: true,
      });
      expect(marked.status).toBe(200);
      expect(marked.body).toMatchObject({ reviewRequested: true, routing: null });
      expect((await t.member.get<Task>(t.url(`/tasks/${task.id}`))).body.reviewRequested).toBe(true);
      const unmarked = await t.owner.post<Task>(t.url(`/tasks/${task.id}/request-review`), {
        version: marked.body.version,
        requested: false,
      });
      expect(unmarked.body.reviewRequested).toBe(false);
      const remarked = await t.owner.post<Task>(t.url(`/tasks/${task.id}/request-review`), {
        version: unmarked.body.version,
        requested: true,
      });
      expect(remarked.body.reviewRequested).toBe(true);
      const res = await t.member.post<Task>(t.url(`/tasks/${task.id}/submit`), {
        version: remarked.body.version,
        guardrailsTicked: [],
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        state: 'review',
        reviewRequested: true,
        routing: {
          goesToReview: true,
          phase: 'requested',
          overReview: true,
          reason: { code: 'review_requested', params: { level: 5 } },
        },
      });

      // Without the mark the same level goes straight to done, and the task says why.
      const plain = await taskFor(t, t.member, 'File receipts');
      const done = await t.member.post<Task>(t.url(`/tasks/${plain.id}/submit`), {
        version: plain.version,
        guardrailsTicked: [],
      });
      expect(done.body).toMatchObject({
        state: 'done',
        reviewRequested: false,
        routing: { goesToReview: false, phase: null, reason: { code: 'sample_not_selected' } },
      });
    });

    it('only the assignee submits; stale versions and unknown guardrails are refused, nothing written', async () => {
      const t = await team(h());
      const task = await taskFor(t, t.member);
      const before = await autonomyRows(h());
      expect(
        (await t.owner.post(t.url(`/tasks/${task.id}/submit`), { version: 0, guardrailsTicked: [] })).status,
      ).toBe(403);
      expect(
        (await t.outsider.post(t.url(`/tasks/${task.id}/submit`), { version: 0, guardrailsTicked: [] }))
          .status,
      ).toBe(404);
      expect(
        (await t.member.post(t.url(`/tasks/${task.id}/submit`), { version: 7, guardrailsTicked: [] })).status,
      ).toBe(409);
      const bad = await t.member.post(t.url(`/tasks/${task.id}/submit`), {
        version: 0,
        guardrailsTicked: [0],
      });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toEqual(['guardrailsTicked/0']);
      expect((await t.member.post(t.url(`/tasks/${task.id}/submit`), { version: 0 })).status).toBe(400);
      expect(await autonomyRows(h())).toEqual(before);
    });

    it('a ticked guardrail sends the result to review whatever the level', async () => {
      const t = await team(h());
      await t.owner.patch(t.url(`/areas/${t.area.id}`), {
        version: t.area.version,
        guardrails: ['Ask before paying more than €250'],
      });
      await put(t.owner, t.url(`/autonomy/members/${idOf(t.member)}/areas/${t.area.id}/level`), {
        level: 5,
        reason: 'Owns it',
      });
      const task = await taskFor(t, t.member);
      const res = await t.member.post<Task>(t.url(`/tasks/${task.id}/submit`), {
        version: task.version,
        guardrailsTicked: [0],
      });
      expect(res.body.state).toBe('review');
      const row = await h()
        .db.db.selectFrom('tasks')
        .selectAll()
        .where('id', '=', task.id)
        .executeTakeFirstOrThrow();
      expect(row.review_phase).toBe('guardrail');
      expect(JSON.parse(row.guardrails_ticked)).toEqual([0]);
    });

    it('the assignee never reviews their own result; a change request needs a tag and a note', async () => {
      const t = await team(h());
      await put(t.owner, t.url(`/autonomy/members/${idOf(t.member)}/areas/${t.area.id}/level`), {
        level: 5,
        reason: 'Owns it',
      });
      const task = await taskFor(t, t.member);
      await t.owner.post(t.url(`/tasks/${task.id}/request-review`), {
        version: task.version,
        requested: true,
      });
      const sub = await t.member.post<Task>(t.url(`/tasks/${task.id}/submit`), {
        version: task.version + 1,
        guardrailsTicked: [],
      });
      expect(sub.body.state).toBe('review');
      expect((await t.member.post(t.url(`/tasks/${task.id}/review`), { outcome: 'accepted' })).status).toBe(
        403,
      );
      expect((await t.outsider.post(t.url(`/tasks/${task.id}/review`), { outcome: 'accepted' })).status).toBe(
        404,
      );
      const before = await autonomyRows(h());
      const noTag = await t.owner.post(t.url(`/tasks/${task.id}/review`), {
        outcome: 'changes_requested',
        note: 'Redo',
      });
      expect(noTag.status).toBe(400);
      expect(fieldsOf(noTag.body)).toContain('tags');
      const noNote = await t.owner.post(t.url(`/tasks/${task.id}/review`), {
        outcome: 'changes_requested',
        tags: ['defect'],
      });
      expect(fieldsOf(noNote.body)).toContain('note');
      expect((await t.owner.post(t.url(`/tasks/${task.id}/review`), { outcome: 'maybe' })).status).toBe(400);
      expect(await autonomyRows(h())).toEqual(before);
      const back = await t.owner.post<Task>(t.url(`/tasks/${task.id}/review`), {
        outcome: 'changes_requested',
        tags: ['defect'],
        note: 'The total is wrong',
      });
      expect(back.status).toBe(200);
      expect(back.body.state).toBe('doing');
    });

    it('an L5 assistant reviews others’ work in the area; of two reviewers at once one wins', async () => {
      const t = await team(h(), { assistants: 3 });
      const reviewer = t.assistants[2] as Client;
      await t.owner.patch(t.url(`/areas/${t.area.id}`), {
        version: t.area.version,
        memberIds: [idOf(t.member), idOf(reviewer)],
      });
      await put(t.owner, t.url(`/autonomy/members/${idOf(reviewer)}/areas/${t.area.id}/level`), {
        level: 5,
        reason: 'Lead',
      });
      const task = await taskFor(t, t.member);
      await t.member.post(t.url(`/tasks/${task.id}/submit`), { version: task.version, guardrailsTicked: [] });
      const queue = await reviewer.get<{ task: Task }[]>(t.url('/reviews'));
      expect(queue.body.map((q) => q.task.id)).toEqual([task.id]);
      const results = await Promise.all([
        reviewer.post(t.url(`/tasks/${task.id}/review`), { outcome: 'accepted' }),
        t.owner.post(t.url(`/tasks/${task.id}/review`), {
          outcome: 'changes_requested',
          tags: ['preference'],
          note: 'Shorter',
        }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const records = await h()
        .db.db.selectFrom('review_records')
        .selectAll()
        .where('task_id', '=', task.id)
        .execute();
      expect(records).toHaveLength(1);
    });

    it('moving a task into done through the board is a submission; only a reviewer closes a review', async () => {
      const t = await team(h());
      const task = await taskFor(t, t.member);
      const moved = await t.member.patch<Task>(t.url(`/tasks/${task.id}`), {
        version: task.version,
        state: 'done',
      });
      expect(moved.status).toBe(200);
      expect(moved.body.state).toBe('review');
      const out = await t.member.patch<ErrorBody>(t.url(`/tasks/${task.id}`), {
        version: moved.body.version,
        state: 'done',
      });
      expect(out.status).toBe(403);
      expect(out.body.code).toBe('forbidden');
      const drag = await t.member.post(t.url(`/tasks/${task.id}/move`), {
        version: moved.body.version,
        state: 'done',
        afterTaskId: null,
      });
      expect(drag.status).toBe(403);
      expect(
        (await t.owner.patch(t.url(`/tasks/${task.id}`), { version: moved.body.version, state: 'done' }))
          .status,
      ).toBe(200);
    });

    it('the full loop: five accepted results at L1 and a week later a proposal; accepted, the next follows L2', async () => {
      const t = await team(h());
      for (let i = 0; i < 5; i++) {
        const task = await taskFor(t, t.member, `Receipt ${i}`);
        const sub = await t.member.post<Task>(t.url(`/tasks/${task.id}/submit`), {
          version: task.version,
          guardrailsTicked: [],
        });
        expect(sub.body.state).toBe('review');
        expect((await t.owner.post(t.url(`/tasks/${task.id}/review`), { outcome: 'accepted' })).status).toBe(
          200,
        );
      }
      expect(
        (await t.owner.get<Proposal[]>(t.url('/proposals?status=pending'))).body.filter(
          (p) => p.memberId === idOf(t.member),
        ),
      ).toEqual([]);
      h().clock.advance(7 * DAY + 3_600_000);
      await autonomyEvaluationJob.run(h().app.deps);
      const pending = (await t.owner.get<Proposal[]>(t.url('/proposals?status=pending'))).body.filter(
        (p) => p.memberId === idOf(t.member),
      );
      expect(pending).toHaveLength(1);
      const proposal = pending[0] as Proposal;
      expect(proposal).toMatchObject({
        kind: 'auto_promotion',
        from: 1,
        to: 2,
        explanation: { code: 'promotion_criteria_met' },
        evidence: {
          reviewedResults: 5,
          firstPassAccepted: 5,
          firstPassRate: 1,
          promotion: { eligible: true },
        },
      });
      const told = await h()
        .db.db.selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', idOf(t.owner))
        .where('kind', '=', 'level_proposal')
        .execute();
      expect(told).toHaveLength(1);
      // Running again makes no second proposal.
      await autonomyEvaluationJob.run(h().app.deps);
      expect(
        (await t.owner.get<Proposal[]>(t.url('/proposals?status=pending'))).body.filter(
          (p) => p.memberId === idOf(t.member),
        ),
      ).toHaveLength(1);

      const decided = await t.owner.post<Proposal>(t.url(`/proposals/${proposal.id}/decision`), {
        decision: 'accept',
      });
      expect(decided.body.status).toBe('accepted');
      const cell = await t.member.get<MemberAreaAutonomy>(
        t.url(`/autonomy/members/${idOf(t.member)}/areas/${t.area.id}`),
      );
      expect(cell.body.grant.level).toBe(2);
      expect(cell.body.history).toEqual([
        expect.objectContaining({ from: 1, to: 2, kind: 'promotion', proposalId: proposal.id }),
      ]);
      expect(cell.body.evidence.reviewedResults).toBe(0);

      const next = await taskFor(t, t.member, 'Next');
      await t.member.post(t.url(`/tasks/${next.id}/submit`), { version: next.version, guardrailsTicked: [] });
      const queue = await t.owner.get<
        { task: Task; routing: { reason: { code: string; params: { level: number } } } }[]
      >(t.url('/reviews'));
      expect(queue.body.find((q) => q.task.id === next.id)?.routing.reason).toEqual({
        code: 'level_requires_review',
        params: { level: 2 },
      });
    });
  });

  describe('tighten and the demotion suggestion', () => {
    it('after three tightenings in 90 days one level down is proposed, never applied', async () => {
      const t = await team(h());
      const cellUrl = t.url(`/autonomy/members/${idOf(t.member)}/areas/${t.area.id}`);
      await put(t.owner, `${cellUrl}/level`, { level: 2, reason: 'Start reviewed' });
      // Past the grace days after a (manual, upward) change.
      h().clock.advance(15 * DAY);
      const result = async (outcome: 'defect' | 'accept') => {
        const made = await t.owner.post<Task>(t.url('/tasks'), {
          title: 'Result',
          areaId: t.area.id,
          assigneeId: idOf(t.member),
        });
        await t.member.post(t.url(`/tasks/${made.body.id}/submit`), {
          version: made.body.version,
          guardrailsTicked: [],
        });
        const body =
          outcome === 'accept'
            ? { outcome: 'accepted' }
            : { outcome: 'changes_requested', tags: ['defect'], note: 'Wrong amount' };
        expect((await t.owner.post(t.url(`/tasks/${made.body.id}/review`), body)).status).toBe(200);
        h().clock.advance(60_000);
      };
      const plan: ('defect' | 'accept')[] = [
        'defect',
        'defect',
        'accept',
        'accept',
        'accept',
        'accept',
        'accept',
        'defect',
        'defect',
        'accept',
        'accept',
        'accept',
        'accept',
        'accept',
        'defect',
      ];
      for (const step of plan) await result(step);
      const mid = await t.owner.get<MemberAreaAutonomy>(cellUrl);
      expect(mid.body.proposals).toEqual([]);
      await result('defect');
      const cell = await t.owner.get<MemberAreaAutonomy>(cellUrl);
      expect(cell.body.evidence.sampling.tightened).toBe(true);
      expect(cell.body.proposals).toEqual([
        expect.objectContaining({
          kind: 'demotion_suggestion',
          status: 'pending',
          from: 2,
          to: 1,
          explanation: expect.objectContaining({ code: 'demotion_suggested' }),
        }),
      ]);
      // A suggestion, not a change.
      expect(cell.body.grant.level).toBe(2);
      const declined = await t.owner.post<Proposal>(
        t.url(`/proposals/${cell.body.proposals[0]?.id}/decision`),
        {
          decision: 'decline',
          reason: 'We talked it through',
        },
      );
      expect(declined.body).toMatchObject({ status: 'declined', decisionReason: 'We talked it through' });
      expect((await t.owner.get<MemberAreaAutonomy>(cellUrl)).body.grant.level).toBe(2);
    });
  });

  describe('review routes across workspaces', () => {
    it('another workspace’s owner and anonymous callers reach nothing', async () => {
      const t = await team(h());
      const other = await workspaceWith(h(), { name: 'Other' });
      const made = await t.owner.post<Task>(t.url('/tasks'), {
        title: 'X',
        areaId: t.area.id,
        assigneeId: idOf(t.member),
      });
      const before = await autonomyRows(h());
      const task = t.url(`/tasks/${made.body.id}`);
      for (const [path, body] of [
        [`${task}/submit`, { version: 0, guardrailsTicked: [] }],
        [`${task}/review`, { outcome: 'accepted' }],
        [`${task}/request-review`, { version: 0, requested: true }],
        [`${task}/approve`, {}],
        [`${task}/decline`, { reason: 'x' }],
        [t.url('/proposals'), { areaId: t.area.id, to: 2, note: 'x' }],
        [
          t.url('/support-episodes'),
          { memberId: idOf(t.member), areaId: t.area.id, reason: 'requested', capLevel: 1 },
        ],
      ] as const) {
        expect((await other.owner.post(path, body)).status).toBe(404);
        expect((await h().client().post(path, body)).status).toBe(401);
      }
      for (const path of [
        t.url('/reviews'),
        `${task}/reviews`,
        t.url('/autonomy/board'),
        t.url('/proposals'),
      ]) {
        expect((await other.owner.get(path)).status).toBe(404);
        expect((await h().client().get(path)).status).toBe(401);
      }
      expect((await t.outsider.get(`${task}/reviews`)).status).toBe(404);
      expect(await autonomyRows(h())).toEqual(before);
    });
  });

  describe('proposed tasks', () => {
    it('an assistant below L3 proposes tasks in the area; an owner approves or declines them', async () => {
      const t = await team(h());
      const made = await t.member.post<Task>(t.url('/tasks'), { title: 'Idea', areaId: t.area.id });
      expect(made.body.proposed).toBe(true);
      // Created straight into done by an assistant at L1: a submission, so it goes to review.
      const closed = await t.member.post<Task>(t.url('/tasks'), {
        title: 'Done already',
        areaId: t.area.id,
        assigneeId: idOf(t.member),
        state: 'done',
      });
      expect(closed.body.state).toBe('review');
      const inbox = await t.member.post<Task>(t.url('/tasks'), { title: 'Inbox idea' });
      expect(inbox.body.proposed).toBe(false);
      expect(
        (await t.owner.post<Task>(t.url('/tasks'), { title: 'Mine', areaId: t.area.id })).body.proposed,
      ).toBe(false);
      expect((await t.member.post(t.url(`/tasks/${made.body.id}/approve`))).status).toBe(403);
      const approved = await t.owner.post<Task>(t.url(`/tasks/${made.body.id}/approve`));
      expect(approved.body.proposed).toBe(false);
      expect((await t.owner.post(t.url(`/tasks/${made.body.id}/approve`))).status).toBe(409);

      const second = await t.member.post<Task>(t.url('/tasks'), { title: 'Another', areaId: t.area.id });
      expect((await t.owner.post(t.url(`/tasks/${second.body.id}/decline`), {})).status).toBe(400);
      const declined = await t.owner.post<Task>(t.url(`/tasks/${second.body.id}/decline`), {
        reason: 'Not now',
      });
      expect(declined.body).toMatchObject({ proposed: false, state: 'cancelled' });

      await put(t.owner, t.url(`/autonomy/members/${idOf(t.member)}/areas/${t.area.id}/level`), {
        level: 3,
        reason: 'Ok',
      });
      expect(
        (await t.member.post<Task>(t.url('/tasks'), { title: 'Direct', areaId: t.area.id })).body.proposed,
      ).toBe(false);
    });
  });

  describe('what principals hear of an assistant’s work', () => {
    /** A task of the member's in the area that the owner does not follow. */
    async function unfollowedTask(t: Awaited<ReturnType<typeof team>>, title: string) {
      const res = await t.owner.post<Task>(t.url('/tasks'), {
        title,
        areaId: t.area.id,
        assigneeId: idOf(t.member),
      });
      expect(res.status).toBe(201);
      expect((await t.owner.request('DELETE', t.url(`/tasks/${res.body.id}/follow`))).status).toBe(204);
      return res.body;
    }

    async function toldAbout(userId: string, taskId: string) {
      return h()
        .db.db.selectFrom('notifications')
        .select(['kind', 'delivery', 'actor_id', 'excerpt'])
        .where('user_id', '=', userId)
        .where('task_id', '=', taskId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    }

    it('L1: each state change, blocked flag and comment reaches the principals at once; L3: not at once', async () => {
      const t = await team(h());
      const task = await unfollowedTask(t, 'Sort receipts');
      const doing = await t.member.patch<Task>(t.url(`/tasks/${task.id}`), {
        version: task.version,
        state: 'doing',
      });
      expect(doing.status).toBe(200);
      h().clock.advance(MINUTE);
      const blocked = await t.member.patch<Task>(t.url(`/tasks/${task.id}`), {
        version: doing.body.version,
        blocked: true,
        blockedReason: 'Waiting for the bank',
      });
      expect(blocked.status).toBe(200);
      h().clock.advance(MINUTE);
      expect(
        (await t.member.post(t.url(`/tasks/${task.id}/comments`), { body: 'Asked the bank' })).status,
      ).toBe(201);
      expect(await toldAbout(idOf(t.owner), task.id)).toEqual([
        { kind: 'assistant_activity', delivery: 'immediate', actor_id: idOf(t.member), excerpt: '' },
        {
          kind: 'assistant_activity',
          delivery: 'immediate',
          actor_id: idOf(t.member),
          excerpt: 'Waiting for the bank',
        },
        { kind: 'commented', delivery: 'immediate', actor_id: idOf(t.member), excerpt: 'Asked the bank' },
      ]);
      // The actor hears nothing of their own steps.
      expect((await toldAbout(idOf(t.member), task.id)).filter((n) => n.actor_id === idOf(t.member))).toEqual(
        [],
      );

      // A principal who follows the task hears of a comment once, through the follow.
      const followed = await t.owner.post<Task>(t.url('/tasks'), {
        title: 'Followed',
        areaId: t.area.id,
        assigneeId: idOf(t.member),
      });
      await t.member.post(t.url(`/tasks/${followed.body.id}/comments`), { body: 'On it' });
      expect(await toldAbout(idOf(t.owner), followed.body.id)).toEqual([
        { kind: 'commented', delivery: 'immediate', actor_id: idOf(t.member), excerpt: 'On it' },
      ]);
      // An owner's own steps are not the ladder's business.
      const own = await unfollowedTask(t, 'Owner moves it');
      await t.owner.patch(t.url(`/tasks/${own.id}`), { version: own.version, state: 'doing' });
      expect(await toldAbout(idOf(t.owner), own.id)).toEqual([]);

      // At L3 the same steps wait for the daily digest.
      await put(t.owner, t.url(`/autonomy/members/${idOf(t.member)}/areas/${t.area.id}/level`), {
        level: 3,
        reason: 'Knows the books',
      });
      const later = await unfollowedTask(t, 'Reconcile cash');
      const moved = await t.member.patch<Task>(t.url(`/tasks/${later.id}`), {
        version: later.version,
        state: 'doing',
      });
      expect(moved.status).toBe(200);
      h().clock.advance(MINUTE);
      await t.member.post(t.url(`/tasks/${later.id}/comments`), { body: 'Started' });
      const told = await toldAbout(idOf(t.owner), later.id);
      expect(told.map((n) => [n.kind, n.delivery])).toEqual([
        ['assistant_activity', 'digest'],
        ['commented', 'digest'],
      ]);
    });

    it('L4: the week’s activity goes into one weekly mail on Monday, not the daily digest', async () => {
      const t = await team(h());
      await t.owner.patch(t.url('/autonomy/settings'), { sampling: { l4Rate: 0 } });
      await put(t.owner, t.url(`/autonomy/members/${idOf(t.member)}/areas/${t.area.id}/level`), {
        level: 4,
        reason: 'Runs it',
      });
      // Wednesday noon (UTC), whatever day the shared clock is on.
      const now = h().clock.now();
      const daysToWednesday = (3 - now.getUTCDay() + 7) % 7 || 7;
      h().clock.set(
        new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + daysToWednesday, 12)),
      );
      const task = await unfollowedTask(t, 'Plan the posts');
      const doing = await t.member.patch<Task>(t.url(`/tasks/${task.id}`), {
        version: task.version,
        state: 'doing',
      });
      h().clock.advance(MINUTE);
      const done = await t.member.post<Task>(t.url(`/tasks/${task.id}/submit`), {
        version: doing.body.version,
        guardrailsTicked: [],
      });
      expect(done.body.state).toBe('done');
      expect((await toldAbout(idOf(t.owner), task.id)).map((n) => [n.kind, n.delivery])).toEqual([
        ['assistant_activity', 'weekly'],
        ['review_decided', 'weekly'],
      ]);

      const mails = () => h().mailer.sent.filter((m) => m.to === t.owner.user.email);
      // Thursday to Sunday, daily digests run: nothing for the owner.
      for (let day = 1; day <= 4; day++) {
        h().clock.advance(DAY);
        await notificationDigestJob.run(h().app.deps);
      }
      expect(mails()).toEqual([]);
      // Monday 10:00 UTC (from 08:00 in Berlin): two passes at once send one weekly mail.
      h().clock.advance(DAY - 2 * HOUR);
      expect(h().clock.now().getUTCDay()).toBe(1);
      await Promise.all([notificationDigestJob.run(h().app.deps), notificationDigestJob.run(h().app.deps)]);
      expect(mails()).toHaveLength(1);
      expect(mails()[0]?.subject).toBe('Leeway: your week, 2 updates');
      expect(mails()[0]?.text).toContain('here is what happened in the past week:');
      expect(mails()[0]?.text).toContain('“Plan the posts”');
      // Later that Monday and the rest of the week: no second one.
      h().clock.advance(2 * HOUR);
      await notificationDigestJob.run(h().app.deps);
      h().clock.advance(DAY);
      await notificationDigestJob.run(h().app.deps);
      expect(mails()).toHaveLength(1);
    });
  });
});
