import type { Insights, InsightTrend } from '@leeway/core';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, seg } from '../../lib/api.ts';
import { insightKeys } from './queries.ts';

const base = (workspaceId: string) => `/workspaces/${seg(workspaceId)}/insights`;

/** A 404 is the server's answer to an assistant (the index is for principals): not worth retrying. */
function retryUnlessNotFound(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && (error.code === 'not_found' || error.code === 'forbidden')) return false;
  return failures < 2;
}

/** The index for every principal × assistant pair of the workspace (principals only). */
export function useInsights(workspaceId: string, enabled = true) {
  return useQuery({
    queryKey: insightKeys.index(workspaceId),
    queryFn: ({ signal }) => api.get<Insights>(base(workspaceId), { signal }),
    enabled,
    retry: retryUnlessNotFound,
  });
}

/** 26 weeks of the index and each signal for one pair. */
export function useInsightTrend(
  workspaceId: string,
  pair: { principalId: string; assistantId: string } | null,
) {
  const params = new URLSearchParams({
    principalId: pair?.principalId ?? '',
    assistantId: pair?.assistantId ?? '',
  });
  return useQuery({
    queryKey: insightKeys.trend(workspaceId, pair?.principalId ?? '', pair?.assistantId ?? ''),
    queryFn: ({ signal }) =>
      api.get<InsightTrend>(`${base(workspaceId)}/trend?${params.toString()}`, { signal }),
    enabled: pair !== null,
    retry: retryUnlessNotFound,
  });
}
