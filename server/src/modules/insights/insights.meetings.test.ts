import type { Insights } from '@leeway/core';
import { expect, it } from 'vitest';
import { DAY } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { describeEachDb, type Harness } from '../../test/harness.ts';
import { idOf, team } from '../tasks/tasks.factories.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** A weekly meeting of `people` whose first occurrence was `weeksAgo` weeks ago. */
async function weeklySeries(h: Harness, workspaceId: string, people: string[], firstMs: number) {
  const id = newId();
  const at = h.clock.now().toISOString();
  await h.db.db
    .insertInto('meeting_series')
    .values({
      id,
      workspace_id: workspaceId,
      title: 'Weekly',
      description: '',
      organizer_id: people[0] ?? null,
      rrule: 'FREQ=WEEKLY',
      time_zone: 'Europe/Berlin',
      starts_at: iso(firstMs),
      duration_min: 30,
      until: null,
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await h.db.db
    .insertInto('meeting_participants')
    .values(people.map((user_id) => ({ workspace_id: workspaceId, series_id: id, user_id })))
    .execute();
  return id;
}

async function override(
  h: Harness,
  workspaceId: string,
  seriesId: string,
  originalMs: number,
  change: { cancelled?: boolean; finished?: boolean },
) {
  await h.db.db
    .insertInto('meeting_occurrences')
    .values({
      workspace_id: workspaceId,
      series_id: seriesId,
      original_start: iso(originalMs),
      moved_to: null,
      cancelled: change.cancelled ? 1 : 0,
      finished_at: change.finished ? iso(originalMs + 30 * 60_000) : null,
      finished_by: null,
      updated_at: h.clock.now().toISOString(),
    })
    .execute();
}

describeEachDb('insights: missed meetings', (h) => {
  it('counts occurrences that passed without minutes, also the ones nobody touched', async () => {
    const t = await team(h());
    const ws = t.workspace.id;
    const [owner, member, outsider] = [idOf(t.owner), idOf(t.member), idOf(t.outsider)];
    const now = h().clock.now().getTime();
    // Weekly from 40 days ago: occurrences at -40 (outside the 30-day window), -33 (outside),
    // -26, -19, -12, -5 days (inside, all over) and +2 days (not yet due).
    const first = now - 40 * DAY;
    const series = await weeklySeries(h(), ws, [owner, member], first);
    await override(h(), ws, series, now - 26 * DAY, { finished: true });
    await override(h(), ws, series, now - 19 * DAY, { cancelled: true });
    // -12 and -5 were never opened: missed, though no row exists for them.
    await weeklySeries(h(), ws, [owner], first); // a principal alone: nobody else missed it
    await weeklySeries(h(), ws, [owner, outsider], now - 3 * DAY); // one missed with the outsider

    const res = await t.owner.get<Insights>(t.url('/insights'));
    expect(res.status).toBe(200);
    const missed = (assistantId: string) =>
      res.body.pairs
        .find((p) => p.assistantId === assistantId)
        ?.underSupport.items.find((i) => i.key === 'missedMeetings')?.count ?? 0;
    expect(missed(member)).toBe(2);
    expect(missed(outsider)).toBe(1);
  });
});
