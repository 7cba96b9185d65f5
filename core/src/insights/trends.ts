import { wallTimeAt, wallTimeToInstant } from '../zoned-time.ts';
import type { MmiResult } from './mmi.ts';
import { type MmiBand, type MmiSignalKey, mmiDefaults, mmiSignalKeys } from './values.ts';

const DAY_MS = 86_400_000;

/** One week of the trend. Instants are ISO strings (UTC). */
export interface WeekBucket {
  /** Monday 00:00 in the time zone. */
  weekStart: string;
  /** The next Monday 00:00 (exclusive). */
  weekEnd: string;
  /** When this week's index is measured: the week's end, or now for the current week. */
  asOf: string;
  /** `asOf` minus the window (30 days): the server aggregates [windowStart, asOf). */
  windowStart: string;
  /** True for the week that contains now (its numbers still move). */
  current: boolean;
}

function toMs(at: Date | string | number): number {
  if (typeof at === 'number') return at;
  return typeof at === 'string' ? Date.parse(at) : at.getTime();
}

/** Monday 00:00 in the zone of the calendar date `floatingMs` (a wall date read as UTC). */
function mondayAt(floatingMs: number, timeZone: string): number {
  const d = new Date(floatingMs);
  return wallTimeToInstant(
    {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    },
    timeZone,
  );
}

/**
 * The weeks of the trend, oldest first, the last one containing `now` (26 weeks ≈ six
 * months). Weeks start on Monday 00:00 (ISO weeks) in `timeZone`, UTC by default; pass the
 * principal's zone so a week matches their calendar. Each point of the trend is the rolling
 * 30-day index as of the week's end (not the week's events alone), so the series is
 * comparable to the headline number and does not jump on quiet weeks. Throws a RangeError
 * for an unreadable `now` or an unknown zone (callers validate zones before).
 */
export function weeklyBuckets(
  now: Date | string | number,
  weeks: number = mmiDefaults.trendWeeks,
  timeZone = 'UTC',
  windowDays: number = mmiDefaults.windowDays,
): WeekBucket[] {
  const nowMs = toMs(now);
  if (!Number.isFinite(nowMs)) throw new RangeError('weeklyBuckets: unreadable now');
  const count = Number.isFinite(weeks) && weeks > 0 ? Math.floor(weeks) : 0;
  const wall = wallTimeAt(nowMs, timeZone);
  const today = Date.UTC(wall.year, wall.month - 1, wall.day);
  // getUTCDay: Sunday 0 … Saturday 6; days since Monday:
  const sinceMonday = (new Date(today).getUTCDay() + 6) % 7;
  const thisMonday = today - sinceMonday * DAY_MS;
  const buckets: WeekBucket[] = [];
  for (let i = count - 1; i >= 0; i -= 1) {
    // Calendar arithmetic on wall dates, then one conversion each: weeks across a
    // daylight-saving change are 167 or 169 hours long, and still start at 00:00.
    const startFloating = thisMonday - i * 7 * DAY_MS;
    const start = mondayAt(startFloating, timeZone);
    const end = mondayAt(startFloating + 7 * DAY_MS, timeZone);
    const asOf = Math.min(end, nowMs);
    buckets.push({
      weekStart: new Date(start).toISOString(),
      weekEnd: new Date(end).toISOString(),
      asOf: new Date(asOf).toISOString(),
      windowStart: new Date(asOf - windowDays * DAY_MS).toISOString(),
      current: i === 0,
    });
  }
  return buckets;
}

/** One computed week: the bucket's `weekStart` and the index as of its `asOf`. */
export interface TrendPoint {
  weekStart: string;
  result: MmiResult;
}

/** Series ready for a chart: one entry per week, null where there is no data or too little. */
export interface TrendSeries {
  weeks: string[];
  index: (number | null)[];
  bands: (MmiBand | null)[];
  /** Each signal's value in [0, 1] week by week. */
  signals: Record<MmiSignalKey, (number | null)[]>;
}

/**
 * Shapes computed weeks into chart series. With `buckets`, the weeks are exactly the buckets'
 * (a week without a point is null); without, the points' own weeks, sorted. Weeks with
 * insufficient data are null in every series, like the headline's "not enough data yet":
 * a signal from five tasks would draw a line that means nothing.
 */
export function trendSeries(points: readonly TrendPoint[], buckets?: readonly WeekBucket[]): TrendSeries {
  const byWeek = new Map<string, MmiResult>();
  for (const p of points) byWeek.set(p.weekStart, p.result);
  const weeks = buckets
    ? buckets.map((b) => b.weekStart)
    : [...byWeek.keys()].sort((a, b) => toMs(a) - toMs(b));
  const signals = Object.fromEntries(mmiSignalKeys.map((k) => [k, [] as (number | null)[]])) as Record<
    MmiSignalKey,
    (number | null)[]
  >;
  const index: (number | null)[] = [];
  const bands: (MmiBand | null)[] = [];
  for (const week of weeks) {
    const r = byWeek.get(week);
    const ok = r?.status === 'ok' ? r : null;
    index.push(ok?.score ?? null);
    bands.push(ok?.band ?? null);
    for (const key of mmiSignalKeys) {
      signals[key].push(ok?.signals.find((s) => s.key === key)?.value ?? null);
    }
  }
  return { weeks, index, bands, signals };
}
