import { workspaceKeys } from '../workspaces/queries.ts';

/** Query keys of the insights screen; one invalidation of `all` refreshes the index and trends. */
export const insightKeys = {
  all: (workspaceId: string) => [...workspaceKeys.all, workspaceId, 'insights'] as const,
  index: (workspaceId: string) => [...insightKeys.all(workspaceId), 'index'] as const,
  trend: (workspaceId: string, principalId: string, assistantId: string) =>
    [...insightKeys.all(workspaceId), 'trend', principalId, assistantId] as const,
};
