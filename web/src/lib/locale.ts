import { type Locale, locales, pickLocale } from '@leeway/core';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * Which language to show: the signed-in user's choice wins, then what this browser chose
 * before, then the browser's own preferences.
 */
export function chooseLocale(input: {
  userLocale?: string | null | undefined;
  stored?: string | null | undefined;
  languages?: readonly string[] | undefined;
}): Locale {
  if (isLocale(input.userLocale)) return input.userLocale;
  if (isLocale(input.stored)) return input.stored;
  return pickLocale(input.languages ?? []);
}
