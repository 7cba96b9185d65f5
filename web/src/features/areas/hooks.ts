import type { Area, CreateAreaBody, UpdateAreaBody } from '@leeway/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { areaKeys } from '../tasks/queries.ts';

const base = (workspaceId: string) => `/workspaces/${seg(workspaceId)}/areas`;

/** Areas by name; archived ones only when asked for. */
export function useAreas(workspaceId: string, includeArchived = false) {
  return useQuery({
    queryKey: areaKeys.list(workspaceId, includeArchived),
    queryFn: ({ signal }) =>
      api.get<Area[]>(includeArchived ? `${base(workspaceId)}?includeArchived=true` : base(workspaceId), {
        signal,
      }),
  });
}

/** Puts a saved area into every cached list, then lets the lists refetch for order and filters. */
function useStoreArea(workspaceId: string) {
  const queryClient = useQueryClient();
  return (area: Area) => {
    queryClient.setQueryData(areaKeys.detail(workspaceId, area.id), area);
    for (const includeArchived of [false, true]) {
      queryClient.setQueryData<Area[]>(areaKeys.list(workspaceId, includeArchived), (list) => {
        if (!list) return list;
        const visible = includeArchived || area.archivedAt === null;
        const rest = list.filter((a) => a.id !== area.id);
        return visible ? [...rest, area].sort((a, b) => a.name.localeCompare(b.name)) : rest;
      });
    }
    void queryClient.invalidateQueries({ queryKey: areaKeys.all(workspaceId) });
  };
}

export function useCreateArea(workspaceId: string) {
  const store = useStoreArea(workspaceId);
  return useMutation({
    mutationFn: (body: CreateAreaBody) => api.post<Area>(base(workspaceId), body),
    onSuccess: store,
  });
}

export function useUpdateArea(workspaceId: string) {
  const store = useStoreArea(workspaceId);
  return useMutation({
    mutationFn: ({ areaId, body }: { areaId: string; body: UpdateAreaBody }) =>
      api.patch<Area>(`${base(workspaceId)}/${seg(areaId)}`, body),
    onSuccess: store,
  });
}

export function useSetAreaArchived(workspaceId: string) {
  const store = useStoreArea(workspaceId);
  return useMutation({
    mutationFn: ({ areaId, archived }: { areaId: string; archived: boolean }) =>
      api.post<Area>(`${base(workspaceId)}/${seg(areaId)}/${archived ? 'archive' : 'unarchive'}`),
    onSuccess: store,
  });
}
