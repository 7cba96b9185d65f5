import {
  Area,
  AreaListQuery,
  AreaParams,
  CreateAreaBody,
  UpdateAreaBody,
  WorkspaceParams,
} from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as areas from './areas.service.ts';

const tags = ['areas'];

export const areaRoutes: RouteModule = (app) => {
  app.get(
    '/api/v1/workspaces/:workspaceId/areas',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Areas of responsibility, by name (archived ones with includeArchived=true)',
        params: WorkspaceParams,
        querystring: AreaListQuery,
        response: { 200: Type.Array(Area), ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      areas.listAreas(memberCtx(request), { includeArchived: request.query.includeArchived === 'true' }),
  );

  app.post(
    '/api/v1/workspaces/:workspaceId/areas',
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: 'Create an area with its owner, backup and contributors',
        params: WorkspaceParams,
        body: CreateAreaBody,
        response: { 201: Area, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await areas.createArea(memberCtx(request), request.body)),
  );

  app.get(
    '/api/v1/workspaces/:workspaceId/areas/:areaId',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'One area',
        params: AreaParams,
        response: { 200: Area, ...errors(400, 401, 404) },
      },
    },
    async (request) => areas.getArea(memberCtx(request), request.params.areaId),
  );

  app.patch(
    '/api/v1/workspaces/:workspaceId/areas/:areaId',
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: 'Edit an area; a stale version answers 409 with the current area',
        params: AreaParams,
        body: UpdateAreaBody,
        response: { 200: Area, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => areas.updateArea(memberCtx(request), request.params.areaId, request.body),
  );

  app.post(
    '/api/v1/workspaces/:workspaceId/areas/:areaId/archive',
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: 'Archive an area: it keeps its tasks but accepts no new ones',
        params: AreaParams,
        response: { 200: Area, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => areas.setArchived(memberCtx(request), request.params.areaId, true),
  );

  app.post(
    '/api/v1/workspaces/:workspaceId/areas/:areaId/unarchive',
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: 'Restore an archived area',
        params: AreaParams,
        response: { 200: Area, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => areas.setArchived(memberCtx(request), request.params.areaId, false),
  );
};
