import { firstOccurrences, nextOccurrence, parseRule, type RecurrenceRule } from '../recurrence.ts';

/**
 * Meeting occurrences (DESIGN §7). A series is DTSTART + RRULE evaluated in the organiser's
 * wall clock (so "Monday 10:00 Europe/Berlin" stays 10:00 in Berlin across DST), cut off
 * by an optional end date. Occurrences are computed, never stored; only exceptions are
 * stored, keyed by the start the rule gave them (like RFC 5545's RECURRENCE-ID).
 */
export interface MeetingTiming {
  /** RRULE as stored ("FREQ=WEEKLY;BYDAY=MO"), or null for a single meeting. */
  rrule: string | null;
  /** The organiser's IANA zone; the rule is read in its wall clock. */
  timeZone: string;
  /** DTSTART, an ISO instant: fixes the time of day and is the first occurrence. */
  startsAt: string;
  durationMin: number;
  /** No occurrence starts after this instant (inclusive end), or null. */
  until: string | null;
}

export interface OccurrenceOverride {
  /** The start the rule gives the occurrence: its identity, even after a move. */
  originalStart: string;
  movedTo?: string | null;
  cancelled?: boolean;
}

export interface MeetingOccurrence {
  originalStart: string;
  start: string;
  end: string;
  cancelled: boolean;
  moved: boolean;
}

/** A window of ten years of daily meetings is plenty; beyond that a caller has a bug. */
export const occurrenceWindowMax = 4000;

const MINUTE_MS = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();

function ruleOf(series: MeetingTiming): RecurrenceRule | null {
  if (series.rrule === null) return null;
  const parsed = parseRule(series.rrule);
  if (!parsed.ok) throw new RangeError(parsed.message);
  return parsed.rule;
}

/** The rule's starts at or after `fromMs`, ascending, within the series' `until`. */
function* regularStarts(series: MeetingTiming, fromMs: number): Generator<number, void, undefined> {
  const rule = ruleOf(series);
  const anchorMs = Date.parse(series.startsAt);
  const untilMs = series.until === null ? Number.POSITIVE_INFINITY : Date.parse(series.until);
  if (rule === null) {
    if (anchorMs >= fromMs && anchorMs <= untilMs) yield anchorMs;
    return;
  }
  if (rule.count !== null) {
    // With COUNT every call would re-walk the series from DTSTART; at most 1000 dates, so list them once.
    for (const s of firstOccurrences(rule, series.timeZone, series.startsAt, rule.count)) {
      const ms = Date.parse(s);
      if (ms > untilMs) return;
      if (ms >= fromMs) yield ms;
    }
    return;
  }
  let after = fromMs - 1;
  for (;;) {
    const next = nextOccurrence(rule, series.timeZone, series.startsAt, iso(after));
    if (next === null) return;
    const ms = Date.parse(next);
    if (ms > untilMs) return;
    yield ms;
    after = ms;
  }
}

/**
 * True when `originalStart` is a start the series produces. Servers check it before storing
 * a move or a cancellation, so an override can never invent an occurrence.
 */
export function isSeriesOccurrence(series: MeetingTiming, originalStart: string): boolean {
  const ms = Date.parse(originalStart);
  if (Number.isNaN(ms)) return false;
  for (const start of regularStarts(series, ms)) return start === ms;
  return false;
}

interface IndexedOverrides {
  byOriginal: Map<number, OccurrenceOverride>;
  /** Moves that are not also cancelled and whose original start the series really has. */
  moves: { originalMs: number; startMs: number }[];
}

function indexOverrides(series: MeetingTiming, overrides: readonly OccurrenceOverride[]): IndexedOverrides {
  const byOriginal = new Map<number, OccurrenceOverride>();
  for (const o of overrides) byOriginal.set(Date.parse(o.originalStart), o);
  const moves: IndexedOverrides['moves'] = [];
  for (const [originalMs, o] of byOriginal) {
    if (o.cancelled === true || o.movedTo === undefined || o.movedTo === null) continue;
    if (!isSeriesOccurrence(series, iso(originalMs))) continue;
    moves.push({ originalMs, startMs: Date.parse(o.movedTo) });
  }
  return { byOriginal, moves };
}

const isMoved = (o: OccurrenceOverride | undefined): boolean =>
  o !== undefined && o.cancelled !== true && o.movedTo !== undefined && o.movedTo !== null;

function occurrence(originalMs: number, startMs: number, durationMin: number, o?: OccurrenceOverride) {
  return {
    originalStart: iso(originalMs),
    start: iso(startMs),
    end: iso(startMs + durationMin * MINUTE_MS),
    cancelled: o?.cancelled === true,
    moved: startMs !== originalMs,
  } satisfies MeetingOccurrence;
}

const byStart = (a: MeetingOccurrence, b: MeetingOccurrence): number =>
  Date.parse(a.start) - Date.parse(b.start) || Date.parse(a.originalStart) - Date.parse(b.originalStart);

/**
 * The occurrences starting in [fromISO, toISO), sorted by start. A moved occurrence is
 * listed at its new start (even when its original start lies outside the window); a
 * cancelled one stays in the list with `cancelled: true`, so calendars can show it struck
 * through and feeds can emit an EXDATE. Overrides for starts the series does not have are
 * ignored. Throws a RangeError for an invalid rule or zone, or a window over `occurrenceWindowMax`.
 */
export function meetingOccurrences(
  series: MeetingTiming,
  overrides: readonly OccurrenceOverride[],
  fromISO: string,
  toISO: string,
): MeetingOccurrence[] {
  const [fromMs, toMs] = [Date.parse(fromISO), Date.parse(toISO)];
  const { byOriginal, moves } = indexOverrides(series, overrides);
  const out: MeetingOccurrence[] = [];
  for (const ms of regularStarts(series, fromMs)) {
    if (ms >= toMs) break;
    if (out.length >= occurrenceWindowMax) throw new RangeError('Too many occurrences in the window.');
    const o = byOriginal.get(ms);
    if (!isMoved(o)) out.push(occurrence(ms, ms, series.durationMin, o));
  }
  for (const m of moves) {
    if (m.startMs >= fromMs && m.startMs < toMs)
      out.push(occurrence(m.originalMs, m.startMs, series.durationMin));
  }
  return out.sort(byStart);
}

/**
 * The occurrence whose agenda is current: the first one not cancelled whose end is after
 * `now` (so a running meeting is still "next" until it ends), or null when the series is over.
 */
export function nextMeetingOccurrence(
  series: MeetingTiming,
  overrides: readonly OccurrenceOverride[],
  now: string,
): MeetingOccurrence | null {
  const nowMs = Date.parse(now);
  const durationMs = series.durationMin * MINUTE_MS;
  const { byOriginal, moves } = indexOverrides(series, overrides);
  let best: MeetingOccurrence | null = null;
  for (const ms of regularStarts(series, nowMs - durationMs + 1)) {
    const o = byOriginal.get(ms);
    // Only overridden dates are skipped, and there are finitely many, so this ends.
    if (o?.cancelled === true || isMoved(o)) continue;
    best = occurrence(ms, ms, series.durationMin);
    break;
  }
  for (const m of moves) {
    if (m.startMs + durationMs <= nowMs) continue;
    const candidate = occurrence(m.originalMs, m.startMs, series.durationMin);
    if (best === null || byStart(candidate, best) < 0) best = candidate;
  }
  return best;
}

/**
 * The start of the last occurrence before `beforeISO` that was not cancelled, or null: the
 * agenda's "since the last meeting" when given the start of the occurrence being prepared.
 * Looks back at most `lookbackDays`.
 */
export function previousMeetingStart(
  series: MeetingTiming,
  overrides: readonly OccurrenceOverride[],
  beforeISO: string,
  lookbackDays = 366,
): string | null {
  const beforeMs = Date.parse(beforeISO);
  const list = meetingOccurrences(series, overrides, iso(beforeMs - lookbackDays * 86_400_000), beforeISO);
  const held = list.filter((o) => !o.cancelled);
  return held.length > 0 ? (held[held.length - 1] as MeetingOccurrence).start : null;
}

/** The agenda is generated and kept current until the occurrence starts; then it is frozen. */
export function isAgendaLive(occurrence: Pick<MeetingOccurrence, 'start'>, now: string): boolean {
  return Date.parse(now) < Date.parse(occurrence.start);
}
