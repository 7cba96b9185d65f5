import type { SopListQuery } from '@leeway/core';
import { workspaceKeys } from '../workspaces/queries.ts';

/**
 * Query keys of the SOP library, nested under the workspace so leaving it drops them. One
 * invalidation of `all` refreshes the library, every SOP page and the pickers after a publish.
 */
export const sopKeys = {
  all: (workspaceId: string) => [...workspaceKeys.all, workspaceId, 'sops'] as const,
  lists: (workspaceId: string) => [...sopKeys.all(workspaceId), 'list'] as const,
  list: (workspaceId: string, query: SopListQuery) => [...sopKeys.lists(workspaceId), query] as const,
  detail: (workspaceId: string, sopId: string) => [...sopKeys.all(workspaceId), 'detail', sopId] as const,
  diff: (workspaceId: string, sopId: string, from: number, to: number) =>
    [...sopKeys.detail(workspaceId, sopId), 'diff', from, to] as const,
  version: (workspaceId: string, sopId: string, number: number) =>
    [...sopKeys.detail(workspaceId, sopId), 'version', number] as const,
};
