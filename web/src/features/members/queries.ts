import { workspaceKeys } from '../workspaces/queries.ts';

/** Query keys of the members feature, nested under their workspace so leaving it drops them. */
export const memberKeys = {
  list: (workspaceId: string) => [...workspaceKeys.all, workspaceId, 'members'] as const,
};

export const invitationKeys = {
  list: (workspaceId: string) => [...workspaceKeys.all, workspaceId, 'invitations'] as const,
  preview: (token: string) => ['invitation-preview', token] as const,
};
