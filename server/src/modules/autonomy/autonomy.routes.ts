import {
  AreaAutonomy,
  AutonomySettingsPatchBody,
  AutonomySettingsSchema,
  DecideProposalBody,
  EndEpisodeBody,
  EpisodeParams,
  ExtendEpisodeBody,
  LevelHistory,
  LevelHistoryQuery,
  MemberAreaAutonomy,
  MemberAreaParams,
  Proposal,
  ProposalListQuery,
  ProposalParams,
  RequestLevelChangeBody,
  SetLevelBody,
  StartEpisodeBody,
  SupportEpisode,
  WorkspaceParams,
} from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as autonomy from './autonomy.service.ts';

const tags = ['autonomy'];
const ws = '/api/v1/workspaces/:workspaceId';

export const autonomyRoutes: RouteModule = (app) => {
  app.get(
    `${ws}/autonomy/settings`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Every threshold of the autonomy ladder',
        params: WorkspaceParams,
        response: { 200: AutonomySettingsSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) => autonomy.getSettings(memberCtx(request)),
  );

  app.patch(
    `${ws}/autonomy/settings`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: 'Change thresholds field by field; the result is checked as a whole',
        params: WorkspaceParams,
        body: AutonomySettingsPatchBody,
        response: { 200: AutonomySettingsSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => autonomy.updateSettings(memberCtx(request), request.body),
  );

  app.get(
    `${ws}/autonomy/board`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: 'The delegation board: every assistant × area with level, episode and proposal',
        params: WorkspaceParams,
        response: { 200: Type.Array(AreaAutonomy), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => autonomy.board(memberCtx(request)),
  );

  app.get(
    `${ws}/autonomy/me`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'self',
        tags,
        summary: "The caller's own levels and evidence, per area",
        params: WorkspaceParams,
        response: { 200: Type.Array(AreaAutonomy), ...errors(400, 401, 404) },
      },
    },
    async (request) => autonomy.myCells(memberCtx(request)),
  );

  app.get(
    `${ws}/autonomy/level-history`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'self',
        tags,
        summary: 'Levels week by week (owners: every assistant; assistants: their own)',
        params: WorkspaceParams,
        querystring: LevelHistoryQuery,
        response: { 200: LevelHistory, ...errors(400, 401, 404) },
      },
    },
    async (request) => autonomy.levelHistory(memberCtx(request), request.query),
  );

  app.get(
    `${ws}/autonomy/members/:memberId/areas/:areaId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'self',
        tags,
        summary: 'Grant, evidence, history, proposals and episodes of one assistant × area',
        params: MemberAreaParams,
        response: { 200: MemberAreaAutonomy, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      autonomy.memberArea(memberCtx(request), request.params.memberId, request.params.areaId),
  );

  app.put(
    `${ws}/autonomy/members/:memberId/areas/:areaId/level`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'Set the level of an assistant in an area, with a reason kept in the history',
        params: MemberAreaParams,
        body: SetLevelBody,
        response: { 200: MemberAreaAutonomy, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      autonomy.setLevel(memberCtx(request), request.params.memberId, request.params.areaId, request.body),
  );

  app.get(
    `${ws}/proposals`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Level proposals, newest first (owners: all; assistants: their own)',
        params: WorkspaceParams,
        querystring: ProposalListQuery,
        response: { 200: Type.Array(Proposal), ...errors(400, 401, 404) },
      },
    },
    async (request) => autonomy.listProposals(memberCtx(request), request.query),
  );

  app.post(
    `${ws}/proposals`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'An assistant asks for another level in one of their areas',
        params: WorkspaceParams,
        body: RequestLevelChangeBody,
        response: { 201: Proposal, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await autonomy.requestLevelChange(memberCtx(request), request.body)),
  );

  app.post(
    `${ws}/proposals/:proposalId/decision`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'Accept or decline a pending proposal (declining needs a reason)',
        params: ProposalParams,
        body: DecideProposalBody,
        response: { 200: Proposal, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => autonomy.decideProposal(memberCtx(request), request.params.proposalId, request.body),
  );

  app.get(
    `${ws}/support-episodes`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Support episodes, newest first (owners: all; assistants: their own)',
        params: WorkspaceParams,
        response: { 200: Type.Array(SupportEpisode), ...errors(400, 401, 404) },
      },
    },
    async (request) => autonomy.listSupportEpisodes(memberCtx(request)),
  );

  app.post(
    `${ws}/support-episodes`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: 'Start close guidance for an assistant in an area, with a cap and a planned end',
        params: WorkspaceParams,
        body: StartEpisodeBody,
        response: { 201: SupportEpisode, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await autonomy.startEpisode(memberCtx(request), request.body)),
  );

  app.post(
    `${ws}/support-episodes/:episodeId/extend`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'Extend a running support episode, with a reason',
        params: EpisodeParams,
        body: ExtendEpisodeBody,
        response: { 200: SupportEpisode, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => autonomy.extendEpisode(memberCtx(request), request.params.episodeId, request.body),
  );

  app.post(
    `${ws}/support-episodes/:episodeId/end`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'End a support episode before its planned end',
        params: EpisodeParams,
        body: EndEpisodeBody,
        response: { 200: SupportEpisode, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => autonomy.endEpisode(memberCtx(request), request.params.episodeId, request.body),
  );
};
