import { AppError, type Recurrence, type Task, type TaskState, type User } from '@leeway/core';
import type { Selectable } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TasksTable } from '../../db/schema.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { jobs } from '../../jobs/index.ts';
import { describeEachDb, type TestClient, workspaceWith } from '../../test/harness.ts';
import { createArea } from '../../test/task-factory.ts';
import { insertTaskInTx, type NewTaskInput } from '../tasks/tasks.service.ts';
import { onTaskCompleted, recurrenceJob, recurrenceOf, setRecurrence } from './recurrence.service.ts';

type TaskRow = Selectable<TasksTable>;
type Person = TestClient & { user: User };

const BERLIN = 'Europe/Berlin';
const weeklyMonday = (mode: Recurrence['mode'], extra = ''): Recurrence => ({
  rule: `FREQ=WEEKLY;BYDAY=MO${extra}`,
  mode,
  timeZone: BERLIN,
});

describeEachDb('recurrence', (h) => {
  const deps = () => h().app.deps;

  /** A workspace with an owner, an assistant and an area the assistant works in. */
  async function scene() {
    const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 1 });
    const assistant = assistants[0] as Person;
    const area = await createArea(h(), {
      workspaceId: workspace.id,
      ownerId: owner.user.id,
      memberIds: [assistant.user.id],
    });
    return { workspace, owner: owner as Person, assistant, area };
  }

  /** Inserts a task the way the tasks service does, with a recurrence set like on create. */
  async function newTask(
    input: Partial<NewTaskInput> & { workspaceId: string; actorId: string },
    recurrence: Recurrence | null = null,
  ): Promise<TaskRow> {
    const after = new AfterCommit();
    const row = await h()
      .db.db.transaction()
      .execute(async (trx) => {
        let task = await insertTaskInTx(trx, deps(), after, {
          title: 'Kassenbuch abschließen',
          description: 'Belege **sortieren**',
          areaId: null,
          assigneeId: null,
          state: 'todo',
          dueAt: '2026-01-05T08:00:00.000Z',
          dueTimeZone: BERLIN,
          priority: 'none',
          labels: [],
          checklist: [],
          seriesId: null,
          ...input,
        });
        if (recurrence) {
          const seriesId = await setRecurrence(trx, deps(), task, recurrence);
          await trx.updateTable('tasks').set({ series_id: seriesId }).where('id', '=', task.id).execute();
          task = { ...task, series_id: seriesId };
        }
        return task;
      });
    after.flush(deps());
    return row;
  }

  /** Moves a task to a state the way the tasks service does (done: the completion hook runs). */
  async function setState(taskId: string, state: TaskState): Promise<TaskRow> {
    const after = new AfterCommit();
    const now = h().clock.now().toISOString();
    const row = await h()
      .db.db.transaction()
      .execute(async (trx) => {
        const updated = await trx
          .updateTable('tasks')
          .set((eb) => ({
            state,
            completed_at: state === 'done' ? now : null,
            updated_at: now,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', taskId)
          .returningAll()
          .executeTakeFirstOrThrow();
        if (state === 'done') await onTaskCompleted(trx, deps(), after, updated);
        return updated;
      });
    after.flush(deps());
    return row;
  }

  function series(seriesId: string | null) {
    if (!seriesId) throw new Error('no series');
    return h()
      .db.db.selectFrom('task_series')
      .selectAll()
      .where('id', '=', seriesId)
      .executeTakeFirstOrThrow();
  }

  function seriesTasks(seriesId: string | null) {
    return h()
      .db.db.selectFrom('tasks')
      .selectAll()
      .where('series_id', '=', seriesId ?? '')
      .orderBy('created_at')
      .orderBy('due_at')
      .execute();
  }

  async function setRecurrenceOn(task: TaskRow, recurrence: Recurrence | null): Promise<string | null> {
    return h()
      .db.db.transaction()
      .execute((trx) => setRecurrence(trx, deps(), task, recurrence));
  }

  async function expectValidationError(promise: Promise<unknown>, field: string) {
    const err = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'validation_failed', details: { fields: [{ field }] } });
  }

  describe('setRecurrence', () => {
    it('starts a calendar series at the task: anchor = due date, next = the following date', async () => {
      h().clock.set('2026-01-05T07:00:00.000Z');
      const { workspace, owner } = await scene();
      const task = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id, dueAt: '2026-01-05T08:00:00.000Z' },
        { rule: 'RRULE:freq=weekly;byday=mo', mode: 'calendar', timeZone: 'europe/berlin' },
      );
      const row = await series(task.series_id);
      expect(row).toMatchObject({
        workspace_id: workspace.id,
        rule: 'FREQ=WEEKLY;BYDAY=MO',
        mode: 'calendar',
        time_zone: BERLIN,
        anchor_at: '2026-01-05T08:00:00.000Z',
        next_at: '2026-01-12T08:00:00.000Z',
        last_task_id: task.id,
        active: 1,
      });
      expect(await recurrenceOf(h().db.db, task.series_id)).toEqual({
        rule: 'FREQ=WEEKLY;BYDAY=MO',
        mode: 'calendar',
        timeZone: BERLIN,
      });
    });

    it('starts an on_done series without a calendar date', async () => {
      const { workspace, owner } = await scene();
      const task = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id },
        weeklyMonday('on_done'),
      );
      expect(await series(task.series_id)).toMatchObject({ mode: 'on_done', next_at: null, active: 1 });
    });

    it.each([
      [
        { rule: 'FREQ=HOURLY', mode: 'calendar', timeZone: BERLIN },
        'recurrence/rule',
        '2026-01-05T08:00:00.000Z',
      ],
      [
        { rule: 'FREQ=DAILY;BYHOUR=9', mode: 'calendar', timeZone: BERLIN },
        'recurrence/rule',
        '2026-01-05T08:00:00.000Z',
      ],
      [
        { rule: 'FREQ=DAILY;COUNT=1', mode: 'on_done', timeZone: BERLIN },
        'recurrence/rule',
        '2026-01-05T08:00:00.000Z',
      ],
      [
        { rule: 'FREQ=DAILY', mode: 'calendar', timeZone: 'Mars/Olympus' },
        'recurrence/timeZone',
        '2026-01-05T08:00:00.000Z',
      ],
      [{ rule: 'FREQ=DAILY', mode: 'calendar', timeZone: BERLIN }, 'dueAt', null],
    ] as const)('refuses %j (field %s) and writes no series', async (recurrence, field, dueAt) => {
      const { workspace, owner } = await scene();
      const task = await newTask({ workspaceId: workspace.id, actorId: owner.user.id, dueAt });
      const before = await h().db.db.selectFrom('task_series').selectAll().execute();
      await expectValidationError(setRecurrenceOn(task, { ...recurrence }), field);
      expect(await h().db.db.selectFrom('task_series').selectAll().execute()).toEqual(before);
    });

    it('keeps the series when the same rule is set again, re-anchors a changed one, ends a removed one', async () => {
      h().clock.set('2026-01-05T07:00:00.000Z');
      const { workspace, owner } = await scene();
      const task = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id },
        weeklyMonday('calendar'),
      );
      const first = await series(task.series_id);

      expect(
        await setRecurrenceOn(task, { rule: 'FREQ=WEEKLY;BYDAY=MO', mode: 'calendar', timeZone: BERLIN }),
      ).toBe(task.series_id);
      expect(await series(task.series_id)).toEqual(first);

      const moved = { ...task, due_at: '2026-01-06T16:00:00.000Z' };
      expect(
        await setRecurrenceOn(moved, { rule: 'FREQ=WEEKLY;BYDAY=TU,FR', mode: 'calendar', timeZone: BERLIN }),
      ).toBe(task.series_id);
      expect(await series(task.series_id)).toMatchObject({
        rule: 'FREQ=WEEKLY;BYDAY=TU,FR',
        anchor_at: '2026-01-06T16:00:00.000Z',
        next_at: '2026-01-09T16:00:00.000Z',
        active: 1,
      });

      expect(await setRecurrenceOn(moved, weeklyMonday('on_done'))).toBe(task.series_id);
      expect(await series(task.series_id)).toMatchObject({ mode: 'on_done', next_at: null });

      expect(await setRecurrenceOn(moved, null)).toBeNull();
      expect(await series(task.series_id)).toMatchObject({ active: 0, next_at: null });
      expect(await recurrenceOf(h().db.db, task.series_id)).toBeNull();
      expect(await recurrenceOf(h().db.db, null)).toBeNull();

      // Set again after removal: a fresh series.
      const again = await setRecurrenceOn({ ...moved, series_id: null }, weeklyMonday('calendar'));
      expect(again).not.toBe(task.series_id);
      expect(await series(again)).toMatchObject({ active: 1, last_task_id: task.id });
    });
  });

  describe('on_done', () => {
    it('creates the next instance when the last one is done, copying its content', async () => {
      h().clock.set('2026-01-05T07:00:00.000Z');
      const { workspace, owner, assistant, area } = await scene();
      const task = await newTask(
        {
          workspaceId: workspace.id,
          actorId: owner.user.id,
          areaId: area.id,
          assigneeId: assistant.user.id,
          priority: 'high',
          labels: ['Finanzen', 'Monatsende'],
          checklist: ['Belege scannen', 'Summen prüfen'],
        },
        weeklyMonday('on_done'),
      );
      // One item ticked: the copy starts with every item open.
      await h()
        .db.db.updateTable('checklist_items')
        .set({ done: 1 })
        .where('task_id', '=', task.id)
        .where('text', '=', 'Belege scannen')
        .execute();

      h().clock.set('2026-01-05T10:00:00.000Z');
      await setState(task.id, 'done');

      const instances = await seriesTasks(task.series_id);
      expect(instances).toHaveLength(2);
      const next = instances[1] as TaskRow;
      expect(next).toMatchObject({
        title: 'Kassenbuch abschließen',
        description: 'Belege **sortieren**',
        area_id: area.id,
        assignee_id: assistant.user.id,
        creator_id: owner.user.id,
        priority: 'high',
        state: 'todo',
        due_at: '2026-01-12T08:00:00.000Z',
        due_tz: BERLIN,
        series_id: task.series_id,
        completed_at: null,
        checklist_total: 2,
        checklist_done: 0,
      });
      expect(JSON.parse(next.labels)).toEqual(['Finanzen', 'Monatsende']);
      const items = await h()
        .db.db.selectFrom('checklist_items')
        .select(['text', 'done'])
        .where('task_id', '=', next.id)
        .orderBy('position')
        .execute();
      expect(items).toEqual([
        { text: 'Belege scannen', done: 0 },
        { text: 'Summen prüfen', done: 0 },
      ]);
      const labels = await h()
        .db.db.selectFrom('task_labels')
        .select('label')
        .where('task_id', '=', next.id)
        .orderBy('label')
        .execute();
      expect(labels.map((l) => l.label)).toEqual(['Finanzen', 'Monatsende']);
      const history = await h()
        .db.db.selectFrom('task_events')
        .select(['kind', 'data', 'actor_id'])
        .where('task_id', '=', next.id)
        .orderBy('created_at')
        .orderBy('kind')
        .execute();
      expect(history).toContainEqual({
        kind: 'recurred',
        data: JSON.stringify({ fromTaskId: task.id }),
        actor_id: null,
      });
      expect(await series(task.series_id)).toMatchObject({ last_task_id: next.id, active: 1 });
    });

    it('done late: the next date after now, not a date that passed while it was open', async () => {
      h().clock.set('2026-01-01T07:00:00.000Z');
      const { workspace, owner } = await scene();
      const task = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id },
        weeklyMonday('on_done'),
      );
      h().clock.set('2026-01-21T12:00:00.000Z'); // a Wednesday, two Mondays late
      await setState(task.id, 'done');
      const [, next] = await seriesTasks(task.series_id);
      expect(next?.due_at).toBe('2026-01-26T08:00:00.000Z');
    });

    it('done early: the date after its own due date, never the same one again', async () => {
      h().clock.set('2026-01-01T07:00:00.000Z');
      const { workspace, owner } = await scene();
      const task = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id },
        weeklyMonday('on_done'),
      );
      h().clock.set('2026-01-02T12:00:00.000Z'); // the Friday before the Monday it is due
      await setState(task.id, 'done');
      const [, next] = await seriesTasks(task.series_id);
      expect(next?.due_at).toBe('2026-01-12T08:00:00.000Z');
    });

    it('keeps 09:00 Berlin time across the spring change', async () => {
      h().clock.set('2026-03-20T07:00:00.000Z');
      const { workspace, owner } = await scene();
      const task = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id, dueAt: '2026-03-23T08:00:00.000Z' },
        weeklyMonday('on_done'),
      );
      h().clock.set('2026-03-23T09:00:00.000Z');
      await setState(task.id, 'done');
      const [, next] = await seriesTasks(task.series_id);
      expect(next?.due_at).toBe('2026-03-30T07:00:00.000Z');
    });

    it('completing the same task twice (done → doing → done) creates one instance', async () => {
      h().clock.set('2026-01-05T07:00:00.000Z');
      const { workspace, owner } = await scene();
      const task = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id },
        weeklyMonday('on_done'),
      );
      await setState(task.id, 'done');
      await setState(task.id, 'doing');
      await setState(task.id, 'done');
      expect(await seriesTasks(task.series_id)).toHaveLength(2);
    });

    it('two completions racing for the same instance create one', async () => {
      h().clock.set('2026-01-05T07:00:00.000Z');
      const { workspace, owner } = await scene();
      const task = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id },
        weeklyMonday('on_done'),
      );
      await Promise.all([setState(task.id, 'done'), setState(task.id, 'done')]);
      expect(await seriesTasks(task.series_id)).toHaveLength(2);
    });

    it('ends after COUNT instances, and a calendar series ignores completions', async () => {
      h().clock.set('2026-01-05T07:00:00.000Z');
      const { workspace, owner } = await scene();
      const task = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id },
        weeklyMonday('on_done', ';COUNT=2'),
      );
      await setState(task.id, 'done');
      const [, second] = await seriesTasks(task.series_id);
      if (!second) throw new Error('no second instance');
      await setState(second.id, 'done');
      expect(await seriesTasks(task.series_id)).toHaveLength(2);
      expect(await series(task.series_id)).toMatchObject({ active: 0 });

      const calendar = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id },
        weeklyMonday('calendar'),
      );
      await setState(calendar.id, 'done');
      expect(await seriesTasks(calendar.series_id)).toHaveLength(1);
    });

    it('does not carry over an assignee who left the workspace', async () => {
      h().clock.set('2026-01-05T07:00:00.000Z');
      const { workspace, owner, assistant } = await scene();
      const task = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id, assigneeId: assistant.user.id },
        weeklyMonday('on_done'),
      );
      expect((await assistant.post(`/api/v1/workspaces/${workspace.id}/leave`)).status).toBe(204);
      await setState(task.id, 'done');
      const [, next] = await seriesTasks(task.series_id);
      expect(next?.assignee_id).toBeNull();
    });
  });

  describe('calendar job', () => {
    it('is registered with the scheduler', () => {
      expect(jobs).toContain(recurrenceJob);
    });

    beforeEach(async () => {
      // The job sees every series in the database: retire the earlier tests' ones, so each
      // test counts only what it made.
      await h().db.db.updateTable('task_series').set({ active: 0 }).execute();
    });

    it('creates the instance when its date comes, once, and moves on to the next date', async () => {
      h().clock.set('2026-01-05T07:00:00.000Z');
      const { workspace, owner, area } = await scene();
      const task = await newTask(
        {
          workspaceId: workspace.id,
          actorId: owner.user.id,
          areaId: area.id,
          labels: ['Kasse'],
          checklist: ['Zählen'],
        },
        weeklyMonday('calendar'),
      );
      h().clock.set('2026-01-12T07:59:59.000Z');
      expect(await recurrenceJob.run(deps())).toBe(0);

      // The copy takes the last instance as it is now.
      await h()
        .db.db.updateTable('tasks')
        .set({ priority: 'urgent', labels: '["Kasse","Bank"]' })
        .where('id', '=', task.id)
        .execute();
      h().clock.set('2026-01-12T08:00:00.000Z');
      expect(await recurrenceJob.run(deps())).toBe(1);
      expect(await recurrenceJob.run(deps())).toBe(0);
      const [, next] = await seriesTasks(task.series_id);
      expect(next).toMatchObject({
        due_at: '2026-01-12T08:00:00.000Z',
        area_id: area.id,
        priority: 'urgent',
        state: 'todo',
        checklist_total: 1,
      });
      expect(JSON.parse(next?.labels ?? '[]')).toEqual(['Kasse', 'Bank']);
      expect(await series(task.series_id)).toMatchObject({
        next_at: '2026-01-19T08:00:00.000Z',
        last_task_id: next?.id,
        active: 1,
      });
    });

    it('after downtime over several dates, creates only the latest missed one', async () => {
      h().clock.set('2026-01-05T07:00:00.000Z');
      const { workspace, owner } = await scene();
      const task = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id },
        weeklyMonday('calendar'),
      );
      h().clock.set('2026-01-28T12:00:00.000Z'); // three Mondays later, a Wednesday
      expect(await recurrenceJob.run(deps())).toBe(1);
      const instances = await seriesTasks(task.series_id);
      expect(instances.map((t) => t.due_at)).toEqual([
        '2026-01-05T08:00:00.000Z',
        '2026-01-26T08:00:00.000Z',
      ]);
      expect(await series(task.series_id)).toMatchObject({ next_at: '2026-02-02T08:00:00.000Z' });
    });

    it.each([
      ['spring', '2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-04-06T07:00:00.000Z'],
      ['autumn', '2026-10-19T07:00:00.000Z', '2026-10-26T08:00:00.000Z', '2026-11-02T08:00:00.000Z'],
    ])('keeps Monday 09:00 Berlin across the %s change', async (_season, anchor, due, following) => {
      h().clock.set(anchor);
      const { workspace, owner } = await scene();
      const task = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id, dueAt: anchor },
        weeklyMonday('calendar'),
      );
      expect(await series(task.series_id)).toMatchObject({ next_at: due });
      h().clock.set(due);
      expect(await recurrenceJob.run(deps())).toBe(1);
      const [, next] = await seriesTasks(task.series_id);
      expect(next?.due_at).toBe(due);
      expect(await series(task.series_id)).toMatchObject({ next_at: following });
    });

    it('ends the series at COUNT (the first task counts) and at UNTIL', async () => {
      h().clock.set('2026-01-05T07:00:00.000Z');
      const { workspace, owner } = await scene();
      const counted = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id },
        weeklyMonday('calendar', ';COUNT=2'),
      );
      const until = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id },
        weeklyMonday('calendar', ';UNTIL=20260119'),
      );
      h().clock.set('2026-01-12T09:00:00.000Z');
      expect(await recurrenceJob.run(deps())).toBe(2);
      expect(await series(counted.series_id)).toMatchObject({ active: 0, next_at: null });
      expect(await series(until.series_id)).toMatchObject({ active: 1, next_at: '2026-01-19T08:00:00.000Z' });
      h().clock.set('2026-03-01T09:00:00.000Z');
      expect(await recurrenceJob.run(deps())).toBe(1);
      expect(await series(until.series_id)).toMatchObject({ active: 0, next_at: null });
      expect(await recurrenceJob.run(deps())).toBe(0);
      expect(await seriesTasks(counted.series_id)).toHaveLength(2);
      expect(await seriesTasks(until.series_id)).toHaveLength(3);
    });

    it('two nodes running the job at once create each instance exactly once', async () => {
      h().clock.set('2026-01-05T07:00:00.000Z');
      const { workspace, owner } = await scene();
      const tasks: TaskRow[] = [];
      for (let i = 0; i < 4; i++) {
        tasks.push(
          await newTask(
            { workspaceId: workspace.id, actorId: owner.user.id, title: `Serie ${i}` },
            weeklyMonday('calendar'),
          ),
        );
      }
      h().clock.set('2026-01-12T08:30:00.000Z');
      const results = await Promise.all([recurrenceJob.run(deps()), recurrenceJob.run(deps())]);
      expect(results[0] + results[1]).toBe(4);
      for (const task of tasks) expect(await seriesTasks(task.series_id)).toHaveLength(2);
    });

    it('copies from an older instance when the last one was deleted, and ends when none is left', async () => {
      h().clock.set('2026-01-05T07:00:00.000Z');
      const { workspace, owner } = await scene();
      const task = await newTask(
        { workspaceId: workspace.id, actorId: owner.user.id },
        weeklyMonday('calendar'),
      );
      h().clock.set('2026-01-12T08:00:00.000Z');
      await recurrenceJob.run(deps());
      const [, second] = await seriesTasks(task.series_id);
      await h()
        .db.db.deleteFrom('tasks')
        .where('id', '=', second?.id ?? '')
        .execute();
      h().clock.set('2026-01-19T08:00:00.000Z');
      expect(await recurrenceJob.run(deps())).toBe(1);
      const after = await seriesTasks(task.series_id);
      expect(after.map((t) => t.due_at)).toEqual(['2026-01-05T08:00:00.000Z', '2026-01-19T08:00:00.000Z']);

      await h().db.db.deleteFrom('tasks').where('series_id', '=', task.series_id).execute();
      h().clock.set('2026-01-26T08:00:00.000Z');
      expect(await recurrenceJob.run(deps())).toBe(0);
      expect(await series(task.series_id)).toMatchObject({ active: 0 });
    });
  });

  describe('through the tasks API', () => {
    it('a task created with an on_done rule repeats when marked done, and shows its rule', async () => {
      h().clock.set('2026-01-05T07:00:00.000Z');
      const { workspace, owner } = await scene();
      const base = `/api/v1/workspaces/${workspace.id}/tasks`;
      const created = await owner.post<Task>(base, {
        title: 'Wochenplan posten',
        dueAt: '2026-01-05T08:00:00.000Z',
        checklist: ['Foto', 'Text'],
        recurrence: weeklyMonday('on_done'),
      });
      expect(created.status).toBe(201);
      expect(created.body.recurrence).toEqual({
        rule: 'FREQ=WEEKLY;BYDAY=MO',
        mode: 'on_done',
        timeZone: BERLIN,
      });

      const bad = await owner.post(base, { title: 'Ohne Datum', recurrence: weeklyMonday('calendar') });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({
        code: 'validation_failed',
        details: { fields: [{ field: 'dueAt' }] },
      });

      const done = await owner.patch<Task>(`${base}/${created.body.id}`, {
        version: created.body.version,
        state: 'done',
      });
      expect(done.status).toBe(200);
      const instances = await seriesTasks(created.body.seriesId);
      expect(instances).toHaveLength(2);
      const next = await owner.get<Task>(`${base}/${instances[1]?.id}`);
      expect(next.body).toMatchObject({
        title: 'Wochenplan posten',
        dueAt: '2026-01-12T08:00:00.000Z',
        recurring: true,
        recurrence: { rule: 'FREQ=WEEKLY;BYDAY=MO', mode: 'on_done', timeZone: BERLIN },
      });
      expect(next.body.checklist.map((i) => [i.text, i.done])).toEqual([
        ['Foto', false],
        ['Text', false],
      ]);
    });
  });
});
