import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time, like every migration: no app imports, Kysely<any>.
// biome-ignore lint/suspicious/noExplicitAny: migrations are deliberately untyped (Kysely docs).
type Db = Kysely<any>;

/** The autonomy ladder (DESIGN §4): grants, their history, proposals, reviews, support episodes. */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? 'timestamptz' : 'text';

  await db.schema
    .createTable('autonomy_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('autonomy_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('area_id', 'text', (c) => c.notNull().references('areas.id').onDelete('cascade'))
    .addColumn('level', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('since', ts, (c) => c.notNull())
    .addColumn('granted_by', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('autonomy_grants_member_area_uq', ['area_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('autonomy_grants_member_idx')
    .on('autonomy_grants')
    .columns(['workspace_id', 'member_id'])
    .execute();

  // Kept forever: no cascade from users, so a change outlives the account that decided it.
  await db.schema
    .createTable('level_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('area_id', 'text', (c) => c.notNull())
    .addColumn('from_level', 'integer', (c) => c.notNull())
    .addColumn('to_level', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('proposal_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('level_changes_cell_idx')
    .on('level_changes')
    .columns(['workspace_id', 'member_id', 'area_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('area_id', 'text', (c) => c.notNull())
    .addColumn('from_level', 'integer', (c) => c.notNull())
    .addColumn('to_level', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('decided_at', ts)
    .execute();
  await db.schema
    .createIndex('proposals_status_idx')
    .on('proposals')
    .columns(['workspace_id', 'status', 'created_at'])
    .execute();
  // At most one pending proposal per assistant × area: the database settles a race.
  await db.schema
    .createIndex('proposals_one_pending_uq')
    .on('proposals')
    .columns(['member_id', 'area_id'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();

  await db.schema
    .createTable('review_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    // Whose result it was and where: the evidence is read by member × area.
    .addColumn('member_id', 'text')
    .addColumn('area_id', 'text')
    .addColumn('reviewer_id', 'text')
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('submitted_at', ts, (c) => c.notNull())
    .addColumn('decided_at', ts, (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('review_records_task_idx')
    .on('review_records')
    .columns(['workspace_id', 'task_id', 'decided_at'])
    .execute();
  await db.schema
    .createIndex('review_records_cell_idx')
    .on('review_records')
    .columns(['workspace_id', 'member_id', 'area_id'])
    .execute();

  await db.schema
    .createTable('support_episodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('area_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('cap_level', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('started_by', 'text')
    .addColumn('starts_at', ts, (c) => c.notNull())
    .addColumn('planned_end_at', ts, (c) => c.notNull())
    .addColumn('ended_at', ts)
    .addColumn('extensions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('support_episodes_cell_idx')
    .on('support_episodes')
    .columns(['workspace_id', 'member_id', 'area_id'])
    .execute();
  await db.schema
    .createIndex('support_episodes_open_idx')
    .on('support_episodes')
    .columns(['ended_at', 'planned_end_at'])
    .execute();

  await db.schema
    .alterTable('tasks')
    .addColumn('proposed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('tasks')
    .addColumn('review_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('tasks').addColumn('review_phase', 'text').execute();
  await db.schema.alterTable('tasks').addColumn('review_explanation', 'text').execute();
  await db.schema.alterTable('tasks').addColumn('submitted_at', ts).execute();
  await db.schema
    .alterTable('tasks')
    .addColumn('guardrails_ticked', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const column of [
    'guardrails_ticked',
    'submitted_at',
    'review_explanation',
    'review_phase',
    'review_requested',
    'proposed',
  ]) {
    await db.schema.alterTable('tasks').dropColumn(column).execute();
  }
  for (const table of [
    'support_episodes',
    'review_records',
    'proposals',
    'level_changes',
    'autonomy_grants',
    'autonomy_settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
