import type { Nudge, TaskNudges } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../lib/clock.ts';
import { describeEachDb, type Harness, workspaceWith } from '../../test/harness.ts';
import {
  BAD_IDS,
  collaborationScene,
  collaborationSnapshot,
  createTask,
  notificationsOf,
  taskRow,
} from '../../test/task-factory.ts';

/** The usual scene plus a task assigned to the insider, created two days before "now". */
async function scene(h: Harness) {
  const s = await collaborationScene(h);
  const created = h.clock.now().toISOString();
  const task = await createTask(h, {
    workspaceId: s.workspace.id,
    creatorId: s.owner.user.id,
    areaId: s.area.id,
    assigneeId: s.insider.user.id,
  });
  h.clock.advance(2 * DAY);
  return { ...s, assigned: task, created, url: `${s.base}/tasks/${task.id}/nudges` };
}

async function everything(h: Harness) {
  return {
    ...(await collaborationSnapshot(h)),
    nudges: await h.db.db.selectFrom('task_nudges').selectAll().orderBy('id').execute(),
  };
}

function nudgedEvents(h: Harness, taskId: string) {
  return h.db.db
    .selectFrom('task_events')
    .select(['actor_id', 'kind', 'data', 'created_at'])
    .where('task_id', '=', taskId)
    .where('kind', '=', 'nudged')
    .execute();
}

describeEachDb('nudges', (h) => {
  describe('sending', () => {
    it('records a nudge on a quiet task as not redundant, tells the assignee, writes history, leaves the task as it was', async () => {
      const s = await scene(h());
      const before = await taskRow(h(), s.assigned.id);
      const res = await s.owner.post<Nudge>(s.url);
      expect(res.status).toBe(201);
      const now = h().clock.now().toISOString();
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        taskId: s.assigned.id,
        principalId: s.owner.user.id,
        principalName: 'Olivia Owner',
        createdAt: now,
        redundant: false,
        taskChangedAt: s.created,
      });

      const row = await h()
        .db.db.selectFrom('task_nudges')
        .selectAll()
        .where('id', '=', res.body.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        workspace_id: s.workspace.id,
        principal_id: s.owner.user.id,
        assignee_id: s.insider.user.id,
        redundant: 0,
      });

      const told = (await notificationsOf(h(), s.insider.user.id)).filter((n) => n.kind === 'nudge');
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({ task_id: s.assigned.id, actor_id: s.owner.user.id });
      expect(await notificationsOf(h(), s.outsider.user.id)).toEqual([]);

      const events = await nudgedEvents(h(), s.assigned.id);
      expect(events).toEqual([
        {
          actor_id: s.owner.user.id,
          kind: 'nudged',
          data: JSON.stringify({ assigneeId: s.insider.user.id }),
          created_at: now,
        },
      ]);
      // Asking is not a change of the work: no new version, no new "last changed".
      const after = await taskRow(h(), s.assigned.id);
      expect(after.version).toBe(before.version);
      expect(after.updated_at).toBe(before.updated_at);

      const list = await s.owner.get<TaskNudges>(s.url);
      expect(list.status).toBe(200);
      expect(list.body).toEqual({
        nudges: [res.body],
        lastChange: { at: s.created, actorId: null, actorName: null },
        changedRecently: false,
        myLastNudgeAt: now,
        nextNudgeAt: new Date(Date.parse(now) + DAY).toISOString(),
      });
    });

    it('marks a nudge redundant when the assignee changed the task in the last 24 hours, and says who', async () => {
      const s = await scene(h());
      const comment = await s.insider.post(`${s.base}/tasks/${s.assigned.id}/comments`, { body: 'On it.' });
      expect(comment.status).toBe(201);
      const commentedAt = h().clock.now().toISOString();
      h().clock.advance(3 * HOUR);

      const status = await s.owner.get<TaskNudges>(s.url);
      expect(status.body).toMatchObject({
        nudges: [],
        lastChange: { at: commentedAt, actorId: s.insider.user.id, actorName: 'Assistant 1' },
        changedRecently: true,
        myLastNudgeAt: null,
        nextNudgeAt: null,
      });

      const res = await s.owner.post<Nudge>(s.url);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ redundant: true, taskChangedAt: commentedAt });
    });

    it('one nudge per principal and task in 24 hours; another principal may ask, and a nudge is no change', async () => {
      const { workspace, owner, owners, assistants } = await workspaceWith(h(), { owners: 2, assistants: 1 });
      const second = owners[1] as typeof owner;
      const assistant = assistants[0] as typeof owner;
      const task = await createTask(h(), {
        workspaceId: workspace.id,
        creatorId: owner.user.id,
        assigneeId: assistant.user.id,
      });
      h().clock.advance(2 * DAY);
      const url = `/api/v1/workspaces/${workspace.id}/tasks/${task.id}/nudges`;
      const first = await owner.post<Nudge>(url);
      expect(first.status).toBe(201);

      h().clock.advance(HOUR);
      const before = await everything(h());
      const again = await owner.post(url);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        code: 'conflict',
        details: {
          reason: 'recently_nudged',
          lastNudgedAt: first.body.createdAt,
          nextNudgeAt: new Date(Date.parse(first.body.createdAt) + DAY).toISOString(),
        },
      });
      expect(await everything(h())).toEqual(before);

      // The first nudge's history entry does not make the second principal's nudge redundant.
      const other = await second.post<Nudge>(url);
      expect(other.status).toBe(201);
      expect(other.body.redundant).toBe(false);

      h().clock.advance(23 * HOUR);
      const later = await owner.post<Nudge>(url);
      expect(later.status).toBe(201);
      const list = await owner.get<TaskNudges>(url);
      expect(list.body.nudges.map((n) => n.id)).toEqual([later.body.id, other.body.id, first.body.id]);
    });
  });

  describe('refusals write nothing', () => {
    it('refuses finished, unassigned and own tasks with a reason', async () => {
      const s = await scene(h());
      const make = (input: { assigneeId: string | null; state?: 'done' | 'cancelled' }) =>
        createTask(h(), {
          workspaceId: s.workspace.id,
          creatorId: s.owner.user.id,
          areaId: s.area.id,
          ...input,
        });
      const cases = [
        { task: await make({ assigneeId: s.insider.user.id, state: 'done' }), reason: 'task_closed' },
        { task: await make({ assigneeId: s.insider.user.id, state: 'cancelled' }), reason: 'task_closed' },
        { task: await make({ assigneeId: null }), reason: 'no_assignee' },
        { task: await make({ assigneeId: s.owner.user.id }), reason: 'own_task' },
      ];
      const before = await everything(h());
      for (const c of cases) {
        const res = await s.owner.post(`${s.base}/tasks/${c.task.id}/nudges`);
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ code: 'conflict', details: { reason: c.reason } });
      }
      expect(await everything(h())).toEqual(before);
    });

    it('403 for assistants, 401 anonymously, 404 for other workspaces and foreign tasks, 400 for malformed ids', async () => {
      const s = await scene(h());
      const foreign = await createTask(h(), {
        workspaceId: s.otherWorkspace.id,
        creatorId: s.stranger.user.id,
        assigneeId: s.stranger.user.id,
      });
      const before = await everything(h());

      for (const who of [s.insider, s.outsider]) {
        const res = await who.post(s.url);
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ code: 'forbidden' });
        expect((await who.get(s.url)).status).toBe(403);
      }
      expect((await h().client().post(s.url)).status).toBe(401);
      expect((await h().client().get(s.url)).status).toBe(401);
      expect((await s.stranger.post(s.url)).status).toBe(404);
      expect((await s.stranger.get(s.url)).status).toBe(404);
      const foreignUrl = `${s.base}/tasks/${foreign.id}/nudges`;
      expect(await s.owner.post(foreignUrl)).toMatchObject({ status: 404, body: { code: 'not_found' } });
      expect((await s.owner.get(foreignUrl)).status).toBe(404);
      for (const bad of BAD_IDS) {
        expect((await s.owner.post(`${s.base}/tasks/${bad}/nudges`)).status).toBe(400);
        expect((await s.owner.post(`/api/v1/workspaces/${bad}/tasks/${s.assigned.id}/nudges`)).status).toBe(
          400,
        );
      }
      h().clock.advance(MINUTE);
      expect(await everything(h())).toEqual(before);
    });
  });
});
