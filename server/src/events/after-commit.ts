import type { Deps } from '../context.ts';
import type { BusMessage } from './bus.ts';

/**
 * Collects what must happen only once a transaction has committed (live events, "you have
 * a notification" pings). Services create one, pass it down through the transaction, and
 * call `flush` after commit; a rollback simply drops it.
 */
export class AfterCommit {
  private readonly messages: BusMessage[] = [];

  publish(message: BusMessage): void {
    this.messages.push(message);
  }

  /** Tells recipients' open streams that a notification arrived. */
  notified(workspaceId: string, userIds: string[]): void {
    if (userIds.length > 0) {
      this.messages.push({ workspaceId, event: { type: 'notification.created' }, onlyUserIds: userIds });
    }
  }

  flush(deps: Deps): void {
    for (const message of this.messages.splice(0)) deps.events.publish(message);
  }
}
