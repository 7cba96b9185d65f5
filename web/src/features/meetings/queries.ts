import { workspaceKeys } from '../workspaces/queries.ts';

/** Query keys of meetings; one invalidation of `all` refreshes series, occurrences and agendas. */
export const meetingKeys = {
  all: (workspaceId: string) => [...workspaceKeys.all, workspaceId, 'meetings'] as const,
  list: (workspaceId: string) => [...meetingKeys.all(workspaceId), 'list'] as const,
  detail: (workspaceId: string, meetingId: string) =>
    [...meetingKeys.all(workspaceId), 'detail', meetingId] as const,
  occurrences: (workspaceId: string, meetingId: string, from: string, to: string) =>
    [...meetingKeys.all(workspaceId), 'occurrences', meetingId, from, to] as const,
  agenda: (workspaceId: string, meetingId: string, start: string) =>
    [...meetingKeys.all(workspaceId), 'agenda', meetingId, start] as const,
  feed: (workspaceId: string) => [...workspaceKeys.all, workspaceId, 'calendar-feed'] as const,
};
