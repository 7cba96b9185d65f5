import type { Task, UpdateTaskBody } from '@leeway/core';

/** An edit without its version: the version is added when it is sent. */
export type TaskPatch = Omit<UpdateTaskBody, 'version'>;

/** The fields a person edits in the task editor, in the order the conflict notice lists them. */
export const editableFields = [
  'title',
  'state',
  'blocked',
  'blockedReason',
  'areaId',
  'assigneeId',
  'dueAt',
  'priority',
  'labels',
  'recurrence',
  'description',
] as const satisfies readonly (keyof TaskPatch & keyof Task)[];

export type EditableField = (typeof editableFields)[number];

function normalise(field: EditableField, value: unknown): unknown {
  if (value === undefined) return undefined;
  if (field === 'dueAt') {
    if (value === null) return null;
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    return Number.isNaN(ms) ? value : ms;
  }
  if (field === 'title' && typeof value === 'string') return value.trim();
  if (field === 'recurrence' && value && typeof value === 'object') {
    const r = value as { rule?: unknown; mode?: unknown; timeZone?: unknown };
    return { rule: r.rule, mode: r.mode, timeZone: r.timeZone };
  }
  return value;
}

/** Same value for a field, the way the server compares (trimmed title, same instant, same JSON). */
export function sameValue(field: EditableField, a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(field, a)) === JSON.stringify(normalise(field, b));
}

/** Fields whose value differs between two versions of a task. */
export function changedFields(before: Task, after: Task): EditableField[] {
  return editableFields.filter((field) => !sameValue(field, before[field], after[field]));
}

export interface ConflictSummary {
  /** What the other person changed since the version this edit was based on. */
  theirs: EditableField[];
  /** What this edit would still change on the current version (already-equal fields dropped). */
  mine: EditableField[];
}

/**
 * What a 409 means for the person: which fields someone else changed (compared with the task
 * as they last saw it) and which of their own changes are still not in the current version.
 */
export function summarizeConflict(
  base: Task | undefined,
  current: Task,
  attempted: TaskPatch,
): ConflictSummary {
  const theirs = base ? changedFields(base, current) : [];
  const mine = editableFields.filter(
    (field) => attempted[field] !== undefined && !sameValue(field, attempted[field], current[field]),
  );
  return { theirs, mine };
}

/**
 * The edit to send again on top of the current version: only what still differs. A due date
 * keeps its zone with it. Null when nothing is left to apply.
 */
export function rebasePatch(attempted: TaskPatch, current: Task): UpdateTaskBody | null {
  const { mine } = summarizeConflict(undefined, current, attempted);
  if (mine.length === 0) return null;
  const body: UpdateTaskBody = { version: current.version };
  for (const field of mine) Object.assign(body, { [field]: attempted[field] });
  if (mine.includes('dueAt') && attempted.dueTimeZone !== undefined) body.dueTimeZone = attempted.dueTimeZone;
  if (mine.includes('blocked') && attempted.blockedReason !== undefined)
    body.blockedReason = attempted.blockedReason;
  return body;
}
