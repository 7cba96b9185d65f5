import { describe, expect, it } from 'vitest';
import { locales } from '../locale.ts';
import { placeholdersOf, suggestionText, suggestionTexts } from './suggestion-texts.ts';
import {
  mmiSignalKeys,
  mmiSuggestionBySignal,
  mmiSuggestionCodes,
  mmiSuggestionParamKeys,
} from './values.ts';

describe('suggestionTexts', () => {
  it.each(locales)('%s has a sentence for every code and nothing else', (locale) => {
    expect(Object.keys(suggestionTexts[locale]).sort()).toEqual([...mmiSuggestionCodes].sort());
  });

  it.each(mmiSuggestionCodes)('%s: both languages use exactly the code’s params', (code) => {
    const expected = [...mmiSuggestionParamKeys[code]].sort();
    for (const locale of locales) {
      expect(placeholdersOf(suggestionTexts[locale][code]).sort()).toEqual(expected);
    }
  });

  it('every signal has its own suggestion code', () => {
    const codes = mmiSignalKeys.map((k) => mmiSuggestionBySignal[k]);
    expect(new Set(codes).size).toBe(mmiSignalKeys.length);
    expect([...codes].sort()).toEqual([...mmiSuggestionCodes].sort());
  });

  it('fills in the params', () => {
    const s = { code: 'write_preferences_down', params: { preferenceOnly: 2, changeRequests: 5 } } as const;
    expect(suggestionText('en', s)).toBe(
      '2 of 5 change requests were preferences only. Write the preference into the SOP once instead of sending results back.',
    );
    expect(suggestionText('de', s)).toMatch(/^2 von 5 Änderungswünschen/);
  });
});
