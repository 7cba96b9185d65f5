import {
  AddOnboardingItemBody,
  CreateOnboardingTemplateBody,
  OnboardingItemParams,
  OnboardingPlan,
  OnboardingPlanListQuery,
  OnboardingPlanParams,
  OnboardingPlanSummary,
  OnboardingTemplateListQuery,
  OnboardingTemplateParams,
  OnboardingTemplateView,
  StartOnboardingPlanBody,
  UpdateOnboardingItemBody,
  UpdateOnboardingPlanBody,
  WorkspaceParams,
} from '@leeway/core';
import Type from 'typebox';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as onboarding from './onboarding.service.ts';

const tags = ['onboarding'];
const ws = '/api/v1/workspaces/:workspaceId';

/** Onboarding plans and templates (DESIGN §6). */
export const onboardingRoutes: RouteModule = (app) => {
  app.get(
    `${ws}/onboarding-templates`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: "The built-in template in the asked language, then the workspace's own",
        params: WorkspaceParams,
        querystring: OnboardingTemplateListQuery,
        response: { 200: Type.Array(OnboardingTemplateView), ...errors(400, 401, 404) },
      },
    },
    async (request) => onboarding.listTemplates(memberCtx(request), request.query),
  );

  app.post(
    `${ws}/onboarding-templates`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: "Save a workspace's own onboarding template",
        params: WorkspaceParams,
        body: CreateOnboardingTemplateBody,
        response: { 201: OnboardingTemplateView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await onboarding.createTemplate(memberCtx(request), request.body)),
  );

  app.delete(
    `${ws}/onboarding-templates/:templateId`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: "Delete a workspace's own template (plans started from it keep their items)",
        params: OnboardingTemplateParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await onboarding.deleteTemplate(memberCtx(request), request.params.templateId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${ws}/onboarding-plans`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'workspace',
        tags,
        summary: 'Onboarding plans, newest first (owners: all; assistants: their own)',
        params: WorkspaceParams,
        querystring: OnboardingPlanListQuery,
        response: { 200: Type.Array(OnboardingPlanSummary), ...errors(400, 401, 404) },
      },
    },
    async (request) => onboarding.listPlans(memberCtx(request), request.query),
  );

  app.post(
    `${ws}/onboarding-plans`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'workspace',
        tags,
        summary: 'Start an onboarding plan; starts onboarding support episodes in its areas',
        params: WorkspaceParams,
        body: StartOnboardingPlanBody,
        response: { 201: OnboardingPlan, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await onboarding.startPlan(memberCtx(request), request.body)),
  );

  app.get(
    `${ws}/onboarding-plans/:planId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'One plan with its charter and dated items (owners and its assistant)',
        params: OnboardingPlanParams,
        response: { 200: OnboardingPlan, ...errors(400, 401, 404) },
      },
    },
    async (request) => onboarding.getPlan(memberCtx(request), request.params.planId),
  );

  app.patch(
    `${ws}/onboarding-plans/:planId`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'Change the charter or the status (cancelling ends its onboarding episodes)',
        params: OnboardingPlanParams,
        body: UpdateOnboardingPlanBody,
        response: { 200: OnboardingPlan, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => onboarding.updatePlan(memberCtx(request), request.params.planId, request.body),
  );

  app.post(
    `${ws}/onboarding-plans/:planId/items`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'Add an item to a plan; answers the whole plan',
        params: OnboardingPlanParams,
        body: AddOnboardingItemBody,
        response: { 201: OnboardingPlan, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await onboarding.addItem(memberCtx(request), request.params.planId, request.body)),
  );

  app.patch(
    `${ws}/onboarding-plans/:planId/items/:itemId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'area',
        tags,
        summary: 'Tick or untick an item (owners and the assistant), or edit it (owners); answers the plan',
        params: OnboardingItemParams,
        body: UpdateOnboardingItemBody,
        response: { 200: OnboardingPlan, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      onboarding.updateItem(memberCtx(request), request.params.planId, request.params.itemId, request.body),
  );

  app.delete(
    `${ws}/onboarding-plans/:planId/items/:itemId`,
    {
      schema: {
        'x-access': 'owner',
        'x-rows': 'area',
        tags,
        summary: 'Remove an item from a plan',
        params: OnboardingItemParams,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await onboarding.deleteItem(memberCtx(request), request.params.planId, request.params.itemId);
      return reply.status(204).send(null);
    },
  );
};
