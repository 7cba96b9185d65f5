import type {
  AreaAutonomy,
  OnboardingPlan,
  OnboardingPlanSummary,
  OnboardingTemplateView,
  SopDetail,
  Task,
} from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { DAY } from '../../lib/clock.ts';
import { describeEachDb, type Harness, workspaceWith } from '../../test/harness.ts';
import { BAD_IDS, idOf, MISSING_ID, makeArea, type Team, team } from '../tasks/tasks.factories.ts';

/** Every row the onboarding routes write, to compare before and after a refused request. */
async function onboardingRows(h: Harness) {
  const { db } = h.db;
  return {
    templates: await db.selectFrom('onboarding_templates').selectAll().orderBy('id').execute(),
    plans: await db.selectFrom('onboarding_plans').selectAll().orderBy('id').execute(),
    items: await db.selectFrom('onboarding_items').selectAll().orderBy('id').execute(),
    episodes: await db.selectFrom('support_episodes').selectAll().orderBy('id').execute(),
    grants: await db.selectFrom('autonomy_grants').selectAll().orderBy('id').execute(),
  };
}

function fieldsOf(body: unknown): string[] {
  const fields = (body as { details?: { fields?: { field: string }[] } }).details?.fields ?? [];
  return fields.map((f) => f.field);
}

function startBody(t: Team, extra: Record<string, unknown> = {}) {
  return {
    assistantId: idOf(t.member),
    templateKey: 'first_30_days',
    startsOn: '2026-01-05',
    areaIds: [t.area.id],
    ...extra,
  };
}

/** A published SOP (version 1) in the team's area, through the SOP routes. */
async function publishedSop(t: Team, title: string): Promise<string> {
  const made = await t.owner.post<SopDetail>(t.url('/sops'), {
    areaId: t.area.id,
    title,
    steps: [{ text: 'Do the thing', checkpoint: false }],
  });
  if (made.status !== 201) throw new Error(`sop create failed: ${made.status} ${JSON.stringify(made.body)}`);
  const draft = made.body.draft;
  if (!draft) throw new Error('no draft');
  const published = await t.owner.post<SopDetail>(t.url(`/sops/${made.body.id}/publish`), {
    draftVersion: draft.version,
    changelog: 'First version',
    requiresReacknowledgement: false,
  });
  if (published.status !== 200) throw new Error(`publish failed: ${JSON.stringify(published.body)}`);
  return made.body.id;
}

/** The assistant acknowledges version 1 through the SOP route, which calls `onSopAcknowledged`. */
async function acknowledge(t: Team, sopId: string): Promise<void> {
  const res = await t.member.post(t.url(`/sops/${sopId}/acknowledge`), { versionNumber: 1 });
  if (res.status !== 200) throw new Error(`acknowledge failed: ${res.status} ${JSON.stringify(res.body)}`);
}

describeEachDb('onboarding', (h) => {
  describe('templates', () => {
    it('lists the built-in template in English and German, then the workspace’s own', async () => {
      const t = await team(h());
      const en = await t.member.get<OnboardingTemplateView[]>(t.url('/onboarding-templates'));
      expect(en.status).toBe(200);
      expect(en.body[0]).toMatchObject({ key: 'first_30_days', builtIn: true });
      expect(en.body[0]?.items.map((i) => i.title)).toContain('End of week one check-in');
      const de = await t.member.get<OnboardingTemplateView[]>(t.url('/onboarding-templates?locale=de'));
      expect(de.body[0]?.items.map((i) => i.title)).toContain('Check-in zum Ende der ersten Woche');
      expect(de.body[0]?.charter.outcomes).toHaveLength(3);

      const made = await t.owner.post<OnboardingTemplateView>(t.url('/onboarding-templates'), {
        name: 'Bookkeeping starter',
        charter: {
          outcomes: ['Books closed monthly'],
          workingHours: '',
          responseTimes: '',
          authorityNotes: '',
        },
        items: [
          { kind: 'intro', title: 'Meet the accountant', dueDay: 0 },
          {
            kind: 'access',
            title: 'Bank: read-only',
            dueDay: 1,
            access: { system: 'Bank', leastPrivilege: 'Read only' },
          },
        ],
      });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ builtIn: false, name: 'Bookkeeping starter' });
      const list = await t.owner.get<OnboardingTemplateView[]>(t.url('/onboarding-templates'));
      expect(list.body.map((x) => x.key)).toEqual(['first_30_days', made.body.key]);
      // Owners only; another workspace cannot delete it.
      expect(
        (
          await t.member.post(t.url('/onboarding-templates'), {
            name: 'Mine',
            charter: { outcomes: [], workingHours: '', responseTimes: '', authorityNotes: '' },
            items: [{ kind: 'intro', title: 'Hi', dueDay: 0 }],
          })
        ).status,
      ).toBe(403);
      const other = await workspaceWith(h(), { name: 'Other' });
      expect(
        (
          await other.owner.delete(
            `/api/v1/workspaces/${other.workspace.id}/onboarding-templates/${made.body.key}`,
          )
        ).status,
      ).toBe(404);
      expect((await t.member.delete(t.url(`/onboarding-templates/${made.body.key}`))).status).toBe(403);
      expect((await t.owner.delete(t.url(`/onboarding-templates/${made.body.key}`))).status).toBe(204);
      expect((await t.owner.delete(t.url(`/onboarding-templates/${made.body.key}`))).status).toBe(404);
    });

    it('starts a plan from a workspace template with its items dated', async () => {
      const t = await team(h());
      const made = await t.owner.post<OnboardingTemplateView>(t.url('/onboarding-templates'), {
        name: 'Short',
        charter: {
          outcomes: ['a', 'b', 'c'],
          workingHours: 'Mornings',
          responseTimes: 'Same day',
          authorityNotes: '',
        },
        items: [
          { kind: 'meeting', title: 'Weekly', dueDay: 7 },
          { kind: 'intro', title: 'Hello', dueDay: 0 },
        ],
      });
      const res = await t.owner.post<OnboardingPlan>(
        t.url('/onboarding-plans'),
        startBody(t, { templateKey: made.body.key, areaIds: [] }),
      );
      expect(res.status).toBe(201);
      expect(res.body.items.map((i) => [i.title, i.dueOn])).toEqual([
        ['Hello', '2026-01-05'],
        ['Weekly', '2026-01-12'],
      ]);
      expect(res.body.charter.workingHours).toBe('Mornings');
      expect(res.body.episodeIds).toEqual([]);
    });
  });

  describe('plans', () => {
    it('starts a plan: items dated from the start, an onboarding episode capping the level', async () => {
      const t = await team(h());
      // The assistant had level 4 already; onboarding caps it at 2.
      await t.owner.request('PUT', t.url(`/autonomy/members/${idOf(t.member)}/areas/${t.area.id}/level`), {
        level: 4,
        reason: 'Experienced',
      });
      const res = await t.owner.post<OnboardingPlan>(t.url('/onboarding-plans'), startBody(t));
      expect(res.status).toBe(201);
      const plan = res.body;
      expect(plan).toMatchObject({
        assistantId: idOf(t.member),
        assistantName: 'Assistant 1',
        templateKey: 'first_30_days',
        startsOn: '2026-01-05',
        status: 'active',
        areaIds: [t.area.id],
        itemsTotal: 9,
        itemsDone: 0,
        version: 1,
      });
      expect(plan.items[0]).toMatchObject({ kind: 'intro', dueDay: 0, dueOn: '2026-01-05', overdue: false });
      expect(plan.items.at(-1)).toMatchObject({ kind: 'meeting', dueDay: 29, dueOn: '2026-02-03' });
      const access = plan.items.find((i) => i.kind === 'access');
      expect(access?.access).toEqual({ system: 'Email', leastPrivilege: 'Delegate (read and draft)' });
      expect(plan.passwordNote).toMatch(/never asks for or stores passwords/);
      expect(plan.charter.outcomes).toHaveLength(3);
      expect(plan.episodeIds).toHaveLength(1);
      const episodes = await h()
        .db.db.selectFrom('support_episodes')
        .selectAll()
        .where('id', 'in', plan.episodeIds)
        .execute();
      expect(episodes[0]).toMatchObject({
        reason: 'onboarding',
        cap_level: 2,
        member_id: idOf(t.member),
        area_id: t.area.id,
        planned_end_at: new Date(h().clock.now().getTime() + 14 * DAY).toISOString(),
      });
      const mine = await t.member.get<AreaAutonomy[]>(t.url('/autonomy/me'));
      expect(mine.body.find((c) => c.grant.areaId === t.area.id)?.grant).toMatchObject({
        level: 4,
        effectiveLevel: 2,
      });

      // A second plan in the same area starts no second episode.
      h().clock.advance(60_000);
      const again = await t.owner.post<OnboardingPlan>(t.url('/onboarding-plans'), startBody(t));
      expect(again.status).toBe(201);
      expect(again.body.episodeIds).toEqual([]);
    });

    it('uses German texts for a German plan and links one item per chosen SOP', async () => {
      const t = await team(h());
      const sopA = await publishedSop(t, 'Rechnungen buchen');
      const sopB = await publishedSop(t, 'Belege ablegen');
      const res = await t.owner.post<OnboardingPlan>(
        t.url('/onboarding-plans'),
        startBody(t, { locale: 'de', sopIds: [sopA, sopB] }),
      );
      expect(res.status).toBe(201);
      const titles = res.body.items.map((i) => i.title);
      expect(titles).toContain('Kennenlerngespräch: Ziele, Personen und Werkzeuge');
      expect(res.body.title).toBe('Die ersten 30 Tage mit einer virtuellen Assistenz');
      expect(res.body.charter.outcomes[0]).toMatch(/Posteingang/);
      const acks = res.body.items.filter((i) => i.kind === 'acknowledge_sop');
      expect(acks.map((i) => [i.title, i.sopId, i.sopTitle, i.dueDay])).toEqual([
        ['Bestätigen: Rechnungen buchen', sopA, 'Rechnungen buchen', 3],
        ['Bestätigen: Belege ablegen', sopB, 'Belege ablegen', 3],
      ]);
      // The caller's own language for the password note (the owner reads English).
      expect(res.body.passwordNote).toMatch(/never asks/);
    });

    it('a plan starting later starts its episodes at that date', async () => {
      const t = await team(h());
      const res = await t.owner.post<OnboardingPlan>(
        t.url('/onboarding-plans'),
        startBody(t, { startsOn: '2026-01-12' }),
      );
      expect(res.status).toBe(201);
      const episode = await h()
        .db.db.selectFrom('support_episodes')
        .selectAll()
        .where('id', '=', res.body.episodeIds[0] ?? '')
        .executeTakeFirstOrThrow();
      expect(episode).toMatchObject({
        starts_at: '2026-01-12T00:00:00.000Z',
        planned_end_at: '2026-01-26T00:00:00.000Z',
      });
      expect(res.body.items[0]?.dueOn).toBe('2026-01-12');
    });

    it('refuses bad input by field with nothing written', async () => {
      const t = await team(h());
      const foreign = await team(h());
      const before = await onboardingRows(h());
      const cases: [Record<string, unknown>, string][] = [
        [startBody(t, { assistantId: idOf(t.owner) }), 'assistantId'],
        [startBody(t, { assistantId: MISSING_ID }), 'assistantId'],
        [startBody(t, { areaIds: [t.area.id, MISSING_ID] }), 'areaIds/1'],
        [startBody(t, { areaIds: [foreign.area.id] }), 'areaIds/0'],
        [startBody(t, { assistantId: idOf(foreign.member) }), 'assistantId'],
        [startBody(t, { sopIds: [MISSING_ID] }), 'sopIds/0'],
        [startBody(t, { templateKey: 'nope' }), 'templateKey'],
        [startBody(t, { startsOn: '2026-13-45' }), 'startsOn'],
        [
          startBody(t, {
            charter: { outcomes: ['one'], workingHours: ' ', responseTimes: 'x', authorityNotes: '' },
          }),
          'charter/outcomes',
        ],
        [
          startBody(t, {
            charter: { outcomes: ['a', 'b', 'c'], workingHours: ' ', responseTimes: 'x', authorityNotes: '' },
          }),
          'charter/workingHours',
        ],
      ];
      for (const [body, field] of cases) {
        const res = await t.owner.post(t.url('/onboarding-plans'), body);
        expect(res.status, field).toBe(400);
        expect(fieldsOf(res.body)).toContain(field);
      }
      for (const bad of BAD_IDS) {
        expect(
          (await t.owner.post(t.url('/onboarding-plans'), startBody(t, { assistantId: bad }))).status,
        ).toBe(400);
      }
      expect(
        (await t.owner.post(t.url('/onboarding-plans'), { ...startBody(t), startsOn: 'tomorrow' })).status,
      ).toBe(400);
      expect(await onboardingRows(h())).toEqual(before);
    });

    it('the assistant sees and ticks their own plan; others get 404; owner-only routes 403', async () => {
      const t = await team(h());
      const plan = (await t.owner.post<OnboardingPlan>(t.url('/onboarding-plans'), startBody(t))).body;
      const path = t.url(`/onboarding-plans/${plan.id}`);
      expect((await t.member.get(path)).status).toBe(200);
      expect((await t.outsider.get(path)).status).toBe(404);
      expect((await h().client().get(path)).status).toBe(401);
      const other = await workspaceWith(h(), { name: 'Other' });
      expect((await other.owner.get(path)).status).toBe(404);
      expect(
        (await other.owner.get(`/api/v1/workspaces/${other.workspace.id}/onboarding-plans/${plan.id}`))
          .status,
      ).toBe(404);

      const list = await t.member.get<OnboardingPlanSummary[]>(t.url('/onboarding-plans'));
      expect(list.body.map((p) => p.id)).toEqual([plan.id]);
      expect((await t.outsider.get<OnboardingPlanSummary[]>(t.url('/onboarding-plans'))).body).toEqual([]);

      const item = plan.items[0];
      if (!item) throw new Error('no items');
      const ticked = await t.member.patch<OnboardingPlan>(`${path}/items/${item.id}`, { done: true });
      expect(ticked.status).toBe(200);
      expect(ticked.body.items[0]).toMatchObject({ doneBy: idOf(t.member), doneHow: 'manual' });
      expect(ticked.body.itemsDone).toBe(1);
      // The assistant only ticks.
      expect((await t.member.patch(`${path}/items/${item.id}`, { title: 'Mine now' })).status).toBe(403);
      expect((await t.outsider.patch(`${path}/items/${item.id}`, { done: true })).status).toBe(404);
      const unticked = await t.owner.patch<OnboardingPlan>(`${path}/items/${item.id}`, { done: false });
      expect(unticked.body.items[0]).toMatchObject({ doneAt: null, doneBy: null, doneHow: null });

      expect((await t.member.post(t.url('/onboarding-plans'), startBody(t))).status).toBe(403);
      expect((await t.member.patch(path, { version: 1, status: 'completed' })).status).toBe(403);
      expect((await t.member.post(`${path}/items`, { kind: 'intro', title: 'x', dueDay: 1 })).status).toBe(
        403,
      );
      expect((await t.member.get(t.url(`/onboarding-plans/${MISSING_ID}`))).status).toBe(404);
      expect((await t.owner.get(t.url('/onboarding-plans/not-a-uuid'))).status).toBe(400);
      expect((await t.member.delete(`${path}/items/${item.id}`)).status).toBe(403);
      expect((await h().client().get(t.url('/onboarding-plans'))).status).toBe(401);
    });

    it('owners add, edit, link and delete items; overdue follows the test clock', async () => {
      const t = await team(h());
      const plan = (await t.owner.post<OnboardingPlan>(t.url('/onboarding-plans'), startBody(t))).body;
      const path = t.url(`/onboarding-plans/${plan.id}`);
      const task = (
        await t.owner.post<Task>(t.url('/tasks'), {
          title: 'Reconcile',
          areaId: t.area.id,
          assigneeId: idOf(t.member),
        })
      ).body;
      const added = await t.owner.post<OnboardingPlan>(`${path}/items`, {
        kind: 'first_task',
        title: 'Reconcile the bank',
        dueDay: 2,
        taskId: task.id,
      });
      expect(added.status).toBe(201);
      const item = added.body.items.find((i) => i.title === 'Reconcile the bank');
      expect(item).toMatchObject({ taskId: task.id, taskTitle: 'Reconcile', dueOn: '2026-01-07' });
      // A task the assistant cannot see, or an SOP of another workspace, is refused.
      const hidden = (await t.owner.post<Task>(t.url('/tasks'), { title: 'Secret' })).body;
      const refused = await t.owner.post(`${path}/items`, {
        kind: 'first_task',
        title: 'x',
        dueDay: 1,
        taskId: hidden.id,
      });
      expect(refused.status).toBe(400);
      expect(fieldsOf(refused.body)).toEqual(['taskId']);
      const noSop = await t.owner.post(`${path}/items`, {
        kind: 'acknowledge_sop',
        title: 'x',
        dueDay: 1,
        sopId: MISSING_ID,
      });
      expect(fieldsOf(noSop.body)).toEqual(['sopId']);

      h().clock.advance(3 * DAY);
      const later = await t.member.get<OnboardingPlan>(path);
      expect(later.body.items.filter((i) => i.overdue).map((i) => i.dueDay)).toEqual([0, 1, 1, 2, 2]);
      const summary = (await t.owner.get<OnboardingPlanSummary[]>(t.url('/onboarding-plans'))).body.find(
        (p) => p.id === plan.id,
      );
      expect(summary).toMatchObject({ itemsTotal: 10, itemsOverdue: 5, itemsDone: 0 });

      if (!item) throw new Error('no item');
      const moved = await t.owner.patch<OnboardingPlan>(`${path}/items/${item.id}`, {
        dueDay: 20,
        title: 'Bank, later',
      });
      expect(moved.body.items.find((i) => i.id === item.id)).toMatchObject({
        dueDay: 20,
        title: 'Bank, later',
        overdue: false,
      });
      expect((await t.owner.delete(`${path}/items/${item.id}`)).status).toBe(204);
      expect((await t.owner.delete(`${path}/items/${item.id}`)).status).toBe(404);
      h().clock.advance(-3 * DAY);
    });

    it('edits the charter on the seen version only, and cancelling ends the onboarding episodes', async () => {
      const t = await team(h());
      const plan = (await t.owner.post<OnboardingPlan>(t.url('/onboarding-plans'), startBody(t))).body;
      const path = t.url(`/onboarding-plans/${plan.id}`);
      const charter = {
        outcomes: ['x', 'y', 'z'],
        workingHours: '9-5',
        responseTimes: '1h',
        authorityNotes: '',
      };
      const bad = await t.owner.patch(path, { version: 1, charter: { ...charter, outcomes: ['x'] } });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body)).toContain('charter/outcomes');
      const ok = await t.owner.patch<OnboardingPlan>(path, { version: 1, charter });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ version: 2, charter });
      const stale = await t.owner.patch<{ code: string; details: { current: OnboardingPlan } }>(path, {
        version: 1,
        status: 'cancelled',
      });
      expect(stale.status).toBe(409);
      expect(stale.body.details.current.version).toBe(2);
      const cancelled = await t.owner.patch<OnboardingPlan>(path, { version: 2, status: 'cancelled' });
      expect(cancelled.body.status).toBe('cancelled');
      const episode = await h()
        .db.db.selectFrom('support_episodes')
        .selectAll()
        .where('id', '=', plan.episodeIds[0] ?? '')
        .executeTakeFirstOrThrow();
      expect(episode.ended_at).toBe(h().clock.now().toISOString());
      const mine = await t.member.get<AreaAutonomy[]>(t.url('/autonomy/me'));
      expect(mine.body.find((c) => c.grant.areaId === t.area.id)?.activeEpisode).toBeNull();
    });
  });

  describe('automatic ticks', () => {
    it('acknowledging an SOP ticks its linked item, and the generic one once all are acknowledged', async () => {
      const t = await team(h());
      const sopA = await publishedSop(t, 'Pay invoices');
      const linkedPlan = (
        await t.owner.post<OnboardingPlan>(t.url('/onboarding-plans'), startBody(t, { sopIds: [sopA] }))
      ).body;
      const genericPlan = (await t.owner.post<OnboardingPlan>(t.url('/onboarding-plans'), startBody(t))).body;
      const sopB = await publishedSop(t, 'File receipts');

      await acknowledge(t, sopA);
      const linked = await t.member.get<OnboardingPlan>(t.url(`/onboarding-plans/${linkedPlan.id}`));
      expect(linked.body.items.find((i) => i.sopId === sopA)).toMatchObject({
        doneBy: idOf(t.member),
        doneHow: 'auto',
      });
      const generic = () => t.member.get<OnboardingPlan>(t.url(`/onboarding-plans/${genericPlan.id}`));
      expect((await generic()).body.items.find((i) => i.kind === 'acknowledge_sop')?.doneAt).toBeNull();
      await acknowledge(t, sopB);
      expect((await generic()).body.items.find((i) => i.kind === 'acknowledge_sop')).toMatchObject({
        doneHow: 'auto',
        doneBy: idOf(t.member),
      });
    });

    it('a first-task item linked to a task is ticked by that task, wherever it is', async () => {
      const t = await team(h());
      const plan = (await t.owner.post<OnboardingPlan>(t.url('/onboarding-plans'), startBody(t))).body;
      const elsewhere = await makeArea(t.owner, t.workspace.id, {
        name: 'Elsewhere',
        ownerId: idOf(t.member),
      });
      const task = (
        await t.owner.post<Task>(t.url('/tasks'), {
          title: 'Linked',
          areaId: elsewhere.id,
          assigneeId: idOf(t.member),
        })
      ).body;
      const path = t.url(`/onboarding-plans/${plan.id}`);
      const added = await t.owner.post<OnboardingPlan>(`${path}/items`, {
        kind: 'first_task',
        title: 'The linked one',
        dueDay: 9,
        taskId: task.id,
      });
      expect(added.status).toBe(201);
      const submitted = await t.member.post<Task>(t.url(`/tasks/${task.id}/submit`), {
        version: task.version,
        guardrailsTicked: [],
      });
      if (submitted.body.state === 'review') {
        expect(
          (await t.owner.post<Task>(t.url(`/tasks/${task.id}/review`), { outcome: 'accepted' })).status,
        ).toBe(200);
      }
      const items = (await t.member.get<OnboardingPlan>(path)).body.items.filter(
        (i) => i.kind === 'first_task',
      );
      expect(items.map((i) => [i.title, i.doneHow])).toEqual([
        ['First guided task with every step ticked', null],
        ['The linked one', 'auto'],
        ['Second guided task in another process', null],
      ]);
    });

    it('finishing a task ticks the first-task item and records the task on it', async () => {
      const t = await team(h());
      const plan = (await t.owner.post<OnboardingPlan>(t.url('/onboarding-plans'), startBody(t))).body;
      const elsewhere = await makeArea(t.owner, t.workspace.id, {
        name: 'Elsewhere',
        ownerId: idOf(t.member),
      });
      const finish = async (areaId: string, title: string) => {
        const task = (
          await t.owner.post<Task>(t.url('/tasks'), { title, areaId, assigneeId: idOf(t.member) })
        ).body;
        const submitted = await t.member.post<Task>(t.url(`/tasks/${task.id}/submit`), {
          version: task.version,
          guardrailsTicked: [],
        });
        if (submitted.body.state === 'review') {
          const accepted = await t.owner.post<Task>(t.url(`/tasks/${task.id}/review`), {
            outcome: 'accepted',
          });
          expect(accepted.body.state).toBe('done');
        }
        return task;
      };
      // A task outside the plan's areas ticks nothing.
      await finish(elsewhere.id, 'Unrelated');
      const path = t.url(`/onboarding-plans/${plan.id}`);
      expect((await t.member.get<OnboardingPlan>(path)).body.itemsDone).toBe(0);
      const task = await finish(t.area.id, 'First real task');
      const after = (await t.member.get<OnboardingPlan>(path)).body;
      const firsts = after.items.filter((i) => i.kind === 'first_task');
      expect(firsts[0]).toMatchObject({ taskId: task.id, taskTitle: 'First real task', doneHow: 'auto' });
      expect(firsts[1]?.doneAt).toBeNull();
    });
  });
});
