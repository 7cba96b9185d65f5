/**
 * Wall-clock time in an IANA zone, with nothing but `Intl` (no time-zone library, no I/O).
 * A `WallTime` is what a clock on the wall in that zone shows; instants are epoch
 * milliseconds. Recurrence computes dates in wall time and converts at the end, so "every
 * Monday 09:00 Europe/Berlin" stays 09:00 on both sides of a daylight-saving change.
 */
export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws a RangeError for an unknown zone: callers validate zones before they get here.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall time an instant shows in a zone. */
export function wallTimeAt(instantMs: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instantMs))) parts[p.type] = p.value;
  const year = Number(parts.year);
  return {
    // Years before 1 AD come out as "1 BC" and friends; nobody's task is due then, but stay exact.
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    // Some engines print midnight as 24 even with h23.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((instantMs % 1000) + 1000) % 1000,
  };
}

/** A wall time read as if it were UTC: handy arithmetic on calendar fields. */
export function wallTimeToFloatingMs(w: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  return wallTimeToFloatingMs(wallTimeAt(instantMs, timeZone)) - instantMs;
}

const DAY_MS = 86_400_000;

/**
 * The instant a wall time means in a zone. Like Temporal's `disambiguation: 'compatible'`:
 * a time that happens twice (the hour repeated when clocks go back) is the earlier one; a
 * time that never happens (the hour skipped when clocks go forward) moves forward by the
 * gap, so 02:30 on a spring-forward night becomes 03:30. Assumes at most one offset change
 * within a day of the given time, which holds for every zone in the tz database.
 */
export function wallTimeToInstant(w: WallTime, timeZone: string): number {
  const floating = wallTimeToFloatingMs(w);
  const before = zoneOffsetMs(floating - DAY_MS, timeZone);
  const after = zoneOffsetMs(floating + DAY_MS, timeZone);
  const valid = [before, after].filter((offset) => zoneOffsetMs(floating - offset, timeZone) === offset);
  if (valid.length > 0) {
    // Both valid and different: the repeated hour; the larger offset is the earlier instant.
    return floating - Math.max(...valid);
  }
  // In the gap: read the wall time with the offset from before the change.
  return floating - before;
}
