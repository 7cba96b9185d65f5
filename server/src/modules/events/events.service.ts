import { canSeeTask, type LiveEvent, type Viewer } from '@leeway/core';
import type { MemberCtx } from '../../context.ts';
import type { BusMessage } from '../../events/bus.ts';
import { findLiveSession } from '../auth/auth.repository.ts';
import { loadViewer } from '../tasks/visibility.ts';
import { findMembership } from '../workspaces/workspaces.repository.ts';

/** Where a stream's text goes: the HTTP response, in production. */
export interface EventSink {
  write(chunk: string): void;
  end(): void;
}

export interface EventStream {
  close(): void;
}

export const HEARTBEAT_MS = 25_000;

export function formatEvent(event: LiveEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * Subscribes one member to their workspace's live events. Each message passes the same rule
 * as every other door: addressed to someone else → dropped; about a task → only when
 * core's canSeeTask says this member sees it. Who the member is (role, areas) is reloaded
 * when areas or their membership change, and on every heartbeat, so lost access stops the
 * flow at once; once they are no longer a member (or signed out) the stream ends.
 * Messages are handled one after another, so a reload never races the next event.
 */
export async function openEventStream(
  ctx: MemberCtx,
  sink: EventSink,
  options: { heartbeatMs?: number } = {},
): Promise<EventStream> {
  const { db, events, clock, log } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const userId = ctx.user.id;
  const sessionId = ctx.session?.id ?? null;
  let viewer: Viewer = await loadViewer(db, workspaceId, userId, ctx.membership.role);
  let closed = false;
  let queue: Promise<void> = Promise.resolve();

  /** False when the member is gone (or signed out): the stream must end. */
  const reload = async (checkSession: boolean): Promise<boolean> => {
    if (checkSession && sessionId) {
      const live = await findLiveSession(db, sessionId, clock.now().toISOString());
      if (!live) return false;
    }
    const membership = await findMembership(db, workspaceId, userId);
    if (!membership) return false;
    viewer = await loadViewer(db, workspaceId, userId, membership.role);
    return true;
  };

  const handle = async (message: BusMessage): Promise<void> => {
    if (closed) return;
    if (message.onlyUserIds && !message.onlyUserIds.includes(userId)) return;
    const { type } = message.event;
    if (type === 'membership.changed' || type === 'area.changed') {
      const stillMember = await reload(false);
      if (closed) return;
      if (!stillMember) {
        sink.write(formatEvent(message.event));
        close();
        return;
      }
    }
    if (message.task && !canSeeTask(viewer, message.task)) return;
    if (message.onlyArea !== undefined && viewer.role !== 'owner' && !viewer.areaIds.has(message.onlyArea)) {
      return;
    }
    sink.write(formatEvent(message.event));
  };

  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((err: unknown) => {
      log.warn({ err, workspaceId }, 'live event stream failed; closing it');
      close();
    });
  };

  // On a gap (another node's events may have been lost) the stream ends: the browser
  // reconnects and refetches everything it shows.
  const unsubscribe = events.subscribe(
    workspaceId,
    (message) => enqueue(() => handle(message)),
    () => close(),
  );
  const heartbeat = setInterval(
    () =>
      enqueue(async () => {
        if (closed) return;
        if (!(await reload(true))) {
          close();
          return;
        }
        if (!closed) sink.write(': ping\n\n');
      }),
    options.heartbeatMs ?? HEARTBEAT_MS,
  );
  heartbeat.unref();

  function close(): void {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    sink.end();
  }

  // Reconnect after 5 s when the connection drops; the comment flushes the headers at once.
  sink.write('retry: 5000\n: connected\n\n');
  return { close };
}
