import type {
  AnswerQuestionBody,
  AskQuestionBody,
  EditQuestionBody,
  Question,
  QuestionListQuery,
} from '@leeway/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { taskKeys } from '../tasks/queries.ts';
import { questionKeys } from './queries.ts';

const ws = (workspaceId: string) => `/workspaces/${seg(workspaceId)}`;
const questionPath = (workspaceId: string, questionId: string) =>
  `${ws(workspaceId)}/questions/${seg(questionId)}`;

function search(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function useQuestions(workspaceId: string, query: QuestionListQuery, enabled = true) {
  return useQuery({
    queryKey: questionKeys.list(workspaceId, query),
    queryFn: ({ signal }) =>
      api.get<Question[]>(`${ws(workspaceId)}/questions${search({ ...query })}`, { signal }),
    enabled,
    // The waiting time moves on by itself; a quiet refresh keeps "waiting 26 h" honest.
    refetchInterval: 5 * 60_000,
  });
}

export function useQuestion(workspaceId: string, questionId: string | null) {
  return useQuery({
    queryKey: questionKeys.detail(workspaceId, questionId ?? ''),
    queryFn: ({ signal }) => api.get<Question>(questionPath(workspaceId, questionId ?? ''), { signal }),
    enabled: questionId !== null && questionId !== '',
  });
}

/** The conflict's current question, if the 409 carried one. */
export function conflictQuestion(error: unknown): Question | null {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== 'conflict')
    return null;
  const current = (error as { details?: { current?: unknown } }).details?.current;
  if (typeof current === 'object' && current !== null && 'status' in current && 'version' in current)
    return current as Question;
  return null;
}

/**
 * After any change: every question list, and — when the question sits on a task — that
 * task's queries, because asking or answering flips the task's blocked flag on the server.
 */
function useRefresh(workspaceId: string) {
  const queryClient = useQueryClient();
  return (question: Pick<Question, 'id' | 'taskId'> | null) => {
    void queryClient.invalidateQueries({ queryKey: questionKeys.all(workspaceId) });
    if (question?.taskId) {
      void queryClient.invalidateQueries({ queryKey: taskKeys.detail(workspaceId, question.taskId) });
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists(workspaceId) });
    }
  };
}

export function useAskQuestion(workspaceId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: AskQuestionBody) => api.post<Question>(`${ws(workspaceId)}/questions`, body),
    onSuccess: (question) => {
      queryClient.setQueryData(questionKeys.detail(workspaceId, question.id), question);
      refresh(question);
    },
  });
}

function useQuestionChange<B>(workspaceId: string, send: (questionId: string, body: B) => Promise<Question>) {
  const queryClient = useQueryClient();
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: ({ questionId, body }: { questionId: string; body: B; taskId: string | null }) =>
      send(questionId, body),
    onSuccess: (question) => {
      queryClient.setQueryData(questionKeys.detail(workspaceId, question.id), question);
      refresh(question);
    },
    onError: (error, { questionId, taskId }) => {
      const current = conflictQuestion(error);
      if (current) queryClient.setQueryData(questionKeys.detail(workspaceId, questionId), current);
      if (current) refresh({ id: questionId, taskId });
    },
  });
}

export function useAnswerQuestion(workspaceId: string) {
  return useQuestionChange<AnswerQuestionBody>(workspaceId, (questionId, body) =>
    api.post<Question>(`${questionPath(workspaceId, questionId)}/answer`, body),
  );
}

export function useReopenQuestion(workspaceId: string) {
  return useQuestionChange<{ version: number }>(workspaceId, (questionId, body) =>
    api.post<Question>(`${questionPath(workspaceId, questionId)}/reopen`, body),
  );
}

export function useEditQuestion(workspaceId: string) {
  return useQuestionChange<EditQuestionBody>(workspaceId, (questionId, body) =>
    api.patch<Question>(questionPath(workspaceId, questionId), body),
  );
}

export function useDeleteQuestion(workspaceId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (question: Pick<Question, 'id' | 'taskId'>) =>
      api.delete(questionPath(workspaceId, question.id)),
    onSuccess: (_data, question) => {
      queryClient.removeQueries({ queryKey: questionKeys.detail(workspaceId, question.id) });
      refresh(question);
    },
  });
}
