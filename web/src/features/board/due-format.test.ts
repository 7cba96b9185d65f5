import { describe, expect, it } from 'vitest';
import { formatDayHeading, formatDue as formatDueRaw, isOverdue } from './due-format.ts';

// Thursday 26 November 2026, 10:00 in Berlin.
const now = Date.parse('2026-11-26T09:00:00.000Z');
const en = { locale: 'en-US', timeZone: 'Europe/Berlin', now };
const de = { locale: 'de', timeZone: 'Europe/Berlin', now };
// ICU versions differ in the space before AM/PM (U+202F or a plain space).
const formatDue = (iso: string, ctx: typeof en) => formatDueRaw(iso, ctx).replace(/\s/g, ' ');

describe('formatDue', () => {
  it('names today, tomorrow and yesterday in the reader language', () => {
    expect(formatDue('2026-11-26T13:30:00.000Z', en)).toBe('Today 2:30 PM');
    expect(formatDue('2026-11-27T13:30:00.000Z', de)).toBe('Morgen 14:30');
    expect(formatDue('2026-11-25T13:30:00.000Z', de)).toBe('Gestern 14:30');
  });

  it('a due date without a time (23:59 in the zone) shows the day only', () => {
    expect(formatDue('2026-12-03T22:59:00.000Z', en)).toBe('Dec 3');
    expect(formatDue('2026-12-03T22:59:00.000Z', de)).toBe('3. Dez.');
  });

  it('adds the year outside the current one, and reads the day in the zone', () => {
    expect(formatDue('2027-01-05T22:59:00.000Z', en)).toBe('Jan 5, 2027');
    // 23:30 UTC on the 30th is already 1 December in Berlin.
    expect(formatDue('2026-11-30T23:30:00.000Z', en)).toBe('Dec 1 12:30 AM');
  });

  it('headings for a day', () => {
    expect(formatDayHeading('2026-11-26', en)).toBe('Today · Thursday, November 26');
    expect(formatDayHeading('2026-11-28', de)).toBe('Samstag, 28. November');
  });

  it('overdue: past due and still open', () => {
    expect(isOverdue({ dueAt: '2026-11-26T08:00:00.000Z', state: 'todo' }, now)).toBe(true);
    expect(isOverdue({ dueAt: '2026-11-26T08:00:00.000Z', state: 'done' }, now)).toBe(false);
    expect(isOverdue({ dueAt: '2026-11-26T10:00:00.000Z', state: 'todo' }, now)).toBe(false);
    expect(isOverdue({ dueAt: null, state: 'todo' }, now)).toBe(false);
  });
});
