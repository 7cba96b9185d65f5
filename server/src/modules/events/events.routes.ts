import { WorkspaceParams } from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import { type EventStream, openEventStream } from './events.service.ts';

/**
 * The live stream: Server-Sent Events, filtered per subscriber with the same visibility rule
 * as every other door. `app.inject` cannot stream, so its tests listen on a real port.
 */
export const eventRoutes: RouteModule = (app) => {
  const open = new Set<() => void>();
  // Before the server stops waiting for connections: end every stream, or graceful shutdown
  // would wait for clients that never hang up.
  app.addHook('preClose', async () => {
    for (const close of [...open]) close();
  });

  app.get(
    '/api/v1/workspaces/:workspaceId/events',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags: ['events'],
        summary: 'Live events of this workspace (text/event-stream)',
        description:
          'Each message is `event: <type>` and `data: <JSON LiveEvent>`; only events about tasks I can see, ' +
          'workspace-wide ones and those addressed to me. A comment line every 25 s keeps proxies from closing it. ' +
          '`membership.changed` followed by the end of the stream means I am no longer a member.',
        params: WorkspaceParams,
        response: {
          200: Type.String({ description: 'An endless text/event-stream.' }),
          ...errors(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const ctx = memberCtx(request);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      let stream: EventStream | null = null;
      let gone = false;
      const close = () => {
        gone = true;
        stream?.close();
      };
      open.add(close);
      // Registered before anything async, so a client leaving early is never missed.
      res.on('close', () => {
        open.delete(close);
        close();
      });
      try {
        stream = await openEventStream(ctx, {
          write: (chunk) => {
            if (res.writableEnded || res.destroyed) return;
            res.write(chunk);
            // A client that stops reading must not make us buffer without end.
            if (res.writableLength > 1024 * 1024) res.destroy();
          },
          end: () => {
            if (!res.writableEnded) res.end();
          },
        });
      } catch (err) {
        // The response is ours now (hijacked): end it; the client reconnects.
        request.log.error({ err }, 'could not open the live event stream');
        res.end();
        return;
      }
      if (gone) stream.close();
    },
  );
};
