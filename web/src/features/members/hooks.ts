import type { CreatedInvitation, Invitation, InvitationPreview, Member, Role, Workspace } from '@leeway/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../../lib/api.ts';
import { keepOnUserChange } from '../auth/session.ts';
import { dropWorkspace } from '../workspaces/hooks.ts';
import { forgetWorkspace } from '../workspaces/last-workspace.ts';
import { workspaceKeys } from '../workspaces/queries.ts';
import { invitationKeys, memberKeys } from './queries.ts';

const base = (workspaceId: string) => `/workspaces/${seg(workspaceId)}`;

export function useMembers(workspaceId: string) {
  return useQuery({
    queryKey: memberKeys.list(workspaceId),
    queryFn: ({ signal }) => api.get<Member[]>(`${base(workspaceId)}/members`, { signal }),
  });
}

export function useUpdateMemberRole(workspaceId: string, currentUserId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      api.patch<Member>(`${base(workspaceId)}/members/${seg(userId)}`, { role }),
    onSuccess: (member) => {
      queryClient.setQueryData<Member[]>(memberKeys.list(workspaceId), (list) =>
        list?.map((m) => (m.userId === member.userId ? member : m)),
      );
      // Changing one's own role changes what this person may see and do here.
      if (member.userId === currentUserId)
        void queryClient.invalidateQueries({ queryKey: workspaceKeys.all });
    },
  });
}

export function useRemoveMember(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete(`${base(workspaceId)}/members/${seg(userId)}`),
    onSuccess: (_data, userId) => {
      queryClient.setQueryData<Member[]>(memberKeys.list(workspaceId), (list) =>
        list?.filter((m) => m.userId !== userId),
      );
    },
  });
}

/**
 * Leaving: the caller navigates away first and then calls `dropCache`, so the workspace page
 * doesn't refetch its (now forbidden) data on the way out.
 */
export function useLeaveWorkspace(workspaceId: string) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => api.post<void>(`${base(workspaceId)}/leave`),
    onSuccess: () => forgetWorkspace(workspaceId),
  });
  return { ...mutation, dropCache: () => dropWorkspace(queryClient, workspaceId) };
}

export function useInvitations(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: invitationKeys.list(workspaceId),
    queryFn: ({ signal }) => api.get<Invitation[]>(`${base(workspaceId)}/invitations`, { signal }),
    enabled,
  });
}

export function useCreateInvitation(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { role: Role; email?: string }) =>
      api.post<CreatedInvitation>(`${base(workspaceId)}/invitations`, body),
    onSuccess: (created) => {
      queryClient.setQueryData<Invitation[]>(invitationKeys.list(workspaceId), (list) =>
        list ? [created.invitation, ...list.filter((i) => i.id !== created.invitation.id)] : list,
      );
      void queryClient.invalidateQueries({ queryKey: invitationKeys.list(workspaceId) });
    },
  });
}

export function useRevokeInvitation(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api.delete(`${base(workspaceId)}/invitations/${seg(invitationId)}`),
    onSuccess: (_data, invitationId) => {
      queryClient.setQueryData<Invitation[]>(invitationKeys.list(workspaceId), (list) =>
        list?.filter((i) => i.id !== invitationId),
      );
    },
  });
}

/** What an invitation link offers, readable without an account. */
export function useInvitationPreview(token: string | null) {
  return useQuery({
    queryKey: invitationKeys.preview(token ?? ''),
    queryFn: () => api.post<InvitationPreview>('/invitations/preview', { token }),
    enabled: token !== null,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    meta: { [keepOnUserChange]: true },
  });
}

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => api.post<Workspace>('/invitations/accept', { token }),
    onSuccess: (workspace) => {
      queryClient.setQueryData(workspaceKeys.detail(workspace.id), workspace);
      void queryClient.invalidateQueries({ queryKey: workspaceKeys.list() });
    },
  });
}
