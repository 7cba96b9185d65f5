import {
  AcknowledgeSopBody,
  CreateSopBody,
  Id,
  PublishSopBody,
  SaveSopDraftBody,
  SopDetail,
  SopDiff,
  SopListQuery,
  SopParams,
  SopSummary,
  SopVersionView,
  Task,
  UpdateSopBody,
  UseSopBody,
  WorkspaceParams,
} from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as sops from './sops.service.ts';

const tags = ['sops'];
const ws = '/api/v1/workspaces/:workspaceId';
const TaskParams = Type.Object({ workspaceId: Id, taskId: Id });
/**
 * Version numbers arrive as URL text and the app coerces nothing, so the routes take them as
 * digit strings (the contract's integer `SopVersionParams`/`SopDiffQuery` would refuse every
 * request) and turn them into numbers here.
 */
const VersionNumber = Type.String({ pattern: '^[1-9][0-9]{0,8}$', description: 'A version number.' });
const VersionParams = Type.Object({ workspaceId: Id, sopId: Id, number: VersionNumber });
const DiffQuery = Type.Object({ from: VersionNumber, to: VersionNumber });

/** The SOP library (DESIGN §6): versions, drafts, publication, acknowledgements, diffs. */
export const sopRoutes: RouteModule = (app) => {
  app.get(
    `${ws}/sops`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'The SOP library: the SOPs of the areas the caller sees',
        params: WorkspaceParams,
        querystring: SopListQuery,
        response: { 200: Type.Array(SopSummary), ...errors(400, 401, 404) },
      },
    },
    async (request) => sops.listSops(memberCtx(request), request.query),
  );

  app.post(
    `${ws}/sops`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Propose an SOP: it starts as a draft; editors of the area publish it',
        params: WorkspaceParams,
        body: CreateSopBody,
        response: { 201: SopDetail, ...errors(400, 401, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await sops.createSop(memberCtx(request), request.body)),
  );

  app.get(
    `${ws}/sops/:sopId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'One SOP: current version, draft, versions, acknowledgements, open follow-ups',
        params: SopParams,
        response: { 200: SopDetail, ...errors(400, 401, 404) },
      },
    },
    async (request) => sops.getSop(memberCtx(request), request.params.sopId),
  );

  app.patch(
    `${ws}/sops/:sopId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: "Change an SOP's settings: owner, area, review interval, retired (editors)",
        params: SopParams,
        body: UpdateSopBody,
        response: { 200: SopDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => sops.updateSop(memberCtx(request), request.params.sopId, request.body),
  );

  app.delete(
    `${ws}/sops/:sopId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Delete an SOP that was never published (editors or its author)',
        params: SopParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await sops.deleteSop(memberCtx(request), request.params.sopId);
      return reply.status(204).send(null);
    },
  );

  app.put(
    `${ws}/sops/:sopId/draft`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Write the draft: start one, or change it when draftVersion still matches',
        params: SopParams,
        body: SaveSopDraftBody,
        response: { 200: SopDetail, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => sops.saveDraft(memberCtx(request), request.params.sopId, request.body),
  );

  app.delete(
    `${ws}/sops/:sopId/draft`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Discard the draft of a published SOP (editors or its author)',
        params: SopParams,
        response: { 200: SopDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => sops.discardDraft(memberCtx(request), request.params.sopId),
  );

  app.post(
    `${ws}/sops/:sopId/publish`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Publish the draft as the next version (owners and level 5 in the area)',
        params: SopParams,
        body: PublishSopBody,
        response: { 200: SopDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => sops.publishSop(memberCtx(request), request.params.sopId, request.body),
  );

  app.get(
    `${ws}/sops/:sopId/versions/:number`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'One published version of an SOP',
        params: VersionParams,
        response: { 200: SopVersionView, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      sops.getSopVersion(memberCtx(request), request.params.sopId, Number(request.params.number)),
  );

  app.get(
    `${ws}/sops/:sopId/diff`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Two published versions side by side, step by step and word by word',
        params: SopParams,
        querystring: DiffQuery,
        response: { 200: SopDiff, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      sops.diffSop(memberCtx(request), request.params.sopId, {
        from: Number(request.query.from),
        to: Number(request.query.to),
      }),
  );

  app.post(
    `${ws}/sops/:sopId/acknowledge`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Acknowledge the current version (it must be the one named)',
        params: SopParams,
        body: AcknowledgeSopBody,
        response: { 200: SopDetail, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => sops.acknowledgeSop(memberCtx(request), request.params.sopId, request.body),
  );

  app.put(
    `${ws}/tasks/:taskId/sop`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: "Make a task follow an SOP: the current version's steps join its checklist, pinned",
        params: TaskParams,
        body: UseSopBody,
        response: { 200: Task, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) => sops.useSopOnTask(memberCtx(request), request.params.taskId, request.body),
  );
};
