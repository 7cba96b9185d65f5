import {
  type TaskListQuery,
  type TaskSortField,
  type TaskState,
  type TaskSummary,
  taskLimits,
  taskSortFields,
  taskStates,
} from '@leeway/core';
import { dayOf, dueRange, type Weekday, weekDays } from './dates.ts';

/**
 * The filters of the board, list and calendar, as they live in the URL's query string
 * (`?area=…&assignee=me&due=overdue`), so a filtered view can be bookmarked, shared and
 * restored with the back button. Anything unknown in the URL is dropped, never sent on.
 */
export const dueFilters = ['overdue', 'week', 'none'] as const;
export type DueFilter = (typeof dueFilters)[number];

export type SortOrder = 'asc' | 'desc';

/**
 * The list can also sort by area, assignee and state. The server doesn't sort by those (their
 * order depends on names it doesn't sort by), so the list loads up to a full page and sorts it.
 */
export const clientSortFields = ['area', 'assignee', 'state'] as const;
export type ClientSortField = (typeof clientSortFields)[number];
export type SortField = TaskSortField | ClientSortField;

export function isServerSort(field: SortField): field is TaskSortField {
  return (taskSortFields as readonly string[]).includes(field);
}

export interface TaskFilters {
  /** An area id, or `inbox` for tasks without an area. */
  area?: string;
  /** A member id, `me` or `none`. */
  assignee?: string;
  label?: string;
  due?: DueFilter;
  /** List view only. */
  states?: TaskState[];
  /** List view only: full-text search. */
  q?: string;
  sort?: SortField;
  order?: SortOrder;
}

const uuid = /^[0-9a-fA-F-]{36}$/;

function isOneOf<T extends string>(values: readonly T[], value: string | null): value is T {
  return value !== null && (values as readonly string[]).includes(value);
}

/** Reads the filters from a query string, keeping only well-formed values. */
export function parseFilters(params: URLSearchParams): TaskFilters {
  const filters: TaskFilters = {};
  const area = params.get('area');
  if (area && (area === 'inbox' || uuid.test(area))) filters.area = area;
  const assignee = params.get('assignee');
  if (assignee && (assignee === 'me' || assignee === 'none' || uuid.test(assignee)))
    filters.assignee = assignee;
  const label = params.get('label')?.trim();
  if (label && label.length <= taskLimits.labelMax && !/[,\n\r]/.test(label)) filters.label = label;
  const due = params.get('due');
  if (isOneOf(dueFilters, due)) filters.due = due;
  const states = (params.get('state') ?? '').split(',').filter((s): s is TaskState => isOneOf(taskStates, s));
  // Kept in the canonical order so two spellings of one filter share a cache entry.
  if (states.length > 0) filters.states = taskStates.filter((s) => states.includes(s));
  const q = params.get('q')?.trim();
  if (q) filters.q = q.slice(0, 200);
  const sort = params.get('sort');
  if (isOneOf<SortField>([...taskSortFields, ...clientSortFields], sort)) filters.sort = sort;
  const order = params.get('order');
  if (order === 'asc' || order === 'desc') filters.order = order;
  return filters;
}

/** Writes filters back, in a fixed key order and without empty values. */
export function filtersToParams(filters: TaskFilters, base?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const key of ['area', 'assignee', 'label', 'due', 'state', 'q', 'sort', 'order']) params.delete(key);
  if (filters.area) params.set('area', filters.area);
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.label) params.set('label', filters.label);
  if (filters.due) params.set('due', filters.due);
  if (filters.states && filters.states.length > 0) params.set('state', filters.states.join(','));
  if (filters.q) params.set('q', filters.q);
  if (filters.sort) params.set('sort', filters.sort);
  if (filters.order) params.set('order', filters.order);
  return params;
}

/** How many of the narrowing filters (not sort, not search) are set: for "Clear filters". */
export function activeFilterCount(filters: TaskFilters): number {
  return [
    filters.area,
    filters.assignee,
    filters.label,
    filters.due,
    filters.states?.length ? 's' : undefined,
  ].filter(Boolean).length;
}

export interface QueryContext {
  now: number;
  timeZone: string;
  weekStart: Weekday;
}

/**
 * The server query for a set of filters. "No due date" has no server filter; it is applied
 * to the answer by `matchesClientFilters`.
 */
export function toListQuery(filters: TaskFilters, ctx: QueryContext): TaskListQuery {
  const query: TaskListQuery = {};
  if (filters.states && filters.states.length > 0) query.state = filters.states.join(',');
  if (filters.area) query.areaId = filters.area;
  if (filters.assignee) query.assigneeId = filters.assignee;
  if (filters.label) query.label = filters.label;
  if (filters.due === 'overdue') query.overdue = 'true';
  if (filters.due === 'week') {
    const days = weekDays(dayOf(ctx.now, ctx.timeZone), ctx.weekStart);
    Object.assign(query, dueRange(days[0] ?? '', days[6] ?? '', ctx.timeZone));
  }
  if (filters.q) query.q = filters.q;
  if (filters.sort && isServerSort(filters.sort)) {
    query.sort = filters.sort;
    if (filters.order) query.order = filters.order;
  }
  return query;
}

/** The filters the server can't apply. */
export function matchesClientFilters(task: Pick<TaskSummary, 'dueAt'>, filters: TaskFilters): boolean {
  if (filters.due === 'none' && task.dueAt !== null) return false;
  return true;
}

/** The query string for a TaskListQuery (only the fields that are set). */
export function querySearch(query: TaskListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' && value.length > 0) params.set(key, value);
  }
  return params.toString();
}

/**
 * What a task created on a filtered view starts with, so it shows up where it was created:
 * the filtered area (inbox: none), the filtered assignee and label.
 */
export function createDefaults(
  filters: TaskFilters,
  userId: string,
): { areaId?: string | null; assigneeId?: string | null; labels?: string[] } {
  const defaults: { areaId?: string | null; assigneeId?: string | null; labels?: string[] } = {};
  if (filters.area) defaults.areaId = filters.area === 'inbox' ? null : filters.area;
  if (filters.assignee === 'me') defaults.assigneeId = userId;
  else if (filters.assignee === 'none') defaults.assigneeId = null;
  else if (filters.assignee) defaults.assigneeId = filters.assignee;
  if (filters.label) defaults.labels = [filters.label];
  return defaults;
}
