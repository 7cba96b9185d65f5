import type {
  ErrorBody,
  NotificationPage,
  SopDetail,
  SopDiff,
  SopSummary,
  SopVersionView,
  Task,
  User,
} from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../lib/clock.ts';
import { describeEachDb, type Harness, type TestClient } from '../../test/harness.ts';
import { BAD_IDS, idOf, MISSING_ID, makeArea, makeTask, type Team, team } from '../tasks/tasks.factories.ts';
import { openDraftForFollowUp } from './sops.hooks.ts';
import { sopReviewReminderJob } from './sops.jobs.ts';

type Client = TestClient & { user: User };

const put = <T>(c: TestClient, url: string, body: unknown) => c.request<T>('PUT', url, body);

/** Every row the SOP routes write, to compare before and after a refused request. */
async function sopRows(h: Harness) {
  const { db } = h.db;
  return {
    sops: await db.selectFrom('sops').selectAll().orderBy('id').execute(),
    versions: await db.selectFrom('sop_versions').selectAll().orderBy('id').execute(),
    acks: await db
      .selectFrom('sop_acknowledgements')
      .selectAll()
      .orderBy('sop_id')
      .orderBy('member_id')
      .orderBy('version_number')
      .execute(),
    notifications: await db.selectFrom('notifications').selectAll().orderBy('id').execute(),
    tasks: await db.selectFrom('tasks').selectAll().orderBy('id').execute(),
    checklist: await db.selectFrom('checklist_items').selectAll().orderBy('id').execute(),
  };
}

function fieldsOf(body: unknown): string[] {
  const fields = (body as { details?: { fields?: { field: string }[] } }).details?.fields ?? [];
  return fields.map((f) => f.field);
}

const steps = [
  { text: 'Open the **invoices** folder', checkpoint: false },
  { text: 'Send the invoice to the client', checkpoint: true },
];

async function makeSop(t: Team, client: Client = t.owner, body: Record<string, unknown> = {}) {
  const res = await client.post<SopDetail>(t.url('/sops'), {
    areaId: t.area.id,
    title: 'Send invoices',
    purpose: 'Get paid on time.',
    steps,
    ...body,
  });
  if (res.status !== 201) throw new Error(`sop create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function publish(
  t: Team,
  sop: { id: string },
  options: { client?: Client; changelog?: string; reack?: boolean } = {},
) {
  const client = options.client ?? t.owner;
  const detail = await client.get<SopDetail>(t.url(`/sops/${sop.id}`));
  const draft = detail.body.draft;
  if (!draft) throw new Error('no draft to publish');
  return client.post<SopDetail>(t.url(`/sops/${sop.id}/publish`), {
    draftVersion: draft.version,
    changelog: options.changelog ?? 'First version',
    requiresReacknowledgement: options.reack ?? false,
  });
}

/** A new draft with these steps, published: the next version. */
async function revise(
  t: Team,
  sop: { id: string },
  newSteps: { text: string; checkpoint: boolean }[],
  options: { title?: string; changelog?: string; reack?: boolean } = {},
) {
  const saved = await put<SopDetail>(t.owner, t.url(`/sops/${sop.id}/draft`), {
    title: options.title ?? 'Send invoices',
    purpose: 'Get paid on time.',
    steps: newSteps,
  });
  expect(saved.status).toBe(200);
  const res = await publish(t, sop, options);
  expect(res.status).toBe(200);
  return res.body;
}

async function setLevel(t: Team, member: Client, level: number, areaId = t.area.id) {
  const res = await put(t.owner, t.url(`/autonomy/members/${idOf(member)}/areas/${areaId}/level`), {
    level,
    reason: `Set to ${level}`,
  });
  expect(res.status).toBe(200);
}

describeEachDb('sops', (h) => {
  describe('lifecycle', () => {
    it('creates a draft, publishes v1, edits and publishes v2 with a changelog, diffs them', async () => {
      const t = await team(h());
      const created = await makeSop(t);
      expect(created).toMatchObject({
        status: 'draft',
        currentVersion: null,
        hasDraft: true,
        canEdit: true,
        ownerId: idOf(t.owner),
        reviewEveryDays: 180,
        current: null,
        versions: [],
      });
      expect(created.draft?.steps[0]?.html).toContain('<strong>invoices</strong>');
      expect(created.draft?.authorId).toBe(idOf(t.owner));

      const v1 = await publish(t, created);
      expect(v1.status).toBe(200);
      expect(v1.body).toMatchObject({ status: 'published', currentVersion: 1, hasDraft: false, draft: null });
      expect(v1.body.current).toMatchObject({ number: 1, status: 'published', changelog: 'First version' });
      expect(v1.body.lastPublishedAt).not.toBeNull();

      const v2 = await revise(
        t,
        created,
        [
          { text: 'Open the **invoices** folder', checkpoint: false },
          { text: 'Send the reminder to the client', checkpoint: true },
          { text: 'File the copy', checkpoint: false },
        ],
        { title: 'Send and file invoices', changelog: 'Added filing' },
      );
      expect(v2).toMatchObject({ currentVersion: 2, title: 'Send and file invoices' });
      expect(v2.versions.map((v) => [v.number, v.changelog])).toEqual([
        [2, 'Added filing'],
        [1, 'First version'],
      ]);

      const old = await t.member.get<SopVersionView>(t.url(`/sops/${created.id}/versions/1`));
      expect(old.status).toBe(200);
      expect(old.body.steps.map((s) => s.text)).toEqual(steps.map((s) => s.text));
      expect((await t.member.get(t.url(`/sops/${created.id}/versions/9`))).status).toBe(404);

      const diff = await t.member.get<SopDiff>(t.url(`/sops/${created.id}/diff?from=1&to=2`));
      expect(diff.status).toBe(200);
      expect(diff.body.titleChanged).toBe(true);
      expect(diff.body.purposeChanged).toBe(false);
      expect(diff.body.steps.map((s) => s.op)).toEqual(['keep', 'change', 'add']);
      expect(diff.body.steps[1]?.words).toEqual([
        { op: 'keep', text: 'Send the ' },
        { op: 'remove', text: 'invoice' },
        { op: 'add', text: 'reminder' },
        { op: 'keep', text: ' to the client' },
      ]);
      expect(diff.body.steps[2]).toMatchObject({ fromIndex: null, toIndex: 2, toText: 'File the copy' });

      const list = await t.member.get<SopSummary[]>(t.url(`/sops?areaId=${t.area.id}`));
      expect(list.body.map((s) => s.id)).toContain(created.id);
      const found = await t.member.get<SopSummary[]>(t.url('/sops?q=AND%20FILE'));
      expect(found.body.map((s) => s.id)).toEqual([created.id]);
      expect((await t.member.get<SopSummary[]>(t.url('/sops?status=draft'))).body).toEqual([]);
    });

    it('sanitises step Markdown on write', async () => {
      const t = await team(h());
      const sop = await makeSop(t, t.owner, {
        steps: [{ text: 'Click <script>alert(1)</script>[here](javascript:alert(1))', checkpoint: false }],
      });
      const html = sop.draft?.steps[0]?.html ?? '';
      expect(html).not.toContain('<script');
      expect(html).not.toMatch(/href="javascript/i);
    });

    it('settings: editors change them with a version; stale → 409 with the current SOP; retire', async () => {
      const t = await team(h());
      const sop = await makeSop(t);
      const notYet = await t.owner.patch<ErrorBody>(t.url(`/sops/${sop.id}`), {
        version: sop.version,
        status: 'retired',
      });
      expect(notYet.status).toBe(400);
      expect(fieldsOf(notYet.body)).toEqual(['status']);
      const published = (await publish(t, sop)).body;
      const changed = await t.owner.patch<SopDetail>(t.url(`/sops/${sop.id}`), {
        version: published.version,
        reviewEveryDays: 30,
        ownerId: idOf(t.member),
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ reviewEveryDays: 30, ownerId: idOf(t.member) });
      const stale = await t.owner.patch<ErrorBody>(t.url(`/sops/${sop.id}`), {
        version: published.version,
        reviewEveryDays: 60,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('conflict');
      expect(stale.body.details?.current).toMatchObject({ reviewEveryDays: 30 });
      const retired = await t.owner.patch<SopDetail>(t.url(`/sops/${sop.id}`), {
        version: changed.body.version,
        status: 'retired',
      });
      expect(retired.body.status).toBe('retired');
      const member = await t.member.patch<ErrorBody>(t.url(`/sops/${sop.id}`), {
        version: retired.body.version,
        status: 'published',
      });
      expect(member.status).toBe(403);
    });

    it('deletes only a never-published SOP, by its author or an editor', async () => {
      const t = await team(h());
      const proposal = await makeSop(t, t.member);
      const published = await makeSop(t);
      await publish(t, published);
      expect((await t.owner.delete<ErrorBody>(t.url(`/sops/${published.id}`))).status).toBe(409);
      const other = await makeSop(t);
      expect((await t.member.delete<ErrorBody>(t.url(`/sops/${other.id}`))).status).toBe(403);
      expect((await t.member.delete(t.url(`/sops/${proposal.id}`))).status).toBe(204);
      expect((await t.owner.get(t.url(`/sops/${proposal.id}`))).status).toBe(404);
      expect(
        await h().db.db.selectFrom('sop_versions').selectAll().where('sop_id', '=', proposal.id).execute(),
      ).toEqual([]);
    });

    it('a stale draftVersion gets 409 with the current draft; discarding needs an editor or the author', async () => {
      const t = await team(h());
      const sop = await makeSop(t);
      await publish(t, sop);
      const first = await put<SopDetail>(t.member, t.url(`/sops/${sop.id}/draft`), {
        title: 'Send invoices',
        steps: [{ text: 'Proposed step', checkpoint: false }],
      });
      expect(first.status).toBe(200);
      const draft = first.body.draft as SopVersionView;
      expect(draft.authorId).toBe(idOf(t.member));
      // A second "new draft" meets the existing one.
      const again = await put<ErrorBody>(t.owner, t.url(`/sops/${sop.id}/draft`), {
        title: 'Mine',
        steps: [{ text: 'x', checkpoint: false }],
      });
      expect(again.status).toBe(409);
      expect(again.body.details?.current).toMatchObject({ id: draft.id });
      const saved = await put<SopDetail>(t.owner, t.url(`/sops/${sop.id}/draft`), {
        draftVersion: draft.version,
        title: 'Send invoices',
        steps: [{ text: 'Owner step', checkpoint: true }],
      });
      expect(saved.status).toBe(200);
      const before = await sopRows(h());
      const stale = await put<ErrorBody>(t.member, t.url(`/sops/${sop.id}/draft`), {
        draftVersion: draft.version,
        title: 'Send invoices',
        steps: [{ text: 'Late step', checkpoint: false }],
      });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('conflict');
      expect(stale.body.details?.current).toMatchObject({
        id: draft.id,
        version: saved.body.draft?.version,
        steps: [{ text: 'Owner step', checkpoint: true }],
      });
      const stalePublish = await t.owner.post<ErrorBody>(t.url(`/sops/${sop.id}/publish`), {
        draftVersion: draft.version,
        changelog: 'x',
        requiresReacknowledgement: false,
      });
      expect(stalePublish.status).toBe(409);
      expect(await sopRows(h())).toEqual(before);

      expect((await t.outsider.delete(t.url(`/sops/${sop.id}/draft`))).status).toBe(404);
      const other = await team(h());
      const theirs = await makeSop(other);
      await publish(other, theirs);
      await put(other.owner, other.url(`/sops/${theirs.id}/draft`), {
        title: 'x',
        steps: [{ text: 'x', checkpoint: false }],
      });
      expect((await other.member.delete<ErrorBody>(other.url(`/sops/${theirs.id}/draft`))).status).toBe(403);
      // The member authored this one, so they may discard it.
      const discarded = await t.owner.delete<SopDetail>(t.url(`/sops/${sop.id}/draft`));
      expect(discarded.status).toBe(200);
      expect(discarded.body).toMatchObject({ hasDraft: false, draft: null, currentVersion: 1 });
    });
  });

  describe('acknowledgements', () => {
    it('a flagged version clears earlier acknowledgements; an unflagged one keeps them', async () => {
      const t = await team(h());
      const sop = await makeSop(t);
      await publish(t, sop);
      await revise(t, sop, [{ text: 'v2', checkpoint: false }]);
      const url = t.url(`/sops/${sop.id}/acknowledge`);

      const wrong = await t.member.post<ErrorBody>(url, { versionNumber: 1 });
      expect(wrong.status).toBe(409);
      const ack = await t.member.post<SopDetail>(url, { versionNumber: 2 });
      expect(ack.status).toBe(200);
      expect(ack.body.acknowledgedByMe).toBe(true);
      expect((await t.member.post(url, { versionNumber: 2 })).status).toBe(200);
      const rows = await h()
        .db.db.selectFrom('sop_acknowledgements')
        .selectAll()
        .where('sop_id', '=', sop.id)
        .execute();
      expect(rows).toHaveLength(1);
      const memberState = () =>
        t.owner
          .get<SopDetail>(t.url(`/sops/${sop.id}`))
          .then((r) => r.body.acknowledgements.members.find((m) => m.memberId === idOf(t.member)));
      expect(await memberState()).toMatchObject({ acknowledged: true, versionNumber: 2 });

      const v3 = await revise(t, sop, [{ text: 'v3', checkpoint: false }], { changelog: 'typo' });
      expect(v3.acknowledgements.validFrom).toBe(1);
      expect(await memberState()).toMatchObject({ acknowledged: true, versionNumber: 2 });
      const listed = await t.member.get<SopSummary[]>(t.url('/sops'));
      expect(listed.body.find((s) => s.id === sop.id)?.acknowledgedByMe).toBe(true);

      const v4 = await revise(t, sop, [{ text: 'v4', checkpoint: true }], {
        changelog: 'New rule',
        reack: true,
      });
      expect(v4.acknowledgements.validFrom).toBe(4);
      expect(await memberState()).toMatchObject({ acknowledged: false, versionNumber: 2 });
      const relisted = await t.member.get<SopSummary[]>(t.url('/sops'));
      expect(relisted.body.find((s) => s.id === sop.id)?.acknowledgedByMe).toBe(false);

      // The area's people (not the publisher) are asked to re-acknowledge, with the SOP as subject.
      const told = await h()
        .db.db.selectFrom('notifications')
        .selectAll()
        .where('kind', '=', 'sop_acknowledge')
        .where('subject_id', '=', sop.id)
        .execute();
      expect(told.map((n) => n.user_id)).toEqual([idOf(t.member)]);
      expect(told[0]).toMatchObject({ subject_type: 'sop', task_id: null });
      const page = await t.member.get<NotificationPage>(t.url('/notifications'));
      expect(page.body.items.find((n) => n.subjectId === sop.id)).toMatchObject({
        kind: 'sop_acknowledge',
        subjectType: 'sop',
        subjectTitle: 'Send invoices',
      });

      expect((await t.member.post(url, { versionNumber: 4 })).status).toBe(200);
      expect(await memberState()).toMatchObject({ acknowledged: true, versionNumber: 4 });

      // Leaving the area hides the SOP's notifications along with the SOP.
      const area = await t.owner.get<{ version: number }>(t.url(`/areas/${t.area.id}`));
      const left = await t.owner.patch(t.url(`/areas/${t.area.id}`), {
        version: area.body.version,
        memberIds: [],
      });
      expect(left.status).toBe(200);
      const after = await t.member.get<NotificationPage>(t.url('/notifications'));
      expect(after.body.items.find((n) => n.subjectId === sop.id)).toBeUndefined();
      expect((await t.member.get(t.url(`/sops/${sop.id}`))).status).toBe(404);
    });
  });

  describe('permissions', () => {
    it('an assistant below L5 proposes and drafts but may not publish; at L5 they publish', async () => {
      const t = await team(h());
      const proposal = await makeSop(t, t.member);
      expect(proposal).toMatchObject({ canEdit: false, ownerId: idOf(t.owner), status: 'draft' });
      const saved = await put<SopDetail>(t.member, t.url(`/sops/${proposal.id}/draft`), {
        draftVersion: proposal.draft?.version,
        title: 'Send invoices, better',
        steps,
      });
      expect(saved.status).toBe(200);
      expect(saved.body.title).toBe('Send invoices, better');
      for (const level of [1, 4]) {
        if (level > 1) await setLevel(t, t.member, level);
        const refused = await publish(t, proposal, { client: t.member });
        expect(refused.status).toBe(403);
        expect((refused.body as unknown as ErrorBody).message).toMatch(/level-5.*your draft waits/);
      }
      const listed = await t.member.get<SopSummary[]>(t.url('/sops'));
      expect(listed.body.find((s) => s.id === proposal.id)?.canEdit).toBe(false);

      await setLevel(t, t.member, 5);
      expect((await t.member.get<SopDetail>(t.url(`/sops/${proposal.id}`))).body.canEdit).toBe(true);
      const published = await publish(t, proposal, { client: t.member });
      expect(published.status).toBe(200);
      expect(published.body.current?.publishedBy).toBe(idOf(t.member));
      // An L5 proposer owns what they create.
      const own = await makeSop(t, t.member);
      expect(own.ownerId).toBe(idOf(t.member));
    });

    it('an assistant outside the area gets 404 on every SOP route, and nothing is written', async () => {
      const t = await team(h());
      const sop = await makeSop(t);
      await publish(t, sop);
      await put(t.owner, t.url(`/sops/${sop.id}/draft`), {
        title: 'x',
        steps: [{ text: 'x', checkpoint: false }],
      });
      const detail = (await t.owner.get<SopDetail>(t.url(`/sops/${sop.id}`))).body;
      const before = await sopRows(h());
      const s = t.url(`/sops/${sop.id}`);
      const calls: [string, string, unknown?][] = [
        ['GET', s],
        ['PATCH', s, { version: detail.version, reviewEveryDays: 5 }],
        ['DELETE', s],
        ['PUT', `${s}/draft`, { draftVersion: detail.draft?.version, title: 'y', steps }],
        ['DELETE', `${s}/draft`],
        [
          'POST',
          `${s}/publish`,
          { draftVersion: detail.draft?.version, changelog: 'x', requiresReacknowledgement: true },
        ],
        ['GET', `${s}/versions/1`],
        ['GET', `${s}/diff?from=1&to=1`],
        ['POST', `${s}/acknowledge`, { versionNumber: 1 }],
      ];
      for (const [method, url, body] of calls) {
        const res = await t.outsider.request<ErrorBody>(method as 'GET', url, body);
        expect([method, url, res.status, res.body.code]).toEqual([method, url, 404, 'not_found']);
      }
      expect((await t.outsider.get<SopSummary[]>(t.url('/sops'))).body).toEqual([]);
      expect((await t.outsider.get<SopSummary[]>(t.url(`/sops?areaId=${t.area.id}`))).body).toEqual([]);
      const create = await t.outsider.post<ErrorBody>(t.url('/sops'), {
        areaId: t.area.id,
        title: 'x',
        steps,
      });
      expect(create.status).toBe(400);
      expect(fieldsOf(create.body)).toEqual(['areaId']);
      // A task the outsider sees cannot pull the SOP in either.
      const task = await makeTask(t.outsider, t.workspace.id, { title: 'Mine' });
      const use = await put<ErrorBody>(t.outsider, t.url(`/tasks/${task.id}/sop`), {
        sopId: sop.id,
        version: task.version,
      });
      expect(use.status).toBe(400);
      expect(fieldsOf(use.body)).toEqual(['sopId']);
      const after = await sopRows(h());
      expect({ ...after, tasks: [], checklist: [] }).toEqual({ ...before, tasks: [], checklist: [] });
    });

    it("another workspace's SOP is not found; anonymous callers get 401", async () => {
      const t = await team(h());
      const other = await team(h());
      const theirs = await makeSop(other);
      expect((await t.owner.get(t.url(`/sops/${theirs.id}`))).status).toBe(404);
      expect((await t.owner.get(other.url(`/sops/${theirs.id}`))).status).toBe(404);
      const patch = await t.owner.patch(t.url(`/sops/${theirs.id}`), { version: 1, reviewEveryDays: 3 });
      expect(patch.status).toBe(404);
      const foreignArea = await t.owner.post<ErrorBody>(t.url('/sops'), {
        areaId: other.area.id,
        title: 'x',
        steps,
      });
      expect(foreignArea.status).toBe(400);
      expect(fieldsOf(foreignArea.body)).toEqual(['areaId']);
      const anonymous = h().client();
      expect((await anonymous.get(t.url('/sops'))).status).toBe(401);
      expect((await anonymous.get(other.url(`/sops/${theirs.id}`))).status).toBe(401);
    });

    it('malformed ids and bodies are refused with 400, naming the field, nothing written', async () => {
      const t = await team(h());
      const sop = await makeSop(t);
      const before = await sopRows(h());
      for (const bad of BAD_IDS) {
        expect((await t.owner.get(t.url(`/sops/${bad}`))).status).toBe(400);
        expect((await t.owner.post(t.url(`/sops/${bad}/publish`), {})).status).toBe(400);
      }
      expect((await t.owner.get(t.url(`/sops/${MISSING_ID}`))).status).toBe(404);
      const bodies: [Record<string, unknown>, string][] = [
        [{ areaId: t.area.id, title: '  ', steps }, 'title'],
        [{ areaId: t.area.id, title: 'x', steps: [] }, 'steps'],
        [{ areaId: t.area.id, title: 'x', steps: [{ text: ' ', checkpoint: false }] }, 'steps/0/text'],
        [{ areaId: MISSING_ID, title: 'x', steps }, 'areaId'],
        [{ areaId: t.area.id, title: 'x', steps, ownerId: MISSING_ID }, 'ownerId'],
      ];
      for (const [body, field] of bodies) {
        const res = await t.owner.post<ErrorBody>(t.url('/sops'), body);
        expect([field, res.status, res.body.code]).toEqual([field, 400, 'validation_failed']);
        expect(fieldsOf(res.body)).toContain(field);
      }
      for (const body of [
        { areaId: 'nope', title: 'x', steps },
        { areaId: t.area.id, title: 'x', steps: [{ text: 'x' }] },
        { areaId: t.area.id, title: 'x', steps, reviewEveryDays: 0 },
      ]) {
        expect((await t.owner.post(t.url('/sops'), body)).status).toBe(400);
      }
      expect((await t.owner.get(t.url(`/sops/${sop.id}/diff?from=0&to=1`))).status).toBe(400);
      expect((await t.owner.get(t.url(`/sops/${sop.id}/versions/abc`))).status).toBe(400);
      const emptyDraft = await put<ErrorBody>(t.owner, t.url(`/sops/${sop.id}/draft`), {
        draftVersion: sop.draft?.version,
        title: 'x',
        steps: [],
      });
      expect(fieldsOf(emptyDraft.body)).toEqual(['steps']);
      const patch = await t.owner.patch<ErrorBody>(t.url(`/sops/${sop.id}`), {
        version: sop.version,
        ownerId: MISSING_ID,
      });
      expect(fieldsOf(patch.body)).toEqual(['ownerId']);
      expect(await sopRows(h())).toEqual(before);
    });
  });

  describe('tasks following an SOP', () => {
    it('a recurring copy follows the current version and keeps its own items', async () => {
      const t = await team(h());
      const sop = await makeSop(t);
      await publish(t, sop);
      const task = await makeTask(t.owner, t.workspace.id, {
        sopId: sop.id,
        checklist: ['Own item'],
        recurrence: { rule: 'FREQ=DAILY', mode: 'on_done', timeZone: 'Europe/Berlin' },
        dueAt: h().clock.now().toISOString(),
      });
      await revise(t, sop, [...steps, { text: 'File the receipt', checkpoint: false }]);
      const done = await t.owner.patch<Task>(t.url(`/tasks/${task.id}`), {
        version: task.version,
        state: 'done',
      });
      expect(done.status).toBe(200);
      const copies = await h()
        .db.db.selectFrom('tasks')
        .select(['id', 'sop_version'])
        .where('series_id', '=', done.body.seriesId ?? '')
        .where('id', '!=', task.id)
        .execute();
      expect(copies).toHaveLength(1);
      expect(copies[0]?.sop_version).toBe(2);
      const copy = await t.owner.get<Task>(t.url(`/tasks/${copies[0]?.id}`));
      expect(copy.body.checklist.map((i) => [i.text, i.sopStep])).toEqual([
        ['Own item', null],
        [steps[0]?.text, 0],
        [steps[1]?.text, 1],
        ['File the receipt', 2],
      ]);
    });

    it('pins the current steps as checklist items and keeps them after a new version', async () => {
      const t = await team(h());
      const sop = await makeSop(t);
      const draftOnly = await makeSop(t);
      await publish(t, sop);
      await revise(t, sop, [
        { text: 'Step A', checkpoint: false },
        { text: 'Step B', checkpoint: true },
      ]);
      const task = await makeTask(t.owner, t.workspace.id, { sopId: sop.id, checklist: ['My own item'] });
      expect(task.areaId).toBe(t.area.id);
      expect(task.sop).toEqual({ id: sop.id, title: 'Send invoices', versionNumber: 2, currentVersion: 2 });
      expect(task.checklist.map((c) => [c.text, c.sopStep, c.checkpoint])).toEqual([
        ['My own item', null, false],
        ['Step A', 0, false],
        ['Step B', 1, true],
      ]);
      expect(task.checklistTotal).toBe(3);

      await revise(t, sop, [{ text: 'Step C', checkpoint: false }]);
      const read = await t.owner.get<Task>(t.url(`/tasks/${task.id}`));
      expect(read.body.sop).toEqual({
        id: sop.id,
        title: 'Send invoices',
        versionNumber: 2,
        currentVersion: 3,
      });
      expect(read.body.checklist.map((c) => c.text)).toEqual(['My own item', 'Step A', 'Step B']);

      const before = await sopRows(h());
      const otherArea = await makeArea(t.owner, t.workspace.id, { ownerId: idOf(t.owner), name: 'Sales' });
      for (const body of [
        { sopId: draftOnly.id },
        { sopId: sop.id, areaId: otherArea.id },
        { sopId: MISSING_ID },
      ]) {
        const res = await t.owner.post<ErrorBody>(t.url('/tasks'), { title: 'x', ...body });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toEqual(['sopId']);
      }
      expect(await sopRows(h())).toEqual(before);
    });

    it('PUT /tasks/:id/sop pins an SOP onto a task once, with the task version', async () => {
      const t = await team(h());
      const sop = await makeSop(t);
      await publish(t, sop);
      const task = await makeTask(t.owner, t.workspace.id, { checklist: ['Mine'] });
      expect(task.sop).toBeNull();
      const stale = await put<ErrorBody>(t.owner, t.url(`/tasks/${task.id}/sop`), {
        sopId: sop.id,
        version: task.version + 1,
      });
      expect(stale.status).toBe(409);
      const res = await put<Task>(t.owner, t.url(`/tasks/${task.id}/sop`), {
        sopId: sop.id,
        version: task.version,
      });
      expect(res.status).toBe(200);
      expect(res.body.areaId).toBe(t.area.id);
      expect(res.body.sop?.versionNumber).toBe(1);
      expect(res.body.checklist.map((c) => c.sopStep)).toEqual([null, 0, 1]);
      expect(res.body.checklistTotal).toBe(3);
      const twice = await put<ErrorBody>(t.owner, t.url(`/tasks/${task.id}/sop`), {
        sopId: sop.id,
        version: res.body.version,
      });
      expect(twice.status).toBe(409);
    });

    it('at level 1 every SOP step must be ticked before submitting; at level 2 they are guidance', async () => {
      const t = await team(h());
      const sop = await makeSop(t);
      await publish(t, sop);
      const task = await makeTask(t.owner, t.workspace.id, {
        sopId: sop.id,
        assigneeId: idOf(t.member),
        checklist: ['Unrelated'],
      });
      const submit = (version: number) =>
        t.member.post<Task & ErrorBody>(t.url(`/tasks/${task.id}/submit`), { version, guardrailsTicked: [] });
      const refused = await submit(task.version);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('validation_failed');
      expect(refused.body.message).toBe('At level 1 every SOP step must be ticked before submitting.');
      expect(refused.body.details).toMatchObject({
        fields: [{ field: 'checklist', code: 'sop_steps_unticked' }],
        missingSteps: [0, 1],
      });
      const first = task.checklist.find((c) => c.sopStep === 0);
      await t.member.patch(t.url(`/tasks/${task.id}/checklist/${first?.id}`), { done: true });
      const still = await submit(task.version);
      expect(still.body.details?.missingSteps).toEqual([1]);
      const second = task.checklist.find((c) => c.sopStep === 1);
      await t.member.patch(t.url(`/tasks/${task.id}/checklist/${second?.id}`), { done: true });
      const current = await t.member.get<Task>(t.url(`/tasks/${task.id}`));
      const ok = await submit(current.body.version);
      expect(ok.status).toBe(200);
      expect(ok.body.state).toBe('review');

      // A step's item cannot be removed (it is pinned); and were it gone, the pinned version
      // would still count: submitting names the unticked step.
      const other = await makeTask(t.owner, t.workspace.id, { sopId: sop.id, assigneeId: idOf(t.member) });
      const [stepA, stepB] = other.checklist;
      const removal = await t.member.delete<ErrorBody>(t.url(`/tasks/${other.id}/checklist/${stepA?.id}`));
      expect(removal.status).toBe(400);
      expect(removal.body.details?.fields).toEqual([
        { field: 'itemId', message: 'is a step of the SOP the task follows' },
      ]);
      await h()
        .db.db.deleteFrom('checklist_items')
        .where('id', '=', stepA?.id ?? '')
        .execute();
      await t.member.patch(t.url(`/tasks/${other.id}/checklist/${stepB?.id}`), { done: true });
      const latest = await t.member.get<Task>(t.url(`/tasks/${other.id}`));
      const skipped = await t.member.post<ErrorBody>(t.url(`/tasks/${other.id}/submit`), {
        version: latest.body.version,
        guardrailsTicked: [],
      });
      expect(skipped.status).toBe(400);
      expect(skipped.body.details?.missingSteps).toEqual([0]);

      await setLevel(t, t.member, 2);
      const next = await makeTask(t.owner, t.workspace.id, { sopId: sop.id, assigneeId: idOf(t.member) });
      const guidance = await t.member.post<Task>(t.url(`/tasks/${next.id}/submit`), {
        version: next.version,
        guardrailsTicked: [],
      });
      expect(guidance.status).toBe(200);
    });
  });

  describe('review reminders', () => {
    it('reminds the owner once when the review is due, even with two nodes at once', async () => {
      const t = await team(h());
      const sop = await makeSop(t, t.owner, { reviewEveryDays: 2 });
      const twin = await makeSop(t, t.owner, { title: 'Twin', reviewEveryDays: 2 });
      await publish(t, sop);
      await publish(t, twin);
      const reminders = (id: string) =>
        h()
          .db.db.selectFrom('notifications')
          .selectAll()
          .where('kind', '=', 'sop_review_due')
          .where('subject_id', '=', id)
          .execute();
      await sopReviewReminderJob.run(h().app.deps);
      expect(await reminders(sop.id)).toHaveLength(0);
      const due = await t.owner.get<SopSummary[]>(t.url('/sops?reviewDue=true'));
      expect(due.body.map((s) => s.id)).not.toContain(sop.id);

      h().clock.advance(2 * DAY + HOUR);
      const listed = await t.owner.get<SopSummary[]>(t.url('/sops?reviewDue=true'));
      expect(listed.body.map((s) => s.id)).toEqual(expect.arrayContaining([sop.id, twin.id]));
      await Promise.all([sopReviewReminderJob.run(h().app.deps), sopReviewReminderJob.run(h().app.deps)]);
      await sopReviewReminderJob.run(h().app.deps);
      for (const id of [sop.id, twin.id]) {
        const told = await reminders(id);
        expect(told).toHaveLength(1);
        expect(told[0]).toMatchObject({ user_id: idOf(t.owner), subject_type: 'sop' });
      }

      // Publishing again starts a new period, reminded once more when it is due.
      await revise(t, sop, [{ text: 'Reviewed', checkpoint: false }], { changelog: 'Reviewed' });
      h().clock.advance(2 * DAY + HOUR);
      await sopReviewReminderJob.run(h().app.deps);
      await sopReviewReminderJob.run(h().app.deps);
      expect(await reminders(sop.id)).toHaveLength(2);
    });
  });

  describe('lesson follow-ups', () => {
    it('opens a draft for a follow-up; publishing it closes the follow-up and asks to re-acknowledge', async () => {
      const t = await team(h());
      const sop = await makeSop(t);
      await publish(t, sop);
      const { db } = h().db;
      const now = h().clock.now().toISOString();
      const lessonId = crypto.randomUUID();
      const followUpId = crypto.randomUUID();
      await db
        .insertInto('lessons')
        .values({
          id: lessonId,
          workspace_id: t.workspace.id,
          title: 'Invoice sent twice',
          what_happened: 'x',
          impact: '',
          severity: 2,
          went_well: '',
          learned: '',
          task_id: null,
          area_id: t.area.id,
          sop_id: sop.id,
          author_id: idOf(t.member),
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await db
        .insertInto('lesson_follow_ups')
        .values({
          id: followUpId,
          workspace_id: t.workspace.id,
          lesson_id: lessonId,
          kind: 'sop_change',
          title: 'Add a check step',
          owner_id: idOf(t.owner),
          due_at: now,
          status: 'open',
          sop_id: sop.id,
          sop_version_id: null,
          done_at: null,
          done_by: null,
          overdue_notified_at: null,
          created_at: now,
        })
        .execute();
      const { AfterCommit } = await import('../../events/after-commit.ts');
      const draftId = await db.transaction().execute((trx) =>
        openDraftForFollowUp(trx, h().app.deps, new AfterCommit(), {
          workspaceId: t.workspace.id,
          sopId: sop.id,
          followUpId,
          actorId: idOf(t.member),
          at: now,
        }),
      );
      // A second call reuses the open draft.
      const again = await db.transaction().execute((trx) =>
        openDraftForFollowUp(trx, h().app.deps, new AfterCommit(), {
          workspaceId: t.workspace.id,
          sopId: sop.id,
          followUpId,
          actorId: idOf(t.member),
          at: now,
        }),
      );
      expect(again).toBe(draftId);
      const detail = (await t.owner.get<SopDetail>(t.url(`/sops/${sop.id}`))).body;
      expect(detail.draft).toMatchObject({ id: draftId, followUpId, authorId: idOf(t.member) });
      expect(detail.draft?.steps).toEqual(detail.current?.steps);
      expect(detail.openFollowUps).toEqual([
        expect.objectContaining({ id: followUpId, lessonId, lessonTitle: 'Invoice sent twice' }),
      ]);
      const published = await publish(t, sop, { changelog: 'After the lesson', reack: false });
      expect(published.status).toBe(200);
      expect(published.body.current?.requiresReacknowledgement).toBe(true);
      expect(published.body.openFollowUps).toEqual([]);
      const followUp = await db
        .selectFrom('lesson_follow_ups')
        .selectAll()
        .where('id', '=', followUpId)
        .executeTakeFirstOrThrow();
      expect(followUp).toMatchObject({ status: 'done', done_by: idOf(t.owner) });
    });
  });
});
