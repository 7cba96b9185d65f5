import {
  ActionItemCreated,
  AddAgendaItemBody,
  Agenda,
  AgendaItemParams,
  AgendaItemView,
  CreateActionItemBody,
  CreateMeetingBody,
  FinishOccurrenceBody,
  MeetingOccurrenceView,
  MeetingParams,
  MeetingSeries,
  OccurrenceListQuery,
  OccurrenceParams,
  PinItemBody,
  PinnedItemParams,
  UpdateAgendaItemBody,
  UpdateMeetingBody,
  UpdateOccurrenceBody,
  WorkspaceParams,
} from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as meetings from './meetings.service.ts';

const tags = ['meetings'];
const ws = '/api/v1/workspaces/:workspaceId';
const occurrence = `${ws}/meetings/:meetingId/occurrences/:start`;

const PinnedItem = Type.Object(
  { id: Type.String(), title: Type.String(), position: Type.Integer() },
  { additionalProperties: false },
);

/**
 * Meeting series, occurrences and their self-building agendas (DESIGN §7). Participants,
 * the organizer and owners read and write notes, items and action items; only the organizer
 * and owners edit the series, move or cancel occurrences, pin items and finish a meeting.
 * Anyone else gets 404, as for an id that does not exist.
 */
export const meetingRoutes: RouteModule = (app) => {
  app.get(
    `${ws}/meetings`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Meetings the caller takes part in or organises (owners: all), with the next occurrence',
        params: WorkspaceParams,
        response: { 200: Type.Array(MeetingSeries), ...errors(400, 401, 404) },
      },
    },
    async (request) => meetings.listMeetings(memberCtx(request)),
  );

  app.post(
    `${ws}/meetings`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Create a meeting series or a single meeting, organised by the caller',
        params: WorkspaceParams,
        body: CreateMeetingBody,
        response: { 201: MeetingSeries, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await meetings.createMeeting(memberCtx(request), request.body)),
  );

  app.get(
    `${ws}/meetings/:meetingId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'One meeting series',
        params: MeetingParams,
        response: { 200: MeetingSeries, ...errors(400, 401, 404) },
      },
    },
    async (request) => meetings.getMeeting(memberCtx(request), request.params.meetingId),
  );

  app.patch(
    `${ws}/meetings/:meetingId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Edit a meeting series (organizer or owners), on the version seen',
        params: MeetingParams,
        body: UpdateMeetingBody,
        response: { 200: MeetingSeries, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => meetings.updateMeeting(memberCtx(request), request.params.meetingId, request.body),
  );

  app.delete(
    `${ws}/meetings/:meetingId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary:
          'Delete a meeting series with its agendas (organizer or owners); tasks made from action items stay',
        params: MeetingParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await meetings.removeMeeting(memberCtx(request), request.params.meetingId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${ws}/meetings/:meetingId/occurrences`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Occurrences starting in [from, to) (at most 400 days), moved and cancelled ones included',
        params: MeetingParams,
        querystring: OccurrenceListQuery,
        response: { 200: Type.Array(MeetingOccurrenceView), ...errors(400, 401, 404) },
      },
    },
    async (request) => meetings.listOccurrences(memberCtx(request), request.params.meetingId, request.query),
  );

  app.put(
    occurrence,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Move or cancel one occurrence, or undo both (organizer or owners)',
        params: OccurrenceParams,
        body: UpdateOccurrenceBody,
        response: { 200: MeetingOccurrenceView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      meetings.updateOccurrence(
        memberCtx(request),
        request.params.meetingId,
        request.params.start,
        request.body,
      ),
  );

  app.get(
    `${occurrence}/agenda`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: "One occurrence's agenda as the caller may see it, with notes and action items",
        params: OccurrenceParams,
        response: { 200: Agenda, ...errors(400, 401, 404) },
      },
    },
    async (request) => meetings.getAgenda(memberCtx(request), request.params.meetingId, request.params.start),
  );

  app.get(
    `${ws}/meetings/:meetingId/next/agenda`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'The agenda of the next occurrence (404 when the series is over)',
        params: MeetingParams,
        response: { 200: Agenda, ...errors(400, 401, 404) },
      },
    },
    async (request) => meetings.getNextAgenda(memberCtx(request), request.params.meetingId),
  );

  app.post(
    `${occurrence}/agenda/items`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: "Add an item to one occurrence's agenda",
        params: OccurrenceParams,
        body: AddAgendaItemBody,
        response: { 201: AgendaItemView, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await meetings.addAgendaItem(
            memberCtx(request),
            request.params.meetingId,
            request.params.start,
            request.body,
          ),
        ),
  );

  app.patch(
    `${occurrence}/agenda/items/:key`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Notes and status (open, discussed, deferred) of one agenda item',
        params: AgendaItemParams,
        body: UpdateAgendaItemBody,
        response: { 200: AgendaItemView, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      meetings.updateAgendaItem(
        memberCtx(request),
        request.params.meetingId,
        request.params.start,
        request.params.key,
        request.body,
      ),
  );

  app.post(
    `${occurrence}/action-items`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Record an action item; it becomes a task with an assignee and a due date',
        params: OccurrenceParams,
        body: CreateActionItemBody,
        response: { 201: ActionItemCreated, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await meetings.createActionItem(
            memberCtx(request),
            request.params.meetingId,
            request.params.start,
            request.body,
          ),
        ),
  );

  app.post(
    `${occurrence}/finish`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'End an occurrence and send the minutes to the participants, once (organizer or owners)',
        params: OccurrenceParams,
        body: FinishOccurrenceBody,
        response: { 200: MeetingOccurrenceView, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      meetings.finishOccurrence(memberCtx(request), request.params.meetingId, request.params.start),
  );

  app.post(
    `${ws}/meetings/:meetingId/pinned`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Pin a recurring item to every agenda of the series (organizer or owners)',
        params: MeetingParams,
        body: PinItemBody,
        response: { 201: PinnedItem, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await meetings.pinItem(memberCtx(request), request.params.meetingId, request.body)),
  );

  app.delete(
    `${ws}/meetings/:meetingId/pinned/:pinnedId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Unpin a recurring item (organizer or owners)',
        params: PinnedItemParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await meetings.unpinItem(memberCtx(request), request.params.meetingId, request.params.pinnedId);
      return reply.status(204).send(null);
    },
  );
};
