import type {
  ActionItem,
  Agenda,
  AgendaItemView,
  MeetingOccurrenceView,
  MeetingSeries,
  Task,
  TaskPage,
} from '@leeway/core';
import { expect, it } from 'vitest';
import { describeEachDb, type Harness, signUp } from '../../test/harness.ts';
import { idOf, makeTask, team } from '../tasks/tasks.factories.ts';
import {
  insertCheckIn,
  insertEpisode,
  insertFollowUp,
  insertLesson,
  insertProposal,
  insertQuestion,
  makeMeeting,
} from './meetings.factories.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';

async function count(h: Harness, table: 'meeting_series' | 'agenda_entries' | 'action_items' | 'tasks') {
  const row = await h.db.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

describeEachDb('meetings routes', (harness) => {
  it('keeps a weekly Monday 10:00 Berlin series at 10:00 across the DST change; moves and cancels one', async () => {
    const h = harness();
    h.clock.set('2026-03-20T12:00:00.000Z');
    const t = await team(h);
    const m = await makeMeeting(t.owner, t.workspace.id, {
      participantIds: [idOf(t.member)],
      startsAt: '2026-03-23T09:00:00.000Z',
    });
    expect(m.organizerId).toBe(idOf(t.owner));
    expect(m.rrule).toContain('FREQ=WEEKLY');
    expect(m.next?.start).toBe('2026-03-23T09:00:00.000Z');

    const list = await t.owner.get<MeetingOccurrenceView[]>(
      t.url(`/meetings/${m.id}/occurrences?from=2026-03-20T00:00:00.000Z&to=2026-04-14T00:00:00.000Z`),
    );
    expect(list.status).toBe(200);
    expect(list.body.map((o) => o.start)).toEqual([
      '2026-03-23T09:00:00.000Z',
      '2026-03-30T08:00:00.000Z',
      '2026-04-06T08:00:00.000Z',
      '2026-04-13T08:00:00.000Z',
    ]);

    const occ = (start: string) => t.url(`/meetings/${m.id}/occurrences/${start}`);
    const moved = await t.owner.request<MeetingOccurrenceView>('PUT', occ('2026-03-30T08:00:00.000Z'), {
      movedTo: '2026-03-31T08:00:00.000Z',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ start: '2026-03-31T08:00:00.000Z', moved: true, cancelled: false });
    const cancelled = await t.owner.request('PUT', occ('2026-04-06T08:00:00.000Z'), { cancelled: true });
    expect(cancelled.status).toBe(200);
    // Not an occurrence of the series: 404, nothing stored.
    const bogus = await t.owner.request('PUT', occ('2026-03-24T09:00:00.000Z'), { cancelled: true });
    expect(bogus.status).toBe(404);
    // A participant assistant may not move occurrences.
    const byAssistant = await t.member.request('PUT', occ('2026-04-13T08:00:00.000Z'), { cancelled: true });
    expect(byAssistant.status).toBe(403);

    const after = await t.member.get<MeetingOccurrenceView[]>(
      t.url(`/meetings/${m.id}/occurrences?from=2026-03-20T00:00:00.000Z&to=2026-04-14T00:00:00.000Z`),
    );
    expect(after.body.map((o) => [o.originalStart, o.start, o.moved, o.cancelled])).toEqual([
      ['2026-03-23T09:00:00.000Z', '2026-03-23T09:00:00.000Z', false, false],
      ['2026-03-30T08:00:00.000Z', '2026-03-31T08:00:00.000Z', true, false],
      ['2026-04-06T08:00:00.000Z', '2026-04-06T08:00:00.000Z', false, true],
      ['2026-04-13T08:00:00.000Z', '2026-04-13T08:00:00.000Z', false, false],
    ]);
    const undo = await t.owner.request<MeetingOccurrenceView>('PUT', occ('2026-04-06T08:00:00.000Z'), {
      movedTo: null,
      cancelled: false,
    });
    expect(undo.body.cancelled).toBe(false);

    const next = await t.member.get<Agenda>(t.url(`/meetings/${m.id}/next/agenda`));
    expect(next.status).toBe(200);
    expect(next.body.occurrence.originalStart).toBe('2026-03-23T09:00:00.000Z');
    const movedAgenda = await t.member.get<Agenda>(
      t.url(`/meetings/${m.id}/occurrences/2026-03-30T08:00:00.000Z/agenda`),
    );
    expect(movedAgenda.body.occurrence).toMatchObject({ start: '2026-03-31T08:00:00.000Z', moved: true });
    expect(movedAgenda.body.previousStart).toBe('2026-03-23T09:00:00.000Z');
    // The web client encodes the start as a path segment (colons as %3A).
    const encoded = encodeURIComponent('2026-03-30T08:00:00.000Z');
    expect((await t.member.get(t.url(`/meetings/${m.id}/occurrences/${encoded}/agenda`))).status).toBe(200);

    const tooWide = await t.owner.get(
      t.url(`/meetings/${m.id}/occurrences?from=2026-01-01T00:00:00.000Z&to=2027-12-31T00:00:00.000Z`),
    );
    expect(tooWide.status).toBe(400);
  });

  it('builds the agenda from every source and cuts it to what each person may see', async () => {
    const h = harness();
    h.clock.set('2026-06-01T07:00:00.000Z');
    const t = await team(h);
    const ws = t.workspace.id;
    const prev = '2026-05-25T08:00:00.000Z';
    const start = '2026-06-01T08:00:00.000Z';
    const m = await makeMeeting(t.owner, ws, {
      participantIds: [idOf(t.member), idOf(t.outsider)],
      startsAt: '2026-05-04T08:00:00.000Z',
    });
    const base = t.url(`/meetings/${m.id}/occurrences`);

    // At the previous occurrence: an item deferred and an action item still open.
    const deferred = await t.owner.post<AgendaItemView>(`${base}/${prev}/agenda/items`, {
      title: 'Pricing page',
    });
    expect(deferred.status).toBe(201);
    const deferredKey = deferred.body.key;
    expect(
      (await t.owner.patch(`${base}/${prev}/agenda/items/${deferredKey}`, { status: 'deferred' })).status,
    ).toBe(200);
    const action = await t.owner.post<{ actionItem: ActionItem; task: Task }>(
      `${base}/${prev}/action-items`,
      {
        title: 'Call the bank',
        assigneeId: idOf(t.member),
        areaId: t.area.id,
      },
    );
    expect(action.status).toBe(201);

    // Sources owned by other modules.
    const blocked = await makeTask(t.owner, ws, { title: 'Blocked one', areaId: t.area.id });
    await h.db.db
      .updateTable('tasks')
      .set({ blocked: 1, blocked_since: '2026-05-29T07:00:00.000Z' })
      .where('id', '=', blocked.id)
      .execute();
    const overdue = await makeTask(t.owner, ws, { title: 'Overdue one', areaId: t.area.id });
    const hidden = await makeTask(t.owner, ws, { title: 'Owner secret', assigneeId: null });
    await h.db.db
      .updateTable('tasks')
      .set({ due_at: '2026-05-28T10:00:00.000Z' })
      .where('id', 'in', [overdue.id, hidden.id])
      .execute();
    const questionId = await insertQuestion(h, {
      workspaceId: ws,
      askerId: idOf(t.member),
      body: 'Which account for travel?',
      createdAt: '2026-05-30T07:00:00.000Z',
    });
    const myProposal = await insertProposal(h, {
      workspaceId: ws,
      memberId: idOf(t.member),
      areaId: t.area.id,
      createdAt: '2026-05-31T07:00:00.000Z',
    });
    const otherProposal = await insertProposal(h, {
      workspaceId: ws,
      memberId: idOf(t.outsider),
      areaId: t.area.id,
      createdAt: '2026-05-31T07:00:00.000Z',
    });
    await insertEpisode(h, {
      workspaceId: ws,
      memberId: idOf(t.member),
      areaId: t.area.id,
      startsAt: '2026-05-01T07:00:00.000Z',
      plannedEndAt: '2026-06-04T07:00:00.000Z',
    });
    const lessonId = await insertLesson(h, {
      workspaceId: ws,
      authorId: idOf(t.owner),
      areaId: t.area.id,
      title: 'Double payment',
      createdAt: '2026-05-28T07:00:00.000Z',
    });
    await insertFollowUp(h, {
      workspaceId: ws,
      lessonId,
      ownerId: idOf(t.owner),
      title: 'Add a second check',
      dueAt: '2026-05-31T07:00:00.000Z',
      createdAt: '2026-05-28T07:00:00.000Z',
    });
    const checkInId = await insertCheckIn(h, {
      workspaceId: ws,
      memberId: idOf(t.outsider),
      blockers: 'Waiting for the bank',
      discuss: false,
      submittedAt: '2026-05-29T07:00:00.000Z',
    });
    const pin = await t.owner.post<{ id: string }>(t.url(`/meetings/${m.id}/pinned`), {
      title: 'Cash position',
    });
    expect(pin.status).toBe(201);
    const manual = await t.member.post<AgendaItemView>(`${base}/${start}/agenda/items`, {
      title: 'Holiday plan',
      taskId: overdue.id,
    });
    expect(manual.status).toBe(201);

    const res = await t.owner.get<Agenda>(`${base}/${start}/agenda`);
    expect(res.status).toBe(200);
    const agenda = res.body;
    expect(agenda.live).toBe(true);
    expect(agenda.previousStart).toBe(prev);
    expect(new Set(agenda.items.map((i) => i.source))).toEqual(
      new Set([
        'action_item',
        'pinned',
        'level_proposal',
        'episode_ending',
        'question',
        'blocked_task',
        'overdue_task',
        'lesson',
        'follow_up',
        'checkin_blocker',
        'manual',
      ]),
    );
    const keys = agenda.items.map((i) => i.key);
    expect(keys).toContain(deferredKey);
    expect(agenda.items.find((i) => i.key === deferredKey)?.carriedOver).toBe(true);
    expect(keys).toContain(`action_item:${action.body.actionItem.id}`);
    expect(keys).toContain(`question:${questionId}`);
    expect(keys).toContain(`overdue_task:${hidden.id}`);
    expect(keys).toContain(`blocked_task:${blocked.id}`);
    expect(agenda.items.find((i) => i.key === `level_proposal:${myProposal}`)?.link).toEqual({
      kind: 'proposal',
      id: myProposal,
    });
    expect(agenda.pinned.map((p) => p.title)).toEqual(['Cash position']);

    // The assistant in the area: no task hidden from them, nothing about the other assistant.
    const mine = (await t.member.get<Agenda>(`${base}/${start}/agenda`)).body;
    const mineKeys = mine.items.map((i) => i.key);
    expect(mineKeys).not.toContain(`overdue_task:${hidden.id}`);
    expect(mineKeys).not.toContain(`level_proposal:${otherProposal}`);
    expect(mineKeys).not.toContain(`checkin_blocker:${checkInId}`);
    expect(mineKeys).toContain(`level_proposal:${myProposal}`);
    expect(mineKeys).toContain(`lesson:${lessonId}`);
    expect(JSON.stringify(mine)).not.toContain('Owner secret');
    // The assistant outside the area sees neither the area's tasks nor its lesson.
    const theirs = (await t.outsider.get<Agenda>(`${base}/${start}/agenda`)).body;
    const theirKeys = theirs.items.map((i) => i.key);
    expect(theirKeys).not.toContain(`lesson:${lessonId}`);
    expect(theirKeys).not.toContain(`blocked_task:${blocked.id}`);
    expect(theirKeys).not.toContain(manual.body.key);
    expect(theirKeys).toContain(`checkin_blocker:${checkInId}`);
    // Editing an item the caller cannot see is a 404.
    expect(
      (await t.outsider.patch(`${base}/${start}/agenda/items/${manual.body.key}`, { notes: 'x' })).status,
    ).toBe(404);

    // Notes and status persist.
    const noted = await t.member.patch<AgendaItemView>(
      `${base}/${start}/agenda/items/question:${questionId}`,
      {
        notes: 'Use the travel account.',
        status: 'discussed',
      },
    );
    expect(noted.status).toBe(200);
    expect(noted.body).toMatchObject({ notes: 'Use the travel account.', status: 'discussed' });
    const reread = (await t.owner.get<Agenda>(`${base}/${start}/agenda`)).body;
    expect(reread.items.find((i) => i.key === `question:${questionId}`)).toMatchObject({
      notes: 'Use the travel account.',
      status: 'discussed',
    });

    // An action item becomes a task the assignee sees.
    const created = await t.member.post<{ actionItem: ActionItem; task: Task }>(
      `${base}/${start}/action-items`,
      {
        title: 'Book the tickets',
        assigneeId: idOf(t.member),
        dueAt: '2026-06-05T15:00:00.000Z',
        itemKey: `question:${questionId}`,
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.actionItem).toMatchObject({
      title: 'Book the tickets',
      taskId: created.body.task.id,
    });
    const tasks = await t.member.get<TaskPage>(t.url('/tasks'));
    expect(tasks.body.items.map((i) => i.id)).toContain(created.body.task.id);
    const withAction = (await t.member.get<Agenda>(`${base}/${start}/agenda`)).body;
    expect(withAction.items.find((i) => i.key === `question:${questionId}`)?.actionItemIds).toEqual([
      created.body.actionItem.id,
    ]);

    // After the start, an item with an entry stays even when its source vanishes.
    await h.db.db
      .updateTable('questions')
      .set({ answered_at: '2026-06-01T08:10:00.000Z' })
      .where('id', '=', questionId)
      .execute();
    h.clock.set('2026-06-01T08:20:00.000Z');
    const frozen = (await t.owner.get<Agenda>(`${base}/${start}/agenda`)).body;
    expect(frozen.live).toBe(false);
    expect(frozen.items.find((i) => i.key === `question:${questionId}`)?.notes).toBe(
      'Use the travel account.',
    );

    // Finish: only the organizer or owners; the minutes go out once.
    expect((await t.member.post(`${base}/${start}/finish`, {})).status).toBe(403);
    const finished = await t.owner.post<MeetingOccurrenceView>(`${base}/${start}/finish`, {});
    expect(finished.status).toBe(200);
    expect(finished.body.finishedAt).not.toBeNull();
    expect((await t.owner.post(`${base}/${start}/finish`, {})).status).toBe(409);
    const summaries = await h.db.db
      .selectFrom('notifications')
      .select(['user_id', 'excerpt', 'subject_type', 'subject_id'])
      .where('kind', '=', 'meeting_summary')
      .where('workspace_id', '=', ws)
      .execute();
    expect(summaries.map((s) => s.user_id).sort()).toEqual([idOf(t.member), idOf(t.outsider)].sort());
    const toMember = summaries.find((s) => s.user_id === idOf(t.member));
    expect(toMember).toMatchObject({ subject_type: 'meeting', subject_id: m.id });
    expect(toMember?.excerpt).toContain('Use the travel account.');
    expect(toMember?.excerpt).toContain('Book the tickets');
  });

  it("puts goals at risk or off track on the principals' agenda, not on an assistant's", async () => {
    const h = harness();
    h.clock.set('2026-06-01T07:00:00.000Z');
    const t = await team(h);
    const ws = t.workspace.id;
    const m = await makeMeeting(t.owner, ws, {
      participantIds: [idOf(t.member)],
      startsAt: '2026-06-01T08:00:00.000Z',
    });
    const now = h.clock.now().toISOString();
    const goal = (title: string, status: 'on_track' | 'at_risk' | 'off_track') => ({
      id: crypto.randomUUID(),
      workspace_id: ws,
      title,
      description: '',
      measure: '',
      target: '',
      due_at: null,
      status,
      owner_id: idOf(t.owner),
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await h.db.db
      .insertInto('goals')
      .values([goal('Fine', 'on_track'), goal('Wobbly', 'at_risk'), goal('Broken', 'off_track')])
      .execute();
    const url = t.url(`/meetings/${m.id}/occurrences/2026-06-01T08:00:00.000Z/agenda`);
    const owners = await t.owner.get<Agenda>(url);
    const goals = owners.body.items.filter((i) => i.source === 'goal');
    expect(goals.map((i) => [i.title, i.reason.code])).toEqual([
      ['Broken', 'goal_off_track'],
      ['Wobbly', 'goal_at_risk'],
    ]);
    const assistants = await t.member.get<Agenda>(url);
    expect(assistants.body.items.some((i) => i.source === 'goal')).toBe(false);
  });

  it('guards every door: anonymous, other workspaces, non-participants, malformed input', async () => {
    const h = harness();
    h.clock.set('2026-06-01T07:00:00.000Z');
    const t = await team(h);
    const other = await team(h);
    const m = await makeMeeting(t.owner, t.workspace.id, {
      participantIds: [idOf(t.member)],
      startsAt: '2026-06-01T08:00:00.000Z',
    });
    const start = '2026-06-01T08:00:00.000Z';

    expect((await h.client().get(t.url('/meetings'))).status).toBe(401);
    expect((await other.owner.get(t.url(`/meetings/${m.id}`))).status).toBe(404);
    expect((await other.owner.get(other.url(`/meetings/${m.id}`))).status).toBe(404);
    expect((await other.owner.get(other.url(`/meetings/${m.id}/occurrences/${start}/agenda`))).status).toBe(
      404,
    );
    expect((await t.outsider.get(t.url(`/meetings/${m.id}`))).status).toBe(404);
    expect((await t.outsider.get(t.url(`/meetings/${m.id}/occurrences/${start}/agenda`))).status).toBe(404);
    expect(
      (await t.outsider.post(t.url(`/meetings/${m.id}/occurrences/${start}/agenda/items`), { title: 'x' }))
        .status,
    ).toBe(404);
    expect((await t.outsider.get<MeetingSeries[]>(t.url('/meetings'))).body).toEqual([]);
    expect((await t.member.get<MeetingSeries[]>(t.url('/meetings'))).body.map((s) => s.id)).toEqual([m.id]);
    expect((await t.owner.get(t.url('/meetings/not-a-uuid'))).status).toBe(400);
    expect((await t.owner.get(t.url(`/meetings/${MISSING}`))).status).toBe(404);
    expect((await t.owner.get(t.url(`/meetings/${m.id}/occurrences/yesterday/agenda`))).status).toBe(400);

    const before = await count(h, 'meeting_series');
    const foreign = await t.owner.post<{ message: string }>(t.url('/meetings'), {
      title: 'Mixed',
      participantIds: [idOf(t.member), idOf(other.member)],
      startsAt: start,
      durationMin: 30,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toMatch(/participantIds/i);
    const stranger = await signUp(h);
    expect(
      (
        await t.owner.post(t.url('/meetings'), {
          title: 'Stranger',
          participantIds: [stranger.user.id],
          startsAt: start,
          durationMin: 30,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.owner.post(t.url('/meetings'), {
          title: '',
          participantIds: [],
          startsAt: start,
          durationMin: 1,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.owner.post(t.url('/meetings'), {
          title: 'x',
          participantIds: ['nope'],
          startsAt: start,
          durationMin: 30,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.owner.post(t.url('/meetings'), {
          title: 'x',
          participantIds: [idOf(t.member)],
          startsAt: start,
          durationMin: 30,
          rrule: 'FREQ=SOMETIMES',
        })
      ).status,
    ).toBe(400);
    expect(await count(h, 'meeting_series')).toBe(before);

    // Series edits: organizer or owners, on the version seen.
    expect(
      (await t.member.patch(t.url(`/meetings/${m.id}`), { version: m.version, title: 'Mine' })).status,
    ).toBe(403);
    const renamed = await t.owner.patch<MeetingSeries>(t.url(`/meetings/${m.id}`), {
      version: m.version,
      title: 'Renamed',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe('Renamed');
    const stale = await t.owner.patch<{ details: { current: MeetingSeries } }>(t.url(`/meetings/${m.id}`), {
      version: m.version,
      title: 'Stale',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.details.current.title).toBe('Renamed');

    // Ids in bodies: a task the caller may not see, an item key not on the agenda.
    const secret = await makeTask(t.owner, t.workspace.id, { title: 'Secret', assigneeId: null });
    const entries = await count(h, 'agenda_entries');
    const hiddenTask = await t.member.post(t.url(`/meetings/${m.id}/occurrences/${start}/agenda/items`), {
      title: 'About the secret',
      taskId: secret.id,
    });
    expect(hiddenTask.status).toBe(400);
    const foreignTask = await makeTask(other.owner, other.workspace.id, { title: 'Theirs' });
    expect(
      (
        await t.owner.post(t.url(`/meetings/${m.id}/occurrences/${start}/agenda/items`), {
          title: 'About theirs',
          taskId: foreignTask.id,
        })
      ).status,
    ).toBe(400);
    expect(await count(h, 'agenda_entries')).toBe(entries);
    expect(
      (
        await t.member.patch(t.url(`/meetings/${m.id}/occurrences/${start}/agenda/items/manual:${MISSING}`), {
          notes: 'x',
        })
      ).status,
    ).toBe(404);
    const [actions, tasks] = [await count(h, 'action_items'), await count(h, 'tasks')];
    expect(
      (
        await t.member.post(t.url(`/meetings/${m.id}/occurrences/${start}/action-items`), {
          title: 'Do it',
          assigneeId: idOf(other.member),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await t.member.post(t.url(`/meetings/${m.id}/occurrences/${start}/action-items`), {
          title: 'Do it',
          assigneeId: null,
          itemKey: `manual:${MISSING}`,
        })
      ).status,
    ).toBe(400);
    expect([await count(h, 'action_items'), await count(h, 'tasks')]).toEqual([actions, tasks]);

    // Pinned items and deletion: organizer or owners only.
    expect((await t.member.post(t.url(`/meetings/${m.id}/pinned`), { title: 'Mine' })).status).toBe(403);
    expect((await t.owner.delete(t.url(`/meetings/${m.id}/pinned/${MISSING}`))).status).toBe(404);
    expect((await t.member.delete(t.url(`/meetings/${m.id}`))).status).toBe(403);
    expect((await t.owner.delete(t.url(`/meetings/${m.id}`))).status).toBe(204);
    expect((await t.owner.get(t.url(`/meetings/${m.id}`))).status).toBe(404);
  });
});
