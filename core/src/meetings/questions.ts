import { checkText, sopProblem } from '../sops/internal.ts';
import type { SopChecked, SopProblem } from '../sops/problems.ts';
import { type QuestionStatus, questionLimits } from './values.ts';

/**
 * Questions (DESIGN §7): asked on a task, which is then blocked on the answer, or in
 * general. Async first: a question left unanswered past the threshold goes on the agenda.
 */
export interface QuestionInput {
  body: string;
  /** The task the question is about; the server marks that task blocked. */
  taskId: string | null;
  /** Whom the asker wants the answer from; null means "anyone who knows". */
  forUserId: string | null;
}

export interface QuestionTiming {
  askedAt: string;
  answeredAt: string | null;
}

const HOUR_MS = 3_600_000;

function optionalId(field: string, value: unknown, problems: SopProblem[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  problems.push(sopProblem(field, 'not_allowed', 'Must be an id or null.'));
  return null;
}

/** Validates and trims a new or edited question; the body is required. */
export function checkQuestion(input: Record<string, unknown>): SopChecked<QuestionInput> {
  const problems: SopProblem[] = [];
  const body = checkText('body', input.body, questionLimits.bodyMax, true, problems);
  const taskId = optionalId('taskId', input.taskId, problems);
  const forUserId = optionalId('forUserId', input.forUserId, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { body, taskId, forUserId } };
}

/** Validates an answer's text; answering marks the question answered. */
export function checkAnswer(input: Record<string, unknown>): SopChecked<{ body: string }> {
  const problems: SopProblem[] = [];
  const body = checkText('body', input.body, questionLimits.answerMax, true, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { body } };
}

/** Open until answered; reopening clears `answeredAt`, so the status is derived, never stored twice. */
export function questionStatus(question: QuestionTiming): QuestionStatus {
  return question.answeredAt === null ? 'open' : 'answered';
}

/**
 * Whole hours the asker has waited: until the answer, or until `now` while open. Never
 * negative, so a clock slightly behind the database does not show "-1 h".
 */
export function waitingHours(question: QuestionTiming, now: string): number {
  const end = question.answeredAt === null ? Date.parse(now) : Date.parse(question.answeredAt);
  return Math.max(0, Math.floor((end - Date.parse(question.askedAt)) / HOUR_MS));
}

/** Open and asked more than `hours` ago (strictly: at exactly 24 h it is not yet overdue). */
export function isOverdueQuestion(question: QuestionTiming, now: string, hours: number): boolean {
  return question.answeredAt === null && Date.parse(now) - Date.parse(question.askedAt) > hours * HOUR_MS;
}
