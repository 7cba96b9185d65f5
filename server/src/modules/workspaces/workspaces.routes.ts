import {
  CreateWorkspaceBody,
  Member,
  MemberParams,
  UpdateMemberBody,
  UpdateWorkspaceBody,
  Workspace,
  WorkspaceParams,
} from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule, userCtx } from '../../http.ts';
import * as workspaces from './workspaces.service.ts';

const tags = ['workspaces'];

export const workspaceRoutes: RouteModule = (app) => {
  app.get(
    '/api/v1/workspaces',
    {
      schema: {
        'x-access': 'user',
        tags,
        summary: 'The workspaces I belong to, with my role in each',
        response: { 200: Type.Array(Workspace), ...errors(401) },
      },
    },
    async (request) => workspaces.listMyWorkspaces(userCtx(request)),
  );

  app.post(
    '/api/v1/workspaces',
    {
      schema: {
        'x-access': 'user',
        tags,
        summary: 'Create a workspace; I become its owner',
        body: CreateWorkspaceBody,
        response: { 201: Workspace, ...errors(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await workspaces.createWorkspace(userCtx(request), request.body)),
  );

  app.get(
    '/api/v1/workspaces/:workspaceId',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'One workspace',
        params: WorkspaceParams,
        response: { 200: Workspace, ...errors(400, 401, 404) },
      },
    },
    async (request) => workspaces.getWorkspace(memberCtx(request)),
  );

  app.patch(
    '/api/v1/workspaces/:workspaceId',
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: 'Rename a workspace',
        params: WorkspaceParams,
        body: UpdateWorkspaceBody,
        response: { 200: Workspace, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => workspaces.updateWorkspace(memberCtx(request), request.body),
  );

  app.post(
    '/api/v1/workspaces/:workspaceId/leave',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'self',
        tags: ['members'],
        summary: 'Leave a workspace (the last owner cannot)',
        params: WorkspaceParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await workspaces.leaveWorkspace(memberCtx(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/workspaces/:workspaceId/members',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags: ['members'],
        summary: 'Members of a workspace',
        params: WorkspaceParams,
        response: { 200: Type.Array(Member), ...errors(400, 401, 404) },
      },
    },
    async (request) => workspaces.listMembers(memberCtx(request)),
  );

  app.patch(
    '/api/v1/workspaces/:workspaceId/members/:userId',
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags: ['members'],
        summary: "Change a member's role (the last owner cannot be demoted)",
        params: MemberParams,
        body: UpdateMemberBody,
        response: { 200: Member, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      workspaces.changeMemberRole(memberCtx(request), request.params.userId, request.body.role),
  );

  app.delete(
    '/api/v1/workspaces/:workspaceId/members/:userId',
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags: ['members'],
        summary: 'Remove a member (the last owner cannot be removed)',
        params: MemberParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await workspaces.removeMember(memberCtx(request), request.params.userId);
      return reply.status(204).send(null);
    },
  );
};
