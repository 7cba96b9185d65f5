import type { LevelHistoryCell, LevelHistoryRow, LevelHistoryWeek } from '@leeway/core';

/*
 * Pure helpers of the levels-over-time heat map: grouping rows by assistant, the month marks of
 * the week axis and what a cell says. No React here, so every rule is unit-tested.
 */

/** The spans the heat map offers; the server accepts 1–52. */
export const heatMapSpans = [12, 26] as const;
export type HeatMapSpan = (typeof heatMapSpans)[number];

export interface MemberGroup {
  memberId: string;
  memberName: string;
  rows: LevelHistoryRow[];
}

/** Rows grouped by assistant, in the order the server sent them (by name, then area). */
export function groupByMember(rows: readonly LevelHistoryRow[]): MemberGroup[] {
  const groups: MemberGroup[] = [];
  const byId = new Map<string, MemberGroup>();
  for (const row of rows) {
    let group = byId.get(row.memberId);
    if (!group) {
      group = { memberId: row.memberId, memberName: row.memberName, rows: [] };
      byId.set(row.memberId, group);
      groups.push(group);
    }
    group.rows.push(row);
  }
  return groups;
}

/** True when some cell holds a level: a history of only empty weeks is the empty state. */
export function hasLevels(rows: readonly LevelHistoryRow[]): boolean {
  return rows.some((row) => row.cells.some((cell) => cell.effective !== null));
}

function monthPart(iso: string, locale: string, timeZone: string, options: Intl.DateTimeFormatOptions) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date);
  } catch {
    // An unknown zone must not blank the axis.
    return new Intl.DateTimeFormat(locale, options).format(date);
  }
}

/**
 * The visible axis label of each week: the short month name on the first week (Monday) of a
 * month and on the first column, empty otherwise, so 26 narrow columns stay readable. Every
 * header also carries the full date for screen readers; this is only the picture.
 */
export function monthMarks(weeks: readonly LevelHistoryWeek[], locale: string, timeZone: string): string[] {
  let previous = '';
  return weeks.map((week) => {
    const month = monthPart(week.weekStart, locale, timeZone, { month: 'numeric', year: 'numeric' });
    const mark = month !== previous ? monthPart(week.weekStart, locale, timeZone, { month: 'short' }) : '';
    previous = month;
    return mark;
  });
}

/** How a cell reads: not there yet, at its granted level, or capped below it by an episode. */
export type CellKind = 'none' | 'granted' | 'capped';

export function cellKind(cell: LevelHistoryCell): CellKind {
  if (cell.effective === null || cell.granted === null) return 'none';
  return cell.effective < cell.granted ? 'capped' : 'granted';
}

/** The class names of a cell: its level's colour and the hatching of a support episode. */
export function cellClass(cell: LevelHistoryCell): string {
  const classes = ['heat-cell'];
  classes.push(cell.effective === null ? 'heat-none' : `heat-l${cell.effective}`);
  if (cell.episode && cell.effective !== null) classes.push('heat-episode');
  return classes.join(' ');
}
