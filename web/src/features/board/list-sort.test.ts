import { describe, expect, it } from 'vitest';
import { taskSummary } from '../tasks/fixtures.ts';
import { defaultOrder, sortTasks } from './list-sort.ts';

const names = {
  area: (id: string) => ({ a1: 'Ärger', a2: 'Buchhaltung' })[id],
  member: (id: string) => ({ m1: 'Zoë', m2: 'adam' })[id],
};

describe('sortTasks', () => {
  const rows = [
    taskSummary('1', { areaId: 'a2', assigneeId: 'm1', state: 'done', priority: 'low' }),
    taskSummary('2', { areaId: null, assigneeId: 'm2', state: 'todo', priority: 'urgent' }),
    taskSummary('3', { areaId: 'a1', assigneeId: null, state: 'review', priority: 'none' }),
  ];

  it('by area name in the reader language, empty last in both directions', () => {
    expect(sortTasks(rows, 'area', 'asc', names, 'de').map((t) => t.id)).toEqual(['3', '1', '2']);
    expect(sortTasks(rows, 'area', 'desc', names, 'de').map((t) => t.id)).toEqual(['1', '3', '2']);
  });

  it('by assignee name, case-insensitively', () => {
    expect(sortTasks(rows, 'assignee', 'asc', names, 'en').map((t) => t.id)).toEqual(['2', '1', '3']);
  });

  it('by state in workflow order and by priority rank', () => {
    expect(sortTasks(rows, 'state', 'asc', names, 'en').map((t) => t.id)).toEqual(['2', '3', '1']);
    expect(sortTasks(rows, 'priority', 'desc', names, 'en').map((t) => t.id)).toEqual(['2', '1', '3']);
  });

  it('first click sorts newest and most urgent first', () => {
    expect(defaultOrder('updated')).toBe('desc');
    expect(defaultOrder('priority')).toBe('desc');
    expect(defaultOrder('title')).toBe('asc');
  });
});
