import { describe, expect, it } from 'vitest';
import { checkMeeting, checkOccurrenceOverride } from './meetings.ts';
import type { MeetingTiming } from './occurrences.ts';
import { meetingLimits } from './values.ts';

const valid = {
  title: ' Weekly sync ',
  description: '',
  participantIds: ['olga', 'anna', 'anna'],
  timeZone: 'europe/berlin',
  startsAt: '2026-03-16T10:00:00+01:00',
  durationMin: 45,
  rrule: 'freq=weekly;byday=mo',
  until: null,
};

describe('checkMeeting', () => {
  it('normalises title, participants, zone, start and rule', () => {
    expect(checkMeeting(valid)).toEqual({
      ok: true,
      value: {
        title: 'Weekly sync',
        description: '',
        participantIds: ['olga', 'anna'],
        timeZone: 'Europe/Berlin',
        startsAt: '2026-03-16T09:00:00.000Z',
        durationMin: 45,
        rrule: 'FREQ=WEEKLY;BYDAY=MO',
        until: null,
      },
    });
  });

  it('accepts a single meeting', () => {
    const result = checkMeeting({ ...valid, rrule: null });
    expect(result.ok && result.value.rrule).toBeNull();
  });

  it.each([
    ['no title', { title: ' ' }, 'title', 'required'],
    ['long title', { title: 'x'.repeat(meetingLimits.titleMax + 1) }, 'title', 'too_long'],
    ['no participants', { participantIds: [] }, 'participantIds', 'required'],
    ['participants not ids', { participantIds: ['a', 3] }, 'participantIds', 'not_allowed'],
    [
      'too many participants',
      { participantIds: Array.from({ length: 51 }, (_, i) => `u${i}`) },
      'participantIds',
      'too_many',
    ],
    ['unknown zone', { timeZone: 'Mars/Olympus' }, 'timeZone', 'not_allowed'],
    ['no start', { startsAt: 'monday' }, 'startsAt', 'invalid_date'],
    ['4 minutes', { durationMin: 4 }, 'durationMin', 'integer_between'],
    ['481 minutes', { durationMin: 481 }, 'durationMin', 'integer_between'],
    ['unsupported rule', { rrule: 'FREQ=HOURLY' }, 'rrule', 'not_allowed'],
    ['end before start', { until: '2026-03-01T00:00:00Z' }, 'until', 'invalid_date'],
  ])('%s', (_name, patch, field, code) => {
    const result = checkMeeting({ ...valid, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.objectContaining({ field, code })]);
  });
});

describe('checkOccurrenceOverride', () => {
  const series: MeetingTiming = {
    rrule: 'FREQ=WEEKLY;BYDAY=MO',
    timeZone: 'Europe/Berlin',
    startsAt: '2026-03-16T09:00:00.000Z',
    durationMin: 45,
    until: null,
  };

  it.each([
    ['cancel', { originalStart: '2026-04-13T08:00:00Z', cancelled: true }, null],
    ['move', { originalStart: '2026-04-13T08:00:00Z', movedTo: '2026-04-14T08:00:00Z' }, null],
    ['not an occurrence', { originalStart: '2026-04-14T08:00:00Z', cancelled: true }, 'originalStart'],
    [
      'both',
      { originalStart: '2026-04-13T08:00:00Z', cancelled: true, movedTo: '2026-04-14T08:00:00Z' },
      'movedTo',
    ],
    ['neither', { originalStart: '2026-04-13T08:00:00Z' }, 'movedTo'],
    ['bad move', { originalStart: '2026-04-13T08:00:00Z', movedTo: 'soon' }, 'movedTo'],
  ])('%s', (_name, input, field) => {
    const result = checkOccurrenceOverride(series, input);
    if (field === null) expect(result.ok).toBe(true);
    else expect(!result.ok && result.problems[0]?.field).toBe(field);
  });
});
