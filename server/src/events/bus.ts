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
 * transaction commits, so nobody hears of a change that was rolled back. Several app nodes on
 * one PostgreSQL use `PgEventBus` (pg-bus.ts), which also carries each message to the others.
 */
export class EventBus {
  private readonly listeners = new Map<string, Set<BusListener>>();
  private readonly gapHandlers = new Set<() => void>();

  publish(message: BusMessage): void {
    this.deliver(message);
  }

  /** Hands a message to this process's listeners only. */
  protected deliver(message: BusMessage): void {
    for (const listener of this.listeners.get(message.workspaceId) ?? []) {
      try {
        listener(message);
      } catch {
        // One broken stream must not stop the others.
      }
    }
  }

  /**
   * `onGap` runs when messages may have been lost (a transport reconnected): the subscriber
   * must catch up some other way; a live stream ends, and the browser refetches on reconnect.
   */
  subscribe(workspaceId: string, listener: BusListener, onGap?: () => void): () => void {
    let set = this.listeners.get(workspaceId);
    if (!set) {
      set = new Set();
      this.listeners.set(workspaceId, set);
    }
    set.add(listener);
    if (onGap) this.gapHandlers.add(onGap);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(workspaceId);
      if (onGap) this.gapHandlers.delete(onGap);
    };
  }

  /** Tells every subscriber that messages may have been lost. */
  protected gap(): void {
    for (const handler of [...this.gapHandlers]) {
      try {
        handler();
      } catch {
        // As in deliver: one broken subscriber must not stop the others.
      }
    }
  }

  subscriberCount(workspaceId: string): number {
    return this.listeners.get(workspaceId)?.size ?? 0;
  }

  /** Releases what the transport holds (nothing in process); the app calls it on close. */
  async close(): Promise<void> {}
}
