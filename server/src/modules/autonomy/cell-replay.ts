import {
  type AutonomyLevel,
  type AutonomySettings,
  decidedUpTo,
  type EvidenceFacts,
  evidenceOf,
  foldResults,
  initialReplay,
  promotionTimes,
  type ReplayState,
  type ReviewedResult,
  type ReviewFacts,
  reviewedResults,
  type SamplingState,
  samplingOf,
} from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { Deps } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import {
  type CellReview,
  findCheckpoint,
  listCellReviews,
  listCellReviewsAfter,
  parseJson,
  reviewedAtOrBefore,
  saveCheckpoint,
} from './autonomy.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

const DAY_MS = 86_400_000;
/**
 * A result is settled, and may go into a checkpoint, when its last decision was an accept or
 * it was first decided longer ago than this: a change request usually comes back for another
 * decision within days, which would change a result inside the checkpoint. (Should it come
 * back anyway, the replay notices and starts from the whole history once.)
 */
const SETTLED_MS = 7 * DAY_MS;
/**
 * Nothing decided in the last hour goes into a checkpoint, accepted or not: a transaction still
 * running (on PostgreSQL another node's review commits when it commits), or a node whose clock
 * runs a little behind, may yet add a record dated before a later result. Reads only look
 * after the checkpoint, so such a record must always land after it. (One dated more than an
 * hour back — a clock that far off, a transaction open that long — would be left out until the
 * checkpoint is next dropped.)
 */
const UNSETTLED_MS = 60 * 60 * 1000;
/** A new checkpoint once this many settled results were folded from records. */
const CHECKPOINT_AFTER = 50;
/** Tasks reviewed since the checkpoint beyond which it is cheaper to replay everything. */
const MAX_TASKS_AFTER = 1000;

export interface CellReplay {
  evidence: EvidenceFacts;
  sampling: SamplingState;
  /** Results folded from review records this time (the rest came from the checkpoint). */
  folded: number;
  /** Whether a stored checkpoint was used. */
  resumed: boolean;
}

/** The rules a state was folded with: only the tightening settings change a fold. */
function settingsKey(settings: AutonomySettings): string {
  const t = settings.tightening;
  return `v1:${t.window}:${t.defects}:${t.relaxAfter}:${t.graceDays}`;
}

function reviewFacts(row: CellReview): ReviewFacts {
  return {
    taskId: row.task_id,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    outcome: row.outcome,
    tags: row.tags === '[]' ? [] : parseJson(row.tags, []),
  };
}

/** A checkpoint as stored: the fold, and the records decided after its last result that it holds. */
interface Stored {
  replay: ReplayState;
  /**
   * Records of tasks inside the checkpoint decided after its last result (a reworked result
   * decided again): already folded in, so the next replay skips them. Any other record of
   * such a task means the checkpoint no longer describes the older history.
   */
  foldedAfter: string[];
}

/**
 * The stored state to resume from, if it still describes the older part of the history: folded
 * with these rules, not after `now`, with every promotion up to it applied, and at this level
 * (or a level granted after it, which starts its evidence afresh).
 */
function usableStart(
  row: { settings_key: string; state: string } | undefined,
  key: string,
  levelSince: number,
  promotions: readonly number[],
  now: number,
): Stored | null {
  if (!row || row.settings_key !== key) return null;
  const stored = parseJson<Stored | null>(row.state, null);
  const state = stored?.replay;
  const through = state?.through;
  if (!stored || !state || !through || !Array.isArray(stored.foldedAfter) || through.at > now) return null;
  if (promotions.filter((p) => p <= through.at).length !== state.promotionsApplied) return null;
  if (state.levelSince === levelSince) return stored;
  if (levelSince <= through.at) return null;
  return {
    ...stored,
    replay: {
      ...state,
      levelSince,
      atLevel: 0,
      firstPassAtLevel: 0,
      trailingFirstPass: 0,
      recentAtLevel: [],
    },
  };
}

/**
 * Replays a cell's review history (DESIGN §4 evidence, tighten and relax) with core's fold,
 * from the cell's checkpoint when it has a usable one: then only the records decided after it
 * are read, so a submission costs the same with 50 or 50,000 reviews behind it. The answer is
 * the one a replay of the whole history gives (tests compare both).
 *
 * The checkpoint is not used after any change to the older history: a task deleted (its
 * records go, and `deleteTaskRow` drops the checkpoint), a new record for a task it counted
 * (found here), other tightening settings, a promotion dated before it, a level granted
 * before it, a clock behind it. In a transaction (a submission, a review) a replay that folded
 * `CHECKPOINT_AFTER` settled results stores a new one after the last of them (`settledCut`).
 */
export async function replayCell(
  db: Q,
  deps: Deps,
  input: {
    workspaceId: string;
    memberId: string;
    areaId: string;
    settings: AutonomySettings;
    levelSince: string;
    promotions: readonly string[];
    level: AutonomyLevel;
  },
  options: { checkpoints?: boolean } = {},
): Promise<CellReplay> {
  const { workspaceId, memberId, areaId, settings } = input;
  const now = deps.clock.now();
  const nowMs = now.getTime();
  const promotions = promotionTimes(input.promotions, nowMs);
  const levelSince = Date.parse(input.levelSince);
  const key = settingsKey(settings);
  const useCheckpoints = options.checkpoints ?? true;

  let start: Stored | null = null;
  let records: CellReview[] | null = null;
  /** Records after the checkpoint's last result that it holds already (see `Stored`). */
  let heldAfter: CellReview[] = [];
  if (useCheckpoints) {
    start = usableStart(
      await findCheckpoint(db, workspaceId, memberId, areaId),
      key,
      levelSince,
      promotions,
      nowMs,
    );
    const through = start?.replay.through;
    if (start && through) {
      const after = new Date(through.at).toISOString();
      const held = new Set(start.foldedAfter);
      const newer = await listCellReviewsAfter(db, workspaceId, memberId, areaId, after);
      heldAfter = newer.filter((r) => held.has(r.id));
      const rest = newer.filter((r) => !held.has(r.id));
      const heldTasks = new Set(heldAfter.map((r) => r.task_id));
      const tasks = [...new Set(rest.map((r) => r.task_id))];
      // A new record for a task already counted would change a result inside the checkpoint.
      const usable =
        tasks.length <= MAX_TASKS_AFTER &&
        !tasks.some((t) => heldTasks.has(t)) &&
        !(await reviewedAtOrBefore(db, { workspaceId, memberId, areaId }, tasks, after));
      if (usable) records = rest;
      else {
        start = null;
        heldAfter = [];
      }
    }
  }
  const base = start?.replay ?? initialReplay(levelSince);
  records ??= await listCellReviews(db, workspaceId, memberId, areaId);
  const results = reviewedResults(decidedUpTo(records.map(reviewFacts), nowMs));

  let state: ReplayState;
  const cut = useCheckpoints && db.isTransaction ? settledCut(results, records, nowMs) : -1;
  // Only when it moves on far enough: not a write on every submission for the same point.
  if (cut + 1 >= CHECKPOINT_AFTER) {
    const settled = foldResults(base, results.slice(0, cut + 1), promotions, settings);
    const throughAt = (settled.through as { at: number }).at;
    const inside = new Set(results.slice(0, cut + 1).map((r) => r.taskId));
    const foldedAfter = [...heldAfter, ...records.filter((r) => inside.has(r.task_id))]
      // (A record dated after `now` was not folded: it must not count as held.)
      .filter((r) => Date.parse(r.decided_at) > throughAt && Date.parse(r.decided_at) <= nowMs)
      .map((r) => r.id);
    const stored: Stored = { replay: settled, foldedAfter };
    await saveCheckpoint(db, {
      workspace_id: workspaceId,
      member_id: memberId,
      area_id: areaId,
      settings_key: key,
      state: JSON.stringify(stored),
      updated_at: now.toISOString(),
    });
    state = foldResults(settled, results.slice(cut + 1), promotions, settings);
  } else {
    state = foldResults(base, results, promotions, settings);
  }
  return {
    evidence: evidenceOf(state, input.levelSince, now, settings),
    sampling: samplingOf(state, promotions, input.level, settings, now),
    folded: results.length,
    resumed: start !== null,
  };
}

/**
 * The index of the last result a checkpoint may hold: every result up to it settled (see
 * `SETTLED_MS`, `UNSETTLED_MS`), and the next one decided strictly later (a checkpoint never splits results
 * of the same instant, so "decided after it" is exact). -1 if none.
 */
function settledCut(results: readonly ReviewedResult[], records: readonly CellReview[], now: number): number {
  const last = new Map<string, CellReview>();
  for (const r of records) {
    const seen = last.get(r.task_id);
    if (!seen || r.decided_at >= seen.decided_at) last.set(r.task_id, r);
  }
  let cut = -1;
  for (let i = 0; i < results.length; i++) {
    const result = results[i] as ReviewedResult;
    const at = Date.parse(result.firstDecidedAt);
    if (at > now - UNSETTLED_MS) break;
    const open = last.get(result.taskId)?.outcome !== 'accepted';
    if (open && at > now - SETTLED_MS) break;
    const next = results[i + 1];
    if (next === undefined || Date.parse(next.firstDecidedAt) > at) cut = i;
  }
  return cut;
}
