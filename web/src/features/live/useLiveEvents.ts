import { liveEventTypes } from '@leeway/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { seg } from '../../lib/api.ts';
import { backoffDelay, keysAfterReconnect, keysForEvent, parseLiveEvent } from './live-events.ts';

/**
 * One event stream per open workspace. Events carry ids only; each one marks the cached
 * queries it touches as stale, and react-query refetches what is on screen through the
 * (authorized) REST routes. The browser's own EventSource retry covers short drops; when the
 * server closes the stream for good (restart, 5xx, a lost session), this reconnects with
 * backoff. After any gap everything that could have changed is refreshed, since events sent
 * meanwhile are lost. Closed on unmount and when the workspace changes.
 */
export function useLiveEvents(workspaceId: string | undefined): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!workspaceId || typeof EventSource === 'undefined') return;
    const url = `/api/v1/workspaces/${seg(workspaceId)}/events`;
    let source: EventSource | null = null;
    let timer: number | undefined;
    let attempt = 0;
    let hadGap = false;
    let stopped = false;

    const invalidate = (keys: readonly (readonly unknown[])[]) => {
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
    };

    const onEvent = (event: MessageEvent<string>) => {
      const live = parseLiveEvent(event.type, event.data);
      if (live) invalidate(keysForEvent(workspaceId, live));
    };

    const connect = () => {
      if (stopped) return;
      const es = new EventSource(url);
      source = es;
      for (const type of liveEventTypes) es.addEventListener(type, onEvent);
      es.onopen = () => {
        attempt = 0;
        if (hadGap) {
          hadGap = false;
          invalidate(keysAfterReconnect(workspaceId));
        }
      };
      es.onerror = () => {
        hadGap = true;
        // CONNECTING: the browser retries by itself. CLOSED: it gave up; we try again later.
        if (es.readyState !== EventSource.CLOSED) return;
        es.close();
        if (source === es) source = null;
        timer = window.setTimeout(connect, backoffDelay(attempt++));
      };
    };

    // A tab coming back from the background catches up at once instead of waiting out a backoff.
    const onVisible = () => {
      if (document.visibilityState !== 'visible' || source !== null || stopped) return;
      window.clearTimeout(timer);
      attempt = 0;
      connect();
    };

    connect();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
      source?.close();
      source = null;
    };
  }, [workspaceId, queryClient]);
}
