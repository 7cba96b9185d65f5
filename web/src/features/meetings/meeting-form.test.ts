import { describe, expect, it } from 'vitest';
import {
  draftRule,
  emptyMeetingDraft,
  type MeetingDraft,
  meetingDraftProblems,
  repeatRule,
  ruleToRepeat,
  toCreateBody,
} from './meeting-form.ts';

const draft = (patch: Partial<MeetingDraft> = {}): MeetingDraft => ({
  ...emptyMeetingDraft('Europe/Berlin', 'u1', Date.parse('2026-11-26T12:00:00Z')),
  title: 'Weekly sync',
  // 30 Nov 2026 is a Monday.
  date: '2026-11-30',
  time: '10:00',
  ...patch,
});

describe('repeat presets', () => {
  it.each([
    ['none', null],
    ['weekly', 'FREQ=WEEKLY;BYDAY=MO'],
    ['biweekly', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO'],
    ['monthly', 'FREQ=MONTHLY'],
  ] as const)('%s writes %s and reads back', (kind, rule) => {
    expect(repeatRule(kind, '', 'MO')).toBe(rule);
    expect(ruleToRepeat(rule).kind).toBe(kind);
  });

  it('keeps anything else as custom text', () => {
    expect(repeatRule('custom', ' RRULE:FREQ=DAILY;COUNT=3 ', 'MO')).toBe('FREQ=DAILY;COUNT=3');
    expect(ruleToRepeat('FREQ=WEEKLY;BYDAY=MO,TH')).toEqual({
      kind: 'custom',
      custom: 'FREQ=WEEKLY;BYDAY=MO,TH',
    });
  });

  it('repeats weekly on the weekday of the first meeting in its zone', () => {
    expect(draftRule(draft({ date: '2026-12-03' }))).toBe('FREQ=WEEKLY;BYDAY=TH');
  });
});

describe('meeting draft', () => {
  it('starts with the creator as participant, weekly, 30 minutes', () => {
    const d = emptyMeetingDraft('UTC', 'u1', Date.parse('2026-11-26T12:00:00Z'));
    expect(d).toMatchObject({ participantIds: ['u1'], date: '2026-11-27', time: '10:00', duration: '30' });
  });

  it('is valid when filled in, and becomes the contract body in UTC', () => {
    expect(meetingDraftProblems(draft())).toEqual([]);
    expect(toCreateBody(draft({ untilDate: '2027-01-31' }))).toEqual({
      title: 'Weekly sync',
      description: '',
      participantIds: ['u1'],
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      timeZone: 'Europe/Berlin',
      startsAt: '2026-11-30T09:00:00.000Z',
      durationMin: 30,
      until: '2027-01-31T22:59:00.000Z',
    });
  });

  it('names the fields with problems', () => {
    const fields = (d: MeetingDraft) => meetingDraftProblems(d).map((p) => `${p.field}:${p.code}`);
    expect(fields(draft({ title: ' ' }))).toEqual(['title:required']);
    expect(fields(draft({ participantIds: [] }))).toEqual(['participantIds:required']);
    expect(fields(draft({ time: '' }))).toEqual(['startsAt:required']);
    expect(fields(draft({ duration: '3' }))).toEqual(['durationMin:integer_between']);
    expect(fields(draft({ repeat: 'custom', custom: '' }))).toEqual(['rrule:required']);
    expect(fields(draft({ repeat: 'custom', custom: 'FREQ=SOMETIMES' }))).toEqual(['rrule:not_allowed']);
    expect(fields(draft({ untilDate: '2026-11-01' }))).toEqual(['until:invalid_date']);
  });
});
