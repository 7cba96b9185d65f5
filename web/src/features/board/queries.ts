import type { TaskListQuery } from '@leeway/core';
import { taskKeys } from '../tasks/queries.ts';

/**
 * Keys only the board feature uses. They nest under `taskKeys.all`, so a live event's
 * refresh reaches them too; paged lists (`useInfiniteQuery`) keep their own branch because
 * their cached shape differs from a single `TaskPage` under `taskKeys.lists`.
 */
export const boardKeys = {
  pages: (workspaceId: string, query: TaskListQuery) =>
    [...taskKeys.all(workspaceId), 'pages', query] as const,
};
