/** Formats an ISO timestamp as a date in the reader's language and time zone. */
export function formatDate(
  iso: string,
  locale: string,
  timeZone: string | undefined,
  style: 'medium' | 'long' = 'medium',
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone }).format(date);
  } catch {
    // An unknown zone (a stale browser, a renamed zone) must not blank the page.
    return new Intl.DateTimeFormat(locale, { dateStyle: style }).format(date);
  }
}

export function formatDateTime(iso: string, locale: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
      date,
    );
  } catch {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every zone the browser knows, always including `current` (older lists omit "UTC"). */
export function timeZoneOptions(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const set = new Set(zones);
  if (current) set.add(current);
  set.add('UTC');
  return [...set].sort((a, b) => a.localeCompare(b));
}

/** "AB" for "Ada Byron": a calm avatar without loading images. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}
