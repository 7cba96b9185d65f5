import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CheckInRemindersTable, CheckInsTable, Database } from '../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

export type CheckInRow = Selectable<CheckInsTable>;
export type CheckInWithName = CheckInRow & { member_name: string };
export type ReminderRow = Selectable<CheckInRemindersTable>;

function checkInQuery(db: Q, workspaceId: string) {
  return db
    .selectFrom('check_ins')
    .innerJoin('users as cm', 'cm.id', 'check_ins.member_id')
    .selectAll('check_ins')
    .select('cm.name as member_name')
    .where('check_ins.workspace_id', '=', workspaceId);
}

/** Check-ins of a workspace, newest first; `memberId` and `week` narrow them. */
export function listCheckIns(
  db: Q,
  workspaceId: string,
  filter: { memberId?: string; week?: string },
): Promise<CheckInWithName[]> {
  let query = checkInQuery(db, workspaceId);
  if (filter.memberId !== undefined) query = query.where('check_ins.member_id', '=', filter.memberId);
  if (filter.week !== undefined) query = query.where('check_ins.week', '=', filter.week);
  return query.orderBy('check_ins.submitted_at', 'desc').orderBy('check_ins.id', 'desc').limit(500).execute();
}

export function findCheckIn(
  db: Q,
  workspaceId: string,
  memberId: string,
  week: string,
): Promise<CheckInWithName | undefined> {
  return checkInQuery(db, workspaceId)
    .where('check_ins.member_id', '=', memberId)
    .where('check_ins.week', '=', week)
    .executeTakeFirst();
}

/**
 * Creates or replaces a member's check-in of a week in one statement, so two submissions
 * racing for the same week leave one row (the later one's text) on both databases.
 */
export async function upsertCheckIn(db: Q, row: CheckInRow): Promise<void> {
  await db
    .insertInto('check_ins')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'member_id', 'week']).doUpdateSet({
        done: row.done,
        planned: row.planned,
        blockers: row.blockers,
        autonomy: row.autonomy,
        discuss: row.discuss,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** When the member last checked in here, or null. */
export async function lastSubmittedAt(db: Q, workspaceId: string, memberId: string): Promise<string | null> {
  const row = await db
    .selectFrom('check_ins')
    .select('updated_at')
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .orderBy('updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.updated_at ?? null;
}

/**
 * The check-ins of a workspace submitted or updated since an instant, newest first, with the
 * member's name: what the meetings module puts on an agenda (blockers, "discuss").
 */
export function listCheckInsSince(db: Q, workspaceId: string, sinceISO: string): Promise<CheckInWithName[]> {
  return checkInQuery(db, workspaceId)
    .where('check_ins.updated_at', '>=', new Date(sinceISO).toISOString())
    .orderBy('check_ins.updated_at', 'desc')
    .orderBy('check_ins.id', 'desc')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Reminders

export function findReminder(db: Q, workspaceId: string, memberId: string): Promise<ReminderRow | undefined> {
  return db
    .selectFrom('check_in_reminders')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
}

export async function upsertReminder(db: Q, row: ReminderRow): Promise<void> {
  await db
    .insertInto('check_in_reminders')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'member_id']).doUpdateSet({
        weekday: row.weekday,
        time: row.time,
        time_zone: row.time_zone,
        enabled: row.enabled,
        next_at: row.next_at,
      }),
    )
    .execute();
}

export async function deleteReminder(db: Q, workspaceId: string, memberId: string): Promise<void> {
  await db
    .deleteFrom('check_in_reminders')
    .where('workspace_id', '=', workspaceId)
    .where('member_id', '=', memberId)
    .execute();
}

/** Enabled reminders whose time has come, oldest first. */
export function dueReminders(db: Q, now: string, limit: number): Promise<ReminderRow[]> {
  return db
    .selectFrom('check_in_reminders')
    .selectAll()
    .where('enabled', '=', 1)
    .where('next_at', 'is not', null)
    .where('next_at', '<=', now)
    .orderBy('next_at')
    .limit(limit)
    .execute();
}

/**
 * Moves a reminder on to its next time if it still stands where the caller read it: true for
 * exactly one of any number of concurrent claimers.
 */
export async function claimReminder(db: Q, reminder: ReminderRow, nextAt: string): Promise<boolean> {
  if (reminder.next_at === null) return false;
  const result = await db
    .updateTable('check_in_reminders')
    .set({ next_at: nextAt })
    .where('workspace_id', '=', reminder.workspace_id)
    .where('member_id', '=', reminder.member_id)
    .where('enabled', '=', 1)
    .where('next_at', '=', reminder.next_at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The member's role here, or undefined when they left the workspace. */
export async function membershipOf(
  db: Q,
  workspaceId: string,
  userId: string,
): Promise<{ role: string; time_zone: string } | undefined> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.role', 'users.time_zone'])
    .where('memberships.workspace_id', '=', workspaceId)
    .where('memberships.user_id', '=', userId)
    .executeTakeFirst();
}
