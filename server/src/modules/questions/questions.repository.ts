import type { Viewer } from '@leeway/core';
import {
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Database, QuestionsTable } from '../../db/schema.ts';
import type { TaskRow } from '../tasks/tasks.repository.ts';
import { visibleTo } from '../tasks/visibility.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type QuestionRow = Selectable<QuestionsTable>;
export type QuestionWithNames = QuestionRow & { asker_name: string | null; task_title: string | null };

/**
 * Who sees a question (DESIGN §1 applied to questions): owners all; an assistant the general
 * questions they asked or that are addressed to them, and the questions on tasks they can see.
 */
export function questionVisibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<Database, 'questions'>) => {
    if (viewer.role === 'owner') return sql<boolean>`1 = 1`;
    return eb.or([
      eb.and([
        eb('questions.task_id', 'is', null),
        eb.or([
          eb('questions.asker_id', '=', viewer.userId),
          eb('questions.addressee_id', '=', viewer.userId),
        ]),
      ]),
      eb.exists(
        eb
          .selectFrom('tasks')
          .select('tasks.id')
          .whereRef('tasks.id', '=', 'questions.task_id')
          .whereRef('tasks.workspace_id', '=', 'questions.workspace_id')
          .where((tb) => visibleTo(viewer)(tb as unknown as ExpressionBuilder<Database, 'tasks'>)),
      ),
    ]);
  };
}

function questionQuery(db: Q, workspaceId: string) {
  return db
    .selectFrom('questions')
    .leftJoin('users as qa', 'qa.id', 'questions.asker_id')
    .leftJoin('tasks as qt', (j) =>
      j.onRef('qt.id', '=', 'questions.task_id').onRef('qt.workspace_id', '=', 'questions.workspace_id'),
    )
    .selectAll('questions')
    .select(['qa.name as asker_name', 'qt.title as task_title'])
    .where('questions.workspace_id', '=', workspaceId);
}

export function findVisibleQuestion(
  db: Q,
  viewer: Viewer,
  workspaceId: string,
  questionId: string,
): Promise<QuestionWithNames | undefined> {
  return questionQuery(db, workspaceId)
    .where('questions.id', '=', questionId)
    .where(questionVisibleTo(viewer))
    .executeTakeFirst();
}

export interface QuestionFilter {
  status?: 'open' | 'answered';
  askerId?: string;
  /** Addressed to this user; with `orUnaddressed`, also others' open questions addressed to nobody. */
  forUserId?: string;
  orUnaddressed?: boolean;
  taskId?: string;
}

export function listVisibleQuestions(
  db: Q,
  viewer: Viewer,
  workspaceId: string,
  filter: QuestionFilter,
): Promise<QuestionWithNames[]> {
  let query = questionQuery(db, workspaceId).where(questionVisibleTo(viewer));
  if (filter.status === 'open') query = query.where('questions.answered_at', 'is', null);
  if (filter.status === 'answered') query = query.where('questions.answered_at', 'is not', null);
  if (filter.askerId !== undefined) query = query.where('questions.asker_id', '=', filter.askerId);
  if (filter.taskId !== undefined) query = query.where('questions.task_id', '=', filter.taskId);
  const forUserId = filter.forUserId;
  if (forUserId !== undefined) {
    query = query.where((eb) => {
      const mine = eb('questions.addressee_id', '=', forUserId);
      if (!filter.orUnaddressed) return mine;
      return eb.or([
        mine,
        // Not one's own: an owner asking "anyone?" waits for someone else.
        eb.and([
          eb('questions.addressee_id', 'is', null),
          eb('questions.answered_at', 'is', null),
          eb.or([eb('questions.asker_id', 'is', null), eb('questions.asker_id', '<>', forUserId)]),
        ]),
      ]);
    });
  }
  return query.orderBy('questions.created_at').orderBy('questions.id').execute();
}

export async function insertQuestion(db: Q, row: QuestionRow): Promise<void> {
  await db.insertInto('questions').values(row).execute();
}

export type QuestionPatch = Omit<Updateable<QuestionsTable>, 'id' | 'workspace_id' | 'version'>;

/**
 * Applies a change only if the question still has the version the caller read (and, with
 * `open`, is still unanswered). One statement, so of two answers exactly one wins.
 */
export function updateQuestionIfVersion(
  db: Q,
  workspaceId: string,
  questionId: string,
  version: number,
  patch: QuestionPatch,
  state: 'open' | 'answered' | 'any' = 'any',
): Promise<QuestionRow | undefined> {
  let query = db
    .updateTable('questions')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', questionId)
    .where('version', '=', version);
  if (state === 'open') query = query.where('answered_at', 'is', null);
  if (state === 'answered') query = query.where('answered_at', 'is not', null);
  return query.returningAll().executeTakeFirst();
}

export async function deleteQuestionRow(db: Q, workspaceId: string, questionId: string): Promise<void> {
  await db
    .deleteFrom('questions')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', questionId)
    .execute();
}

/** The ids of the open questions on a task, but one. */
export async function otherOpenQuestionIds(
  db: Q,
  workspaceId: string,
  taskId: string,
  exceptId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('questions')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('task_id', '=', taskId)
    .where('answered_at', 'is', null)
    .where('id', '<>', exceptId)
    .execute();
  return rows.map((r) => r.id);
}

/** Hands "this question blocked the task" on to the questions still open on it. */
export async function markBlocking(db: Q, workspaceId: string, questionIds: string[]): Promise<void> {
  if (questionIds.length === 0) return;
  await db
    .updateTable('questions')
    .set({ blocked_task: 1 })
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', questionIds)
    .execute();
}

export function findTaskRow(db: Q, workspaceId: string, taskId: string): Promise<TaskRow | undefined> {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .executeTakeFirst();
}

/**
 * Sets or clears a task's blocked flag for a question, whatever version the task has (the
 * asker never saw it): the flag, its reason and `blocked_since` change together, the version
 * goes up so open editors notice. Conditional on the current flag, so a racing change wins once.
 */
export function setTaskBlocked(
  db: Q,
  workspaceId: string,
  taskId: string,
  blocked: boolean,
  reason: string,
  at: string,
): Promise<TaskRow | undefined> {
  return db
    .updateTable('tasks')
    .set((eb) => ({
      blocked: blocked ? 1 : 0,
      blocked_reason: blocked ? reason : '',
      blocked_since: blocked ? at : null,
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', taskId)
    .where('blocked', '=', blocked ? 0 : 1)
    .returningAll()
    .executeTakeFirst();
}

export async function isMember(db: Q, workspaceId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------
// The waiting job

/** Workspaces with open questions nobody has been told about yet. */
export async function workspacesWithUnnotified(db: Q): Promise<string[]> {
  const rows = await db
    .selectFrom('questions')
    .select('workspace_id')
    .distinct()
    .where('answered_at', 'is', null)
    .where('waiting_notified_at', 'is', null)
    .execute();
  return rows.map((r) => r.workspace_id);
}

/** Open questions of a workspace asked before `cutoff` whose wait was not yet reported. */
export function waitingUnnotified(
  db: Q,
  workspaceId: string,
  cutoff: string,
  limit: number,
): Promise<QuestionRow[]> {
  return db
    .selectFrom('questions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('answered_at', 'is', null)
    .where('waiting_notified_at', 'is', null)
    .where('created_at', '<', cutoff)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Claims the waiting notice: true for exactly one of any number of concurrent claimers. */
export async function claimWaitingNotice(db: Q, questionId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('questions')
    .set({ waiting_notified_at: at })
    .where('id', '=', questionId)
    .where('waiting_notified_at', 'is', null)
    .where('answered_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------------------------------------
// For the agenda (meetings module)

export interface OpenQuestionForAgenda {
  id: string;
  taskId: string | null;
  taskTitle: string | null;
  askerId: string | null;
  askerName: string | null;
  addresseeId: string | null;
  body: string;
  createdAt: string;
}

/**
 * Every open question of a workspace, oldest first, unfiltered by viewer: the meetings module
 * decides which agenda items each participant may see (task questions by task visibility).
 */
export async function listOpenQuestionsForAgenda(
  db: Q,
  workspaceId: string,
): Promise<OpenQuestionForAgenda[]> {
  const rows = await questionQuery(db, workspaceId)
    .where('questions.answered_at', 'is', null)
    .orderBy('questions.created_at')
    .orderBy('questions.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    taskId: r.task_id,
    taskTitle: r.task_title,
    askerId: r.asker_id,
    askerName: r.asker_name,
    addresseeId: r.addressee_id,
    body: r.body,
    createdAt: r.created_at,
  }));
}
