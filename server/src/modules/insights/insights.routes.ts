import { Insights, InsightsQuery, InsightTrend, InsightTrendQuery, WorkspaceParams } from '@leeway/core';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as insights from './insights.service.ts';

const tags = ['insights'];
const ws = '/api/v1/workspaces/:workspaceId';

/**
 * The micromanagement index (DESIGN §10). Any member reaches the routes, but the service
 * answers 404 to assistants: the index is for principals, never a ranking of assistants.
 */
export const insightRoutes: RouteModule = (app) => {
  app.get(
    `${ws}/insights`,
    {
      schema: {
        'x-access': 'member',
        tags,
        summary:
          'The micromanagement index of every principal × assistant pair (last 30 days); principals only',
        params: WorkspaceParams,
        querystring: InsightsQuery,
        response: { 200: Insights, ...errors(400, 401, 404) },
      },
    },
    async (request) => insights.getInsights(memberCtx(request), request.query),
  );

  app.get(
    `${ws}/insights/trend`,
    {
      schema: {
        'x-access': 'member',
        tags,
        summary: "One pair's index week by week over six months; principals only",
        params: WorkspaceParams,
        querystring: InsightTrendQuery,
        response: { 200: InsightTrend, ...errors(400, 401, 404) },
      },
    },
    async (request) => insights.getTrend(memberCtx(request), request.query),
  );
};
