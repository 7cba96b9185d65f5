import { type Explanation, explain } from './explanations.ts';
import { type Checked, type Problem, problem } from './problems.ts';
import type { AutonomySettings } from './settings.ts';
import { DAY_MS, type Instant, toIso, toMs } from './time.ts';
import {
  type AutonomyLevel,
  autonomyLimits,
  type EpisodeReason,
  episodeReasons,
  isAutonomyLevel,
} from './values.ts';

/**
 * Support episodes (DESIGN §4, "deliberate micromanagement"): close guidance started on
 * purpose, for a reason, capped at a level, with a planned end. Nobody has to end one: it
 * stops being active at its planned end unless someone extended it, with a reason.
 */

export interface EpisodeExtension {
  /** Null once the member's account is gone; the extension stays. */
  by: string | null;
  reason: string;
  newEnd: string;
  at: string;
}

/** The fields of a stored episode the rules read (the contract's `SupportEpisode` fits). */
export interface EpisodeFacts {
  id: string;
  capLevel: number;
  reason: EpisodeReason;
  startsAt: string;
  plannedEndAt: string;
  /** Set when someone ended it before its planned end. */
  endedAt: string | null;
  extensions: readonly EpisodeExtension[];
}

export interface NewEpisodeInput {
  reason: string;
  capLevel: number;
  startsAt: Instant;
  /** Omitted: `startsAt` + the default days (14). */
  plannedEndAt?: Instant | null;
}

export interface NewEpisode {
  reason: EpisodeReason;
  capLevel: AutonomyLevel;
  startsAt: string;
  plannedEndAt: string;
}

function readDate(field: string, at: Instant, problems: Problem[]): number | null {
  const ms = toMs(at);
  if (Number.isNaN(ms)) {
    problems.push(problem(field, 'invalid_date', 'Must be a date and time.'));
    return null;
  }
  return ms;
}

/**
 * Checks a new episode and fills in its planned end. Whether the member and area exist, and
 * whether the caller may start one, is the service's business.
 */
export function validateNewEpisode(input: NewEpisodeInput, settings: AutonomySettings): Checked<NewEpisode> {
  const problems: Problem[] = [];
  if (!(episodeReasons as readonly string[]).includes(input.reason)) {
    problems.push(
      problem('reason', 'not_allowed', `Must be one of ${episodeReasons.join(', ')}.`, {
        allowed: episodeReasons.join(','),
      }),
    );
  }
  if (!isAutonomyLevel(input.capLevel)) {
    problems.push(problem('capLevel', 'integer_between', 'Must be a level from 1 to 5.', { min: 1, max: 5 }));
  }
  const start = readDate('startsAt', input.startsAt, problems);
  let end: number | null = null;
  if (start !== null) {
    const latest = start + settings.supportEpisodes.maxDays * DAY_MS;
    end =
      input.plannedEndAt == null
        ? start + settings.supportEpisodes.defaultDays * DAY_MS
        : readDate('plannedEndAt', input.plannedEndAt, problems);
    if (end !== null && end <= start) {
      problems.push(
        problem('plannedEndAt', 'must_be_after', 'Must be after the start.', { after: toIso(start) }),
      );
    } else if (end !== null && end > latest) {
      problems.push(
        problem(
          'plannedEndAt',
          'must_be_at_or_before',
          `Must be at most ${settings.supportEpisodes.maxDays} days after the start.`,
          { latest: toIso(latest), maxDays: settings.supportEpisodes.maxDays },
        ),
      );
    }
  }
  if (problems.length > 0 || start === null || end === null) return { ok: false, problems };
  return {
    ok: true,
    value: {
      reason: input.reason as EpisodeReason,
      capLevel: input.capLevel as AutonomyLevel,
      startsAt: toIso(start),
      plannedEndAt: toIso(end),
    },
  };
}

/**
 * Whether the episode caps the level at `now`: from its start up to (not including) its
 * planned end, unless it was ended earlier.
 */
export function isActive(
  episode: Pick<EpisodeFacts, 'startsAt' | 'plannedEndAt' | 'endedAt'>,
  now: Instant,
): boolean {
  const t = toMs(now);
  const endedAt = episode.endedAt === null ? Number.POSITIVE_INFINITY : toMs(episode.endedAt);
  return toMs(episode.startsAt) <= t && t < toMs(episode.plannedEndAt) && t < endedAt;
}

/** Active and planned to end within `days` of `now` (DESIGN §7: such episodes go on the agenda). */
export function endsWithin(
  episode: Pick<EpisodeFacts, 'startsAt' | 'plannedEndAt' | 'endedAt'>,
  now: Instant,
  days: number,
): boolean {
  return isActive(episode, now) && toMs(episode.plannedEndAt) - toMs(now) <= days * DAY_MS;
}

export interface ExtendInput {
  by: string;
  reason: string;
  newEnd: Instant;
  at: Instant;
}

/**
 * Extends an episode: only with a reason, only to a later end, never beyond the maximum
 * length counted from its start (so extending cannot turn guidance into a standing state).
 * An ended episode cannot be extended; start a new one, with its own reason.
 */
export function extendEpisode<E extends EpisodeFacts>(
  episode: E,
  input: ExtendInput,
  settings: AutonomySettings,
): Checked<E> {
  const problems: Problem[] = [];
  const reason = input.reason.trim();
  if (reason === '') problems.push(problem('reason', 'required', 'Say why the guidance goes on.'));
  else if (reason.length > autonomyLimits.reasonMax) {
    problems.push(problem('reason', 'too_long', 'Too long.', { max: autonomyLimits.reasonMax }));
  }
  const at = readDate('at', input.at, problems);
  if (at !== null && !isActive(episode, toIso(at)) && toMs(episode.startsAt) <= at) {
    problems.push(problem('newEnd', 'episode_over', 'This episode has ended; start a new one instead.'));
  }
  const newEnd = readDate('newEnd', input.newEnd, problems);
  if (newEnd !== null) {
    const currentEnd = toMs(episode.plannedEndAt);
    const latest = toMs(episode.startsAt) + settings.supportEpisodes.maxDays * DAY_MS;
    if (newEnd <= currentEnd) {
      problems.push(
        problem('newEnd', 'must_be_after', 'Must be after the current planned end.', {
          after: toIso(currentEnd),
        }),
      );
    } else if (newEnd > latest) {
      problems.push(
        problem(
          'newEnd',
          'must_be_at_or_before',
          `Must be at most ${settings.supportEpisodes.maxDays} days after the start.`,
          { latest: toIso(latest), maxDays: settings.supportEpisodes.maxDays },
        ),
      );
    }
  }
  if (problems.length > 0 || newEnd === null || at === null) return { ok: false, problems };
  return {
    ok: true,
    value: {
      ...episode,
      plannedEndAt: toIso(newEnd),
      extensions: [...episode.extensions, { by: input.by, reason, newEnd: toIso(newEnd), at: toIso(at) }],
    },
  };
}

/**
 * Days of guidance beyond the first `defaultDays` (14) up to `now` — the "extended guidance"
 * signal of DESIGN §10. Fractional: the insight divides by 14 and clamps, so rounding here
 * would only lose precision. A running episode counts up to `now`, a finished one to its end.
 */
export function extraDays(
  episode: Pick<EpisodeFacts, 'startsAt' | 'plannedEndAt' | 'endedAt'>,
  now: Instant,
  settings: AutonomySettings,
): number {
  const start = toMs(episode.startsAt);
  const end = Math.min(
    toMs(now),
    toMs(episode.plannedEndAt),
    episode.endedAt === null ? Number.POSITIVE_INFINITY : toMs(episode.endedAt),
  );
  const days = (end - start) / DAY_MS - settings.supportEpisodes.defaultDays;
  return Number.isFinite(days) && days > 0 ? days : 0;
}

export type EpisodeState = 'scheduled' | 'active' | 'ended';

/**
 * Where an episode stands at `now`, with the explanation the delegation board shows
 * ("ends by itself on …", "ending soon: on the agenda", "ended early").
 */
export function episodeStatus(
  episode: Pick<EpisodeFacts, 'startsAt' | 'plannedEndAt' | 'endedAt'>,
  now: Instant,
  settings: AutonomySettings,
): { state: EpisodeState; onAgenda: boolean; explanation: Explanation } {
  const t = toMs(now);
  const plannedEndAt = toIso(toMs(episode.plannedEndAt));
  if (episode.endedAt !== null && toMs(episode.endedAt) <= t && toMs(episode.endedAt) < toMs(plannedEndAt)) {
    return {
      state: 'ended',
      onAgenda: false,
      explanation: explain('episode_ended_early', { endedAt: toIso(toMs(episode.endedAt)), plannedEndAt }),
    };
  }
  if (t < toMs(episode.startsAt)) {
    return {
      state: 'scheduled',
      onAgenda: false,
      explanation: explain('episode_scheduled', { startsAt: toIso(toMs(episode.startsAt)), plannedEndAt }),
    };
  }
  if (!isActive(episode, now)) {
    return {
      state: 'ended',
      onAgenda: false,
      explanation: explain('episode_ended_planned', { plannedEndAt }),
    };
  }
  const daysLeft = Math.ceil((toMs(plannedEndAt) - t) / DAY_MS);
  const withinDays = settings.agenda.episodeEndingWithinDays;
  if (endsWithin(episode, now, withinDays)) {
    return {
      state: 'active',
      onAgenda: true,
      explanation: explain('episode_ending_soon', { plannedEndAt, daysLeft, withinDays }),
    };
  }
  return {
    state: 'active',
    onAgenda: false,
    explanation: explain('episode_active', { plannedEndAt, daysLeft }),
  };
}
