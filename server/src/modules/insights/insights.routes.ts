import {
  InsightDigest,
  InsightDigestList,
  InsightDigestParams,
  Insights,
  InsightsQuery,
  InsightTrend,
  InsightTrendQuery,
  WorkspaceParams,
} from '@leeway/core';
import { errors, memberCtx, type RouteModule } from '../../http.ts';
import * as digests from './insights.digest.ts';
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
        'x-rows': 'principal',
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
        'x-rows': 'principal',
        tags,
        summary: "One pair's index week by week over six months; principals only",
        params: WorkspaceParams,
        querystring: InsightTrendQuery,
        response: { 200: InsightTrend, ...errors(400, 401, 404) },
      },
    },
    async (request) => insights.getTrend(memberCtx(request), request.query),
  );

  // The weekly digest (issue 7): each principal reads only their own; anyone else gets 404.
  app.get(
    `${ws}/insights/digests`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'principal',
        tags,
        summary: 'My last eight weekly insights digests, newest first; principals only',
        params: WorkspaceParams,
        response: { 200: InsightDigestList, ...errors(400, 401, 404) },
      },
    },
    async (request) => digests.listDigests(memberCtx(request)),
  );

  app.get(
    `${ws}/insights/digests/:digestId`,
    {
      schema: {
        'x-access': 'member',
        'x-rows': 'principal',
        tags,
        summary: 'One of my weekly insights digests; principals only',
        params: InsightDigestParams,
        response: { 200: InsightDigest, ...errors(400, 401, 404) },
      },
    },
    async (request) => digests.getDigest(memberCtx(request), request.params.digestId),
  );
};
