import { type LiveEvent, type LiveEventType, liveEventTypes } from '@leeway/core';
import type { QueryKey } from '@tanstack/react-query';
import { lessonKeys } from '../lessons/queries.ts';
import { memberKeys } from '../members/queries.ts';
import { onboardingKeys } from '../onboarding/queries.ts';
import { questionKeys } from '../questions/queries.ts';
import { sopKeys } from '../sops/queries.ts';
import { areaKeys, notificationKeys, taskKeys } from '../tasks/queries.ts';
import { workspaceKeys } from '../workspaces/queries.ts';

/** Reads one SSE message's data; null for anything that isn't a live event of a known type. */
export function parseLiveEvent(type: string, data: string): LiveEvent | null {
  if (!(liveEventTypes as readonly string[]).includes(type)) return null;
  let body: unknown;
  try {
    body = data ? (JSON.parse(data) as unknown) : {};
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const { taskId, areaId, version } = body as Record<string, unknown>;
  const event: LiveEvent = { type: type as LiveEventType };
  if (typeof taskId === 'string') event.taskId = taskId;
  if (typeof areaId === 'string') event.areaId = areaId;
  if (typeof version === 'number') event.version = version;
  return event;
}

/**
 * The cached queries one live event makes stale. Events carry ids only, so the client refetches
 * through the REST routes, which apply the same visibility rules as everything else.
 */
export function keysForEvent(workspaceId: string, event: LiveEvent): QueryKey[] {
  switch (event.type) {
    case 'task.created':
    case 'task.updated':
    case 'task.deleted':
      // Lists, boards, the detail and its history all move together; asking or answering a
      // question changes its task, so the question lists follow.
      return [taskKeys.all(workspaceId), questionKeys.all(workspaceId)];
    case 'comment.created':
    case 'comment.updated':
    case 'comment.deleted':
    case 'attachment.created':
    case 'attachment.deleted':
      // The detail (with its comments, files and history) and the counts on cards and rows.
      return event.taskId
        ? [taskKeys.detail(workspaceId, event.taskId), taskKeys.lists(workspaceId)]
        : [taskKeys.all(workspaceId)];
    case 'area.changed':
      return [areaKeys.all(workspaceId)];
    case 'notification.created':
      return [notificationKeys.all(workspaceId)];
    case 'knowledge.changed':
      // SOPs, onboarding plans and lessons refer to each other (a publish closes a follow-up,
      // an acknowledgement ticks a plan item): refresh all three.
      return [sopKeys.all(workspaceId), onboardingKeys.all(workspaceId), lessonKeys.all(workspaceId)];
    case 'membership.changed':
      // My role changed or I was removed: what I may see and do is different now.
      return [
        workspaceKeys.detail(workspaceId),
        workspaceKeys.list(),
        memberKeys.list(workspaceId),
        taskKeys.all(workspaceId),
        areaKeys.all(workspaceId),
      ];
  }
}

/** Everything a missed event could have touched: refreshed after a reconnect. */
export function keysAfterReconnect(workspaceId: string): QueryKey[] {
  return [taskKeys.all(workspaceId), areaKeys.all(workspaceId), notificationKeys.all(workspaceId)];
}

/**
 * Wait before reconnect attempt `attempt` (0-based): 1 s, 2 s, 4 s … capped at 30 s, with up
 * to 20 % jitter so a restarted server isn't hit by every browser in the same instant.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, Math.min(attempt, 10)));
  return Math.round(base * (1 + 0.2 * random()));
}
