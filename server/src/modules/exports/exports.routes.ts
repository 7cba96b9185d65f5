import { DeleteWorkspaceBody, PersonalExport, WorkspaceExport, WorkspaceParams } from '@leeway/core';
import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule, userCtx } from '../../http.ts';
import * as exportsService from './exports.service.ts';

const tags = ['exports'];

/** A JSON file to save, never rendered: the file name is built from digits, letters and dashes only. */
function asDownload(reply: FastifyReply, fileName: string): FastifyReply {
  return reply
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff');
}

/** Data export and workspace deletion (DESIGN §12). */
export const exportRoutes: RouteModule = (app) => {
  app.get(
    '/api/v1/me/export',
    {
      schema: {
        'x-access': 'user',
        tags,
        summary: 'Download my own data from every workspace I belong to (JSON)',
        response: { 200: PersonalExport, ...errors(401) },
      },
    },
    async (request, reply) => {
      const { fileName, data } = await exportsService.exportMe(userCtx(request));
      // Serialised through the closed response schema: no field beyond the contract leaves.
      return asDownload(reply, fileName).send(data);
    },
  );

  app.get(
    '/api/v1/workspaces/:workspaceId/export',
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: 'Download the whole workspace (JSON, without secrets or files)',
        params: WorkspaceParams,
        response: { 200: WorkspaceExport, ...errors(400, 401, 403, 404, 413) },
      },
    },
    async (request, reply) => {
      const { fileName, data } = await exportsService.exportWorkspace(memberCtx(request));
      return asDownload(reply, fileName).send(data);
    },
  );

  app.delete(
    '/api/v1/workspaces/:workspaceId',
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags: ['workspaces'],
        summary: 'Delete the workspace and everything in it (any owner; its exact name confirms)',
        params: WorkspaceParams,
        body: DeleteWorkspaceBody,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await exportsService.deleteWorkspace(memberCtx(request), request.body);
      return reply.status(204).send(null);
    },
  );
};
