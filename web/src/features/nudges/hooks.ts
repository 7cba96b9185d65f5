import type { Nudge, TaskNudges } from '@leeway/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { taskKeys } from '../tasks/queries.ts';
import { nudgeKeys } from './queries.ts';

const nudgesPath = (workspaceId: string, taskId: string) =>
  `/workspaces/${seg(workspaceId)}/tasks/${seg(taskId)}/nudges`;

/** The task's nudges and whether one sent now would be redundant (principals only). */
export function useTaskNudges(workspaceId: string, taskId: string, enabled: boolean) {
  return useQuery({
    queryKey: nudgeKeys.task(workspaceId, taskId),
    queryFn: ({ signal }) => api.get<TaskNudges>(nudgesPath(workspaceId, taskId), { signal }),
    enabled,
  });
}

export function useSendNudge(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Nudge>(nudgesPath(workspaceId, taskId), {}),
    // Success adds a nudge and a history entry; a refusal may mean the task moved on (done,
    // reassigned) or another tab asked already: both refetch.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: nudgeKeys.task(workspaceId, taskId) });
      void queryClient.invalidateQueries({ queryKey: taskKeys.history(workspaceId, taskId) });
    },
  });
}
