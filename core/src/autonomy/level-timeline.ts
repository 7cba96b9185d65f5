import { type Instant, toMs } from './time.ts';
import { type AutonomyLevel, toAutonomyLevel } from './values.ts';

/**
 * Levels over time (issue 7, "Trends"): for each assistant × area and each week, the level that
 * was granted at the week's end, the level the rules applied then (capped by a running support
 * episode) and whether close guidance ran at any time that week. The delegation board draws it
 * as a heat map. History is replayed from what is stored: the current grant, every level change
 * (kept forever, DESIGN §4) and every support episode.
 */

/** The current grant of one cell; `createdAt` is when the assistant first got a level there. */
export interface TimelineGrant {
  memberId: string;
  areaId: string;
  level: number;
  since: string;
  createdAt: string;
}

export interface TimelineChange {
  memberId: string;
  areaId: string;
  from: number;
  to: number;
  at: string;
}

export interface TimelineEpisode {
  memberId: string;
  areaId: string;
  capLevel: number;
  startsAt: string;
  plannedEndAt: string;
  endedAt: string | null;
}

/** A week as `weeklyBuckets` gives it: [weekStart, weekEnd). */
export interface TimelineWeek {
  weekStart: string;
  weekEnd: string;
}

/** One week of one cell; all null/false before the assistant had a level in the area. */
export interface TimelineCell {
  granted: AutonomyLevel | null;
  effective: AutonomyLevel | null;
  /** A support episode ran during (part of) the week. */
  episode: boolean;
}

export interface TimelineRow {
  memberId: string;
  areaId: string;
  cells: TimelineCell[];
}

export interface LevelTimelineInput {
  grants: readonly TimelineGrant[];
  changes: readonly TimelineChange[];
  episodes: readonly TimelineEpisode[];
  weeks: readonly TimelineWeek[];
  now: Instant;
}

const empty: TimelineCell = { granted: null, effective: null, episode: false };

const key = (memberId: string, areaId: string) => `${memberId}\u0000${areaId}`;

function groupBy<T extends { memberId: string; areaId: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item.memberId, item.areaId);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Milliseconds or +∞ for an unreadable instant, so a damaged row never lands inside a week. */
function ms(at: string): number {
  const value = toMs(at);
  return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
}

/**
 * One row per grant (in the order given), one cell per week. Each week is read at its last
 * moment — or at `now` for the week still running — so a change on Monday 00:00 counts for the
 * week it opens. The granted level is replayed backwards from the current grant: before a
 * change the level was that change's `from`, so the row always ends at today's grant even if
 * an old row of the history is inconsistent. The effective level is min(granted, the lowest cap
 * of the episodes running at that moment); the area's `maxLevel` is left out because its past
 * values are not stored. A week before the cell's first trace (grant created, level since, first
 * change) is empty: the assistant did not work there yet.
 */
export function levelTimeline(input: LevelTimelineInput): TimelineRow[] {
  const nowMs = toMs(input.now);
  const changesByCell = groupBy(input.changes);
  const episodesByCell = groupBy(input.episodes);
  const weeks = input.weeks.map((w) => {
    const start = ms(w.weekStart);
    // The week's last millisecond, or now for the running week.
    return { start, probe: Math.min(ms(w.weekEnd) - 1, nowMs) };
  });

  return input.grants.map((grant) => {
    const k = key(grant.memberId, grant.areaId);
    // Oldest first: the first change after a moment tells (by its `from`) the level at that moment.
    const changes = (changesByCell.get(k) ?? [])
      .map((c) => ({ at: ms(c.at), from: toAutonomyLevel(c.from) }))
      .filter((c) => Number.isFinite(c.at))
      .sort((a, b) => a.at - b.at);
    const episodes = (episodesByCell.get(k) ?? []).map((e) => ({
      start: ms(e.startsAt),
      // Ends at its planned end, or earlier when someone ended it.
      end: Math.min(ms(e.plannedEndAt), e.endedAt === null ? Number.POSITIVE_INFINITY : ms(e.endedAt)),
      cap: toAutonomyLevel(e.capLevel),
    }));
    const current = toAutonomyLevel(grant.level);
    const firstTrace = Math.min(
      ms(grant.createdAt),
      ms(grant.since),
      changes[0]?.at ?? Number.POSITIVE_INFINITY,
    );

    const cells = weeks.map(({ start, probe }): TimelineCell => {
      if (!Number.isFinite(probe) || probe < firstTrace || probe < start) return empty;
      const next = changes.find((c) => c.at > probe);
      const granted = next === undefined ? current : next.from;
      let cap: AutonomyLevel = 5;
      let episode = false;
      for (const e of episodes) {
        if (e.start <= probe && e.end > start) episode = true;
        if (e.start <= probe && probe < e.end && e.cap < cap) cap = e.cap;
      }
      return { granted, effective: Math.min(granted, cap) as AutonomyLevel, episode };
    });
    return { memberId: grant.memberId, areaId: grant.areaId, cells };
  });
}
