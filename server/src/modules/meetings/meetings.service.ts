import {
  type ActionItem,
  type AddAgendaItemBody,
  type Agenda,
  type AgendaItemView,
  AppError,
  type CreateActionItemBody,
  type CreateMeetingBody,
  checkMeeting,
  checkOccurrenceOverride,
  isSeriesOccurrence,
  type MeetingOccurrenceView,
  type MeetingSeries,
  meetingLimits,
  meetingOccurrences,
  nextMeetingOccurrence,
  type OccurrenceListQuery,
  type PinItemBody,
  type SopProblem,
  type Task,
  type UpdateAgendaItemBody,
  type UpdateMeetingBody,
  type UpdateOccurrenceBody,
  type Viewer,
} from '@leeway/core';
import type { MemberCtx } from '../../context.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { newId } from '../../lib/ids.ts';
import { notify } from '../notifications/notifications.service.ts';
import { createTask } from '../tasks/tasks.service.ts';
import { findVisibleTask, loadViewer, viewerOf } from '../tasks/visibility.ts';
import {
  agendaView,
  type CollectedAgenda,
  collectAgenda,
  entryDataOf,
  toActionItem,
} from './meetings.agenda.ts';
import {
  actionItemsOf,
  countOverrides,
  countPinned,
  deletePinned,
  deleteSeries,
  findSeries,
  finishOnce,
  insertActionItem,
  insertEntry,
  insertPinned,
  insertSeries,
  listSeries,
  memberIdsAmong,
  membersWithRoles,
  type OverrideRow,
  overridesOf,
  participantsOf,
  replaceParticipants,
  type SeriesRow,
  updateSeriesIfVersion,
  upsertEntry,
  upsertOverride,
} from './meetings.repository.ts';
import { isoOf, type OccurrenceView, type SeriesContext, timingOf, toOverride } from './meetings.shared.ts';

// ---------------------------------------------------------------------------------------------
// Errors

const meetingNotFound = () => new AppError('not_found', 'Meeting not found.');
const occurrenceNotFound = () => new AppError('not_found', 'The meeting has no occurrence at that time.');
const manageForbidden = () =>
  new AppError('forbidden', 'Only the organizer or an owner of the workspace can change this meeting.');

function invalid(field: string, message: string, code?: string): AppError {
  return new AppError('validation_failed', `Invalid body: ${field} ${message}`, {
    fields: [{ field, message, ...(code ? { code } : {}) }],
  });
}

/** Core's problems as the API's field-named 400, as the SOP and lesson modules answer them. */
function problemsError(problems: SopProblem[]): AppError {
  const first = problems[0];
  return new AppError(
    'validation_failed',
    first ? `Invalid body: ${first.field} ${first.message}` : 'Invalid body',
    { fields: problems.map((p) => ({ field: p.field, message: p.message, code: p.code, params: p.params })) },
  );
}

/** A trimmed, non-empty single-line title within `max`, or a 400 naming `field`. */
function titleOrThrow(field: string, value: string, max: number): string {
  const title = value.replace(/[\r\n\t]+/g, ' ').trim();
  if (title === '') throw invalid(field, 'is required', 'required');
  if (title.length > max) throw invalid(field, `is longer than ${max} characters`, 'too_long');
  return title;
}

// ---------------------------------------------------------------------------------------------
// Access: one place per request path

const isOwner = (ctx: MemberCtx) => ctx.membership.role === 'owner';

function canRead(ctx: MemberCtx, series: SeriesContext): boolean {
  return (
    isOwner(ctx) || series.row.organizer_id === ctx.user.id || series.participantIds.includes(ctx.user.id)
  );
}

function canManage(ctx: MemberCtx, series: SeriesContext): boolean {
  return isOwner(ctx) || series.row.organizer_id === ctx.user.id;
}

async function contextOf(ctx: MemberCtx, row: SeriesRow): Promise<SeriesContext> {
  const { db } = ctx.deps;
  const ws = ctx.membership.workspaceId;
  const [participants, overrideRows] = await Promise.all([
    participantsOf(db, ws, [row.id]),
    overridesOf(db, ws, [row.id]),
  ]);
  return {
    row,
    participantIds: participants.get(row.id) ?? [],
    overrideRows,
    overrides: overrideRows.map(toOverride),
  };
}

/**
 * The series addressed by a route, if the caller takes part in it, organises it or owns the
 * workspace; anyone else gets the same 404 as for an id that does not exist (or is another
 * workspace's). `manage` additionally asks for the organizer or an owner (403).
 */
async function requireSeries(ctx: MemberCtx, meetingId: string, manage = false): Promise<SeriesContext> {
  const row = await findSeries(ctx.deps.db, ctx.membership.workspaceId, meetingId);
  if (!row) throw meetingNotFound();
  const series = await contextOf(ctx, row);
  if (!canRead(ctx, series)) throw meetingNotFound();
  if (manage && !canManage(ctx, series)) throw manageForbidden();
  return series;
}

function finishedAtOf(rows: OverrideRow[], originalStart: string): string | null {
  const ms = Date.parse(originalStart);
  return rows.find((r) => Date.parse(r.original_start) === ms)?.finished_at ?? null;
}

/** The occurrence named by its original start; 404 unless the series really has it. */
function requireOccurrence(series: SeriesContext, start: string): OccurrenceView {
  const originalStart = isoOf(start);
  if (!isSeriesOccurrence(timingOf(series.row), originalStart)) throw occurrenceNotFound();
  const override = series.overrides.find((o) => o.originalStart === originalStart);
  const cancelled = override?.cancelled === true;
  const movedTo = !cancelled && override?.movedTo ? override.movedTo : null;
  const startISO = movedTo ?? originalStart;
  return {
    workspaceId: series.row.workspace_id,
    originalStart,
    start: startISO,
    end: new Date(Date.parse(startISO) + series.row.duration_min * 60_000).toISOString(),
    cancelled,
    moved: movedTo !== null && movedTo !== originalStart,
    finishedAt: finishedAtOf(series.overrideRows, originalStart),
  };
}

// ---------------------------------------------------------------------------------------------
// Shapes

function toSeries(series: SeriesContext, now: string): MeetingSeries {
  const { row } = series;
  let next: MeetingOccurrenceView | null = null;
  try {
    const occ = nextMeetingOccurrence(timingOf(row), series.overrides, now);
    if (occ) next = { ...occ, finishedAt: finishedAtOf(series.overrideRows, occ.originalStart) };
  } catch {
    // A stored rule is canonical; should one still not evaluate, the series simply has no "next".
    next = null;
  }
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    organizerId: row.organizer_id,
    participantIds: series.participantIds,
    rrule: row.rrule,
    timeZone: row.time_zone,
    startsAt: isoOf(row.starts_at),
    durationMin: row.duration_min,
    until: row.until === null ? null : isoOf(row.until),
    next,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function requireMembers(ctx: MemberCtx, ids: string[]): Promise<void> {
  const found = await memberIdsAmong(ctx.deps.db, ctx.membership.workspaceId, ids);
  // A mixed list with one foreign id fails whole.
  if (ids.some((id) => !found.has(id)))
    throw invalid('participantIds', 'must all be members of this workspace');
}

// ---------------------------------------------------------------------------------------------
// Series

/** Series the caller takes part in or organises (owners: all), each with its next occurrence. */
export async function listMeetings(ctx: MemberCtx): Promise<MeetingSeries[]> {
  const { db, clock } = ctx.deps;
  const ws = ctx.membership.workspaceId;
  const rows = await listSeries(db, ws, isOwner(ctx) ? null : ctx.user.id);
  const ids = rows.map((r) => r.id);
  const [participants, overrideRows] = await Promise.all([
    participantsOf(db, ws, ids),
    overridesOf(db, ws, ids),
  ]);
  const now = clock.now().toISOString();
  return rows.map((row) => {
    const mine = overrideRows.filter((o) => o.series_id === row.id);
    return toSeries(
      {
        row,
        participantIds: participants.get(row.id) ?? [],
        overrideRows: mine,
        overrides: mine.map(toOverride),
      },
      now,
    );
  });
}

export async function getMeeting(ctx: MemberCtx, meetingId: string): Promise<MeetingSeries> {
  return toSeries(await requireSeries(ctx, meetingId), ctx.deps.clock.now().toISOString());
}

/** Creates a series (or single meeting) organised by the caller, in their zone by default. */
export async function createMeeting(ctx: MemberCtx, body: CreateMeetingBody): Promise<MeetingSeries> {
  const checked = checkMeeting({
    ...body,
    description: body.description ?? '',
    timeZone: body.timeZone ?? ctx.user.timeZone,
  });
  if (!checked.ok) throw problemsError(checked.problems);
  const m = checked.value;
  await requireMembers(ctx, m.participantIds);
  const now = ctx.deps.clock.now().toISOString();
  const row: SeriesRow = {
    id: newId(),
    workspace_id: ctx.membership.workspaceId,
    title: m.title,
    description: m.description,
    organizer_id: ctx.user.id,
    rrule: m.rrule,
    time_zone: m.timeZone,
    starts_at: m.startsAt,
    duration_min: m.durationMin,
    until: m.until,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await ctx.deps.db.transaction().execute((trx) => insertSeries(trx, row, m.participantIds));
  return getMeeting(ctx, row.id);
}

/** Edits a series on the version seen (organizer or owners); a stale version gets 409 with the current one. */
export async function updateMeeting(
  ctx: MemberCtx,
  meetingId: string,
  body: UpdateMeetingBody,
): Promise<MeetingSeries> {
  const series = await requireSeries(ctx, meetingId, true);
  const current = toSeries(series, ctx.deps.clock.now().toISOString());
  const stale = () =>
    new AppError('conflict', 'Someone else changed this meeting in the meantime.', { current });
  if (body.version !== series.row.version) throw stale();
  const checked = checkMeeting({
    title: body.title ?? current.title,
    description: body.description ?? current.description,
    participantIds: body.participantIds ?? current.participantIds,
    rrule: body.rrule !== undefined ? body.rrule : current.rrule,
    timeZone: body.timeZone ?? current.timeZone,
    startsAt: body.startsAt ?? current.startsAt,
    durationMin: body.durationMin ?? current.durationMin,
    until: body.until !== undefined ? body.until : current.until,
  });
  if (!checked.ok) throw problemsError(checked.problems);
  const m = checked.value;
  if (body.participantIds !== undefined) await requireMembers(ctx, m.participantIds);
  const ws = ctx.membership.workspaceId;
  const updated = await ctx.deps.db.transaction().execute(async (trx) => {
    const row = await updateSeriesIfVersion(trx, ws, meetingId, body.version, {
      title: m.title,
      description: m.description,
      rrule: m.rrule,
      time_zone: m.timeZone,
      starts_at: m.startsAt,
      duration_min: m.durationMin,
      until: m.until,
      updated_at: ctx.deps.clock.now().toISOString(),
    });
    if (!row) return false;
    if (body.participantIds !== undefined) await replaceParticipants(trx, ws, meetingId, m.participantIds);
    return true;
  });
  if (!updated) {
    throw new AppError('conflict', 'Someone else changed this meeting in the meantime.', {
      current: await getMeeting(ctx, meetingId),
    });
  }
  return getMeeting(ctx, meetingId);
}

export async function removeMeeting(ctx: MemberCtx, meetingId: string): Promise<void> {
  await requireSeries(ctx, meetingId, true);
  await deleteSeries(ctx.deps.db, ctx.membership.workspaceId, meetingId);
}

// ---------------------------------------------------------------------------------------------
// Occurrences

/** The longest window one request may list; a calendar screen asks for a month or a year. */
export const occurrenceWindowDays = 400;

export async function listOccurrences(
  ctx: MemberCtx,
  meetingId: string,
  query: OccurrenceListQuery,
): Promise<MeetingOccurrenceView[]> {
  const series = await requireSeries(ctx, meetingId);
  const [from, to] = [Date.parse(query.from), Date.parse(query.to)];
  if (!(to > from)) throw invalid('to', 'must be after from');
  if (to - from > occurrenceWindowDays * 86_400_000) {
    throw invalid('to', `must be at most ${occurrenceWindowDays} days after from`);
  }
  const list = meetingOccurrences(
    timingOf(series.row),
    series.overrides,
    new Date(from).toISOString(),
    new Date(to).toISOString(),
  );
  return list.map((o) => ({ ...o, finishedAt: finishedAtOf(series.overrideRows, o.originalStart) }));
}

/** Moves or cancels one occurrence, or undoes both (`movedTo: null, cancelled: false`). */
export async function updateOccurrence(
  ctx: MemberCtx,
  meetingId: string,
  start: string,
  body: UpdateOccurrenceBody,
): Promise<MeetingOccurrenceView> {
  const series = await requireSeries(ctx, meetingId, true);
  const occ = requireOccurrence(series, start);
  const timing = timingOf(series.row);
  const undo = (body.movedTo === null || body.movedTo === undefined) && body.cancelled === false;
  let movedTo: string | null = null;
  let cancelled = false;
  if (!undo) {
    const checked = checkOccurrenceOverride(timing, { ...body, originalStart: occ.originalStart });
    if (!checked.ok) throw problemsError(checked.problems);
    movedTo = checked.value.movedTo ?? null;
    cancelled = checked.value.cancelled === true;
  }
  const ws = ctx.membership.workspaceId;
  const exists = series.overrideRows.some(
    (r) => Date.parse(r.original_start) === Date.parse(occ.originalStart),
  );
  if (!exists && (await countOverrides(ctx.deps.db, ws, meetingId)) >= meetingLimits.overridesMax) {
    throw invalid('movedTo', 'too many changed occurrences in this series', 'too_many');
  }
  await upsertOverride(
    ctx.deps.db,
    { workspaceId: ws, seriesId: meetingId, originalStart: occ.originalStart, movedTo, cancelled },
    ctx.deps.clock.now().toISOString(),
  );
  const { workspaceId: _w, ...view } = requireOccurrence(
    await requireSeries(ctx, meetingId),
    occ.originalStart,
  );
  return view;
}

// ---------------------------------------------------------------------------------------------
// Agenda

async function collected(ctx: MemberCtx, meetingId: string, start: string) {
  const series = await requireSeries(ctx, meetingId);
  const occ = requireOccurrence(series, start);
  const all = await collectAgenda(ctx.deps.db, ctx.deps, series, occ);
  return { series, occ, all };
}

async function agendaOf(ctx: MemberCtx, meetingId: string, all: CollectedAgenda, viewer?: Viewer) {
  return agendaView(ctx.deps.db, all, viewer ?? (await viewerOf(ctx)), meetingId);
}

function stripAgenda(agenda: Agenda & { visibleItems?: unknown }): Agenda {
  const { visibleItems: _v, ...rest } = agenda;
  return rest;
}

/** One occurrence's agenda as the caller may see it (see `collectAgenda` for live vs. frozen). */
export async function getAgenda(ctx: MemberCtx, meetingId: string, start: string): Promise<Agenda> {
  const { all } = await collected(ctx, meetingId, start);
  return stripAgenda(await agendaOf(ctx, meetingId, all));
}

/** The agenda of the next occurrence (the one not cancelled whose end is still ahead). */
export async function getNextAgenda(ctx: MemberCtx, meetingId: string): Promise<Agenda> {
  const series = await requireSeries(ctx, meetingId);
  const next = nextMeetingOccurrence(
    timingOf(series.row),
    series.overrides,
    ctx.deps.clock.now().toISOString(),
  );
  if (!next) throw occurrenceNotFound();
  return getAgenda(ctx, meetingId, next.originalStart);
}

async function itemViewOrThrow(ctx: MemberCtx, meetingId: string, start: string, key: string) {
  const { all } = await collected(ctx, meetingId, start);
  const agenda = await agendaOf(ctx, meetingId, all);
  const view = agenda.items.find((i) => i.key === key);
  if (!view) throw new AppError('not_found', 'Agenda item not found.');
  return view;
}

/** Adds an item to one occurrence's agenda (`manual:<id>`); a linked task must be one the caller sees. */
export async function addAgendaItem(
  ctx: MemberCtx,
  meetingId: string,
  start: string,
  body: AddAgendaItemBody,
): Promise<AgendaItemView> {
  const series = await requireSeries(ctx, meetingId);
  const occ = requireOccurrence(series, start);
  const title = titleOrThrow('title', body.title, meetingLimits.agendaItemTitleMax);
  const ws = ctx.membership.workspaceId;
  const taskId = body.taskId ?? null;
  if (taskId !== null && !(await findVisibleTask(ctx.deps.db, await viewerOf(ctx), ws, taskId))) {
    throw invalid('taskId', 'is not a task here');
  }
  const id = newId();
  const now = ctx.deps.clock.now().toISOString();
  await insertEntry(ctx.deps.db, {
    id,
    workspace_id: ws,
    series_id: meetingId,
    occurrence_start: occ.originalStart,
    item_key: `manual:${id}`,
    source: 'manual',
    source_id: id,
    title,
    data: JSON.stringify({ link: taskId ? { kind: 'task', id: taskId } : null, taskId }),
    notes: '',
    status: 'open',
    added_by: ctx.user.id,
    created_at: now,
    updated_at: now,
  });
  return itemViewOrThrow(ctx, meetingId, occ.originalStart, `manual:${id}`);
}

/** Notes and status of an item the caller sees on that agenda; stored with a title snapshot. */
export async function updateAgendaItem(
  ctx: MemberCtx,
  meetingId: string,
  start: string,
  key: string,
  body: UpdateAgendaItemBody,
): Promise<AgendaItemView> {
  const { occ, all } = await collected(ctx, meetingId, start);
  const agenda = await agendaOf(ctx, meetingId, all);
  const item = agenda.visibleItems.find((i) => i.key === key);
  if (!item) throw new AppError('not_found', 'Agenda item not found.');
  const now = ctx.deps.clock.now().toISOString();
  const existing = all.entries.get(key);
  await upsertEntry(
    ctx.deps.db,
    {
      id: existing?.id ?? newId(),
      workspace_id: ctx.membership.workspaceId,
      series_id: meetingId,
      occurrence_start: occ.originalStart,
      item_key: key,
      source: item.source,
      source_id: item.sourceId,
      title: item.title,
      data: JSON.stringify(entryDataOf(item)),
      notes: existing?.notes ?? '',
      status: existing?.status ?? 'open',
      added_by: existing?.added_by ?? ctx.user.id,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    },
    {
      ...(body.notes !== undefined ? { notes: body.notes } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
    },
  );
  return itemViewOrThrow(ctx, meetingId, occ.originalStart, key);
}

/**
 * An action item becomes a task through the task service, so every task rule applies
 * (visibility, proposed tasks below L3, assignment notifications). The task is committed
 * first, then the action item row; should the second insert fail, a plain task remains.
 */
export async function createActionItem(
  ctx: MemberCtx,
  meetingId: string,
  start: string,
  body: CreateActionItemBody,
): Promise<{ actionItem: ActionItem; task: Task }> {
  const { occ, all } = await collected(ctx, meetingId, start);
  const title = titleOrThrow('title', body.title, 500);
  const itemKey = body.itemKey ?? null;
  if (itemKey !== null) {
    const agenda = await agendaOf(ctx, meetingId, all);
    if (!agenda.items.some((i) => i.key === itemKey))
      throw invalid('itemKey', 'is not an item of this agenda');
  }
  const task = await createTask(ctx, {
    title,
    assigneeId: body.assigneeId,
    ...(body.dueAt !== undefined ? { dueAt: body.dueAt } : {}),
    ...(body.areaId !== undefined ? { areaId: body.areaId } : {}),
  });
  const id = newId();
  const ws = ctx.membership.workspaceId;
  await insertActionItem(ctx.deps.db, {
    id,
    workspace_id: ws,
    series_id: meetingId,
    occurrence_start: occ.originalStart,
    item_key: itemKey,
    title,
    task_id: task.id,
    created_by: ctx.user.id,
    created_at: ctx.deps.clock.now().toISOString(),
  });
  const rows = await actionItemsOf(ctx.deps.db, ws, meetingId, occ.originalStart);
  const row = rows.find((r) => r.id === id);
  if (!row) throw new AppError('internal_error', 'The action item was not stored.');
  return { actionItem: toActionItem(row), task };
}

// ---------------------------------------------------------------------------------------------
// Finishing: the minutes go out once

const EXCERPT_MAX = 1000;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The minutes as one recipient may read them: discussed items with notes, deferred items, action items. */
function minutesExcerpt(title: string, agenda: Agenda): string {
  const discussed = agenda.items
    .filter((i) => i.status === 'discussed')
    .map((i) => (i.notes.trim() === '' ? clip(i.title, 80) : `${clip(i.title, 80)}: ${clip(i.notes, 160)}`));
  const deferred = agenda.items.filter((i) => i.status === 'deferred').map((i) => clip(i.title, 80));
  const actions = agenda.actionItems.map((a) => clip(a.title, 80));
  const parts = [clip(title, 120)];
  if (discussed.length > 0) parts.push(`Discussed: ${discussed.join('; ')}`);
  if (deferred.length > 0) parts.push(`Deferred: ${deferred.join('; ')}`);
  if (actions.length > 0) parts.push(`Action items: ${actions.join('; ')}`);
  return clip(parts.join(' — '), EXCERPT_MAX);
}

/**
 * Ends an occurrence (organizer or owners): stamps `finished_at` once and sends each
 * participant a `meeting_summary` with the minutes they may see (an assistant's excerpt
 * leaves out items about tasks hidden from them). A second call is a 409.
 */
export async function finishOccurrence(
  ctx: MemberCtx,
  meetingId: string,
  start: string,
): Promise<MeetingOccurrenceView> {
  const series = await requireSeries(ctx, meetingId, true);
  const occ = requireOccurrence(series, start);
  if (occ.cancelled) throw new AppError('conflict', 'This occurrence was cancelled.');
  if (occ.finishedAt !== null) throw new AppError('conflict', 'This occurrence is already finished.');
  const { db } = ctx.deps;
  const ws = ctx.membership.workspaceId;
  const all = await collectAgenda(db, ctx.deps, series, occ);
  const recipients = [
    ...new Set([...series.participantIds, ...(series.row.organizer_id ? [series.row.organizer_id] : [])]),
  ].filter((id) => id !== ctx.user.id);
  const members = await membersWithRoles(db, ws, recipients);
  const excerpts: { userId: string; excerpt: string }[] = [];
  for (const m of members) {
    const viewer = await loadViewer(db, ws, m.user_id, m.role);
    excerpts.push({
      userId: m.user_id,
      excerpt: minutesExcerpt(series.row.title, await agendaOf(ctx, meetingId, all, viewer)),
    });
  }
  const now = ctx.deps.clock.now().toISOString();
  const after = new AfterCommit();
  const done = await db.transaction().execute(async (trx) => {
    if (!(await finishOnce(trx, ws, meetingId, occ.originalStart, ctx.user.id, now))) return false;
    for (const e of excerpts) {
      const told = await notify(trx, ctx.deps, {
        workspaceId: ws,
        kind: 'meeting_summary',
        recipientIds: [e.userId],
        taskId: null,
        actorId: ctx.user.id,
        excerpt: e.excerpt,
        subjectType: 'meeting',
        subjectId: meetingId,
      });
      after.notified(ws, told);
    }
    return true;
  });
  if (!done) throw new AppError('conflict', 'This occurrence is already finished.');
  after.flush(ctx.deps);
  const { workspaceId: _w, ...view } = requireOccurrence(
    await requireSeries(ctx, meetingId),
    occ.originalStart,
  );
  return view;
}

// ---------------------------------------------------------------------------------------------
// Pinned items

const pinnedMax = 50;

export async function pinItem(
  ctx: MemberCtx,
  meetingId: string,
  body: PinItemBody,
): Promise<{ id: string; title: string; position: number }> {
  await requireSeries(ctx, meetingId, true);
  const title = titleOrThrow('title', body.title, meetingLimits.agendaItemTitleMax);
  const ws = ctx.membership.workspaceId;
  const id = newId();
  const position = await ctx.deps.db.transaction().execute(async (trx) => {
    if ((await countPinned(trx, ws, meetingId)) >= pinnedMax)
      throw invalid('title', `at most ${pinnedMax} pinned items`, 'too_many');
    return insertPinned(trx, {
      id,
      workspaceId: ws,
      seriesId: meetingId,
      title,
      now: ctx.deps.clock.now().toISOString(),
    });
  });
  return { id, title, position };
}

export async function unpinItem(ctx: MemberCtx, meetingId: string, pinnedId: string): Promise<void> {
  await requireSeries(ctx, meetingId, true);
  if (!(await deletePinned(ctx.deps.db, ctx.membership.workspaceId, meetingId, pinnedId))) {
    throw new AppError('not_found', 'Pinned item not found.');
  }
}

/** For the feed module: the series context of a meeting the caller may read. */
export async function readableSeries(ctx: MemberCtx, meetingId: string): Promise<SeriesContext> {
  return requireSeries(ctx, meetingId);
}
