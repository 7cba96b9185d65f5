import { AppError, type Comment } from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { MemberCtx } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { transaction } from '../../db/write-behind.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { newId } from '../../lib/ids.ts';
import { mentionedIds, plainExcerpt, renderMarkdown } from '../../lib/markdown.ts';
import { notifyActivityToPrincipals } from '../autonomy/autonomy.notify.ts';
import { notify } from '../notifications/notifications.service.ts';
import { follow, followerIds } from '../tasks/followers.repository.ts';
import { recordTaskEvent } from '../tasks/history.repository.ts';
import { liveFacts, requireVisibleTask, usersWhoSee } from '../tasks/visibility.ts';
import {
  type CommentRow,
  deleteComment as deleteRow,
  findComment,
  insertComment,
  listComments as listRows,
  memberNames,
  touchTaskComments,
  updateComment,
} from './comments.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

function toComment(row: CommentRow): Comment {
  return {
    id: row.id,
    taskId: row.task_id,
    authorId: row.author_id,
    authorName: row.author_name ?? '',
    body: row.body,
    bodyHtml: row.body_html,
    mentions: JSON.parse(row.mentions) as string[],
    createdAt: row.created_at,
    editedAt: row.edited_at,
  };
}

const commentNotFound = () => new AppError('not_found', 'Comment not found.');

/** The task, when the caller may see it; otherwise the same 404 as a task that does not exist. */

/** Markdown → stored HTML and the mentioned members (mentions of non-members are dropped). */
async function render(db: Q, workspaceId: string, body: string) {
  const names = await memberNames(db, workspaceId);
  return {
    bodyHtml: renderMarkdown(body, names),
    mentions: mentionedIds(body).filter((id) => names.has(id)),
  };
}

export async function listComments(ctx: MemberCtx, taskId: string): Promise<Comment[]> {
  const { db } = ctx.deps;
  const task = await requireVisibleTask(db, ctx, taskId);
  return (await listRows(db, ctx.membership.workspaceId, task.id)).map(toComment);
}

/**
 * Adds a comment: the author starts following the task; mentioned members who can see the
 * task hear `mentioned`, the other followers who can see it hear `commented`. A mentioned
 * person who cannot see the task hears nothing — the comment still succeeds, so its author
 * learns nothing about who can see what.
 */
export async function addComment(ctx: MemberCtx, taskId: string, input: { body: string }): Promise<Comment> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const id = newId();
  const at = clock.now().toISOString();
  const row = await transaction(db, async (trx) => {
    const task = await requireVisibleTask(trx, ctx, taskId);
    const { bodyHtml, mentions } = await render(trx, workspaceId, input.body);
    await insertComment(trx, {
      id,
      workspace_id: workspaceId,
      task_id: task.id,
      author_id: ctx.user.id,
      body: input.body,
      body_html: bodyHtml,
      mentions: JSON.stringify(mentions),
      created_at: at,
      edited_at: null,
    });
    await follow(trx, workspaceId, task.id, ctx.user.id, at);
    await touchTaskComments(trx, workspaceId, task.id, 1, at);
    await recordTaskEvent(trx, {
      workspaceId,
      taskId: task.id,
      actorId: ctx.user.id,
      kind: 'commented',
      data: { commentId: id },
      at,
    });

    const excerpt = plainExcerpt(input.body);
    const mentioned = await usersWhoSee(trx, task, mentions);
    const told = await notify(trx, ctx.deps, {
      workspaceId,
      kind: 'mentioned',
      recipientIds: mentioned,
      taskId: task.id,
      actorId: ctx.user.id,
      excerpt,
    });
    const followers = (await followerIds(trx, workspaceId, task.id)).filter((u) => !mentioned.includes(u));
    told.push(
      ...(await notify(trx, ctx.deps, {
        workspaceId,
        kind: 'commented',
        recipientIds: await usersWhoSee(trx, task, followers),
        taskId: task.id,
        actorId: ctx.user.id,
        excerpt,
      })),
    );
    after.notified(workspaceId, told);
    // The ladder's principals hear of an assistant's comment as the level says (at once at L1),
    // unless the rules above already reached them.
    await notifyActivityToPrincipals(trx, ctx.deps, after, task, ctx.user.id, {
      kind: 'commented',
      excerpt,
      alreadyConsidered: [...mentioned, ...followers],
    });
    after.publish({
      workspaceId,
      event: { type: 'comment.created', taskId: task.id },
      task: liveFacts(task),
    });
    return findComment(trx, workspaceId, task.id, id);
  });
  after.flush(ctx.deps);
  if (!row) throw commentNotFound();
  return toComment(row);
}

/** Only the author edits a comment; members mentioned for the first time are told. */
export async function editComment(
  ctx: MemberCtx,
  taskId: string,
  commentId: string,
  input: { body: string },
): Promise<Comment> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const at = clock.now().toISOString();
  const row = await transaction(db, async (trx) => {
    const task = await requireVisibleTask(trx, ctx, taskId);
    const existing = await findComment(trx, workspaceId, task.id, commentId);
    if (!existing) throw commentNotFound();
    if (existing.author_id !== ctx.user.id) {
      throw new AppError('forbidden', 'Only the author can edit a comment.');
    }
    const { bodyHtml, mentions } = await render(trx, workspaceId, input.body);
    await updateComment(trx, workspaceId, commentId, {
      body: input.body,
      body_html: bodyHtml,
      mentions: JSON.stringify(mentions),
      edited_at: at,
    });
    await touchTaskComments(trx, workspaceId, task.id, 0, at);
    await recordTaskEvent(trx, {
      workspaceId,
      taskId: task.id,
      actorId: ctx.user.id,
      kind: 'comment_edited',
      data: { commentId },
      at,
    });
    const before = new Set(JSON.parse(existing.mentions) as string[]);
    const told = await notify(trx, ctx.deps, {
      workspaceId,
      kind: 'mentioned',
      recipientIds: await usersWhoSee(
        trx,
        task,
        mentions.filter((u) => !before.has(u)),
      ),
      taskId: task.id,
      actorId: ctx.user.id,
      excerpt: plainExcerpt(input.body),
    });
    after.notified(workspaceId, told);
    after.publish({
      workspaceId,
      event: { type: 'comment.updated', taskId: task.id },
      task: liveFacts(task),
    });
    return findComment(trx, workspaceId, task.id, commentId);
  });
  after.flush(ctx.deps);
  if (!row) throw commentNotFound();
  return toComment(row);
}

/** The author or a workspace owner deletes a comment. */
export async function deleteComment(ctx: MemberCtx, taskId: string, commentId: string): Promise<void> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const at = clock.now().toISOString();
  await transaction(db, async (trx) => {
    const task = await requireVisibleTask(trx, ctx, taskId);
    const existing = await findComment(trx, workspaceId, task.id, commentId);
    if (!existing) throw commentNotFound();
    if (existing.author_id !== ctx.user.id && ctx.membership.role !== 'owner') {
      throw new AppError('forbidden', 'Only the author or an owner of the workspace can delete a comment.');
    }
    if (!(await deleteRow(trx, workspaceId, commentId))) throw commentNotFound();
    await touchTaskComments(trx, workspaceId, task.id, -1, at);
    await recordTaskEvent(trx, {
      workspaceId,
      taskId: task.id,
      actorId: ctx.user.id,
      kind: 'comment_deleted',
      data: { commentId },
      at,
    });
    after.publish({
      workspaceId,
      event: { type: 'comment.deleted', taskId: task.id },
      task: liveFacts(task),
    });
  });
  after.flush(ctx.deps);
}
