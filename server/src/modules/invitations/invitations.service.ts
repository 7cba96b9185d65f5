import {
  AppError,
  type CreatedInvitation,
  type Invitation,
  type InvitationPreview,
  type Role,
  type Workspace,
} from '@leeway/core';
import type { Ctx, MemberCtx, UserCtx } from '../../context.ts';
import { addMs, DAY } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { mailText } from '../../mail/mailer.ts';
import { normaliseEmail } from '../users/users.repository.ts';
import {
  findMembership,
  findWorkspaceForMember,
  insertMembership,
  lockWorkspace,
} from '../workspaces/workspaces.repository.ts';
import { toWorkspace } from '../workspaces/workspaces.service.ts';
import {
  findPendingByToken,
  findPendingInvitation,
  type InvitationRow,
  insertInvitation,
  listPendingInvitations,
  markAccepted,
  revokeInvitation as revokeRow,
} from './invitations.repository.ts';

const VALID_DAYS = 7;

function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    role: row.role,
    email: row.email,
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

const invalidToken = () =>
  new AppError(
    'token_invalid',
    'This invitation link is invalid, was used already, was revoked or has expired.',
  );

export async function listInvitations(ctx: MemberCtx): Promise<Invitation[]> {
  const now = ctx.deps.clock.now().toISOString();
  return (await listPendingInvitations(ctx.deps.db, ctx.membership.workspaceId, now)).map(toInvitation);
}

/**
 * Creates an invitation link. The token exists only in the returned URL (we keep its hash),
 * and it sits in the URL fragment so it never reaches server or proxy logs.
 */
export async function createInvitation(
  ctx: MemberCtx,
  input: { role: Role; email?: string },
): Promise<CreatedInvitation> {
  const { db, clock, config, mailer, log } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const token = newToken('invitation');
  const now = clock.now();
  const email = input.email ? normaliseEmail(input.email) : null;
  const id = newId();
  await insertInvitation(db, {
    id,
    workspace_id: workspaceId,
    token_hash: hashToken('invitation', token) as string,
    role: input.role,
    email,
    created_by: ctx.user.id,
    created_at: now.toISOString(),
    expires_at: addMs(now, VALID_DAYS * DAY).toISOString(),
  });
  const url = `${config.baseUrl}/invite#${token}`;
  let emailed = false;
  if (email) {
    const workspace = await findWorkspaceForMember(db, workspaceId, ctx.user.id);
    // We do not know the invitee's language; the inviter's is the best guess.
    const locale = ctx.user.locale;
    const vars = { inviter: ctx.user.name, workspace: workspace?.name ?? '', url, days: VALID_DAYS };
    const text = [
      mailText(locale, 'invitation.greeting'),
      '',
      mailText(locale, 'invitation.body', { ...vars, role: mailText(locale, `roles.${input.role}`) }),
      '',
      mailText(locale, 'signature'),
    ].join('\n');
    try {
      await mailer.send({ to: email, subject: mailText(locale, 'invitation.subject', vars), text });
      emailed = mailer.kind !== 'outbox';
    } catch (err) {
      // The link is still valid and shown to the owner, so a mail failure loses nothing.
      log.error({ err }, 'invitation mail failed');
    }
  }
  const row = await findPendingInvitation(db, workspaceId, id, now.toISOString());
  return { invitation: toInvitation(row!), url, emailed };
}

export async function revokeInvitation(ctx: MemberCtx, invitationId: string): Promise<void> {
  const { db, clock } = ctx.deps;
  const now = clock.now().toISOString();
  const row = await findPendingInvitation(db, ctx.membership.workspaceId, invitationId, now);
  if (!row) throw new AppError('not_found', 'Invitation not found, or it was used or revoked already.');
  await revokeRow(db, ctx.membership.workspaceId, invitationId, now);
}

async function pendingByToken(ctx: Ctx, token: string) {
  const tokenHash = hashToken('invitation', token);
  if (!tokenHash) throw invalidToken();
  const row = await findPendingByToken(ctx.deps.db, tokenHash, ctx.deps.clock.now().toISOString());
  if (!row) throw invalidToken();
  return row;
}

/** What the holder of a link sees before accepting; needs no account. */
export async function previewInvitation(ctx: Ctx, token: string): Promise<InvitationPreview> {
  const row = await pendingByToken(ctx, token);
  return {
    workspaceName: row.workspace_name,
    role: row.role,
    invitedBy: row.invited_by,
    email: row.email,
    expiresAt: row.expires_at,
  };
}

/** Joins the signed-in person to the invitation's workspace; the link is used up. */
export async function acceptInvitation(ctx: UserCtx, token: string): Promise<Workspace> {
  const { db, clock } = ctx.deps;
  const row = await pendingByToken(ctx, token);
  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    // Serialised per workspace, so one person opening two links at once joins once.
    await lockWorkspace(trx, ctx.deps.dialect, row.workspace_id);
    if (await findMembership(trx, row.workspace_id, ctx.user.id)) {
      throw new AppError('already_member', 'You are a member of this workspace already.');
    }
    if (!(await markAccepted(trx, row.id, ctx.user.id, now))) throw invalidToken();
    await insertMembership(trx, {
      workspace_id: row.workspace_id,
      user_id: ctx.user.id,
      role: row.role,
      created_at: now,
    });
  });
  return toWorkspace((await findWorkspaceForMember(db, row.workspace_id, ctx.user.id))!);
}
