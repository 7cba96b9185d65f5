import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time, like every migration: no app imports, Kysely<any>.
// biome-ignore lint/suspicious/noExplicitAny: migrations are deliberately untyped (Kysely docs).
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? 'timestamptz' : 'text';
  const real = pg ? 'double precision' : 'real';

  await db.schema
    .createTable('areas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('backup_id', 'text')
    .addColumn('risk_class', 'text', (c) => c.notNull().defaultTo('medium'))
    .addColumn('guardrails', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('max_level', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('archived_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('areas_workspace_idx').on('areas').columns(['workspace_id', 'name']).execute();

  await db.schema
    .createTable('area_members')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('area_id', 'text', (c) => c.notNull().references('areas.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('area_members_pk', ['area_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('area_members_user_idx')
    .on('area_members')
    .columns(['workspace_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('task_series')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('anchor_at', ts, (c) => c.notNull())
    .addColumn('next_at', ts)
    .addColumn('last_task_id', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('task_series_due_idx')
    .on('task_series')
    .columns(['active', 'mode', 'next_at'])
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('area_id', 'text', (c) => c.references('areas.id').onDelete('set null'))
    .addColumn('assignee_id', 'text')
    .addColumn('creator_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('blocked_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('due_at', ts)
    .addColumn('due_tz', 'text')
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('labels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('position', real, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('series_id', 'text', (c) => c.references('task_series.id').onDelete('set null'))
    .addColumn('checklist_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checklist_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attachment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('due_soon_notified_at', ts)
    .addColumn('overdue_notified_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('completed_at', ts)
    .execute();
  for (const [name, columns] of [
    ['tasks_board_idx', ['workspace_id', 'state', 'position']],
    ['tasks_assignee_idx', ['workspace_id', 'assignee_id', 'due_at']],
    ['tasks_area_idx', ['workspace_id', 'area_id', 'state']],
    ['tasks_due_idx', ['workspace_id', 'due_at']],
    ['tasks_updated_idx', ['workspace_id', 'updated_at']],
    ['tasks_creator_idx', ['workspace_id', 'creator_id']],
    ['tasks_series_idx', ['series_id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('tasks')
      .columns([...columns])
      .execute();
  }

  await db.schema
    .createTable('task_labels')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_labels_pk', ['task_id', 'label'])
    .execute();
  await db.schema
    .createIndex('task_labels_label_idx')
    .on('task_labels')
    .columns(['workspace_id', 'label'])
    .execute();

  await db.schema
    .createTable('checklist_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('position', real, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('checklist_items_task_idx')
    .on('checklist_items')
    .columns(['task_id', 'position'])
    .execute();

  await db.schema
    .createTable('task_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('actor_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('task_events_task_idx')
    .on('task_events')
    .columns(['task_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('task_followers')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('task_followers_pk', ['task_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('author_id', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('edited_at', ts)
    .execute();
  await db.schema
    .createIndex('comments_task_idx')
    .on('comments')
    .columns(['task_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('uploader_id', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attachments_task_idx')
    .on('attachments')
    .columns(['task_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('task_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('task_templates_ws_idx')
    .on('task_templates')
    .columns(['workspace_id', 'name'])
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text', (c) => c.references('tasks.id').onDelete('cascade'))
    .addColumn('actor_id', 'text')
    .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('emailed_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('read_at', ts)
    .execute();
  await db.schema
    .createIndex('notifications_user_idx')
    .on('notifications')
    .columns(['user_id', 'workspace_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('notifications_mail_idx')
    .on('notifications')
    .columns(['delivery', 'emailed_at'])
    .execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const table of [
    'notification_preferences',
    'notifications',
    'task_templates',
    'attachments',
    'comments',
    'task_followers',
    'task_events',
    'checklist_items',
    'task_labels',
    'tasks',
    'task_series',
    'area_members',
    'areas',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
