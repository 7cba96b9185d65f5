import { parseRule, type RecurrenceRule, type RuleWeekday, ruleWeekdays, wallTimeAt } from '@leeway/core';

/**
 * The repeat choices the task editor offers, and how they map to RRULE text. Anything the
 * presets can't say (every 2 weeks, the last Friday, until a date) is kept as custom text.
 */
export type RecurrencePreset =
  | { kind: 'none' }
  | { kind: 'daily' }
  | { kind: 'weekly'; days: readonly RuleWeekday[] }
  | { kind: 'monthly' }
  | { kind: 'custom'; rule: string };

export type RecurrencePresetKind = RecurrencePreset['kind'];

export const recurrencePresetKinds = ['none', 'daily', 'weekly', 'monthly', 'custom'] as const;

function sortDays(days: readonly RuleWeekday[]): RuleWeekday[] {
  return ruleWeekdays.filter((d) => days.includes(d));
}

/** The RRULE for a preset (null for "doesn't repeat"); a weekly preset without days is invalid (null). */
export function presetToRule(preset: RecurrencePreset): string | null {
  switch (preset.kind) {
    case 'none':
      return null;
    case 'daily':
      return 'FREQ=DAILY';
    case 'weekly': {
      const days = sortDays(preset.days);
      return days.length === 0 ? null : `FREQ=WEEKLY;BYDAY=${days.join(',')}`;
    }
    case 'monthly':
      return 'FREQ=MONTHLY';
    case 'custom': {
      const text = preset.rule.trim().replace(/^RRULE:/i, '');
      return text === '' ? null : text;
    }
  }
}

function isPlain(rule: RecurrenceRule): boolean {
  return (
    rule.interval === 1 &&
    rule.count === null &&
    rule.until === null &&
    rule.byMonth.length === 0 &&
    rule.byMonthDay.length === 0
  );
}

/** Reads a stored rule back into the preset that writes it, else "custom" with the text as is. */
export function ruleToPreset(ruleText: string | null | undefined): RecurrencePreset {
  if (!ruleText) return { kind: 'none' };
  const parsed = parseRule(ruleText);
  if (!parsed.ok || !isPlain(parsed.rule)) return { kind: 'custom', rule: ruleText };
  const { rule } = parsed;
  if (rule.freq === 'DAILY' && rule.byDay.length === 0) return { kind: 'daily' };
  if (rule.freq === 'MONTHLY' && rule.byDay.length === 0) return { kind: 'monthly' };
  if (rule.freq === 'WEEKLY' && rule.byDay.length > 0 && rule.byDay.every((d) => d.nth === null)) {
    return { kind: 'weekly', days: sortDays(rule.byDay.map((d) => d.weekday)) };
  }
  return { kind: 'custom', rule: ruleText };
}

/** The weekday a due date falls on in a zone, in RRULE spelling (the default for "every week"). */
export function weekdayOf(iso: string, timeZone: string): RuleWeekday {
  const w = wallTimeAt(Date.parse(iso), timeZone);
  const utc = Date.UTC(w.year, w.month - 1, w.day);
  // getUTCDay: 0 = Sunday; RRULE order starts on Monday.
  const index = (new Date(utc).getUTCDay() + 6) % 7;
  return ruleWeekdays[index] ?? 'MO';
}

/** Why custom RRULE text is refused (the parser's English detail), or null when it is fine. */
export function customRuleProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const parsed = parseRule(trimmed);
  return parsed.ok ? null : parsed.message;
}

/** Two presets that write the same rule are the same choice (weekday order doesn't matter). */
export function samePreset(a: RecurrencePreset, b: RecurrencePreset): boolean {
  return presetToRule(a) === presetToRule(b) && (a.kind === 'none') === (b.kind === 'none');
}
