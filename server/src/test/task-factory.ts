import type { TaskState, User } from '@leeway/core';
import { newId } from '../lib/ids.ts';
import { type Harness, type TestClient, workspaceWith } from './harness.ts';

/**
 * Factories that insert areas and tasks straight into the database, so the collaboration
 * tests (comments, files, notifications, live events) do not depend on the tasks routes.
 */
export async function createArea(
  h: Harness,
  input: {
    workspaceId: string;
    ownerId: string;
    backupId?: string | null;
    memberIds?: string[];
    name?: string;
  },
): Promise<{ id: string }> {
  const id = newId();
  const now = h.clock.now().toISOString();
  await h.db.db
    .insertInto('areas')
    .values({
      id,
      workspace_id: input.workspaceId,
      name: input.name ?? 'Bookkeeping',
      description: '',
      owner_id: input.ownerId,
      backup_id: input.backupId ?? null,
      risk_class: 'medium',
      guardrails: '[]',
      max_level: 5,
      archived_at: null,
      created_at: now,
      updated_at: now,
      version: 0,
    })
    .execute();
  for (const userId of input.memberIds ?? []) {
    await h.db.db
      .insertInto('area_members')
      .values({ workspace_id: input.workspaceId, area_id: id, user_id: userId, created_at: now })
      .execute();
  }
  return { id };
}

export interface TaskInput {
  workspaceId: string;
  creatorId: string;
  areaId?: string | null;
  assigneeId?: string | null;
  title?: string;
  state?: TaskState;
  dueAt?: string | null;
}

export async function createTask(h: Harness, input: TaskInput): Promise<{ id: string; title: string }> {
  const id = newId();
  const now = h.clock.now().toISOString();
  const title = input.title ?? 'Pay the invoices';
  await h.db.db
    .insertInto('tasks')
    .values({
      id,
      workspace_id: input.workspaceId,
      title,
      description: '',
      description_html: '',
      area_id: input.areaId ?? null,
      assignee_id: input.assigneeId ?? null,
      creator_id: input.creatorId,
      state: input.state ?? 'todo',
      blocked: 0,
      blocked_reason: '',
      due_at: input.dueAt ?? null,
      due_tz: null,
      priority: 'none',
      labels: '[]',
      position: 1,
      version: 0,
      series_id: null,
      checklist_total: 0,
      checklist_done: 0,
      comment_count: 0,
      attachment_count: 0,
      due_soon_notified_at: null,
      overdue_notified_at: null,
      created_at: now,
      updated_at: now,
      completed_at: null,
      proposed: 0,
      review_requested: 0,
      review_phase: null,
      review_explanation: null,
      submitted_at: null,
      guardrails_ticked: '[]',
    })
    .execute();
  return { id, title };
}

/** The row of a task, for asserting counters and timestamps. */
export function taskRow(h: Harness, taskId: string) {
  return h.db.db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
}

type Person = TestClient & { user: User };

/**
 * The usual cast of a collaboration test: an owner; an `insider` who works in the area of the
 * task; an `outsider`, an assistant of the same workspace outside that area (who must never
 * see the task, its comments, files, events or notifications); and a stranger, owner of
 * another workspace.
 */
export async function collaborationScene(h: Harness) {
  const { workspace, owner, assistants } = await workspaceWith(h, { assistants: 2 });
  const [insider, outsider] = assistants as [Person, Person];
  const { owner: stranger, workspace: otherWorkspace } = await workspaceWith(h, { name: 'Other' });
  const area = await createArea(h, {
    workspaceId: workspace.id,
    ownerId: owner.user.id,
    memberIds: [insider.user.id],
  });
  const task = await createTask(h, {
    workspaceId: workspace.id,
    creatorId: owner.user.id,
    areaId: area.id,
    assigneeId: owner.user.id,
  });
  const base = `/api/v1/workspaces/${workspace.id}`;
  return {
    workspace,
    owner: owner as Person,
    insider,
    outsider,
    stranger: stranger as Person,
    otherWorkspace,
    area,
    task,
    base,
    taskUrl: `${base}/tasks/${task.id}`,
  };
}

/** Every row a collaboration route could write, in a stable order, to compare before and after. */
export async function collaborationSnapshot(h: Harness) {
  const { db } = h.db;
  return {
    tasks: await db.selectFrom('tasks').selectAll().orderBy('id').execute(),
    comments: await db.selectFrom('comments').selectAll().orderBy('id').execute(),
    attachments: await db.selectFrom('attachments').selectAll().orderBy('id').execute(),
    events: await db.selectFrom('task_events').selectAll().orderBy('id').execute(),
    followers: await db
      .selectFrom('task_followers')
      .selectAll()
      .orderBy('task_id')
      .orderBy('user_id')
      .execute(),
    notifications: await db.selectFrom('notifications').selectAll().orderBy('id').execute(),
    preferences: await db
      .selectFrom('notification_preferences')
      .selectAll()
      .orderBy('user_id')
      .orderBy('kind')
      .execute(),
  };
}

/** Notifications rows of one person, oldest first. */
export function notificationsOf(h: Harness, userId: string) {
  return h.db.db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Malformed ids for path parameters. */
export const BAD_IDS = ['not-a-uuid', '1234', `${'a'.repeat(36)}0`];
