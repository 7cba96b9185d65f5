import {
  AnswerQuestionBody,
  AskQuestionBody,
  EditQuestionBody,
  Question,
  QuestionListQuery,
  QuestionParams,
  ReopenQuestionBody,
  WorkspaceParams,
} from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as questions from './questions.service.ts';

const tags = ['questions'];
const ws = '/api/v1/workspaces/:workspaceId';

/** Questions asked on a task or in general (DESIGN §7). */
export const questionRoutes: RouteModule = (app) => {
  app.get(
    `${ws}/questions`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Questions the caller may see: open first (oldest first), then answered (newest first)',
        params: WorkspaceParams,
        querystring: QuestionListQuery,
        response: { 200: Type.Array(Question), ...errors(400, 401, 404) },
      },
    },
    async (request) => questions.listQuestions(memberCtx(request), request.query),
  );

  app.post(
    `${ws}/questions`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Ask a question, in general or on a task (which is then blocked on the answer)',
        params: WorkspaceParams,
        body: AskQuestionBody,
        response: { 201: Question, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await questions.askQuestion(memberCtx(request), request.body)),
  );

  app.get(
    `${ws}/questions/:questionId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'One question',
        params: QuestionParams,
        response: { 200: Question, ...errors(400, 401, 404) },
      },
    },
    async (request) => questions.getQuestion(memberCtx(request), request.params.questionId),
  );

  app.patch(
    `${ws}/questions/:questionId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Edit an open question (its asker), on the version seen',
        params: QuestionParams,
        body: EditQuestionBody,
        response: { 200: Question, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => questions.editQuestion(memberCtx(request), request.params.questionId, request.body),
  );

  app.delete(
    `${ws}/questions/:questionId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Delete a question (its asker or an owner); a task it blocked is released',
        params: QuestionParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await questions.deleteQuestion(memberCtx(request), request.params.questionId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${ws}/questions/:questionId/answer`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Answer a question or mark it answered; unblocks its task when nothing else waits',
        params: QuestionParams,
        body: AnswerQuestionBody,
        response: { 200: Question, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => questions.answerQuestion(memberCtx(request), request.params.questionId, request.body),
  );

  app.post(
    `${ws}/questions/:questionId/reopen`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Reopen an answered question (its asker or an owner); blocks its task again',
        params: QuestionParams,
        body: ReopenQuestionBody,
        response: { 200: Question, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => questions.reopenQuestion(memberCtx(request), request.params.questionId, request.body),
  );
};
