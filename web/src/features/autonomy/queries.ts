import { taskKeys } from '../tasks/queries.ts';

/**
 * Query keys of the autonomy ladder, under `autonomy` so one decision (a review, a level
 * change) refreshes every view of it at once. They sit under the workspace's task keys: a
 * submission or a review arrives as a live task event, and that must refresh the review
 * queue, its badge and the evidence as well as the task.
 */
export const autonomyKeys = {
  all: (workspaceId: string) => [...taskKeys.all(workspaceId), 'autonomy'] as const,
  settings: (workspaceId: string) => [...autonomyKeys.all(workspaceId), 'settings'] as const,
  board: (workspaceId: string) => [...autonomyKeys.all(workspaceId), 'board'] as const,
  mine: (workspaceId: string) => [...autonomyKeys.all(workspaceId), 'me'] as const,
  cell: (workspaceId: string, memberId: string, areaId: string) =>
    [...autonomyKeys.all(workspaceId), 'cell', memberId, areaId] as const,
  proposals: (workspaceId: string, status: string) =>
    [...autonomyKeys.all(workspaceId), 'proposals', status] as const,
  reviews: (workspaceId: string) => [...autonomyKeys.all(workspaceId), 'reviews'] as const,
};
