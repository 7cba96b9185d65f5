import type { InsightDigest, InsightDigestList } from '@leeway/core';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, seg } from '../../lib/api.ts';
import { digestKeys } from './digest-queries.ts';

const base = (workspaceId: string) => `/workspaces/${seg(workspaceId)}/insights/digests`;

/** A 404 (not mine, not a principal) or a 400 (a mangled link) will not change on retry. */
function retryUnlessFinal(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && ['not_found', 'forbidden', 'validation_failed'].includes(error.code))
    return false;
  return failures < 2;
}

/** One of my weekly digests (principals only). */
export function useInsightDigest(workspaceId: string, digestId: string | null) {
  return useQuery({
    queryKey: digestKeys.one(workspaceId, digestId ?? ''),
    queryFn: ({ signal }) =>
      api.get<InsightDigest>(`${base(workspaceId)}/${seg(digestId ?? '')}`, { signal }),
    enabled: digestId !== null,
    retry: retryUnlessFinal,
    // A digest never changes once written.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** My last eight weekly digests, newest first. */
export function useInsightDigests(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: digestKeys.list(workspaceId),
    queryFn: ({ signal }) => api.get<InsightDigestList>(base(workspaceId), { signal }),
    enabled,
    retry: retryUnlessFinal,
  });
}
