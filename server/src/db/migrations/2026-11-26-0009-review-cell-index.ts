import type { Kysely } from 'kysely';

// Frozen in time, like every migration: no app imports, Kysely<any>.
// biome-ignore lint/suspicious/noExplicitAny: migrations are deliberately untyped (Kysely docs).
type Db = Kysely<any>;

/**
 * Every submission and review replays the assistant's review history in the area (sampling
 * and evidence, DESIGN §4). The replay reads five columns of each record; with them in the
 * index, in decision order, it reads the index alone instead of every record's row. It
 * replaces the index on the cell alone, which is its prefix.
 */
export async function up(db: Db): Promise<void> {
  await db.schema
    .createIndex('review_records_replay_idx')
    .on('review_records')
    .columns([
      'workspace_id',
      'member_id',
      'area_id',
      'decided_at',
      'id',
      'task_id',
      'submitted_at',
      'outcome',
      'tags',
    ])
    .execute();
  await db.schema.dropIndex('review_records_cell_idx').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema
    .createIndex('review_records_cell_idx')
    .on('review_records')
    .columns(['workspace_id', 'member_id', 'area_id'])
    .execute();
  await db.schema.dropIndex('review_records_replay_idx').execute();
}
