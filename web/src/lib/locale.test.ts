import { describe, expect, it } from 'vitest';
import { chooseLocale, isLocale } from './locale.ts';

describe('chooseLocale', () => {
  it("prefers the signed-in user's language", () => {
    expect(chooseLocale({ userLocale: 'de', stored: 'en', languages: ['en-US'] })).toBe('de');
  });

  it("uses this browser's earlier choice when signed out", () => {
    expect(chooseLocale({ userLocale: null, stored: 'de', languages: ['en-GB'] })).toBe('de');
  });

  it("falls back to the browser's languages, then English", () => {
    expect(chooseLocale({ languages: ['fr-FR', 'de-AT', 'en'] })).toBe('de');
    expect(chooseLocale({ languages: ['fr', 'es'] })).toBe('en');
    expect(chooseLocale({})).toBe('en');
  });

  it('ignores values that are not supported locales', () => {
    expect(chooseLocale({ userLocale: 'fr', stored: 'xx', languages: ['de'] })).toBe('de');
    expect(isLocale('de')).toBe(true);
    expect(isLocale('DE')).toBe(false);
  });
});
