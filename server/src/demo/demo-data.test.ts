import type {
  Agenda,
  CheckIn,
  FollowUp,
  Insights,
  InsightTrend,
  LessonSummary,
  MeetingSeries,
  OnboardingPlan,
  OnboardingPlanSummary,
  Question,
  ReviewQueueItem,
  SopDetail,
  SopSummary,
  Task,
  TaskPage,
  User,
} from '@leeway/core';
import { expect, it } from 'vitest';
import { describeEachDb, type TestClient, workspaceWith } from '../test/harness.ts';
import { seedDemoTasks } from './demo-data.ts';

type Person = TestClient & { user: User };

describeEachDb('demo data', (h) => {
  it('seeds areas and a lived-in board: every state, blocked, overdue, inbox, recurring', async () => {
    h().clock.set('2026-03-25T09:00:00.000Z'); // a Wednesday
    const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 2 });
    const [amira, ben] = assistants as [Person, Person];
    await seedDemoTasks(h().app.deps, {
      workspaceId: workspace.id,
      ownerId: owner.user.id,
      assistantIds: [amira.user.id, ben.user.id],
    });
    const { db } = h().db;
    const now = h().clock.now().toISOString();

    const areas = await db.selectFrom('areas').selectAll().where('workspace_id', '=', workspace.id).execute();
    expect(areas.map((a) => a.name).sort()).toEqual([
      'Buchhaltung',
      'Einkauf',
      'Kundenservice',
      'Social Media',
    ]);
    for (const area of areas) expect(JSON.parse(area.guardrails).length).toBeGreaterThan(0);
    expect(areas.some((a) => a.backup_id !== null)).toBe(true);
    const contributors = await db
      .selectFrom('area_members')
      .selectAll()
      .where('workspace_id', '=', workspace.id)
      .execute();
    expect(contributors.length).toBeGreaterThan(0);

    const tasks = await db.selectFrom('tasks').selectAll().where('workspace_id', '=', workspace.id).execute();
    expect(tasks.length).toBeGreaterThanOrEqual(60);
    expect(new Set(tasks.map((t) => t.state))).toEqual(
      new Set(['todo', 'doing', 'review', 'done', 'cancelled']),
    );
    const open = tasks.filter((t) => t.state !== 'done' && t.state !== 'cancelled');
    expect(open.filter((t) => t.blocked === 1 && t.blocked_reason !== '').length).toBeGreaterThanOrEqual(3);
    expect(open.filter((t) => t.due_at !== null && t.due_at < now).length).toBeGreaterThanOrEqual(5);
    const weekEnd = new Date(Date.parse(now) + 7 * 86_400_000).toISOString();
    expect(
      open.filter((t) => t.due_at !== null && t.due_at >= now && t.due_at <= weekEnd).length,
    ).toBeGreaterThan(5);
    expect(tasks.filter((t) => t.area_id === null).length).toBeGreaterThanOrEqual(3);
    expect(new Set(tasks.map((t) => t.priority)).size).toBe(5);
    expect(tasks.filter((t) => t.labels !== '[]').length).toBeGreaterThan(20);
    expect(tasks.filter((t) => t.checklist_total > 0 && t.checklist_done > 0).length).toBeGreaterThan(3);
    for (const t of tasks.filter((x) => x.state === 'done')) expect(t.completed_at).not.toBeNull();
    expect(new Set(tasks.map((t) => t.assignee_id))).toEqual(
      new Set([owner.user.id, amira.user.id, ben.user.id, null]),
    );

    const series = await db
      .selectFrom('task_series')
      .selectAll()
      .where('workspace_id', '=', workspace.id)
      .execute();
    expect(series.map((s) => s.mode).sort()).toEqual(['calendar', 'on_done']);
    for (const s of series) {
      expect(s.active).toBe(1);
      expect(tasks.find((t) => t.id === s.last_task_id)?.series_id).toBe(s.id);
    }
    // The Friday 17:00 series: next Friday's instance exists, the one after is scheduled.
    expect(series.find((s) => s.mode === 'calendar')).toMatchObject({
      anchor_at: '2026-03-27T16:00:00.000Z',
      next_at: '2026-04-03T15:00:00.000Z',
    });

    const unread = await db
      .selectFrom('notifications')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .where('read_at', 'is', null)
      .execute();
    expect(unread).toEqual([]);

    // The autonomy ladder: assistants at different levels, one running episode, one proposal.
    const grants = await db
      .selectFrom('autonomy_grants')
      .selectAll()
      .where('workspace_id', '=', workspace.id)
      .execute();
    expect(new Set(grants.map((g) => g.level)).size).toBeGreaterThanOrEqual(3);
    const episodes = await db
      .selectFrom('support_episodes')
      .selectAll()
      .where('workspace_id', '=', workspace.id)
      .execute();
    // Ben's guidance after the flour-order SOP changed, and his onboarding in Social Media.
    const running = episodes.filter((e) => e.ended_at === null && e.planned_end_at > now);
    expect(running.map((e) => e.reason).sort()).toEqual(['onboarding', 'sop_change']);
    const pending = await db
      .selectFrom('proposals')
      .selectAll()
      .where('workspace_id', '=', workspace.id)
      .where('status', '=', 'pending')
      .execute();
    // Ben's own request in customer service, and the promotion in purchasing that waits (issue 7).
    expect(pending.map((p) => p.kind).sort()).toEqual(['assistant_request', 'auto_promotion']);
    const changes = await db
      .selectFrom('level_changes')
      .selectAll()
      .where('workspace_id', '=', workspace.id)
      .execute();
    expect(changes.length).toBeGreaterThanOrEqual(4);

    // Every task in review was routed by the rules for its assignee's level, and says why.
    const queue = await owner.get<ReviewQueueItem[]>(`/api/v1/workspaces/${workspace.id}/reviews`);
    expect(queue.status).toBe(200);
    expect(queue.body.length).toBe(tasks.filter((t) => t.state === 'review').length);
    for (const item of queue.body) {
      expect(item.routing).toMatchObject({ goesToReview: true });
      expect(item.phase).toBe(item.routing?.phase);
    }
    const socialId = areas.find((a) => a.name === 'Social Media')?.id;
    const social = queue.body.filter((q) => q.task.areaId === socialId);
    // Amira is at L4 in social media: her results there are in review for a reason of their own.
    expect(social.length).toBe(2);
    for (const item of social) {
      expect(item.routing?.reason.params).toMatchObject({ level: 4 });
      expect(['guardrail', 'requested', 'sample']).toContain(item.phase);
    }
    expect(social.map((q) => q.phase)).toContain('guardrail');
    expect(queue.body.map((q) => q.routing?.reason.code)).toEqual(
      expect.arrayContaining(['guardrail_ticked', 'level_requires_review']),
    );

    const board = await owner.get<TaskPage>(`/api/v1/workspaces/${workspace.id}/tasks?limit=1000`);
    expect(board.status).toBe(200);
    expect(board.body.items).toHaveLength(tasks.length);
  });

  it('shows the knowledge loop: SOP versions, a pinned task, an onboarding plan, lessons with follow-ups', async () => {
    h().clock.set('2026-03-25T09:00:00.000Z');
    const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 2 });
    const [amira, ben] = assistants as [Person, Person];
    await seedDemoTasks(h().app.deps, {
      workspaceId: workspace.id,
      ownerId: owner.user.id,
      assistantIds: [amira.user.id, ben.user.id],
    });
    const url = (path: string) => `/api/v1/workspaces/${workspace.id}${path}`;

    const library = await owner.get<SopSummary[]>(url('/sops'));
    expect(library.status).toBe(200);
    expect(library.body.map((s) => s.status).sort()).toEqual([
      'draft',
      'published',
      'published',
      'published',
    ]);
    expect(library.body.some((s) => s.reviewDue)).toBe(true);
    expect(library.body.some((s) => s.hasDraft && s.status === 'published')).toBe(true);
    const invoices = library.body.find((s) => s.currentVersion === 3);
    expect(invoices).toBeDefined();
    const detail = await owner.get<SopDetail>(url(`/sops/${invoices?.id}`));
    expect(detail.body.versions).toHaveLength(3);
    // v2 asked for re-acknowledgement and Amira acknowledged it; v3 did not ask, so it still counts.
    const amiraAck = detail.body.acknowledgements.members.find((m) => m.memberId === amira.user.id);
    expect(amiraAck?.acknowledged).toBe(true);

    const tasks = await owner.get<TaskPage>(url('/tasks?limit=1000'));
    const pinnedId = tasks.body.items.find((t) => t.title.startsWith('Rechnungen der Mühle'))?.id;
    const pinned = await owner.get<Task>(url(`/tasks/${pinnedId}`));
    expect(pinned.body.sop).toMatchObject({ versionNumber: 2, currentVersion: 3 });
    expect(pinned.body.checklist.every((i) => i.sopStep !== null)).toBe(true);

    const plans = await ben.get<OnboardingPlanSummary[]>(url('/onboarding-plans'));
    expect(plans.body).toHaveLength(1);
    const plan = await ben.get<OnboardingPlan>(url(`/onboarding-plans/${plans.body[0]?.id}`));
    expect(plan.body.itemsDone).toBeGreaterThan(0);
    expect(plan.body.itemsDone).toBeLessThan(plan.body.itemsTotal);
    expect(plan.body.episodeIds).toHaveLength(1);

    const lessons = await owner.get<LessonSummary[]>(url('/lessons'));
    expect(lessons.body.length).toBeGreaterThanOrEqual(4);
    const followUps = await owner.get<FollowUp[]>(url('/follow-ups'));
    const statuses = new Set(followUps.body.map((f) => (f.overdue ? 'overdue' : f.status)));
    expect(statuses).toEqual(new Set(['open', 'done', 'overdue']));
    expect(followUps.body.some((f) => f.kind === 'sop_change' && f.status === 'open' && f.sopVersionId)).toBe(
      true,
    );
  });

  it('shows the rhythm: a weekly round whose agenda built itself, check-ins and open questions', async () => {
    h().clock.set('2026-03-25T09:00:00.000Z');
    const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 2 });
    const [amira, ben] = assistants as [Person, Person];
    await seedDemoTasks(h().app.deps, {
      workspaceId: workspace.id,
      ownerId: owner.user.id,
      assistantIds: [amira.user.id, ben.user.id],
    });
    const url = (path: string) => `/api/v1/workspaces/${workspace.id}${path}`;

    const meetings = await owner.get<MeetingSeries[]>(url('/meetings'));
    expect(meetings.status).toBe(200);
    const round = meetings.body.find((m) => m.title === 'Wochenrunde');
    expect(round?.rrule).toContain('FREQ=WEEKLY');
    const start = encodeURIComponent(round?.next?.originalStart ?? '');
    const agenda = await owner.get<Agenda>(url(`/meetings/${round?.id}/occurrences/${start}/agenda`));
    expect(agenda.status).toBe(200);
    const sources = new Set(agenda.body.items.map((i) => i.source));
    for (const source of [
      'pinned',
      'question',
      'blocked_task',
      'checkin_blocker',
      'action_item',
      'level_proposal',
    ]) {
      expect(sources, source).toContain(source);
    }

    const open = await owner.get<Question[]>(url('/questions?status=open'));
    expect(open.body.length).toBeGreaterThanOrEqual(2);
    expect(open.body.some((q) => q.waitingHours > 24 && q.taskId !== null)).toBe(true);
    const checkIns = await owner.get<CheckIn[]>(url('/check-ins'));
    expect(checkIns.body.length).toBeGreaterThanOrEqual(4);
    expect(checkIns.body.some((c) => c.discuss)).toBe(true);
    // An assistant reads only their own check-ins.
    const own = await ben.get<CheckIn[]>(url('/check-ins'));
    expect(new Set(own.body.map((c) => c.memberId))).toEqual(new Set([ben.user.id]));
    // The Easter goal is at risk, so it is on the round's agenda; its missions have tasks.
    expect(agenda.body.items.some((i) => i.source === 'goal')).toBe(true);
    const missions = await owner.get<{ title: string; progress: { tasksTotal: number } }[]>(url('/missions'));
    expect(missions.status).toBe(200);
    expect(missions.body.some((m) => m.progress.tasksTotal >= 2)).toBe(true);
  });

  it('shows the insights: a principal × assistant pair in each band, with a trend', async () => {
    h().clock.set('2026-03-25T09:00:00.000Z');
    const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 2 });
    const [amira, ben] = assistants as [Person, Person];
    await seedDemoTasks(h().app.deps, {
      workspaceId: workspace.id,
      ownerId: owner.user.id,
      assistantIds: [amira.user.id, ben.user.id],
    });
    const url = (path: string) => `/api/v1/workspaces/${workspace.id}${path}`;

    const insights = await owner.get<Insights>(url('/insights'));
    expect(insights.status).toBe(200);
    const { pairs } = insights.body;
    if (process.env.DEMO_INSIGHTS_DEBUG)
      for (const p of pairs)
        console.log(
          p.principalName,
          p.assistantName,
          p.completedTasks,
          p.score,
          p.band,
          p.signals.map((s) => `${s.key}=${s.value.toFixed(2)} ${JSON.stringify(s.raw)}`).join('\n  '),
          JSON.stringify(p.underSupport),
        );
    // Paula and her co-owner Jonas, each with Amira and Ben.
    expect(pairs).toHaveLength(4);
    expect(pairs.map((p) => p.band).sort()).toEqual(['critical', 'healthy', 'high', 'watch']);
    for (const p of pairs) expect(p.completedTasks).toBeGreaterThanOrEqual(10);
    const band = (principal: string, assistant: string) =>
      pairs.find((p) => p.principalId === principal && p.assistantId === assistant)?.band;
    expect(band(owner.user.id, amira.user.id)).toBe('healthy');
    expect(band(owner.user.id, ben.user.id)).toBe('high');
    // Every signal has something to show somewhere, and each one's suggestion with it.
    for (const key of [
      'overReview',
      'levelLag',
      'reviewLatency',
      'preferenceRejections',
      'takeBacks',
      'redundantNudges',
      'extendedGuidance',
    ]) {
      expect(
        pairs.some((p) => p.signals.some((s) => s.key === key && s.value > 0 && s.suggestion !== null)),
        key,
      ).toBe(true);
    }
    expect(pairs.some((p) => p.underSupport.total > 0)).toBe(true);

    // Paula's habit with Amira's posts faded: her index was higher two months ago.
    const trend = await owner.get<InsightTrend>(
      url(`/insights/trend?principalId=${owner.user.id}&assistantId=${amira.user.id}`),
    );
    expect(trend.status).toBe(200);
    const points = trend.body.index.filter((v): v is number => v !== null);
    expect(points.length).toBeGreaterThanOrEqual(8);
    expect(Math.max(...points.slice(0, 4))).toBeGreaterThan((points.at(-1) ?? 0) + 10);

    // The co-owner is a principal: he sees the same insights; an assistant gets none.
    expect((await ben.get(url('/insights'))).status).toBe(404);
  });

  it('works with the owner alone', async () => {
    const { workspace, owner } = await workspaceWith(h());
    await seedDemoTasks(h().app.deps, {
      workspaceId: workspace.id,
      ownerId: owner.user.id,
      assistantIds: [],
    });
    const areas = await h()
      .db.db.selectFrom('areas')
      .selectAll()
      .where('workspace_id', '=', workspace.id)
      .execute();
    expect(areas.every((a) => a.owner_id === owner.user.id && a.backup_id === null)).toBe(true);
    const tasks = await h()
      .db.db.selectFrom('tasks')
      .select('id')
      .where('workspace_id', '=', workspace.id)
      .execute();
    expect(tasks.length).toBeGreaterThanOrEqual(60);
  });
});
