import { defaultAutonomySettings, validateAutonomySettings } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import {
  draftPatch,
  fieldForPath,
  fromDraft,
  parseNumber,
  percentToRate,
  problemsByField,
  rateToPercent,
  settingFields,
  toDraft,
} from './settings-form.ts';

describe('percent ↔ rate', () => {
  it('shows rates as percentages without float noise', () => {
    expect(rateToPercent(0.97)).toBe('97');
    expect(rateToPercent(0.07)).toBe('7');
    expect(rateToPercent(0.125)).toBe('12.5');
    expect(rateToPercent(0)).toBe('0');
    expect(rateToPercent(1)).toBe('100');
  });

  it('sends percentages as 0..1 rates', () => {
    expect(percentToRate('97')).toBe(0.97);
    expect(percentToRate('7')).toBe(0.07);
    expect(percentToRate('12,5')).toBe(0.125);
    expect(percentToRate(' 100 ')).toBe(1);
  });

  it('turns empty or malformed text into NaN, so validation flags it', () => {
    expect(percentToRate('')).toBeNaN();
    expect(percentToRate('abc')).toBeNaN();
    expect(parseNumber('1e3')).toBeNaN();
    expect(parseNumber('5')).toBe(5);
    expect(parseNumber('0.5')).toBe(0.5);
  });

  it('round-trips every default through the draft', () => {
    const draft = toDraft(defaultAutonomySettings);
    expect(draft['promotion/toL3/minFirstPassRate']).toBe('90');
    expect(draft['sampling/l5Rate']).toBe('5');
    expect(draft['promotion/toL3/lastFirstPass']).toBe('5');
    expect(fromDraft(draft, defaultAutonomySettings)).toEqual(defaultAutonomySettings);
    expect(draftPatch(draft, defaultAutonomySettings)).toEqual({});
  });

  it('patches only the changed fields, rates as 0..1', () => {
    const draft = {
      ...toDraft(defaultAutonomySettings),
      'sampling/l4Rate': '15',
      'promotion/toL3/minReviewed': '12',
    };
    expect(draftPatch(draft, defaultAutonomySettings)).toEqual({
      sampling: { l4Rate: 0.15 },
      promotion: { toL3: { minReviewed: 12 } },
    });
  });
});

describe('field paths', () => {
  it('maps core and server spellings to the screen field', () => {
    expect(fieldForPath('promotion/toL3/minReviewed')).toBe('promotion/toL3/minReviewed');
    expect(fieldForPath('/promotion/toL3/minReviewed')).toBe('promotion/toL3/minReviewed');
    expect(fieldForPath('body/sampling/l3Rate')).toBe('sampling/l3Rate');
    expect(fieldForPath('tightening.defects')).toBe('tightening/defects');
    expect(fieldForPath('notifications/blockedHours')).toBeNull();
    expect(fieldForPath('')).toBeNull();
  });

  it('has a field for every problem core can report on the shown groups', () => {
    const broken = fromDraft(
      Object.fromEntries(settingFields.map((f) => [f.path, 'x'])),
      defaultAutonomySettings,
    );
    const { fields, unmatched } = problemsByField(validateAutonomySettings(broken));
    expect(unmatched).toBe(false);
    expect(Object.keys(fields).sort()).toEqual(settingFields.map((f) => f.path).sort());
  });

  it('maps core problems to their inputs with code and params', () => {
    const draft = {
      ...toDraft(defaultAutonomySettings),
      'tightening/defects': '6',
      'sampling/l3Rate': '120',
    };
    const { fields } = problemsByField(validateAutonomySettings(fromDraft(draft, defaultAutonomySettings)));
    expect(fields['tightening/defects']).toEqual({
      code: 'not_more_than_field',
      params: { other: 'tightening/window' },
    });
    expect(fields['sampling/l3Rate']?.code).toBe('number_between');
  });

  it('maps server field issues, keeping unknown ones as unmatched', () => {
    const { fields, unmatched } = problemsByField([
      { field: '/promotion/toL3/minReviewed', message: 'Must be a whole number of at least 0.' },
      { field: '/agenda/episodeEndingWithinDays', message: 'x' },
    ]);
    expect(fields).toEqual({ 'promotion/toL3/minReviewed': { code: null, params: {} } });
    expect(unmatched).toBe(true);
  });
});
