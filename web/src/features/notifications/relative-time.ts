/**
 * "5 minutes ago", "yesterday", "3 days ago" in the reader's language; past a week, null
 * (the caller shows the date instead). Future instants (clock skew) count as "now".
 */
export function relativeTime(iso: string, now: number, locale: string): string | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (seconds < 45) return format.format(0, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return format.format(-hours, 'hour');
  const days = Math.round(hours / 24);
  if (days <= 7) return format.format(-days, 'day');
  return null;
}
