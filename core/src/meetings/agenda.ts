import type { TaskState } from '../limits.ts';
import { canSeeTask, type TaskVisibilityFacts, type Viewer } from '../visibility.ts';
import {
  type AgendaItemStatus,
  type AgendaLinkKind,
  type AgendaReasonCode,
  type AgendaSection,
  type AgendaSource,
  type AgendaThresholds,
  agendaSections,
  agendaSources,
} from './values.ts';

/**
 * The agenda that builds itself (DESIGN §7). `buildAgenda` is a pure function of plain
 * data: the server loads the candidates, calls it whenever something changes until the
 * occurrence starts, and stores notes and statuses by `key`, which stays the same across
 * rebuilds (`${source}:${sourceId}`), so regenerating never detaches a note.
 *
 * Dedupe decisions:
 * - A task both blocked and overdue is one item with the blocked reason (the overdue days
 *   ride along as a param): being stuck is the thing to talk about.
 * - A task with an open question on the agenda is not listed again: the question (the
 *   oldest one on that task) carries the task's blocked hours and overdue days, because
 *   answering it is what unblocks the task.
 * - A check-in with blockers and the discuss flag is one item with the blocker reason.
 * - A deferred item the sources still produce keeps its section and fresh reason and is
 *   marked `carriedOver`; one they no longer produce is listed under "carried over".
 * - Manual items are never merged with generated ones: people add what they want to say.
 */

export interface AgendaLink {
  kind: AgendaLinkKind;
  id: string;
}

export interface AgendaReason {
  code: AgendaReasonCode;
  params: Record<string, string | number>;
}

export interface AgendaItem {
  /** `${source}:${sourceId}`: stable across rebuilds, the handle for notes and status. */
  key: string;
  source: AgendaSource;
  sourceId: string;
  section: AgendaSection;
  /** Position in the whole agenda, from 0. */
  order: number;
  title: string;
  /** Longer text shown under the title (a check-in's blockers), or null. */
  detail: string | null;
  reason: AgendaReason;
  link: AgendaLink | null;
  /** The task the item is about, or null. With `taskFacts` null it is shown to owners only. */
  taskId: string | null;
  taskFacts: TaskVisibilityFacts | null;
  /** The member a proposal, episode or check-in is about: other assistants never see it. */
  aboutMemberId: string | null;
  /** When the item became relevant (asked, blocked, due, planned end); orders a section. */
  since: string;
  /** Deferred at an earlier occurrence (or an open action item from one). */
  carriedOver: boolean;
}

export interface CarriedOverInput {
  id: string;
  /** An open action item from an earlier occurrence, or an item deferred there. */
  kind: 'action_item' | 'deferred';
  title: string;
  /** When it was created or deferred. */
  since: string;
  /** For a deferred item: the source and id it had, so it keeps its key and notes. */
  source?: AgendaSource;
  sourceId?: string;
  link?: AgendaLink | null;
  taskId?: string | null;
  taskFacts?: TaskVisibilityFacts | null;
  aboutMemberId?: string | null;
}

export interface PinnedInput {
  id: string;
  title: string;
}

export interface ProposalInput {
  id: string;
  memberId: string;
  memberName: string;
  areaId: string;
  areaName: string;
  fromLevel: number;
  toLevel: number;
  createdAt: string;
}

export interface EpisodeInput {
  id: string;
  memberId: string;
  memberName: string;
  areaId: string;
  areaName: string;
  plannedEndAt: string;
  endedAt: string | null;
}

export interface QuestionAgendaInput {
  id: string;
  taskId: string | null;
  askedAt: string;
  title: string;
  answeredAt: string | null;
  /** The task's visibility facts; looked up in `tasks` when missing. */
  taskFacts?: TaskVisibilityFacts | null;
}

export interface TaskAgendaInput extends TaskVisibilityFacts {
  id: string;
  title: string;
  blocked: boolean;
  blockedSince: string | null;
  dueAt: string | null;
  state: TaskState;
}

export interface LessonAgendaInput {
  id: string;
  title: string;
  createdAt: string;
  areaId: string | null;
  /** A lesson linked to a task is seen only by those who see the task. */
  taskId?: string | null;
  taskFacts?: TaskVisibilityFacts | null;
}

export interface FollowUpAgendaInput {
  id: string;
  lessonId: string;
  title: string;
  dueAt: string;
  status: 'open' | 'done';
  /** The lesson's task, if any, for visibility. */
  taskId?: string | null;
  taskFacts?: TaskVisibilityFacts | null;
}

export interface CheckInAgendaInput {
  id: string;
  memberId: string;
  memberName: string;
  blockers: string;
  discuss: boolean;
  submittedAt: string;
}

export interface ManualAgendaInput {
  id: string;
  title: string;
  addedById: string;
  addedAt: string;
  link?: AgendaLink | null;
  taskId?: string | null;
  taskFacts?: TaskVisibilityFacts | null;
}

/** A goal of the workspace; only those at risk or off track reach the agenda (DESIGN §9). */
export interface GoalAgendaInput {
  id: string;
  title: string;
  status: 'on_track' | 'at_risk' | 'off_track';
  /** When the status last changed (or the goal was last updated). */
  updatedAt: string;
}

export interface AgendaInput {
  now: string;
  occurrenceStart: string;
  previousOccurrenceStart: string | null;
  thresholds: AgendaThresholds;
  carriedOver: readonly CarriedOverInput[];
  pinned: readonly PinnedInput[];
  /** Pending proposals only; the caller filters by status. */
  proposals: readonly ProposalInput[];
  episodes: readonly EpisodeInput[];
  questions: readonly QuestionAgendaInput[];
  tasks: readonly TaskAgendaInput[];
  lessons: readonly LessonAgendaInput[];
  followUps: readonly FollowUpAgendaInput[];
  checkIns: readonly CheckInAgendaInput[];
  manual: readonly ManualAgendaInput[];
  /** Goals; optional so callers without goals need not pass them. */
  goals?: readonly GoalAgendaInput[];
}

const HOUR_MS = 3_600_000;
/** Code-unit order, not `localeCompare`: the server and every browser must agree on it. */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const DAY_MS = 86_400_000;

const sectionOf: Record<AgendaSource, AgendaSection> = {
  action_item: 'carried_over',
  pinned: 'pinned',
  level_proposal: 'autonomy',
  episode_ending: 'autonomy',
  question: 'questions',
  blocked_task: 'tasks',
  overdue_task: 'tasks',
  lesson: 'learning',
  follow_up: 'learning',
  checkin_blocker: 'check_ins',
  checkin_flag: 'check_ins',
  manual: 'added',
  goal: 'goals',
};

type Draft = Omit<AgendaItem, 'order'> & { rank: number };

function draft(
  source: AgendaSource,
  sourceId: string,
  fields: Partial<Omit<Draft, 'source' | 'sourceId' | 'key'>> & Pick<Draft, 'title' | 'reason' | 'since'>,
): Draft {
  return {
    key: `${source}:${sourceId}`,
    source,
    sourceId,
    section: sectionOf[source],
    detail: null,
    link: null,
    taskId: null,
    taskFacts: null,
    aboutMemberId: null,
    carriedOver: false,
    rank: 0,
    ...fields,
  };
}

/** A link to a task names that task, so visibility applies even when the caller forgot `taskId`. */
const linkedTask = (link: AgendaLink | null | undefined): string | null =>
  link?.kind === 'task' ? link.id : null;

const factsOf = (t: TaskAgendaInput): TaskVisibilityFacts => ({
  areaId: t.areaId,
  assigneeId: t.assigneeId,
  creatorId: t.creatorId,
});

/**
 * Builds the agenda of one occurrence from plain data, in a fixed order: sections as in
 * `agendaSections`, within a section by source, then oldest first (`since`), then key.
 * Pinned items keep the order they were pinned in. See the module comment for dedupe.
 */
export function buildAgenda(input: AgendaInput): AgendaItem[] {
  const nowMs = Date.parse(input.now);
  const t = input.thresholds;
  const sinceMs =
    input.previousOccurrenceStart === null
      ? nowMs - t.lookbackDays * DAY_MS
      : Date.parse(input.previousOccurrenceStart);
  const items = new Map<string, Draft>();
  const add = (d: Draft): void => {
    if (!items.has(d.key)) items.set(d.key, d);
  };
  const tasksById = new Map(input.tasks.map((task) => [task.id, task]));

  input.pinned.forEach((p, index) => {
    add(
      draft('pinned', p.id, {
        title: p.title,
        reason: { code: 'pinned', params: {} },
        since: input.occurrenceStart,
        rank: index,
      }),
    );
  });

  for (const g of input.goals ?? []) {
    if (g.status === 'on_track') continue;
    add(
      draft('goal', g.id, {
        title: g.title,
        reason: { code: g.status === 'off_track' ? 'goal_off_track' : 'goal_at_risk', params: {} },
        link: { kind: 'goal', id: g.id },
        since: g.updatedAt,
        // Off track before at risk: the worse news first.
        rank: g.status === 'off_track' ? 0 : 1,
      }),
    );
  }

  for (const p of input.proposals) {
    add(
      draft('level_proposal', p.id, {
        title: `${p.memberName} · ${p.areaName}`,
        reason: {
          code: 'proposal_pending',
          params: {
            memberName: p.memberName,
            areaName: p.areaName,
            fromLevel: p.fromLevel,
            toLevel: p.toLevel,
          },
        },
        link: { kind: 'proposal', id: p.id },
        aboutMemberId: p.memberId,
        since: p.createdAt,
      }),
    );
  }

  for (const e of input.episodes) {
    const leftMs = Date.parse(e.plannedEndAt) - nowMs;
    // Already past its planned end: it has ended by itself (or will at the next job run).
    if (e.endedAt !== null || leftMs <= 0 || leftMs > t.episodeDays * DAY_MS) continue;
    add(
      draft('episode_ending', e.id, {
        title: `${e.memberName} · ${e.areaName}`,
        reason: {
          code: 'episode_ending',
          params: { days: Math.ceil(leftMs / DAY_MS), memberName: e.memberName, areaName: e.areaName },
        },
        link: { kind: 'episode', id: e.id },
        aboutMemberId: e.memberId,
        since: e.plannedEndAt,
      }),
    );
  }

  // Questions first, so the task pass below can fold a task into its question.
  const questionByTask = new Map<string, Draft>();
  const waiting = input.questions
    .filter((q) => q.answeredAt === null && nowMs - Date.parse(q.askedAt) > t.questionHours * HOUR_MS)
    .sort((a, b) => Date.parse(a.askedAt) - Date.parse(b.askedAt) || byText(a.id, b.id));
  for (const q of waiting) {
    const task = q.taskId === null ? undefined : tasksById.get(q.taskId);
    const d = draft('question', q.id, {
      title: q.title,
      reason: {
        code: 'question_waiting',
        params: { hours: Math.floor((nowMs - Date.parse(q.askedAt)) / HOUR_MS) },
      },
      link: { kind: 'question', id: q.id },
      taskId: q.taskId,
      taskFacts: q.taskFacts ?? (task ? factsOf(task) : null),
      since: q.askedAt,
    });
    add(d);
    if (q.taskId !== null && !questionByTask.has(q.taskId)) questionByTask.set(q.taskId, d);
  }

  for (const task of input.tasks) {
    if (task.state === 'done' || task.state === 'cancelled') continue;
    const blockedMs =
      task.blocked && task.blockedSince !== null ? nowMs - Date.parse(task.blockedSince) : null;
    const isBlocked = blockedMs !== null && blockedMs > t.blockedHours * HOUR_MS;
    const overdueMs = task.dueAt === null ? null : nowMs - Date.parse(task.dueAt);
    const isOverdue = overdueMs !== null && overdueMs > 0;
    if (!isBlocked && !isOverdue) continue;
    const params: Record<string, number> = {};
    if (isBlocked) params.hours = Math.floor((blockedMs as number) / HOUR_MS);
    if (isOverdue) params[isBlocked ? 'overdueDays' : 'days'] = Math.floor((overdueMs as number) / DAY_MS);
    const question = questionByTask.get(task.id);
    if (question) {
      if (isBlocked) question.reason.params.taskBlockedHours = params.hours as number;
      if (isOverdue) question.reason.params.taskOverdueDays = Math.floor((overdueMs as number) / DAY_MS);
      continue;
    }
    add(
      draft(isBlocked ? 'blocked_task' : 'overdue_task', task.id, {
        title: task.title,
        reason: { code: isBlocked ? 'task_blocked' : 'task_overdue', params },
        link: { kind: 'task', id: task.id },
        taskId: task.id,
        taskFacts: factsOf(task),
        since: isBlocked ? (task.blockedSince as string) : (task.dueAt as string),
      }),
    );
  }

  for (const l of input.lessons) {
    const created = Date.parse(l.createdAt);
    if (created < sinceMs || created > nowMs) continue;
    add(
      draft('lesson', l.id, {
        title: l.title,
        reason: { code: 'lesson_new', params: {} },
        link: { kind: 'lesson', id: l.id },
        taskId: l.taskId ?? null,
        taskFacts: l.taskFacts ?? null,
        since: l.createdAt,
      }),
    );
  }

  const occurrenceMs = Date.parse(input.occurrenceStart);
  for (const f of input.followUps) {
    const due = Date.parse(f.dueAt);
    // "Due since the last occurrence up to this one, or overdue" is every open one due by the start.
    if (f.status !== 'open' || due > occurrenceMs) continue;
    const overdue = due < nowMs;
    add(
      draft('follow_up', f.id, {
        title: f.title,
        reason: overdue
          ? { code: 'follow_up_overdue', params: { days: Math.floor((nowMs - due) / DAY_MS) } }
          : { code: 'follow_up_due', params: {} },
        link: { kind: 'follow_up', id: f.id },
        taskId: f.taskId ?? null,
        taskFacts: f.taskFacts ?? null,
        since: f.dueAt,
      }),
    );
  }

  for (const c of input.checkIns) {
    const submitted = Date.parse(c.submittedAt);
    const blockers = c.blockers.trim();
    if (submitted < sinceMs || submitted > nowMs || (blockers === '' && !c.discuss)) continue;
    const hasBlockers = blockers !== '';
    add(
      draft(hasBlockers ? 'checkin_blocker' : 'checkin_flag', c.id, {
        title: c.memberName,
        detail: hasBlockers ? blockers : null,
        reason: {
          code: hasBlockers ? 'checkin_blocker' : 'checkin_flag',
          params: { memberName: c.memberName, discuss: c.discuss ? 1 : 0 },
        },
        link: { kind: 'check_in', id: c.id },
        aboutMemberId: c.memberId,
        since: c.submittedAt,
      }),
    );
  }

  for (const c of input.carriedOver) {
    const source: AgendaSource = c.kind === 'action_item' ? 'action_item' : (c.source ?? 'manual');
    const sourceId = c.kind === 'action_item' ? c.id : (c.sourceId ?? c.id);
    const existing = items.get(`${source}:${sourceId}`);
    if (existing) {
      existing.carriedOver = true;
      continue;
    }
    add({
      ...draft(source, sourceId, {
        title: c.title,
        reason: { code: 'carried_over', params: {} },
        link: c.link ?? (c.kind === 'action_item' ? { kind: 'action_item', id: c.id } : null),
        taskId: c.taskId ?? linkedTask(c.link),
        taskFacts: c.taskFacts ?? null,
        aboutMemberId: c.aboutMemberId ?? null,
        since: c.since,
        carriedOver: true,
      }),
      // Whatever it came from, an item the sources no longer produce sits under "carried over".
      section: 'carried_over',
    });
  }

  for (const m of input.manual) {
    add(
      draft('manual', m.id, {
        title: m.title,
        reason: { code: 'added', params: {} },
        link: m.link ?? null,
        taskId: m.taskId ?? linkedTask(m.link),
        taskFacts: m.taskFacts ?? null,
        since: m.addedAt,
      }),
    );
  }

  const sorted = [...items.values()].sort(
    (a, b) =>
      agendaSections.indexOf(a.section) - agendaSections.indexOf(b.section) ||
      agendaSources.indexOf(a.source) - agendaSources.indexOf(b.source) ||
      a.rank - b.rank ||
      Date.parse(a.since) - Date.parse(b.since) ||
      byText(a.key, b.key),
  );
  return sorted.map(({ rank: _rank, ...item }, order) => ({ ...item, order }));
}

/**
 * The agenda as one viewer may see it. Owners see every item. An assistant never sees an
 * item about a task they may not see (`canSeeTask`; an item naming a task without its facts
 * is hidden, failing closed), nor a proposal, episode or check-in about another member:
 * levels and check-ins are between that assistant and the principals (DESIGN §10).
 */
export function agendaFor(viewer: Viewer, items: readonly AgendaItem[]): AgendaItem[] {
  if (viewer.role === 'owner') return [...items];
  return items.filter((item) => {
    // Goals are the principals' macro view; an assistant follows them through their missions.
    if (item.source === 'goal') return false;
    if (item.aboutMemberId !== null && item.aboutMemberId !== viewer.userId) return false;
    if (item.taskFacts !== null) return canSeeTask(viewer, item.taskFacts);
    return item.taskId === null;
  });
}

/**
 * After an occurrence: the items marked deferred, as `carriedOver` input for the next
 * agenda, keeping their source and id so the next agenda shows them under the same key.
 */
export function deferredItems(
  items: readonly (AgendaItem & { status: AgendaItemStatus })[],
  deferredAt: string,
): CarriedOverInput[] {
  return items
    .filter((item) => item.status === 'deferred')
    .map((item) => ({
      id: item.sourceId,
      kind: item.source === 'action_item' ? ('action_item' as const) : ('deferred' as const),
      title: item.title,
      since: deferredAt,
      source: item.source,
      sourceId: item.sourceId,
      link: item.link,
      taskId: item.taskId,
      taskFacts: item.taskFacts,
      aboutMemberId: item.aboutMemberId,
    }));
}
