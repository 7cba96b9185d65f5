import type { CheckInListQuery } from '@leeway/core';
import { workspaceKeys } from '../workspaces/queries.ts';

/** Query keys of weekly check-ins; `all` refreshes the caller's own state and every list. */
export const checkInKeys = {
  all: (workspaceId: string) => [...workspaceKeys.all, workspaceId, 'check-ins'] as const,
  me: (workspaceId: string) => [...checkInKeys.all(workspaceId), 'me'] as const,
  lists: (workspaceId: string) => [...checkInKeys.all(workspaceId), 'list'] as const,
  list: (workspaceId: string, query: CheckInListQuery) => [...checkInKeys.lists(workspaceId), query] as const,
};
