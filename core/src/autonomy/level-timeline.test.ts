import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weeklyBuckets } from '../insights/trends.ts';
import {
  levelTimeline,
  type TimelineChange,
  type TimelineEpisode,
  type TimelineGrant,
} from './level-timeline.ts';

// Thursday 26 November 2026, 19:30 UTC; the last of 6 weeks is Monday 23 November.
const now = '2026-11-26T19:30:00.000Z';
const weeks = weeklyBuckets(now, 6);
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.parse(now) - days * DAY).toISOString();

const grant = (over: Partial<TimelineGrant> = {}): TimelineGrant => ({
  memberId: 'm1',
  areaId: 'a1',
  level: 1,
  since: daysAgo(60),
  createdAt: daysAgo(60),
  ...over,
});
const change = (
  from: number,
  to: number,
  at: string,
  over: Partial<TimelineChange> = {},
): TimelineChange => ({
  memberId: 'm1',
  areaId: 'a1',
  from,
  to,
  at,
  ...over,
});
const episode = (over: Partial<TimelineEpisode> = {}): TimelineEpisode => ({
  memberId: 'm1',
  areaId: 'a1',
  capLevel: 1,
  startsAt: daysAgo(10),
  plannedEndAt: daysAgo(-4),
  endedAt: null,
  ...over,
});

const granted = (rows: ReturnType<typeof levelTimeline>) => rows[0]?.cells.map((c) => c.granted);
const effective = (rows: ReturnType<typeof levelTimeline>) => rows[0]?.cells.map((c) => c.effective);
const ran = (rows: ReturnType<typeof levelTimeline>) => rows[0]?.cells.map((c) => c.episode);

describe('levelTimeline', () => {
  it.each([
    {
      name: 'no changes: the current grant every week',
      grants: [grant({ level: 2 })],
      changes: [],
      expected: [2, 2, 2, 2, 2, 2],
    },
    {
      name: 'a promotion 3 weeks ago: the old level before, the new one from that week',
      grants: [grant({ level: 3, since: daysAgo(21) })],
      changes: [change(2, 3, daysAgo(21))],
      // 21 days before Thursday 26 Nov is Thursday 5 Nov, in the week of 2 Nov (index 2).
      expected: [2, 2, 3, 3, 3, 3],
    },
    {
      name: 'a demotion replayed backwards: higher before it',
      grants: [grant({ level: 2, since: daysAgo(8) })],
      changes: [change(1, 3, daysAgo(30)), change(3, 2, daysAgo(8))],
      expected: [1, 3, 3, 3, 2, 2],
    },
    {
      name: 'two changes in one week: the level at its end',
      grants: [grant({ level: 3, since: daysAgo(16) })],
      changes: [change(1, 2, daysAgo(17)), change(2, 3, daysAgo(16))],
      expected: [1, 1, 1, 3, 3, 3],
    },
    {
      name: 'before the first trace the cell is empty (never worked there)',
      grants: [grant({ level: 1, since: daysAgo(9), createdAt: daysAgo(9) })],
      changes: [],
      expected: [null, null, null, null, 1, 1],
    },
    {
      name: 'a change older than the grant row still counts as a trace',
      grants: [grant({ level: 2, since: daysAgo(2), createdAt: daysAgo(2) })],
      changes: [change(1, 2, daysAgo(2)), change(3, 1, daysAgo(20))],
      expected: [null, null, 1, 1, 1, 2],
    },
  ])('$name', ({ grants, changes, expected }) => {
    expect(granted(levelTimeline({ grants, changes, episodes: [], weeks, now }))).toEqual(expected);
  });

  it('a change exactly at Monday 00:00 belongs to the week it opens', () => {
    const monday = weeks[3]?.weekStart ?? '';
    const rows = levelTimeline({
      grants: [grant({ level: 4 })],
      changes: [change(3, 4, monday)],
      episodes: [],
      weeks,
      now,
    });
    expect(granted(rows)).toEqual([3, 3, 3, 4, 4, 4]);
  });

  it('an episode caps the effective level while it runs and marks every week it touched', () => {
    const rows = levelTimeline({
      grants: [grant({ level: 4 })],
      changes: [],
      // From Monday 9 Nov 12:00 until Wednesday 18 Nov (ended early).
      episodes: [
        episode({
          capLevel: 2,
          startsAt: '2026-11-09T12:00:00.000Z',
          plannedEndAt: '2026-11-30T00:00:00.000Z',
          endedAt: '2026-11-18T00:00:00.000Z',
        }),
      ],
      weeks,
      now,
    });
    expect(granted(rows)).toEqual([4, 4, 4, 4, 4, 4]);
    // The week of 16 Nov: guidance ran, but at its end the cap was gone.
    expect(effective(rows)).toEqual([4, 4, 4, 2, 4, 4]);
    expect(ran(rows)).toEqual([false, false, false, true, true, false]);
  });

  it('a running episode caps the current week; the lowest cap wins; a future one does not count', () => {
    const rows = levelTimeline({
      grants: [grant({ level: 5 })],
      changes: [],
      episodes: [
        episode({ capLevel: 3, startsAt: daysAgo(3) }),
        episode({ capLevel: 2, startsAt: daysAgo(1) }),
        episode({ capLevel: 1, startsAt: daysAgo(-1), plannedEndAt: daysAgo(-10) }),
      ],
      weeks,
      now,
    });
    expect(effective(rows)?.at(-1)).toBe(2);
    expect(ran(rows)?.at(-1)).toBe(true);
    expect(ran(rows)?.at(-2)).toBe(false);
  });

  it('keeps cells apart: another member or area never leaks into a row', () => {
    const rows = levelTimeline({
      grants: [grant({ level: 2 }), grant({ memberId: 'm2', level: 5 })],
      changes: [change(1, 5, daysAgo(20), { memberId: 'm2' }), change(4, 2, daysAgo(3), { areaId: 'a2' })],
      episodes: [episode({ memberId: 'm2', areaId: 'a2' })],
      weeks,
      now,
    });
    expect(rows.map((r) => r.memberId)).toEqual(['m1', 'm2']);
    expect(rows[0]?.cells.every((c) => c.granted === 2 && !c.episode)).toBe(true);
    expect(rows[1]?.cells.map((c) => c.granted)).toEqual([1, 1, 5, 5, 5, 5]);
  });

  it('unreadable instants in the history never fail the page', () => {
    const rows = levelTimeline({
      grants: [grant({ level: 3 })],
      changes: [change(1, 3, 'not a date')],
      episodes: [episode({ startsAt: 'nope' })],
      weeks,
      now,
    });
    expect(granted(rows)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(ran(rows)?.every((x) => !x)).toBe(true);
  });

  // A consistent history: a start level and a chain of changes at increasing times.
  const history = fc
    .record({
      start: fc.integer({ min: 1, max: 5 }),
      createdDaysAgo: fc.integer({ min: 0, max: 200 }),
      steps: fc.array(
        fc.record({ to: fc.integer({ min: 1, max: 5 }), afterHours: fc.integer({ min: 0, max: 600 }) }),
        {
          maxLength: 8,
        },
      ),
      episodes: fc.array(
        fc.record({
          cap: fc.integer({ min: 1, max: 5 }),
          startDaysAgo: fc.integer({ min: -5, max: 200 }),
          days: fc.integer({ min: 1, max: 30 }),
          endedEarly: fc.boolean(),
        }),
        { maxLength: 4 },
      ),
      weeks: fc.integer({ min: 1, max: 30 }),
    })
    .map((h) => {
      let at = Date.parse(daysAgo(h.createdDaysAgo));
      let level = h.start;
      const changes: TimelineChange[] = [];
      for (const s of h.steps) {
        at += s.afterHours * 3_600_000;
        if (at > Date.parse(now)) break;
        changes.push(change(level, s.to, new Date(at).toISOString()));
        level = s.to;
      }
      return {
        ...h,
        level,
        changes,
        grants: [
          grant({
            level,
            createdAt: daysAgo(h.createdDaysAgo),
            since: changes.at(-1)?.at ?? daysAgo(h.createdDaysAgo),
          }),
        ],
        eps: h.episodes.map((e) =>
          episode({
            capLevel: e.cap,
            startsAt: daysAgo(e.startDaysAgo),
            plannedEndAt: daysAgo(e.startDaysAgo - e.days),
            endedAt: e.endedEarly ? daysAgo(e.startDaysAgo - 1) : null,
          }),
        ),
        buckets: weeklyBuckets(now, h.weeks),
      };
    });

  it('replaying backwards agrees with replaying forwards from the first level', () => {
    fc.assert(
      fc.property(history, (h) => {
        const rows = levelTimeline({
          grants: h.grants,
          changes: h.changes,
          episodes: [],
          weeks: h.buckets,
          now,
        });
        const created = Date.parse(daysAgo(h.createdDaysAgo));
        h.buckets.forEach((b, i) => {
          const probe = Math.min(Date.parse(b.weekEnd) - 1, Date.parse(now));
          let forward: number | null = probe < created ? null : h.start;
          for (const c of h.changes) if (forward !== null && Date.parse(c.at) <= probe) forward = c.to;
          expect(rows[0]?.cells[i]?.granted).toBe(forward);
        });
      }),
    );
  });

  it('effective ≤ granted; equal without an episode; empty cells only before the first trace; the last week is today', () => {
    fc.assert(
      fc.property(history, (h) => {
        const cells =
          levelTimeline({ grants: h.grants, changes: h.changes, episodes: h.eps, weeks: h.buckets, now })[0]
            ?.cells ?? [];
        expect(cells).toHaveLength(h.buckets.length);
        let seen = false;
        for (const c of cells) {
          if (c.granted === null) {
            expect(seen).toBe(false);
            expect(c).toEqual({ granted: null, effective: null, episode: false });
            continue;
          }
          seen = true;
          expect(c.effective).not.toBeNull();
          expect(c.effective ?? 0).toBeLessThanOrEqual(c.granted);
          if (!c.episode) expect(c.effective).toBe(c.granted);
        }
        expect(cells.at(-1)?.granted).toBe(h.level);
        const withoutEpisodes = levelTimeline({
          grants: h.grants,
          changes: h.changes,
          episodes: [],
          weeks: h.buckets,
          now,
        });
        expect(withoutEpisodes[0]?.cells.every((c) => c.effective === c.granted && !c.episode)).toBe(true);
      }),
    );
  });
});
