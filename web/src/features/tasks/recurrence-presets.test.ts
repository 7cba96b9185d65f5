import { describe, expect, it } from 'vitest';
import {
  customRuleProblem,
  presetToRule,
  ruleToPreset,
  samePreset,
  weekdayOf,
} from './recurrence-presets.ts';

describe('presetToRule', () => {
  it.each([
    [{ kind: 'none' } as const, null],
    [{ kind: 'daily' } as const, 'FREQ=DAILY'],
    [{ kind: 'weekly', days: ['FR', 'MO'] } as const, 'FREQ=WEEKLY;BYDAY=MO,FR'],
    [{ kind: 'weekly', days: [] } as const, null],
    [{ kind: 'monthly' } as const, 'FREQ=MONTHLY'],
    [{ kind: 'custom', rule: ' RRULE:FREQ=WEEKLY;INTERVAL=2 ' } as const, 'FREQ=WEEKLY;INTERVAL=2'],
    [{ kind: 'custom', rule: '  ' } as const, null],
  ])('%j → %s', (preset, rule) => {
    expect(presetToRule(preset)).toBe(rule);
  });
});

describe('ruleToPreset', () => {
  it('reads back what the presets write', () => {
    for (const preset of [
      { kind: 'daily' } as const,
      { kind: 'weekly', days: ['MO', 'WE', 'FR'] } as const,
      { kind: 'monthly' } as const,
    ]) {
      expect(ruleToPreset(presetToRule(preset))).toEqual(preset);
    }
  });

  it('keeps anything else as custom text, unchanged', () => {
    for (const rule of [
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
      'FREQ=MONTHLY;BYDAY=-1FR',
      'FREQ=DAILY;COUNT=5',
      'FREQ=YEARLY',
      'FREQ=MONTHLY;BYMONTHDAY=15',
      'not a rule',
    ]) {
      expect(ruleToPreset(rule)).toEqual({ kind: 'custom', rule });
    }
  });

  it('treats no rule as "doesn\'t repeat" and accepts the RRULE: prefix', () => {
    expect(ruleToPreset(null)).toEqual({ kind: 'none' });
    expect(ruleToPreset('')).toEqual({ kind: 'none' });
    expect(ruleToPreset('RRULE:FREQ=DAILY')).toEqual({ kind: 'daily' });
  });
});

describe('weekdayOf', () => {
  it('uses the wall clock of the zone, not UTC', () => {
    // 23:30 UTC on Sunday is already Monday in Berlin.
    expect(weekdayOf('2026-03-01T23:30:00.000Z', 'Europe/Berlin')).toBe('MO');
    expect(weekdayOf('2026-03-01T23:30:00.000Z', 'UTC')).toBe('SU');
    expect(weekdayOf('2026-03-02T03:00:00.000Z', 'America/New_York')).toBe('SU');
  });
});

describe('customRuleProblem', () => {
  it('accepts supported rules and names the problem of others', () => {
    expect(customRuleProblem('FREQ=WEEKLY;BYDAY=MO,TH')).toBeNull();
    expect(customRuleProblem('FREQ=HOURLY')).toMatch(/HOURLY/);
    expect(customRuleProblem('FREQ=DAILY;BYSETPOS=1')).toMatch(/BYSETPOS/);
    expect(customRuleProblem('')).toBe('');
  });
});

describe('samePreset', () => {
  it('compares by the rule written', () => {
    expect(samePreset({ kind: 'weekly', days: ['FR', 'MO'] }, { kind: 'weekly', days: ['MO', 'FR'] })).toBe(
      true,
    );
    expect(samePreset({ kind: 'daily' }, { kind: 'custom', rule: 'FREQ=DAILY' })).toBe(true);
    expect(samePreset({ kind: 'none' }, { kind: 'custom', rule: '' })).toBe(false);
  });
});
