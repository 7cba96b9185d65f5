import type { LevelHistory, LevelHistoryRow, SupportEpisode } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { DAY } from '../../lib/clock.ts';
import { describeEachDb, type Harness, type TestClient, workspaceWith } from '../../test/harness.ts';
import { idOf, makeArea, type Team, team } from '../tasks/tasks.factories.ts';

// Thursday 12 March 2026; the history is read "now", its events happened weeks before.
const NOW = Date.parse('2026-03-12T10:00:00.000Z');
const WEEK = 7 * DAY;
const weeksAgo = (n: number) => new Date(NOW - n * WEEK);

const levelPath = (t: Team, member: TestClient, areaId: string) =>
  t.url(`/autonomy/members/${idOf(member)}/areas/${areaId}/level`);

async function setLevel(t: Team, member: TestClient, areaId: string, level: number) {
  const res = await t.owner.request('PUT', levelPath(t, member, areaId), {
    level,
    reason: 'Decided together',
  });
  expect(res.status).toBe(200);
}

/** The index of the week that holds `at`. */
function weekOf(history: LevelHistory, at: Date): number {
  const ms = at.getTime();
  return history.weeks.findIndex((w) => Date.parse(w.weekStart) <= ms && ms < Date.parse(w.weekEnd));
}

function rowOf(history: LevelHistory, memberId: string, areaId: string): LevelHistoryRow {
  const row = history.rows.find((r) => r.memberId === memberId && r.areaId === areaId);
  if (!row) throw new Error(`no row for ${memberId} × ${areaId}`);
  return row;
}

/** A team whose story starts five weeks ago; the clock ends at NOW. */
async function teamFromFiveWeeksAgo(h: Harness) {
  h.clock.set(weeksAgo(5));
  return team(h);
}

describeEachDb(
  'level history',
  (h) => {
    describe('GET /autonomy/level-history', () => {
      it('a promotion three weeks ago: L2 before, L3 from that week on; empty before the first level', async () => {
        const t = await teamFromFiveWeeksAgo(h());
        await setLevel(t, t.member, t.area.id, 2);
        h().clock.set(weeksAgo(3));
        await setLevel(t, t.member, t.area.id, 3);
        h().clock.set(new Date(NOW));

        const res = await t.owner.get<LevelHistory>(t.url('/autonomy/level-history'));
        expect(res.status).toBe(200);
        expect(res.body.weeks).toHaveLength(26);
        expect(res.body.weeks.at(-1)?.current).toBe(true);
        const row = rowOf(res.body, idOf(t.member), t.area.id);
        expect(row).toMatchObject({ memberName: t.member.user?.name, areaName: t.area.name });
        const first = weekOf(res.body, weeksAgo(5));
        const promoted = weekOf(res.body, weeksAgo(3));
        expect(promoted).toBe(first + 2);
        expect(row.cells.slice(0, first).every((c) => c.granted === null && c.effective === null)).toBe(true);
        expect(row.cells.slice(first, promoted).map((c) => c.granted)).toEqual([2, 2]);
        expect(row.cells.slice(promoted).every((c) => c.granted === 3 && c.effective === 3)).toBe(true);
        expect(row.cells.some((c) => c.episode)).toBe(false);
      });

      it('a demotion: the higher level before it, the lower one after', async () => {
        const t = await teamFromFiveWeeksAgo(h());
        await setLevel(t, t.member, t.area.id, 4);
        h().clock.set(weeksAgo(1));
        await setLevel(t, t.member, t.area.id, 2);
        h().clock.set(new Date(NOW));

        const res = await t.owner.get<LevelHistory>(t.url('/autonomy/level-history?weeks=7'));
        expect(res.body.weeks).toHaveLength(7);
        const row = rowOf(res.body, idOf(t.member), t.area.id);
        expect(weekOf(res.body, weeksAgo(1))).toBe(5);
        expect(row.cells.map((c) => c.granted)).toEqual([null, 4, 4, 4, 4, 2, 2]);
      });

      it('a support episode caps the effective level while it runs; the grant stays', async () => {
        const t = await teamFromFiveWeeksAgo(h());
        await setLevel(t, t.member, t.area.id, 4);
        h().clock.set(new Date(NOW));
        const start = await t.owner.post<SupportEpisode>(t.url('/support-episodes'), {
          memberId: idOf(t.member),
          areaId: t.area.id,
          reason: 'sop_change',
          capLevel: 2,
        });
        expect(start.status).toBe(201);

        const res = await t.member.get<LevelHistory>(t.url('/autonomy/level-history?weeks=3'));
        expect(res.status).toBe(200);
        expect(rowOf(res.body, idOf(t.member), t.area.id).cells).toEqual([
          { granted: 4, effective: 4, episode: false },
          { granted: 4, effective: 4, episode: false },
          { granted: 4, effective: 2, episode: true },
        ]);
      });

      it('owners see every assistant; an assistant only their own levels', async () => {
        const t = await teamFromFiveWeeksAgo(h());
        const other = await makeArea(t.owner, t.workspace.id, {
          name: 'Purchasing',
          ownerId: idOf(t.owner),
          memberIds: [idOf(t.outsider)],
        });
        await setLevel(t, t.member, t.area.id, 2);
        await setLevel(t, t.outsider, other.id, 3);
        h().clock.set(new Date(NOW));

        const cellsOf = (history: LevelHistory) =>
          history.rows.map((r) => `${r.memberId}:${r.areaId}`).sort();
        const all = await t.owner.get<LevelHistory>(t.url('/autonomy/level-history'));
        expect(cellsOf(all.body)).toEqual(
          [`${idOf(t.member)}:${t.area.id}`, `${idOf(t.outsider)}:${other.id}`].sort(),
        );
        const mine = await t.member.get<LevelHistory>(t.url('/autonomy/level-history'));
        expect(cellsOf(mine.body)).toEqual([`${idOf(t.member)}:${t.area.id}`]);
        const theirs = await t.outsider.get<LevelHistory>(t.url('/autonomy/level-history'));
        expect(cellsOf(theirs.body)).toEqual([`${idOf(t.outsider)}:${other.id}`]);
        expect(theirs.body.rows[0]?.cells.at(-1)).toEqual({ granted: 3, effective: 3, episode: false });
      });

      it('leaves out archived areas', async () => {
        const t = await teamFromFiveWeeksAgo(h());
        await setLevel(t, t.member, t.area.id, 2);
        h().clock.set(new Date(NOW));
        await h()
          .db.db.updateTable('areas')
          .set({ archived_at: new Date(NOW).toISOString() })
          .where('id', '=', t.area.id)
          .execute();
        const res = await t.owner.get<LevelHistory>(t.url('/autonomy/level-history'));
        expect(res.body.rows).toEqual([]);
      });

      it('anonymous 401; another workspace 404; weeks outside 1–52 or not a number 400', async () => {
        h().clock.set(new Date(NOW));
        const t = await team(h());
        const path = t.url('/autonomy/level-history');
        expect((await h().client().get(path)).status).toBe(401);
        const other = await workspaceWith(h(), { name: 'Other' });
        expect((await other.owner.get(path)).status).toBe(404);
        for (const weeks of ['0', '100', 'abc', '53', '-1', '1.5', '']) {
          expect((await t.owner.get(`${path}?weeks=${weeks}`)).status, `weeks=${weeks}`).toBe(400);
        }
        expect((await t.owner.get<LevelHistory>(`${path}?weeks=1`)).body.weeks).toHaveLength(1);
        expect((await t.owner.get<LevelHistory>(`${path}?weeks=52`)).body.weeks).toHaveLength(52);
      });
    });
  },
  // The story spans five weeks of the test clock; sessions must outlive it.
  { config: { sessionDays: 365 } },
);
