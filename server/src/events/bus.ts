import type { LiveEvent } from '@leeway/core';

/**
 * A live event plus what decides who may receive it. The facts never leave the server: the
 * stream checks them against each subscriber with the same rule as every other door
 * (core's canSeeTask), then sends only `event`.
 */
export interface BusMessage {
  workspaceId: string;
  event: LiveEvent;
  /** For task-scoped events; absent means "every member of the workspace". */
  task?: { areaId: string | null; assigneeId: string | null; creatorId: string };
  /** Only these users (e.g. a notification's recipient). */
  onlyUserIds?: string[];
  /** Only owners and the people of this area (an SOP's news). */
  onlyArea?: string;
}

export type BusListener = (message: BusMessage) => void;

/**
 * A member's role changed or their membership ended. Their open streams reload who they are
 * and end at once when they are no longer a member (removing a member must close their live
 * stream, not leave it running until they reconnect).
 */
export function membershipChanged(workspaceId: string, userId: string): BusMessage {
  return { workspaceId, event: { type: 'membership.changed' }, onlyUserIds: [userId] };
}

/**
 * Fans events out to the live streams of this process. Services publish after their
 * transaction commits, so nobody hears of a change that was rolled back. (Several app nodes:
 * a PostgreSQL LISTEN/NOTIFY transport plugs in behind the same interface.)
 */
export class EventBus {
  private readonly listeners = new Map<string, Set<BusListener>>();

  publish(message: BusMessage): void {
    for (const listener of this.listeners.get(message.workspaceId) ?? []) {
      try {
        listener(message);
      } catch {
        // One broken stream must not stop the others.
      }
    }
  }

  subscribe(workspaceId: string, listener: BusListener): () => void {
    let set = this.listeners.get(workspaceId);
    if (!set) {
      set = new Set();
      this.listeners.set(workspaceId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(workspaceId);
    };
  }

  subscriberCount(workspaceId: string): number {
    return this.listeners.get(workspaceId)?.size ?? 0;
  }
}
