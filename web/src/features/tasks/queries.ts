import type { TaskListQuery } from '@leeway/core';
import { workspaceKeys } from '../workspaces/queries.ts';

/**
 * Query keys for everything task-shaped, nested under the workspace so leaving it drops
 * them, and under `tasks` so one live event can refresh every list, board and detail at once.
 */
export const taskKeys = {
  all: (workspaceId: string) => [...workspaceKeys.all, workspaceId, 'tasks'] as const,
  lists: (workspaceId: string) => [...taskKeys.all(workspaceId), 'list'] as const,
  list: (workspaceId: string, query: TaskListQuery) => [...taskKeys.lists(workspaceId), query] as const,
  /** The inbox triage list; under `lists` so anything that refreshes lists refreshes it. */
  inbox: (workspaceId: string) => [...taskKeys.lists(workspaceId), 'inbox'] as const,
  detail: (workspaceId: string, taskId: string) => [...taskKeys.all(workspaceId), 'detail', taskId] as const,
  comments: (workspaceId: string, taskId: string) =>
    [...taskKeys.detail(workspaceId, taskId), 'comments'] as const,
  attachments: (workspaceId: string, taskId: string) =>
    [...taskKeys.detail(workspaceId, taskId), 'attachments'] as const,
  history: (workspaceId: string, taskId: string) =>
    [...taskKeys.detail(workspaceId, taskId), 'history'] as const,
  labels: (workspaceId: string) => [...taskKeys.all(workspaceId), 'labels'] as const,
  templates: (workspaceId: string) => [...taskKeys.all(workspaceId), 'templates'] as const,
};

export const areaKeys = {
  all: (workspaceId: string) => [...workspaceKeys.all, workspaceId, 'areas'] as const,
  list: (workspaceId: string, includeArchived = false) =>
    [...areaKeys.all(workspaceId), 'list', includeArchived] as const,
  detail: (workspaceId: string, areaId: string) => [...areaKeys.all(workspaceId), 'detail', areaId] as const,
};

export const notificationKeys = {
  all: (workspaceId: string) => [...workspaceKeys.all, workspaceId, 'notifications'] as const,
  list: (workspaceId: string) => [...notificationKeys.all(workspaceId), 'list'] as const,
  preferences: () => ['me', 'notification-preferences'] as const,
};
