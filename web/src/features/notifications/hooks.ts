import type {
  NotificationPage,
  NotificationPreferences,
  UpdateNotificationPreferencesBody,
} from '@leeway/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { notificationKeys } from '../tasks/queries.ts';

const base = (workspaceId: string) => `/workspaces/${seg(workspaceId)}/notifications`;

/** My newest notifications in this workspace and the unread count (the bell's badge). */
export function useNotifications(workspaceId: string) {
  return useQuery({
    queryKey: notificationKeys.list(workspaceId),
    queryFn: ({ signal }) => api.get<NotificationPage>(base(workspaceId), { signal }),
    // Live events refresh it at once; this only covers a stream that is down for a while.
    refetchInterval: 120_000,
  });
}

export function useMarkNotificationRead(workspaceId: string) {
  const queryClient = useQueryClient();
  const key = notificationKeys.list(workspaceId);
  return useMutation({
    mutationFn: (notificationId: string) =>
      api.post<void>(`${base(workspaceId)}/${seg(notificationId)}/read`),
    onMutate: async (notificationId) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<NotificationPage>(key);
      queryClient.setQueryData<NotificationPage>(key, (page) => {
        if (!page) return page;
        const target = page.items.find((n) => n.id === notificationId);
        if (!target || target.readAt) return page;
        const now = new Date().toISOString();
        return {
          items: page.items.map((n) => (n.id === notificationId ? { ...n, readAt: now } : n)),
          unread: Math.max(0, page.unread - 1),
        };
      });
      return { previous };
    },
    onError: (_error, _id, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useMarkAllNotificationsRead(workspaceId: string) {
  const queryClient = useQueryClient();
  const key = notificationKeys.list(workspaceId);
  return useMutation({
    mutationFn: () => api.post<void>(`${base(workspaceId)}/read-all`),
    onSuccess: () => {
      const now = new Date().toISOString();
      queryClient.setQueryData<NotificationPage>(key, (page) =>
        page ? { items: page.items.map((n) => (n.readAt ? n : { ...n, readAt: now })), unread: 0 } : page,
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences(),
    queryFn: ({ signal }) => api.get<NotificationPreferences>('/me/notification-preferences', { signal }),
  });
}

export function useUpdateNotificationPreferences() {
  const queryClient = useQueryClient();
  const key = notificationKeys.preferences();
  return useMutation({
    mutationFn: (body: UpdateNotificationPreferencesBody) =>
      api.patch<NotificationPreferences>('/me/notification-preferences', body),
    onMutate: async (body) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<NotificationPreferences>(key);
      queryClient.setQueryData<NotificationPreferences>(key, (prefs) =>
        prefs ? { ...prefs, ...body } : prefs,
      );
      return { previous };
    },
    onSuccess: (prefs) => queryClient.setQueryData(key, prefs),
    onError: (_error, _body, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
  });
}
