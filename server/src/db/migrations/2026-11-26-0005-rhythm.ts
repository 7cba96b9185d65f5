import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time, like every migration: no app imports, Kysely<any>.
// biome-ignore lint/suspicious/noExplicitAny: migrations are deliberately untyped (Kysely docs).
type Db = Kysely<any>;

/**
 * The rhythm around the board (DESIGN §7): questions, weekly check-ins and their reminders,
 * meeting series with participants, moved or cancelled occurrences, agenda entries (notes and
 * status per item, items people add), pinned items, action items, and private calendar feeds.
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? 'timestamptz' : 'text';

  await db.schema
    .createTable('questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.references('tasks.id').onDelete('cascade'))
    .addColumn('asker_id', 'text')
    .addColumn('addressee_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answer_html', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', ts)
    // 0/1: asking blocked the task, so answering unblocks it (unless another question still waits).
    .addColumn('blocked_task', 'integer', (c) => c.notNull().defaultTo(0))
    // The "unanswered for 24 h" exception was sent for this asking (cleared on reopen).
    .addColumn('waiting_notified_at', ts)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('questions_open_idx')
    .on('questions')
    .columns(['workspace_id', 'answered_at', 'created_at'])
    .execute();
  await db.schema
    .createIndex('questions_task_idx')
    .on('questions')
    .columns(['workspace_id', 'task_id'])
    .execute();

  await db.schema
    .createTable('check_ins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // ISO week in the member's zone, e.g. 2026-W48: one check-in per member, workspace and week.
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('done', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('planned', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('blockers', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('autonomy', 'integer', (c) => c.notNull())
    .addColumn('discuss', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('check_ins_week_uq', ['workspace_id', 'member_id', 'week'])
    .execute();
  await db.schema
    .createIndex('check_ins_submitted_idx')
    .on('check_ins')
    .columns(['workspace_id', 'submitted_at'])
    .execute();

  await db.schema
    .createTable('check_in_reminders')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    // Claimed by the reminder job with a conditional update: one reminder per week, any node.
    .addColumn('next_at', ts)
    .addPrimaryKeyConstraint('check_in_reminders_pk', ['workspace_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('check_in_reminders_next_idx')
    .on('check_in_reminders')
    .column('next_at')
    .execute();

  await db.schema
    .createTable('meeting_series')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('organizer_id', 'text')
    // Null: a single meeting.
    .addColumn('rrule', 'text')
    .addColumn('time_zone', 'text', (c) => c.notNull())
    // DTSTART: the first occurrence.
    .addColumn('starts_at', ts, (c) => c.notNull())
    .addColumn('duration_min', 'integer', (c) => c.notNull())
    .addColumn('until', ts)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meeting_series_ws_idx').on('meeting_series').column('workspace_id').execute();

  await db.schema
    .createTable('meeting_participants')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('series_id', 'text', (c) => c.notNull().references('meeting_series.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('meeting_participants_pk', ['series_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('meeting_participants_user_idx')
    .on('meeting_participants')
    .columns(['workspace_id', 'user_id'])
    .execute();

  // One row per occurrence someone touched: moved, cancelled, finished (summary sent).
  await db.schema
    .createTable('meeting_occurrences')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('series_id', 'text', (c) => c.notNull().references('meeting_series.id').onDelete('cascade'))
    .addColumn('original_start', ts, (c) => c.notNull())
    .addColumn('moved_to', ts)
    .addColumn('cancelled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('finished_at', ts)
    .addColumn('finished_by', 'text')
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('meeting_occurrences_pk', ['series_id', 'original_start'])
    .execute();

  // What the meeting did with an agenda item (notes, discussed/deferred), and items people add.
  await db.schema
    .createTable('agenda_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('series_id', 'text', (c) => c.notNull().references('meeting_series.id').onDelete('cascade'))
    .addColumn('occurrence_start', ts, (c) => c.notNull())
    // core's item key `${source}:${sourceId}`; manual items use `manual:<id>`.
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    // The title as it was, so minutes stay readable after the source changes.
    .addColumn('title', 'text', (c) => c.notNull())
    // JSON: link and task facts of a manual or deferred item.
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('added_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('agenda_entries_item_uq', ['series_id', 'occurrence_start', 'item_key'])
    .execute();

  await db.schema
    .createTable('meeting_pinned_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('series_id', 'text', (c) => c.notNull().references('meeting_series.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('action_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('series_id', 'text', (c) => c.notNull().references('meeting_series.id').onDelete('cascade'))
    .addColumn('occurrence_start', ts, (c) => c.notNull())
    .addColumn('item_key', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    // The task it became; the action item is open until that task is done or cancelled.
    .addColumn('task_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('action_items_series_idx')
    .on('action_items')
    .columns(['workspace_id', 'series_id', 'occurrence_start'])
    .execute();

  // Private calendar feeds: the token is stored hashed and dies with revocation or membership.
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_used_at', ts)
    .execute();
  await db.schema
    .createIndex('calendar_feeds_user_uq')
    .on('calendar_feeds')
    .columns(['workspace_id', 'user_id'])
    .unique()
    .execute();

  // When a task became blocked, for "blocked over 24 hours" on agendas (DESIGN §7).
  await db.schema.alterTable('tasks').addColumn('blocked_since', ts).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('blocked_since').execute();
  for (const table of [
    'calendar_feeds',
    'action_items',
    'meeting_pinned_items',
    'agenda_entries',
    'meeting_occurrences',
    'meeting_participants',
    'meeting_series',
    'check_in_reminders',
    'check_ins',
    'questions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
