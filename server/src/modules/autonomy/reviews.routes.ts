import {
  DecideReviewBody,
  DeclineTaskBody,
  RequestReviewBody,
  ReviewQueueItem,
  ReviewRecord,
  SubmitTaskBody,
  Task,
  TaskParams,
  WorkspaceParams,
} from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as reviews from './reviews.service.ts';

const tags = ['reviews'];
const task = '/api/v1/workspaces/:workspaceId/tasks/:taskId';

export const reviewRoutes: RouteModule = (app) => {
  app.post(
    `${task}/submit`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'The assignee hands in a result; the level decides review or done, and why',
        params: TaskParams,
        body: SubmitTaskBody,
        response: { 200: Task, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => reviews.submitTask(memberCtx(request), request.params.taskId, request.body),
  );

  app.post(
    `${task}/request-review`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'Mark a task "review this one" (or take the mark back)',
        params: TaskParams,
        body: RequestReviewBody,
        response: { 200: Task, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => reviews.requestReview(memberCtx(request), request.params.taskId, request.body),
  );

  app.get(
    '/api/v1/workspaces/:workspaceId/reviews',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'The review queue: results the caller may decide, oldest first, with why each is there',
        params: WorkspaceParams,
        response: { 200: Type.Array(ReviewQueueItem), ...errors(400, 401, 404) },
      },
    },
    async (request) => reviews.reviewQueue(memberCtx(request)),
  );

  app.post(
    `${task}/review`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Accept a result or request changes (tagged defect/preference, with a note)',
        params: TaskParams,
        body: DecideReviewBody,
        response: { 200: Task, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => reviews.decideTaskReview(memberCtx(request), request.params.taskId, request.body),
  );

  app.get(
    `${task}/reviews`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Every review decision on a task, oldest first',
        params: TaskParams,
        response: { 200: Type.Array(ReviewRecord), ...errors(400, 401, 404) },
      },
    },
    async (request) => reviews.taskReviews(memberCtx(request), request.params.taskId),
  );

  app.post(
    `${task}/approve`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'Approve a proposed task',
        params: TaskParams,
        response: { 200: Task, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => reviews.approveTask(memberCtx(request), request.params.taskId),
  );

  app.post(
    `${task}/decline`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'Decline a proposed task, saying why; it is cancelled',
        params: TaskParams,
        body: DeclineTaskBody,
        response: { 200: Task, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => reviews.declineTask(memberCtx(request), request.params.taskId, request.body),
  );
};
