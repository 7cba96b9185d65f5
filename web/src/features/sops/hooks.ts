import type {
  AcknowledgeSopBody,
  CreateSopBody,
  PublishSopBody,
  SaveSopDraftBody,
  SopDetail,
  SopDiff,
  SopListQuery,
  SopSummary,
  SopVersionView,
  Task,
  UpdateSopBody,
  UseSopBody,
} from '@leeway/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { storeTask } from '../tasks/hooks.ts';
import { taskKeys } from '../tasks/queries.ts';
import { sopKeys } from './queries.ts';
import { listQueryString } from './sop-values.ts';

const base = (workspaceId: string) => `/workspaces/${seg(workspaceId)}/sops`;
const sopPath = (workspaceId: string, sopId: string) => `${base(workspaceId)}/${seg(sopId)}`;

/** The library, filtered on the server (area, status, review due, text). */
export function useSops(workspaceId: string, query: SopListQuery = {}, enabled = true) {
  return useQuery({
    queryKey: sopKeys.list(workspaceId, query),
    queryFn: ({ signal }) =>
      api.get<SopSummary[]>(`${base(workspaceId)}${listQueryString(query)}`, { signal }),
    enabled,
  });
}

export function useSop(workspaceId: string, sopId: string) {
  return useQuery({
    queryKey: sopKeys.detail(workspaceId, sopId),
    queryFn: ({ signal }) => api.get<SopDetail>(sopPath(workspaceId, sopId), { signal }),
  });
}

export function useSopVersion(workspaceId: string, sopId: string, number: number | null) {
  return useQuery({
    queryKey: sopKeys.version(workspaceId, sopId, number ?? 0),
    queryFn: ({ signal }) =>
      api.get<SopVersionView>(`${sopPath(workspaceId, sopId)}/versions/${number ?? 0}`, { signal }),
    enabled: number !== null,
  });
}

export function useSopDiff(workspaceId: string, sopId: string, pair: { from: number; to: number } | null) {
  return useQuery({
    queryKey: sopKeys.diff(workspaceId, sopId, pair?.from ?? 0, pair?.to ?? 0),
    queryFn: ({ signal }) =>
      api.get<SopDiff>(`${sopPath(workspaceId, sopId)}/diff?from=${pair?.from ?? 0}&to=${pair?.to ?? 0}`, {
        signal,
      }),
    enabled: pair !== null,
    // Published versions never change: a diff stays right.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Puts the answer on its page at once, then lets lists and the page refetch around it. */
function useStoreSop(workspaceId: string) {
  const queryClient = useQueryClient();
  return (sop: SopDetail | SopSummary | undefined, sopId: string) => {
    if (sop && 'versions' in sop) queryClient.setQueryData(sopKeys.detail(workspaceId, sopId), sop);
    void queryClient.invalidateQueries({ queryKey: sopKeys.all(workspaceId) });
  };
}

export function useCreateSop(workspaceId: string) {
  const store = useStoreSop(workspaceId);
  return useMutation({
    mutationFn: (body: CreateSopBody) => api.post<SopDetail>(base(workspaceId), body),
    onSuccess: (sop) => store(sop, sop.id),
  });
}

export function useUpdateSop(workspaceId: string, sopId: string) {
  const store = useStoreSop(workspaceId);
  return useMutation({
    mutationFn: (body: UpdateSopBody) => api.patch<SopDetail>(sopPath(workspaceId, sopId), body),
    onSuccess: (sop) => store(sop, sopId),
  });
}

export function useDeleteSop(workspaceId: string, sopId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<unknown>(sopPath(workspaceId, sopId)),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: sopKeys.detail(workspaceId, sopId) });
      void queryClient.invalidateQueries({ queryKey: sopKeys.lists(workspaceId) });
    },
  });
}

/** The answer is the draft (a version view) or the whole page; both are handled. */
export function useSaveSopDraft(workspaceId: string, sopId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveSopDraftBody) =>
      api.put<SopVersionView | SopDetail>(`${sopPath(workspaceId, sopId)}/draft`, body),
    onSuccess: (answer) => {
      const draft = 'versions' in answer ? answer.draft : answer;
      queryClient.setQueryData<SopDetail>(sopKeys.detail(workspaceId, sopId), (old) =>
        'versions' in answer ? answer : old ? { ...old, draft, hasDraft: true } : old,
      );
      void queryClient.invalidateQueries({ queryKey: sopKeys.lists(workspaceId) });
    },
  });
}

export function useDiscardSopDraft(workspaceId: string, sopId: string) {
  const store = useStoreSop(workspaceId);
  return useMutation({
    mutationFn: () => api.delete<unknown>(`${sopPath(workspaceId, sopId)}/draft`),
    onSuccess: () => store(undefined, sopId),
  });
}

export function usePublishSop(workspaceId: string, sopId: string) {
  const store = useStoreSop(workspaceId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PublishSopBody) => api.post<unknown>(`${sopPath(workspaceId, sopId)}/publish`, body),
    onSuccess: (answer) => {
      store(isDetail(answer) ? answer : undefined, sopId);
      // Tasks show "current vN" beside their pinned version.
      void queryClient.invalidateQueries({ queryKey: taskKeys.all(workspaceId) });
    },
  });
}

export function useAcknowledgeSop(workspaceId: string, sopId: string) {
  const store = useStoreSop(workspaceId);
  return useMutation({
    mutationFn: (body: AcknowledgeSopBody) =>
      api.post<unknown>(`${sopPath(workspaceId, sopId)}/acknowledge`, body),
    onSuccess: (answer) => store(isDetail(answer) ? answer : undefined, sopId),
  });
}

/** Pins a task to an SOP's current version: its steps join the checklist. */
export function useUseSop(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UseSopBody) =>
      api.put<Task>(`/workspaces/${seg(workspaceId)}/tasks/${seg(taskId)}/sop`, body),
    onSuccess: (task) => storeTask(queryClient, workspaceId, task),
  });
}

function isDetail(value: unknown): value is SopDetail {
  return typeof value === 'object' && value !== null && 'versions' in value && 'acknowledgements' in value;
}
