import { describe, expect, it } from 'vitest';
import { fromDueInputs, isOverdue, toDueInputs } from './due.ts';

describe('toDueInputs / fromDueInputs', () => {
  it('shows an instant as wall time in the zone and reads it back', () => {
    const iso = '2026-07-01T07:30:00.000Z';
    expect(toDueInputs(iso, 'Europe/Berlin')).toEqual({ date: '2026-07-01', time: '09:30' });
    expect(toDueInputs(iso, 'America/Los_Angeles')).toEqual({ date: '2026-07-01', time: '00:30' });
    expect(fromDueInputs('2026-07-01', '09:30', 'Europe/Berlin')).toBe(iso);
  });

  it('keeps 09:00 at 09:00 on both sides of a daylight-saving change', () => {
    expect(fromDueInputs('2026-03-28', '09:00', 'Europe/Berlin')).toBe('2026-03-28T08:00:00.000Z');
    expect(fromDueInputs('2026-03-30', '09:00', 'Europe/Berlin')).toBe('2026-03-30T07:00:00.000Z');
  });

  it('uses the default time when only a day is chosen', () => {
    expect(fromDueInputs('2026-01-15', '', 'UTC')).toBe('2026-01-15T23:59:00.000Z');
  });

  it('answers null for no date and undefined for a date it cannot read', () => {
    expect(fromDueInputs('', '10:00', 'UTC')).toBeNull();
    expect(fromDueInputs('2026-02-30', '10:00', 'UTC')).toBeUndefined();
    expect(fromDueInputs('0002-01-01', '10:00', 'UTC')).toBeUndefined();
    expect(fromDueInputs('2026-01-01', '25:00', 'UTC')).toBeUndefined();
    expect(toDueInputs(null, 'UTC')).toEqual({ date: '', time: '' });
  });
});

describe('isOverdue', () => {
  const now = Date.parse('2026-05-01T12:00:00Z');
  it('is overdue only when open and past due', () => {
    expect(isOverdue('2026-05-01T11:00:00Z', now, 'todo')).toBe(true);
    expect(isOverdue('2026-05-01T13:00:00Z', now, 'todo')).toBe(false);
    expect(isOverdue('2026-05-01T11:00:00Z', now, 'done')).toBe(false);
    expect(isOverdue(null, now, 'todo')).toBe(false);
  });
});
