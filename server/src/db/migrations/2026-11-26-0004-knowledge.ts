import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time, like every migration: no app imports, Kysely<any>.
// biome-ignore lint/suspicious/noExplicitAny: migrations are deliberately untyped (Kysely docs).
type Db = Kysely<any>;

/**
 * The knowledge loop (DESIGN §6, §8): SOPs with versions and acknowledgements, onboarding
 * plans and templates, lessons with contributing factors and follow-ups; tasks pinned to an
 * SOP version; notifications about things other than tasks.
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? 'timestamptz' : 'text';

  await db.schema
    .createTable('sops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('area_id', 'text', (c) => c.notNull().references('areas.id').onDelete('cascade'))
    // The published title and purpose; a draft carries its own until it is published.
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('review_every_days', 'integer', (c) => c.notNull().defaultTo(180))
    .addColumn('current_version', 'integer')
    .addColumn('last_published_at', ts)
    // The due review the owner was last reminded of: one reminder per due period.
    .addColumn('review_reminded_at', ts)
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sops_area_idx')
    .on('sops')
    .columns(['workspace_id', 'area_id', 'status'])
    .execute();

  await db.schema
    .createTable('sop_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('sop_id', 'text', (c) => c.notNull().references('sops.id').onDelete('cascade'))
    // Null while a draft; the next number when published.
    .addColumn('number', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    // JSON array of { text, checkpoint }.
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('changelog', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requires_reack', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('author_id', 'text')
    .addColumn('follow_up_id', 'text')
    .addColumn('published_by', 'text')
    .addColumn('published_at', ts)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sop_versions_number_uq')
    .on('sop_versions')
    .columns(['sop_id', 'number'])
    .unique()
    .where(sql.ref('number'), 'is not', null)
    .execute();
  // One open draft per SOP: two people editing at once meet in the same draft (and its version).
  await db.schema
    .createIndex('sop_versions_one_draft_uq')
    .on('sop_versions')
    .column('sop_id')
    .unique()
    .where(sql.ref('status'), '=', 'draft')
    .execute();

  await db.schema
    .createTable('sop_acknowledgements')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('sop_id', 'text', (c) => c.notNull().references('sops.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('version_number', 'integer', (c) => c.notNull())
    .addColumn('acknowledged_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('sop_acknowledgements_pk', ['sop_id', 'member_id', 'version_number'])
    .execute();
  await db.schema
    .createIndex('sop_acknowledgements_member_idx')
    .on('sop_acknowledgements')
    .columns(['workspace_id', 'member_id'])
    .execute();

  await db.schema.alterTable('tasks').addColumn('sop_id', 'text').execute();
  await db.schema.alterTable('tasks').addColumn('sop_version', 'integer').execute();
  await db.schema.createIndex('tasks_sop_idx').on('tasks').columns(['workspace_id', 'sop_id']).execute();
  await db.schema.alterTable('checklist_items').addColumn('sop_step', 'integer').execute();
  await db.schema
    .alterTable('checklist_items')
    .addColumn('checkpoint', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('onboarding_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON: the charter and the items, in the language they were written in.
    .addColumn('charter', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('onboarding_templates_ws_idx')
    .on('onboarding_templates')
    .column('workspace_id')
    .execute();

  await db.schema
    .createTable('onboarding_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('assistant_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('template_key', 'text', (c) => c.notNull())
    // A calendar date (YYYY-MM-DD): plans are about days.
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('charter', 'text', (c) => c.notNull())
    // JSON array of area ids the onboarding episodes were started in.
    .addColumn('area_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('onboarding_plans_assistant_idx')
    .on('onboarding_plans')
    .columns(['workspace_id', 'assistant_id', 'status'])
    .execute();

  await db.schema
    .createTable('onboarding_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('onboarding_plans.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_day', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('sop_id', 'text')
    .addColumn('task_id', 'text')
    .addColumn('access_system', 'text')
    .addColumn('access_privilege', 'text')
    .addColumn('done_at', ts)
    .addColumn('done_by', 'text')
    // 'auto' when an acknowledgement or a finished task ticked it, 'manual' when a person did.
    .addColumn('done_how', 'text')
    .execute();
  await db.schema
    .createIndex('onboarding_items_plan_idx')
    .on('onboarding_items')
    .columns(['workspace_id', 'plan_id', 'position'])
    .execute();

  await db.schema
    .createTable('lessons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('what_happened', 'text', (c) => c.notNull())
    .addColumn('impact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('severity', 'integer', (c) => c.notNull())
    .addColumn('went_well', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('learned', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('task_id', 'text')
    .addColumn('area_id', 'text')
    .addColumn('sop_id', 'text')
    .addColumn('author_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('lessons_ws_idx')
    .on('lessons')
    .columns(['workspace_id', 'created_at'])
    .execute();

  // One row per factor so the list filters by kind and counts them over time in SQL.
  await db.schema
    .createTable('lesson_factors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('lesson_id', 'text', (c) => c.notNull().references('lessons.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('lesson_factors_lesson_idx')
    .on('lesson_factors')
    .columns(['workspace_id', 'lesson_id'])
    .execute();

  await db.schema
    .createTable('lesson_follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('lesson_id', 'text', (c) => c.notNull().references('lessons.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('sop_id', 'text')
    .addColumn('sop_version_id', 'text')
    .addColumn('done_at', ts)
    .addColumn('done_by', 'text')
    .addColumn('overdue_notified_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('lesson_follow_ups_lesson_idx')
    .on('lesson_follow_ups')
    .columns(['workspace_id', 'lesson_id'])
    .execute();
  await db.schema
    .createIndex('lesson_follow_ups_open_idx')
    .on('lesson_follow_ups')
    .columns(['status', 'due_at'])
    .execute();

  // Notifications about an SOP, a lesson or a plan rather than a task.
  await db.schema.alterTable('notifications').addColumn('subject_type', 'text').execute();
  await db.schema.alterTable('notifications').addColumn('subject_id', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('notifications').dropColumn('subject_id').execute();
  await db.schema.alterTable('notifications').dropColumn('subject_type').execute();
  await db.schema.alterTable('checklist_items').dropColumn('checkpoint').execute();
  await db.schema.alterTable('checklist_items').dropColumn('sop_step').execute();
  await db.schema.dropIndex('tasks_sop_idx').execute();
  await db.schema.alterTable('tasks').dropColumn('sop_version').execute();
  await db.schema.alterTable('tasks').dropColumn('sop_id').execute();
  for (const table of [
    'lesson_follow_ups',
    'lesson_factors',
    'lessons',
    'onboarding_items',
    'onboarding_plans',
    'onboarding_templates',
    'sop_acknowledgements',
    'sop_versions',
    'sops',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
