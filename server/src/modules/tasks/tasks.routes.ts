import {
  AddChecklistItemBody,
  ChecklistItem,
  ChecklistItemParams,
  CreateTaskBody,
  MoveTaskBody,
  ReorderChecklistBody,
  Task,
  TaskEvent,
  TaskListQuery,
  TaskPage,
  TaskParams,
  UpdateChecklistItemBody,
  UpdateTaskBody,
  WorkspaceParams,
} from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as checklist from './checklist.service.ts';
import * as tasks from './tasks.service.ts';

const tags = ['tasks'];
const base = '/api/v1/workspaces/:workspaceId/tasks';

export const taskRoutes: RouteModule = (app) => {
  app.get(
    base,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Tasks I may see: filtered, sorted, searched, a page at a time',
        description:
          'Filters: `state` (comma list), `areaId` (or `inbox`), `assigneeId` (or `me`, `none`), `label`, ' +
          '`dueFrom`/`dueTo`, `overdue`, `blocked`; `q` searches title, description and comments. ' +
          'Pass `nextCursor` back as `cursor` for the next page.',
        params: WorkspaceParams,
        querystring: TaskListQuery,
        response: { 200: TaskPage, ...errors(400, 401, 404) },
      },
    },
    async (request) => tasks.listTasks(memberCtx(request), request.query),
  );

  app.post(
    base,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: "Create a task (in an area it goes to the area's owner unless assigneeId says otherwise)",
        params: WorkspaceParams,
        body: CreateTaskBody,
        response: { 201: Task, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await tasks.createTask(memberCtx(request), request.body)),
  );

  app.get(
    `${base}/:taskId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'One task with its checklist',
        params: TaskParams,
        response: { 200: Task, ...errors(400, 401, 404) },
      },
    },
    async (request) => tasks.getTask(memberCtx(request), request.params.taskId),
  );

  app.patch(
    `${base}/:taskId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Edit a task; a stale version answers 409 with the current task',
        params: TaskParams,
        body: UpdateTaskBody,
        response: { 200: Task, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => tasks.updateTask(memberCtx(request), request.params.taskId, request.body),
  );

  app.post(
    `${base}/:taskId/move`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Board drag and drop: into a column, right below another card (null: at the top)',
        params: TaskParams,
        body: MoveTaskBody,
        response: { 200: Task, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => tasks.moveTask(memberCtx(request), request.params.taskId, request.body),
  );

  app.delete(
    `${base}/:taskId`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'Delete a task with everything on it',
        params: TaskParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await tasks.deleteTask(memberCtx(request), request.params.taskId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${base}/:taskId/checklist`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags: ['checklist'],
        summary: 'Add a checklist item at the bottom',
        params: TaskParams,
        body: AddChecklistItemBody,
        response: { 201: ChecklistItem, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await checklist.addChecklistItem(memberCtx(request), request.params.taskId, request.body)),
  );

  app.post(
    `${base}/:taskId/checklist/reorder`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags: ['checklist'],
        summary: "Reorder the checklist: itemIds lists every one of the task's items once",
        params: TaskParams,
        body: ReorderChecklistBody,
        response: { 200: Type.Array(ChecklistItem), ...errors(400, 401, 404) },
      },
    },
    async (request) => checklist.reorderChecklist(memberCtx(request), request.params.taskId, request.body),
  );

  app.patch(
    `${base}/:taskId/checklist/:itemId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags: ['checklist'],
        summary: 'Edit or tick a checklist item',
        params: ChecklistItemParams,
        body: UpdateChecklistItemBody,
        response: { 200: ChecklistItem, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      checklist.updateChecklistItem(
        memberCtx(request),
        request.params.taskId,
        request.params.itemId,
        request.body,
      ),
  );

  app.delete(
    `${base}/:taskId/checklist/:itemId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags: ['checklist'],
        summary: 'Remove a checklist item',
        params: ChecklistItemParams,
        response: { 204: Type.Null(), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await checklist.deleteChecklistItem(memberCtx(request), request.params.taskId, request.params.itemId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${base}/:taskId/history`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: "A task's history, oldest first: who changed what, when",
        params: TaskParams,
        response: { 200: Type.Array(TaskEvent), ...errors(400, 401, 404) },
      },
    },
    async (request) => tasks.taskHistory(memberCtx(request), request.params.taskId),
  );

  app.put(
    `${base}/:taskId/follow`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Follow a task: hear about its comments',
        params: TaskParams,
        response: { 204: Type.Null(), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await tasks.setFollowing(memberCtx(request), request.params.taskId, true);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    `${base}/:taskId/follow`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Stop following a task',
        params: TaskParams,
        response: { 204: Type.Null(), ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await tasks.setFollowing(memberCtx(request), request.params.taskId, false);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/workspaces/:workspaceId/labels',
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Labels in use on the tasks I may see',
        params: WorkspaceParams,
        response: { 200: Type.Array(Type.String()), ...errors(400, 401, 404) },
      },
    },
    async (request) => tasks.listLabels(memberCtx(request)),
  );
};
