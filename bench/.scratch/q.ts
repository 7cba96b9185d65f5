import SqliteDatabase from 'better-sqlite3';
const db = new SqliteDatabase(process.argv[2]!, { readonly: true });
const ws = process.argv[3]!;
const start = new Date(Date.now() - 30 * 86400000).toISOString();
const end = new Date().toISOString();
const ids = (role: string) => (db.prepare('select user_id from memberships where workspace_id = ? and role = ?').all(ws, role) as { user_id: string }[]).map((r) => r.user_id);
const A = ids('assistant'); const P = ids('owner');
const inA = A.map(() => '?').join(','); const inP = P.map(() => '?').join(',');
const qs: [string, string, unknown[]][] = [
  ['count', 'select assignee_id, count(*) from tasks where workspace_id = ? group by assignee_id', [ws]],
  ['completedCounts', `select assignee_id, count(*) from tasks where workspace_id = ? and assignee_id in (${inA}) and state = 'done' and completed_at >= ? and completed_at < ? group by assignee_id`, [ws, ...A, start, end]],
  ['reviewPhaseCounts', `select member_id, reviewer_id, phase, count(*) from review_records where workspace_id = ? and member_id in (${inA}) and decided_at >= ? and decided_at < ? group by member_id, reviewer_id, phase`, [ws, ...A, start, end]],
  ['reviewTimings', `select member_id, reviewer_id, phase, submitted_at, decided_at, outcome, tags from review_records where workspace_id = ? and member_id in (${inA}) and decided_at >= ? and decided_at < ?`, [ws, ...A, start, end]],
  ['assigneeChangeEvents', `select tasks.assignee_id, task_events.data, task_events.created_at from task_events inner join tasks on task_events.task_id = tasks.id where tasks.workspace_id = ? and tasks.assignee_id in (${inP}) and task_events.workspace_id = ? and task_events.kind = 'updated' and task_events.created_at >= ? and task_events.created_at < ? and task_events.data like '%assigneeId%'`, [ws, ...P, ws, start, end]],
  ['editsAfterCompletion', `select tasks.assignee_id, task_events.actor_id, count(*) from task_events inner join tasks on task_events.task_id = tasks.id where tasks.workspace_id = ? and tasks.assignee_id in (${inA}) and tasks.completed_at is not null and tasks.updated_at >= ? and task_events.workspace_id = ? and task_events.kind = 'updated' and task_events.actor_id in (${inP}) and task_events.created_at >= ? and task_events.created_at < ? and task_events.created_at > tasks.completed_at group by tasks.assignee_id, task_events.actor_id`, [ws, ...A, start, ws, ...P, start, end]],
];
for (const round of [1, 2]) for (const [name, text, params] of qs) {
  const st = db.prepare(text);
  const t = performance.now();
  const rows = st.all(...params);
  const ms = performance.now() - t;
  console.log(name, ms.toFixed(1), 'ms', rows.length, 'rows');
  for (const p of db.prepare(`explain query plan ${text}`).all(...params) as { detail: string }[]) console.log('   ', p.detail);
}
