import { workspaceKeys } from '../workspaces/queries.ts';

/** Query keys of goals and missions; one invalidation of `all` refreshes the page and every mission. */
export const goalKeys = {
  all: (workspaceId: string) => [...workspaceKeys.all, workspaceId, 'goals'] as const,
  list: (workspaceId: string) => [...goalKeys.all(workspaceId), 'list'] as const,
  mission: (workspaceId: string, missionId: string) =>
    [...goalKeys.all(workspaceId), 'mission', missionId] as const,
};
