import type { CreateTaskBody, Task, TaskListQuery, TaskPage, TaskState, TaskSummary } from '@leeway/core';
import { taskLimits } from '@leeway/core';
import {
  keepPreviousData,
  type QueryClient,
  type QueryKey,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { taskKeys } from '../tasks/queries.ts';
import { toTaskSummary } from '../tasks/summary.ts';
import { querySearch } from './filters.ts';
import { insertAfter } from './placement.ts';
import { boardKeys } from './queries.ts';

const base = (workspaceId: string) => `/workspaces/${seg(workspaceId)}`;

export function fetchTaskPage(workspaceId: string, query: TaskListQuery, signal?: AbortSignal) {
  const search = querySearch(query);
  return api.get<TaskPage>(
    `${base(workspaceId)}/tasks${search ? `?${search}` : ''}`,
    signal ? { signal } : {},
  );
}

/** One page of tasks (board columns, my week, calendar: up to `taskLimits.pageMax`). */
export function useTaskPage(
  workspaceId: string,
  query: TaskListQuery,
  options: { enabled?: boolean; keepPrevious?: boolean } = {},
) {
  return useQuery({
    queryKey: taskKeys.list(workspaceId, query),
    queryFn: ({ signal }) => fetchTaskPage(workspaceId, query, signal),
    enabled: options.enabled ?? true,
    // Paging through months keeps the last one on screen until the next has arrived.
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}

/** A list that grows with "Load more" (the list view). */
export function useTaskPages(workspaceId: string, query: TaskListQuery) {
  return useInfiniteQuery({
    queryKey: boardKeys.pages(workspaceId, query),
    queryFn: ({ signal, pageParam }) =>
      fetchTaskPage(workspaceId, pageParam ? { ...query, cursor: pageParam } : query, signal),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The board's full column query for one state. */
export function columnQuery(filterQuery: TaskListQuery, state: TaskState): TaskListQuery {
  return { ...filterQuery, state, sort: 'position', order: 'asc', limit: String(taskLimits.pageMax) };
}

export function useCreateTask(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTaskBody) => api.post<Task>(`${base(workspaceId)}/tasks`, body),
    onSuccess: (task) => {
      queryClient.setQueryData(taskKeys.detail(workspaceId, task.id), task);
      void queryClient.invalidateQueries({ queryKey: taskKeys.all(workspaceId) });
    },
  });
}

export interface MoveVariables {
  task: TaskSummary;
  state: TaskState;
  afterTaskId: string | null;
  /** The cache entries of the source and target columns, updated at once and rolled back on error. */
  fromKey: QueryKey;
  toKey: QueryKey;
}

const moveKey = (workspaceId: string) => ['move-task', workspaceId] as const;

function patchPage(
  queryClient: QueryClient,
  key: QueryKey,
  update: (items: TaskSummary[]) => TaskSummary[],
): void {
  queryClient.setQueryData<TaskPage>(key, (page) => (page ? { ...page, items: update(page.items) } : page));
}

/**
 * Drag and drop: shows the move at once, sends it with the version the card had, and puts
 * everything back when the server refuses. Refreshes the board once the last of several
 * quick moves has settled, so a refresh never undoes a move still on its way.
 */
export function useMoveTask(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: moveKey(workspaceId),
    mutationFn: ({ task, state, afterTaskId }: MoveVariables) =>
      api.post<Task>(`${base(workspaceId)}/tasks/${seg(task.id)}/move`, {
        version: task.version,
        state,
        afterTaskId,
      }),
    onMutate: async ({ task, state, afterTaskId, fromKey, toKey }) => {
      await queryClient.cancelQueries({ queryKey: taskKeys.lists(workspaceId) });
      const previous = [
        [fromKey, queryClient.getQueryData<TaskPage>(fromKey)],
        [toKey, queryClient.getQueryData<TaskPage>(toKey)],
      ] as const;
      patchPage(queryClient, fromKey, (items) => items.filter((t) => t.id !== task.id));
      patchPage(queryClient, toKey, (items) => insertAfter(items, { ...task, state }, afterTaskId));
      return { previous };
    },
    onSuccess: (saved, { toKey }) => {
      patchPage(queryClient, toKey, (items) =>
        items.map((t) => (t.id === saved.id ? toTaskSummary(saved) : t)),
      );
      queryClient.setQueryData(taskKeys.detail(workspaceId, saved.id), saved);
    },
    onError: (_error, _vars, context) => {
      for (const [key, data] of context?.previous ?? []) queryClient.setQueryData(key, data);
    },
    onSettled: () => {
      if (queryClient.isMutating({ mutationKey: moveKey(workspaceId) }) <= 1) {
        void queryClient.invalidateQueries({ queryKey: taskKeys.lists(workspaceId) });
      }
    },
  });
}

/** A state change from a list (my week's "done" tick), with the version it was based on. */
export function useSetTaskState(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ task, state }: { task: TaskSummary; state: TaskState }) =>
      api.patch<Task>(`${base(workspaceId)}/tasks/${seg(task.id)}`, { version: task.version, state }),
    onSuccess: (saved) => {
      queryClient.setQueryData(taskKeys.detail(workspaceId, saved.id), saved);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: taskKeys.all(workspaceId) });
    },
  });
}
