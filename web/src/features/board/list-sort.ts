import type { Priority, TaskState, TaskSummary } from '@leeway/core';
import { priorities, taskStates } from '@leeway/core';
import type { SortField, SortOrder } from './filters.ts';

/** The direction a column sorts in first: newest, most urgent and A→Z first. */
export function defaultOrder(field: SortField): SortOrder {
  return field === 'updated' || field === 'created' || field === 'priority' ? 'desc' : 'asc';
}

const priorityRank = new Map<Priority, number>(priorities.map((p, i) => [p, i]));
const stateRank = new Map<TaskState, number>(taskStates.map((s, i) => [s, i]));

/**
 * Sorts loaded rows on the client (for the fields the server doesn't sort by, and to keep the
 * order stable while pages arrive). Empty values (no area, nobody, no due date) go last.
 */
export function sortTasks(
  tasks: readonly TaskSummary[],
  field: SortField,
  order: SortOrder,
  names: { area: (id: string) => string | undefined; member: (id: string) => string | undefined },
  locale: string,
): TaskSummary[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const dir = order === 'asc' ? 1 : -1;
  const text = (value: string | undefined | null) => (value ? value : null);
  const key = (task: TaskSummary): string | number | null => {
    switch (field) {
      case 'title':
        return task.title;
      case 'area':
        return text(task.areaId ? names.area(task.areaId) : null);
      case 'assignee':
        return text(task.assigneeId ? names.member(task.assigneeId) : null);
      case 'state':
        return stateRank.get(task.state) ?? 0;
      case 'due':
        return task.dueAt ? Date.parse(task.dueAt) : null;
      case 'priority':
        return priorityRank.get(task.priority) ?? 0;
      case 'updated':
        return Date.parse(task.updatedAt);
      case 'created':
        return Date.parse(task.createdAt);
      case 'position':
        return task.position;
    }
  };
  return [...tasks].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) {
      if (ka === kb) return a.id < b.id ? -1 : 1;
      return ka === null ? 1 : -1;
    }
    const cmp =
      typeof ka === 'string' && typeof kb === 'string' ? collator.compare(ka, kb) : Number(ka) - Number(kb);
    return cmp !== 0 ? cmp * dir : a.id < b.id ? -1 : 1;
  });
}
