import type { QuestionListQuery } from '@leeway/core';
import { workspaceKeys } from '../workspaces/queries.ts';

/** Query keys of questions; one invalidation of `all` refreshes every tab, task section and detail. */
export const questionKeys = {
  all: (workspaceId: string) => [...workspaceKeys.all, workspaceId, 'questions'] as const,
  lists: (workspaceId: string) => [...questionKeys.all(workspaceId), 'list'] as const,
  list: (workspaceId: string, query: QuestionListQuery) =>
    [...questionKeys.lists(workspaceId), query] as const,
  detail: (workspaceId: string, questionId: string) =>
    [...questionKeys.all(workspaceId), 'detail', questionId] as const,
};
