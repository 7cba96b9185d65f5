import { describe, expect, it } from 'vitest';
import { locales } from '../locale.ts';
import {
  builtInOnboardingTemplates,
  checkCharter,
  firstThirtyDaysTemplate,
  onboardingItemKinds,
  onboardingLimits,
  planItemsFromTemplate,
} from './onboarding.ts';

describe('the built-in template', () => {
  it.each(locales)('has a valid charter and complete texts in %s', (locale) => {
    const t = firstThirtyDaysTemplate;
    expect(t.name[locale]).not.toBe('');
    expect(t.passwordNote[locale]).toMatch(/password|Passw/i);
    expect(checkCharter(t.charter[locale]).ok).toBe(true);
    for (const item of t.items) {
      expect(item.title[locale].length).toBeGreaterThan(0);
      expect(item.title[locale].length).toBeLessThanOrEqual(onboardingLimits.itemTitleMax);
    }
  });

  it('covers every item kind and names system and least privilege on access items', () => {
    const kinds = new Set(firstThirtyDaysTemplate.items.map((i) => i.kind));
    expect([...kinds].sort()).toEqual([...onboardingItemKinds].sort());
    for (const item of firstThirtyDaysTemplate.items.filter((i) => i.kind === 'access')) {
      expect(item.access?.system).toBeTruthy();
      expect(item.access?.leastPrivilege.en).toBeTruthy();
      expect(item.access?.leastPrivilege.de).toBeTruthy();
    }
    expect(builtInOnboardingTemplates).toContain(firstThirtyDaysTemplate);
  });
});

describe('planItemsFromTemplate', () => {
  it.each([
    ['en', 'Introduction call: goals, people and tools'],
    ['de', 'Kennenlerngespräch: Ziele, Personen und Werkzeuge'],
  ] as const)('dates the items from the start in %s', (locale, firstTitle) => {
    const items = planItemsFromTemplate(firstThirtyDaysTemplate, '2026-12-30', locale);
    expect(items).toHaveLength(firstThirtyDaysTemplate.items.length);
    expect(items[0]).toMatchObject({
      kind: 'intro',
      title: firstTitle,
      dueDay: 0,
      dueOn: '2026-12-30',
      access: null,
    });
    expect(items.find((i) => i.dueDay === 7)?.dueOn).toBe('2027-01-06');
    expect(items.at(-1)?.dueOn).toBe('2027-01-28');
    const access = items.find((i) => i.kind === 'access');
    expect(access?.access?.leastPrivilege).toBe(
      firstThirtyDaysTemplate.items.find((i) => i.kind === 'access')?.access?.leastPrivilege[locale],
    );
    expect(items.map((i) => i.dueDay)).toEqual([...items.map((i) => i.dueDay)].sort((a, b) => a - b));
  });

  it('takes an ISO instant by its date and rejects garbage', () => {
    expect(planItemsFromTemplate(firstThirtyDaysTemplate, '2026-03-01T10:00:00Z', 'en')[0]?.dueOn).toBe(
      '2026-03-01',
    );
    expect(() => planItemsFromTemplate(firstThirtyDaysTemplate, 'soon', 'en')).toThrow(RangeError);
  });
});

describe('checkCharter', () => {
  const valid = { outcomes: ['a', 'b', 'c'], workingHours: '9–5', responseTimes: '4h', authorityNotes: '' };
  it('trims a valid charter', () => {
    expect(checkCharter({ ...valid, outcomes: [' a ', 'b', 'c'] })).toEqual({
      ok: true,
      value: { ...valid, outcomes: ['a', 'b', 'c'] },
    });
  });
  it.each([
    ['two outcomes', { ...valid, outcomes: ['a', 'b'] }, 'outcomes', 'exactly'],
    ['four outcomes', { ...valid, outcomes: ['a', 'b', 'c', 'd'] }, 'outcomes', 'exactly'],
    ['blank outcome', { ...valid, outcomes: ['a', ' ', 'c'] }, 'outcomes/1', 'required'],
    [
      'long outcome',
      { ...valid, outcomes: ['a', 'b', 'x'.repeat(onboardingLimits.outcomeMax + 1)] },
      'outcomes/2',
      'too_long',
    ],
    ['no working hours', { ...valid, workingHours: '' }, 'workingHours', 'required'],
    ['no response times', { ...valid, responseTimes: null }, 'responseTimes', 'required'],
    [
      'long authority notes',
      { ...valid, authorityNotes: 'x'.repeat(onboardingLimits.authorityNotesMax + 1) },
      'authorityNotes',
      'too_long',
    ],
  ])('%s', (_name, input, field, code) => {
    const result = checkCharter(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContainEqual(expect.objectContaining({ field, code }));
  });
});
