import { type Kysely, sql } from 'kysely';

// Frozen in time, like every migration: no app imports, Kysely<any>.
// biome-ignore lint/suspicious/noExplicitAny: migrations are deliberately untyped (Kysely docs).
type Db = Kysely<any>;

/**
 * Indexes the insights queries need (the query plans in BENCHMARKS.md): without them a
 * workspace of 100,000 tasks made the insights page scan every task of the assistants and
 * every history event of the principals' tasks.
 * - tasks by assignee and completion: tasks completed in a window, per assistant (with the
 *   state, so the count never reads the task rows);
 * - review records by assistant and decision time: the reviews decided in a window (with
 *   reviewer and phase, so the per-phase counts never read the rows);
 * - history events by kind and time: the `updated` events of a window, joined to their task
 *   by primary key (task_events had no workspace index at all).
 * And for the due-reminder job, which looks across every workspace for tasks by due date:
 * with only workspace-first indexes it read the whole tasks table every five minutes (at
 * 1,000,000 tasks that stalled the board for everyone). Partial indexes keep just the tasks
 * whose reminder is not sent yet, by due date.
 */
const indexes = [
  ['tasks_completed_idx', 'tasks', ['workspace_id', 'assignee_id', 'completed_at', 'state']],
  [
    'review_records_decided_idx',
    'review_records',
    ['workspace_id', 'member_id', 'decided_at', 'reviewer_id', 'phase'],
  ],
  ['task_events_kind_idx', 'task_events', ['workspace_id', 'kind', 'created_at']],
] as const;

const reminderIndexes = [
  ['tasks_due_soon_reminder_idx', 'due_soon_notified_at'],
  ['tasks_overdue_reminder_idx', 'overdue_notified_at'],
] as const;

export async function up(db: Db): Promise<void> {
  for (const [name, table, columns] of indexes) {
    await db.schema
      .createIndex(name)
      .on(table)
      .columns([...columns])
      .execute();
  }
  for (const [name, column] of reminderIndexes) {
    await db.schema
      .createIndex(name)
      .on('tasks')
      .columns(['due_at', 'id'])
      .where(sql.ref(column), 'is', null)
      .execute();
  }
}

export async function down(db: Db): Promise<void> {
  for (const [name] of [...indexes, ...reminderIndexes]) await db.schema.dropIndex(name).execute();
}
