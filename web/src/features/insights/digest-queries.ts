import { insightKeys } from './queries.ts';

/** Query keys of the weekly digests, under the insights keys so one invalidation covers both. */
export const digestKeys = {
  all: (workspaceId: string) => [...insightKeys.all(workspaceId), 'digests'] as const,
  list: (workspaceId: string) => [...digestKeys.all(workspaceId), 'list'] as const,
  one: (workspaceId: string, digestId: string) => [...digestKeys.all(workspaceId), 'one', digestId] as const,
};
