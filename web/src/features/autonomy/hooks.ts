import type {
  AreaAutonomy,
  AutonomyGrant,
  AutonomySettings,
  AutonomySettingsPatchBody,
  DecideProposalBody,
  DecideReviewBody,
  Evidence,
  ExtendEpisodeBody,
  LevelChange,
  Proposal,
  RequestLevelChangeBody,
  ReviewPhase,
  ReviewRecord,
  ReviewRouting,
  SetLevelBody,
  StartEpisodeBody,
  SubmitTaskBody,
  SupportEpisode,
  Task,
  TaskSummary,
} from '@leeway/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { storeTask } from '../tasks/hooks.ts';
import { taskKeys } from '../tasks/queries.ts';
import { autonomyKeys } from './queries.ts';
import { toSubmitResult } from './task-fields.ts';

const ws = (workspaceId: string) => `/workspaces/${seg(workspaceId)}`;
const taskPath = (workspaceId: string, taskId: string) => `${ws(workspaceId)}/tasks/${seg(taskId)}`;

/** Everything about one assistant × area: the cell's panel on the delegation board. */
export interface MemberAreaDetail {
  grant: AutonomyGrant;
  evidence: Evidence;
  history: LevelChange[];
  proposals: Proposal[];
  episodes: SupportEpisode[];
}

/** One entry of the review queue. */
export interface ReviewQueueItem {
  task: TaskSummary;
  /** Why it is in review; null only for results submitted before the ladder stored it. */
  routing: ReviewRouting | null;
  phase?: ReviewPhase;
  submittedAt: string;
}

export interface SubmitResult {
  task: Task;
  /** Null when the server did not say (the task's state still tells review from done). */
  routing: ReviewRouting | null;
}

/**
 * Any ladder decision can move levels, evidence, queues and tasks: refresh all of them (the
 * autonomy keys sit under the task keys, so one invalidation reaches both).
 */
function useRefreshLadder(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: taskKeys.all(workspaceId) });
}

export function useAutonomySettings(workspaceId: string) {
  return useQuery({
    queryKey: autonomyKeys.settings(workspaceId),
    queryFn: ({ signal }) => api.get<AutonomySettings>(`${ws(workspaceId)}/autonomy/settings`, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** Owners: changes some thresholds of the ladder; answers with the whole, merged settings. */
export function useUpdateAutonomySettings(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: AutonomySettingsPatchBody) =>
      api.patch<AutonomySettings>(`${ws(workspaceId)}/autonomy/settings`, patch),
    onSuccess: (settings) => {
      queryClient.setQueryData(autonomyKeys.settings(workspaceId), settings);
      // Thresholds change evidence, proposals and sampling everywhere.
      void queryClient.invalidateQueries({ queryKey: autonomyKeys.all(workspaceId) });
    },
  });
}

/** Owners: every assistant × area cell. */
export function useAutonomyBoard(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: autonomyKeys.board(workspaceId),
    queryFn: ({ signal }) => api.get<AreaAutonomy[]>(`${ws(workspaceId)}/autonomy/board`, { signal }),
    enabled,
  });
}

/** The signed-in assistant's own cells. */
export function useMyAutonomy(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: autonomyKeys.mine(workspaceId),
    queryFn: ({ signal }) => api.get<AreaAutonomy[]>(`${ws(workspaceId)}/autonomy/me`, { signal }),
    enabled,
  });
}

export function useMemberArea(workspaceId: string, memberId: string, areaId: string) {
  return useQuery({
    queryKey: autonomyKeys.cell(workspaceId, memberId, areaId),
    queryFn: ({ signal }) =>
      api.get<MemberAreaDetail>(`${ws(workspaceId)}/autonomy/members/${seg(memberId)}/areas/${seg(areaId)}`, {
        signal,
      }),
  });
}

export function useSetLevel(workspaceId: string, memberId: string, areaId: string) {
  const refresh = useRefreshLadder(workspaceId);
  return useMutation({
    mutationFn: (body: SetLevelBody) =>
      api.put<unknown>(
        `${ws(workspaceId)}/autonomy/members/${seg(memberId)}/areas/${seg(areaId)}/level`,
        body,
      ),
    onSuccess: refresh,
  });
}

export function useStartEpisode(workspaceId: string) {
  const refresh = useRefreshLadder(workspaceId);
  return useMutation({
    mutationFn: (body: StartEpisodeBody) =>
      api.post<SupportEpisode>(`${ws(workspaceId)}/support-episodes`, body),
    onSuccess: refresh,
  });
}

export function useExtendEpisode(workspaceId: string) {
  const refresh = useRefreshLadder(workspaceId);
  return useMutation({
    mutationFn: ({ episodeId, body }: { episodeId: string; body: ExtendEpisodeBody }) =>
      api.post<SupportEpisode>(`${ws(workspaceId)}/support-episodes/${seg(episodeId)}/extend`, body),
    onSuccess: refresh,
  });
}

export function useEndEpisode(workspaceId: string) {
  const refresh = useRefreshLadder(workspaceId);
  return useMutation({
    mutationFn: (episodeId: string) =>
      api.post<SupportEpisode>(`${ws(workspaceId)}/support-episodes/${seg(episodeId)}/end`, {}),
    onSuccess: refresh,
  });
}

export function useProposals(workspaceId: string, status: 'pending' | 'all' = 'pending', enabled = true) {
  return useQuery({
    queryKey: autonomyKeys.proposals(workspaceId, status),
    queryFn: ({ signal }) =>
      api.get<Proposal[]>(`${ws(workspaceId)}/proposals${status === 'pending' ? '?status=pending' : ''}`, {
        signal,
      }),
    enabled,
  });
}

export function useRequestLevelChange(workspaceId: string) {
  const refresh = useRefreshLadder(workspaceId);
  return useMutation({
    mutationFn: (body: RequestLevelChangeBody) => api.post<Proposal>(`${ws(workspaceId)}/proposals`, body),
    onSuccess: refresh,
  });
}

export function useDecideProposal(workspaceId: string) {
  const refresh = useRefreshLadder(workspaceId);
  return useMutation({
    mutationFn: ({ proposalId, body }: { proposalId: string; body: DecideProposalBody }) =>
      api.post<Proposal>(`${ws(workspaceId)}/proposals/${seg(proposalId)}/decision`, body),
    onSuccess: refresh,
  });
}

/** The queue of results waiting for the caller's review, oldest first. */
export function useReviewQueue(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: autonomyKeys.reviews(workspaceId),
    queryFn: ({ signal }) => api.get<ReviewQueueItem[]>(`${ws(workspaceId)}/reviews`, { signal }),
    enabled,
  });
}

export function useTaskReviews(workspaceId: string, taskId: string) {
  return useQuery({
    queryKey: [...taskKeys.detail(workspaceId, taskId), 'reviews'] as const,
    queryFn: ({ signal }) => api.get<ReviewRecord[]>(`${taskPath(workspaceId, taskId)}/reviews`, { signal }),
  });
}

export function useSubmitTask(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshLadder(workspaceId);
  return useMutation({
    // The answer is the task (with its routing) or `{ task, routing }`; both read the same.
    mutationFn: async (body: SubmitTaskBody): Promise<SubmitResult> =>
      toSubmitResult<Task>(await api.post<unknown>(`${taskPath(workspaceId, taskId)}/submit`, body)),
    onSuccess: (result) => {
      storeTask(queryClient, workspaceId, result.task);
      refresh();
    },
  });
}

export function useRequestReview(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; requested: boolean }) =>
      api.post<Task>(`${taskPath(workspaceId, taskId)}/request-review`, body),
    onSuccess: (task) => storeTask(queryClient, workspaceId, task),
  });
}

export function useDecideReview(workspaceId: string, taskId: string) {
  const refresh = useRefreshLadder(workspaceId);
  return useMutation({
    mutationFn: (body: DecideReviewBody) =>
      api.post<unknown>(`${taskPath(workspaceId, taskId)}/review`, body),
    onSuccess: refresh,
  });
}

export function useApproveTask(workspaceId: string, taskId: string) {
  const refresh = useRefreshLadder(workspaceId);
  return useMutation({
    mutationFn: () => api.post<Task>(`${taskPath(workspaceId, taskId)}/approve`, {}),
    onSuccess: refresh,
  });
}

export function useDeclineTask(workspaceId: string, taskId: string) {
  const refresh = useRefreshLadder(workspaceId);
  return useMutation({
    mutationFn: (reason: string) => api.post<Task>(`${taskPath(workspaceId, taskId)}/decline`, { reason }),
    onSuccess: refresh,
  });
}
