import { checkText, sopProblem } from '../sops/internal.ts';
import type { SopChecked, SopProblem } from '../sops/problems.ts';

/**
 * Goals and missions (DESIGN §9): the principal says what and why, the assistant creates the
 * tasks. Plain values and pure checks; no TypeBox here, so the web client can import them.
 */

export const goalStatuses = ['on_track', 'at_risk', 'off_track'] as const;
export type GoalStatus = (typeof goalStatuses)[number];

export const missionStatuses = ['open', 'done', 'cancelled'] as const;
export type MissionStatus = (typeof missionStatuses)[number];

export const goalLimits = {
  titleMax: 200,
  descriptionMax: 4000,
  measureMax: 200,
  targetMax: 200,
  intentMax: 4000,
  endStateMax: 4000,
  constraintMax: 200,
  constraintsMax: 20,
} as const;

export interface GoalInput {
  title: string;
  description: string;
  measure: string;
  target: string;
  dueAt: string | null;
  status: GoalStatus;
}

export interface MissionInput {
  title: string;
  intent: string;
  endState: string;
  constraints: string[];
  dueAt: string | null;
  status: MissionStatus;
}

function checkDue(value: unknown, problems: SopProblem[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  problems.push(sopProblem('dueAt', 'invalid_date', 'Must be a date-time or null.'));
  return null;
}

function checkOneOf<T extends string>(
  field: string,
  value: unknown,
  values: readonly T[],
  fallback: T,
  problems: SopProblem[],
): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (values as readonly string[]).includes(value)) return value as T;
  problems.push(sopProblem(field, 'not_allowed', `Must be one of ${values.join(', ')}.`));
  return fallback;
}

/** Validates and trims a goal (new, or the current one merged with an edit); the title is required. */
export function checkGoal(input: Record<string, unknown>): SopChecked<GoalInput> {
  const problems: SopProblem[] = [];
  const value: GoalInput = {
    title: checkText('title', input.title, goalLimits.titleMax, true, problems),
    description: checkText('description', input.description, goalLimits.descriptionMax, false, problems),
    measure: checkText('measure', input.measure, goalLimits.measureMax, false, problems),
    target: checkText('target', input.target, goalLimits.targetMax, false, problems),
    dueAt: checkDue(input.dueAt, problems),
    status: checkOneOf('status', input.status, goalStatuses, 'on_track', problems),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/**
 * Constraints are a short list of short lines ("no paid ads", "budget 200 €"): trimmed, blank
 * ones dropped, duplicates kept once, each at most `constraintMax` characters.
 */
export function checkConstraints(value: unknown, problems: SopProblem[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push(sopProblem('constraints', 'not_allowed', 'Must be a list of texts.'));
    return [];
  }
  const seen = new Set<string>();
  value.forEach((item, index) => {
    if (typeof item !== 'string') {
      problems.push(sopProblem(`constraints/${index}`, 'not_allowed', 'Must be a text.'));
      return;
    }
    const text = item.trim();
    if (text.length > goalLimits.constraintMax) {
      problems.push(
        sopProblem(`constraints/${index}`, 'too_long', 'Too long.', { max: goalLimits.constraintMax }),
      );
    } else if (text !== '') seen.add(text);
  });
  if (seen.size > goalLimits.constraintsMax) {
    problems.push(sopProblem('constraints', 'too_many', 'Too many.', { max: goalLimits.constraintsMax }));
  }
  return [...seen];
}

/** Validates and trims a mission's texts, constraints, due date and status; the title is required. */
export function checkMission(input: Record<string, unknown>): SopChecked<MissionInput> {
  const problems: SopProblem[] = [];
  const value: MissionInput = {
    title: checkText('title', input.title, goalLimits.titleMax, true, problems),
    intent: checkText('intent', input.intent, goalLimits.intentMax, false, problems),
    endState: checkText('endState', input.endState, goalLimits.endStateMax, false, problems),
    constraints: checkConstraints(input.constraints, problems),
    dueAt: checkDue(input.dueAt, problems),
    status: checkOneOf('status', input.status, missionStatuses, 'open', problems),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/** Task counts of one mission, as one grouped query returns them. */
export interface MissionTaskCounts {
  /** Every task of the mission, cancelled ones included. */
  total: number;
  done: number;
  cancelled: number;
  /** Proposed tasks still waiting for a principal's approval. */
  proposed: number;
}

export interface MissionProgressFigures {
  tasksTotal: number;
  tasksDone: number;
  tasksProposed: number;
  /** Done of the tasks that count (cancelled ones do not), 0–100, rounded down. */
  percent: number;
}

/**
 * A mission's progress: cancelled tasks leave the count, so cancelling the last open task
 * completes the bar. No tasks yet is 0 %, not 100 %.
 */
export function missionProgress(counts: MissionTaskCounts): MissionProgressFigures {
  const total = Math.max(0, counts.total - counts.cancelled);
  const done = Math.min(total, Math.max(0, counts.done));
  return {
    tasksTotal: total,
    tasksDone: done,
    tasksProposed: Math.max(0, counts.proposed),
    percent: total === 0 ? 0 : Math.floor((done * 100) / total),
  };
}

/** Goals at risk or off track belong on the next meeting's agenda (DESIGN §9). */
export function goalNeedsAttention(status: GoalStatus): boolean {
  return status === 'at_risk' || status === 'off_track';
}
