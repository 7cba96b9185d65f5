import type { Workspace } from '@leeway/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { workspaceKeys } from './queries.ts';

export function useWorkspaces() {
  return useQuery({
    queryKey: workspaceKeys.list(),
    queryFn: ({ signal }) => api.get<Workspace[]>('/workspaces', { signal }),
  });
}

export function useWorkspace(workspaceId: string) {
  const queryClient = useQueryClient();
  return useQuery<Workspace>({
    queryKey: workspaceKeys.detail(workspaceId),
    queryFn: ({ signal }) => api.get<Workspace>(`/workspaces/${seg(workspaceId)}`, { signal }),
    // Switching workspaces shows the name from the list at once while the detail loads.
    placeholderData: () =>
      queryClient.getQueryData<Workspace[]>(workspaceKeys.list())?.find((w) => w.id === workspaceId),
  });
}

function storeWorkspace(queryClient: ReturnType<typeof useQueryClient>, workspace: Workspace) {
  queryClient.setQueryData(workspaceKeys.detail(workspace.id), workspace);
  queryClient.setQueryData<Workspace[]>(workspaceKeys.list(), (list) => {
    if (!list) return list;
    return list.some((w) => w.id === workspace.id)
      ? list.map((w) => (w.id === workspace.id ? workspace : w))
      : [...list, workspace];
  });
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<Workspace>('/workspaces', { name }),
    onSuccess: (workspace) => {
      storeWorkspace(queryClient, workspace);
      void queryClient.invalidateQueries({ queryKey: workspaceKeys.list() });
    },
  });
}

export function useRenameWorkspace(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.patch<Workspace>(`/workspaces/${seg(workspaceId)}`, { name }),
    onSuccess: (workspace) => storeWorkspace(queryClient, workspace),
  });
}

/** Drops a workspace from the cache after leaving it (its detail would now be a 404). */
export function dropWorkspace(queryClient: ReturnType<typeof useQueryClient>, workspaceId: string) {
  queryClient.setQueryData<Workspace[]>(workspaceKeys.list(), (list) =>
    list?.filter((w) => w.id !== workspaceId),
  );
  queryClient.removeQueries({ queryKey: [...workspaceKeys.all, workspaceId] });
  queryClient.removeQueries({ queryKey: workspaceKeys.detail(workspaceId) });
}
