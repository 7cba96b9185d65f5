import type { LessonListQuery } from '@leeway/core';
import { workspaceKeys } from '../workspaces/queries.ts';

/** Query keys of the lessons log; one invalidation of `all` refreshes lists, stats and follow-ups. */
export const lessonKeys = {
  all: (workspaceId: string) => [...workspaceKeys.all, workspaceId, 'lessons'] as const,
  lists: (workspaceId: string) => [...lessonKeys.all(workspaceId), 'list'] as const,
  list: (workspaceId: string, query: LessonListQuery) => [...lessonKeys.lists(workspaceId), query] as const,
  detail: (workspaceId: string, lessonId: string) =>
    [...lessonKeys.all(workspaceId), 'detail', lessonId] as const,
  stats: (workspaceId: string) => [...lessonKeys.all(workspaceId), 'stats'] as const,
  followUps: (workspaceId: string, query: string) =>
    [...lessonKeys.all(workspaceId), 'follow-ups', query] as const,
};
