import type { ChecklistItem, ErrorBody, Task, TaskEvent } from '@leeway/core';
import { expect, it } from 'vitest';
import { describeEachDb, type Harness } from '../../test/harness.ts';
import { listen, MISSING_ID, makeTask, snapshot, team } from './tasks.factories.ts';

const MINUTE = 60_000;

async function counters(h: Harness, taskId: string) {
  const row = await h.db.db
    .selectFrom('tasks')
    .select(['checklist_total', 'checklist_done', 'version'])
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
  return { total: row.checklist_total, done: row.checklist_done, version: row.version };
}

describeEachDb('checklist', (h) => {
  it('adds, ticks, edits, removes items and keeps the counters right', async () => {
    const { workspace, member, area, url } = await team(h());
    const task = await makeTask(member, workspace.id, { areaId: area.id, checklist: ['Receipts'] });
    const base = url(`/tasks/${task.id}/checklist`);

    const added = await member.post<ChecklistItem>(base, { text: '  Bank statements ' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      id: expect.any(String),
      text: 'Bank statements',
      done: false,
      position: expect.any(Number),
      sopStep: null,
      checkpoint: false,
    });
    expect(await counters(h(), task.id)).toEqual({ total: 2, done: 0, version: 0 });

    const ticked = await member.patch<ChecklistItem>(`${base}/${added.body.id}`, { done: true });
    expect(ticked.body).toMatchObject({ done: true, text: 'Bank statements' });
    // Ticking twice counts once.
    await member.patch(`${base}/${added.body.id}`, { done: true });
    expect(await counters(h(), task.id)).toEqual({ total: 2, done: 1, version: 0 });

    const edited = await member.patch<ChecklistItem>(`${base}/${added.body.id}`, { text: 'Statements' });
    expect(edited.body).toMatchObject({ text: 'Statements', done: true });

    const full = await member.get<Task>(url(`/tasks/${task.id}`));
    expect(full.body).toMatchObject({ checklistTotal: 2, checklistDone: 1, version: 0 });
    expect(full.body.checklist.map((i) => [i.text, i.done])).toEqual([
      ['Receipts', false],
      ['Statements', true],
    ]);

    expect((await member.delete(`${base}/${added.body.id}`)).status).toBe(204);
    expect(await counters(h(), task.id)).toEqual({ total: 1, done: 0, version: 0 });
    expect((await member.delete(`${base}/${added.body.id}`)).status).toBe(404);
    expect((await member.patch(`${base}/${added.body.id}`, { done: false })).status).toBe(404);
  });

  it('records each change in the history', async () => {
    const { workspace, owner, url } = await team(h());
    const task = await makeTask(owner, workspace.id);
    const base = url(`/tasks/${task.id}/checklist`);
    const steps: string[] = [];
    const step = async (fn: () => Promise<unknown>) => {
      h().clock.advance(MINUTE);
      await fn();
    };
    let item: ChecklistItem | undefined;
    await step(async () => {
      item = (await owner.post<ChecklistItem>(base, { text: 'One' })).body;
    });
    if (!item) throw new Error('no item');
    const id = item.id;
    await step(() => owner.patch(`${base}/${id}`, { done: true }));
    await step(() => owner.patch(`${base}/${id}`, { done: false }));
    await step(() => owner.patch(`${base}/${id}`, { text: 'Uno' }));
    await step(() => owner.post(`${base}/reorder`, { itemIds: [id] }));
    await step(() => owner.delete(`${base}/${id}`));
    const history = (await owner.get<TaskEvent[]>(url(`/tasks/${task.id}/history`))).body;
    steps.push(...history.map((e) => e.kind));
    expect(steps).toEqual([
      'created',
      'checklist_added',
      'checklist_checked',
      'checklist_unchecked',
      'checklist_edited',
      'checklist_reordered',
      'checklist_removed',
    ]);
    expect(history[4]?.data).toEqual({ itemId: id, from: 'One', to: 'Uno' });
  });

  it('reorders with the full set of ids, and the order persists', async () => {
    const { workspace, owner, url } = await team(h());
    const task = await makeTask(owner, workspace.id, { checklist: ['a', 'b', 'c'] });
    const [a, b, c] = task.checklist as [ChecklistItem, ChecklistItem, ChecklistItem];
    const res = await owner.post<ChecklistItem[]>(url(`/tasks/${task.id}/checklist/reorder`), {
      itemIds: [c.id, a.id, b.id],
    });
    expect(res.status).toBe(200);
    expect(res.body.map((i) => i.text)).toEqual(['c', 'a', 'b']);
    const again = await owner.get<Task>(url(`/tasks/${task.id}`));
    expect(again.body.checklist.map((i) => i.text)).toEqual(['c', 'a', 'b']);
    // A new item goes to the bottom.
    await owner.post(url(`/tasks/${task.id}/checklist`), { text: 'd' });
    expect((await owner.get<Task>(url(`/tasks/${task.id}`))).body.checklist.map((i) => i.text)).toEqual([
      'c',
      'a',
      'b',
      'd',
    ]);
  });

  it.each([
    ['a missing id', (ids: string[]) => ids.slice(0, 2)],
    ['a repeated id', (ids: string[]) => [ids[0], ids[0], ids[1]]],
    ['an unknown id', (ids: string[]) => [ids[0], ids[1], MISSING_ID]],
    ['an extra unknown id', (ids: string[]) => [...ids, MISSING_ID]],
    ['an item of another task', (ids: string[], foreign: string) => [ids[0], ids[1], foreign]],
    ['an empty list', () => []],
  ])('refuses a reorder with %s (400, nothing written)', async (_what, make) => {
    const { workspace, owner, url } = await team(h());
    const task = await makeTask(owner, workspace.id, { checklist: ['a', 'b', 'c'] });
    const other = await makeTask(owner, workspace.id, { checklist: ['x'] });
    const ids = task.checklist.map((i) => i.id);
    const before = await snapshot(h());
    const res = await owner.post<ErrorBody>(url(`/tasks/${task.id}/checklist/reorder`), {
      itemIds: make(ids, (other.checklist[0] as ChecklistItem).id),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'validation_failed',
      details: { fields: [{ field: 'itemIds' }] },
    });
    expect(await snapshot(h())).toEqual(before);
  });

  it('holds at most 100 items', async () => {
    const { workspace, owner, url } = await team(h());
    const task = await makeTask(owner, workspace.id, {
      checklist: Array.from({ length: 100 }, (_, i) => `step ${i}`),
    });
    const before = await snapshot(h());
    const res = await owner.post(url(`/tasks/${task.id}/checklist`), { text: 'one more' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ details: { fields: [{ field: 'text' }] } });
    expect(await snapshot(h())).toEqual(before);
  });

  it('never makes an open edit stale, and tells live boards about the new progress', async () => {
    const { workspace, owner, member, area, url } = await team(h());
    const task = await makeTask(owner, workspace.id, { areaId: area.id, checklist: ['one'] });
    const bus = listen(h(), workspace.id);
    await member.patch(url(`/tasks/${task.id}/checklist/${(task.checklist[0] as ChecklistItem).id}`), {
      done: true,
    });
    bus.stop();
    expect(bus.messages).toEqual([
      {
        workspaceId: workspace.id,
        event: { type: 'task.updated', taskId: task.id, version: 0 },
        task: { areaId: area.id, assigneeId: task.assigneeId, creatorId: task.creatorId },
      },
    ]);
    const edit = await owner.patch<Task>(url(`/tasks/${task.id}`), { version: 0, title: 'Still fine' });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ checklistDone: 1, checklistTotal: 1, version: 1 });
  });

  it('concurrent ticks keep the counters exact', async () => {
    const { workspace, owner, member, area, url } = await team(h());
    const task = await makeTask(owner, workspace.id, {
      areaId: area.id,
      checklist: Array.from({ length: 8 }, (_, i) => `s${i}`),
    });
    await Promise.all(
      task.checklist.flatMap((item, i) => [
        (i % 2 ? owner : member).patch(url(`/tasks/${task.id}/checklist/${item.id}`), { done: true }),
        (i % 2 ? member : owner).patch(url(`/tasks/${task.id}/checklist/${item.id}`), { done: true }),
      ]),
    );
    await Promise.all([
      owner.post(url(`/tasks/${task.id}/checklist`), { text: 'added 1' }),
      member.post(url(`/tasks/${task.id}/checklist`), { text: 'added 2' }),
    ]);
    expect(await counters(h(), task.id)).toEqual({ total: 10, done: 8, version: 0 });
  });
});
