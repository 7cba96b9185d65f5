import { type Kysely, PostgresAdapter } from 'kysely';

// Frozen in time, like every migration: no app imports, Kysely<any>.
// biome-ignore lint/suspicious/noExplicitAny: migrations are deliberately untyped (Kysely docs).
type Db = Kysely<any>;

/**
 * "Any update?" nudges (DESIGN §5) and the weekly insights digest of principals (issue 7).
 * A nudge records whether the task had changed in the 24 hours before it, decided once when
 * it is sent, so the redundant-nudges signal (§10) is a count, not a replay of history.
 * A digest row per principal, workspace and ISO week is the claim that makes the weekly job
 * run exactly once however many passes or nodes run it.
 */
export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? 'timestamptz' : 'text';

  await db.schema
    .createTable('task_nudges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('principal_id', 'text', (c) => c.notNull())
    // The task's assignee when nudged (the pair the signal belongs to).
    .addColumn('assignee_id', 'text')
    // When the task last changed before the nudge; redundant = within 24 h of it.
    .addColumn('task_changed_at', ts, (c) => c.notNull())
    .addColumn('redundant', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('task_nudges_pair_idx')
    .on('task_nudges')
    .columns(['workspace_id', 'principal_id', 'assignee_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('task_nudges_task_idx')
    .on('task_nudges')
    .columns(['workspace_id', 'task_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('insight_digests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // ISO week in the principal's time zone, e.g. 2026-W48.
    .addColumn('week', 'text', (c) => c.notNull())
    // JSON: the digest's content as sent (index per assistant, counts), shown in the app.
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('insight_digests_once', ['workspace_id', 'user_id', 'week'])
    .execute();

  // One mail digest per person, kind and local day: the row is the claim, so two app nodes
  // that both find the digest due cannot both send one (the second insert fails). Per user
  // across workspaces, like the digest mail itself.
  await db.schema
    .createTable('digest_claims')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('local_date', 'text', (c) => c.notNull())
    .addColumn('claimed_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_claims_pk', ['user_id', 'delivery', 'local_date'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('digest_claims').execute();
  await db.schema.dropTable('insight_digests').execute();
  await db.schema.dropTable('task_nudges').execute();
}
