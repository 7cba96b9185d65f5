import type {
  ActionItem,
  AddAgendaItemBody,
  Agenda,
  AgendaItemView,
  CalendarFeed,
  CreateActionItemBody,
  CreateMeetingBody,
  MeetingOccurrenceView,
  MeetingSeries,
  PinItemBody,
  Task,
  UpdateAgendaItemBody,
  UpdateMeetingBody,
  UpdateOccurrenceBody,
} from '@leeway/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { meetingKeys } from './queries.ts';

const ws = (workspaceId: string) => `/workspaces/${seg(workspaceId)}`;
const meetingPath = (workspaceId: string, meetingId: string) =>
  `${ws(workspaceId)}/meetings/${seg(meetingId)}`;
/** An occurrence is named by its original start; the ISO instant is URL-encoded as one segment. */
const occurrencePath = (workspaceId: string, meetingId: string, start: string) =>
  `${meetingPath(workspaceId, meetingId)}/occurrences/${seg(start)}`;

/** The `.ics` of one series, for a plain download link (the session cookie goes along). */
export function meetingIcsUrl(workspaceId: string, meetingId: string): string {
  return `/api/v1${meetingPath(workspaceId, meetingId)}/ics`;
}

export function useMeetings(workspaceId: string) {
  return useQuery({
    queryKey: meetingKeys.list(workspaceId),
    queryFn: ({ signal }) => api.get<MeetingSeries[]>(`${ws(workspaceId)}/meetings`, { signal }),
  });
}

export function useMeeting(workspaceId: string, meetingId: string) {
  return useQuery({
    queryKey: meetingKeys.detail(workspaceId, meetingId),
    queryFn: ({ signal }) => api.get<MeetingSeries>(meetingPath(workspaceId, meetingId), { signal }),
  });
}

export function useOccurrences(workspaceId: string, meetingId: string, from: string, to: string) {
  const query = new URLSearchParams({ from, to }).toString();
  return useQuery({
    queryKey: meetingKeys.occurrences(workspaceId, meetingId, from, to),
    queryFn: ({ signal }) =>
      api.get<MeetingOccurrenceView[]>(`${meetingPath(workspaceId, meetingId)}/occurrences?${query}`, {
        signal,
      }),
  });
}

/** The agenda of one occurrence; while it is live it is refreshed now and then (it builds itself). */
export function useAgenda(workspaceId: string, meetingId: string, start: string | null) {
  return useQuery({
    queryKey: meetingKeys.agenda(workspaceId, meetingId, start ?? ''),
    queryFn: ({ signal }) =>
      api.get<Agenda>(`${occurrencePath(workspaceId, meetingId, start ?? '')}/agenda`, { signal }),
    enabled: start !== null,
    refetchInterval: (query) => (query.state.data?.live ? 60_000 : false),
  });
}

function useRefresh(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: meetingKeys.all(workspaceId) });
}

export function useCreateMeeting(workspaceId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: CreateMeetingBody) => api.post<MeetingSeries>(`${ws(workspaceId)}/meetings`, body),
    onSuccess: (series) => {
      queryClient.setQueryData(meetingKeys.detail(workspaceId, series.id), series);
      refresh();
    },
  });
}

export function useUpdateMeeting(workspaceId: string, meetingId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: UpdateMeetingBody) =>
      api.patch<MeetingSeries>(meetingPath(workspaceId, meetingId), body),
    onSuccess: (series) => {
      queryClient.setQueryData(meetingKeys.detail(workspaceId, series.id), series);
      refresh();
    },
  });
}

export function useDeleteMeeting(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (meetingId: string) => api.delete(meetingPath(workspaceId, meetingId)),
    onSuccess: (_data, meetingId) => {
      queryClient.removeQueries({ queryKey: meetingKeys.detail(workspaceId, meetingId) });
      void queryClient.invalidateQueries({ queryKey: meetingKeys.list(workspaceId) });
    },
  });
}

export function useUpdateOccurrence(workspaceId: string, meetingId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: ({ start, body }: { start: string; body: UpdateOccurrenceBody }) =>
      api.put<unknown>(occurrencePath(workspaceId, meetingId, start), body),
    onSuccess: refresh,
  });
}

export function useAddAgendaItem(workspaceId: string, meetingId: string, start: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: AddAgendaItemBody) =>
      api.post<unknown>(`${occurrencePath(workspaceId, meetingId, start)}/agenda/items`, body),
    onSuccess: refresh,
  });
}

/** Notes and status of one item; the answer is merged into the cached agenda without a refetch. */
export function useUpdateAgendaItem(workspaceId: string, meetingId: string, start: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, body }: { key: string; body: UpdateAgendaItemBody }) =>
      api.patch<AgendaItemView>(
        `${occurrencePath(workspaceId, meetingId, start)}/agenda/items/${seg(key)}`,
        body,
      ),
    onSuccess: (saved, { key, body }) => {
      // The answer is the item as stored; fall back to the change when a server sends less.
      const merge = (item: AgendaItemView) =>
        item.key !== key
          ? item
          : saved && typeof saved === 'object'
            ? { ...item, ...saved }
            : { ...item, ...body };
      queryClient.setQueryData<Agenda>(meetingKeys.agenda(workspaceId, meetingId, start), (agenda) =>
        agenda ? { ...agenda, items: agenda.items.map(merge) } : agenda,
      );
    },
  });
}

export interface ActionItemCreated {
  actionItem: ActionItem;
  task: Task;
}

export function useCreateActionItem(workspaceId: string, meetingId: string, start: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: CreateActionItemBody) =>
      api.post<ActionItemCreated>(`${occurrencePath(workspaceId, meetingId, start)}/action-items`, body),
    onSuccess: refresh,
  });
}

export function useFinishOccurrence(workspaceId: string, meetingId: string, start: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: () => api.post<unknown>(`${occurrencePath(workspaceId, meetingId, start)}/finish`, {}),
    onSuccess: refresh,
  });
}

export function usePinItem(workspaceId: string, meetingId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: PinItemBody) =>
      api.post<unknown>(`${meetingPath(workspaceId, meetingId)}/pinned`, body),
    onSuccess: refresh,
  });
}

export function useUnpinItem(workspaceId: string, meetingId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (pinnedId: string) =>
      api.delete(`${meetingPath(workspaceId, meetingId)}/pinned/${seg(pinnedId)}`),
    onSuccess: refresh,
  });
}

export function useCalendarFeed(workspaceId: string) {
  return useQuery({
    queryKey: meetingKeys.feed(workspaceId),
    queryFn: ({ signal }) => api.get<CalendarFeed>(`${ws(workspaceId)}/calendar-feed`, { signal }),
  });
}

/** Creates the feed, or replaces its URL (the old one stops working); the answer carries the URL once. */
export function useCreateCalendarFeed(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<CalendarFeed>(`${ws(workspaceId)}/calendar-feed`, {}),
    onSuccess: (feed) => queryClient.setQueryData(meetingKeys.feed(workspaceId), { ...feed, url: null }),
  });
}

export function useRevokeCalendarFeed(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`${ws(workspaceId)}/calendar-feed`),
    onSuccess: () =>
      queryClient.setQueryData<CalendarFeed>(meetingKeys.feed(workspaceId), {
        exists: false,
        url: null,
        createdAt: null,
        lastUsedAt: null,
      }),
  });
}
