import {
  CreatedInvitation,
  CreateInvitationBody,
  Invitation,
  InvitationParams,
  InvitationPreview,
  InvitationTokenBody,
  Workspace,
  WorkspaceParams,
} from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule, userCtx } from '../../http.ts';
import * as invitations from './invitations.service.ts';

const tags = ['invitations'];

export const invitationRoutes: RouteModule = (app, deps) => {
  app.get(
    '/api/v1/workspaces/:workspaceId/invitations',
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: 'Pending invitations',
        params: WorkspaceParams,
        response: { 200: Type.Array(Invitation), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => invitations.listInvitations(memberCtx(request)),
  );

  app.post(
    '/api/v1/workspaces/:workspaceId/invitations',
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: 'Invite someone by link (and by e-mail when an address is given and SMTP is set)',
        params: WorkspaceParams,
        body: CreateInvitationBody,
        response: { 201: CreatedInvitation, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await invitations.createInvitation(memberCtx(request), request.body)),
  );

  app.delete(
    '/api/v1/workspaces/:workspaceId/invitations/:invitationId',
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: 'Revoke a pending invitation',
        params: InvitationParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await invitations.revokeInvitation(memberCtx(request), request.params.invitationId);
      return reply.status(204).send(null);
    },
  );

  // The token travels in the body, never in a URL, so it stays out of logs.
  app.post(
    '/api/v1/invitations/preview',
    {
      config: { rateLimit: { max: deps.config.authRateLimit * 3, timeWindow: '1 minute' } },
      schema: {
        'x-access': 'public',
        tags,
        summary: 'What an invitation link offers, before accepting it',
        body: InvitationTokenBody,
        response: { 200: InvitationPreview, ...errors(400, 403, 410, 429) },
      },
    },
    async (request) => invitations.previewInvitation(request.ctx, request.body.token),
  );

  app.post(
    '/api/v1/invitations/accept',
    {
      schema: {
        'x-access': 'user',
        tags,
        summary: 'Accept an invitation with the signed-in account',
        body: InvitationTokenBody,
        response: { 200: Workspace, ...errors(400, 401, 403, 409, 410) },
      },
    },
    async (request) => invitations.acceptInvitation(userCtx(request), request.body.token),
  );
};
