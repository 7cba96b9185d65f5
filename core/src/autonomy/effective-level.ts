import { type Explanation, explain } from './explanations.ts';
import { type EpisodeFacts, isActive } from './support-episodes.ts';
import { type Instant, toIso, toMs } from './time.ts';
import { type AutonomyLevel, toAutonomyLevel } from './values.ts';

export interface EffectiveLevelInput {
  /** The granted level; null when the assistant has no grant in the area yet (they start at 1). */
  grant: number | null;
  /** The member's support episodes in this area; only those active at `now` count. */
  episodes: readonly Pick<
    EpisodeFacts,
    'id' | 'capLevel' | 'reason' | 'startsAt' | 'plannedEndAt' | 'endedAt'
  >[];
  /** The area's `maxLevel`. */
  maxLevel: number;
  now: Instant;
}

export interface EffectiveLevel {
  level: AutonomyLevel;
  /** The granted level as the ladder reads it (1 without a grant). */
  grant: AutonomyLevel;
  /** The active episode whose cap lowers the level, if any (the lowest cap when several run). */
  cappingEpisodeId: string | null;
  explanation: Explanation;
}

/**
 * The level the rules apply right now: min(grant, the cap of every active support episode,
 * the area's maxLevel). This is the only place a level goes down without a decision, and only
 * because an episode someone started on purpose (or the area's cap) says so; the grant itself
 * never changes here.
 */
export function effectiveLevel(input: EffectiveLevelInput): EffectiveLevel {
  const grant = input.grant === null ? 1 : toAutonomyLevel(input.grant);
  const areaMax = toAutonomyLevel(input.maxLevel);
  let capping: EffectiveLevelInput['episodes'][number] | null = null;
  for (const episode of input.episodes) {
    if (!isActive(episode, input.now)) continue;
    if (capping === null || toAutonomyLevel(episode.capLevel) < toAutonomyLevel(capping.capLevel)) {
      capping = episode;
    }
  }
  const cap = capping === null ? 5 : toAutonomyLevel(capping.capLevel);
  const level = Math.min(grant, cap, areaMax) as AutonomyLevel;

  // Explain the tightest limit; an episode wins a tie with the area so the board shows its end date.
  if (capping !== null && cap === level && cap < grant) {
    return {
      level,
      grant,
      cappingEpisodeId: capping.id,
      explanation: explain('level_capped_by_episode', {
        grant,
        cap,
        episodeId: capping.id,
        reason: capping.reason,
        until: toIso(
          Math.min(
            toMs(capping.plannedEndAt),
            capping.endedAt === null ? Number.POSITIVE_INFINITY : toMs(capping.endedAt),
          ),
        ),
      }),
    };
  }
  if (areaMax < grant) {
    return {
      level,
      grant,
      cappingEpisodeId: null,
      explanation: explain('level_capped_by_area', { grant, maxLevel: areaMax }),
    };
  }
  return {
    level,
    grant,
    cappingEpisodeId: null,
    explanation:
      input.grant === null ? explain('level_default', { level }) : explain('level_granted', { level }),
  };
}
