import { foldResults, initialReplay, type ReplayState } from './replay.ts';
import type { AutonomySettings } from './settings.ts';
import { type Instant, toIso, toMs, wholeDaysBetween } from './time.ts';
import type { ReviewOutcome, ReviewTag } from './values.ts';

/** The fields of a review record the rules read (the contract's `ReviewRecord` fits). */
export interface ReviewFacts {
  taskId: string;
  submittedAt: string;
  decidedAt: string;
  outcome: ReviewOutcome;
  tags: readonly ReviewTag[];
}

/** One reviewed result: a task and every review decision on it, oldest first. */
export interface ReviewedResult {
  taskId: string;
  /** When the result was first submitted for review. */
  submittedAt: string;
  /** When its first decision was made; results are ordered by it. */
  firstDecidedAt: string;
  /** First decision accept, or every change request on it tagged preference only. */
  firstPass: boolean;
  /** Some change request on it was tagged defect. */
  defect: boolean;
}

/** A change request that says the result was fine: tagged, and preference only. */
function preferenceOnly(record: ReviewFacts): boolean {
  return record.tags.length > 0 && record.tags.every((t) => t === 'preference');
}

/**
 * Groups review records into results, one per task, ordered by their first decision (ties by
 * task id, so the order never depends on the order records arrive in).
 *
 * A result is first-pass when none of its change requests asked for a fix: only preference
 * requests mean the work was right. A change request without any tag cannot be stored (the
 * service requires one) but is read as "not first pass" and "not a defect": it neither
 * helps nor hurts by accident.
 */
export function reviewedResults(records: readonly ReviewFacts[]): ReviewedResult[] {
  // Submissions and reviews replay the whole history of a cell with this (twice: evidence and
  // sampling), so it parses each instant once and keeps the results of the last records seen.
  const cached = lastResults.get(records);
  if (cached) return cached;
  const byTask = new Map<string, Array<{ record: ReviewFacts; decided: number }>>();
  for (const record of records) {
    const entry = { record, decided: toMs(record.decidedAt) };
    const list = byTask.get(record.taskId);
    if (list) list.push(entry);
    else byTask.set(record.taskId, [entry]);
  }
  const results: (ReviewedResult & { order: number })[] = [];
  for (const [taskId, list] of byTask) {
    if (list.length > 1) list.sort((a, b) => a.decided - b.decided);
    const first = list[0] as (typeof list)[number];
    results.push({
      taskId,
      submittedAt: canonicalIso(first.record.submittedAt),
      firstDecidedAt: canonicalIso(first.record.decidedAt, first.decided),
      order: first.decided,
      firstPass: list.every(({ record }) => record.outcome === 'accepted' || preferenceOnly(record)),
      defect: list.some(
        ({ record }) => record.outcome === 'changes_requested' && record.tags.includes('defect'),
      ),
    });
  }
  results.sort((a, b) => a.order - b.order || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0));
  const out = results.map(({ order: _order, ...result }) => result);
  lastResults.set(records, out);
  return out;
}

/** Results per records array (the arrays are read-only inputs; the cache goes with them). */
const lastResults = new WeakMap<readonly ReviewFacts[], ReviewedResult[]>();

/** `toIso(toMs(at))` without the round trip when `at` is already in that form (rows always are). */
function canonicalIso(at: string, ms?: number): string {
  if (at.length === 24 && at[10] === 'T' && at[23] === 'Z' && at[19] === '.') return at;
  return toIso(ms ?? toMs(at));
}

/** Records decided up to `now`: the array itself when none is later (the usual case), so caches hold. */
export function decidedUpTo(records: readonly ReviewFacts[], now: number): readonly ReviewFacts[] {
  for (const r of records)
    if (!(toMs(r.decidedAt) <= now)) return records.filter((x) => toMs(x.decidedAt) <= now);
  return records;
}

/** Consecutive first-pass results counted back from the newest. */
export function consecutiveFirstPass(results: readonly ReviewedResult[]): number {
  let n = 0;
  for (let i = results.length - 1; i >= 0 && results[i]?.firstPass; i--) n++;
  return n;
}

/** The evidence for one assistant × area at its current level (DESIGN §4 "Evidence and promotion"). */
export interface EvidenceFacts {
  /** When the current level was granted; everything below counts from then. */
  levelSince: string;
  daysAtLevel: number;
  reviewedResults: number;
  firstPassAccepted: number;
  /** firstPassAccepted ÷ reviewedResults; null before the first review. */
  firstPassRate: number | null;
  /** First-pass results in a row, counted back from the newest. */
  consecutiveFirstPass: number;
  /** Results with a defect among the newest `recentWindow` (tightening's "2 of the last 5"). */
  recentDefects: number;
  recentWindow: number;
}

export interface EvidenceInput {
  /** Review records of the assistant's results in the area, in any order. */
  records: readonly ReviewFacts[];
  /** When the current level was granted (the grant's `since`). */
  levelSince: Instant;
  settings: AutonomySettings;
  now: Instant;
}

/**
 * Evidence at the current level: results first submitted since the level was granted, so
 * each level earns its own track record and a promotion starts the count afresh. Records are
 * only counted up to `now`, so evidence can be recomputed for any past moment.
 */
export function computeEvidence(input: EvidenceInput): EvidenceFacts {
  const since = toMs(input.levelSince);
  const now = toMs(input.now);
  const results = reviewedResults(decidedUpTo(input.records, now));
  return evidenceOf(
    foldResults(initialReplay(since), results, [], input.settings),
    input.levelSince,
    input.now,
    input.settings,
  );
}

/** The evidence a replay holds (`replay.ts`), at `now`. */
export function evidenceOf(
  state: ReplayState,
  levelSince: Instant,
  now: Instant,
  settings: AutonomySettings,
): EvidenceFacts {
  const window = settings.tightening.window;
  return {
    levelSince: toIso(toMs(levelSince)),
    daysAtLevel: wholeDaysBetween(levelSince, now),
    reviewedResults: state.atLevel,
    firstPassAccepted: state.firstPassAtLevel,
    firstPassRate: state.atLevel === 0 ? null : state.firstPassAtLevel / state.atLevel,
    consecutiveFirstPass: state.trailingFirstPass,
    recentDefects: state.recentAtLevel.filter(Boolean).length,
    recentWindow: window,
  };
}
