import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../lib/api.ts';
import { english, german } from '../../locales/index.ts';
import { canNudge, isJustNow, nudgeErrorKey, nudgeRefusal } from './nudge-view.ts';

const base = { isOwner: true, userId: 'me', assigneeId: 'amira', state: 'doing' } as const;

describe('canNudge', () => {
  it.each([
    [base, true],
    [{ ...base, state: 'todo' as const }, true],
    [{ ...base, state: 'review' as const }, true],
    [{ ...base, isOwner: false }, false],
    [{ ...base, assigneeId: null }, false],
    [{ ...base, assigneeId: 'me' }, false],
    [{ ...base, state: 'done' as const }, false],
    [{ ...base, state: 'cancelled' as const }, false],
  ])('%o → %s', (input, expected) => {
    expect(canNudge(input)).toBe(expected);
  });
});

describe('nudge errors', () => {
  it('reads the refusal reason of a 409, and only a known one', () => {
    const refused = new ApiError(409, 'conflict', 'x', { reason: 'recently_nudged', lastNudgedAt: 'x' });
    expect(nudgeRefusal(refused)).toBe('recently_nudged');
    expect(nudgeErrorKey(refused)).toBe('nudges.refused.recently_nudged');
    const unknown = new ApiError(409, 'conflict', 'x', { reason: 'something_else' });
    expect(nudgeRefusal(unknown)).toBeNull();
    expect(nudgeErrorKey(unknown)).toBe('errors.conflict');
    expect(nudgeErrorKey(new ApiError(403, 'forbidden', 'x', { reason: 'own_task' }))).toBe(
      'errors.forbidden',
    );
    expect(nudgeErrorKey(new NetworkError(new Error('offline')))).toBe('errors.network');
  });

  it('has a text for every refusal in both languages', () => {
    for (const messages of [english, german]) {
      expect(Object.keys(messages.nudges.refused).sort()).toEqual(
        ['no_assignee', 'own_task', 'recently_nudged', 'task_closed'].sort(),
      );
    }
  });
});

describe('isJustNow', () => {
  const now = Date.parse('2026-03-02T10:00:00.000Z');
  it.each([
    ['2026-03-02T09:59:30.000Z', true],
    ['2026-03-02T10:00:05.000Z', true],
    ['2026-03-02T09:59:00.000Z', false],
    ['2026-03-02T07:00:00.000Z', false],
    ['not a date', false],
  ])('%s → %s', (iso, expected) => {
    expect(isJustNow(iso, now)).toBe(expected);
  });
});
