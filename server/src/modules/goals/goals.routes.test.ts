import type { Goal, Mission, MissionDetail, Task, TaskPage } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { describeEachDb, type Harness, workspaceWith } from '../../test/harness.ts';
import { BAD_IDS, idOf, MISSING_ID, type Team, team } from '../tasks/tasks.factories.ts';

/** Every row the goal routes (and a task for a mission) could write, to compare before and after. */
async function goalRows(h: Harness) {
  const { db } = h.db;
  return {
    goals: await db.selectFrom('goals').selectAll().orderBy('id').execute(),
    missions: await db.selectFrom('missions').selectAll().orderBy('id').execute(),
    tasks: await db.selectFrom('tasks').selectAll().orderBy('id').execute(),
  };
}

function fields(body: unknown): string[] {
  return ((body as { details?: { fields?: { field: string }[] } }).details?.fields ?? []).map((f) => f.field);
}

async function goalOf(t: Team, extra: Record<string, unknown> = {}): Promise<Goal> {
  const res = await t.owner.post<Goal>(t.url('/goals'), {
    title: 'Double the newsletter list',
    measure: 'Subscribers',
    target: '2000',
    dueAt: '2027-03-31T22:00:00.000Z',
    ...extra,
  });
  if (res.status !== 201) throw new Error(`goal create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function missionOf(
  t: Team,
  goalId: string,
  extra: Record<string, unknown> = {},
): Promise<MissionDetail> {
  const res = await t.owner.post<MissionDetail>(t.url('/missions'), {
    goalId,
    title: 'Lead magnet',
    areaId: t.area.id,
    assigneeId: idOf(t.member),
    intent: 'People sign up because the guide helps them',
    endState: 'A guide is live and linked from the site',
    constraints: ['No paid ads', ' Budget 200 € '],
    dueAt: '2027-01-31T22:00:00.000Z',
    ...extra,
  });
  if (res.status !== 201) throw new Error(`mission create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describeEachDb('goals and missions', (h) => {
  describe('goals', () => {
    it('owners create, read, edit and delete goals; stale versions are refused', async () => {
      const t = await team(h());
      const goal = await goalOf(t);
      expect(goal).toMatchObject({
        title: 'Double the newsletter list',
        measure: 'Subscribers',
        target: '2000',
        status: 'on_track',
        ownerId: idOf(t.owner),
        missions: [],
        version: 1,
      });
      const list = await t.owner.get<Goal[]>(t.url('/goals'));
      expect(list.body.map((g) => g.id)).toEqual([goal.id]);

      const edited = await t.owner.patch<Goal>(t.url(`/goals/${goal.id}`), { version: 1, status: 'at_risk' });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ status: 'at_risk', version: 2, title: goal.title });
      const atRisk = await t.owner.get<Goal[]>(t.url('/goals?status=at_risk'));
      expect(atRisk.body.map((g) => g.id)).toEqual([goal.id]);

      const before = await goalRows(h());
      const stale = await t.owner.patch(t.url(`/goals/${goal.id}`), { version: 1, title: 'Other' });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'conflict', details: { current: { version: 2 } } });
      expect(await goalRows(h())).toEqual(before);

      expect((await t.owner.delete(t.url(`/goals/${goal.id}`))).status).toBe(204);
      expect((await t.owner.get(t.url(`/goals/${goal.id}`))).status).toBe(404);
    });

    it('assistants may not create, edit or delete goals (403), and nothing is written', async () => {
      const t = await team(h());
      const goal = await goalOf(t);
      const before = await goalRows(h());
      expect((await t.member.post(t.url('/goals'), { title: 'Mine' })).status).toBe(403);
      expect(
        (await t.member.patch(t.url(`/goals/${goal.id}`), { version: 1, status: 'off_track' })).status,
      ).toBe(403);
      expect((await t.member.delete(t.url(`/goals/${goal.id}`))).status).toBe(403);
      expect(await goalRows(h())).toEqual(before);
    });

    it('refuses malformed bodies and ids with 400, writing nothing', async () => {
      const t = await team(h());
      const goal = await goalOf(t);
      const before = await goalRows(h());
      for (const body of [
        {},
        { title: '   ' },
        { title: 'x'.repeat(201) },
        { title: 'x', status: 'great' },
        { title: 'x', dueAt: 'tomorrow' },
      ]) {
        expect((await t.owner.post(t.url('/goals'), body)).status, JSON.stringify(body)).toBe(400);
      }
      expect((await t.owner.patch(t.url(`/goals/${goal.id}`), { title: 'No version' })).status).toBe(400);
      for (const bad of BAD_IDS) expect((await t.owner.get(t.url(`/goals/${bad}`))).status).toBe(400);
      expect(await goalRows(h())).toEqual(before);
    });

    it('answers 401 to anonymous callers and 404 in another workspace', async () => {
      const t = await team(h());
      const goal = await goalOf(t);
      expect((await h().client().get(t.url('/goals'))).status).toBe(401);
      expect(
        (
          await h()
            .client()
            .get(t.url(`/goals/${goal.id}`))
        ).status,
      ).toBe(401);
      const other = await workspaceWith(h());
      const foreign = `/api/v1/workspaces/${other.workspace.id}`;
      expect((await other.owner.get(`${foreign}/goals/${goal.id}`)).status).toBe(404);
      expect(
        (await other.owner.patch(`${foreign}/goals/${goal.id}`, { version: 1, title: 'x' })).status,
      ).toBe(404);
      expect((await other.owner.delete(`${foreign}/goals/${goal.id}`)).status).toBe(404);
      expect((await t.outsider.get(t.url(`/goals/${MISSING_ID}`))).status).toBe(404);
      // A stranger to the workspace learns nothing either.
      expect((await other.owner.get(t.url('/goals'))).status).toBe(404);
    });
  });

  describe('missions', () => {
    it('owners create a mission; the goal lists it; assistants see only theirs', async () => {
      const t = await team(h());
      const goal = await goalOf(t);
      const hidden = await goalOf(t, { title: 'Hidden goal' });
      const mission = await missionOf(t, goal.id);
      expect(mission).toMatchObject({
        goalId: goal.id,
        goal: { id: goal.id, title: goal.title, status: 'on_track' },
        areaId: t.area.id,
        assigneeId: idOf(t.member),
        constraints: ['No paid ads', 'Budget 200 €'],
        status: 'open',
        progress: { tasksTotal: 0, tasksDone: 0, tasksProposed: 0, percent: 0 },
        createdBy: idOf(t.owner),
        tasks: [],
        version: 1,
      });
      // An owner's mission in no area, given to the owner: only owners see it.
      await missionOf(t, hidden.id, { areaId: null, assigneeId: idOf(t.owner) });

      const ownerGoals = await t.owner.get<Goal[]>(t.url('/goals'));
      expect(ownerGoals.body.map((g) => g.id).sort()).toEqual([goal.id, hidden.id].sort());
      const memberGoals = await t.member.get<Goal[]>(t.url('/goals'));
      expect(memberGoals.body.map((g) => g.id)).toEqual([goal.id]);
      expect(memberGoals.body[0]?.missions.map((m) => m.id)).toEqual([mission.id]);
      expect((await t.member.get(t.url(`/goals/${hidden.id}`))).status).toBe(404);

      const outsiderGoals = await t.outsider.get<Goal[]>(t.url('/goals'));
      expect(outsiderGoals.body).toEqual([]);
      expect((await t.outsider.get(t.url(`/missions/${mission.id}`))).status).toBe(404);
      expect((await t.outsider.get(t.url(`/goals/${goal.id}`))).status).toBe(404);
      const mine = await t.member.get<Mission[]>(t.url('/missions?assigneeId=me'));
      expect(mine.body.map((m) => m.id)).toEqual([mission.id]);
    });

    it('the assignee creates tasks for the mission: proposals below level 3, counted in progress', async () => {
      const t = await team(h());
      const goal = await goalOf(t);
      const mission = await missionOf(t, goal.id);

      const proposed = await t.member.post<Task>(t.url('/tasks'), {
        title: 'Draft the guide',
        missionId: mission.id,
      });
      expect(proposed.status).toBe(201);
      expect(proposed.body).toMatchObject({ missionId: mission.id, areaId: t.area.id, proposed: true });

      const ownerTask = await t.owner.post<Task>(t.url('/tasks'), {
        title: 'Approve the budget',
        missionId: mission.id,
        state: 'done',
      });
      expect(ownerTask.status).toBe(201);
      expect(ownerTask.body).toMatchObject({ missionId: mission.id, proposed: false });
      const cancelled = await t.owner.post<Task>(t.url('/tasks'), {
        title: 'Old idea',
        missionId: mission.id,
        state: 'cancelled',
      });
      expect(cancelled.status).toBe(201);

      const detail = await t.member.get<MissionDetail>(t.url(`/missions/${mission.id}`));
      expect(detail.status).toBe(200);
      expect(detail.body.progress).toEqual({ tasksTotal: 2, tasksDone: 1, tasksProposed: 1, percent: 50 });
      expect(detail.body.tasks.map((task) => task.id)).toContain(proposed.body.id);
      expect(detail.body.tasks.every((task) => task.missionId === mission.id)).toBe(true);

      const listed = await t.owner.get<TaskPage>(t.url(`/tasks?missionId=${mission.id}`));
      expect(listed.body.items.map((task) => task.id).sort()).toEqual(
        [proposed.body.id, ownerTask.body.id, cancelled.body.id].sort(),
      );
      const goals = await t.owner.get<Goal[]>(t.url('/goals'));
      expect(goals.body[0]?.missions[0]?.progress.tasksTotal).toBe(2);
    });

    it('refuses a task for a mission the caller cannot see or in another area (400, nothing written)', async () => {
      const t = await team(h());
      const goal = await goalOf(t);
      const ownersOnly = await missionOf(t, goal.id, { areaId: null, assigneeId: idOf(t.owner) });
      const inArea = await missionOf(t, goal.id);
      const other = await t.owner.post<{ id: string }>(t.url('/areas'), {
        name: 'Marketing',
        ownerId: idOf(t.owner),
      });
      const before = await goalRows(h());
      for (const [client, body] of [
        [t.member, { title: 'x', missionId: ownersOnly.id }],
        [t.outsider, { title: 'x', missionId: inArea.id }],
        [t.member, { title: 'x', missionId: MISSING_ID }],
        [t.owner, { title: 'x', missionId: inArea.id, areaId: other.body.id }],
      ] as const) {
        const res = await client.post(t.url('/tasks'), body);
        expect(res.status).toBe(400);
        expect(fields(res.body)).toContain('missionId');
      }
      const foreign = await workspaceWith(h());
      const res = await foreign.owner.post(`/api/v1/workspaces/${foreign.workspace.id}/tasks`, {
        title: 'x',
        missionId: inArea.id,
      });
      expect(res.status).toBe(400);
      expect(await goalRows(h())).toEqual(before);
    });

    it('owners edit missions; the assignee may only change the status; stale versions 409', async () => {
      const t = await team(h());
      const goal = await goalOf(t);
      const mission = await missionOf(t, goal.id);

      const edited = await t.owner.patch<MissionDetail>(t.url(`/missions/${mission.id}`), {
        version: 1,
        intent: 'Grow the list with something useful',
        constraints: ['No paid ads'],
      });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ version: 2, constraints: ['No paid ads'], title: 'Lead magnet' });

      const before = await goalRows(h());
      expect(
        (await t.member.patch(t.url(`/missions/${mission.id}`), { version: 2, title: 'Mine' })).status,
      ).toBe(403);
      expect(
        (await t.outsider.patch(t.url(`/missions/${mission.id}`), { version: 2, status: 'done' })).status,
      ).toBe(404);
      expect((await t.member.delete(t.url(`/missions/${mission.id}`))).status).toBe(403);
      expect((await t.member.post(t.url('/missions'), { goalId: goal.id, title: 'x' })).status).toBe(403);
      const stale = await t.member.patch(t.url(`/missions/${mission.id}`), { version: 1, status: 'done' });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'conflict', details: { current: { version: 2 } } });
      expect(await goalRows(h())).toEqual(before);

      const done = await t.member.patch<MissionDetail>(t.url(`/missions/${mission.id}`), {
        version: 2,
        status: 'done',
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: 'done', version: 3 });
    });

    it('tells the assignee when a mission becomes theirs, with a link to the mission', async () => {
      const t = await team(h());
      const goal = await goalOf(t);
      const mission = await missionOf(t, goal.id);
      const told = async (who: 'member' | 'outsider') =>
        h()
          .db.db.selectFrom('notifications')
          .select(['kind', 'subject_type', 'subject_id', 'actor_id', 'excerpt'])
          .where('user_id', '=', idOf(t[who]))
          .where('kind', '=', 'mission_assigned')
          .execute();
      expect(await told('member')).toEqual([
        {
          kind: 'mission_assigned',
          subject_type: 'mission',
          subject_id: mission.id,
          actor_id: idOf(t.owner),
          excerpt: 'People sign up because the guide helps them',
        },
      ]);
      // An edit that keeps the assignee tells nobody again; handing it on tells the new one.
      await t.owner.patch(t.url(`/missions/${mission.id}`), { version: 1, title: 'Lead magnet v2' });
      expect(await told('member')).toHaveLength(1);
      const moved = await t.owner.patch(t.url(`/missions/${mission.id}`), {
        version: 2,
        assigneeId: idOf(t.outsider),
      });
      expect(moved.status).toBe(200);
      expect(await told('outsider')).toHaveLength(1);
      expect(await told('member')).toHaveLength(1);
      // An owner who gives a mission to themselves is not told about it.
      const own = await missionOf(t, goal.id, { assigneeId: idOf(t.owner) });
      const ownTold = await h()
        .db.db.selectFrom('notifications')
        .select('id')
        .where('subject_id', '=', own.id)
        .execute();
      expect(ownTold).toEqual([]);
    });

    it('refuses malformed missions and foreign links with 400, writing nothing', async () => {
      const t = await team(h());
      const goal = await goalOf(t);
      const foreign = await workspaceWith(h());
      const foreignGoal = await foreign.owner.post<Goal>(`/api/v1/workspaces/${foreign.workspace.id}/goals`, {
        title: 'Theirs',
      });
      const before = await goalRows(h());
      for (const [body, field] of [
        [{ title: 'x' }, 'goalId'],
        [{ goalId: goal.id, title: ' ' }, 'title'],
        [{ goalId: MISSING_ID, title: 'x' }, 'goalId'],
        [{ goalId: foreignGoal.body.id, title: 'x' }, 'goalId'],
        [{ goalId: goal.id, title: 'x', areaId: MISSING_ID }, 'areaId'],
        [{ goalId: goal.id, title: 'x', assigneeId: idOf(foreign.owner) }, 'assigneeId'],
        [{ goalId: goal.id, title: 'x', constraints: ['c'.repeat(201)] }, 'constraints'],
        [{ goalId: goal.id, title: 'x', constraints: 'no' }, 'constraints'],
      ] as const) {
        const res = await t.owner.post(t.url('/missions'), body);
        expect(res.status, field).toBe(400);
        expect(fields(res.body).join(' '), field).toContain(field);
      }
      expect(await goalRows(h())).toEqual(before);
    });

    it('deleting a mission or a goal keeps the tasks, unlinked; another workspace gets 404', async () => {
      const t = await team(h());
      const goal = await goalOf(t);
      const mission = await missionOf(t, goal.id);
      const second = await missionOf(t, goal.id, { title: 'Second' });
      const task = await t.member.post<Task>(t.url('/tasks'), { title: 'Draft', missionId: mission.id });
      const other = await t.member.post<Task>(t.url('/tasks'), { title: 'Other', missionId: second.id });

      const foreign = await workspaceWith(h());
      const there = `/api/v1/workspaces/${foreign.workspace.id}`;
      expect((await foreign.owner.get(`${there}/missions/${mission.id}`)).status).toBe(404);
      expect((await foreign.owner.delete(`${there}/missions/${mission.id}`)).status).toBe(404);
      expect(
        (
          await h()
            .client()
            .get(t.url(`/missions/${mission.id}`))
        ).status,
      ).toBe(401);

      expect((await t.owner.delete(t.url(`/missions/${mission.id}`))).status).toBe(204);
      expect((await t.owner.get<Task>(t.url(`/tasks/${task.body.id}`))).body.missionId).toBeNull();
      expect((await t.owner.delete(t.url(`/goals/${goal.id}`))).status).toBe(204);
      expect((await t.owner.get(t.url(`/missions/${second.id}`))).status).toBe(404);
      expect((await t.owner.get<Task>(t.url(`/tasks/${other.body.id}`))).body.missionId).toBeNull();
    });
  });
});
