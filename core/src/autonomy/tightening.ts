import { decidedUpTo, type ReviewFacts, reviewedResults } from './evidence.ts';
import { type Explanation, explain } from './explanations.ts';
import { foldResults, initialReplay, promotionTimes, type ReplayState, settleReplay } from './replay.ts';
import { effectiveSampleRate } from './review-routing.ts';
import type { AutonomySettings } from './settings.ts';
import { DAY_MS, type Instant, toIso, toMs } from './time.ts';
import { type AutonomyLevel, toAutonomyLevel } from './values.ts';

/**
 * Tighten and relax (DESIGN §4): when `defects` (2) of the last `window` (5) reviewed results
 * had a defect, sampling for this assistant × area tightens to max(2 × rate, 50 %) until
 * `relaxAfter` (5) consecutive first-pass accepts. Computed by replaying the history, so
 * nothing has to be stored to know the state and any past state can be explained.
 *
 * Choices the design left open, made here:
 * - The window restarts after a relax, so the defects that caused a tightening cannot
 *   re-tighten it the moment it relaxes.
 * - A promotion ends a running tightening and starts a grace period of `graceDays` (14);
 *   results decided within it never count towards a tightening, during or after it
 *   ("no tightening in the 14 days after a promotion" would otherwise only postpone one).
 * - The state changes only on a reviewed result; time passing alone changes nothing.
 */

export interface SamplingStateInput {
  /** Review records of the assistant's results in the area, any order, ideally the whole history. */
  records: readonly ReviewFacts[];
  /** When the assistant's grant in the area was raised (every upward level change). */
  promotions: readonly Instant[];
  /** The effective level, for the base rate. */
  level: AutonomyLevel;
  settings: AutonomySettings;
  now: Instant;
}

export interface SamplingState {
  tightened: boolean;
  /** When the running tightening began; null when not tightened. */
  since: string | null;
  baseRate: number;
  /** The rate sampling uses now: the base rate, or the tightened one. */
  rate: number;
  /** First-pass accepts in a row since the tightening began (towards `relaxAfter`); 0 when not tightened. */
  consecutiveFirstPass: number;
  relaxAfter: number;
  /** When each tightening in the history began, oldest first (input to `shouldProposeDemotion`). */
  tighteningStarts: string[];
  explanation: Explanation;
}

/** Replays the reviewed results and promotions up to `now` and returns where sampling stands. */
export function samplingState(input: SamplingStateInput): SamplingState {
  const now = toMs(input.now);
  const results = reviewedResults(decidedUpTo(input.records, now));
  const promotions = promotionTimes(input.promotions, now);
  const state = foldResults(initialReplay(0), results, promotions, input.settings);
  return samplingOf(state, promotions, input.level, input.settings, input.now);
}

/** Where sampling stands after a replay (`replay.ts`) of the results up to `now`. */
export function samplingOf(
  folded: ReplayState,
  promotions: readonly number[],
  level: AutonomyLevel,
  settings: AutonomySettings,
  at: Instant,
): SamplingState {
  const t = settings.tightening;
  const now = toMs(at);
  const graceMs = t.graceDays * DAY_MS;
  const state = settleReplay(folded, promotions);
  const { tightened, since, streak, latestPromotion } = state;
  const { baseRate, rate } = effectiveSampleRate(level, settings, tightened);
  const base = {
    tightened,
    since: since === null ? null : toIso(since),
    baseRate,
    rate,
    consecutiveFirstPass: tightened ? streak : 0,
    relaxAfter: t.relaxAfter,
    tighteningStarts: state.starts.map(toIso),
  };
  if (tightened && since !== null) {
    return {
      ...base,
      explanation: explain('sampling_tightened', {
        since: toIso(since),
        defects: state.triggerDefects,
        window: t.window,
        baseRate,
        rate,
        consecutiveFirstPass: streak,
        relaxAfter: t.relaxAfter,
      }),
    };
  }
  if (latestPromotion !== null && now < latestPromotion + graceMs) {
    // Say so when the grace is what keeps sampling normal right now.
    const defects = state.sincePromotion.filter(Boolean).length;
    if (defects >= t.defects) {
      return {
        ...base,
        explanation: explain('tightening_grace', {
          defects,
          window: t.window,
          promotedAt: toIso(latestPromotion),
          graceDays: t.graceDays,
          graceEndsAt: toIso(latestPromotion + graceMs),
          baseRate,
        }),
      };
    }
  }
  return { ...base, explanation: explain('sampling_normal', { baseRate, rate }) };
}

/** Tightenings that began within the last `demotionWindowDays` (90) up to `now`, and not before `notBefore`. */
export function tighteningsInWindow(
  starts: readonly Instant[],
  now: Instant,
  settings: AutonomySettings,
  notBefore?: Instant | null,
): number {
  const end = toMs(now);
  const from = Math.max(
    end - settings.tightening.demotionWindowDays * DAY_MS,
    notBefore == null ? Number.NEGATIVE_INFINITY : toMs(notBefore),
  );
  return starts.filter((s) => {
    const ms = toMs(s);
    return ms > from && ms <= end;
  }).length;
}

export interface DemotionSuggestion {
  propose: boolean;
  from: AutonomyLevel;
  /** One level down when proposed; null otherwise (and always null at level 1). */
  to: AutonomyLevel | null;
  tightenings: number;
  explanation: Explanation;
}

/**
 * Whether to put "one level down" to the principals for discussion (DESIGN §4: after 3
 * tightenings in 90 days). This is the only demotion rule and it returns a suggestion, never
 * a level: the grant changes only when a principal accepts the proposal (`decideProposal`).
 * `notBefore` lets the caller ignore tightenings already discussed (the last decision on a
 * demotion suggestion, or the last level change), so a declined suggestion is not repeated
 * for the same history.
 */
export function shouldProposeDemotion(input: {
  level: number;
  tighteningStarts: readonly Instant[];
  settings: AutonomySettings;
  now: Instant;
  notBefore?: Instant | null;
}): DemotionSuggestion {
  const from = toAutonomyLevel(input.level);
  const { demotionAfter: threshold, demotionWindowDays: windowDays } = input.settings.tightening;
  const tightenings = tighteningsInWindow(input.tighteningStarts, input.now, input.settings, input.notBefore);
  if (from > 1 && tightenings >= threshold) {
    const to = (from - 1) as AutonomyLevel;
    return {
      propose: true,
      from,
      to,
      tightenings,
      explanation: explain('demotion_suggested', { from, to, tightenings, threshold, windowDays }),
    };
  }
  return {
    propose: false,
    from,
    to: null,
    tightenings,
    explanation: explain('demotion_not_suggested', { level: from, tightenings, threshold, windowDays }),
  };
}
