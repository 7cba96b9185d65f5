import { CalendarFeed, FeedTokenParams, MeetingParams, WorkspaceParams } from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as feeds from './feeds.service.ts';

const tags = ['calendar'];
const ws = '/api/v1/workspaces/:workspaceId';
const ICAL = 'text/calendar; charset=utf-8';

/**
 * Private calendar feeds and single-meeting downloads (DESIGN §7). The feed URL carries its
 * own credential (a revocable token stored hashed), so its route is public; the content-type
 * is set before sending, so Fastify passes the iCalendar text through unserialised.
 */
export const feedRoutes: RouteModule = (app, deps) => {
  app.get(
    `${ws}/calendar-feed`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'self',
        tags,
        summary: "The caller's private calendar feed in this workspace (without its URL)",
        params: WorkspaceParams,
        response: { 200: CalendarFeed, ...errors(400, 401, 404) },
      },
    },
    async (request) => feeds.getFeed(memberCtx(request)),
  );

  app.post(
    `${ws}/calendar-feed`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'self',
        tags,
        summary: 'Create or regenerate the private feed; the URL is shown once and the old one stops working',
        params: WorkspaceParams,
        response: { 200: CalendarFeed, ...errors(400, 401, 404) },
      },
    },
    async (request) => feeds.regenerateFeed(memberCtx(request)),
  );

  app.delete(
    `${ws}/calendar-feed`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'self',
        tags,
        summary: 'Revoke the private feed',
        params: WorkspaceParams,
        response: { 204: Type.Null(), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await feeds.revokeFeed(memberCtx(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/calendar/:token',
    {
      schema: {
        'x-access': 'public',
        tags,
        summary: 'A private iCalendar feed: meetings and due dates (the token is the credential)',
        params: FeedTokenParams,
        response: { 200: Type.String(), ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      const text = await feeds.feedCalendar(deps, request.params.token);
      return reply.header('content-type', ICAL).header('cache-control', 'private, max-age=300').send(text);
    },
  );

  app.get(
    `${ws}/meetings/:meetingId/ics`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'One meeting series as an .ics download',
        params: MeetingParams,
        response: { 200: Type.String(), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      const { text, title } = await feeds.meetingCalendar(memberCtx(request), request.params.meetingId);
      return reply
        .header('content-type', ICAL)
        .header('content-disposition', feeds.attachmentHeader(title))
        .header('cache-control', 'private, no-store')
        .send(text);
    },
  );
};
