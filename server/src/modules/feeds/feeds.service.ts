import { createHash, randomBytes } from 'node:crypto';
import {
  AppError,
  buildCalendar,
  buildMeetingCalendar,
  type CalendarFeed,
  type FeedMeeting,
  type FeedTask,
  feedEventsFor,
  type IcalMeetingEvent,
} from '@leeway/core';
import type { Deps, MemberCtx } from '../../context.ts';
import { newId } from '../../lib/ids.ts';
import { overridesOf, participantsOf } from '../meetings/meetings.repository.ts';
import { readableSeries } from '../meetings/meetings.service.ts';
import { type SeriesContext, timingOf, toOverride } from '../meetings/meetings.shared.ts';
import { loadViewer } from '../tasks/visibility.ts';
import {
  deleteFeed,
  dueTasksVisibleTo,
  findFeed,
  findFeedByHash,
  replaceFeed,
  seriesOfMember,
  touchFeed,
} from './feeds.repository.ts';

/**
 * Feed tokens follow lib/tokens.ts: 256 random bits, url-safe, a prefix naming their purpose
 * (so a session or reset token is never taken for a feed token, nor the other way round),
 * and only the SHA-256 is stored.
 */
const FEED_PREFIX = 'cal_';

export function newFeedToken(): string {
  return `${FEED_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashFeedToken(token: string): string | null {
  if (!token.startsWith(FEED_PREFIX) || token.length > 200) return null;
  return createHash('sha256').update(token).digest('hex');
}

/** A feed returns at most this many task due dates, the latest due first. */
export const feedTaskCap = 2000;
const HOUR_MS = 3_600_000;

const feedNotFound = () => new AppError('not_found', 'Calendar feed not found.');

function feedView(row: { created_at: string; last_used_at: string | null } | undefined, url: string | null) {
  return {
    exists: row !== undefined,
    url,
    createdAt: row?.created_at ?? null,
    lastUsedAt: row?.last_used_at ?? null,
  } satisfies CalendarFeed;
}

/** The caller's feed in this workspace, without its URL (the token is shown only once). */
export async function getFeed(ctx: MemberCtx): Promise<CalendarFeed> {
  return feedView(await findFeed(ctx.deps.db, ctx.membership.workspaceId, ctx.user.id), null);
}

/** Creates the caller's feed or regenerates it: a new token, and the old URL stops working. */
export async function regenerateFeed(ctx: MemberCtx): Promise<CalendarFeed> {
  const token = newFeedToken();
  const tokenHash = hashFeedToken(token) as string;
  const now = ctx.deps.clock.now().toISOString();
  const ws = ctx.membership.workspaceId;
  await ctx.deps.db
    .transaction()
    .execute((trx) =>
      replaceFeed(trx, { id: newId(), workspaceId: ws, userId: ctx.user.id, tokenHash, now }),
    );
  return feedView(
    { created_at: now, last_used_at: null },
    `${ctx.deps.config.baseUrl}/api/v1/calendar/${token}.ics`,
  );
}

export async function revokeFeed(ctx: MemberCtx): Promise<void> {
  await deleteFeed(ctx.deps.db, ctx.membership.workspaceId, ctx.user.id);
}

const meetingUrl = (deps: Deps, workspaceId: string, seriesId: string) =>
  `${deps.config.baseUrl}/w/${workspaceId}/meetings/${seriesId}`;

function meetingEvent(deps: Deps, series: SeriesContext): IcalMeetingEvent {
  return {
    kind: 'meeting',
    seriesId: series.row.id,
    title: series.row.title,
    description: series.row.description,
    url: meetingUrl(deps, series.row.workspace_id, series.row.id),
    timing: timingOf(series.row),
    overrides: series.overrides,
    sequence: series.row.version,
  };
}

/**
 * The text of a private feed, or a 404 for a token that is unknown, revoked, regenerated, or
 * whose owner is no longer a member. Like every other door it asks the same questions on
 * every fetch: the person's meetings and the due dates of the tasks they may see right now.
 */
export async function feedCalendar(deps: Deps, rawToken: string): Promise<string> {
  const token = rawToken.endsWith('.ics') ? rawToken.slice(0, -4) : rawToken;
  const hash = hashFeedToken(token);
  if (hash === null) throw feedNotFound();
  const { db } = deps;
  const feed = await findFeedByHash(db, hash);
  if (!feed) throw feedNotFound();
  const ws = feed.workspace_id;
  const nowMs = deps.clock.now().getTime();
  const now = new Date(nowMs).toISOString();
  const viewer = await loadViewer(db, ws, feed.user_id, feed.role);
  const seriesRows = await seriesOfMember(db, ws, feed.user_id);
  const ids = seriesRows.map((s) => s.id);
  const [participants, overrideRows, tasks] = await Promise.all([
    participantsOf(db, ws, ids),
    overridesOf(db, ws, ids),
    dueTasksVisibleTo(db, viewer, ws, feedTaskCap),
  ]);
  const meetings: FeedMeeting[] = seriesRows.map((row) => {
    const mine = overrideRows.filter((o) => o.series_id === row.id);
    const participantIds = participants.get(row.id) ?? [];
    return {
      ...meetingEvent(deps, { row, participantIds, overrideRows: mine, overrides: mine.map(toOverride) }),
      participantIds,
      organizerId: row.organizer_id ?? '',
    };
  });
  const feedTasks: FeedTask[] = tasks.map((t) => ({
    id: t.id,
    title: t.title,
    description: t.description.length > 2000 ? `${t.description.slice(0, 1999)}…` : t.description,
    url: `${deps.config.baseUrl}/w/${ws}/tasks/${t.id}`,
    dueAt: t.due_at,
    timeZone: t.due_tz ?? feed.user_time_zone,
    state: t.state,
    areaId: t.area_id,
    assigneeId: t.assignee_id,
    creatorId: t.creator_id,
  }));
  await touchFeed(db, feed.id, now, new Date(nowMs - HOUR_MS).toISOString());
  return buildCalendar({
    name: `Leeway · ${feed.workspace_name}`,
    now,
    events: feedEventsFor(viewer, meetings, feedTasks),
  });
}

/** One meeting as an .ics download, for anyone who may read the meeting. */
export async function meetingCalendar(
  ctx: MemberCtx,
  meetingId: string,
): Promise<{ text: string; title: string }> {
  const series = await readableSeries(ctx, meetingId);
  return {
    text: buildMeetingCalendar(meetingEvent(ctx.deps, series), ctx.deps.clock.now().toISOString()),
    title: series.row.title,
  };
}

/**
 * `Content-Disposition` for a download named after user text: an ASCII fallback that can
 * never break out of its quotes, plus the real name RFC 5987-encoded.
 */
export function attachmentHeader(title: string): string {
  const printable = [...title]
    .map((c) => ((c.codePointAt(0) ?? 0) < 0x20 || c === '\u007f' ? ' ' : c))
    .join('');
  const clean = printable.trim().slice(0, 80) || 'meeting';
  const encoded = encodeURIComponent(`${clean}.ics`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="meeting.ics"; filename*=UTF-8''${encoded}`;
}
