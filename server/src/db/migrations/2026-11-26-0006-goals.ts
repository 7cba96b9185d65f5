import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time, like every migration: no app imports, Kysely<any>.
// biome-ignore lint/suspicious/noExplicitAny: migrations are deliberately untyped (Kysely docs).
type Db = Kysely<any>;

/**
 * Goals and missions (DESIGN §9): a goal with measure, target, due date and status; missions
 * under it with area, assignee, intent, end state and constraints; tasks may name a mission.
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? 'timestamptz' : 'text';

  await db.schema
    .createTable('goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('measure', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('target', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('due_at', ts)
    // on_track | at_risk | off_track
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('on_track'))
    .addColumn('owner_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('goals_ws_idx').on('goals').columns(['workspace_id', 'status']).execute();

  await db.schema
    .createTable('missions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('goal_id', 'text', (c) => c.notNull().references('goals.id').onDelete('cascade'))
    .addColumn('area_id', 'text')
    .addColumn('assignee_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('intent', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('end_state', 'text', (c) => c.notNull().defaultTo(''))
    // JSON array of short strings.
    .addColumn('constraints', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('due_at', ts)
    // open | done | cancelled
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('missions_goal_idx')
    .on('missions')
    .columns(['workspace_id', 'goal_id'])
    .execute();
  await db.schema
    .createIndex('missions_assignee_idx')
    .on('missions')
    .columns(['workspace_id', 'assignee_id'])
    .execute();

  await db.schema.alterTable('tasks').addColumn('mission_id', 'text').execute();
  await db.schema
    .createIndex('tasks_mission_idx')
    .on('tasks')
    .columns(['workspace_id', 'mission_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('tasks_mission_idx').execute();
  await db.schema.alterTable('tasks').dropColumn('mission_id').execute();
  await db.schema.dropTable('missions').execute();
  await db.schema.dropTable('goals').execute();
}
