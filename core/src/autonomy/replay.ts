import type { ReviewedResult } from './evidence.ts';
import type { AutonomySettings } from './settings.ts';
import { DAY_MS, toMs } from './time.ts';

/**
 * The replay of a cell's reviewed results (DESIGN §4), one result at a time: what evidence
 * and sampling know after the results so far. `computeEvidence` and `samplingState` fold the
 * whole history from `initialReplay`; a caller that kept the state after an older part of the
 * history (a checkpoint) folds only what came after it and gets the same answer, so the work
 * per submission does not grow with the cell's history.
 *
 * The state is plain JSON (numbers, booleans, arrays) so it can be stored.
 */
export interface ReplayState {
  /** The last result folded in (its first decision and task, the replay's order); null before any. */
  through: { at: number; taskId: string } | null;
  /** How many results were folded in. */
  results: number;

  // --- tighten and relax (see tightening.ts for the rules and the choices made) ---
  tightened: boolean;
  /** When the running tightening began (ms); null when not tightened. */
  since: number | null;
  /** First-pass results in a row since the tightening began. */
  streak: number;
  /** The defects in the window when the running tightening began. */
  triggerDefects: number;
  /** Defect flags of the results since the window's floor, newest last, at most `window - 1`. */
  window: boolean[];
  /** The latest promotion applied (ms); null before any. */
  latestPromotion: number | null;
  /** How many promotions (in time order) were applied: those up to a result folded in. */
  promotionsApplied: number;
  /** When each tightening began (ms), oldest first. */
  starts: number[];
  /** Defect flags of the results since the latest promotion, newest last, at most `window`. */
  sincePromotion: boolean[];

  // --- evidence at the current level (results first submitted since `levelSince`) ---
  levelSince: number;
  atLevel: number;
  firstPassAtLevel: number;
  /** First-pass results in a row at the level, counted back from the newest. */
  trailingFirstPass: number;
  /** Defect flags of the newest `window` results at the level. */
  recentAtLevel: boolean[];
}

export function initialReplay(levelSince: number): ReplayState {
  return {
    through: null,
    results: 0,
    tightened: false,
    since: null,
    streak: 0,
    triggerDefects: 0,
    window: [],
    latestPromotion: null,
    promotionsApplied: 0,
    starts: [],
    sincePromotion: [],
    levelSince,
    atLevel: 0,
    firstPassAtLevel: 0,
    trailingFirstPass: 0,
    recentAtLevel: [],
  };
}

/** The last `n` items (none when `n` ≤ 0; `slice(-0)` would keep them all). */
function lastOf<T>(items: T[], n: number): T[] {
  if (n <= 0) return [];
  return items.length > n ? items.slice(items.length - n) : items;
}

/**
 * Folds `results` (in replay order, all after `state.through`) into a copy of `state`.
 * `promotions` are every promotion of the cell in ms, sorted, up to the moment replayed to:
 * those not yet applied are applied before the first result decided at or after them.
 */
export function foldResults(
  state: ReplayState,
  results: readonly ReviewedResult[],
  promotions: readonly number[],
  settings: AutonomySettings,
): ReplayState {
  const t = settings.tightening;
  const graceMs = t.graceDays * DAY_MS;
  const s: ReplayState = {
    ...state,
    window: [...state.window],
    starts: [...state.starts],
    sincePromotion: [...state.sincePromotion],
    recentAtLevel: [...state.recentAtLevel],
  };
  for (const result of results) {
    const at = toMs(result.firstDecidedAt);
    s.through = { at, taskId: result.taskId };
    s.results++;

    // Evidence: a result belongs to the level it was first submitted at.
    if (toMs(result.submittedAt) >= s.levelSince) {
      s.atLevel++;
      if (result.firstPass) s.firstPassAtLevel++;
      s.trailingFirstPass = result.firstPass ? s.trailingFirstPass + 1 : 0;
      s.recentAtLevel = lastOf([...s.recentAtLevel, result.defect], t.window);
    }

    // A promotion ends a running tightening and restarts the window.
    while (s.promotionsApplied < promotions.length && (promotions[s.promotionsApplied] as number) <= at) {
      s.latestPromotion = promotions[s.promotionsApplied] as number;
      s.promotionsApplied++;
      s.tightened = false;
      s.since = null;
      s.streak = 0;
      s.window = [];
      s.sincePromotion = [];
    }
    if (s.latestPromotion !== null) s.sincePromotion = lastOf([...s.sincePromotion, result.defect], t.window);
    if (s.latestPromotion !== null && at < s.latestPromotion + graceMs) {
      // Within the grace: never counts towards a tightening, now or later.
      s.window = [];
      continue;
    }
    if (s.tightened) {
      s.streak = result.firstPass ? s.streak + 1 : 0;
      if (s.streak >= t.relaxAfter) {
        s.tightened = false;
        s.since = null;
        s.streak = 0;
        s.window = [];
      }
      continue;
    }
    const inWindow = lastOf([...s.window, result.defect], t.window);
    const defects = inWindow.filter(Boolean).length;
    if (defects >= t.defects) {
      s.tightened = true;
      s.since = at;
      s.streak = 0;
      s.triggerDefects = defects;
      s.starts.push(at);
    }
    s.window = lastOf(inWindow, t.window - 1);
  }
  return s;
}

/**
 * Where a replay stands at `now`: promotions after the last result still end a tightening
 * (and open a grace with no results in it yet).
 */
export function settleReplay(state: ReplayState, promotions: readonly number[]): ReplayState {
  if (state.promotionsApplied >= promotions.length) return state;
  return {
    ...state,
    latestPromotion: promotions[promotions.length - 1] as number,
    promotionsApplied: promotions.length,
    tightened: false,
    since: null,
    streak: 0,
    window: [],
    sincePromotion: [],
  };
}

/** Results ordered as the replay folds them: by first decision, ties by task id. */
export function replayOrder(a: { at: number; taskId: string }, b: { at: number; taskId: string }): number {
  return a.at - b.at || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0);
}

/** Promotion instants in ms, sorted, up to `now` (what `foldResults` takes). */
export function promotionTimes(promotions: readonly (Date | string)[], now: number): number[] {
  return promotions
    .map(toMs)
    .filter((p) => p <= now)
    .sort((a, b) => a - b);
}
