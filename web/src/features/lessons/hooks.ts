import type {
  CreateFollowUpBody,
  FollowUp,
  Lesson,
  LessonBody,
  LessonFactorStats,
  LessonListQuery,
  LessonSummary,
  UpdateFollowUpBody,
} from '@leeway/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { lessonKeys } from './queries.ts';

const ws = (workspaceId: string) => `/workspaces/${seg(workspaceId)}`;
const lessonPath = (workspaceId: string, lessonId: string) => `${ws(workspaceId)}/lessons/${seg(lessonId)}`;

function search(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function useLessons(workspaceId: string, query: LessonListQuery) {
  return useQuery({
    queryKey: lessonKeys.list(workspaceId, query),
    queryFn: ({ signal }) =>
      api.get<LessonSummary[]>(`${ws(workspaceId)}/lessons${search({ ...query })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useLesson(workspaceId: string, lessonId: string) {
  return useQuery({
    queryKey: lessonKeys.detail(workspaceId, lessonId),
    queryFn: ({ signal }) => api.get<Lesson>(lessonPath(workspaceId, lessonId), { signal }),
  });
}

export function useLessonStats(workspaceId: string) {
  return useQuery({
    queryKey: lessonKeys.stats(workspaceId),
    queryFn: ({ signal }) => api.get<LessonFactorStats>(`${ws(workspaceId)}/lessons/stats`, { signal }),
  });
}

/** Open follow-ups across lessons (overdue first, as the server sorts them). */
export function useOpenFollowUps(workspaceId: string, mine = false) {
  const query = search({ status: 'open', mine: mine ? 'true' : undefined });
  return useQuery({
    queryKey: lessonKeys.followUps(workspaceId, query),
    queryFn: ({ signal }) => api.get<FollowUp[]>(`${ws(workspaceId)}/follow-ups${query}`, { signal }),
  });
}

/** Tasks by title for the lesson's link (the tasks list's own search). */
function useRefresh(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: lessonKeys.all(workspaceId) });
}

/** The conflict's current lesson, if the 409 carried one. */
export function conflictLesson(error: unknown): Lesson | null {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== 'conflict')
    return null;
  const current = (error as { details?: { current?: unknown } }).details?.current;
  if (typeof current === 'object' && current !== null && 'whatHappened' in current && 'version' in current)
    return current as Lesson;
  return null;
}

export function useCreateLesson(workspaceId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: LessonBody) => api.post<Lesson>(`${ws(workspaceId)}/lessons`, body),
    onSuccess: (lesson) => {
      queryClient.setQueryData(lessonKeys.detail(workspaceId, lesson.id), lesson);
      refresh();
    },
  });
}

export function useUpdateLesson(workspaceId: string, lessonId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: LessonBody) => api.patch<Lesson>(lessonPath(workspaceId, lessonId), body),
    onSuccess: (lesson) => {
      queryClient.setQueryData(lessonKeys.detail(workspaceId, lesson.id), lesson);
      refresh();
    },
    onError: (error) => {
      const current = conflictLesson(error);
      if (current) queryClient.setQueryData(lessonKeys.detail(workspaceId, lessonId), current);
    },
  });
}

export function useDeleteLesson(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (lessonId: string) => api.delete(lessonPath(workspaceId, lessonId)),
    onSuccess: (_data, lessonId) => {
      queryClient.removeQueries({ queryKey: lessonKeys.detail(workspaceId, lessonId) });
      void queryClient.invalidateQueries({ queryKey: lessonKeys.lists(workspaceId) });
      void queryClient.invalidateQueries({ queryKey: lessonKeys.stats(workspaceId) });
    },
  });
}

export function useCreateFollowUp(workspaceId: string, lessonId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: CreateFollowUpBody) =>
      api.post<FollowUp>(`${lessonPath(workspaceId, lessonId)}/follow-ups`, body),
    onSuccess: refresh,
  });
}

export function useUpdateFollowUp(workspaceId: string, lessonId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: ({ followUpId, body }: { followUpId: string; body: UpdateFollowUpBody }) =>
      api.patch<FollowUp>(`${lessonPath(workspaceId, lessonId)}/follow-ups/${seg(followUpId)}`, body),
    onSuccess: refresh,
  });
}

export function useDeleteFollowUp(workspaceId: string, lessonId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (followUpId: string) =>
      api.delete(`${lessonPath(workspaceId, lessonId)}/follow-ups/${seg(followUpId)}`),
    onSuccess: refresh,
  });
}
