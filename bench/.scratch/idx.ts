import SqliteDatabase from 'better-sqlite3';
const db = new SqliteDatabase(process.argv[2]!);
const t = performance.now();
db.exec(`create index if not exists tasks_completed_idx on tasks (workspace_id, assignee_id, completed_at);
create index if not exists review_records_decided_idx on review_records (workspace_id, member_id, decided_at);
create index if not exists task_events_kind_idx on task_events (workspace_id, kind, created_at);`);
console.log('indexes', performance.now() - t);
