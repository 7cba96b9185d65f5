import {
  CreateGoalBody,
  CreateMissionBody,
  Goal,
  GoalListQuery,
  GoalParams,
  Mission,
  MissionDetail,
  MissionListQuery,
  MissionParams,
  UpdateGoalBody,
  UpdateMissionBody,
  WorkspaceParams,
} from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as goals from './goals.service.ts';

const tags = ['goals'];
const ws = '/api/v1/workspaces/:workspaceId';

/** Goals and missions (DESIGN §9): principals set them, assignees turn missions into tasks. */
export const goalRoutes: RouteModule = (app) => {
  app.get(
    `${ws}/goals`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Goals the caller may see, with their missions and progress',
        params: WorkspaceParams,
        querystring: GoalListQuery,
        response: { 200: Type.Array(Goal), ...errors(400, 401, 404) },
      },
    },
    async (request) => goals.listGoals(memberCtx(request), request.query),
  );

  app.post(
    `${ws}/goals`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: 'Set a goal: measure, target, due date and status',
        params: WorkspaceParams,
        body: CreateGoalBody,
        response: { 201: Goal, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await goals.createGoal(memberCtx(request), request.body)),
  );

  app.get(
    `${ws}/goals/:goalId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'One goal with the missions under it the caller may see',
        params: GoalParams,
        response: { 200: Goal, ...errors(400, 401, 404) },
      },
    },
    async (request) => goals.getGoal(memberCtx(request), request.params.goalId),
  );

  app.patch(
    `${ws}/goals/:goalId`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'Edit a goal or change its status, on the version seen',
        params: GoalParams,
        body: UpdateGoalBody,
        response: { 200: Goal, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => goals.updateGoal(memberCtx(request), request.params.goalId, request.body),
  );

  app.delete(
    `${ws}/goals/:goalId`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'Delete a goal with its missions (their tasks stay)',
        params: GoalParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await goals.deleteGoal(memberCtx(request), request.params.goalId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${ws}/missions`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Missions the caller may see, with progress',
        params: WorkspaceParams,
        querystring: MissionListQuery,
        response: { 200: Type.Array(Mission), ...errors(400, 401, 404) },
      },
    },
    async (request) => goals.listMissions(memberCtx(request), request.query),
  );

  app.post(
    `${ws}/missions`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: 'Give a mission under a goal: area, assignee, intent, end state, constraints',
        params: WorkspaceParams,
        body: CreateMissionBody,
        response: { 201: MissionDetail, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await goals.createMission(memberCtx(request), request.body)),
  );

  app.get(
    `${ws}/missions/:missionId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'One mission with its goal, progress and the tasks of it the caller may see',
        params: MissionParams,
        response: { 200: MissionDetail, ...errors(400, 401, 404) },
      },
    },
    async (request) => goals.getMission(memberCtx(request), request.params.missionId),
  );

  app.patch(
    `${ws}/missions/:missionId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Edit a mission (owners), or change its status (its assignee), on the version seen',
        params: MissionParams,
        body: UpdateMissionBody,
        response: { 200: MissionDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => goals.updateMission(memberCtx(request), request.params.missionId, request.body),
  );

  app.delete(
    `${ws}/missions/:missionId`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'Delete a mission (its tasks stay, unlinked)',
        params: MissionParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await goals.deleteMission(memberCtx(request), request.params.missionId);
      return reply.status(204).send(null);
    },
  );
};
