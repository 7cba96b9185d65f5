import {
  NotificationListQuery,
  NotificationPage,
  NotificationParams,
  NotificationPreferences,
  UpdateNotificationPreferencesBody,
  WorkspaceParams,
} from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule, userCtx } from '../../http.ts';
import * as notifications from './notifications.service.ts';

const tags = ['notifications'];

export const notificationRoutes: RouteModule = (app) => {
  app.get(
    '/api/v1/workspaces/:workspaceId/notifications',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'self',
        tags,
        summary: 'My newest 50 notifications in this workspace, and how many are unread',
        params: WorkspaceParams,
        querystring: NotificationListQuery,
        response: { 200: NotificationPage, ...errors(400, 401, 404) },
      },
    },
    async (request) => notifications.listNotifications(memberCtx(request), request.query),
  );

  app.post(
    '/api/v1/workspaces/:workspaceId/notifications/:notificationId/read',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'self',
        tags,
        summary: 'Mark one of my notifications read',
        params: NotificationParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await notifications.readNotification(memberCtx(request), request.params.notificationId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/workspaces/:workspaceId/notifications/read-all',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'self',
        tags,
        summary: 'Mark all my notifications in this workspace read',
        params: WorkspaceParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await notifications.readAllNotifications(memberCtx(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me/notification-preferences',
    {
      schema: {
        'x-access': 'user',
        tags: ['me', ...tags],
        summary: 'How I want to hear about each kind of event: immediate, daily digest or off',
        response: { 200: NotificationPreferences, ...errors(401) },
      },
    },
    async (request) => notifications.getPreferences(userCtx(request)),
  );

  app.patch(
    '/api/v1/me/notification-preferences',
    {
      schema: {
        'x-access': 'user',
        tags: ['me', ...tags],
        summary: 'Change some of my notification preferences',
        body: UpdateNotificationPreferencesBody,
        response: { 200: NotificationPreferences, ...errors(400, 401, 403) },
      },
    },
    async (request) => notifications.updatePreferences(userCtx(request), request.body),
  );
};
