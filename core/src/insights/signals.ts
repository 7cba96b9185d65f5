import { type MmiSuggestion, mmiDefaults } from './values.ts';

/**
 * The seven signals of the micromanagement index (DESIGN §10), one pure function each. They
 * take counts the server aggregates with SQL over one principal × assistant pair and the
 * window (30 days), never event lists, except the review latencies whose median needs every
 * value. Each returns its value in [0, 1], the raw numbers behind it (shown to principals, §2.6
 * "Explainable") and the suggestion it would make; `computeMmi` decides whether to show it.
 * Inputs are forgiving: a negative, NaN or infinite count reads as 0, so a bad row can never
 * push a signal out of [0, 1].
 */
export interface SignalResult<Raw extends Record<string, number | null>> {
  /** In [0, 1]. */
  value: number;
  raw: Raw;
  /** What to do about it; null when there is nothing concrete to point at. */
  suggestion: MmiSuggestion | null;
}

/** Clamps into [0, 1]; NaN reads as 0 (nothing measured), +∞ as 1. */
export function clamp01(x: number): number {
  if (Number.isNaN(x)) return 0;
  return Math.min(1, Math.max(0, x));
}

/** A usable count or amount: negative, NaN and infinite read as 0. */
function amount(x: number): number {
  return Number.isFinite(x) && x > 0 ? x : 0;
}

/** One decimal for the numbers that go into sentences (hours, rates). */
function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

// ── Over-review ────────────────────────────────────────────────────────────────────────────

export interface OverReviewInput {
  /** Reviews in phase `requested`: a principal asked although the level did not require it (§4). */
  requested: number;
  /**
   * Reviews some rule demanded: phases `required`, `sample` and `guardrail`. DESIGN says
   * "reviews it required"; a drawn sample and a ticked guardrail are required by the rules
   * too, so they count here (see the report's ambiguity notes).
   */
  required: number;
}

/** requested ÷ max(1, required), clamped. */
export function overReviewSignal(
  input: OverReviewInput,
): SignalResult<{ requested: number; required: number }> {
  const requested = amount(input.requested);
  const required = amount(input.required);
  return {
    value: clamp01(requested / Math.max(1, required)),
    raw: { requested, required },
    suggestion: requested > 0 ? { code: 'reduce_requested_reviews', params: { requested, required } } : null,
  };
}

// ── Level lag ──────────────────────────────────────────────────────────────────────────────

export interface LevelLagArea {
  /** Shown in the suggestion ("… in Bookkeeping …"). */
  areaName: string;
  /** The assistant's granted level in the area. */
  level: number;
  /**
   * Whole days since the promotion criteria to the next level have been met without a
   * promotion since; null when they are not met (or the area is at its maximum level).
   */
  criteriaMetDays: number | null;
}

export interface LevelLagInput {
  /** Every area the assistant works in with this principal (holds a grant in). */
  areas: readonly LevelLagArea[];
  /** Days after which met criteria count as lag; default 14. */
  lagDays?: number;
}

/** Share of the areas whose promotion criteria have been met ≥ 14 days without a promotion. */
export function levelLagSignal(
  input: LevelLagInput,
): SignalResult<{ areas: number; laggingAreas: number; longestLagDays: number | null }> {
  const lagDays = input.lagDays ?? mmiDefaults.levelLagDays;
  let longest: LevelLagArea | null = null;
  let lagging = 0;
  for (const area of input.areas) {
    const days = area.criteriaMetDays;
    if (days === null || !Number.isFinite(days) || days < lagDays) continue;
    lagging += 1;
    if (longest === null || days > (longest.criteriaMetDays ?? 0)) longest = area;
  }
  const areas = input.areas.length;
  const longestLagDays = longest?.criteriaMetDays ?? null;
  return {
    value: areas > 0 ? clamp01(lagging / areas) : 0,
    raw: { areas, laggingAreas: lagging, longestLagDays },
    suggestion:
      longest === null
        ? null
        : {
            code: 'promote_lagging_area',
            params: {
              area: longest.areaName,
              days: Math.floor(longest.criteriaMetDays ?? 0),
              from: longest.level,
              to: Math.min(5, longest.level + 1),
            },
          },
  };
}

// ── Review latency ─────────────────────────────────────────────────────────────────────────

export interface ReviewLatencyInput {
  /** Hours from submission to decision, one per review decided in the window. */
  hours: readonly number[];
}

/** The median of the usable values (negative and non-finite dropped); null when none. */
export function median(values: readonly number[]): number | null {
  const sorted = values.filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return null;
  const mid = Math.floor(n / 2);
  return n % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** clamp((median hours submit → decision − 8) ÷ 40); 0 with no decided reviews. */
export function reviewLatencySignal(
  input: ReviewLatencyInput,
): SignalResult<{ reviews: number; medianHours: number | null }> {
  const med = median(input.hours);
  const reviews = input.hours.filter((v) => Number.isFinite(v) && v >= 0).length;
  const value =
    med === null ? 0 : clamp01((med - mmiDefaults.latencyFreeHours) / mmiDefaults.latencySpanHours);
  return {
    value,
    raw: { reviews, medianHours: med },
    suggestion:
      med === null ? null : { code: 'decide_reviews_sooner', params: { medianHours: round1(med), reviews } },
  };
}

// ── Preference rejections ──────────────────────────────────────────────────────────────────

export interface PreferenceRejectionsInput {
  /** Change requests tagged `preference` and not `defect`. */
  preferenceOnly: number;
  /** All change requests. */
  changeRequests: number;
}

/** preference-only change requests ÷ all change requests; 0 when there were none. */
export function preferenceRejectionsSignal(
  input: PreferenceRejectionsInput,
): SignalResult<{ preferenceOnly: number; changeRequests: number }> {
  const preferenceOnly = amount(input.preferenceOnly);
  const changeRequests = amount(input.changeRequests);
  return {
    value: changeRequests > 0 ? clamp01(preferenceOnly / changeRequests) : 0,
    raw: { preferenceOnly, changeRequests },
    suggestion:
      preferenceOnly > 0
        ? { code: 'write_preferences_down', params: { preferenceOnly, changeRequests } }
        : null,
  };
}

// ── Take-backs ─────────────────────────────────────────────────────────────────────────────

export interface TakeBacksInput {
  /** Tasks reassigned from the assistant to a principal. */
  reassignedToPrincipal: number;
  /** Edits by a principal to a task after it was accepted. */
  editsAfterAcceptance: number;
  /** Tasks the assistant completed in the window. */
  completedTasks: number;
}

/** (reassigned + edits after acceptance) ÷ max(1, completed) × 10, clamped. */
export function takeBacksSignal(
  input: TakeBacksInput,
): SignalResult<{ reassigned: number; edits: number; completed: number }> {
  const reassigned = amount(input.reassignedToPrincipal);
  const edits = amount(input.editsAfterAcceptance);
  const completed = amount(input.completedTasks);
  // max(1, …) as in over-review: with nothing completed, one take-back is already the maximum.
  const value = clamp01(((reassigned + edits) / Math.max(1, completed)) * mmiDefaults.takeBackFactor);
  return {
    value,
    raw: { reassigned, edits, completed },
    suggestion:
      reassigned + edits > 0
        ? { code: 'send_back_instead_of_taking_over', params: { reassigned, edits, completed } }
        : null,
  };
}

// ── Redundant nudges ───────────────────────────────────────────────────────────────────────

export interface RedundantNudgesInput {
  /** "Any update?" nudges on tasks that changed in the 24 h before the nudge (§5). */
  redundantNudges: number;
  /**
   * Weeks the assistant worked with the principal in the window; default window days ÷ 7.
   * Pass fewer when the pair started mid-window. Zero or less falls back to the default.
   */
  assistantWeeks?: number;
  /** Default 30. */
  windowDays?: number;
}

/** redundant nudges ÷ assistant-weeks ÷ 5, clamped. */
export function redundantNudgesSignal(
  input: RedundantNudgesInput,
): SignalResult<{ nudges: number; assistantWeeks: number; perWeek: number }> {
  const nudges = amount(input.redundantNudges);
  const windowDays = amount(input.windowDays ?? mmiDefaults.windowDays) || mmiDefaults.windowDays;
  const assistantWeeks = amount(input.assistantWeeks ?? 0) || windowDays / 7;
  const perWeek = nudges / assistantWeeks;
  return {
    value: clamp01(perWeek / mmiDefaults.redundantNudgesPerWeekMax),
    raw: { nudges, assistantWeeks, perWeek },
    suggestion:
      nudges > 0
        ? { code: 'check_activity_before_nudging', params: { nudges, perWeek: round1(perWeek) } }
        : null,
  };
}

// ── Extended guidance ──────────────────────────────────────────────────────────────────────

export interface GuidanceEpisode {
  areaName: string;
  /** Whole days the episode had already run when the window started (0 when it started inside). */
  daysBeforeWindow: number;
  /** Whole days of the episode inside the window (until its end or now). */
  daysInWindow: number;
}

export interface ExtendedGuidanceInput {
  /** Support episodes of the assistant that overlap the window. */
  episodes: readonly GuidanceEpisode[];
}

/** Days of one episode inside the window that lie beyond its first 14 days. */
export function extraGuidanceDays(episode: Omit<GuidanceEpisode, 'areaName'>): number {
  const before = amount(episode.daysBeforeWindow);
  const inside = amount(episode.daysInWindow);
  // The free days left when the window starts: 14 − days already run, never below 0.
  return Math.max(0, inside - Math.max(0, mmiDefaults.guidanceFreeDays - before));
}

/** Σ episode days in the window beyond each episode's first 14 ÷ 14, clamped. */
export function extendedGuidanceSignal(
  input: ExtendedGuidanceInput,
): SignalResult<{ episodes: number; extraDays: number }> {
  let extraDays = 0;
  let worst: { episode: GuidanceEpisode; extra: number } | null = null;
  for (const episode of input.episodes) {
    const extra = extraGuidanceDays(episode);
    extraDays += extra;
    if (extra > 0 && (worst === null || extra > worst.extra)) worst = { episode, extra };
  }
  return {
    value: clamp01(extraDays / mmiDefaults.guidanceSpanDays),
    raw: { episodes: input.episodes.length, extraDays },
    suggestion:
      worst === null
        ? null
        : {
            code: 'end_extended_episode',
            params: {
              area: worst.episode.areaName,
              days: Math.floor(amount(worst.episode.daysBeforeWindow) + amount(worst.episode.daysInWindow)),
              extraDays: Math.floor(worst.extra),
            },
          },
  };
}

const DAY_MS = 86_400_000;

/**
 * Whole days of an episode before and inside a window, for `GuidanceEpisode`. Instants are
 * epoch milliseconds or ISO strings; `endsAt` is when the episode ended (or its planned end,
 * or now while it runs). An unreadable instant gives 0 days.
 */
export function episodeWindowDays(
  episode: { startsAt: string | number; endsAt: string | number },
  window: { start: string | number; end: string | number },
): { daysBeforeWindow: number; daysInWindow: number } {
  const ms = (x: string | number) => (typeof x === 'number' ? x : Date.parse(x));
  const start = ms(episode.startsAt);
  const end = ms(episode.endsAt);
  const ws = ms(window.start);
  const we = ms(window.end);
  const days = (d: number) => (Number.isFinite(d) && d > 0 ? Math.floor(d / DAY_MS) : 0);
  return {
    daysBeforeWindow: days(Math.min(ws, end) - start),
    daysInWindow: days(Math.min(end, we) - Math.max(start, ws)),
  };
}
