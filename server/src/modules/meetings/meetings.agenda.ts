import {
  type ActionItem,
  type Agenda,
  type AgendaItem,
  type AgendaItemStatus,
  type AgendaItemView,
  type AgendaLink,
  type AgendaReason,
  type AgendaSection,
  type AgendaSource,
  agendaFor,
  agendaSources,
  buildAgenda,
  type CarriedOverInput,
  canSeeTask,
  defaultAgendaThresholds,
  deferredItems,
  isAgendaLive,
  type MeetingOccurrence,
  meetingOccurrences,
  type TaskVisibilityFacts,
  type Viewer,
} from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { Deps } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import {
  type ActionItemWithTask,
  actionItemsOf,
  type EntryRow,
  entriesOf,
  episodesEndingBy,
  flaggedCheckIns,
  lessonsBetween,
  openEarlierActionItems,
  openFollowUpsDueBy,
  pendingProposals,
  pinnedOf,
  stuckTasks,
  taskFactsOf,
  visibleLessonIds,
  waitingQuestions,
} from './meetings.repository.ts';
import { type OccurrenceView, type SeriesContext, timingOf } from './meetings.shared.ts';

type Q = Kysely<Database> | Transaction<Database>;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * What an agenda entry remembers about its item besides notes and status, so a deferred item
 * can be carried to the next occurrence and an item whose source vanished after the meeting
 * started can still be shown under its own section. Task facts are never trusted from here:
 * they are reloaded from `tasks` on every read, so visibility follows the task's current state.
 */
export interface EntryData {
  link?: AgendaLink | null;
  taskId?: string | null;
  aboutMemberId?: string | null;
  section?: AgendaSection;
  reason?: AgendaReason;
  detail?: string | null;
  since?: string;
}

export function entryDataOf(item: AgendaItem): EntryData {
  return {
    link: item.link,
    taskId: item.taskId,
    aboutMemberId: item.aboutMemberId,
    section: item.section,
    reason: item.reason,
    detail: item.detail,
    since: item.since,
  };
}

function parseData(text: string): EntryData {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as EntryData) : {};
  } catch {
    return {};
  }
}

const isSource = (s: string): s is AgendaSource => (agendaSources as readonly string[]).includes(s);

/** An agenda item rebuilt from its stored entry (for deferred carry-over and frozen agendas). */
function itemFromEntry(entry: EntryRow, facts: Map<string, TaskVisibilityFacts>): AgendaItem | null {
  if (!isSource(entry.source)) return null;
  const data = parseData(entry.data);
  const taskId = data.taskId ?? (data.link?.kind === 'task' ? data.link.id : null);
  return {
    key: entry.item_key,
    source: entry.source,
    sourceId: entry.source_id,
    section: data.section ?? (entry.source === 'manual' ? 'added' : 'carried_over'),
    order: 0,
    title: entry.title,
    detail: data.detail ?? null,
    reason: data.reason ?? { code: entry.source === 'manual' ? 'added' : 'carried_over', params: {} },
    link: data.link ?? null,
    taskId,
    // A task that is gone has no facts: the item is then shown to owners only (core fails closed).
    taskFacts: taskId === null ? null : (facts.get(taskId) ?? null),
    aboutMemberId: data.aboutMemberId ?? null,
    since: data.since ?? entry.created_at,
    carriedOver: false,
  };
}

/** The occurrence held before this one (not cancelled), within a year, or null. */
function previousOccurrence(series: SeriesContext, occ: OccurrenceView): MeetingOccurrence | null {
  const startMs = Date.parse(occ.start);
  const list = meetingOccurrences(
    timingOf(series.row),
    series.overrides,
    iso(startMs - 366 * DAY_MS),
    occ.start,
  );
  const held = list.filter((o) => !o.cancelled && o.originalStart !== occ.originalStart);
  return held.length > 0 ? (held[held.length - 1] as MeetingOccurrence) : null;
}

/** Everything the agenda of one occurrence consists of, before it is cut to one viewer. */
export interface CollectedAgenda {
  occurrence: OccurrenceView;
  live: boolean;
  previousStart: string | null;
  items: AgendaItem[];
  entries: Map<string, EntryRow>;
  actionItems: ActionItemWithTask[];
  pinned: { id: string; title: string; position: number }[];
}

/**
 * Assembles the agenda of one occurrence from the database with one query per source (never
 * one per task) and core's `buildAgenda`.
 *
 * Frozen-or-live: the agenda is generated on every read. Once the occurrence started, items
 * that have a stored entry (notes, a status, a manual item) stay on the agenda under their
 * stored title and section even when their source has vanished (the question got answered
 * during the meeting), so the minutes never lose a line. Before it starts (`live`) only the
 * entries someone worked on stay (notes, a status other than open, an action item); untouched
 * items follow their sources.
 */
export async function collectAgenda(
  db: Q,
  deps: Deps,
  series: SeriesContext,
  occ: OccurrenceView,
): Promise<CollectedAgenda> {
  const ws = series.row.workspace_id;
  const seriesId = series.row.id;
  const nowMs = deps.clock.now().getTime();
  const now = iso(nowMs);
  const t = defaultAgendaThresholds;
  const previous = previousOccurrence(series, occ);
  const previousStart = previous?.start ?? null;
  const sinceISO = previousStart ?? iso(nowMs - t.lookbackDays * DAY_MS);

  const [
    entryRows,
    previousEntries,
    earlierActions,
    pinned,
    proposals,
    episodes,
    questions,
    tasks,
    lessons,
    followUps,
    checkIns,
    actionItems,
    goals,
  ] = await Promise.all([
    entriesOf(db, ws, seriesId, occ.originalStart),
    previous ? entriesOf(db, ws, seriesId, previous.originalStart) : Promise.resolve([] as EntryRow[]),
    openEarlierActionItems(db, ws, seriesId, occ.originalStart),
    pinnedOf(db, ws, seriesId),
    pendingProposals(db, ws),
    episodesEndingBy(db, ws, now, iso(nowMs + t.episodeDays * DAY_MS)),
    waitingQuestions(db, ws, iso(nowMs - t.questionHours * HOUR_MS)),
    stuckTasks(db, ws, iso(nowMs - t.blockedHours * HOUR_MS), now),
    lessonsBetween(db, ws, sinceISO, now),
    openFollowUpsDueBy(db, ws, occ.start),
    flaggedCheckIns(db, ws, sinceISO, now),
    actionItemsOf(db, ws, seriesId, occ.originalStart),
    // Goals at risk or off track (DESIGN §9): few rows, read by the workspace index.
    db
      .selectFrom('goals')
      .select(['id', 'title', 'status', 'updated_at'])
      .where('workspace_id', '=', ws)
      .where('status', 'in', ['at_risk', 'off_track'])
      .execute(),
  ]);

  const deferredRows = previousEntries.filter((e) => e.status === 'deferred');
  const entryTaskIds = [...entryRows, ...deferredRows]
    .map((e) => {
      const d = parseData(e.data);
      return d.taskId ?? (d.link?.kind === 'task' ? d.link.id : null);
    })
    .filter((id): id is string => id !== null && id !== undefined);
  const facts = await taskFactsOf(db, ws, entryTaskIds);

  const carriedOver: CarriedOverInput[] = earlierActions.map((a) => ({
    id: a.id,
    kind: 'action_item',
    title: a.title,
    since: a.created_at,
    link: { kind: 'action_item', id: a.id },
    taskId: a.task_id,
    taskFacts:
      a.task_creator_id === null
        ? null
        : { areaId: a.task_area_id, assigneeId: a.task_assignee_id, creatorId: a.task_creator_id },
  }));
  for (const e of deferredRows) {
    const item = itemFromEntry(e, facts);
    if (item) carriedOver.push(...deferredItems([{ ...item, status: 'deferred' }], e.updated_at));
  }

  const manual = entryRows
    .filter((e) => e.source === 'manual')
    .map((e) => {
      const item = itemFromEntry(e, facts);
      return {
        id: e.source_id,
        title: e.title,
        addedById: e.added_by ?? '',
        addedAt: e.created_at,
        link: item?.link ?? null,
        taskId: item?.taskId ?? null,
        taskFacts: item?.taskFacts ?? null,
      };
    });

  let items = buildAgenda({
    now,
    occurrenceStart: occ.start,
    previousOccurrenceStart: previousStart,
    thresholds: t,
    carriedOver,
    pinned: pinned.map((p) => ({ id: p.id, title: p.title })),
    proposals: proposals.map((p) => ({
      id: p.id,
      memberId: p.member_id,
      memberName: p.member_name,
      areaId: p.area_id,
      areaName: p.area_name,
      fromLevel: p.from_level,
      toLevel: p.to_level,
      createdAt: p.created_at,
    })),
    episodes: episodes.map((e) => ({
      id: e.id,
      memberId: e.member_id,
      memberName: e.member_name,
      areaId: e.area_id,
      areaName: e.area_name,
      plannedEndAt: e.planned_end_at,
      endedAt: e.ended_at,
    })),
    questions: questions.map((q) => ({
      id: q.id,
      taskId: q.task_id,
      askedAt: q.created_at,
      title: questionTitle(q.body),
      answeredAt: q.answered_at,
      taskFacts: q.facts,
    })),
    tasks: tasks.map((task) => ({
      id: task.id,
      title: task.title,
      blocked: task.blocked === 1,
      blockedSince: task.blocked_since,
      dueAt: task.due_at,
      state: task.state,
      areaId: task.area_id,
      assigneeId: task.assignee_id,
      creatorId: task.creator_id,
    })),
    lessons: lessons.map((l) => ({
      id: l.id,
      title: l.title,
      createdAt: l.created_at,
      areaId: l.lesson_area_id,
      taskId: l.task_id,
      taskFacts: l.facts,
    })),
    goals: goals.map((g) => ({ id: g.id, title: g.title, status: g.status, updatedAt: g.updated_at })),
    followUps: followUps.map((f) => ({
      id: f.id,
      lessonId: f.lesson_id,
      title: f.title,
      dueAt: f.due_at,
      status: f.status,
      taskId: f.task_id,
      taskFacts: f.facts,
    })),
    checkIns: checkIns.map((c) => ({
      id: c.id,
      memberId: c.member_id,
      memberName: c.member_name,
      blockers: c.blockers,
      discuss: c.discuss === 1,
      submittedAt: c.submitted_at,
    })),
    manual,
  });

  const live = isAgendaLive(occ, now);
  // Before the start, an item whose source resolved leaves the agenda, unless someone already
  // worked on it (notes, a status, an action item): what people wrote is never dropped.
  const worked = new Set(actionItems.map((a) => a.item_key).filter((k): k is string => k !== null));
  const keep = (e: (typeof entryRows)[number]) =>
    !live || e.notes.trim() !== '' || e.status !== 'open' || worked.has(e.item_key);
  {
    const present = new Set(items.map((i) => i.key));
    const kept = entryRows
      .filter((e) => !present.has(e.item_key) && keep(e))
      .map((e) => itemFromEntry(e, facts))
      .filter((i): i is AgendaItem => i !== null);
    items = [...items, ...kept].map((item, order) => ({ ...item, order }));
  }

  // Lessons and follow-ups keep the lessons module's own visibility: remember the lesson ids.
  const lessonOf = new Map<string, string>();
  for (const l of lessons) lessonOf.set(`lesson:${l.id}`, l.id);
  for (const f of followUps) lessonOf.set(`follow_up:${f.id}`, f.lesson_id);

  return {
    occurrence: occ,
    live,
    previousStart,
    items: items.map((i) => Object.assign(i, { lessonId: lessonOf.get(i.key) ?? null })),
    entries: new Map(entryRows.map((e) => [e.item_key, e])),
    actionItems,
    pinned,
  };
}

/** First line of a question, short enough for an agenda line. */
function questionTitle(body: string): string {
  const line = body.trim().split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

type ItemWithLesson = AgendaItem & { lessonId?: string | null };

function actionItemVisible(viewer: Viewer, a: ActionItemWithTask): boolean {
  if (a.task_creator_id === null) return viewer.role === 'owner' || a.created_by === viewer.userId;
  return canSeeTask(viewer, {
    areaId: a.task_area_id,
    assigneeId: a.task_assignee_id,
    creatorId: a.task_creator_id,
  });
}

export function toActionItem(a: ActionItemWithTask): ActionItem {
  const exists = a.task_exists !== null;
  return {
    id: a.id,
    title: a.title,
    itemKey: a.item_key,
    occurrenceStart: new Date(a.occurrence_start).toISOString(),
    taskId: exists ? a.task_id : null,
    taskState: exists ? a.task_state : null,
    assigneeId: exists ? a.task_assignee_id : null,
    dueAt: exists ? a.task_due_at : null,
    createdAt: a.created_at,
  };
}

/** The items one viewer may see (core's `agendaFor` plus the lessons' own visibility). */
export async function itemsFor(db: Q, collected: CollectedAgenda, viewer: Viewer): Promise<ItemWithLesson[]> {
  const items = agendaFor(viewer, collected.items) as ItemWithLesson[];
  if (viewer.role === 'owner') return items;
  const lessonIds = items.map((i) => i.lessonId).filter((id): id is string => typeof id === 'string');
  if (lessonIds.length === 0) return items;
  const ws = collected.occurrence.workspaceId;
  const visible = await visibleLessonIds(db, viewer, ws, lessonIds);
  return items.filter((i) => typeof i.lessonId !== 'string' || visible.has(i.lessonId));
}

export function toItemView(
  item: AgendaItem,
  entry: EntryRow | undefined,
  actionItemIds: string[],
): AgendaItemView {
  const status: AgendaItemStatus = entry?.status ?? 'open';
  return {
    key: item.key,
    source: item.source,
    sourceId: item.sourceId,
    section: item.section,
    order: item.order,
    title: item.title,
    detail: item.detail,
    reason: { code: item.reason.code, params: { ...item.reason.params } },
    link: item.link,
    taskId: item.taskId,
    aboutMemberId: item.aboutMemberId,
    since: item.since,
    carriedOver: item.carriedOver,
    status,
    notes: entry?.notes ?? '',
    actionItemIds,
  };
}

/** The agenda as one viewer sees it, merged with notes, statuses and action items. */
export async function agendaView(
  db: Q,
  collected: CollectedAgenda,
  viewer: Viewer,
  meetingId: string,
): Promise<Agenda & { visibleItems: ItemWithLesson[] }> {
  const items = await itemsFor(db, collected, viewer);
  const actions = collected.actionItems.filter((a) => actionItemVisible(viewer, a));
  const byKey = new Map<string, string[]>();
  for (const a of actions) {
    if (a.item_key === null) continue;
    byKey.set(a.item_key, [...(byKey.get(a.item_key) ?? []), a.id]);
  }
  const { workspaceId: _w, ...occurrence } = collected.occurrence;
  return {
    meetingId,
    occurrence,
    live: collected.live,
    previousStart: collected.previousStart,
    items: items.map((i) => toItemView(i, collected.entries.get(i.key), byKey.get(i.key) ?? [])),
    actionItems: actions.map(toActionItem),
    pinned: collected.pinned,
    visibleItems: items,
  };
}
