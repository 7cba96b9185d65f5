import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  createDefaults,
  filtersToParams,
  matchesClientFilters,
  parseFilters,
  querySearch,
  type TaskFilters,
  toListQuery,
} from './filters.ts';

const area = '0b6c1f0e-1111-4222-8333-444455556666';

describe('filters ↔ URL', () => {
  const cases: TaskFilters[] = [
    {},
    { area },
    { area: 'inbox', assignee: 'me' },
    { assignee: 'none', label: 'Buchhaltung & Steuern', due: 'overdue' },
    { due: 'week', states: ['todo', 'review'], q: 'rechnung 50%', sort: 'due', order: 'desc' },
    { assignee: area, due: 'none', sort: 'title' },
    { sort: 'assignee', order: 'asc' },
  ];

  it.each(cases.map((c) => [JSON.stringify(c), c] as const))('round trip %s', (_name, filters) => {
    const search = filtersToParams(filters).toString();
    expect(parseFilters(new URLSearchParams(search))).toEqual(filters);
  });

  it('drops what it does not know', () => {
    const parsed = parseFilters(
      new URLSearchParams(
        'area=../../etc&assignee=root&due=soon&state=todo,nope&sort=id;drop&order=up&label=a,b',
      ),
    );
    expect(parsed).toEqual({ states: ['todo'] });
  });

  it('keeps states in canonical order', () => {
    expect(parseFilters(new URLSearchParams('state=done,todo')).states).toEqual(['todo', 'done']);
  });

  it('keeps other parameters and replaces its own', () => {
    const params = filtersToParams({ due: 'none' }, new URLSearchParams('view=week&due=overdue&area=inbox'));
    expect(params.toString()).toBe('view=week&due=none');
  });

  it('counts narrowing filters only', () => {
    expect(activeFilterCount({ q: 'x', sort: 'due' })).toBe(0);
    expect(activeFilterCount({ area, due: 'week', states: ['todo'] })).toBe(3);
  });
});

describe('filters → server query', () => {
  const ctx = {
    now: Date.parse('2026-05-06T10:00:00.000Z'),
    timeZone: 'Europe/Berlin',
    weekStart: 1 as const,
  };

  it('maps every filter', () => {
    expect(
      toListQuery(
        { area: 'inbox', assignee: 'me', label: 'x', due: 'overdue', states: ['todo', 'doing'] },
        ctx,
      ),
    ).toEqual({ areaId: 'inbox', assigneeId: 'me', label: 'x', overdue: 'true', state: 'todo,doing' });
  });

  it('"this week" is the calendar week in the zone and locale', () => {
    expect(toListQuery({ due: 'week' }, ctx)).toEqual({
      dueFrom: '2026-05-03T22:00:00.000Z',
      dueTo: '2026-05-10T21:59:59.999Z',
    });
    expect(toListQuery({ due: 'week' }, { ...ctx, weekStart: 7, timeZone: 'America/New_York' })).toEqual({
      dueFrom: '2026-05-03T04:00:00.000Z',
      dueTo: '2026-05-10T03:59:59.999Z',
    });
  });

  it('"no due date" is filtered on the client', () => {
    expect(toListQuery({ due: 'none' }, ctx)).toEqual({});
    expect(matchesClientFilters({ dueAt: null }, { due: 'none' })).toBe(true);
    expect(matchesClientFilters({ dueAt: '2026-05-06T10:00:00.000Z' }, { due: 'none' })).toBe(false);
    expect(matchesClientFilters({ dueAt: '2026-05-06T10:00:00.000Z' }, {})).toBe(true);
  });

  it('sorts by area, assignee and state on the client', () => {
    expect(toListQuery({ sort: 'area', order: 'desc' }, ctx)).toEqual({});
    expect(toListQuery({ sort: 'priority', order: 'desc' }, ctx)).toEqual({
      sort: 'priority',
      order: 'desc',
    });
  });

  it('builds the query string from set fields only', () => {
    expect(querySearch({ state: 'todo', q: 'a b', limit: '1000' })).toBe('state=todo&q=a+b&limit=1000');
  });
});

describe('createDefaults', () => {
  it('a task created in a filtered view matches the filter', () => {
    expect(createDefaults({}, 'me-id')).toEqual({});
    expect(createDefaults({ area: 'inbox', assignee: 'none' }, 'me-id')).toEqual({
      areaId: null,
      assigneeId: null,
    });
    expect(createDefaults({ area, assignee: 'me', label: 'x', due: 'overdue' }, 'me-id')).toEqual({
      areaId: area,
      assigneeId: 'me-id',
      labels: ['x'],
    });
  });
});
