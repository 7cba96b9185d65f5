import type { AgendaItemView } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { english } from '../../locales/index.ts';
import { agendaItemPath, type ReasonKey, reasonParts, ruleWords } from './agenda-text.ts';

const reason = (code: AgendaItemView['reason']['code'], params: Record<string, string | number> = {}) => ({
  code,
  params,
});

describe('reasonParts', () => {
  it.each([
    ['question_waiting', { hours: 26 }, 'meetings.reason.questionWaitingHours', 26],
    ['question_waiting', { hours: 80 }, 'meetings.reason.questionWaitingDays', 3],
    ['task_blocked', { hours: 30 }, 'meetings.reason.taskBlockedHours', 30],
    ['task_blocked', { hours: 49 }, 'meetings.reason.taskBlockedDays', 2],
    ['task_overdue', { days: 3 }, 'meetings.reason.taskOverdue', 3],
    ['episode_ending', { days: 4 }, 'meetings.reason.episodeEnding', 4],
    ['follow_up_overdue', { days: 2 }, 'meetings.reason.followUpOverdue', 2],
  ] as const)('%s %o → %s with count %i', (code, params, key, count) => {
    expect(reasonParts(reason(code, params))[0]).toEqual({ key, params: { count } });
  });

  it('names the levels of a proposal', () => {
    expect(reasonParts(reason('proposal_pending', { fromLevel: 2, toLevel: 3, memberName: 'Ada' }))).toEqual([
      { key: 'meetings.reason.proposalPending', params: { from: 2, to: 3 } },
    ]);
  });

  it('says "since today" for an overdue task of less than a day', () => {
    expect(reasonParts(reason('task_overdue', { days: 0 }))[0]?.key).toBe('meetings.reason.taskOverdueToday');
  });

  it('adds what rides along: a blocked task that is also overdue, a question on a stuck task', () => {
    expect(reasonParts(reason('task_blocked', { hours: 26, overdueDays: 2 }))).toEqual([
      { key: 'meetings.reason.taskBlockedHours', params: { count: 26 } },
      { key: 'meetings.reason.alsoOverdue', params: { count: 2 } },
    ]);
    expect(
      reasonParts(reason('question_waiting', { hours: 30, taskBlockedHours: 72, taskOverdueDays: 1 })).map(
        (p) => p.key,
      ),
    ).toEqual([
      'meetings.reason.questionWaitingHours',
      'meetings.reason.alsoBlockedDays',
      'meetings.reason.alsoOverdue',
    ]);
  });

  it('has a text for every reason code (and its plural forms) in English', () => {
    const texts = english.meetings.reason as Record<string, string>;
    const codes = [
      'carried_over',
      'pinned',
      'proposal_pending',
      'episode_ending',
      'question_waiting',
      'task_blocked',
      'task_overdue',
      'lesson_new',
      'follow_up_due',
      'follow_up_overdue',
      'checkin_blocker',
      'checkin_flag',
      'added',
      'goal_at_risk',
      'goal_off_track',
    ] as const;
    for (const code of codes) {
      for (const part of reasonParts(reason(code, { hours: 30, days: 3, overdueDays: 1 }))) {
        const name = (part.key as ReasonKey).replace('meetings.reason.', '');
        expect(texts[name] ?? texts[`${name}_other`], part.key).toBeTruthy();
      }
    }
  });
});

describe('agendaItemPath', () => {
  const item = (link: AgendaItemView['link'], taskId: string | null = null) => ({ link, taskId });

  it.each([
    [{ kind: 'task', id: 't1' }, '/w/ws/tasks/t1'],
    [{ kind: 'lesson', id: 'l1' }, '/w/ws/lessons/l1'],
    [{ kind: 'follow_up', id: 'f1' }, '/w/ws/lessons?open=true'],
    [{ kind: 'question', id: 'q1' }, '/w/ws/questions?question=q1'],
    [{ kind: 'proposal', id: 'p1' }, '/w/ws/areas/matrix'],
    [{ kind: 'episode', id: 'e1' }, '/w/ws/areas/matrix'],
    [{ kind: 'check_in', id: 'c1' }, '/w/ws/check-ins'],
  ] as const)('%o → %s', (link, path) => {
    expect(agendaItemPath('ws', item(link))).toBe(path);
  });

  it('opens the task of an action item, and the task of a plain item', () => {
    expect(agendaItemPath('ws', item({ kind: 'action_item', id: 'a1' }), [{ id: 'a1', taskId: 't9' }])).toBe(
      '/w/ws/tasks/t9',
    );
    expect(agendaItemPath('ws', item(null, 't2'))).toBe('/w/ws/tasks/t2');
    expect(agendaItemPath('ws', item(null))).toBeNull();
  });
});

describe('ruleWords', () => {
  const at = { startsAt: '2026-11-30T09:00:00.000Z', timeZone: 'Europe/Berlin' };

  it.each([
    [null, 'meetings.rule.once', {}],
    ['FREQ=WEEKLY;BYDAY=MO', 'meetings.rule.weekly', { weekday: 'Monday' }],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', 'meetings.rule.biweekly', { weekday: 'Monday' }],
    ['FREQ=WEEKLY', 'meetings.rule.weekly', { weekday: 'Monday' }],
    ['FREQ=MONTHLY', 'meetings.rule.monthly', {}],
    ['FREQ=DAILY', 'meetings.rule.daily', {}],
    ['FREQ=WEEKLY;COUNT=4;BYDAY=MO', 'meetings.rule.custom', { rule: 'FREQ=WEEKLY;COUNT=4;BYDAY=MO' }],
  ] as const)('%s → %s', (rrule, key, params) => {
    expect(ruleWords({ ...at, rrule }, 'en')).toEqual({ key, params });
  });

  it('speaks the reader language', () => {
    expect(ruleWords({ ...at, rrule: 'FREQ=WEEKLY;BYDAY=MO,TH' }, 'de').params.weekday).toBe(
      'Montag und Donnerstag',
    );
  });
});
