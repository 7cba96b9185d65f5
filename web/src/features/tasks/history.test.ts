import type { TaskEvent } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { historyEntries } from './history.ts';

const event = (kind: string, data: Record<string, unknown> = {}): TaskEvent => ({
  id: '00000000-0000-4000-8000-000000000001',
  actorId: null,
  actorName: 'Ada',
  kind,
  data,
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('historyEntries', () => {
  it('lists each changed field of an update, skipping the zone and position', () => {
    expect(
      historyEntries(
        event('updated', {
          changes: {
            title: { from: 'a', to: 'b' },
            dueAt: { from: null, to: '2026-02-01T10:00:00.000Z' },
            dueTimeZone: { from: null, to: 'Europe/Berlin' },
          },
        }),
      ),
    ).toEqual([
      { type: 'changed', field: 'title', from: 'a', to: 'b' },
      { type: 'changed', field: 'dueAt', from: null, to: '2026-02-01T10:00:00.000Z' },
    ]);
  });

  it('shows a move as a state change, or as reordering within a column', () => {
    expect(
      historyEntries(
        event('moved', { changes: { position: { from: 1, to: 2 }, state: { from: 'todo', to: 'doing' } } }),
      ),
    ).toEqual([{ type: 'changed', field: 'state', from: 'todo', to: 'doing' }]);
    expect(historyEntries(event('moved', { changes: { position: { from: 1, to: 2 } } }))).toEqual([
      { type: 'reordered', text: '' },
    ]);
  });

  it('names the object of simple events', () => {
    expect(historyEntries(event('created', { title: 'T' }))).toEqual([{ type: 'created', text: 'T' }]);
    expect(historyEntries(event('checklist_added', { text: 'Call' }))).toEqual([
      { type: 'checklist_added', text: 'Call' },
    ]);
    expect(historyEntries(event('checklist_edited', { from: 'a', to: 'b' }))).toEqual([
      { type: 'checklist_edited', text: 'b' },
    ]);
    expect(historyEntries(event('attachment_added', { fileName: 'x.pdf' }))).toEqual([
      { type: 'attachment_added', text: 'x.pdf' },
    ]);
  });

  it('keeps unknown kinds and survives odd data', () => {
    expect(historyEntries(event('reviewed'))).toEqual([{ type: 'other', kind: 'reviewed' }]);
    expect(historyEntries(event('updated', { changes: 'nope' }))).toEqual([]);
  });
});
