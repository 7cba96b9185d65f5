import type { DeliveryMode, NotificationKind, Viewer } from '@leeway/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { isUniqueViolation } from '../../db/database.ts';
import { prepared } from '../../db/prepared.ts';
import type { Database, NotificationSubjectType } from '../../db/schema.ts';
import { type TaskFacts, visibleTo } from '../tasks/visibility.ts';

type Q = Kysely<Database> | Transaction<Database>;

export interface NotificationRow {
  id: string;
  workspace_id: string;
  kind: NotificationKind;
  task_id: string | null;
  task_title: string | null;
  actor_id: string | null;
  actor_name: string | null;
  excerpt: string;
  created_at: string;
  read_at: string | null;
  subject_type: NotificationSubjectType | null;
  subject_id: string | null;
  subject_title: string | null;
}

/**
 * The title of what a notification is about when it is not a task: the SOP's (joined by the
 * caller as `sopTitle`, since its area also decides visibility), else a lesson's, a plan's, a
 * meeting's or the question's text. One expression for the centre and the mails.
 */
function subjectTitle(notification: 'notifications' | 'n', sopTitle: 'sops.title' | 's.title') {
  const type = sql.ref(`${notification}.subject_type`);
  const id = sql.ref(`${notification}.subject_id`);
  return sql<string | null>`coalesce(
    ${sql.ref(sopTitle)},
    (select title from lessons where ${type} = 'lesson' and lessons.id = ${id}),
    (select title from onboarding_plans where ${type} = 'onboarding_plan' and onboarding_plans.id = ${id}),
    (select title from meeting_series where ${type} = 'meeting' and meeting_series.id = ${id}),
    (select body from questions where ${type} = 'question' and questions.id = ${id}),
    (select title from missions where ${type} = 'mission' and missions.id = ${id})
  )`;
}

/**
 * A member's own notifications in one workspace, limited to those about tasks the member can
 * still see: visibility is checked when reading, so losing access to an area also hides what
 * one was told about its tasks.
 */
function ownVisible(db: Q, viewer: Viewer, workspaceId: string) {
  const areaIds = [...viewer.areaIds];
  return (
    db
      .selectFrom('notifications')
      .leftJoin('tasks', 'tasks.id', 'notifications.task_id')
      .leftJoin('sops', (join) =>
        join
          .onRef('sops.id', '=', 'notifications.subject_id')
          .on('notifications.subject_type', '=', 'sop')
          .onRef('sops.workspace_id', '=', 'notifications.workspace_id'),
      )
      .where('notifications.workspace_id', '=', workspaceId)
      .where('notifications.user_id', '=', viewer.userId)
      .where((eb) => eb.or([eb('notifications.task_id', 'is', null), visibleTo(viewer)(eb)]))
      // About an SOP: only while the member may see it (owners, or a role in its area). Lessons
      // and plans are notified to the people they concern and stay visible to them.
      .where((eb) => {
        if (viewer.role === 'owner') return sql<boolean>`1 = 1`;
        const conditions = [
          eb('notifications.subject_type', 'is', null),
          eb('notifications.subject_type', '!=', 'sop'),
        ];
        if (areaIds.length > 0) conditions.push(eb('sops.area_id', 'in', areaIds));
        return eb.or(conditions);
      })
  );
}

export function listNotifications(
  db: Q,
  viewer: Viewer,
  workspaceId: string,
  options: { unreadOnly: boolean; limit: number },
): Promise<NotificationRow[]> {
  let query = ownVisible(db, viewer, workspaceId)
    .leftJoin('users as actor', 'actor.id', 'notifications.actor_id')
    .select([
      'notifications.id',
      'notifications.workspace_id',
      'notifications.kind',
      'notifications.task_id',
      'tasks.title as task_title',
      'notifications.actor_id',
      'actor.name as actor_name',
      'notifications.excerpt',
      'notifications.created_at',
      'notifications.read_at',
      'notifications.subject_type',
      'notifications.subject_id',
      subjectTitle('notifications', 'sops.title').as('subject_title'),
    ]);
  if (options.unreadOnly) query = query.where('notifications.read_at', 'is', null);
  return query
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(options.limit)
    .execute();
}

export async function countUnread(db: Q, viewer: Viewer, workspaceId: string): Promise<number> {
  const row = await ownVisible(db, viewer, workspaceId)
    .where('notifications.read_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findOwnVisible(
  db: Q,
  viewer: Viewer,
  workspaceId: string,
  notificationId: string,
): Promise<{ id: string } | undefined> {
  return ownVisible(db, viewer, workspaceId)
    .where('notifications.id', '=', notificationId)
    .select('notifications.id')
    .executeTakeFirst();
}

export async function markRead(
  db: Q,
  workspaceId: string,
  userId: string,
  notificationId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('id', '=', notificationId)
    .where('read_at', 'is', null)
    .execute();
}

export async function markAllRead(db: Q, workspaceId: string, userId: string, at: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

export async function preferencesOf(db: Q, userId: string): Promise<{ kind: string; mode: DeliveryMode }[]> {
  return db
    .selectFrom('notification_preferences')
    .select(['kind', 'mode'])
    .where('user_id', '=', userId)
    .execute();
}

export async function savePreference(db: Q, userId: string, kind: NotificationKind, mode: DeliveryMode) {
  await db
    .insertInto('notification_preferences')
    .values({ user_id: userId, kind, mode })
    .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ mode }))
    .execute();
}

// ---- mail -------------------------------------------------------------------------------

/** A notification with everything its e-mail needs, and the facts to re-check access. */
export interface MailRow {
  id: string;
  workspace_id: string;
  workspace_name: string;
  user_id: string;
  kind: NotificationKind;
  excerpt: string;
  created_at: string;
  read_at: string | null;
  email: string;
  user_name: string;
  locale: 'en' | 'de';
  time_zone: string;
  /** Null when the recipient is no longer a member of the workspace. */
  role: 'owner' | 'assistant' | null;
  actor_name: string | null;
  task_id: string | null;
  task_title: string | null;
  area_id: string | null;
  assignee_id: string | null;
  creator_id: string | null;
  due_at: string | null;
  subject_type: NotificationSubjectType | null;
  subject_id: string | null;
  subject_title: string | null;
  /** The area of an SOP subject: who may still hear about it. */
  subject_area_id: string | null;
}

function mailRows(db: Q) {
  return db
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .innerJoin('workspaces as w', 'w.id', 'n.workspace_id')
    .leftJoin('memberships as m', (join) =>
      join.onRef('m.workspace_id', '=', 'n.workspace_id').onRef('m.user_id', '=', 'n.user_id'),
    )
    .leftJoin('tasks as t', 't.id', 'n.task_id')
    .leftJoin('users as a', 'a.id', 'n.actor_id')
    .leftJoin('sops as s', (join) =>
      join
        .onRef('s.id', '=', 'n.subject_id')
        .on('n.subject_type', '=', 'sop')
        .onRef('s.workspace_id', '=', 'n.workspace_id'),
    )
    .select([
      'n.id',
      'n.workspace_id',
      'w.name as workspace_name',
      'n.user_id',
      'n.kind',
      'n.excerpt',
      'n.created_at',
      'n.read_at',
      'u.email',
      'u.name as user_name',
      'u.locale',
      'u.time_zone',
      'm.role',
      'a.name as actor_name',
      'n.task_id',
      't.title as task_title',
      't.area_id',
      't.assignee_id',
      't.creator_id',
      't.due_at',
      'n.subject_type',
      'n.subject_id',
      's.area_id as subject_area_id',
      subjectTitle('n', 's.title').as('subject_title'),
    ]);
}

/** Immediate notifications not mailed yet, oldest first. */
export function pendingImmediate(db: Q, limit: number): Promise<MailRow[]> {
  return mailRows(db)
    .where('n.delivery', '=', 'immediate')
    .where('n.emailed_at', 'is', null)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .limit(limit)
    .execute();
}

export function mailRowsByIds(db: Q, ids: string[]): Promise<MailRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return mailRows(db).where('n.id', 'in', ids).orderBy('n.created_at').orderBy('n.id').execute();
}

/**
 * Claims one notification's e-mail: only the caller whose update changed the row sends it,
 * so two nodes running the mail job never send the same mail twice.
 */
export async function claimEmail(db: Q, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ emailed_at: at })
    .where('id', '=', id)
    .where('emailed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives claimed rows back after a failed send, so the next pass tries again. */
export async function releaseEmail(db: Q, ids: string[], claimedAt: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('notifications')
    .set({ emailed_at: null })
    .where('id', 'in', ids)
    .where('emailed_at', '=', claimedAt)
    .execute();
}

/** Which digest: the daily one, or the ladder's weekly one. */
export type DigestDelivery = 'digest' | 'weekly';

/** People with digest notifications waiting, with what decides when their digest goes out. */
export async function digestRecipients(
  db: Q,
  delivery: DigestDelivery = 'digest',
): Promise<{ user_id: string; time_zone: string; last_digest_at: string | null }[]> {
  const waiting = await db
    .selectFrom('notifications')
    .select('user_id')
    .distinct()
    .where('delivery', '=', delivery)
    .where('emailed_at', 'is', null)
    .execute();
  if (waiting.length === 0) return [];
  const ids = waiting.map((w) => w.user_id);
  const users = await db.selectFrom('users').select(['id', 'time_zone']).where('id', 'in', ids).execute();
  const last = await db
    .selectFrom('notifications')
    .select(['user_id', (eb) => eb.fn.max('emailed_at').as('last_digest_at')])
    .where('delivery', '=', delivery)
    .where('user_id', 'in', ids)
    .where('emailed_at', 'is not', null)
    .groupBy('user_id')
    .execute();
  const lastOf = new Map(last.map((l) => [l.user_id, l.last_digest_at]));
  return users.map((u) => ({
    user_id: u.id,
    time_zone: u.time_zone,
    last_digest_at: lastOf.get(u.id) ?? null,
  }));
}

/**
 * Claims a person's digest of one local day; false when another pass (or node) already has.
 * The primary key decides, so the check and the claim cannot be split by a race.
 */
export async function claimDigestDay(
  db: Q,
  userId: string,
  delivery: DigestDelivery,
  localDate: string,
  at: string,
): Promise<boolean> {
  try {
    await db
      .insertInto('digest_claims')
      .values({ user_id: userId, delivery, local_date: localDate, claimed_at: at })
      .execute();
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Gives a day's digest claim back after a failed send, so the next pass tries again. */
export async function releaseDigestDay(
  db: Q,
  userId: string,
  delivery: DigestDelivery,
  localDate: string,
): Promise<void> {
  await db
    .deleteFrom('digest_claims')
    .where('user_id', '=', userId)
    .where('delivery', '=', delivery)
    .where('local_date', '=', localDate)
    .execute();
}

/** Claims a person's waiting digest rows; returns the ids this caller got. */
export async function claimDigest(
  db: Q,
  userId: string,
  at: string,
  delivery: DigestDelivery = 'digest',
): Promise<string[]> {
  const rows = await db
    .updateTable('notifications')
    .set({ emailed_at: at })
    .where('user_id', '=', userId)
    .where('delivery', '=', delivery)
    .where('emailed_at', 'is', null)
    .where('created_at', '<=', at)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

// ---- due reminders ----------------------------------------------------------------------

export type ReminderKind = 'due_soon' | 'overdue';

/** Open, assigned tasks whose reminder of this kind is due and not yet sent, in every workspace. */
export function tasksToRemind(
  db: Q,
  kind: ReminderKind,
  now: string,
  soonUntil: string,
  limit: number,
): Promise<(TaskFacts & { assignee_id: string })[]> {
  let query = db
    .selectFrom('tasks')
    .select(['id', 'workspace_id', 'title', 'area_id', 'assignee_id', 'creator_id'])
    .where('state', 'not in', ['done', 'cancelled'])
    .where('assignee_id', 'is not', null)
    .where('due_at', 'is not', null);
  query =
    kind === 'due_soon'
      ? query
          .where('due_soon_notified_at', 'is', null)
          .where('due_at', '>', now)
          .where('due_at', '<=', soonUntil)
      : query.where('overdue_notified_at', 'is', null).where('due_at', '<=', now);
  return query.orderBy('due_at').orderBy('id').limit(limit).execute() as Promise<
    (TaskFacts & { assignee_id: string })[]
  >;
}

/** Claims one task's reminder (conditional update): exactly one node sends it. */
export async function claimReminder(db: Q, kind: ReminderKind, taskId: string, at: string): Promise<boolean> {
  const column = kind === 'due_soon' ? 'due_soon_notified_at' : 'overdue_notified_at';
  const result = await db
    .updateTable('tasks')
    .set(kind === 'due_soon' ? { due_soon_notified_at: at } : { overdue_notified_at: at })
    .where('id', '=', taskId)
    .where(column, 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface OneNotification {
  id: string;
  workspaceId: string;
  userId: string;
  kind: NotificationKind;
  taskId: string | null;
  actorId: string | null;
  excerpt: string;
  /** The sender's override ('digest', 'weekly'); null: the recipient's own choice. */
  delivery: 'digest' | 'weekly' | null;
  /** What the recipient gets when they never chose for this kind. */
  defaultMode: DeliveryMode;
  createdAt: string;
  subjectType: NotificationSubjectType | null;
  subjectId: string | null;
}

/**
 * One recipient's notification in one statement: their preference for the kind is read
 * inside the insert, which adds nothing when it is "off" (so nothing is returned). The same
 * rule as reading the preference first, one round trip instead of two on every write that
 * tells somebody something.
 */
const insertUnlessOffQuery = prepared<Record<keyof OneNotification, unknown>, { user_id: string }>(
  (db, p) => {
    const mode = db
      .selectFrom('notification_preferences')
      .select('mode')
      .where('kind', '=', p('kind') as NotificationKind)
      .where('user_id', '=', p('userId') as string);
    return db
      .insertInto('notifications')
      .columns([
        'id',
        'workspace_id',
        'user_id',
        'kind',
        'task_id',
        'actor_id',
        'excerpt',
        'delivery',
        'emailed_at',
        'created_at',
        'read_at',
        'subject_type',
        'subject_id',
      ])
      .expression(
        db
          .selectNoFrom((eb) => [
            eb.val(p('id')).as('id'),
            eb.val(p('workspaceId')).as('workspace_id'),
            eb.val(p('userId')).as('user_id'),
            eb.val(p('kind')).as('kind'),
            eb.val(p('taskId')).as('task_id'),
            eb.val(p('actorId')).as('actor_id'),
            eb.val(p('excerpt')).as('excerpt'),
            eb.fn.coalesce(eb.val(p('delivery')), mode, eb.val(p('defaultMode'))).as('delivery'),
            eb.val(null).as('emailed_at'),
            eb.val(p('createdAt')).as('created_at'),
            eb.val(null).as('read_at'),
            eb.val(p('subjectType')).as('subject_type'),
            eb.val(p('subjectId')).as('subject_id'),
          ])
          .where((eb) => eb(eb.fn.coalesce(mode, eb.val(p('defaultMode'))), '<>', 'off')),
      )
      .returning('user_id');
  },
);

/** Inserts `n` unless its recipient turned the kind off; true when it was inserted. */
export async function insertNotificationUnlessOff(db: Q, n: OneNotification): Promise<boolean> {
  return (await insertUnlessOffQuery(db, n)).length > 0;
}
