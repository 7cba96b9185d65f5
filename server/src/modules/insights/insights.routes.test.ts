import type { InsightPair, Insights, InsightTrend } from '@leeway/core';
import { expect, it } from 'vitest';
import { DAY, HOUR } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { describeEachDb, type Harness, workspaceWith } from '../../test/harness.ts';
import { createTask } from '../../test/task-factory.ts';
import { idOf, team } from '../tasks/tasks.factories.ts';

const ago = (h: Harness, ms: number) => new Date(h.clock.now().getTime() - ms).toISOString();

/** `n` tasks of the assignee completed `daysAgo` days ago; returns their ids. */
async function doneTasks(
  h: Harness,
  workspaceId: string,
  creatorId: string,
  assigneeId: string,
  n: number,
  daysAgo = 2,
) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const task = await createTask(h, { workspaceId, creatorId, assigneeId, state: 'done' });
    await h.db.db
      .updateTable('tasks')
      .set({ completed_at: ago(h, daysAgo * DAY + i * 60_000) })
      .where('id', '=', task.id)
      .execute();
    ids.push(task.id);
  }
  return ids;
}

async function review(
  h: Harness,
  r: {
    workspaceId: string;
    taskId: string;
    memberId: string;
    reviewerId: string;
    phase: 'required' | 'guardrail' | 'requested' | 'sample';
    hours: number;
    outcome?: 'accepted' | 'changes_requested';
    tags?: string[];
  },
) {
  const decided = h.clock.now().getTime() - DAY;
  await h.db.db
    .insertInto('review_records')
    .values({
      id: newId(),
      workspace_id: r.workspaceId,
      task_id: r.taskId,
      member_id: r.memberId,
      area_id: null,
      reviewer_id: r.reviewerId,
      phase: r.phase,
      submitted_at: new Date(decided - r.hours * HOUR).toISOString(),
      decided_at: new Date(decided).toISOString(),
      outcome: r.outcome ?? 'accepted',
      tags: JSON.stringify(r.tags ?? []),
      note: '',
    })
    .execute();
}

function signal(pair: InsightPair | undefined, key: string) {
  const s = pair?.signals.find((x) => x.key === key);
  if (!s) throw new Error(`no signal ${key}`);
  return s;
}

describeEachDb('insights', (h) => {
  it('computes a seeded pair by hand and says "not enough data" under 10 completed tasks', async () => {
    const t = await team(h());
    const ws = t.workspace.id;
    const owner = idOf(t.owner);
    const member = idOf(t.member);
    const outsider = idOf(t.outsider);
    const db = h().db.db;

    // 40 completed in the window, one long before it (not counted); 3 for the outsider.
    const done = await doneTasks(h(), ws, owner, member, 40);
    await doneTasks(h(), ws, owner, member, 1, 45);
    await doneTasks(h(), ws, owner, outsider, 3);

    // Over-review 4 requested ÷ 8 required = 0.5. Latencies 10, 20, 30, 40 and 8 × 28: median 28 → 0.5.
    const taskId = done[0] as string;
    const base = { workspaceId: ws, taskId, memberId: member, reviewerId: owner };
    await review(h(), {
      ...base,
      phase: 'requested',
      hours: 10,
      outcome: 'changes_requested',
      tags: ['preference'],
    });
    await review(h(), {
      ...base,
      phase: 'requested',
      hours: 20,
      outcome: 'changes_requested',
      tags: ['preference'],
    });
    await review(h(), {
      ...base,
      phase: 'requested',
      hours: 30,
      outcome: 'changes_requested',
      tags: ['preference', 'defect'],
    });
    await review(h(), {
      ...base,
      phase: 'requested',
      hours: 40,
      outcome: 'changes_requested',
      tags: ['defect'],
    });
    for (const phase of [
      'required',
      'required',
      'required',
      'required',
      'sample',
      'sample',
      'guardrail',
      'required',
    ] as const)
      await review(h(), { ...base, phase, hours: 28 });

    // Take-backs: one task reassigned member → owner, one edit by the owner after completion.
    const taken = await createTask(h(), { workspaceId: ws, creatorId: owner, assigneeId: owner });
    const event = (task: string, at: string, data: unknown) =>
      db
        .insertInto('task_events')
        .values({
          id: newId(),
          workspace_id: ws,
          task_id: task,
          actor_id: owner,
          kind: 'updated',
          data: JSON.stringify(data),
          created_at: at,
        })
        .execute();
    await event(taken.id, ago(h(), 3 * DAY), { changes: { assigneeId: { from: member, to: owner } } });
    await event(taskId, ago(h(), DAY), { changes: { title: { from: 'a', to: 'b' } } });

    // Level lag: one grant, a pending automatic promotion 20 days old → 1 of 1 areas lags.
    const now = h().clock.now().toISOString();
    await db
      .insertInto('autonomy_grants')
      .values({
        id: newId(),
        workspace_id: ws,
        member_id: member,
        area_id: t.area.id,
        level: 2,
        since: ago(h(), 90 * DAY),
        granted_by: owner,
        reason: '',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('proposals')
      .values({
        id: newId(),
        workspace_id: ws,
        member_id: member,
        area_id: t.area.id,
        from_level: 2,
        to_level: 3,
        kind: 'auto_promotion',
        status: 'pending',
        evidence: '{}',
        explanation: null,
        note: '',
        decided_by: null,
        decision_reason: null,
        created_at: ago(h(), 20 * DAY),
        decided_at: null,
      })
      .execute();

    // Extended guidance: an open episode that began 20 days ago → 6 days beyond 14 → 6/14.
    await db
      .insertInto('support_episodes')
      .values({
        id: newId(),
        workspace_id: ws,
        member_id: member,
        area_id: t.area.id,
        reason: 'new_area',
        cap_level: 2,
        note: '',
        started_by: owner,
        starts_at: ago(h(), 20 * DAY),
        planned_end_at: ago(h(), -30 * DAY),
        ended_at: null,
        extensions: '[]',
        created_at: ago(h(), 20 * DAY),
      })
      .execute();

    // Under-support: a question open for 30 h and a low-autonomy check-in.
    await db
      .insertInto('questions')
      .values({
        id: newId(),
        workspace_id: ws,
        task_id: null,
        asker_id: member,
        addressee_id: owner,
        body: 'Which account?',
        body_html: '<p>Which account?</p>',
        answer: null,
        answer_html: null,
        answered_by: null,
        answered_at: null,
        blocked_task: 0,
        waiting_notified_at: null,
        version: 1,
        created_at: ago(h(), 30 * HOUR),
        updated_at: ago(h(), 30 * HOUR),
      })
      .execute();
    await db
      .insertInto('check_ins')
      .values({
        id: newId(),
        workspace_id: ws,
        member_id: member,
        week: '2026-W01',
        done: '',
        planned: '',
        blockers: '',
        autonomy: 2,
        discuss: 0,
        submitted_at: ago(h(), 2 * DAY),
        updated_at: ago(h(), 2 * DAY),
      })
      .execute();

    const res = await t.owner.get<Insights>(t.url('/insights'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ windowDays: 30, computedFrom: 'workflow_events' });
    // Sorted by assistant name ("Assistant 1", "Assistant 2"), never by score.
    expect(res.body.pairs.map((p) => p.assistantId)).toEqual([member, outsider]);

    const pair = res.body.pairs[0];
    expect(pair).toMatchObject({ principalId: owner, status: 'ok', completedTasks: 40, band: 'high' });
    expect(signal(pair, 'overReview')).toMatchObject({ value: 0.5, raw: { requested: 4, required: 8 } });
    expect(signal(pair, 'reviewLatency')).toMatchObject({
      value: 0.5,
      raw: { reviews: 12, medianHours: 28 },
    });
    expect(signal(pair, 'preferenceRejections')).toMatchObject({
      value: 0.5,
      raw: { preferenceOnly: 2, changeRequests: 4 },
    });
    expect(signal(pair, 'takeBacks')).toMatchObject({
      value: 0.5,
      raw: { reassigned: 1, edits: 1, completed: 40 },
    });
    expect(signal(pair, 'levelLag')).toMatchObject({
      value: 1,
      raw: { areas: 1, laggingAreas: 1, longestLagDays: 20 },
    });
    expect(signal(pair, 'redundantNudges')).toMatchObject({ value: 0, raw: { nudges: 0 } });
    expect(signal(pair, 'extendedGuidance').value).toBeCloseTo(6 / 14, 10);
    // 100 × (0.25·0.5 + 0.2·1 + 0.15·0.5 + 0.1·0.5 + 0.1·0.5 + 0 + 0.1·6/14) = 54.29 → 54.3.
    expect(pair?.score).toBe(54.3);
    expect(pair?.biggest).toBe('levelLag');
    expect(signal(pair, 'levelLag').suggestion).toEqual({
      code: 'promote_lagging_area',
      params: { area: t.area.name, days: 20, from: 2, to: 3 },
    });
    expect(pair?.underSupport.total).toBe(2);
    expect(pair?.underSupport.items).toContainEqual({ key: 'questionsUnansweredOver24h', count: 1 });
    expect(pair?.underSupport.items).toContainEqual({ key: 'lowAutonomyCheckIns', count: 1 });

    const few = res.body.pairs[1];
    expect(few).toMatchObject({
      status: 'insufficient_data',
      completedTasks: 3,
      score: null,
      band: null,
      biggest: null,
    });

    const one = await t.owner.get<Insights>(t.url(`/insights?assistantId=${outsider}`));
    expect(one.body.pairs.map((p) => p.assistantId)).toEqual([outsider]);

    const trend = await t.owner.get<InsightTrend>(
      t.url(`/insights/trend?principalId=${owner}&assistantId=${member}`),
    );
    expect(trend.status).toBe(200);
    expect(trend.body.weeks).toHaveLength(26);
    expect(trend.body.index).toHaveLength(26);
    expect(trend.body.signals.overReview).toHaveLength(26);
    expect(trend.body.index.at(-1)).toBe(54.3);
    expect(trend.body.index[0]).toBeNull();
  });

  it("attributes a principal's own behaviour to that principal only, and lists every pair", async () => {
    const { workspace, owner, owners, assistants } = await workspaceWith(h(), { owners: 2, assistants: 1 });
    const ws = workspace.id;
    const first = idOf(owner);
    const second = idOf(owners[1] as typeof owner);
    const assistant = idOf(assistants[0] as typeof owner);
    const [taskId] = await doneTasks(h(), ws, first, assistant, 10);
    const base = { workspaceId: ws, taskId: taskId as string, memberId: assistant, reviewerId: second };
    await review(h(), { ...base, phase: 'requested', hours: 50 });
    await review(h(), { ...base, phase: 'required', hours: 50, reviewerId: first });

    const res = await owner.get<Insights>(`/api/v1/workspaces/${ws}/insights`);
    expect(res.status).toBe(200);
    const byPrincipal = new Map(res.body.pairs.map((p) => [p.principalId, p]));
    expect(res.body.pairs).toHaveLength(2);
    expect(signal(byPrincipal.get(first), 'overReview').raw).toEqual({ requested: 0, required: 1 });
    expect(signal(byPrincipal.get(second), 'overReview').raw).toEqual({ requested: 1, required: 1 });
    expect(signal(byPrincipal.get(second), 'reviewLatency')).toMatchObject({ value: 1, raw: { reviews: 1 } });
    expect(byPrincipal.get(first)?.completedTasks).toBe(10);
    expect(byPrincipal.get(second)?.completedTasks).toBe(10);
  });

  it('counts redundant nudges per principal × assistant; a nudge on a quiet task does not count', async () => {
    const t = await team(h());
    const ws = t.workspace.id;
    const owner = idOf(t.owner);
    const member = idOf(t.member);
    const outsider = idOf(t.outsider);
    await doneTasks(h(), ws, owner, member, 10);
    const quiet = await createTask(h(), { workspaceId: ws, creatorId: owner, assigneeId: member });
    h().clock.advance(2 * DAY);
    // Created (changed) an hour before the nudge: asking is redundant.
    const busy = await createTask(h(), { workspaceId: ws, creatorId: owner, assigneeId: member });
    h().clock.advance(HOUR);
    const nudge = (taskId: string) => t.owner.post<{ redundant: boolean }>(t.url(`/tasks/${taskId}/nudges`));
    expect((await nudge(quiet.id)).body).toMatchObject({ redundant: false });
    expect((await nudge(busy.id)).body).toMatchObject({ redundant: true });
    // Windows end (exclusively) now.
    h().clock.advance(HOUR);

    const res = await t.owner.get<Insights>(t.url('/insights'));
    const byAssistant = new Map(res.body.pairs.map((p) => [p.assistantId, p]));
    const nudges = signal(byAssistant.get(member), 'redundantNudges');
    // 1 redundant nudge ÷ (30 ÷ 7 assistant-weeks) ÷ 5.
    expect(nudges.raw).toMatchObject({ nudges: 1 });
    expect(nudges.value).toBeCloseTo(1 / (30 / 7) / 5, 10);
    expect(signal(byAssistant.get(outsider), 'redundantNudges')).toMatchObject({
      value: 0,
      raw: { nudges: 0 },
    });

    const trend = await t.owner.get<InsightTrend>(
      t.url(`/insights/trend?principalId=${owner}&assistantId=${member}`),
    );
    expect(trend.body.signals.redundantNudges.at(-1)).toBeCloseTo(1 / (30 / 7) / 5, 10);
  });

  it('answers 404 to assistants and other workspaces, 401 anonymously and 400 on a malformed query', async () => {
    const t = await team(h());
    const other = await team(h());
    const owner = idOf(t.owner);
    const member = idOf(t.member);
    const trendUrl = `/insights/trend?principalId=${owner}&assistantId=${member}`;

    for (const path of ['/insights', trendUrl]) {
      const asAssistant = await t.member.get(t.url(path));
      expect(asAssistant.status).toBe(404);
      expect(asAssistant.body).toMatchObject({ code: 'not_found' });
      expect((await other.owner.get(t.url(path))).status).toBe(404);
      expect((await h().client().get(t.url(path))).status).toBe(401);
    }
    expect((await t.owner.get(t.url('/insights?assistantId=nope'))).status).toBe(400);
    expect((await t.owner.get(t.url(`/insights/trend?principalId=${owner}`))).status).toBe(400);
    // A pair that is not one of this workspace: 404.
    expect(
      (await t.owner.get(t.url(`/insights/trend?principalId=${member}&assistantId=${owner}`))).status,
    ).toBe(404);
    expect((await t.owner.get(t.url(`/insights?assistantId=${idOf(other.member)}`))).status).toBe(404);
  });
});
