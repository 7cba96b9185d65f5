import Type, { type Static } from 'typebox';
import { limits } from '../limits.ts';
import { Email, Id, RoleSchema, Timestamp } from './common.ts';

const WorkspaceName = Type.String({ minLength: 1, maxLength: limits.workspaceNameMax, pattern: '\\S' });

/** A workspace as seen by one member: their own role travels with it. */
export const Workspace = Type.Object(
  {
    id: Id,
    name: Type.String(),
    role: RoleSchema,
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Workspace = Static<typeof Workspace>;

export const CreateWorkspaceBody = Type.Object({ name: WorkspaceName });
export type CreateWorkspaceBody = Static<typeof CreateWorkspaceBody>;
export const UpdateWorkspaceBody = Type.Object({ name: WorkspaceName });
export type UpdateWorkspaceBody = Static<typeof UpdateWorkspaceBody>;

export const Member = Type.Object(
  {
    userId: Id,
    name: Type.String(),
    email: Type.String(),
    role: RoleSchema,
    joinedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Member = Static<typeof Member>;

export const MemberParams = Type.Object({ workspaceId: Id, userId: Id });
export const UpdateMemberBody = Type.Object({ role: RoleSchema });
export type UpdateMemberBody = Static<typeof UpdateMemberBody>;

export const Invitation = Type.Object(
  {
    id: Id,
    role: RoleSchema,
    email: Type.Union([Type.String(), Type.Null()]),
    invitedBy: Type.String({ description: 'Name of the member who created it.' }),
    createdAt: Timestamp,
    expiresAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Invitation = Static<typeof Invitation>;

export const CreateInvitationBody = Type.Object({
  role: RoleSchema,
  email: Type.Optional(Email),
});
export type CreateInvitationBody = Static<typeof CreateInvitationBody>;

/** Returned once, when the invitation is created: the link holds the only copy of the token. */
export const CreatedInvitation = Type.Object(
  {
    invitation: Invitation,
    url: Type.String(),
    emailed: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type CreatedInvitation = Static<typeof CreatedInvitation>;

export const InvitationParams = Type.Object({ workspaceId: Id, invitationId: Id });

export const InvitationTokenBody = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) });
export type InvitationTokenBody = Static<typeof InvitationTokenBody>;

/** What someone holding an invitation link may learn before accepting. */
export const InvitationPreview = Type.Object(
  {
    workspaceName: Type.String(),
    role: RoleSchema,
    invitedBy: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    expiresAt: Timestamp,
  },
  { additionalProperties: false },
);
export type InvitationPreview = Static<typeof InvitationPreview>;
