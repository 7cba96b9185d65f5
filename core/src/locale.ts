export const locales = ['en', 'de'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/** Picks the best supported locale from an Accept-Language header or navigator.languages. */
export function pickLocale(preferences: readonly string[] | string | undefined | null): Locale {
  const list =
    typeof preferences === 'string'
      ? preferences
          .split(',')
          .map((part) => part.split(';')[0]?.trim() ?? '')
          .filter(Boolean)
      : (preferences ?? []);
  for (const tag of list) {
    const base = tag.toLowerCase().split('-')[0];
    const match = locales.find((l) => l === base);
    if (match) return match;
  }
  return defaultLocale;
}

/**
 * The canonical spelling of an IANA zone the runtime knows ("europe/berlin" →
 * "Europe/Berlin", "utc" → "UTC"), or null. Stored zones are always canonical, so calendar
 * feeds and pickers can compare them as strings.
 */
export function canonicalTimeZone(zone: string): string | null {
  if (zone.length === 0 || zone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** True for an IANA zone name the runtime knows ("Europe/Berlin", "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  return canonicalTimeZone(zone) !== null;
}
