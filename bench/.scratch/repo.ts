import { openDatabase } from '../../server/src/db/database.ts';
import * as r from '../../server/src/modules/insights/insights.repository.ts';
const db = openDatabase({ databaseUrl: null, sqliteFile: process.argv[2]! });
const ws = process.argv[3]!;
const now = Date.now();
const w = { start: new Date(now - 30 * 86400000).toISOString(), end: new Date(now).toISOString() };
const P = (await r.membersWithRole(db.db, ws, 'owner')).map((p) => p.id);
const A = (await r.membersWithRole(db.db, ws, 'assistant')).map((p) => p.id);
const before = new Date(now - 86400000).toISOString();
const calls: [string, () => Promise<unknown>][] = [
  ['completedCounts', () => r.completedCounts(db.db, ws, A, w)],
  ['reviewPhaseCounts', () => r.reviewPhaseCounts(db.db, ws, A, w)],
  ['reviewTimings', () => r.reviewTimings(db.db, ws, A, w)],
  ['assigneeChangeEvents', () => r.assigneeChangeEvents(db.db, ws, P, w)],
  ['editsAfterCompletion', () => r.editsAfterCompletion(db.db, ws, A, P, w)],
  ['grantsOf', () => r.grantsOf(db.db, ws, A)],
  ['openPromotionProposals', () => r.openPromotionProposals(db.db, ws, A, w.end)],
  ['episodesOverlapping', () => r.episodesOverlapping(db.db, ws, A, w)],
  ['openQuestionCounts', () => r.openQuestionCounts(db.db, ws, A, before)],
  ['blockedOnPrincipalCounts', () => r.blockedOnPrincipalCounts(db.db, ws, A, P, before)],
  ['unfinishedOccurrences', () => r.unfinishedOccurrences(db.db, ws, w)],
  ['lowAutonomyCheckInCounts', () => r.lowAutonomyCheckInCounts(db.db, ws, A, 2, w)],
  ['overdueFollowUpCounts', () => r.overdueFollowUpCounts(db.db, ws, w.end)],
];
for (let round = 0; round < 3; round++) {
  const out: string[] = [];
  for (const [name, f] of calls) {
    const t = performance.now();
    const rows = await f();
    out.push(`${name} ${(performance.now() - t).toFixed(1)}ms(${Array.isArray(rows) ? rows.length : (rows as Map<string, number>).size})`);
  }
  console.log(out.join('  '));
}
await db.close();
