import type {
  CheckIn,
  CheckInListQuery,
  CheckInReminderBody,
  MyCheckIn,
  SubmitCheckInBody,
} from '@leeway/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { checkInKeys } from './queries.ts';

const base = (workspaceId: string) => `/workspaces/${seg(workspaceId)}/check-ins`;

function search(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** This week's key, the caller's check-in of it (if sent) and their reminder. */
export function useMyCheckIn(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: checkInKeys.me(workspaceId),
    queryFn: ({ signal }) => api.get<MyCheckIn>(`${base(workspaceId)}/me`, { signal }),
    enabled,
  });
}

/** Owners read everyone's check-ins, an assistant only their own. */
export function useCheckIns(workspaceId: string, query: CheckInListQuery) {
  return useQuery({
    queryKey: checkInKeys.list(workspaceId, query),
    queryFn: ({ signal }) => api.get<CheckIn[]>(`${base(workspaceId)}${search({ ...query })}`, { signal }),
  });
}

export function useSubmitCheckIn(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmitCheckInBody) => api.put<CheckIn>(`${base(workspaceId)}/me`, body),
    onSuccess: (checkIn) => {
      queryClient.setQueryData<MyCheckIn>(checkInKeys.me(workspaceId), (mine) =>
        mine ? { ...mine, current: checkIn } : mine,
      );
      void queryClient.invalidateQueries({ queryKey: checkInKeys.all(workspaceId) });
    },
  });
}

export function useSaveReminder(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CheckInReminderBody) => api.put<MyCheckIn>(`${base(workspaceId)}/me/reminder`, body),
    // The answer is the whole `me` state, with the next reminder time computed by the server.
    onSuccess: (mine) => queryClient.setQueryData(checkInKeys.me(workspaceId), mine),
  });
}

export function useDeleteReminder(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`${base(workspaceId)}/me/reminder`),
    onSuccess: () => {
      queryClient.setQueryData<MyCheckIn>(checkInKeys.me(workspaceId), (mine) =>
        mine ? { ...mine, reminder: null } : mine,
      );
      void queryClient.invalidateQueries({ queryKey: checkInKeys.me(workspaceId) });
    },
  });
}
