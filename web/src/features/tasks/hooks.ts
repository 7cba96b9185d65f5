import type {
  Attachment,
  ChecklistItem,
  Comment,
  Task,
  TaskEvent,
  TaskListQuery,
  TaskPage,
  TaskTemplate,
  UpdateTaskBody,
} from '@leeway/core';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { taskKeys } from './queries.ts';

const ws = (workspaceId: string) => `/workspaces/${seg(workspaceId)}`;
const taskPath = (workspaceId: string, taskId: string) => `${ws(workspaceId)}/tasks/${seg(taskId)}`;

function listSearch(query: TaskListQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (typeof value === 'string') params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** One full task (with its checklist). */
export function useTask(workspaceId: string, taskId: string) {
  return useQuery({
    queryKey: taskKeys.detail(workspaceId, taskId),
    queryFn: ({ signal }) => api.get<Task>(taskPath(workspaceId, taskId), { signal }),
  });
}

/** The inbox: tasks without an area, oldest first (they have waited longest). */
export function useInboxTasks(workspaceId: string) {
  const query: TaskListQuery = { areaId: 'inbox', sort: 'created', order: 'asc', limit: '500' };
  return useQuery({
    queryKey: taskKeys.inbox(workspaceId),
    queryFn: ({ signal }) => api.get<TaskPage>(`${ws(workspaceId)}/tasks${listSearch(query)}`, { signal }),
  });
}

/** A saved task goes into its detail entry at once; lists and history refetch around it. */
export function storeTask(queryClient: QueryClient, workspaceId: string, task: Task): void {
  queryClient.setQueryData(taskKeys.detail(workspaceId, task.id), (old: Task | undefined) =>
    // A live refetch may already have brought a newer version; never go back.
    old && old.version > task.version ? old : task,
  );
  void queryClient.invalidateQueries({ queryKey: taskKeys.lists(workspaceId) });
  void queryClient.invalidateQueries({ queryKey: taskKeys.history(workspaceId, task.id) });
  void queryClient.invalidateQueries({ queryKey: taskKeys.labels(workspaceId) });
}

/** The current task a 409 carries, if the answer has one. */
export function conflictCurrent(error: unknown): Task | null {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== 'conflict')
    return null;
  const details = (error as { details?: { current?: unknown } }).details;
  const current = details?.current;
  if (
    typeof current === 'object' &&
    current !== null &&
    'id' in current &&
    'version' in current &&
    'title' in current
  )
    return current as Task;
  return null;
}

/**
 * Edits a task. The body names the version the edit was based on; a 409 puts the current
 * task (sent along with the refusal) into the cache, so the screen shows what is true now,
 * while the caller keeps what the person typed.
 */
export function useUpdateTask(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ taskId, body }: { taskId: string; body: UpdateTaskBody }) =>
      api.patch<Task>(taskPath(workspaceId, taskId), body),
    onSuccess: (task) => storeTask(queryClient, workspaceId, task),
    onError: (error, { taskId }) => {
      const current = conflictCurrent(error);
      if (current) {
        queryClient.setQueryData(taskKeys.detail(workspaceId, taskId), current);
        void queryClient.invalidateQueries({ queryKey: taskKeys.lists(workspaceId) });
      }
    },
  });
}

export function useDeleteTask(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (taskId: string) => api.delete(taskPath(workspaceId, taskId)),
    onSuccess: (_data, taskId) => {
      queryClient.removeQueries({ queryKey: taskKeys.detail(workspaceId, taskId) });
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists(workspaceId) });
    },
  });
}

export function useFollowTask(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (following: boolean) =>
      following
        ? api.put<void>(`${taskPath(workspaceId, taskId)}/follow`)
        : api.delete(`${taskPath(workspaceId, taskId)}/follow`),
    onSuccess: (_data, following) => {
      queryClient.setQueryData<Task>(taskKeys.detail(workspaceId, taskId), (task) =>
        task ? { ...task, following } : task,
      );
      void queryClient.invalidateQueries({ queryKey: taskKeys.history(workspaceId, taskId) });
    },
  });
}

export function useTaskHistory(workspaceId: string, taskId: string) {
  return useQuery({
    queryKey: taskKeys.history(workspaceId, taskId),
    queryFn: ({ signal }) => api.get<TaskEvent[]>(`${taskPath(workspaceId, taskId)}/history`, { signal }),
  });
}

/**
 * Label names in use on the tasks I may see (suggestions, the board's label filter). Every
 * write that can add a label invalidates this key, so a minute's staleness only saves refetches.
 */
export function useLabelNames(workspaceId: string) {
  return useQuery({
    queryKey: taskKeys.labels(workspaceId),
    queryFn: ({ signal }) => api.get<string[]>(`${ws(workspaceId)}/labels`, { signal }),
    staleTime: 60_000,
  });
}

// ---------------------------------------------------------------------------------------------
// Checklist: the server keeps the task's version (ticking never makes an open edit stale).

function patchChecklist(
  queryClient: QueryClient,
  workspaceId: string,
  taskId: string,
  update: (items: ChecklistItem[]) => ChecklistItem[],
): Task | undefined {
  const key = taskKeys.detail(workspaceId, taskId);
  const previous = queryClient.getQueryData<Task>(key);
  queryClient.setQueryData<Task>(key, (task) => {
    if (!task) return task;
    const checklist = update(task.checklist);
    return {
      ...task,
      checklist,
      checklistTotal: checklist.length,
      checklistDone: checklist.filter((i) => i.done).length,
    };
  });
  return previous;
}

function useChecklistMutation<V, R>(
  workspaceId: string,
  taskId: string,
  send: (vars: V) => Promise<R>,
  optimistic: (items: ChecklistItem[], vars: V) => ChecklistItem[],
  settle?: (items: ChecklistItem[], result: R, vars: V) => ChecklistItem[],
) {
  const queryClient = useQueryClient();
  const key = taskKeys.detail(workspaceId, taskId);
  return useMutation({
    mutationFn: send,
    onMutate: async (vars: V) => {
      await queryClient.cancelQueries({ queryKey: key, exact: true });
      return {
        previous: patchChecklist(queryClient, workspaceId, taskId, (items) => optimistic(items, vars)),
      };
    },
    onSuccess: (result, vars) => {
      if (settle) patchChecklist(queryClient, workspaceId, taskId, (items) => settle(items, result, vars));
    },
    onError: (_error, _vars, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: key, exact: true });
      void queryClient.invalidateQueries({ queryKey: taskKeys.history(workspaceId, taskId) });
      void queryClient.invalidateQueries({ queryKey: taskKeys.lists(workspaceId) });
    },
  });
}

export function useAddChecklistItem(workspaceId: string, taskId: string) {
  return useChecklistMutation(
    workspaceId,
    taskId,
    (text: string) => api.post<ChecklistItem>(`${taskPath(workspaceId, taskId)}/checklist`, { text }),
    (items) => items,
    (items, created) => [...items.filter((i) => i.id !== created.id), created],
  );
}

export function useUpdateChecklistItem(workspaceId: string, taskId: string) {
  return useChecklistMutation(
    workspaceId,
    taskId,
    ({ itemId, ...body }: { itemId: string; text?: string; done?: boolean }) =>
      api.patch<ChecklistItem>(`${taskPath(workspaceId, taskId)}/checklist/${seg(itemId)}`, body),
    (items, { itemId, ...body }) => items.map((i) => (i.id === itemId ? { ...i, ...body } : i)),
    (items, saved) => items.map((i) => (i.id === saved.id ? saved : i)),
  );
}

export function useDeleteChecklistItem(workspaceId: string, taskId: string) {
  return useChecklistMutation(
    workspaceId,
    taskId,
    (itemId: string) => api.delete(`${taskPath(workspaceId, taskId)}/checklist/${seg(itemId)}`),
    (items, itemId) => items.filter((i) => i.id !== itemId),
  );
}

export function useReorderChecklist(workspaceId: string, taskId: string) {
  return useChecklistMutation(
    workspaceId,
    taskId,
    (itemIds: string[]) =>
      api.post<ChecklistItem[]>(`${taskPath(workspaceId, taskId)}/checklist/reorder`, { itemIds }),
    (items, itemIds) =>
      itemIds.flatMap((id) => {
        const item = items.find((i) => i.id === id);
        return item ? [item] : [];
      }),
    (_items, saved) => saved,
  );
}

// ---------------------------------------------------------------------------------------------
// Comments and attachments

export function useComments(workspaceId: string, taskId: string) {
  return useQuery({
    queryKey: taskKeys.comments(workspaceId, taskId),
    queryFn: ({ signal }) => api.get<Comment[]>(`${taskPath(workspaceId, taskId)}/comments`, { signal }),
  });
}

function useCommentsChanged(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: taskKeys.comments(workspaceId, taskId) });
    void queryClient.invalidateQueries({ queryKey: taskKeys.history(workspaceId, taskId) });
    void queryClient.invalidateQueries({ queryKey: taskKeys.lists(workspaceId) });
  };
}

export function useAddComment(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  const changed = useCommentsChanged(workspaceId, taskId);
  return useMutation({
    mutationFn: (body: string) => api.post<Comment>(`${taskPath(workspaceId, taskId)}/comments`, { body }),
    onSuccess: (comment) => {
      queryClient.setQueryData<Comment[]>(taskKeys.comments(workspaceId, taskId), (list) =>
        list ? [...list.filter((c) => c.id !== comment.id), comment] : list,
      );
      // Commenting makes me a follower on the server; the detail shows that.
      void queryClient.invalidateQueries({ queryKey: taskKeys.detail(workspaceId, taskId), exact: true });
      changed();
    },
  });
}

export function useEditComment(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  const changed = useCommentsChanged(workspaceId, taskId);
  return useMutation({
    mutationFn: ({ commentId, body }: { commentId: string; body: string }) =>
      api.patch<Comment>(`${taskPath(workspaceId, taskId)}/comments/${seg(commentId)}`, { body }),
    onSuccess: (comment) => {
      queryClient.setQueryData<Comment[]>(taskKeys.comments(workspaceId, taskId), (list) =>
        list?.map((c) => (c.id === comment.id ? comment : c)),
      );
      changed();
    },
  });
}

export function useDeleteComment(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  const changed = useCommentsChanged(workspaceId, taskId);
  return useMutation({
    mutationFn: (commentId: string) =>
      api.delete(`${taskPath(workspaceId, taskId)}/comments/${seg(commentId)}`),
    onSuccess: (_data, commentId) => {
      queryClient.setQueryData<Comment[]>(taskKeys.comments(workspaceId, taskId), (list) =>
        list?.filter((c) => c.id !== commentId),
      );
      changed();
    },
  });
}

export function useAttachments(workspaceId: string, taskId: string) {
  return useQuery({
    queryKey: taskKeys.attachments(workspaceId, taskId),
    queryFn: ({ signal }) =>
      api.get<Attachment[]>(`${taskPath(workspaceId, taskId)}/attachments`, { signal }),
  });
}

/** Where the browser downloads a file (a plain link: the server sends it as an attachment). */
export function attachmentDownloadUrl(workspaceId: string, taskId: string, attachmentId: string): string {
  return `/api/v1${taskPath(workspaceId, taskId)}/attachments/${seg(attachmentId)}/download`;
}

function useAttachmentsChanged(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: taskKeys.attachments(workspaceId, taskId) });
    void queryClient.invalidateQueries({ queryKey: taskKeys.history(workspaceId, taskId) });
    void queryClient.invalidateQueries({ queryKey: taskKeys.lists(workspaceId) });
  };
}

export function useUploadAttachment(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  const changed = useAttachmentsChanged(workspaceId, taskId);
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (fraction: number) => void }) =>
      api.upload<Attachment>(`${taskPath(workspaceId, taskId)}/attachments`, file, { onProgress }),
    onSuccess: (attachment) => {
      queryClient.setQueryData<Attachment[]>(taskKeys.attachments(workspaceId, taskId), (list) =>
        list ? [...list.filter((a) => a.id !== attachment.id), attachment] : list,
      );
      changed();
    },
  });
}

export function useDeleteAttachment(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  const changed = useAttachmentsChanged(workspaceId, taskId);
  return useMutation({
    mutationFn: (attachmentId: string) =>
      api.delete(`${taskPath(workspaceId, taskId)}/attachments/${seg(attachmentId)}`),
    onSuccess: (_data, attachmentId) => {
      queryClient.setQueryData<Attachment[]>(taskKeys.attachments(workspaceId, taskId), (list) =>
        list?.filter((a) => a.id !== attachmentId),
      );
      changed();
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Templates

export function useTemplateList(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: taskKeys.templates(workspaceId),
    queryFn: ({ signal }) => api.get<TaskTemplate[]>(`${ws(workspaceId)}/templates`, { signal }),
    enabled,
  });
}

export function useSaveAsTemplate(workspaceId: string, taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      api.post<TaskTemplate>(`${taskPath(workspaceId, taskId)}/save-as-template`, { name }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: taskKeys.templates(workspaceId) }),
  });
}

export function useDeleteTemplate(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (templateId: string) => api.delete(`${ws(workspaceId)}/templates/${seg(templateId)}`),
    onSuccess: (_data, templateId) => {
      queryClient.setQueryData<TaskTemplate[]>(taskKeys.templates(workspaceId), (list) =>
        list?.filter((t) => t.id !== templateId),
      );
    },
  });
}
