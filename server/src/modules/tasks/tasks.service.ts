import {
  AppError,
  type CreateTaskBody,
  canonicalTimeZone,
  canReview,
  createsProposedTask,
  type FieldIssue,
  type LiveEventType,
  type MoveTaskBody,
  type Priority,
  type Recurrence,
  type ReviewRouting,
  type Task,
  type TaskEvent,
  type TaskListQuery,
  type TaskPage,
  type TaskState,
  type TaskSummary,
  taskLimits,
  type UpdateTaskBody,
} from '@leeway/core';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Deps, MemberCtx } from '../../context.ts';
import { fromDbBool } from '../../db/database.ts';
import type { Database, TasksTable } from '../../db/schema.ts';
import { ahead, together, transaction, writeBehind } from '../../db/write-behind.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { newId } from '../../lib/ids.ts';
import { plainExcerpt, renderMarkdown } from '../../lib/markdown.ts';
import { type AreaRow, findArea, memberIdsAmong } from '../areas/areas.repository.ts';
import { notifyActivityToPrincipals } from '../autonomy/autonomy.notify.ts';
import { parseJson } from '../autonomy/autonomy.repository.ts';
import { levelOf } from '../autonomy/autonomy.service.ts';
import {
  afterSubmission,
  routeSubmission,
  type SubmissionRouting,
  submissionPatch,
} from '../autonomy/submission.ts';
import { findVisibleMission } from '../goals/goals.repository.ts';
import { notify, notifyBehind } from '../notifications/notifications.service.ts';
import { onTaskCompleted, recurrenceOf, setRecurrence } from '../recurrence/recurrence.service.ts';
import {
  checkSopStepsBeforeSubmit,
  type PinnedSop,
  resolveSopForTask,
  sopChecklistRows,
  taskSopView,
} from '../sops/sops.pin.ts';
import { templateFields } from '../templates/templates.service.ts';
import { insertChecklistItems, listChecklistRows, toChecklistItem } from './checklist.repository.ts';
import { follow, isFollowing, unfollow } from './followers.repository.ts';
import { recordTaskEvent } from './history.repository.ts';
import {
  anyOwnerOf,
  deleteTaskRow,
  EndOfColumn,
  endOfColumn,
  findVisibleTaskRow,
  insertTaskAtEndOfColumn,
  type Keyset,
  keysetOf,
  listTaskEvents,
  listTaskRows,
  lockMoves,
  nextInColumn,
  POSITION_STEP,
  parseStringArray,
  positionOf,
  renumberColumn,
  replaceTaskLabels,
  type Slot,
  seriesCreator,
  type TaskFilter,
  type TaskOrder,
  type TaskPatch,
  type TaskRow,
  updateTaskColumns,
  updateTaskColumnsReturning,
  updateTaskIfVersion,
  visibleLabels,
} from './tasks.repository.ts';
import { taskNotFound, viewerOf } from './visibility.ts';

type Q = Kysely<Database> | Transaction<Database>;

function invalid(field: string, message: string): AppError {
  const fields: FieldIssue[] = [{ field, message }];
  return new AppError('validation_failed', `Invalid body: ${field} ${message}`, { fields });
}

// ---------------------------------------------------------------------------------------------
// Shapes

export function toSummary(row: TaskRow): TaskSummary {
  return {
    id: row.id,
    title: row.title,
    areaId: row.area_id,
    assigneeId: row.assignee_id,
    creatorId: row.creator_id,
    state: row.state,
    blocked: fromDbBool(row.blocked),
    dueAt: row.due_at,
    priority: row.priority,
    labels: parseStringArray(row.labels),
    position: row.position,
    version: row.version,
    checklistDone: row.checklist_done,
    checklistTotal: row.checklist_total,
    commentCount: row.comment_count,
    attachmentCount: row.attachment_count,
    recurring: row.series_id !== null,
    proposed: fromDbBool(row.proposed),
    missionId: row.mission_id ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  };
}

/** The full task as the API shows it to `userId`: checklist, whether they follow it, recurrence. */
export async function toTask(
  db: Q,
  row: TaskRow,
  userId: string,
  /** What the caller knows already (a task it just created), to spare the queries. */
  known: { checklistEmpty?: boolean; following?: boolean } = {},
): Promise<Task> {
  const [checklist, following, recurrence, sop] = await Promise.all([
    // The row counts its checklist (kept by every checklist write): none, nothing to read.
    (known.checklistEmpty ?? row.checklist_total === 0)
      ? []
      : listChecklistRows(db, row.workspace_id, row.id),
    known.following ?? isFollowing(db, row.workspace_id, row.id, userId),
    recurrenceOf(db, row.series_id),
    taskSopView(db, row),
  ]);
  return {
    ...toSummary(row),
    description: row.description,
    descriptionHtml: row.description_html,
    blockedReason: row.blocked_reason,
    dueTimeZone: row.due_tz,
    recurrence,
    seriesId: row.series_id,
    checklist: checklist.map(toChecklistItem),
    following,
    reviewRequested: fromDbBool(row.review_requested),
    // Stored by submit (`submission.ts`) as core's routing result: why it went to review or done.
    routing: parseJson<ReviewRouting | null>(row.review_explanation, null),
    sop,
  };
}

/**
 * A written task with the caller's following flag for `toTask`, read as the transaction's last
 * statement: behind its writes (one round trip with them on PostgreSQL, db/write-behind.ts)
 * rather than in a round trip of its own after the commit.
 */
export async function withFollowing(
  trx: Transaction<Database>,
  row: TaskRow,
  userId: string,
): Promise<{ row: TaskRow; following: boolean }> {
  return { row, following: await isFollowing(trx, row.workspace_id, row.id, userId) };
}

/** Who may see a task: what the live stream checks against each subscriber. */
function factsOf(row: Pick<TaskRow, 'area_id' | 'assignee_id' | 'creator_id'>) {
  return { areaId: row.area_id, assigneeId: row.assignee_id, creatorId: row.creator_id };
}

/**
 * Queues a task event for after commit. When the task changed hands or area, a second
 * message carries the old facts, so a viewer who just lost sight of it still learns it left.
 */
export function publishTaskEvent(
  after: AfterCommit,
  type: LiveEventType,
  row: TaskRow,
  before?: Pick<TaskRow, 'area_id' | 'assignee_id' | 'creator_id'>,
): void {
  const event = { type, taskId: row.id, version: row.version };
  after.publish({ workspaceId: row.workspace_id, event, task: factsOf(row) });
  if (before && (before.area_id !== row.area_id || before.assignee_id !== row.assignee_id)) {
    after.publish({ workspaceId: row.workspace_id, event, task: factsOf(before) });
  }
}

// ---------------------------------------------------------------------------------------------
// Input normalisation

/** Labels: trimmed, each once, in the order given. */
function cleanLabels(labels: readonly string[]): string[] {
  return [...new Set(labels.map((l) => l.trim()).filter((l) => l.length > 0))];
}

/** Due dates are stored as ISO UTC strings, so both databases compare and sort them alike. */
function normaliseInstant(at: string | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}

function zoneOrThrow(zone: string | null): string | null {
  if (zone === null) return null;
  const canonical = canonicalTimeZone(zone);
  if (!canonical) throw invalid('dueTimeZone', 'is not a known time zone');
  return canonical;
}

/** An area a task may be put into: one of this workspace, not archived. */
async function openAreaOrThrow(trx: Q, workspaceId: string, areaId: string, field: string): Promise<AreaRow> {
  const area = await findArea(trx, workspaceId, areaId);
  if (!area) throw invalid(field, 'is not an area of this workspace');
  if (area.archived_at !== null) throw invalid(field, 'is archived and takes no new tasks');
  return area;
}

async function memberOrThrow(trx: Q, workspaceId: string, userId: string, field: string): Promise<void> {
  if (!(await memberIdsAmong(trx, workspaceId, [userId])).has(userId)) {
    throw invalid(field, 'is not a member of this workspace');
  }
}

/** A new task in an area goes to the area's owner, or the backup when the owner has left. */
async function defaultAssignee(trx: Q, area: AreaRow | null): Promise<string | null> {
  if (!area) return null;
  const candidates = [area.owner_id, ...(area.backup_id ? [area.backup_id] : [])];
  const members = await memberIdsAmong(trx, area.workspace_id, candidates);
  return candidates.find((id) => members.has(id)) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Creating

/** The columns an assistant reaches only through a submission (DESIGN §4 review loop). */
const closedStates: readonly TaskState[] = ['review', 'done'];

export interface NewTaskInput {
  workspaceId: string;
  actorId: string | null;
  title: string;
  description: string;
  areaId: string | null;
  assigneeId: string | null;
  state: TaskState;
  dueAt: string | null;
  dueTimeZone: string | null;
  priority: Priority;
  labels: string[];
  checklist: string[];
  seriesId: string | null;
}

/**
 * Inserts a task with everything that comes with it, in the caller's transaction: its place
 * at the bottom of its column, labels, checklist and counters, the `created` history entry,
 * creator and assignee as followers, the assignee's notification (not when they assigned
 * themselves) and `task.created` queued on `after`. The caller checked the ids it passes
 * (area open and of this workspace, assignee a member). Used by the tasks API and by the
 * recurrence engine for a series' next instance; such a copy (no actor) is credited to the
 * creator of the series' previous instance, so whoever could see the series sees the copy.
 */
export async function insertTaskInTx(
  trx: Transaction<Database>,
  deps: Deps,
  after: AfterCommit,
  input: {
    workspaceId: string;
    actorId: string | null;
    title: string;
    description: string;
    areaId: string | null;
    assigneeId: string | null;
    state: TaskState;
    dueAt: string | null;
    dueTimeZone: string | null;
    priority: Priority;
    labels: string[];
    checklist: string[];
    seriesId: string | null;
    /** A proposal a principal approves (DESIGN §5); the caller decided it with core's rule. */
    proposed?: boolean;
    /** An SOP the caller resolved: its steps join the checklist after `checklist`, pinned. */
    sop?: PinnedSop;
    /** A mission the caller checked (visible, of this workspace). */
    missionId?: string | null;
  },
): Promise<Selectable<TasksTable>> {
  const { workspaceId } = input;
  const now = deps.clock.now().toISOString();
  const creatorId =
    input.actorId ??
    (input.seriesId ? await seriesCreator(trx, workspaceId, input.seriesId) : undefined) ??
    input.assigneeId ??
    (await anyOwnerOf(trx, workspaceId));
  if (!creatorId) throw new Error(`workspace ${workspaceId} has no owner to credit a task to`);
  const labels = cleanLabels(input.labels);
  const checklist = input.checklist.map((t) => t.trim()).filter((t) => t.length > 0);
  const sopSteps = input.sop?.steps.length ?? 0;
  const fields: Omit<TaskRow, 'position'> = {
    id: newId(),
    workspace_id: workspaceId,
    title: input.title.trim(),
    description: input.description,
    description_html: renderMarkdown(input.description),
    area_id: input.areaId,
    assignee_id: input.assigneeId,
    creator_id: creatorId,
    state: input.state,
    blocked: 0,
    blocked_reason: '',
    due_at: normaliseInstant(input.dueAt),
    due_tz: input.dueAt === null ? null : input.dueTimeZone,
    priority: input.priority,
    labels: JSON.stringify(labels),
    version: 0,
    series_id: input.seriesId,
    checklist_total: checklist.length + sopSteps,
    checklist_done: 0,
    comment_count: 0,
    attachment_count: 0,
    due_soon_notified_at: null,
    overdue_notified_at: null,
    created_at: now,
    updated_at: now,
    completed_at: input.state === 'done' ? now : null,
    proposed: input.proposed ? 1 : 0,
    review_requested: 0,
    review_phase: null,
    review_explanation: null,
    submitted_at: null,
    guardrails_ticked: '[]',
    blocked_since: null,
    sop_id: input.sop?.sop.id ?? null,
    sop_version: input.sop?.versionNumber ?? null,
    mission_id: input.missionId ?? null,
  };
  // The bottom of its column, found by the insert itself; the writes below go out behind it
  // (db/write-behind.ts) and the position is awaited once they are on their way.
  const position = ahead(trx, (q) => insertTaskAtEndOfColumn(q, fields));
  // A new task has no label rows to replace.
  if (labels.length > 0) await replaceTaskLabels(trx, workspaceId, fields.id, labels);
  await insertChecklistItems(
    trx,
    checklist.map((text, index) => ({
      id: newId(),
      workspace_id: workspaceId,
      task_id: fields.id,
      text,
      done: 0,
      position: (index + 1) * POSITION_STEP,
      created_at: now,
      sop_step: null,
      checkpoint: 0,
    })),
  );
  if (input.sop) {
    const last = checklist.length * POSITION_STEP;
    await insertChecklistItems(
      trx,
      sopChecklistRows(input.sop, { workspaceId, taskId: fields.id }, last, POSITION_STEP, now),
    );
  }
  await recordTaskEvent(trx, {
    workspaceId,
    taskId: fields.id,
    actorId: input.actorId,
    kind: 'created',
    data: { title: fields.title, ...(input.seriesId ? { seriesId: input.seriesId } : {}) },
    at: now,
  });
  const followers = fields.assignee_id ? [creatorId, fields.assignee_id] : [creatorId];
  await writeBehind(trx, (q) => follow(q, workspaceId, fields.id, followers, now));
  if (fields.assignee_id) {
    await notifyBehind(trx, deps, after, {
      workspaceId,
      kind: 'assigned',
      recipientIds: [fields.assignee_id],
      taskId: fields.id,
      actorId: input.actorId,
      excerpt: plainExcerpt(fields.description),
    });
  }
  const row: TaskRow = { ...fields, position: await position };
  publishTaskEvent(after, 'task.created', row);
  return row;
}

/**
 * Creates a task. Anyone in the workspace may, in any open area or the inbox; a template
 * supplies defaults that the body's own fields override. A task in an area goes to the
 * area's owner unless `assigneeId` says otherwise (null: nobody).
 */
export async function createTask(ctx: MemberCtx, input: CreateTaskBody): Promise<Task> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const row = await transaction(db, async (trx) => {
    let template: Awaited<ReturnType<typeof templateFields>>;
    if (input.templateId !== undefined) {
      template = await templateFields(trx, await viewerOf(ctx, trx), workspaceId, input.templateId);
      // One the caller may not see answers exactly like one that does not exist.
      if (!template) throw invalid('templateId', 'is not a template here');
    }
    let areaId = input.areaId !== undefined ? input.areaId : (template?.areaId ?? null);
    // DESIGN §9: a task for a mission the caller can see; without an area it takes the mission's.
    let missionId: string | null = null;
    if (input.missionId !== undefined) {
      const mission = await findVisibleMission(trx, await viewerOf(ctx, trx), workspaceId, input.missionId);
      if (!mission) throw invalid('missionId', 'is not a mission you can see');
      missionId = mission.id;
      if (areaId === null) areaId = mission.area_id;
      else if (mission.area_id !== null && mission.area_id !== areaId) {
        throw invalid('missionId', "is in another area than the task's");
      }
    }
    // Following an SOP: it must be published, visible and of the task's area; a task without
    // an area takes the SOP's.
    const sop =
      input.sopId !== undefined
        ? await resolveSopForTask(
            trx,
            { workspaceId, userId: ctx.user.id, role: ctx.membership.role },
            input.sopId,
            areaId,
          )
        : undefined;
    if (sop && areaId === null) areaId = sop.sop.area_id;
    const areaField = input.areaId !== undefined ? 'areaId' : missionId !== null ? 'missionId' : 'templateId';
    const chosenArea = areaId;
    const chosenAssignee = input.assigneeId;
    // Independent checks, side by side (one round trip on PostgreSQL); the area's error first.
    const [area] = await together(
      trx,
      (q) => (chosenArea ? openAreaOrThrow(q, workspaceId, chosenArea, areaField) : Promise.resolve(null)),
      (q) =>
        chosenAssignee ? memberOrThrow(q, workspaceId, chosenAssignee, 'assigneeId') : Promise.resolve(),
    );
    const assigneeId = chosenAssignee !== undefined ? chosenAssignee : await defaultAssignee(trx, area);
    const dueAt = input.dueAt ?? null;
    const dueTimeZone =
      input.dueTimeZone !== undefined && input.dueTimeZone !== null
        ? zoneOrThrow(input.dueTimeZone)
        : dueAt
          ? ctx.user.timeZone
          : null;
    const requestedState = input.state ?? 'todo';
    const submitsOnCreate = ctx.membership.role === 'assistant' && closedStates.includes(requestedState);
    // DESIGN §5: an assistant below L3 in the area proposes the task; a principal approves it.
    const proposed =
      area !== null &&
      createsProposedTask(
        ctx.membership.role,
        await levelOf(trx, ctx.deps, workspaceId, ctx.user.id, ctx.membership.role, area.id),
      ).proposed;
    let task = await insertTaskInTx(trx, ctx.deps, after, {
      workspaceId,
      actorId: ctx.user.id,
      proposed,
      title: input.title,
      description: input.description ?? template?.description ?? '',
      areaId: area?.id ?? null,
      assigneeId,
      // An assistant's task created in review or done is a submission: it starts in doing and
      // the level decides below, as it would on the board.
      state: submitsOnCreate ? 'doing' : requestedState,
      dueAt,
      dueTimeZone,
      priority: input.priority ?? template?.priority ?? 'none',
      labels: input.labels ?? template?.labels ?? [],
      checklist: input.checklist ?? template?.checklist ?? [],
      seriesId: null,
      missionId,
      ...(sop ? { sop } : {}),
    });
    if (input.recurrence) {
      const seriesId = await setRecurrence(trx, ctx.deps, task, input.recurrence);
      if (seriesId !== task.series_id) {
        await updateTaskColumns(trx, workspaceId, task.id, { series_id: seriesId });
        task = { ...task, series_id: seriesId };
      }
    }
    if (submitsOnCreate) {
      await checkSopStepsBeforeSubmit(trx, ctx.deps, task, {
        userId: ctx.user.id,
        role: ctx.membership.role,
      });
      const now = ctx.deps.clock.now().toISOString();
      const routed = await routeSubmission(trx, ctx.deps, task, task.assignee_id ?? ctx.user.id, []);
      const submitted = await updateTaskColumnsReturning(
        trx,
        workspaceId,
        task.id,
        submissionPatch(routed, [], now),
      );
      if (!submitted) throw new Error(`task ${task.id} vanished while it was created`);
      task = submitted;
      await afterSubmission(trx, ctx.deps, after, task, ctx.user.id, routed, '', now);
    } else if (task.state === 'done') await onTaskCompleted(trx, ctx.deps, after, task);
    return task;
  });
  after.flush(ctx.deps);
  // The creator follows the task they created (insertTaskInTx); a task without checklist
  // input or SOP has no items. Creating is the hottest write, so those reads are spared.
  const noItems = (input.checklist ?? []).length === 0 && input.templateId === undefined && !input.sopId;
  return toTask(db, row, ctx.user.id, { checklistEmpty: noItems, following: row.creator_id === ctx.user.id });
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function getTask(ctx: MemberCtx, taskId: string): Promise<Task> {
  const { db } = ctx.deps;
  const row = await findVisibleTaskRow(db, await viewerOf(ctx), ctx.membership.workspaceId, taskId);
  if (!row) throw taskNotFound();
  return toTask(db, row, ctx.user.id);
}

interface CursorData {
  s: string;
  o: string;
  v: string | number;
  id: string;
}

function encodeCursor(order: TaskOrder, keyset: Keyset): string {
  const data: CursorData = { s: order.field, o: order.direction, v: keyset.value, id: keyset.id };
  return Buffer.from(JSON.stringify(data), 'utf8').toString('base64url');
}

/** Cursors are opaque to clients; one from another sort, or a forged one, is a client error. */
function decodeCursor(text: string, order: TaskOrder): Keyset {
  const bad = () =>
    new AppError('validation_failed', 'Invalid querystring: cursor is not valid for this list', {
      fields: [{ field: 'cursor', message: 'is not valid for this list; start again without it' }],
    });
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!data || typeof data !== 'object') throw bad();
  const { s, o, v, id } = data as Partial<CursorData>;
  const valueOk =
    (typeof v === 'number' && Number.isFinite(v)) ||
    (typeof v === 'string' && v.length <= taskLimits.titleMax);
  if (s !== order.field || o !== order.direction || !valueOk || typeof id !== 'string') throw bad();
  if (!/^[0-9a-fA-F-]{36}$/.test(id)) throw bad();
  if (order.field === 'due' || order.field === 'updated' || order.field === 'created') {
    if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) throw bad();
  }
  if ((order.field === 'position' || order.field === 'priority') && typeof v !== 'number') throw bad();
  if (order.field === 'title' && typeof v !== 'string') throw bad();
  return { value: v as string | number, id };
}

const defaultDirection: Record<TaskOrder['field'], TaskOrder['direction']> = {
  position: 'asc',
  due: 'asc',
  priority: 'desc',
  updated: 'desc',
  created: 'desc',
  title: 'asc',
};

/**
 * The list and board: the tasks the caller may see, filtered, sorted by an allowlisted
 * field, a page at a time (keyset pagination, so pages neither skip nor repeat rows when
 * tasks are added meanwhile).
 */
export async function listTasks(ctx: MemberCtx, query: TaskListQuery): Promise<TaskPage> {
  const { db, clock } = ctx.deps;
  const limit = query.limit !== undefined ? Number(query.limit) : taskLimits.pageDefault;
  if (limit > taskLimits.pageMax) {
    throw new AppError(
      'validation_failed',
      `Invalid querystring: limit must be at most ${taskLimits.pageMax}`,
      {
        fields: [{ field: 'limit', message: `must be at most ${taskLimits.pageMax}` }],
      },
    );
  }
  const field = query.sort ?? 'position';
  const order: TaskOrder = { field, direction: query.order ?? defaultDirection[field] };
  const filter: TaskFilter = { now: clock.now().toISOString() };
  if (query.state) filter.states = [...new Set(query.state.split(','))] as TaskState[];
  if (query.areaId !== undefined) filter.areaId = query.areaId === 'inbox' ? null : query.areaId;
  if (query.assigneeId !== undefined) {
    filter.assigneeId =
      query.assigneeId === 'none' ? null : query.assigneeId === 'me' ? ctx.user.id : query.assigneeId;
  }
  if (query.label !== undefined) filter.label = query.label.trim();
  if (query.dueFrom !== undefined) filter.dueFrom = new Date(query.dueFrom).toISOString();
  if (query.dueTo !== undefined) filter.dueTo = new Date(query.dueTo).toISOString();
  if (query.overdue !== undefined) filter.overdue = query.overdue === 'true';
  if (query.blocked !== undefined) filter.blocked = query.blocked === 'true';
  if (query.q !== undefined && query.q.trim() !== '') filter.q = query.q.trim();
  if (query.missionId !== undefined) filter.missionId = query.missionId;
  const cursor = query.cursor !== undefined ? decodeCursor(query.cursor, order) : null;

  const viewer = await viewerOf(ctx);
  const rows = await listTaskRows(db, viewer, ctx.membership.workspaceId, filter, order, cursor, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > limit && last ? encodeCursor(order, keysetOf(last, order)) : null,
  };
}

/** The labels in use on the tasks the caller may see (for filters and autocomplete). */
export async function listLabels(ctx: MemberCtx): Promise<string[]> {
  return visibleLabels(ctx.deps.db, await viewerOf(ctx), ctx.membership.workspaceId);
}

/** A task's history, oldest first, with the actors' current names. */
export async function taskHistory(ctx: MemberCtx, taskId: string): Promise<TaskEvent[]> {
  const { db } = ctx.deps;
  const task = await findVisibleTaskRow(db, await viewerOf(ctx), ctx.membership.workspaceId, taskId);
  if (!task) throw taskNotFound();
  return listTaskEvents(db, ctx.membership.workspaceId, taskId);
}

// ---------------------------------------------------------------------------------------------
// Editing

/** Thrown inside a transaction when the row's version moved on; turned into 409 after rollback. */
class StaleVersion extends Error {}

async function conflict(ctx: MemberCtx, taskId: string): Promise<AppError> {
  const { db } = ctx.deps;
  const current = await findVisibleTaskRow(db, await viewerOf(ctx), ctx.membership.workspaceId, taskId);
  if (!current) return taskNotFound();
  return new AppError(
    'conflict',
    'Someone else changed this task in the meantime. Review their change and try again.',
    {
      current: await toTask(db, current, ctx.user.id),
    },
  );
}

type Change = { from: unknown; to: unknown };

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameRecurrence(a: Recurrence | null, b: Recurrence | null): boolean {
  if (a === null || b === null) return a === b;
  return a.rule === b.rule && a.mode === b.mode && a.timeZone === b.timeZone;
}

/**
 * The review loop guards every way a task changes column (DESIGN §4). Out of review to done:
 * only a reviewer (an owner, or an assistant at L5 in the area who is not the assignee). An
 * assistant moving a task into review or done submits it: the level decides which of the two
 * it becomes, as `submit` would. Returns the routing when the move is a submission.
 */
async function loopGuard(
  trx: Transaction<Database>,
  ctx: MemberCtx,
  current: TaskRow,
  target: TaskState,
): Promise<SubmissionRouting | null> {
  if (target === current.state) return null;
  if (current.state === 'review' && target === 'done') {
    const level = await levelOf(
      trx,
      ctx.deps,
      ctx.membership.workspaceId,
      ctx.user.id,
      ctx.membership.role,
      current.area_id,
    );
    const reviewer = canReview({
      role: ctx.membership.role,
      effectiveLevel: level,
      reviewerId: ctx.user.id,
      assigneeId: current.assignee_id,
    });
    // Owners close their own tasks as they like: they are not on the ladder.
    if (!reviewer && !(ctx.membership.role === 'owner' && current.assignee_id === ctx.user.id)) {
      throw new AppError(
        'forbidden',
        'Only a reviewer can move a task out of review to done; the review decides it.',
      );
    }
    return null;
  }
  if (
    ctx.membership.role === 'assistant' &&
    closedStates.includes(target) &&
    !closedStates.includes(current.state)
  ) {
    // Through the board nobody ticks guardrails; `submit` is the way to say one was touched.
    return routeSubmission(trx, ctx.deps, current, current.assignee_id ?? ctx.user.id, []);
  }
  return null;
}

/**
 * The excerpt of a principal's notice about an assistant's state or blocked-flag change: the
 * blocked reason when there is one (the person's own words; what changed is in the history).
 */
function activityExcerpt(task: TaskRow): string {
  return task.blocked ? plainExcerpt(task.blocked_reason) : '';
}

/**
 * Edits a task the caller may see. The edit names the version it was based on: a stale one
 * changes nothing and answers `conflict` with the current task. Every changed field lands in
 * the history; a new assignee is told; done sets `completedAt` (and may start the next
 * instance of a recurring task), leaving done clears it.
 */
export async function updateTask(ctx: MemberCtx, taskId: string, input: UpdateTaskBody): Promise<Task> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const actorId = ctx.user.id;
  const after = new AfterCommit();
  try {
    const { row, following } = await transaction(db, async (trx) => {
      const viewer = await viewerOf(ctx, trx);
      const current = await findVisibleTaskRow(trx, viewer, workspaceId, taskId);
      if (!current) throw taskNotFound();
      if (current.version !== input.version) throw new StaleVersion();
      const now = clock.now().toISOString();
      const patch: TaskPatch = {};
      const changes: Record<string, Change> = {};

      if (input.title !== undefined && input.title.trim() !== current.title) {
        patch.title = input.title.trim();
        changes.title = { from: current.title, to: patch.title };
      }
      if (input.description !== undefined && input.description !== current.description) {
        patch.description = input.description;
        patch.description_html = renderMarkdown(input.description);
        changes.description = { from: current.description, to: input.description };
      }
      if (input.areaId !== undefined && input.areaId !== current.area_id) {
        if (input.areaId !== null) await openAreaOrThrow(trx, workspaceId, input.areaId, 'areaId');
        patch.area_id = input.areaId;
        changes.areaId = { from: current.area_id, to: input.areaId };
      }
      if (input.assigneeId !== undefined && input.assigneeId !== current.assignee_id) {
        if (input.assigneeId !== null) await memberOrThrow(trx, workspaceId, input.assigneeId, 'assigneeId');
        patch.assignee_id = input.assigneeId;
        changes.assigneeId = { from: current.assignee_id, to: input.assigneeId };
      }
      const submission = input.state !== undefined ? await loopGuard(trx, ctx, current, input.state) : null;
      if (submission) {
        Object.assign(patch, submissionPatch(submission, [], now));
        changes.state = { from: current.state, to: submission.state };
      } else if (input.state !== undefined && input.state !== current.state) {
        patch.state = input.state;
        // A card changing column through the editor goes to the bottom of its new column.
        patch.position = new EndOfColumn(input.state);
        patch.completed_at = input.state === 'done' ? now : null;
        changes.state = { from: current.state, to: input.state };
      }
      const blocked = input.blocked ?? fromDbBool(current.blocked);
      if (blocked !== fromDbBool(current.blocked)) {
        patch.blocked = blocked ? 1 : 0;
        // When it became blocked, for "blocked over 24 hours" on agendas; only on a flip.
        patch.blocked_since = blocked ? now : null;
        changes.blocked = { from: !blocked, to: blocked };
      }
      const reason = blocked ? (input.blockedReason?.trim() ?? current.blocked_reason) : '';
      if (reason !== current.blocked_reason) {
        patch.blocked_reason = reason;
        changes.blockedReason = { from: current.blocked_reason, to: reason };
      }
      const dueAt = input.dueAt !== undefined ? normaliseInstant(input.dueAt) : current.due_at;
      if (dueAt !== current.due_at) {
        patch.due_at = dueAt;
        // Reminders start afresh for a new due date.
        patch.due_soon_notified_at = null;
        patch.overdue_notified_at = null;
        changes.dueAt = { from: current.due_at, to: dueAt };
      }
      // A due date set without a zone is read in the editor's zone.
      let dueTz =
        input.dueTimeZone !== undefined
          ? zoneOrThrow(input.dueTimeZone)
          : (current.due_tz ?? (changes.dueAt ? ctx.user.timeZone : null));
      if (dueAt === null) dueTz = null;
      if (dueTz !== current.due_tz) {
        patch.due_tz = dueTz;
        changes.dueTimeZone = { from: current.due_tz, to: dueTz };
      }
      if (input.priority !== undefined && input.priority !== current.priority) {
        patch.priority = input.priority;
        changes.priority = { from: current.priority, to: input.priority };
      }
      const oldLabels = parseStringArray(current.labels);
      const labels = input.labels !== undefined ? cleanLabels(input.labels) : oldLabels;
      if (!sameJson(labels, oldLabels)) {
        patch.labels = JSON.stringify(labels);
        changes.labels = { from: oldLabels, to: labels };
      }
      let recurrenceChange: { to: Recurrence | null } | null = null;
      if (input.recurrence !== undefined) {
        const before = await recurrenceOf(trx, current.series_id);
        if (!sameRecurrence(before, input.recurrence)) {
          recurrenceChange = { to: input.recurrence };
          changes.recurrence = { from: before, to: input.recurrence };
        }
      }

      if (Object.keys(changes).length === 0) return withFollowing(trx, current, actorId);
      patch.updated_at = now;
      let updated = await updateTaskIfVersion(trx, workspaceId, taskId, input.version, patch);
      if (!updated) throw new StaleVersion();

      if (changes.labels) await replaceTaskLabels(trx, workspaceId, taskId, labels);
      if (recurrenceChange) {
        const seriesId = await setRecurrence(trx, ctx.deps, updated, recurrenceChange.to);
        if (seriesId !== updated.series_id) {
          await updateTaskColumns(trx, workspaceId, taskId, { series_id: seriesId });
          updated = { ...updated, series_id: seriesId };
        }
      }
      await recordTaskEvent(trx, {
        workspaceId,
        taskId,
        actorId,
        kind: 'updated',
        data: { changes },
        at: now,
      });
      if (changes.assigneeId && updated.assignee_id) {
        await follow(trx, workspaceId, taskId, updated.assignee_id, now);
        const told = await notify(trx, ctx.deps, {
          workspaceId,
          kind: 'assigned',
          recipientIds: [updated.assignee_id],
          taskId,
          actorId,
          excerpt: plainExcerpt(updated.description),
        });
        after.notified(workspaceId, told);
      }
      if (submission) await afterSubmission(trx, ctx.deps, after, updated, actorId, submission, '', now);
      else if (changes.state && updated.state === 'done')
        await onTaskCompleted(trx, ctx.deps, after, updated);
      if (!submission && (changes.state || changes.blocked)) {
        await notifyActivityToPrincipals(trx, ctx.deps, after, updated, actorId, {
          kind: 'assistant_activity',
          excerpt: activityExcerpt(updated),
        });
      }
      publishTaskEvent(after, 'task.updated', updated, current);
      return withFollowing(trx, updated, actorId);
    });
    after.flush(ctx.deps);
    return toTask(db, row, actorId, { following });
  } catch (err) {
    if (err instanceof StaleVersion) throw await conflict(ctx, taskId);
    throw err;
  }
}

/** Below this gap between neighbours the column is laid out afresh. */
const MIN_GAP = 1e-6;

/**
 * The position for a card dropped right below `after` (at the top when null): halfway to the
 * next card. When the gap has become too small, the column is renumbered (order kept) first.
 */
async function dropPosition(
  trx: Transaction<Database>,
  workspaceId: string,
  state: TaskState,
  after: Slot | null,
  movingId: string,
): Promise<number> {
  let anchor = after;
  for (let attempt = 0; attempt < 2; attempt++) {
    const next = await nextInColumn(trx, workspaceId, state, anchor, movingId);
    if (!anchor) return next ? next.position - POSITION_STEP : POSITION_STEP;
    if (!next) return anchor.position + POSITION_STEP;
    const mid = (anchor.position + next.position) / 2;
    if (next.position - anchor.position > MIN_GAP && mid > anchor.position && mid < next.position) return mid;
    await renumberColumn(trx, workspaceId, state, movingId);
    const position = await positionOf(trx, workspaceId, anchor.id);
    if (position === undefined) break;
    anchor = { id: anchor.id, position };
  }
  throw new Error('could not find a position in the column');
}

/**
 * Board drag and drop: puts a task into a column, right below another card of that column
 * (or at the top). The order persists; versions guard against moving a stale card.
 */
export async function moveTask(ctx: MemberCtx, taskId: string, input: MoveTaskBody): Promise<Task> {
  const { db, clock, dialect } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const actorId = ctx.user.id;
  const after = new AfterCommit();
  try {
    const { row, following } = await transaction(db, async (trx) => {
      const viewer = await viewerOf(ctx, trx);
      const current = await findVisibleTaskRow(trx, viewer, workspaceId, taskId);
      if (!current) throw taskNotFound();
      if (current.version !== input.version) throw new StaleVersion();
      let anchor: Slot | null = null;
      if (input.afterTaskId !== null) {
        if (input.afterTaskId === taskId) throw invalid('afterTaskId', 'cannot be the task being moved');
        const target = await findVisibleTaskRow(trx, viewer, workspaceId, input.afterTaskId);
        if (!target) throw invalid('afterTaskId', 'is not a task here');
        if (target.state !== input.state) throw invalid('afterTaskId', 'is not in the target column');
        anchor = { id: target.id, position: target.position };
      }
      // Moves of one workspace take turns, so two drops never compute the same slot or
      // renumber a column under each other.
      await lockMoves(trx, dialect, workspaceId);
      if (anchor) {
        const position = await positionOf(trx, workspaceId, anchor.id);
        if (position === undefined) throw invalid('afterTaskId', 'is not a task here');
        anchor = { id: anchor.id, position };
      }
      const now = clock.now().toISOString();
      const submission = await loopGuard(trx, ctx, current, input.state);
      // A submission that the level sends to review instead of done lands at the bottom there.
      const state = submission?.state ?? input.state;
      const position =
        state === input.state
          ? await dropPosition(trx, workspaceId, input.state, anchor, taskId)
          : await endOfColumn(trx, workspaceId, state);
      const patch: TaskPatch = submission
        ? { ...submissionPatch(submission, [], now), position }
        : { state, position, updated_at: now };
      if (!submission && state !== current.state) patch.completed_at = state === 'done' ? now : null;
      const updated = await updateTaskIfVersion(trx, workspaceId, taskId, input.version, patch);
      if (!updated) throw new StaleVersion();
      const changes: Record<string, Change> = { position: { from: current.position, to: position } };
      if (state !== current.state) changes.state = { from: current.state, to: state };
      await recordTaskEvent(trx, {
        workspaceId,
        taskId,
        actorId,
        kind: 'moved',
        data: { changes, afterTaskId: input.afterTaskId },
        at: now,
      });
      if (submission) await afterSubmission(trx, ctx.deps, after, updated, actorId, submission, '', now);
      else if (changes.state && updated.state === 'done')
        await onTaskCompleted(trx, ctx.deps, after, updated);
      if (!submission && changes.state) {
        await notifyActivityToPrincipals(trx, ctx.deps, after, updated, actorId, {
          kind: 'assistant_activity',
          excerpt: activityExcerpt(updated),
        });
      }
      publishTaskEvent(after, 'task.updated', updated);
      return withFollowing(trx, updated, actorId);
    });
    after.flush(ctx.deps);
    return toTask(db, row, actorId, { following });
  } catch (err) {
    if (err instanceof StaleVersion) throw await conflict(ctx, taskId);
    throw err;
  }
}

/** Deletes a task with its checklist, history, comments and files' records (owners only). */
export async function deleteTask(ctx: MemberCtx, taskId: string): Promise<void> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  await transaction(db, async (trx) => {
    const row = await findVisibleTaskRow(trx, await viewerOf(ctx, trx), workspaceId, taskId);
    if (!row) throw taskNotFound();
    await deleteTaskRow(trx, workspaceId, taskId);
    publishTaskEvent(after, 'task.deleted', row);
  });
  after.flush(ctx.deps);
}

/** Follow a task (hear about its comments); idempotent, recorded in the history once. */
export async function setFollowing(ctx: MemberCtx, taskId: string, following: boolean): Promise<void> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  await transaction(db, async (trx) => {
    const row = await findVisibleTaskRow(trx, await viewerOf(ctx, trx), workspaceId, taskId);
    if (!row) throw taskNotFound();
    const was = await isFollowing(trx, workspaceId, taskId, ctx.user.id);
    if (was === following) return;
    const now = clock.now().toISOString();
    if (following) await follow(trx, workspaceId, taskId, ctx.user.id, now);
    else await unfollow(trx, workspaceId, taskId, ctx.user.id);
    await recordTaskEvent(trx, {
      workspaceId,
      taskId,
      actorId: ctx.user.id,
      kind: following ? 'followed' : 'unfollowed',
      at: now,
    });
  });
}
