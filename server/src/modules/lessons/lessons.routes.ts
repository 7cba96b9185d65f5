import {
  CreateFollowUpBody,
  FollowUp,
  FollowUpListQuery,
  FollowUpParams,
  Lesson,
  LessonBody,
  LessonFactorStats,
  LessonListQuery,
  LessonParams,
  LessonSummary,
  UpdateFollowUpBody,
  WorkspaceParams,
} from '@leeway/core';
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as lessons from './lessons.service.ts';

const tags = ['lessons'];
const ws = '/api/v1/workspaces/:workspaceId';

/**
 * The app validates with `removeAdditional: 'all'`, which strips unknown fields even from an
 * open schema. A lesson must refuse a `culprit` loudly rather than drop it, so the fields the
 * client sent are noted before validation and handed back to core's `checkLesson`.
 */
const sentBodies = new WeakMap<FastifyRequest, Record<string, unknown>>();

async function keepSentBody(request: FastifyRequest): Promise<void> {
  const body = request.body;
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    sentBodies.set(request, { ...(body as Record<string, unknown>) });
  }
}

function lessonBodyOf(request: FastifyRequest, body: LessonBody): LessonBody {
  const sent = sentBodies.get(request) ?? {};
  const extras = Object.fromEntries(Object.entries(sent).filter(([key]) => !(key in LessonBody.properties)));
  return { ...extras, ...body };
}

/** The blameless lessons log (DESIGN §8). */
export const lessonRoutes: RouteModule = (app) => {
  app.get(
    `${ws}/lessons`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Lessons the caller may see, newest first, with filters',
        params: WorkspaceParams,
        querystring: LessonListQuery,
        response: { 200: Type.Array(LessonSummary), ...errors(400, 401, 404) },
      },
    },
    async (request) => lessons.listLessons(memberCtx(request), request.query),
  );

  app.post(
    `${ws}/lessons`,
    {
      preValidation: keepSentBody,
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Record a blameless lesson (a field naming a person is refused)',
        params: WorkspaceParams,
        body: LessonBody,
        response: { 201: Lesson, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await lessons.createLesson(memberCtx(request), lessonBodyOf(request, request.body))),
  );

  app.get(
    `${ws}/lessons/stats`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Lessons per contributing factor kind per month (UTC), the last 12 months',
        params: WorkspaceParams,
        response: { 200: LessonFactorStats, ...errors(400, 401, 404) },
      },
    },
    async (request) => lessons.factorStats(memberCtx(request)),
  );

  app.get(
    `${ws}/lessons/:lessonId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'One lesson with its factors and follow-ups',
        params: LessonParams,
        response: { 200: Lesson, ...errors(400, 401, 404) },
      },
    },
    async (request) => lessons.getLesson(memberCtx(request), request.params.lessonId),
  );

  app.patch(
    `${ws}/lessons/:lessonId`,
    {
      preValidation: keepSentBody,
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Edit a lesson (its author or an owner), on the version seen',
        params: LessonParams,
        body: LessonBody,
        response: { 200: Lesson, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      lessons.updateLesson(memberCtx(request), request.params.lessonId, lessonBodyOf(request, request.body)),
  );

  app.delete(
    `${ws}/lessons/:lessonId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Delete a lesson (its author or an owner)',
        params: LessonParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await lessons.deleteLesson(memberCtx(request), request.params.lessonId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${ws}/lessons/:lessonId/follow-ups`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Add a follow-up (owners or the author); sop_change opens a draft of the SOP',
        params: LessonParams,
        body: CreateFollowUpBody,
        response: { 201: FollowUp, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await lessons.createFollowUp(memberCtx(request), request.params.lessonId, request.body)),
  );

  app.patch(
    `${ws}/lessons/:lessonId/follow-ups/:followUpId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: "Close, reopen, reassign or reschedule a follow-up (owners and the follow-up's owner)",
        params: FollowUpParams,
        body: UpdateFollowUpBody,
        response: { 200: FollowUp, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      lessons.updateFollowUp(
        memberCtx(request),
        request.params.lessonId,
        request.params.followUpId,
        request.body,
      ),
  );

  app.delete(
    `${ws}/lessons/:lessonId/follow-ups/:followUpId`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'Delete a follow-up',
        params: FollowUpParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await lessons.deleteFollowUp(memberCtx(request), request.params.lessonId, request.params.followUpId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${ws}/follow-ups`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Lesson follow-ups: mine, or all the caller may see; overdue first',
        params: WorkspaceParams,
        querystring: FollowUpListQuery,
        response: { 200: Type.Array(FollowUp), ...errors(400, 401, 404) },
      },
    },
    async (request) => lessons.listFollowUps(memberCtx(request), request.query),
  );
};
