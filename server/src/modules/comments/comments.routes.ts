import { Comment, CommentBody, CommentParams, TaskParams } from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as comments from './comments.service.ts';

const tags = ['comments'];

export const commentRoutes: RouteModule = (app) => {
  app.get(
    '/api/v1/workspaces/:workspaceId/tasks/:taskId/comments',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: "A task's comments, oldest first",
        params: TaskParams,
        response: { 200: Type.Array(Comment), ...errors(400, 401, 404) },
      },
    },
    async (request) => comments.listComments(memberCtx(request), request.params.taskId),
  );

  app.post(
    '/api/v1/workspaces/:workspaceId/tasks/:taskId/comments',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Comment on a task (Markdown; mention with @[Name](user:<id>))',
        params: TaskParams,
        body: CommentBody,
        response: { 201: Comment, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await comments.addComment(memberCtx(request), request.params.taskId, request.body)),
  );

  app.patch(
    '/api/v1/workspaces/:workspaceId/tasks/:taskId/comments/:commentId',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Edit my comment',
        params: CommentParams,
        body: CommentBody,
        response: { 200: Comment, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      comments.editComment(memberCtx(request), request.params.taskId, request.params.commentId, request.body),
  );

  app.delete(
    '/api/v1/workspaces/:workspaceId/tasks/:taskId/comments/:commentId',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Delete a comment (its author, or an owner of the workspace)',
        params: CommentParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await comments.deleteComment(memberCtx(request), request.params.taskId, request.params.commentId);
      return reply.status(204).send(null);
    },
  );
};
