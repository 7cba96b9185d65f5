import type { LevelHistoryRow, LevelHistoryWeek } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { cellClass, cellKind, groupByMember, hasLevels, monthMarks } from './heat-map.ts';

const row = (memberId: string, areaId: string, levels: (number | null)[] = [1]): LevelHistoryRow => ({
  memberId,
  memberName: memberId.toUpperCase(),
  areaId,
  areaName: areaId,
  cells: levels.map((level) => ({ granted: level, effective: level, episode: false })),
});

const week = (weekStart: string, current = false): LevelHistoryWeek => ({
  weekStart,
  weekEnd: new Date(Date.parse(weekStart) + 7 * 86_400_000).toISOString(),
  current,
});

describe('groupByMember', () => {
  it('keeps the server order and gathers each assistant once', () => {
    const groups = groupByMember([row('a', 'x'), row('a', 'y'), row('b', 'x')]);
    expect(groups.map((g) => [g.memberName, g.rows.map((r) => r.areaId)])).toEqual([
      ['A', ['x', 'y']],
      ['B', ['x']],
    ]);
    expect(groupByMember([])).toEqual([]);
  });
});

describe('hasLevels', () => {
  it('is false for no rows and for rows of empty weeks only', () => {
    expect(hasLevels([])).toBe(false);
    expect(hasLevels([row('a', 'x', [null, null])])).toBe(false);
    expect(hasLevels([row('a', 'x', [null, 2])])).toBe(true);
  });
});

describe('monthMarks', () => {
  const weeks = [
    week('2026-02-16T00:00:00.000Z'),
    week('2026-02-23T00:00:00.000Z'),
    week('2026-03-02T00:00:00.000Z'),
    week('2026-03-09T00:00:00.000Z', true),
  ];

  it('names the month on the first column and on each week that opens a month', () => {
    expect(monthMarks(weeks, 'en', 'UTC')).toEqual(['Feb', '', 'Mar', '']);
    // German abbreviations depend on the ICU data of the runtime: compare with Intl itself.
    const de = (iso: string) =>
      new Intl.DateTimeFormat('de', { month: 'short', timeZone: 'UTC' }).format(new Date(iso));
    expect(monthMarks(weeks, 'de', 'UTC')).toEqual([de('2026-02-16'), '', de('2026-03-02'), '']);
  });

  it('reads the Monday in the zone of the weeks', () => {
    // Monday 00:00 in Berlin is Sunday 23:00 UTC: still March there.
    expect(
      monthMarks([week('2026-02-22T23:00:00.000Z'), week('2026-03-01T23:00:00.000Z')], 'en', 'Europe/Berlin'),
    ).toEqual(['Feb', 'Mar']);
  });

  it('an unknown zone or an unreadable date never throws', () => {
    expect(monthMarks(weeks, 'en', 'Mars/Olympus')).toHaveLength(4);
    expect(monthMarks([{ weekStart: 'nope', weekEnd: 'nope', current: false }], 'en', 'UTC')).toEqual(['']);
  });
});

describe('cellKind and cellClass', () => {
  it.each([
    [{ granted: null, effective: null, episode: false }, 'none', 'heat-cell heat-none'],
    [{ granted: 3, effective: 3, episode: false }, 'granted', 'heat-cell heat-l3'],
    [{ granted: 4, effective: 2, episode: true }, 'capped', 'heat-cell heat-l2 heat-episode'],
    [{ granted: 2, effective: 2, episode: true }, 'granted', 'heat-cell heat-l2 heat-episode'],
  ] as const)('%o is %s', (cell, kind, classes) => {
    expect(cellKind(cell)).toBe(kind);
    expect(cellClass(cell)).toBe(classes);
  });
});
