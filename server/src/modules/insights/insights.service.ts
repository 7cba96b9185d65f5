import {
  AppError,
  computeMmi,
  episodeWindowDays,
  type GuidanceEpisode,
  type InsightPair,
  type Insights,
  type InsightsQuery,
  type InsightTrend,
  type InsightTrendQuery,
  type LevelLagArea,
  type MmiInput,
  type MmiResult,
  mmiDefaults,
  type TrendPoint,
  trendSeries,
  type UnderSupport,
  type UnderSupportCounts,
  underSupport,
  underSupportThresholds,
  type WeekBucket,
  weeklyBuckets,
} from '@leeway/core';
import type { Kysely } from 'kysely';
import type { Deps, MemberCtx } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { DAY, HOUR } from '../../lib/clock.ts';
import { missedMeetingParticipants } from './insights.meetings.ts';
import { redundantNudgeCounts, redundantNudgeTimes } from './insights.nudges.ts';
import {
  assigneeChangeEvents,
  blockedOnPrincipalCounts,
  completedCounts,
  completedTimes,
  editsAfterCompletion,
  editTimes,
  episodesOverlapping,
  grantsOf,
  lowAutonomyCheckInCounts,
  membersWithRole,
  openPromotionProposals,
  openQuestionCounts,
  overdueFollowUpCounts,
  type Person,
  promotionProposals,
  reviewPhaseCounts,
  reviewTimings,
  type Window,
} from './insights.repository.ts';

/**
 * The insights API (DESIGN §10): the micromanagement index of every principal × assistant
 * pair, computed from workflow events with a few grouped queries per window. Principals only:
 * an assistant gets 404 as if the API did not exist for them, so the index can never be used
 * as a ranking of assistants. Pairs are ordered by the assistant's name, never by score.
 */

const notFound = () => new AppError('not_found', 'Not found.');

function principalsOnly(ctx: MemberCtx): void {
  if (ctx.membership.role !== 'owner') throw notFound();
}

const pairKey = (principalId: string, assistantId: string) => `${principalId}|${assistantId}`;

function parseTags(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

function assigneeChange(text: string): { from: unknown; to: unknown } | null {
  try {
    const data = JSON.parse(text) as { changes?: { assigneeId?: { from?: unknown; to?: unknown } } };
    const change = data?.changes?.assigneeId;
    return change ? { from: change.from, to: change.to } : null;
  } catch {
    return null;
  }
}

/** A change request counts; "preference only" when tagged preference and not defect. */
function countChangeRequest(input: MmiInput, tagsJson: string): void {
  input.preferenceRejections.changeRequests += 1;
  const tags = parseTags(tagsJson);
  if (tags.includes('preference') && !tags.includes('defect')) input.preferenceRejections.preferenceOnly += 1;
}

function emptyInput(): MmiInput {
  return {
    completedTasks: 0,
    overReview: { requested: 0, required: 0 },
    levelLag: { areas: [] },
    reviewLatency: { hours: [] },
    preferenceRejections: { preferenceOnly: 0, changeRequests: 0 },
    takeBacks: { reassignedToPrincipal: 0, editsAfterAcceptance: 0 },
    // Filled from task_nudges (insights.nudges.ts): each nudge was marked redundant when sent.
    redundantNudges: { redundantNudges: 0, windowDays: mmiDefaults.windowDays },
    extendedGuidance: { episodes: [] },
  };
}

type GrantRow = Awaited<ReturnType<typeof grantsOf>>[number];
type EpisodeRow = Awaited<ReturnType<typeof episodesOverlapping>>[number];

/**
 * Level lag per assistant: "criteria met since" is not stored; an automatic promotion
 * proposal is created by the evaluation job when the criteria are met, so the created_at of
 * the proposal open at the window's end stands for it (declined ones never count). Levels are
 * today's grants: grant history is not replayed for past trend weeks.
 */
function lagAreasOf(
  grants: readonly GrantRow[],
  openProposals: readonly { member_id: string; area_id: string; created_at: string }[],
  endMs: number,
): Map<string, LevelLagArea[]> {
  const proposalSince = new Map<string, number>();
  for (const p of openProposals) {
    const key = `${p.member_id}|${p.area_id}`;
    const at = Date.parse(p.created_at);
    const prev = proposalSince.get(key);
    if (prev === undefined || at < prev) proposalSince.set(key, at);
  }
  const lagAreas = new Map<string, LevelLagArea[]>();
  for (const g of grants) {
    const since = proposalSince.get(`${g.member_id}|${g.area_id}`);
    const list = lagAreas.get(g.member_id) ?? [];
    list.push({
      areaName: g.area_name,
      level: g.level,
      criteriaMetDays: since === undefined ? null : Math.floor((endMs - since) / DAY),
    });
    lagAreas.set(g.member_id, list);
  }
  return lagAreas;
}

/** Support episodes per assistant as the extended-guidance signal reads them. */
function guidanceOf(episodes: readonly EpisodeRow[], w: Window): Map<string, GuidanceEpisode[]> {
  const endMs = Date.parse(w.end);
  const startMs = Date.parse(w.start);
  const guidance = new Map<string, GuidanceEpisode[]>();
  for (const e of episodes) {
    if (Date.parse(e.starts_at) >= endMs || (e.ended_at !== null && Date.parse(e.ended_at) <= startMs))
      continue;
    const endsAt = e.ended_at !== null && Date.parse(e.ended_at) < endMs ? e.ended_at : w.end;
    const list = guidance.get(e.member_id) ?? [];
    list.push({ areaName: e.area_name, ...episodeWindowDays({ startsAt: e.starts_at, endsAt }, w) });
    guidance.set(e.member_id, list);
  }
  return guidance;
}

/**
 * The index inputs of every pair over the headline window (grouped counts; the trend counts
 * one pair's rows itself, see `getTrend`). Signals about the principal's own behaviour (over-review, latency, preference
 * rejections, take-backs) are attributed by reviewer / actor; the rest belong to the
 * assistant and are the same for each principal.
 */
async function mmiInputs(
  db: Kysely<Database>,
  workspaceId: string,
  principals: readonly Person[],
  assistants: readonly Person[],
  w: Window,
): Promise<Map<string, MmiInput>> {
  const principalIds = principals.map((p) => p.id);
  const assistantIds = assistants.map((a) => a.id);
  const [completed, phases, timings, reassigns, edits, grants, proposals, episodes, nudges] =
    await Promise.all([
      completedCounts(db, workspaceId, assistantIds, w),
      reviewPhaseCounts(db, workspaceId, assistantIds, w),
      reviewTimings(db, workspaceId, assistantIds, w),
      assigneeChangeEvents(db, workspaceId, principalIds, w),
      editsAfterCompletion(db, workspaceId, assistantIds, principalIds, w),
      grantsOf(db, workspaceId, assistantIds),
      openPromotionProposals(db, workspaceId, assistantIds, w.end),
      episodesOverlapping(db, workspaceId, assistantIds, w),
      redundantNudgeCounts(db, workspaceId, principalIds, assistantIds, w),
    ]);

  const lagAreas = lagAreasOf(grants, proposals, Date.parse(w.end));
  const guidance = guidanceOf(episodes, w);

  const inputs = new Map<string, MmiInput>();
  for (const p of principals) {
    for (const a of assistants) {
      const input = emptyInput();
      input.completedTasks = completed.get(a.id) ?? 0;
      input.levelLag = { areas: lagAreas.get(a.id) ?? [] };
      input.extendedGuidance = { episodes: guidance.get(a.id) ?? [] };
      input.redundantNudges.redundantNudges = nudges.get(pairKey(p.id, a.id)) ?? 0;
      inputs.set(pairKey(p.id, a.id), input);
    }
  }
  const at = (principalId: string | null, assistantId: string | null) =>
    principalId && assistantId ? inputs.get(pairKey(principalId, assistantId)) : undefined;

  for (const r of phases) {
    const n = Number(r.n ?? 0);
    if (r.phase === 'requested') {
      const input = at(r.reviewer_id, r.member_id);
      if (input) input.overReview.requested += n;
    } else {
      // Reviews a rule demanded (required, sample, guardrail) count for every principal: the
      // ratio asks how many reviews this principal asked for beyond what the rules demand.
      for (const p of principals) {
        const input = at(p.id, r.member_id);
        if (input) input.overReview.required += n;
      }
    }
  }
  for (const r of timings) {
    const input = at(r.reviewer_id, r.member_id);
    if (!input) continue;
    (input.reviewLatency.hours as number[]).push(
      (Date.parse(r.decided_at) - Date.parse(r.submitted_at)) / HOUR,
    );
    if (r.outcome === 'changes_requested') countChangeRequest(input, r.tags);
  }
  for (const e of reassigns) {
    const change = assigneeChange(e.data);
    if (!change || typeof change.from !== 'string' || typeof change.to !== 'string') continue;
    const input = at(change.to, change.from);
    if (input) input.takeBacks.reassignedToPrincipal += 1;
  }
  for (const e of edits) {
    const input = at(e.actorId, e.assigneeId);
    if (input) input.takeBacks.editsAfterAcceptance += e.n;
  }
  return inputs;
}

/** The under-support counters of every pair, as of now. */
async function underSupportOf(
  db: Kysely<Database>,
  workspaceId: string,
  principals: readonly Person[],
  assistants: readonly Person[],
  now: Date,
  w: Window,
): Promise<Map<string, UnderSupport>> {
  const principalIds = principals.map((p) => p.id);
  const assistantIds = assistants.map((a) => a.id);
  const nowIso = now.toISOString();
  const [questions, blocked, occurrences, checkIns, followUps] = await Promise.all([
    openQuestionCounts(
      db,
      workspaceId,
      assistantIds,
      new Date(now.getTime() - underSupportThresholds.questionHours * HOUR).toISOString(),
    ),
    blockedOnPrincipalCounts(
      db,
      workspaceId,
      assistantIds,
      principalIds,
      new Date(now.getTime() - underSupportThresholds.blockedOnPrincipalHours * HOUR).toISOString(),
    ),
    missedMeetingParticipants(db, workspaceId, w, now),
    lowAutonomyCheckInCounts(db, workspaceId, assistantIds, underSupportThresholds.lowAutonomyMax, w),
    overdueFollowUpCounts(db, workspaceId, nowIso),
  ]);
  const result = new Map<string, UnderSupport>();
  for (const p of principals) {
    for (const a of assistants) {
      let missed = 0;
      for (const set of occurrences) if (set.has(p.id) && set.has(a.id)) missed += 1;
      const counts: UnderSupportCounts = {
        questionsUnansweredOver24h: questions.get(a.id) ?? 0,
        tasksBlockedOnPrincipalOver48h: blocked.get(a.id) ?? 0,
        missedMeetings: missed,
        lowAutonomyCheckIns: checkIns.get(a.id) ?? 0,
        overdueFollowUps: (followUps.get(a.id) ?? 0) + (followUps.get(p.id) ?? 0),
      };
      result.set(pairKey(p.id, a.id), underSupport(counts));
    }
  }
  return result;
}

function toPair(principal: Person, assistant: Person, mmi: MmiResult, support: UnderSupport): InsightPair {
  return {
    principalId: principal.id,
    principalName: principal.name,
    assistantId: assistant.id,
    assistantName: assistant.name,
    status: mmi.status,
    completedTasks: mmi.completedTasks,
    score: mmi.score,
    band: mmi.band,
    biggest: mmi.biggest,
    signals: mmi.signals.map((s) => ({
      key: s.key,
      value: s.value,
      weight: s.weight,
      contribution: s.contribution,
      raw: s.raw,
      suggestion: s.suggestion ? { code: s.suggestion.code, params: { ...s.suggestion.params } } : null,
    })),
    underSupport: support,
  };
}

/** The index of every principal × assistant pair over the last 30 days; principals only. */
export async function getInsights(ctx: MemberCtx, query: InsightsQuery): Promise<Insights> {
  principalsOnly(ctx);
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const now = ctx.deps.clock.now();
  const principals = await membersWithRole(db, workspaceId, 'owner');
  let assistants = await membersWithRole(db, workspaceId, 'assistant');
  if (query.assistantId !== undefined) {
    assistants = assistants.filter((a) => a.id === query.assistantId);
    if (assistants.length === 0) throw notFound();
  }
  const w: Window = {
    start: new Date(now.getTime() - mmiDefaults.windowDays * DAY).toISOString(),
    end: now.toISOString(),
  };
  const [inputs, support] = await Promise.all([
    mmiInputs(db, workspaceId, principals, assistants, w),
    underSupportOf(db, workspaceId, principals, assistants, now, w),
  ]);
  const pairs: InsightPair[] = [];
  // Ordered by assistant (name, as membersWithRole returns them), then principal: never by score.
  for (const a of assistants) {
    for (const p of principals) {
      const key = pairKey(p.id, a.id);
      pairs.push(
        toPair(p, a, computeMmi(inputs.get(key) ?? emptyInput()), support.get(key) ?? underSupport(zero)),
      );
    }
  }
  return {
    windowDays: mmiDefaults.windowDays,
    generatedAt: now.toISOString(),
    computedFrom: 'workflow_events',
    pairs,
  };
}

/**
 * The headline index (last 30 days as of `now`) of the given principals with the given
 * assistants, without a caller: the weekly digest job computes it for each principal with the
 * same grouped queries as `getInsights`. Ordered by assistant, then principal, never by score.
 */
export async function pairsAsOf(
  deps: Deps,
  workspaceId: string,
  principals: readonly Person[],
  assistants: readonly Person[],
  now: Date,
): Promise<InsightPair[]> {
  const w: Window = {
    start: new Date(now.getTime() - mmiDefaults.windowDays * DAY).toISOString(),
    end: now.toISOString(),
  };
  const [inputs, support] = await Promise.all([
    mmiInputs(deps.db, workspaceId, principals, assistants, w),
    underSupportOf(deps.db, workspaceId, principals, assistants, now, w),
  ]);
  return assistants.flatMap((a) =>
    principals.map((p) => {
      const key = pairKey(p.id, a.id);
      return toPair(
        p,
        a,
        computeMmi(inputs.get(key) ?? emptyInput()),
        support.get(key) ?? underSupport(zero),
      );
    }),
  );
}

const zero: UnderSupportCounts = {
  questionsUnansweredOver24h: 0,
  tasksBlockedOnPrincipalOver48h: 0,
  missedMeetings: 0,
  lowAutonomyCheckIns: 0,
  overdueFollowUps: 0,
};

function bucketsFor(now: Date, timeZone: string): WeekBucket[] {
  try {
    return weeklyBuckets(now, mmiDefaults.trendWeeks, timeZone, mmiDefaults.windowDays);
  } catch {
    return weeklyBuckets(now, mmiDefaults.trendWeeks, 'UTC', mmiDefaults.windowDays);
  }
}

/**
 * Six months of one pair, week by week: each point is the rolling 30-day index as of the
 * week's end (in the caller's time zone), null for weeks with too little data. 26 windows of
 * the same grouped queries, restricted to the one pair.
 */
export async function getTrend(ctx: MemberCtx, query: InsightTrendQuery): Promise<InsightTrend> {
  principalsOnly(ctx);
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const [principals, assistants] = await Promise.all([
    membersWithRole(db, workspaceId, 'owner'),
    membersWithRole(db, workspaceId, 'assistant'),
  ]);
  const principal = principals.find((p) => p.id === query.principalId);
  const assistant = assistants.find((a) => a.id === query.assistantId);
  if (!principal || !assistant) throw notFound();
  const buckets = bucketsFor(ctx.deps.clock.now(), ctx.user.timeZone);
  const first = buckets[0];
  const last = buckets.at(-1);
  if (!first || !last) return { weeks: [], index: [], signals: trendSeries([], []).signals };
  // One fetch of the pair's rows over the whole range, then each week's rolling window is
  // counted in JS: 26 × the headline queries would rescan the same rows.
  const range: Window = { start: first.windowStart, end: last.asOf };
  const a = [assistant.id];
  const p = [principal.id];
  const [completed, reviews, reassigns, edits, grants, proposals, episodes, nudges] = await Promise.all([
    completedTimes(db, workspaceId, assistant.id, range),
    reviewTimings(db, workspaceId, a, range),
    assigneeChangeEvents(db, workspaceId, p, range),
    editTimes(db, workspaceId, assistant.id, principal.id, range),
    grantsOf(db, workspaceId, a),
    promotionProposals(db, workspaceId, assistant.id),
    episodesOverlapping(db, workspaceId, a, range),
    redundantNudgeTimes(db, workspaceId, principal.id, assistant.id, range),
  ]);
  const inWindow = (at: string, w: Window) => {
    const ms = Date.parse(at);
    return ms >= Date.parse(w.start) && ms < Date.parse(w.end);
  };
  // Parsed once: 26 windows × thousands of rows.
  const completedMs = completed.flatMap((r) => (r.completed_at === null ? [] : [Date.parse(r.completed_at)]));
  const editMs = edits.map((e) => Date.parse(e.created_at));
  const nudgeMs = nudges.map((at) => Date.parse(at));
  const countIn = (list: readonly number[], startMs: number, endMs: number) =>
    list.reduce((n, at) => (at >= startMs && at < endMs ? n + 1 : n), 0);
  const points: TrendPoint[] = buckets.map((b) => {
    const w: Window = { start: b.windowStart, end: b.asOf };
    const endMs = Date.parse(w.end);
    const input = emptyInput();
    input.completedTasks = countIn(completedMs, Date.parse(w.start), endMs);
    const open = proposals.filter(
      (x) =>
        Date.parse(x.created_at) < endMs &&
        (x.status === 'pending' || (x.decided_at !== null && Date.parse(x.decided_at) > endMs)),
    );
    input.levelLag = { areas: lagAreasOf(grants, open, endMs).get(assistant.id) ?? [] };
    input.extendedGuidance = { episodes: guidanceOf(episodes, w).get(assistant.id) ?? [] };
    const hours: number[] = [];
    for (const r of reviews) {
      if (!inWindow(r.decided_at, w)) continue;
      if (r.phase !== 'requested') input.overReview.required += 1;
      if (r.reviewer_id !== principal.id) continue;
      if (r.phase === 'requested') input.overReview.requested += 1;
      hours.push((Date.parse(r.decided_at) - Date.parse(r.submitted_at)) / HOUR);
      if (r.outcome === 'changes_requested') countChangeRequest(input, r.tags);
    }
    input.reviewLatency = { hours };
    for (const e of reassigns) {
      if (!inWindow(e.created_at, w)) continue;
      const change = assigneeChange(e.data);
      if (change?.from === assistant.id && change.to === principal.id)
        input.takeBacks.reassignedToPrincipal += 1;
    }
    input.takeBacks.editsAfterAcceptance = countIn(editMs, Date.parse(w.start), endMs);
    input.redundantNudges.redundantNudges = countIn(nudgeMs, Date.parse(w.start), endMs);
    return { weekStart: b.weekStart, result: computeMmi(input) };
  });
  const series = trendSeries(points, buckets);
  return { weeks: series.weeks, index: series.index, signals: series.signals };
}
