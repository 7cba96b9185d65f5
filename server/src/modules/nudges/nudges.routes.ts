import { Nudge, TaskNudges, TaskParams } from '@leeway/core';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as nudges from './nudges.service.ts';

const tags = ['nudges'];

export const nudgeRoutes: RouteModule = (app) => {
  app.get(
    '/api/v1/workspaces/:workspaceId/tasks/:taskId/nudges',
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: "A task's “Any update?” nudges (newest first) and whether one sent now would be redundant",
        params: TaskParams,
        response: { 200: TaskNudges, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => nudges.listNudges(memberCtx(request), request.params.taskId),
  );

  app.post(
    '/api/v1/workspaces/:workspaceId/tasks/:taskId/nudges',
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'Ask the assignee “Any update?” (once per principal and task in 24 hours)',
        description:
          'Redundant (insights §10) when the task changed in the 24 hours before. 409 `conflict` with ' +
          '`details.reason`: no_assignee, own_task, task_closed or recently_nudged (with lastNudgedAt, nextNudgeAt).',
        params: TaskParams,
        response: { 201: Nudge, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await nudges.sendNudge(memberCtx(request), request.params.taskId)),
  );
};
