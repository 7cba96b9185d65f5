import {
  CheckIn,
  CheckInListQuery,
  CheckInReminderBody,
  MyCheckIn,
  SubmitCheckInBody,
  WorkspaceParams,
} from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as checkIns from './checkins.service.ts';

const tags = ['checkins'];
const ws = '/api/v1/workspaces/:workspaceId';

/** Weekly check-ins and their reminders (DESIGN §7). */
export const checkInRoutes: RouteModule = (app) => {
  app.get(
    `${ws}/check-ins`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'self',
        tags,
        summary: "Check-ins, newest first: owners read everyone's, an assistant their own",
        params: WorkspaceParams,
        querystring: CheckInListQuery,
        response: { 200: Type.Array(CheckIn), ...errors(400, 401, 404) },
      },
    },
    async (request) => checkIns.listCheckIns(memberCtx(request), request.query),
  );

  app.get(
    `${ws}/check-ins/me`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'self',
        tags,
        summary: "The caller's week (in their zone), this week's check-in and their reminder",
        params: WorkspaceParams,
        response: { 200: MyCheckIn, ...errors(400, 401, 404) },
      },
    },
    async (request) => checkIns.myCheckIn(memberCtx(request)),
  );

  app.put(
    `${ws}/check-ins/me`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'self',
        tags,
        summary: "Submit or replace this week's check-in (assistants)",
        params: WorkspaceParams,
        body: SubmitCheckInBody,
        response: { 200: CheckIn, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => checkIns.submitCheckIn(memberCtx(request), request.body),
  );

  app.put(
    `${ws}/check-ins/me/reminder`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'self',
        tags,
        summary: 'Set the weekly check-in reminder: weekday, time and zone (assistants)',
        params: WorkspaceParams,
        body: CheckInReminderBody,
        response: { 200: MyCheckIn, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => checkIns.setReminder(memberCtx(request), request.body),
  );

  app.delete(
    `${ws}/check-ins/me/reminder`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'self',
        tags,
        summary: 'Remove the weekly check-in reminder',
        params: WorkspaceParams,
        response: { 204: Type.Null(), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await checkIns.removeReminder(memberCtx(request));
      return reply.status(204).send(null);
    },
  );
};
