import type {
  CreateGoalBody,
  CreateMissionBody,
  CreateTaskBody,
  Goal,
  MissionDetail,
  Task,
  UpdateGoalBody,
  UpdateMissionBody,
} from '@leeway/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { taskKeys } from '../tasks/queries.ts';
import { goalKeys } from './queries.ts';

const ws = (workspaceId: string) => `/workspaces/${seg(workspaceId)}`;
const goalPath = (workspaceId: string, goalId: string) => `${ws(workspaceId)}/goals/${seg(goalId)}`;
const missionPath = (workspaceId: string, missionId: string) =>
  `${ws(workspaceId)}/missions/${seg(missionId)}`;

export function useGoals(workspaceId: string) {
  return useQuery({
    queryKey: goalKeys.list(workspaceId),
    queryFn: ({ signal }) => api.get<Goal[]>(`${ws(workspaceId)}/goals`, { signal }),
  });
}

export function useMission(workspaceId: string, missionId: string) {
  return useQuery({
    queryKey: goalKeys.mission(workspaceId, missionId),
    queryFn: ({ signal }) => api.get<MissionDetail>(missionPath(workspaceId, missionId), { signal }),
  });
}

function useRefresh(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: goalKeys.all(workspaceId) });
}

/** The conflict's current row, if the 409 carried one. */
export function conflictCurrent<T extends { version: number }>(error: unknown): T | null {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== 'conflict')
    return null;
  const current = (error as { details?: { current?: unknown } }).details?.current;
  if (typeof current === 'object' && current !== null && 'version' in current) return current as T;
  return null;
}

export function useCreateGoal(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: CreateGoalBody) => api.post<Goal>(`${ws(workspaceId)}/goals`, body),
    onSuccess: refresh,
  });
}

export function useUpdateGoal(workspaceId: string, goalId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: UpdateGoalBody) => api.patch<Goal>(goalPath(workspaceId, goalId), body),
    onSettled: refresh,
  });
}

export function useDeleteGoal(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (goalId: string) => api.delete(goalPath(workspaceId, goalId)),
    onSuccess: refresh,
  });
}

export function useCreateMission(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: CreateMissionBody) => api.post<MissionDetail>(`${ws(workspaceId)}/missions`, body),
    onSuccess: refresh,
  });
}

export function useUpdateMission(workspaceId: string, missionId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: UpdateMissionBody) =>
      api.patch<MissionDetail>(missionPath(workspaceId, missionId), body),
    onSuccess: (mission) => {
      queryClient.setQueryData(goalKeys.mission(workspaceId, missionId), mission);
      refresh();
    },
    onError: (error) => {
      const current = conflictCurrent<MissionDetail>(error);
      if (current) queryClient.setQueryData(goalKeys.mission(workspaceId, missionId), current);
      refresh();
    },
  });
}

export function useDeleteMission(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (missionId: string) => api.delete(missionPath(workspaceId, missionId)),
    onSuccess: (_data, missionId) => {
      queryClient.removeQueries({ queryKey: goalKeys.mission(workspaceId, missionId) });
      void queryClient.invalidateQueries({ queryKey: goalKeys.list(workspaceId) });
    },
  });
}

/** A task for the mission (the tasks API with `missionId`); below L3 the server makes it a proposal. */
export function useCreateMissionTask(workspaceId: string, missionId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: Omit<CreateTaskBody, 'missionId'>) =>
      api.post<Task>(`${ws(workspaceId)}/tasks`, { ...body, missionId }),
    onSuccess: () => {
      refresh();
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists(workspaceId) });
    },
  });
}
