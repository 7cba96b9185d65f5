/**
 * Instants as the autonomy rules take them: a `Date` (the server's clock) or an ISO 8601
 * string (a row or a contract value), so callers pass what they hold without converting.
 * Internal to the autonomy rules; not exported from the package.
 */
export type Instant = Date | string;

const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Epoch milliseconds of an instant; NaN for an unreadable string, which every comparison then rejects. */
export function toMs(at: Instant): number {
  return typeof at === 'string' ? Date.parse(at) : at.getTime();
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Whole days from `from` to `to` (rounded down, never negative): "7 days at level" means 7 full days. */
export function wholeDaysBetween(from: Instant, to: Instant): number {
  const diff = toMs(to) - toMs(from);
  return Number.isFinite(diff) && diff > 0 ? Math.floor(diff / DAY_MS) : 0;
}
