import type { Task } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { changedFields, rebasePatch, sameValue, summarizeConflict } from './conflict.ts';

const base: Task = {
  id: '00000000-0000-4000-8000-000000000001',
  title: 'Send invoices',
  areaId: null,
  assigneeId: null,
  creatorId: '00000000-0000-4000-8000-0000000000aa',
  state: 'todo',
  blocked: false,
  dueAt: '2026-05-01T15:00:00.000Z',
  priority: 'none',
  labels: ['finance'],
  position: 1,
  version: 3,
  checklistDone: 0,
  checklistTotal: 0,
  commentCount: 0,
  attachmentCount: 0,
  recurring: false,
  proposed: false,
  missionId: null,
  createdAt: '2026-04-01T00:00:00.000Z',
  updatedAt: '2026-04-01T00:00:00.000Z',
  completedAt: null,
  description: 'Monthly',
  descriptionHtml: '<p>Monthly</p>',
  blockedReason: '',
  dueTimeZone: 'Europe/Berlin',
  recurrence: null,
  seriesId: null,
  checklist: [],
  following: false,
  reviewRequested: false,
  routing: null,
  sop: null,
};

describe('sameValue', () => {
  it('compares instants, trimmed titles and recurrence by content', () => {
    expect(sameValue('dueAt', '2026-05-01T15:00:00Z', '2026-05-01T15:00:00.000Z')).toBe(true);
    expect(sameValue('title', ' Send invoices ', 'Send invoices')).toBe(true);
    expect(
      sameValue(
        'recurrence',
        { rule: 'FREQ=DAILY', mode: 'calendar', timeZone: 'UTC' },
        { timeZone: 'UTC', mode: 'calendar', rule: 'FREQ=DAILY' },
      ),
    ).toBe(true);
    expect(sameValue('labels', ['a', 'b'], ['b', 'a'])).toBe(false);
  });
});

describe('summarizeConflict', () => {
  const current: Task = { ...base, version: 4, title: 'Send all invoices', state: 'doing' };

  it('lists what they changed and what of mine is still not applied', () => {
    const summary = summarizeConflict(base, current, { title: 'Send invoices today', priority: 'high' });
    expect(summary.theirs).toEqual(['title', 'state']);
    expect(summary.mine).toEqual(['title', 'priority']);
  });

  it('drops my changes the current version already has', () => {
    expect(summarizeConflict(base, current, { state: 'doing' }).mine).toEqual([]);
  });

  it('without the base version, shows only my side', () => {
    expect(summarizeConflict(undefined, current, { state: 'done' })).toEqual({ theirs: [], mine: ['state'] });
  });
});

describe('rebasePatch', () => {
  const current: Task = { ...base, version: 7, assigneeId: '00000000-0000-4000-8000-0000000000bb' };

  it('re-sends only what still differs, on the current version, with the due zone', () => {
    expect(
      rebasePatch(
        { dueAt: '2026-06-01T10:00:00.000Z', dueTimeZone: 'Europe/Berlin', labels: ['finance'] },
        current,
      ),
    ).toEqual({ version: 7, dueAt: '2026-06-01T10:00:00.000Z', dueTimeZone: 'Europe/Berlin' });
  });

  it('answers null when nothing is left', () => {
    expect(rebasePatch({ title: 'Send invoices' }, current)).toBeNull();
  });
});

describe('changedFields', () => {
  it('ignores fields outside the editor (position, counts)', () => {
    expect(changedFields(base, { ...base, position: 9, commentCount: 2, version: 4 })).toEqual([]);
  });
});
