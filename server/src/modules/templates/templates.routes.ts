import { SaveTemplateBody, TaskParams, TaskTemplate, TemplateParams, WorkspaceParams } from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as templates from './templates.service.ts';

const tags = ['templates'];

export const templateRoutes: RouteModule = (app) => {
  app.get(
    '/api/v1/workspaces/:workspaceId/templates',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Task templates I may see (an assistant: their areas, no area, or made by them)',
        params: WorkspaceParams,
        response: { 200: Type.Array(TaskTemplate), ...errors(400, 401, 404) },
      },
    },
    async (request) => templates.listTemplates(memberCtx(request)),
  );

  app.post(
    '/api/v1/workspaces/:workspaceId/tasks/:taskId/save-as-template',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Save a task I may see as a template: title, description, area, labels, priority, checklist',
        params: TaskParams,
        body: SaveTemplateBody,
        response: { 201: TaskTemplate, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await templates.saveTaskAsTemplate(memberCtx(request), request.params.taskId, request.body)),
  );

  app.delete(
    '/api/v1/workspaces/:workspaceId/templates/:templateId',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Delete a template (an owner, or the member who made it)',
        params: TemplateParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await templates.deleteTemplate(memberCtx(request), request.params.templateId);
      return reply.status(204).send(null);
    },
  );
};
