import { AppError, type Member, type Role, type Workspace, wouldLeaveNoOwner } from '@leeway/core';
import type { MemberCtx, UserCtx } from '../../context.ts';
import { membershipChanged } from '../../events/bus.ts';
import { newId } from '../../lib/ids.ts';
import { revokeInvitationsBy } from '../invitations/invitations.repository.ts';
import {
  countOwners,
  deleteMembership,
  findMember,
  findWorkspaceForMember,
  insertMembership,
  insertWorkspace,
  listMembers as listMemberRows,
  listWorkspacesOfUser,
  lockWorkspace,
  type MemberRow,
  renameWorkspace,
  updateMemberRole,
  type WorkspaceWithRole,
} from './workspaces.repository.ts';

export function toWorkspace(row: WorkspaceWithRole): Workspace {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at };
}

function toMember(row: MemberRow): Member {
  return { userId: row.user_id, name: row.name, email: row.email, role: row.role, joinedAt: row.created_at };
}

export async function listMyWorkspaces(ctx: UserCtx): Promise<Workspace[]> {
  return (await listWorkspacesOfUser(ctx.deps.db, ctx.user.id)).map(toWorkspace);
}

/** Anyone signed in may start a workspace; they become its first owner. */
export async function createWorkspace(ctx: UserCtx, input: { name: string }): Promise<Workspace> {
  const { db, clock } = ctx.deps;
  const id = newId();
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await insertWorkspace(trx, { id, name: input.name.trim(), created_at: now, updated_at: now });
    await insertMembership(trx, { workspace_id: id, user_id: ctx.user.id, role: 'owner', created_at: now });
  });
  return { id, name: input.name.trim(), role: 'owner', createdAt: now };
}

export async function getWorkspace(ctx: MemberCtx): Promise<Workspace> {
  const row = await findWorkspaceForMember(ctx.deps.db, ctx.membership.workspaceId, ctx.user.id);
  if (!row) throw new AppError('not_found', 'Workspace not found.');
  return toWorkspace(row);
}

export async function updateWorkspace(ctx: MemberCtx, input: { name: string }): Promise<Workspace> {
  await renameWorkspace(
    ctx.deps.db,
    ctx.membership.workspaceId,
    input.name.trim(),
    ctx.deps.clock.now().toISOString(),
  );
  return getWorkspace(ctx);
}

export async function listMembers(ctx: MemberCtx): Promise<Member[]> {
  return (await listMemberRows(ctx.deps.db, ctx.membership.workspaceId)).map(toMember);
}

const memberNotFound = () => new AppError('not_found', 'This person is not a member of the workspace.');
const lastOwner = () =>
  new AppError('last_owner', 'A workspace needs at least one owner. Make someone else an owner first.');

/** Changes a member's role; the last owner cannot be demoted. */
export async function changeMemberRole(ctx: MemberCtx, userId: string, role: Role): Promise<Member> {
  const { db, dialect } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const member = await db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, dialect, workspaceId);
    const target = await findMember(trx, workspaceId, userId);
    if (!target) throw memberNotFound();
    if (wouldLeaveNoOwner(await countOwners(trx, workspaceId), target, role)) throw lastOwner();
    await updateMemberRole(trx, workspaceId, userId, role);
    // Only owners invite: a former owner's links must not keep letting people in.
    if (target.role === 'owner' && role !== 'owner') {
      await revokeInvitationsBy(trx, workspaceId, userId, ctx.deps.clock.now().toISOString());
    }
    return toMember({ ...target, role });
  });
  // A demoted owner's open live stream must stop showing tasks they can no longer see.
  ctx.deps.events.publish(membershipChanged(workspaceId, userId));
  return member;
}

/**
 * Removes a member (an owner's action, or anyone leaving). Their pending invitations in the
 * workspace die with the membership, so a removed person's links stop working at once.
 */
export async function removeMember(ctx: MemberCtx, userId: string): Promise<void> {
  const { db, dialect, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  await db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, dialect, workspaceId);
    const target = await findMember(trx, workspaceId, userId);
    if (!target) throw memberNotFound();
    if (wouldLeaveNoOwner(await countOwners(trx, workspaceId), target, null)) throw lastOwner();
    await deleteMembership(trx, workspaceId, userId);
    await revokeInvitationsBy(trx, workspaceId, userId, clock.now().toISOString());
  });
  // After commit: their open live streams see the membership gone and end at once.
  ctx.deps.events.publish(membershipChanged(workspaceId, userId));
}

export function leaveWorkspace(ctx: MemberCtx): Promise<void> {
  return removeMember(ctx, ctx.user.id);
}
