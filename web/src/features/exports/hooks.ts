import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { dropWorkspace } from '../workspaces/hooks.ts';
import { forgetWorkspace } from '../workspaces/last-workspace.ts';

/**
 * Downloads are plain links: the browser sends the session cookie and saves the answer under
 * the server's file name (`Content-Disposition: attachment`), with no JSON held in the page.
 */
export const myExportUrl = '/api/v1/me/export';

export function workspaceExportUrl(workspaceId: string): string {
  return `/api/v1/workspaces/${seg(workspaceId)}/export`;
}

/** Deletes a workspace for good; the caller types its name, which the server checks again. */
export function useDeleteWorkspace(workspaceId: string) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (confirmName: string) =>
      api.delete<void>(`/workspaces/${seg(workspaceId)}`, { body: { confirmName } }),
    onSuccess: () => forgetWorkspace(workspaceId),
  });
  // Dropped after navigating away, so the workspace's pages never refetch into a 404.
  return { ...mutation, dropCache: () => dropWorkspace(queryClient, workspaceId) };
}
