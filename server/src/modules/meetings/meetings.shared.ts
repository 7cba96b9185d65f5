import type { MeetingOccurrenceView, MeetingTiming, OccurrenceOverride } from '@leeway/core';
import type { OverrideRow, SeriesRow } from './meetings.repository.ts';

/** A series as the services work with it: the row, its participants and its exceptions. */
export interface SeriesContext {
  row: SeriesRow;
  participantIds: string[];
  overrideRows: OverrideRow[];
  overrides: OccurrenceOverride[];
}

/** One occurrence addressed by a route, with the workspace it belongs to. */
export type OccurrenceView = MeetingOccurrenceView & { workspaceId: string };

/** Instants are compared as ISO strings of `toISOString()` (PostgreSQL and SQLite agree then). */
export const isoOf = (value: string): string => new Date(value).toISOString();

export function timingOf(row: SeriesRow): MeetingTiming {
  return {
    rrule: row.rrule,
    timeZone: row.time_zone,
    startsAt: isoOf(row.starts_at),
    durationMin: row.duration_min,
    until: row.until === null ? null : isoOf(row.until),
  };
}

export function toOverride(row: OverrideRow): OccurrenceOverride {
  return {
    originalStart: isoOf(row.original_start),
    movedTo: row.moved_to === null ? null : isoOf(row.moved_to),
    cancelled: row.cancelled === 1,
  };
}
