import {
  AppError,
  canSeeTask,
  type DeliveryMode,
  type Locale,
  type Notification,
  type NotificationKind,
  type NotificationPage,
  type NotificationPreferences,
  notificationKinds,
  type UpdateNotificationPreferencesBody,
} from '@leeway/core';
import type { Transaction } from 'kysely';
import type { Deps, MemberCtx, UserCtx } from '../../context.ts';
import { preparedInsert } from '../../db/prepared.ts';
import type { Database, NotificationSubjectType } from '../../db/schema.ts';
import { writeBehind } from '../../db/write-behind.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { DAY } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { type MailMessage, mailText } from '../../mail/mailer.ts';
import { loadViewer, usersWhoSee, viewerOf } from '../tasks/visibility.ts';
import {
  claimDigest,
  claimDigestDay,
  claimEmail,
  claimReminder,
  countUnread,
  type DigestDelivery,
  digestRecipients,
  findOwnVisible,
  insertNotificationUnlessOff,
  listNotifications as listNotificationRows,
  type MailRow,
  mailRowsByIds,
  markAllRead,
  markRead,
  type NotificationRow,
  pendingImmediate,
  preferencesOf,
  releaseDigestDay,
  releaseEmail,
  savePreference,
  tasksToRemind,
} from './notifications.repository.ts';

/** Defaults when a person has not chosen: everything at once. */
export const defaultDelivery: Record<NotificationKind, DeliveryMode> = {
  assigned: 'immediate',
  mentioned: 'immediate',
  commented: 'immediate',
  due_soon: 'immediate',
  overdue: 'immediate',
  review_requested: 'immediate',
  review_decided: 'immediate',
  level_proposal: 'immediate',
  assistant_activity: 'immediate',
  sop_review_due: 'immediate',
  sop_acknowledge: 'immediate',
  follow_up: 'immediate',
  lesson: 'immediate',
  question_asked: 'immediate',
  question_answered: 'immediate',
  question_waiting: 'immediate',
  checkin_reminder: 'immediate',
  meeting_summary: 'immediate',
  nudge: 'immediate',
  mission_assigned: 'immediate',
  insights_digest: 'immediate',
};

export interface NotifyInput {
  workspaceId: string;
  kind: NotificationKind;
  recipientIds: string[];
  taskId: string | null;
  actorId: string | null;
  excerpt: string;
  /**
   * 'digest' holds back what the recipient would get at once (the autonomy ladder's daily
   * cadence for principals), 'weekly' holds it for the weekly digest (the ladder's L4); their
   * own "off" still wins, and their own "digest" yields to the later weekly one.
   */
  delivery?: 'digest' | 'weekly';
  /** What the notification is about when it is not a task (an SOP, a lesson, a plan). */
  subjectType?: NotificationSubjectType;
  subjectId?: string;
}

/**
 * Records a notification for each recipient who wants this kind (the actor is never told
 * about their own action), in the caller's transaction. Returns who got one, so the caller
 * can publish `notification.created` to them after commit. E-mail is not sent here: the
 * mail job picks up undelivered rows, so a crash between commit and send loses nothing.
 * Callers pass only recipients who may see the task.
 */
// A notification to several people is one insert each, compiled once (db/prepared.ts).
const insertNotification = preparedInsert('notifications');

export async function notify(trx: Transaction<Database>, deps: Deps, input: NotifyInput): Promise<string[]> {
  const recipients = [...new Set(input.recipientIds)].filter((id) => id !== input.actorId);
  if (recipients.length === 0) return [];
  const now = deps.clock.now().toISOString();
  const [only] = recipients;
  if (recipients.length === 1 && only !== undefined) {
    // The usual case (an assignee, a reviewer): preference and insert in one statement.
    const inserted = await insertNotificationUnlessOff(trx, {
      id: newId(),
      workspaceId: input.workspaceId,
      userId: only,
      kind: input.kind,
      taskId: input.taskId,
      actorId: input.actorId,
      excerpt: input.excerpt,
      delivery: input.delivery ?? null,
      defaultMode: defaultDelivery[input.kind],
      createdAt: now,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId ?? null,
    });
    return inserted ? [only] : [];
  }
  const prefs = await trx
    .selectFrom('notification_preferences')
    .select(['user_id', 'mode'])
    .where('kind', '=', input.kind)
    .where('user_id', 'in', recipients)
    .execute();
  const modeOf = new Map(prefs.map((p) => [p.user_id, p.mode]));
  const told: string[] = [];
  for (const userId of recipients) {
    const mode = modeOf.get(userId) ?? defaultDelivery[input.kind];
    if (mode === 'off') continue;
    const delivery = input.delivery ?? mode;
    await insertNotification(trx, {
      id: newId(),
      workspace_id: input.workspaceId,
      user_id: userId,
      kind: input.kind,
      task_id: input.taskId,
      actor_id: input.actorId,
      excerpt: input.excerpt,
      delivery,
      emailed_at: null,
      created_at: now,
      read_at: null,
      subject_type: input.subjectType ?? null,
      subject_id: input.subjectId ?? null,
    });
    told.push(userId);
  }
  return told;
}

/**
 * `notify` as a write behind (db/write-behind.ts): the transaction goes on without waiting,
 * and the recipients' streams hear of it after commit, through `after`.
 */
export async function notifyBehind(
  trx: Transaction<Database>,
  deps: Deps,
  after: AfterCommit,
  input: NotifyInput,
): Promise<void> {
  await writeBehind(trx, async (q) => after.notified(input.workspaceId, await notify(q, deps, input)));
}

// ---- the notification centre ------------------------------------------------------------

const PAGE_SIZE = 50;

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    kind: row.kind,
    taskId: row.task_id,
    taskTitle: row.task_title ?? '',
    actorId: row.actor_id,
    actorName: row.actor_name ?? '',
    excerpt: row.excerpt,
    createdAt: row.created_at,
    readAt: row.read_at,
    subjectType: row.subject_type ?? null,
    subjectId: row.subject_id ?? null,
    subjectTitle: row.subject_title ?? '',
  };
}

/** My newest notifications in this workspace (about tasks I can still see) and how many are unread. */
export async function listNotifications(
  ctx: MemberCtx,
  query: { unread?: 'true' | 'false' },
): Promise<NotificationPage> {
  const { db } = ctx.deps;
  const viewer = await viewerOf(ctx);
  const workspaceId = ctx.membership.workspaceId;
  const rows = await listNotificationRows(db, viewer, workspaceId, {
    unreadOnly: query.unread === 'true',
    limit: PAGE_SIZE,
  });
  return { items: rows.map(toNotification), unread: await countUnread(db, viewer, workspaceId) };
}

export async function readNotification(ctx: MemberCtx, notificationId: string): Promise<void> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const found = await findOwnVisible(db, await viewerOf(ctx), workspaceId, notificationId);
  if (!found) throw new AppError('not_found', 'Notification not found.');
  await markRead(db, workspaceId, ctx.user.id, notificationId, clock.now().toISOString());
}

export async function readAllNotifications(ctx: MemberCtx): Promise<void> {
  const { db, clock } = ctx.deps;
  await markAllRead(db, ctx.membership.workspaceId, ctx.user.id, clock.now().toISOString());
}

/** My choices per kind, the defaults filled in; they apply in every workspace. */
export async function getPreferences(ctx: UserCtx): Promise<NotificationPreferences> {
  const result = { ...defaultDelivery };
  for (const row of await preferencesOf(ctx.deps.db, ctx.user.id)) {
    if ((notificationKinds as readonly string[]).includes(row.kind)) {
      result[row.kind as NotificationKind] = row.mode;
    }
  }
  return result;
}

export async function updatePreferences(
  ctx: UserCtx,
  patch: UpdateNotificationPreferencesBody,
): Promise<NotificationPreferences> {
  const { db } = ctx.deps;
  await db.transaction().execute(async (trx) => {
    for (const kind of notificationKinds) {
      const mode = patch[kind];
      if (mode) await savePreference(trx, ctx.user.id, kind, mode);
    }
  });
  return getPreferences(ctx);
}

// ---- e-mail -----------------------------------------------------------------------------

/** Digests go out once a day, from this hour on in the recipient's time zone. */
export const DIGEST_HOUR = 8;
/** Immediate mails older than this are dropped rather than sent late (say, after an outage). */
const STALE_MS = 3 * DAY;
const BATCH = 100;

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** The calendar date (YYYY-MM-DD) and hour (0–23) of an instant in a time zone. */
export function localDateHour(at: Date, timeZone: string): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: safeZone(timeZone),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

function formatDue(dueAt: string | null, locale: Locale, timeZone: string): string {
  if (!dueAt) return '';
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: safeZone(timeZone),
  }).format(new Date(dueAt));
}

/** Whether the recipient may still hear about this row: still a member, and can see the task. */
async function stillVisible(db: Deps['db'], row: MailRow): Promise<boolean> {
  if (!row.role) return false;
  if (row.subject_type === 'sop') {
    // An SOP's news reaches owners and the people of its area, as the SOP itself does.
    if (row.role === 'owner') return true;
    if (row.subject_area_id === null) return false;
    return (await loadViewer(db, row.workspace_id, row.user_id, row.role)).areaIds.has(row.subject_area_id);
  }
  // A weekly insights digest is for principals only: not after a change of role.
  if (row.subject_type === 'insight_digest') return row.role === 'owner';
  if (!row.task_id) return true;
  if (row.creator_id === null) return false;
  const viewer = await loadViewer(db, row.workspace_id, row.user_id, row.role);
  return canSeeTask(viewer, { areaId: row.area_id, assigneeId: row.assignee_id, creatorId: row.creator_id });
}

function taskUrl(deps: Deps, row: MailRow): string {
  const base = `${deps.config.baseUrl}/w/${row.workspace_id}`;
  if (row.task_id) return `${base}/tasks/${row.task_id}`;
  // The same places the notification centre opens (web NotificationBell's notificationPath).
  const paths: Record<NotificationSubjectType, (id: string) => string> = {
    sop: (id) => `sops/${id}`,
    lesson: (id) => `lessons/${id}`,
    onboarding_plan: (id) => `onboarding/${id}`,
    question: (id) => `questions?question=${id}`,
    meeting: (id) => `meetings/${id}`,
    check_in: () => 'check-ins',
    mission: (id) => `missions/${id}`,
    insight_digest: (id) => `insights?digest=${id}`,
  };
  return row.subject_type && row.subject_id ? `${base}/${paths[row.subject_type](row.subject_id)}` : base;
}

function vars(row: MailRow) {
  return {
    actor: row.actor_name ?? mailText(row.locale, 'notifications.someone'),
    task: row.task_title ?? '',
    subject: row.subject_title ?? '',
    workspace: row.workspace_name,
    due: formatDue(row.due_at, row.locale, row.time_zone),
  };
}

/** One notification as lines of plain text: what happened, the quoted excerpt, the link. */
function describe(deps: Deps, row: MailRow, indent = ''): string[] {
  const lines = [mailText(row.locale, `notifications.line.${row.kind}`, vars(row))];
  const excerpt = row.excerpt.replace(/[\r\n]+/g, ' ').trim();
  if (excerpt) lines.push(`${indent}> ${excerpt}`);
  lines.push(`${indent}${mailText(row.locale, 'notifications.open', { url: taskUrl(deps, row) })}`);
  return lines;
}

function footer(locale: Locale): string[] {
  return ['', mailText(locale, 'signature'), mailText(locale, 'notifications.footer')];
}

export function immediateMail(deps: Deps, row: MailRow): MailMessage {
  return {
    to: row.email,
    subject: mailText(row.locale, `notifications.subject.${row.kind}`, vars(row)),
    text: [
      mailText(row.locale, 'greeting', { name: row.user_name }),
      '',
      ...describe(deps, row),
      ...footer(row.locale),
    ].join('\n'),
  };
}

export function digestMail(deps: Deps, rows: MailRow[], which: DigestDelivery = 'digest'): MailMessage {
  const first = rows[0] as MailRow;
  const texts = which === 'weekly' ? 'notifications.weekly' : 'notifications.digest';
  const { locale } = first;
  const items = rows.flatMap((row) => {
    const [head, ...rest] = describe(deps, row, '  ');
    return ['', `• ${head}`, ...rest];
  });
  return {
    to: first.email,
    subject: mailText(locale, rows.length === 1 ? `${texts}.subjectOne` : `${texts}.subject`, {
      count: rows.length,
    }),
    text: [
      mailText(locale, 'greeting', { name: first.user_name }),
      '',
      mailText(locale, `${texts}.intro`),
      ...items,
      ...footer(locale),
    ].join('\n'),
  };
}

/** E-mail goes out through SMTP only; without it the in-app centre is the whole story. */
function mailEnabled(deps: Deps): boolean {
  return deps.mailer.kind !== 'outbox';
}

/**
 * One pass of the immediate mail job: each waiting notification is claimed with a
 * conditional update and mailed only by the claimer, so it goes out exactly once however
 * many nodes run the job. Rows that are read already, stale, or about a task the recipient
 * can no longer see are claimed and dropped. A failed send is released for the next pass.
 */
export async function sendImmediateMails(deps: Deps): Promise<number> {
  const { db, clock, mailer, log } = deps;
  const now = clock.now();
  const at = now.toISOString();
  let sent = 0;
  for (const row of await pendingImmediate(db, BATCH)) {
    if (!(await claimEmail(db, row.id, at))) continue;
    if (!mailEnabled(deps) || row.read_at !== null) continue;
    if (now.getTime() - new Date(row.created_at).getTime() > STALE_MS) continue;
    if (!(await stillVisible(db, row))) continue;
    try {
      await mailer.send(immediateMail(deps, row));
      sent += 1;
    } catch (err) {
      log.error({ err, notificationId: row.id }, 'notification mail failed; will retry');
      await releaseEmail(db, [row.id], at);
    }
  }
  return sent;
}

/** Whether a person's digest is due now, from their time zone and their last one. */
function digestDue(
  which: DigestDelivery,
  now: Date,
  person: { time_zone: string; last_digest_at: string | null },
): boolean {
  const local = localDateHour(now, person.time_zone);
  if (local.hour < DIGEST_HOUR) return false;
  // The weekly digest goes out on Mondays only (a missed Monday waits for the next one).
  if (which === 'weekly' && new Date(`${local.date}T00:00:00Z`).getUTCDay() !== 1) return false;
  // At most one a day; on Mondays only, that is at most one a week.
  return !(
    person.last_digest_at &&
    localDateHour(new Date(person.last_digest_at), person.time_zone).date === local.date
  );
}

/**
 * One pass of one digest: everyone with such notifications waiting gets one mail, once it is
 * due where they live (daily: DIGEST_HOUR or later and no digest yet that day; weekly: the
 * same on Mondays). The rows are claimed with a conditional update, so however many passes
 * run at once, each row goes out in one mail only.
 */
async function sendDigestsOf(deps: Deps, which: DigestDelivery): Promise<number> {
  const { db, clock, mailer, log } = deps;
  const now = clock.now();
  const at = now.toISOString();
  let sent = 0;
  for (const person of await digestRecipients(db, which)) {
    if (!digestDue(which, now, person)) continue;
    // The day's claim first: another node may have read the same "due" a moment ago.
    const day = localDateHour(now, person.time_zone).date;
    if (!(await claimDigestDay(db, person.user_id, which, day, at))) continue;
    const ids = await claimDigest(db, person.user_id, at, which);
    if (ids.length === 0) {
      await releaseDigestDay(db, person.user_id, which, day);
      continue;
    }
    if (!mailEnabled(deps)) continue;
    const rows: MailRow[] = [];
    for (const row of await mailRowsByIds(db, ids)) {
      if (row.read_at === null && (await stillVisible(db, row))) rows.push(row);
    }
    if (rows.length === 0) continue;
    try {
      await mailer.send(digestMail(deps, rows, which));
      sent += 1;
    } catch (err) {
      log.error({ err, userId: person.user_id, digest: which }, 'digest mail failed; will retry');
      await releaseEmail(db, ids, at);
      await releaseDigestDay(db, person.user_id, which, day);
    }
  }
  return sent;
}

/** The daily digest: one mail a day per person, from DIGEST_HOUR their time. */
export function sendDigests(deps: Deps): Promise<number> {
  return sendDigestsOf(deps, 'digest');
}

/**
 * The weekly digest (what a principal hears about an L4 assistant's work, DESIGN §4): one
 * mail a week per person, on Mondays from DIGEST_HOUR their time, listing the week's rows.
 */
export function sendWeeklyDigests(deps: Deps): Promise<number> {
  return sendDigestsOf(deps, 'weekly');
}

/**
 * One pass of the due reminders: the assignee of an open task hears `due_soon` once when it
 * is due within a day and `overdue` once when it is past due. Each reminder is claimed on
 * the task row in the same transaction as the notification, so two nodes never both send it.
 */
export async function remindDueTasks(deps: Deps): Promise<number> {
  const { db, clock } = deps;
  const now = clock.now();
  const at = now.toISOString();
  const soonUntil = new Date(now.getTime() + DAY).toISOString();
  let count = 0;
  for (const kind of ['overdue', 'due_soon'] as const) {
    for (const task of await tasksToRemind(db, kind, at, soonUntil, BATCH * 2)) {
      const after = new AfterCommit();
      const claimed = await db.transaction().execute(async (trx) => {
        if (!(await claimReminder(trx, kind, task.id, at))) return false;
        const told = await notify(trx, deps, {
          workspaceId: task.workspace_id,
          kind,
          recipientIds: await usersWhoSee(trx, task, [task.assignee_id]),
          taskId: task.id,
          actorId: null,
          excerpt: '',
        });
        after.notified(task.workspace_id, told);
        return true;
      });
      after.flush(deps);
      if (claimed) count += 1;
    }
  }
  return count;
}
