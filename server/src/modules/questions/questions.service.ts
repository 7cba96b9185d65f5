import {
  type AnswerQuestionBody,
  AppError,
  type AskQuestionBody,
  checkAnswer,
  checkQuestion,
  type EditQuestionBody,
  type Question,
  type QuestionListQuery,
  questionStatus,
  type ReopenQuestionBody,
  type SopProblem,
  type Viewer,
  waitingHours,
} from '@leeway/core';
import type { Transaction } from 'kysely';
import type { Deps, MemberCtx } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { newId } from '../../lib/ids.ts';
import { plainExcerpt, renderMarkdown } from '../../lib/markdown.ts';
import { ownerIds } from '../autonomy/autonomy.repository.ts';
import { notify } from '../notifications/notifications.service.ts';
import { sopProblemsError } from '../sops/sops.service.ts';
import { recordTaskEvent } from '../tasks/history.repository.ts';
import type { TaskRow } from '../tasks/tasks.repository.ts';
import { publishTaskEvent } from '../tasks/tasks.service.ts';
import { findVisibleTask, type TaskFacts, usersWhoSee, viewerOf } from '../tasks/visibility.ts';
import {
  deleteQuestionRow,
  findTaskRow,
  findVisibleQuestion,
  insertQuestion,
  isMember,
  listVisibleQuestions,
  markBlocking,
  otherOpenQuestionIds,
  type QuestionFilter,
  type QuestionRow,
  type QuestionWithNames,
  setTaskBlocked,
  updateQuestionIfVersion,
} from './questions.repository.ts';

type Trx = Transaction<Database>;

const questionNotFound = () => new AppError('not_found', 'Question not found.');
const isOwner = (ctx: MemberCtx) => ctx.membership.role === 'owner';
/** The blocked reason a question leaves on its task: the question itself, shortened. */
const REASON_MAX = 200;

function fieldError(field: string, message: string): AppError {
  return new AppError('validation_failed', `Invalid body: ${field} ${message}`, {
    fields: [{ field, message }],
  });
}

/** Core names the addressee `forUserId`; the API calls it `addresseeId`. */
function problemsError(problems: SopProblem[]): AppError {
  return sopProblemsError(
    problems.map((p) => (p.field === 'forUserId' ? { ...p, field: 'addresseeId' } : p)),
  );
}

function toQuestion(row: QuestionWithNames, now: string): Question {
  const timing = { askedAt: row.created_at, answeredAt: row.answered_at };
  return {
    id: row.id,
    taskId: row.task_id,
    taskTitle: row.task_id !== null ? (row.task_title ?? null) : null,
    askerId: row.asker_id,
    askerName: row.asker_name ?? '',
    addresseeId: row.addressee_id,
    body: row.body,
    bodyHtml: row.body_html,
    status: questionStatus(timing),
    answer: row.answer,
    answerHtml: row.answer_html,
    answeredBy: row.answered_by,
    answeredAt: row.answered_at,
    waitingHours: waitingHours(timing, now),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function requireVisibleQuestion(
  db: Trx | Deps['db'],
  ctx: MemberCtx,
  questionId: string,
  viewer?: Viewer,
): Promise<QuestionWithNames> {
  const row = await findVisibleQuestion(
    db,
    viewer ?? (await viewerOf(ctx, db)),
    ctx.membership.workspaceId,
    questionId,
  );
  if (!row) throw questionNotFound();
  return row;
}

async function conflict(ctx: MemberCtx, questionId: string, message: string): Promise<AppError> {
  const current = await findVisibleQuestion(
    ctx.deps.db,
    await viewerOf(ctx),
    ctx.membership.workspaceId,
    questionId,
  );
  return new AppError(
    'conflict',
    message,
    current ? { current: toQuestion(current, ctx.deps.clock.now().toISOString()) } : {},
  );
}

/** Of these people, those who may read the question: on a task, those who see the task. */
async function readersOf(trx: Trx, task: TaskFacts | null, userIds: string[]): Promise<string[]> {
  return task ? usersWhoSee(trx, task, userIds) : [...new Set(userIds)];
}

/** Blocks the task on a question unless it is blocked already or finished; true when it did. */
async function blockTask(
  trx: Trx,
  after: AfterCommit,
  task: TaskRow,
  body: string,
  at: string,
): Promise<boolean> {
  if (task.blocked === 1 || task.state === 'done' || task.state === 'cancelled') return false;
  const updated = await setTaskBlocked(
    trx,
    task.workspace_id,
    task.id,
    true,
    plainExcerpt(body, REASON_MAX),
    at,
  );
  if (!updated) return false;
  publishTaskEvent(after, 'task.updated', updated);
  return true;
}

/**
 * A question stops waiting (answered or deleted). If it had blocked its task, the block goes
 * to the other questions still open there, or, when none is left, the task is unblocked.
 * Returns whether the task was unblocked.
 */
async function releaseTask(
  trx: Trx,
  after: AfterCommit,
  question: QuestionRow,
  at: string,
): Promise<boolean> {
  if (question.task_id === null || question.blocked_task !== 1) return false;
  const others = await otherOpenQuestionIds(trx, question.workspace_id, question.task_id, question.id);
  if (others.length > 0) {
    await markBlocking(trx, question.workspace_id, others);
    return false;
  }
  const updated = await setTaskBlocked(trx, question.workspace_id, question.task_id, false, '', at);
  if (!updated) return false;
  publishTaskEvent(after, 'task.updated', updated);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Routes' services

/**
 * Asks a question, in general or on a task the caller can see. A task question blocks its task
 * (unless it is blocked already), with a history entry and a live event. The addressee is told;
 * a question to nobody from an assistant goes to the owners. Recipients must see the task.
 */
export async function askQuestion(ctx: MemberCtx, input: AskQuestionBody): Promise<Question> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const checked = checkQuestion({
    body: input.body,
    taskId: input.taskId ?? null,
    forUserId: input.addresseeId ?? null,
  });
  if (!checked.ok) throw problemsError(checked.problems);
  const { body, taskId, forUserId: addresseeId } = checked.value;
  const after = new AfterCommit();
  const id = await db.transaction().execute(async (trx) => {
    const viewer = await viewerOf(ctx, trx);
    let task: TaskFacts | null = null;
    if (taskId !== null) {
      task = (await findVisibleTask(trx, viewer, workspaceId, taskId)) ?? null;
      if (!task) throw fieldError('taskId', 'is not a task you can see');
    }
    if (addresseeId !== null) {
      if (!(await isMember(trx, workspaceId, addresseeId))) {
        throw fieldError('addresseeId', 'is not a member of this workspace');
      }
      if (task && (await usersWhoSee(trx, task, [addresseeId])).length === 0) {
        throw fieldError('addresseeId', 'cannot see this task');
      }
    }
    const at = clock.now().toISOString();
    const row: QuestionRow = {
      id: newId(),
      workspace_id: workspaceId,
      task_id: taskId,
      asker_id: ctx.user.id,
      addressee_id: addresseeId,
      body,
      body_html: renderMarkdown(body),
      answer: null,
      answer_html: null,
      answered_by: null,
      answered_at: null,
      blocked_task: 0,
      waiting_notified_at: null,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    if (task) {
      const taskRow = await findTaskRow(trx, workspaceId, task.id);
      if (taskRow && (await blockTask(trx, after, taskRow, body, at))) row.blocked_task = 1;
      await recordTaskEvent(trx, {
        workspaceId,
        taskId: task.id,
        actorId: ctx.user.id,
        kind: 'question_asked',
        data: { questionId: row.id, text: body, blocked: row.blocked_task === 1 },
        at,
      });
    }
    await insertQuestion(trx, row);
    const wanted =
      addresseeId !== null ? [addresseeId] : isOwner(ctx) ? [] : await ownerIds(trx, workspaceId);
    const told = await notify(trx, ctx.deps, {
      workspaceId,
      kind: 'question_asked',
      recipientIds: await readersOf(trx, task, wanted),
      taskId: task?.id ?? null,
      actorId: ctx.user.id,
      excerpt: plainExcerpt(body),
      subjectType: 'question',
      subjectId: row.id,
    });
    after.notified(workspaceId, told);
    return row.id;
  });
  after.flush(ctx.deps);
  return getQuestion(ctx, id);
}

/**
 * The questions the caller may see: open ones first, oldest first (the longest wait on top),
 * then answered ones, newest answer first.
 */
export async function listQuestions(ctx: MemberCtx, query: QuestionListQuery): Promise<Question[]> {
  const { db, clock } = ctx.deps;
  const filter: QuestionFilter = {};
  if (query.status !== undefined) filter.status = query.status;
  if (query.taskId !== undefined) filter.taskId = query.taskId;
  if (query.mine === 'true') filter.askerId = ctx.user.id;
  if (query.forMe === 'true') {
    filter.forUserId = ctx.user.id;
    filter.orUnaddressed = isOwner(ctx);
  }
  const rows = await listVisibleQuestions(db, await viewerOf(ctx), ctx.membership.workspaceId, filter);
  const now = clock.now().toISOString();
  const open = rows.filter((r) => r.answered_at === null);
  const answered = rows
    .filter((r) => r.answered_at !== null)
    .sort((a, b) => Date.parse(b.answered_at ?? '') - Date.parse(a.answered_at ?? ''));
  return [...open, ...answered].map((r) => toQuestion(r, now));
}

export async function getQuestion(ctx: MemberCtx, questionId: string): Promise<Question> {
  const row = await requireVisibleQuestion(ctx.deps.db, ctx, questionId);
  return toQuestion(row, ctx.deps.clock.now().toISOString());
}

/** The asker edits an open question (text, addressee) on the version they saw. */
export async function editQuestion(
  ctx: MemberCtx,
  questionId: string,
  input: EditQuestionBody,
): Promise<Question> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const stale = await db.transaction().execute(async (trx) => {
    const viewer = await viewerOf(ctx, trx);
    const current = await requireVisibleQuestion(trx, ctx, questionId, viewer);
    if (current.asker_id !== ctx.user.id) {
      throw new AppError('forbidden', 'Only the person who asked edits a question.');
    }
    const checked = checkQuestion({
      body: input.body ?? current.body,
      taskId: current.task_id,
      forUserId: input.addresseeId !== undefined ? input.addresseeId : current.addressee_id,
    });
    if (!checked.ok) throw problemsError(checked.problems);
    const { body, forUserId: addresseeId } = checked.value;
    const task = current.task_id
      ? ((await findVisibleTask(trx, viewer, workspaceId, current.task_id)) ?? null)
      : null;
    const newAddressee = addresseeId !== null && addresseeId !== current.addressee_id;
    if (newAddressee) {
      if (!(await isMember(trx, workspaceId, addresseeId))) {
        throw fieldError('addresseeId', 'is not a member of this workspace');
      }
      if (task && (await usersWhoSee(trx, task, [addresseeId])).length === 0) {
        throw fieldError('addresseeId', 'cannot see this task');
      }
    }
    if (current.version !== input.version) return true;
    if (current.answered_at !== null) {
      throw new AppError('conflict', 'This question has been answered; reopen it to change it.', {
        current: toQuestion(current, clock.now().toISOString()),
      });
    }
    if (body === current.body && addresseeId === current.addressee_id) return false;
    const updated = await updateQuestionIfVersion(
      trx,
      workspaceId,
      questionId,
      input.version,
      {
        body,
        body_html: body === current.body ? current.body_html : renderMarkdown(body),
        addressee_id: addresseeId,
        updated_at: clock.now().toISOString(),
      },
      'open',
    );
    if (!updated) return true;
    if (newAddressee) {
      const told = await notify(trx, ctx.deps, {
        workspaceId,
        kind: 'question_asked',
        recipientIds: await readersOf(trx, task, [addresseeId]),
        taskId: updated.task_id,
        actorId: ctx.user.id,
        excerpt: plainExcerpt(body),
        subjectType: 'question',
        subjectId: questionId,
      });
      after.notified(workspaceId, told);
    }
    return false;
  });
  if (stale) {
    throw await conflict(
      ctx,
      questionId,
      'Someone changed this question in the meantime. Reload and try again.',
    );
  }
  after.flush(ctx.deps);
  return getQuestion(ctx, questionId);
}

/** The asker or an owner deletes a question; a task it blocked is released. */
export async function deleteQuestion(ctx: MemberCtx, questionId: string): Promise<void> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  await db.transaction().execute(async (trx) => {
    const current = await requireVisibleQuestion(trx, ctx, questionId);
    if (!isOwner(ctx) && current.asker_id !== ctx.user.id) {
      throw new AppError('forbidden', 'Only the person who asked or an owner deletes a question.');
    }
    await deleteQuestionRow(trx, workspaceId, questionId);
    const at = clock.now().toISOString();
    if (current.answered_at === null) {
      const unblocked = await releaseTask(trx, after, current, at);
      if (current.task_id !== null) {
        await recordTaskEvent(trx, {
          workspaceId,
          taskId: current.task_id,
          actorId: ctx.user.id,
          kind: 'question_deleted',
          data: { questionId, text: current.body, unblocked },
          at,
        });
      }
    }
  });
  after.flush(ctx.deps);
}

/**
 * Answers a question (anyone who sees it; the asker may mark it answered when it was settled
 * elsewhere, with an empty answer). Of two concurrent answers exactly one wins: the update is
 * conditional on the version and on the question still being open. The asker is told.
 */
export async function answerQuestion(
  ctx: MemberCtx,
  questionId: string,
  input: AnswerQuestionBody,
): Promise<Question> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  let answer = '';
  if (input.body.trim() !== '') {
    const checked = checkAnswer({ body: input.body });
    if (!checked.ok) throw sopProblemsError(checked.problems);
    answer = checked.value.body;
  }
  const after = new AfterCommit();
  const outcome = await db.transaction().execute(async (trx) => {
    const viewer = await viewerOf(ctx, trx);
    const current = await requireVisibleQuestion(trx, ctx, questionId, viewer);
    if (current.version !== input.version) return 'stale' as const;
    if (current.answered_at !== null) return 'answered' as const;
    const at = clock.now().toISOString();
    const updated = await updateQuestionIfVersion(
      trx,
      workspaceId,
      questionId,
      input.version,
      {
        answer: answer === '' ? null : answer,
        answer_html: answer === '' ? null : renderMarkdown(answer),
        answered_by: ctx.user.id,
        answered_at: at,
        updated_at: at,
      },
      'open',
    );
    if (!updated) return 'stale' as const;
    let task: TaskFacts | null = null;
    if (updated.task_id !== null) {
      task = (await findTaskRow(trx, workspaceId, updated.task_id)) ?? null;
      const unblocked = await releaseTask(trx, after, updated, at);
      await recordTaskEvent(trx, {
        workspaceId,
        taskId: updated.task_id,
        actorId: ctx.user.id,
        kind: 'question_answered',
        data: { questionId, text: answer, unblocked },
        at,
      });
    }
    if (updated.asker_id !== null) {
      const told = await notify(trx, ctx.deps, {
        workspaceId,
        kind: 'question_answered',
        recipientIds: await readersOf(trx, task, [updated.asker_id]),
        taskId: updated.task_id,
        actorId: ctx.user.id,
        excerpt: plainExcerpt(answer === '' ? updated.body : answer),
        subjectType: 'question',
        subjectId: questionId,
      });
      after.notified(workspaceId, told);
    }
    return 'ok' as const;
  });
  if (outcome === 'stale') {
    throw await conflict(
      ctx,
      questionId,
      'Someone changed this question in the meantime. Reload and try again.',
    );
  }
  if (outcome === 'answered') {
    throw await conflict(ctx, questionId, 'This question has already been answered.');
  }
  after.flush(ctx.deps);
  return getQuestion(ctx, questionId);
}

/**
 * The asker or an owner reopens an answered question: the answer is cleared, the 24-hour
 * notice may come again, and its task (unless finished) is blocked on it once more.
 */
export async function reopenQuestion(
  ctx: MemberCtx,
  questionId: string,
  input: ReopenQuestionBody,
): Promise<Question> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const outcome = await db
    .transaction()
    .execute(async (trx) => {
      const current = await requireVisibleQuestion(trx, ctx, questionId);
      if (!isOwner(ctx) && current.asker_id !== ctx.user.id) {
        throw new AppError('forbidden', 'Only the person who asked or an owner reopens a question.');
      }
      if (current.version !== input.version) return 'stale' as const;
      if (current.answered_at === null) return 'open' as const;
      const at = clock.now().toISOString();
      let blocked = false;
      if (current.task_id !== null) {
        const task = await findTaskRow(trx, workspaceId, current.task_id);
        if (task) blocked = await blockTask(trx, after, task, current.body, at);
      }
      const updated = await updateQuestionIfVersion(
        trx,
        workspaceId,
        questionId,
        input.version,
        {
          answer: null,
          answer_html: null,
          answered_by: null,
          answered_at: null,
          waiting_notified_at: null,
          blocked_task: blocked ? 1 : 0,
          updated_at: at,
        },
        'answered',
      );
      // Rolls back the block taken above too.
      if (!updated) throw new StaleQuestion();
      if (current.task_id !== null) {
        await recordTaskEvent(trx, {
          workspaceId,
          taskId: current.task_id,
          actorId: ctx.user.id,
          kind: 'question_reopened',
          data: { questionId, text: current.body, blocked },
          at,
        });
      }
      return 'ok' as const;
    })
    .catch((err: unknown) => {
      if (err instanceof StaleQuestion) return 'stale' as const;
      throw err;
    });
  if (outcome === 'stale') {
    throw await conflict(
      ctx,
      questionId,
      'Someone changed this question in the meantime. Reload and try again.',
    );
  }
  if (outcome === 'open') throw await conflict(ctx, questionId, 'This question is open already.');
  after.flush(ctx.deps);
  return getQuestion(ctx, questionId);
}

class StaleQuestion extends Error {}
