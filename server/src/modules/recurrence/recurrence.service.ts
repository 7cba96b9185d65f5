import {
  AppError,
  canonicalTimeZone,
  formatRule,
  latestDueOccurrence,
  nextOccurrence,
  parseRule,
  type Recurrence,
  type RecurrenceRule,
  recurrenceModes,
} from '@leeway/core';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Deps } from '../../context.ts';
import type { Database, TasksTable } from '../../db/schema.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import type { Job } from '../../jobs/scheduler.ts';
import { newId } from '../../lib/ids.ts';
import { findArea, memberIdsAmong } from '../areas/areas.repository.ts';
import { onTaskCompletedForOnboarding } from '../onboarding/onboarding.hooks.ts';
import { type PinnedSop, resolveSopForTask } from '../sops/sops.pin.ts';
import { listChecklistRows } from '../tasks/checklist.repository.ts';
import { recordTaskEvent } from '../tasks/history.repository.ts';
import { parseStringArray } from '../tasks/tasks.repository.ts';
import { insertTaskInTx } from '../tasks/tasks.service.ts';
import {
  claimCalendarDate,
  claimOnDone,
  countSeriesTasks,
  dueCalendarSeries,
  findSeries,
  findSeriesById,
  insertSeries,
  type SeriesRow,
  seriesSourceTask,
  updateSeries,
} from './recurrence.repository.ts';

type TaskRow = Selectable<TasksTable>;

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `Invalid recurrence: ${field} ${message}`, {
    fields: [{ field, message }],
  });
}

interface CheckedRecurrence {
  rule: RecurrenceRule;
  /** The rule in canonical spelling, as stored. */
  ruleText: string;
  mode: Recurrence['mode'];
  timeZone: string;
  anchorAt: string;
}

/**
 * What a recurrence means for a task, or a validation error naming the field: the rule must
 * be in the supported subset, the zone known, and the task must have a due date (the anchor
 * every later date is computed from), and the rule must give at least one more date.
 */
export function checkRecurrence(recurrence: Recurrence, dueAt: string | null): CheckedRecurrence {
  const parsed = parseRule(recurrence.rule);
  if (!parsed.ok) throw invalid('recurrence/rule', parsed.message);
  if (!(recurrenceModes as readonly string[]).includes(recurrence.mode)) {
    throw invalid('recurrence/mode', 'must be calendar or on_done');
  }
  const timeZone = canonicalTimeZone(recurrence.timeZone);
  if (!timeZone) throw invalid('recurrence/timeZone', 'is not a known time zone');
  if (dueAt === null) throw invalid('dueAt', 'is needed for a recurring task: the rule counts from it');
  const anchorAt = new Date(dueAt).toISOString();
  if (nextOccurrence(parsed.rule, timeZone, anchorAt, anchorAt) === null) {
    throw invalid('recurrence/rule', 'gives no date after the task’s due date');
  }
  return { rule: parsed.rule, ruleText: formatRule(parsed.rule), mode: recurrence.mode, timeZone, anchorAt };
}

function laterOf(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * Sets, changes or removes the recurrence of a task (create and update). Returns the series
 * id to store on the task (null when the recurrence was removed).
 *
 * A new rule, or a changed one, is anchored at this task's due date: "from this task on,
 * repeat like this" (COUNT counts from here). Setting the same rule again changes nothing.
 * Removing it ends the series for every instance; instances already created stay.
 */
export async function setRecurrence(
  trx: Transaction<Database>,
  deps: Deps,
  task: TaskRow,
  recurrence: Recurrence | null,
): Promise<string | null> {
  const workspaceId = task.workspace_id;
  const existing = task.series_id ? await findSeries(trx, workspaceId, task.series_id) : undefined;
  if (recurrence === null) {
    if (existing && existing.active === 1) {
      await updateSeries(trx, workspaceId, existing.id, { active: 0, next_at: null });
    }
    return null;
  }
  const checked = checkRecurrence(recurrence, task.due_at);
  const firstNext = (after: string) =>
    checked.mode === 'calendar'
      ? nextOccurrence(checked.rule, checked.timeZone, checked.anchorAt, after)
      : null;

  if (existing && existing.active === 1) {
    if (
      existing.rule === checked.ruleText &&
      existing.mode === checked.mode &&
      existing.time_zone === checked.timeZone &&
      existing.anchor_at === checked.anchorAt
    ) {
      return existing.id;
    }
    // Edited on an older instance, the series still continues from its newest one: that is
    // the copy source, and a calendar date it already covers is not created again.
    const newest = existing.last_task_id ? await seriesSourceTask(trx, existing) : undefined;
    const source = newest && newest.id !== task.id && newest.created_at > task.created_at ? newest : task;
    await updateSeries(trx, workspaceId, existing.id, {
      rule: checked.ruleText,
      mode: checked.mode,
      time_zone: checked.timeZone,
      anchor_at: checked.anchorAt,
      next_at: firstNext(source.due_at ? laterOf(checked.anchorAt, source.due_at) : checked.anchorAt),
      last_task_id: source.id,
    });
    return existing.id;
  }

  // No series yet, or one that has ended: a fresh series starts at this task.
  const id = newId();
  await insertSeries(trx, {
    id,
    workspace_id: workspaceId,
    rule: checked.ruleText,
    mode: checked.mode,
    time_zone: checked.timeZone,
    anchor_at: checked.anchorAt,
    next_at: firstNext(checked.anchorAt),
    last_task_id: task.id,
    active: 1,
    created_at: deps.clock.now().toISOString(),
  });
  return id;
}

/** The SOP's current version for a recurring copy, or undefined when it cannot be followed now. */
async function currentSopPin(
  trx: Transaction<Database>,
  workspaceId: string,
  sopId: string,
  areaId: string | null,
): Promise<PinnedSop | undefined> {
  try {
    // The series acts for the workspace, not for a person: no visibility check applies.
    return await resolveSopForTask(trx, { workspaceId, userId: '', role: 'owner' }, sopId, areaId);
  } catch (err) {
    if (err instanceof AppError) return undefined;
    throw err;
  }
}

/**
 * The next instance of a series, copied from `source`: title, description, priority, labels,
 * area and assignee, and the checklist's texts, all unticked. An area archived since, or an
 * assignee who has left the workspace, is not carried over (inbox, nobody). The copy is
 * credited to the series' creator by `insertTaskInTx`, and its history says where it came from.
 */
async function createInstance(
  trx: Transaction<Database>,
  deps: Deps,
  after: AfterCommit,
  series: SeriesRow,
  source: TaskRow,
  dueAt: string,
): Promise<TaskRow> {
  const workspaceId = series.workspace_id;
  const area = source.area_id ? await findArea(trx, workspaceId, source.area_id) : undefined;
  const areaId = area && area.archived_at === null ? area.id : null;
  const assigneeId =
    source.assignee_id &&
    (await memberIdsAmong(trx, workspaceId, [source.assignee_id])).has(source.assignee_id)
      ? source.assignee_id
      : null;
  // A task following an SOP: the copy follows the SOP's current version (a new task starts on
  // the newest steps), or, when the SOP is no longer published, keeps the old steps as text.
  const sop = source.sop_id ? await currentSopPin(trx, workspaceId, source.sop_id, areaId) : undefined;
  const checklist = (await listChecklistRows(trx, workspaceId, source.id))
    .filter((item) => sop === undefined || item.sop_step === null)
    .map((item) => item.text);
  const created = await insertTaskInTx(trx, deps, after, {
    workspaceId,
    actorId: null,
    title: source.title,
    description: source.description,
    areaId,
    assigneeId,
    state: 'todo',
    dueAt,
    dueTimeZone: source.due_tz ?? series.time_zone,
    priority: source.priority,
    labels: parseStringArray(source.labels),
    checklist,
    seriesId: series.id,
    ...(sop ? { sop } : {}),
  });
  await recordTaskEvent(trx, {
    workspaceId,
    taskId: created.id,
    actorId: null,
    kind: 'recurred',
    data: { fromTaskId: source.id },
    at: deps.clock.now().toISOString(),
  });
  await updateSeries(trx, workspaceId, series.id, { last_task_id: created.id });
  return created;
}

/**
 * Called when a task becomes done: in `on_done` mode, creates the next instance, once. Only
 * the series' newest instance moves it on, so completing the same task again (done → doing →
 * done), or an older instance, creates nothing. COUNT counts instances in this mode: "four
 * times" means four tasks, however late each one was done.
 */
export async function onTaskCompleted(
  trx: Transaction<Database>,
  deps: Deps,
  after: AfterCommit,
  task: TaskRow,
): Promise<void> {
  await onTaskCompletedForOnboarding(trx, deps, after, task);
  if (!task.series_id) return;
  const series = await findSeries(trx, task.workspace_id, task.series_id);
  if (series?.active !== 1 || series.mode !== 'on_done' || series.last_task_id !== task.id) return;
  if (!(await claimOnDone(trx, series.workspace_id, series.id, task.id))) return;
  const end = () => updateSeries(trx, series.workspace_id, series.id, { active: 0, next_at: null });
  const parsed = parseRule(series.rule);
  if (!parsed.ok) {
    deps.log.warn({ seriesId: series.id, reason: parsed.message }, 'recurrence rule no longer valid');
    await end();
    return;
  }
  const { count, ...rest } = parsed.rule;
  if (count !== null && (await countSeriesTasks(trx, series.workspace_id, series.id)) >= count) {
    await end();
    return;
  }
  // After the later of its due date and now. Done early, the next instance must not land on
  // the date this one was for (or before it); done late, the dates that passed while it was
  // open are owed no more: this mode promises the next one after the last is done, not a
  // backlog of overdue copies.
  const now = deps.clock.now().toISOString();
  const base = task.due_at ? laterOf(task.due_at, now) : now;
  const dueAt = nextOccurrence({ ...rest, count: null }, series.time_zone, series.anchor_at, base);
  if (dueAt === null) {
    await end();
    return;
  }
  await createInstance(trx, deps, after, series, task, dueAt);
}

/** The recurrence of a series, for the task's API shape (null once the series has ended). */
export async function recurrenceOf(
  db: Kysely<Database> | Transaction<Database>,
  seriesId: string | null,
): Promise<Recurrence | null> {
  if (!seriesId) return null;
  const series = await findSeriesById(db, seriesId);
  if (series?.active !== 1) return null;
  return { rule: series.rule, mode: series.mode, timeZone: series.time_zone };
}

/**
 * One date of one calendar series, in the caller's transaction. Returns whether an instance
 * was created (false when another node claimed the date first).
 */
async function runCalendarSeries(
  trx: Transaction<Database>,
  deps: Deps,
  after: AfterCommit,
  series: SeriesRow,
  now: string,
): Promise<boolean> {
  const seen = series.next_at;
  if (seen === null) return false;
  const parsed = parseRule(series.rule);
  if (!parsed.ok) {
    deps.log.warn({ seriesId: series.id, reason: parsed.message }, 'recurrence rule no longer valid');
    await claimCalendarDate(trx, series.workspace_id, series.id, seen, null);
    return false;
  }
  // When the server was down over several dates, only the latest one is created: a row of
  // identical overdue copies helps nobody, and the latest is the one that matters now. The
  // series then continues with the first date after now.
  const { due, next } = latestDueOccurrence(parsed.rule, series.time_zone, series.anchor_at, seen, now);
  if (!(await claimCalendarDate(trx, series.workspace_id, series.id, seen, next))) return false;
  if (due === null) return false;
  const source = await seriesSourceTask(trx, series);
  if (!source) {
    // Every instance was deleted: nothing left to copy, so the series ends.
    await updateSeries(trx, series.workspace_id, series.id, { active: 0, next_at: null });
    return false;
  }
  await createInstance(trx, deps, after, series, source, due);
  return true;
}

const BATCH = 100;

/**
 * Calendar mode: creates instances whose date has come, exactly once across nodes. Each
 * series is claimed by moving its `next_at` on conditionally (see `claimCalendarDate`), in
 * its own transaction, so one broken series never holds up the others.
 */
export const recurrenceJob: Job = {
  name: 'recurrence',
  everyMs: 60_000,
  run: async (deps) => {
    const now = deps.clock.now().toISOString();
    const tried = new Set<string>();
    let created = 0;
    for (;;) {
      const batch = (await dueCalendarSeries(deps.db, now, BATCH + tried.size)).filter(
        (s) => !tried.has(s.id),
      );
      if (batch.length === 0) break;
      for (const series of batch) {
        tried.add(series.id);
        const after = new AfterCommit();
        try {
          const made = await deps.db
            .transaction()
            .execute((trx) => runCalendarSeries(trx, deps, after, series, now));
          after.flush(deps);
          if (made) created += 1;
        } catch (err) {
          deps.log.error({ err, seriesId: series.id }, 'recurrence: could not create the next instance');
        }
      }
    }
    return created;
  },
};
