import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time, like every migration: no app imports, Kysely<any>.
// biome-ignore lint/suspicious/noExplicitAny: migrations are deliberately untyped (Kysely docs).
type Db = Kysely<any>;

/**
 * Where the replay of a cell's review history stood after its older part (core's ReplayState
 * as JSON): submissions and reviews fold only what came after it, so their work does not grow
 * with the history. A derived copy: deleting a row loses nothing but time.
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? 'timestamptz' : 'text';
  await db.schema
    .createTable('replay_checkpoints')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('area_id', 'text', (c) => c.notNull().references('areas.id').onDelete('cascade'))
    // The rules the state was folded with (the tightening settings); others make it unusable.
    .addColumn('settings_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('replay_checkpoints_pk', ['workspace_id', 'member_id', 'area_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('replay_checkpoints').execute();
}
