import type { AddressInfo } from 'node:net';
import type { LiveEvent, User } from '@leeway/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemberCtx } from '../../context.ts';
import {
  createHarness,
  describeEachDb,
  dialects,
  type Harness,
  type TestClient,
} from '../../test/harness.ts';
import { BAD_IDS, collaborationScene, createTask } from '../../test/task-factory.ts';
import { formatEvent, openEventStream } from './events.service.ts';

interface Received {
  type: string;
  data: LiveEvent;
}

/** A live stream read through a real socket (`app.inject` cannot stream). */
interface Stream {
  status: number;
  headers: Headers;
  events: Received[];
  /** Resolves when an event matching `match` arrived; rejects after `ms`. */
  waitFor(match: (e: Received) => boolean, ms?: number): Promise<Received>;
  /** Resolves when the server ended the stream; rejects after `ms`. */
  ended(ms?: number): Promise<void>;
  close(): void;
}

async function openStream(baseUrl: string, client: TestClient | null, path: string): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}${path}`, {
    headers: client ? { cookie: client.cookieHeader(), accept: 'text/event-stream' } : {},
    signal: abort.signal,
  });
  const events: Received[] = [];
  let done = false;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  if (res.body && res.headers.get('content-type')?.startsWith('text/event-stream')) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done: finished } = await reader.read();
          if (finished) break;
          buffer += value;
          let cut = buffer.indexOf('\n\n');
          while (cut >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const type = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (type && data) events.push({ type, data: JSON.parse(data) as LiveEvent });
            cut = buffer.indexOf('\n\n');
          }
          notify();
        }
      } catch {
        // aborted by close()
      }
      done = true;
      notify();
    })();
  } else {
    await res.body?.cancel();
    done = true;
  }
  const until = (check: () => boolean, ms: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      const waiter = () => {
        if (!check()) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(events)}`));
      }, ms);
      waiters.add(waiter);
      waiter();
    });
  return {
    status: res.status,
    headers: res.headers,
    events,
    async waitFor(match, ms = 5000) {
      await until(() => events.some(match), ms, 'an event');
      return events.find(match) as Received;
    },
    ended: (ms = 5000) => until(() => done, ms, 'the end of the stream'),
    close: () => abort.abort(),
  };
}

const isComment = (taskId: string) => (e: Received) =>
  e.type === 'comment.created' && e.data.taskId === taskId;

describeEachDb('live events', (h) => {
  let baseUrl = '';
  beforeAll(async () => {
    await h().app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(h().app.server.address() as AddressInfo).port}`;
  });

  async function scene() {
    const s = await collaborationScene(h());
    return { ...s, eventsPath: `${s.base}/events` };
  }

  it('streams text/event-stream with the headers proxies need', async () => {
    const s = await scene();
    const stream = await openStream(baseUrl, s.owner, s.eventsPath);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(stream.headers.get('cache-control')).toContain('no-cache');
      expect(stream.headers.get('x-accel-buffering')).toBe('no');
    } finally {
      stream.close();
    }
  });

  it('an owner receives events about tasks in any area, with ids only', async () => {
    const s = await scene();
    const stream = await openStream(baseUrl, s.owner, s.eventsPath);
    try {
      await s.insider.post(`${s.taskUrl}/comments`, { body: 'secret words' });
      const got = await stream.waitFor(isComment(s.task.id));
      expect(got.data).toEqual({ type: 'comment.created', taskId: s.task.id });
      expect(JSON.stringify(stream.events)).not.toContain('secret words');
    } finally {
      stream.close();
    }
  });

  it('an assistant outside the area does not receive it, but does for a task assigned to them', async () => {
    const s = await scene();
    const assigned = await createTask(h(), {
      workspaceId: s.workspace.id,
      creatorId: s.owner.user.id,
      assigneeId: s.outsider.user.id,
    });
    const outsider = await openStream(baseUrl, s.outsider, s.eventsPath);
    const insider = await openStream(baseUrl, s.insider, s.eventsPath);
    try {
      await s.owner.post(`${s.taskUrl}/comments`, { body: 'area only' });
      await s.owner.post(`${s.base}/tasks/${assigned.id}/comments`, { body: 'for the outsider' });
      // Events arrive in order: once the second is there, the first would have been too.
      await outsider.waitFor(isComment(assigned.id));
      expect(outsider.events.filter((e) => e.data.taskId === s.task.id)).toEqual([]);
      await insider.waitFor(isComment(s.task.id));
    } finally {
      outsider.close();
      insider.close();
    }
  });

  it('notification pings reach only their recipient', async () => {
    const s = await scene();
    const insider = await openStream(baseUrl, s.insider, s.eventsPath);
    const outsider = await openStream(baseUrl, s.outsider, s.eventsPath);
    try {
      await s.owner.post(`${s.taskUrl}/comments`, { body: `Hi @[I](user:${s.insider.user.id})` });
      await insider.waitFor((e) => e.type === 'notification.created');
      await s.owner.post(`${s.base}/notifications/read-all`);
      const marker = await createTask(h(), {
        workspaceId: s.workspace.id,
        creatorId: s.owner.user.id,
        assigneeId: s.outsider.user.id,
      });
      await s.owner.post(`${s.base}/tasks/${marker.id}/comments`, { body: 'marker' });
      await outsider.waitFor(isComment(marker.id));
      expect(outsider.events.map((e) => e.type)).toEqual(['comment.created']);
    } finally {
      insider.close();
      outsider.close();
    }
  });

  it('follows area changes: a member added to the area starts receiving its events', async () => {
    const s = await scene();
    const outsider = await openStream(baseUrl, s.outsider, s.eventsPath);
    try {
      await h()
        .db.db.insertInto('area_members')
        .values({
          workspace_id: s.workspace.id,
          area_id: s.area.id,
          user_id: s.outsider.user.id,
          created_at: h().clock.now().toISOString(),
        })
        .execute();
      h().app.deps.events.publish({
        workspaceId: s.workspace.id,
        event: { type: 'area.changed', areaId: s.area.id },
      });
      await outsider.waitFor((e) => e.type === 'area.changed');
      await s.owner.post(`${s.taskUrl}/comments`, { body: 'now visible' });
      await outsider.waitFor(isComment(s.task.id));
    } finally {
      outsider.close();
    }
  });

  it("a removed member's stream ends at once; a demoted owner stops seeing other areas", async () => {
    const s = await scene();
    const insider = await openStream(baseUrl, s.insider, s.eventsPath);
    try {
      await insider.waitFor(() => true, 50).catch(() => undefined);
      expect((await s.owner.delete(`${s.base}/members/${s.insider.user.id}`)).status).toBe(204);
      await insider.ended();
      expect(insider.events.map((e) => e.type)).toEqual(['membership.changed']);
    } finally {
      insider.close();
    }
    expect(h().app.deps.events.subscriberCount(s.workspace.id)).toBe(0);

    // An owner demoted to assistant (outside the area) no longer hears about the area's tasks.
    const promote = await s.owner.patch(`${s.base}/members/${s.outsider.user.id}`, { role: 'owner' });
    expect(promote.status).toBe(200);
    const demoted = await openStream(baseUrl, s.outsider, s.eventsPath);
    try {
      await s.owner.patch(`${s.base}/members/${s.outsider.user.id}`, { role: 'assistant' });
      await demoted.waitFor((e) => e.type === 'membership.changed');
      const marker = await createTask(h(), {
        workspaceId: s.workspace.id,
        creatorId: s.owner.user.id,
        assigneeId: s.outsider.user.id,
      });
      await s.owner.post(`${s.taskUrl}/comments`, { body: 'area only' });
      await s.owner.post(`${s.base}/tasks/${marker.id}/comments`, { body: 'marker' });
      await demoted.waitFor(isComment(marker.id));
      expect(demoted.events.filter((e) => e.data.taskId === s.task.id)).toEqual([]);
    } finally {
      demoted.close();
    }
  });

  it('closing the client unsubscribes', async () => {
    const s = await scene();
    const stream = await openStream(baseUrl, s.owner, s.eventsPath);
    expect(h().app.deps.events.subscriberCount(s.workspace.id)).toBe(1);
    stream.close();
    for (let i = 0; i < 50 && h().app.deps.events.subscriberCount(s.workspace.id) > 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(h().app.deps.events.subscriberCount(s.workspace.id)).toBe(0);
  });

  describe('refusals', () => {
    it('anonymous → 401', async () => {
      const s = await scene();
      const stream = await openStream(baseUrl, null, s.eventsPath);
      expect(stream.status).toBe(401);
    });

    it('a member of another workspace → 404', async () => {
      const s = await scene();
      const stream = await openStream(baseUrl, s.stranger, s.eventsPath);
      expect(stream.status).toBe(404);
      expect(h().app.deps.events.subscriberCount(s.workspace.id)).toBe(0);
    });

    it.each(BAD_IDS)('a malformed workspace id %s → 400 naming it', async (bad) => {
      const s = await scene();
      const res = await s.owner.get(`/api/v1/workspaces/${bad}/events`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'validation_failed',
        details: { fields: [{ field: 'workspaceId' }] },
      });
    });
  });
});

describeEachDb('live event heartbeat', (h) => {
  async function ctxOf(client: TestClient & { user: User }, workspaceId: string): Promise<MemberCtx> {
    const session = await h()
      .db.db.selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', client.user.id)
      .executeTakeFirstOrThrow();
    const role = await h()
      .db.db.selectFrom('memberships')
      .select('role')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', client.user.id)
      .executeTakeFirstOrThrow();
    return {
      deps: h().app.deps,
      user: client.user,
      session: { id: session.id, csrfToken: session.csrf_token },
      membership: { workspaceId, role: role.role },
      ip: '127.0.0.1',
    };
  }

  function sink() {
    const chunks: string[] = [];
    let ended = false;
    return {
      chunks,
      isEnded: () => ended,
      write: (chunk: string) => chunks.push(chunk),
      end: () => {
        ended = true;
      },
    };
  }

  async function until(check: () => boolean) {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(check()).toBe(true);
  }

  it('pings while all is well, and ends once the session is gone (signed out elsewhere)', async () => {
    const s = await collaborationScene(h());
    const out = sink();
    const stream = await openEventStream(await ctxOf(s.insider, s.workspace.id), out, { heartbeatMs: 20 });
    try {
      await until(() => out.chunks.includes(': ping\n\n'));
      expect(out.isEnded()).toBe(false);
      expect((await s.insider.post('/api/v1/auth/logout')).status).toBeLessThan(300);
      await until(() => out.isEnded());
      expect(h().app.deps.events.subscriberCount(s.workspace.id)).toBe(0);
    } finally {
      stream.close();
    }
  });

  it('ends on the next heartbeat when the membership went away without a message (another node)', async () => {
    const s = await collaborationScene(h());
    const out = sink();
    const stream = await openEventStream(await ctxOf(s.insider, s.workspace.id), out, { heartbeatMs: 20 });
    try {
      await h()
        .db.db.deleteFrom('memberships')
        .where('workspace_id', '=', s.workspace.id)
        .where('user_id', '=', s.insider.user.id)
        .execute();
      await until(() => out.isEnded());
    } finally {
      stream.close();
    }
  });

  it('formats each event as an SSE message', () => {
    expect(formatEvent({ type: 'task.updated', taskId: 'a', version: 3 })).toBe(
      'event: task.updated\ndata: {"type":"task.updated","taskId":"a","version":3}\n\n',
    );
  });
});

describe('live events and shutdown', () => {
  it.each(dialects())('closing the app ends open streams, so shutdown finishes [%s]', async (dialect) => {
    const harness: Harness & { close(): Promise<void> } = await createHarness(dialect);
    let closed = false;
    try {
      await harness.app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(harness.app.server.address() as AddressInfo).port}`;
      const s = await collaborationScene(harness);
      const stream = await openStream(url, s.owner, `${s.base}/events`);
      expect(stream.status).toBe(200);
      await harness.close();
      closed = true;
      await stream.ended();
    } finally {
      if (!closed) await harness.close();
    }
  });
});
