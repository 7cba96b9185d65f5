import { meetingOccurrences } from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isoOf, timingOf, toOverride } from '../meetings/meetings.shared.ts';
import type { Window } from './insights.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * The participants of every meeting that was missed in the window: it was due (its end has
 * passed by `now`), was not cancelled, and nobody finished it with minutes. Occurrences are
 * computed from each series' rule (only exceptions are stored, DESIGN §7), so a weekly
 * meeting that simply never took place counts as missed too, not only the ones someone
 * touched. Three small queries per workspace; the expansion is core's.
 */
export async function missedMeetingParticipants(
  db: Q,
  workspaceId: string,
  w: Window,
  now: Date,
): Promise<Set<string>[]> {
  const [series, participants, overrides] = await Promise.all([
    db
      .selectFrom('meeting_series')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('starts_at', '<', w.end)
      .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', w.start)]))
      .execute(),
    db
      .selectFrom('meeting_participants')
      .select(['series_id', 'user_id'])
      .where('workspace_id', '=', workspaceId)
      .execute(),
    db.selectFrom('meeting_occurrences').selectAll().where('workspace_id', '=', workspaceId).execute(),
  ]);
  const peopleOf = new Map<string, Set<string>>();
  for (const p of participants) {
    const set = peopleOf.get(p.series_id) ?? new Set<string>();
    set.add(p.user_id);
    peopleOf.set(p.series_id, set);
  }
  const overridesOf = new Map<string, (typeof overrides)[number][]>();
  for (const o of overrides) overridesOf.set(o.series_id, [...(overridesOf.get(o.series_id) ?? []), o]);
  const nowMs = now.getTime();
  const missed: Set<string>[] = [];
  for (const row of series) {
    const people = peopleOf.get(row.id);
    if (!people || people.size < 2) continue;
    const rows = overridesOf.get(row.id) ?? [];
    const finished = new Set(rows.filter((o) => o.finished_at !== null).map((o) => isoOf(o.original_start)));
    let list: ReturnType<typeof meetingOccurrences>;
    try {
      list = meetingOccurrences(timingOf(row), rows.map(toOverride), w.start, w.end);
    } catch {
      // A series whose rule no longer parses cannot be expanded; it is not the pair's fault.
      continue;
    }
    for (const o of list) {
      if (o.cancelled || finished.has(o.originalStart) || Date.parse(o.end) > nowMs) continue;
      missed.push(people);
    }
  }
  return missed;
}
