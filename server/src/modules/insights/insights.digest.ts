import {
  AppError,
  type InsightDigest,
  type InsightDigestList,
  type InsightDigestSummary,
  type InsightPair,
  type Locale,
  mmiDefaults,
  underSupportThresholds,
} from '@leeway/core';
import type { Deps, MemberCtx } from '../../context.ts';
import { isUniqueViolation } from '../../db/database.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import type { Job } from '../../jobs/scheduler.ts';
import { DAY, HOUR } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { plainExcerpt } from '../../lib/markdown.ts';
import { mailText } from '../../mail/mailer.ts';
import { DIGEST_HOUR, localDateHour, notify } from '../notifications/notifications.service.ts';
import {
  claimedWeeks,
  type DigestOwner,
  episodesEnding,
  findDigest,
  insertDigest,
  latestDigests,
  ownersOf,
  pendingProposals,
  questionsWaitingFor,
  workspacesWithAssistants,
} from './insights.digest.repository.ts';
import { membersWithRole } from './insights.repository.ts';
import { pairsAsOf } from './insights.service.ts';

/**
 * The weekly insights digest (issue 7): once per ISO week, from Monday DIGEST_HOUR in the
 * principal's time zone, every owner of a workspace with assistants gets the index per
 * assistant with its biggest signal, and what waits for them (proposals, support episodes
 * ending, questions). The stored row is the claim: (workspace, user, week) is unique, so
 * concurrent passes on any number of nodes create one digest and one notification.
 *
 * A missed Monday (the server was down) is caught up later in the same ISO week, once; a week
 * that ended without a digest is not sent afterwards (it would be stale). A principal who
 * joins mid-week therefore gets the current week's digest at the next pass.
 */

const LIST_MAX = 5;
const EPISODE_HORIZON_MS = 7 * DAY;
const RECENT_DIGESTS = 8;
const LINE_MAX = 600;

/** ISO 8601 week ('2026-W48') of a calendar date (YYYY-MM-DD). */
export function isoWeekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.getUTCDay() || 7;
  // The Thursday of the same week decides the week's year.
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / DAY + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * The ISO week whose digest is due for a person now, or null before Monday DIGEST_HOUR of
 * their week (the Monday itself before the hour belongs to no due week: last week's
 * chance has passed, this week's has not come).
 */
export function dueWeek(now: Date, timeZone: string): string | null {
  const local = localDateHour(now, timeZone);
  const monday = new Date(`${local.date}T00:00:00Z`).getUTCDay() === 1;
  if (monday && local.hour < DIGEST_HOUR) return null;
  return isoWeekOf(local.date);
}

interface Shared {
  pairs: InsightPair[];
  proposals: Awaited<ReturnType<typeof pendingProposals>>;
  episodes: Awaited<ReturnType<typeof episodesEnding>>;
}

/** One principal's digest content: their pairs by assistant name, the workspace's waiting items. */
async function summaryFor(
  deps: Deps,
  workspaceId: string,
  owner: DigestOwner,
  week: string,
  shared: Shared,
  now: Date,
): Promise<InsightDigestSummary> {
  const questions = await questionsWaitingFor(
    deps.db,
    workspaceId,
    owner.id,
    new Date(now.getTime() - underSupportThresholds.questionHours * HOUR).toISOString(),
    LIST_MAX,
  );
  const pairs = shared.pairs
    .filter((p) => p.principalId === owner.id)
    // Never a ranking: by name (the pairs come ordered by name already; made explicit here).
    .sort(
      (a, b) => a.assistantName.localeCompare(b.assistantName) || a.assistantId.localeCompare(b.assistantId),
    );
  return {
    week,
    generatedAt: now.toISOString(),
    windowDays: mmiDefaults.windowDays,
    assistants: pairs.map((p) => {
      const signal = p.biggest === null ? undefined : p.signals.find((s) => s.key === p.biggest);
      return {
        assistantId: p.assistantId,
        name: p.assistantName,
        status: p.status,
        completedTasks: p.completedTasks,
        score: p.score,
        band: p.band,
        biggest: signal ? { key: signal.key, value: signal.value, raw: signal.raw } : null,
        underSupportTotal: p.underSupport.total,
      };
    }),
    pendingProposals: {
      count: shared.proposals.count,
      items: shared.proposals.items.map((r) => ({
        id: r.id,
        memberId: r.member_id,
        memberName: r.member_name,
        areaId: r.area_id,
        areaName: r.area_name,
        fromLevel: r.from_level,
        toLevel: r.to_level,
        createdAt: r.created_at,
      })),
    },
    episodesEnding: shared.episodes.map((e) => ({
      id: e.id,
      memberId: e.member_id,
      memberName: e.member_name,
      areaId: e.area_id,
      areaName: e.area_name,
      plannedEndAt: e.planned_end_at,
    })),
    questionsWaiting: {
      count: questions.count,
      items: questions.items.map((q) => ({
        id: q.id,
        excerpt: plainExcerpt(q.body, 120),
        waitingHours: Math.max(0, Math.floor((now.getTime() - Date.parse(q.created_at)) / HOUR)),
      })),
    },
  };
}

/**
 * The notification's one plain line in the principal's language, e.g. "Amira: 31 (watch) —
 * biggest: review latency · 2 proposals waiting · 3 questions waiting". Counts of zero are left out.
 */
export function digestLine(summary: InsightDigestSummary, locale: Locale): string {
  const t = (key: string, vars: Record<string, string | number> = {}) =>
    mailText(locale, `insightsDigest.${key}`, vars);
  const parts = summary.assistants.map((a) => {
    if (a.score === null || a.band === null) return t('insufficient', { name: a.name });
    const vars = { name: a.name, score: Math.round(a.score), band: t(`bands.${a.band}`) };
    // A signal at 0 is no "biggest" worth naming.
    return a.biggest && a.biggest.value > 0
      ? t('index', { ...vars, signal: t(`signals.${a.biggest.key}`) })
      : t('indexCalm', vars);
  });
  const counted = (n: number, key: string) => {
    if (n === 1) parts.push(t(`${key}One`));
    else if (n > 1) parts.push(t(key, { count: n }));
  };
  counted(summary.pendingProposals.count, 'proposals');
  counted(summary.episodesEnding.length, 'episodes');
  counted(summary.questionsWaiting.count, 'questions');
  // Names are plain text, not Markdown: flatten and cap, but keep their characters.
  const line = parts.join(' · ').replace(/\s+/g, ' ').trim();
  return line.length > LINE_MAX ? `${line.slice(0, LINE_MAX - 1)}…` : line;
}

/**
 * One pass: every principal whose digest is due and not yet claimed gets it. The index is
 * computed once per workspace for the due principals (grouped queries, never every task);
 * the summary is computed before the claim, so a pass that loses the race only wasted reads.
 */
export async function sendInsightDigests(deps: Deps): Promise<number> {
  const { db, clock, log } = deps;
  const now = clock.now();
  const nowIso = now.toISOString();
  let created = 0;
  for (const workspaceId of await workspacesWithAssistants(db)) {
    const owners = await ownersOf(db, workspaceId);
    const due = owners.flatMap((o) => {
      const week = dueWeek(now, o.time_zone);
      return week === null ? [] : [{ owner: o, week }];
    });
    if (due.length === 0) continue;
    const claimed = await claimedWeeks(
      db,
      workspaceId,
      due.map((d) => d.owner.id),
      [...new Set(due.map((d) => d.week))],
    );
    const open = due.filter((d) => !claimed.has(`${d.owner.id}|${d.week}`));
    if (open.length === 0) continue;
    const assistants = await membersWithRole(db, workspaceId, 'assistant');
    if (assistants.length === 0) continue;
    const [pairs, proposals, episodes] = await Promise.all([
      pairsAsOf(
        deps,
        workspaceId,
        open.map((d) => ({ id: d.owner.id, name: d.owner.name })),
        assistants,
        now,
      ),
      pendingProposals(db, workspaceId, LIST_MAX),
      episodesEnding(db, workspaceId, nowIso, new Date(now.getTime() + EPISODE_HORIZON_MS).toISOString()),
    ]);
    for (const { owner, week } of open) {
      const summary = await summaryFor(deps, workspaceId, owner, week, { pairs, proposals, episodes }, now);
      const id = newId();
      const after = new AfterCommit();
      try {
        await db.transaction().execute(async (trx) => {
          await insertDigest(trx, {
            id,
            workspace_id: workspaceId,
            user_id: owner.id,
            week,
            summary: JSON.stringify(summary),
            created_at: nowIso,
          });
          // Their "off" is respected by notify; the row still claims the week.
          const told = await notify(trx, deps, {
            workspaceId,
            kind: 'insights_digest',
            recipientIds: [owner.id],
            taskId: null,
            actorId: null,
            excerpt: digestLine(summary, owner.locale),
            subjectType: 'insight_digest',
            subjectId: id,
          });
          after.notified(workspaceId, told);
        });
      } catch (err) {
        // Another pass or node claimed this week first: it sends, this one does not.
        if (isUniqueViolation(err)) continue;
        log.error({ err, workspaceId, userId: owner.id }, 'insights digest failed; next pass retries');
        continue;
      }
      after.flush(deps);
      created += 1;
    }
  }
  return created;
}

/** Every 15 minutes, so each principal's Monday DIGEST_HOUR is met within a quarter hour. */
export const insightsDigestJob: Job = {
  name: 'insights-digest',
  everyMs: 15 * 60_000,
  run: sendInsightDigests,
};

// ---- reading digests (principals, their own only) ---------------------------------------

const notFound = () => new AppError('not_found', 'Not found.');

/** One of my digests; anyone else's, an assistant's request or another workspace's id: 404. */
export async function getDigest(ctx: MemberCtx, digestId: string): Promise<InsightDigest> {
  if (ctx.membership.role !== 'owner') throw notFound();
  const row = await findDigest(ctx.deps.db, ctx.membership.workspaceId, ctx.user.id, digestId);
  if (!row) throw notFound();
  return {
    id: row.id,
    week: row.week,
    createdAt: row.created_at,
    summary: JSON.parse(row.summary) as InsightDigestSummary,
  };
}

/** My last eight digests in this workspace, newest first. */
export async function listDigests(ctx: MemberCtx): Promise<InsightDigestList> {
  if (ctx.membership.role !== 'owner') throw notFound();
  const rows = await latestDigests(ctx.deps.db, ctx.membership.workspaceId, ctx.user.id, RECENT_DIGESTS);
  return { items: rows.map((r) => ({ id: r.id, week: r.week, createdAt: r.created_at })) };
}
