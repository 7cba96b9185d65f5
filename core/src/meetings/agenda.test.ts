import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../visibility.ts';
import { type AgendaInput, type AgendaItem, agendaFor, buildAgenda, deferredItems } from './agenda.ts';
import { agendaSections, defaultAgendaThresholds } from './values.ts';

const now = '2026-11-30T08:00:00.000Z';
const H = 3_600_000;
const D = 24 * H;
const ago = (ms: number): string => new Date(Date.parse(now) - ms).toISOString();
const ahead = (ms: number): string => new Date(Date.parse(now) + ms).toISOString();

const empty: AgendaInput = {
  now,
  occurrenceStart: ahead(2 * H),
  previousOccurrenceStart: ago(7 * D),
  thresholds: defaultAgendaThresholds,
  carriedOver: [],
  pinned: [],
  proposals: [],
  episodes: [],
  questions: [],
  tasks: [],
  lessons: [],
  followUps: [],
  checkIns: [],
  manual: [],
};

const task = (
  id: string,
  patch: Partial<AgendaInput['tasks'][number]> = {},
): AgendaInput['tasks'][number] => ({
  id,
  title: `Task ${id}`,
  areaId: 'area-books',
  assigneeId: 'anna',
  creatorId: 'olga',
  blocked: false,
  blockedSince: null,
  dueAt: null,
  state: 'doing',
  ...patch,
});

const keys = (items: AgendaItem[]) => items.map((i) => i.key);
const build = (patch: Partial<AgendaInput>) => buildAgenda({ ...empty, ...patch });

describe('buildAgenda, one table per source', () => {
  it.each([
    ['open 25 h', { answeredAt: null, askedAt: ago(25 * H) }, ['question:q']],
    ['open exactly 24 h', { answeredAt: null, askedAt: ago(24 * H) }, []],
    ['open 2 h', { answeredAt: null, askedAt: ago(2 * H) }, []],
    ['answered', { answeredAt: ago(H), askedAt: ago(50 * H) }, []],
  ])('questions: %s', (_name, patch, expected) => {
    const items = build({ questions: [{ id: 'q', taskId: null, title: 'Which bank?', ...patch }] });
    expect(keys(items)).toEqual(expected);
    if (expected.length > 0) {
      expect(items[0]).toMatchObject({
        source: 'question',
        section: 'questions',
        reason: { code: 'question_waiting', params: { hours: 25 } },
        link: { kind: 'question', id: 'q' },
        taskId: null,
      });
    }
  });

  it.each([
    [
      'blocked 25 h',
      { blocked: true, blockedSince: ago(25 * H) },
      'blocked_task:t',
      'task_blocked',
      { hours: 25 },
    ],
    ['blocked 23 h', { blocked: true, blockedSince: ago(23 * H) }, null, null, null],
    ['blocked without a since', { blocked: true, blockedSince: null }, null, null, null],
    ['flag cleared', { blocked: false, blockedSince: ago(30 * H) }, null, null, null],
    ['overdue 2 days', { dueAt: ago(2 * D + H) }, 'overdue_task:t', 'task_overdue', { days: 2 }],
    ['overdue an hour', { dueAt: ago(H) }, 'overdue_task:t', 'task_overdue', { days: 0 }],
    ['due later', { dueAt: ahead(H) }, null, null, null],
    ['overdue but done', { dueAt: ago(D), state: 'done' as const }, null, null, null],
    [
      'blocked but cancelled',
      { blocked: true, blockedSince: ago(30 * H), state: 'cancelled' as const },
      null,
      null,
      null,
    ],
    [
      'blocked and overdue: once, as blocked',
      { blocked: true, blockedSince: ago(30 * H), dueAt: ago(3 * D) },
      'blocked_task:t',
      'task_blocked',
      { hours: 30, overdueDays: 3 },
    ],
  ])('tasks: %s', (_name, patch, key, code, params) => {
    const items = build({ tasks: [task('t', patch)] });
    expect(keys(items)).toEqual(key === null ? [] : [key]);
    if (key !== null) {
      expect(items[0]).toMatchObject({
        section: 'tasks',
        reason: { code, params },
        link: { kind: 'task', id: 't' },
        taskId: 't',
        taskFacts: { areaId: 'area-books', assigneeId: 'anna', creatorId: 'olga' },
      });
    }
  });

  it.each([
    ['ends in 3 days', { plannedEndAt: ahead(3 * D - H), endedAt: null }, 3],
    ['ends in exactly 7 days', { plannedEndAt: ahead(7 * D), endedAt: null }, 7],
    ['ends in 8 days', { plannedEndAt: ahead(8 * D), endedAt: null }, null],
    ['planned end passed', { plannedEndAt: ago(H), endedAt: null }, null],
    ['already ended early', { plannedEndAt: ahead(2 * D), endedAt: ago(D) }, null],
  ])('episodes: %s', (_name, patch, days) => {
    const items = build({
      episodes: [{ id: 'e', memberId: 'anna', memberName: 'Anna', areaId: 'a', areaName: 'Books', ...patch }],
    });
    if (days === null) expect(items).toEqual([]);
    else {
      expect(items).toEqual([
        expect.objectContaining({
          key: 'episode_ending:e',
          section: 'autonomy',
          title: 'Anna · Books',
          reason: { code: 'episode_ending', params: { days, memberName: 'Anna', areaName: 'Books' } },
          link: { kind: 'episode', id: 'e' },
          aboutMemberId: 'anna',
        }),
      ]);
    }
  });

  it('goals: off track before at risk, on track never; assistants do not see them', () => {
    const items = build({
      goals: [
        { id: 'g-ok', title: 'Fine', status: 'on_track', updatedAt: ago(D) },
        { id: 'g-risk', title: 'Wobbly', status: 'at_risk', updatedAt: ago(3 * D) },
        { id: 'g-off', title: 'Broken', status: 'off_track', updatedAt: ago(D) },
      ],
    });
    expect(keys(items)).toEqual(['goal:g-off', 'goal:g-risk']);
    expect(items.map((i) => [i.section, i.reason.code, i.link])).toEqual([
      ['goals', 'goal_off_track', { kind: 'goal', id: 'g-off' }],
      ['goals', 'goal_at_risk', { kind: 'goal', id: 'g-risk' }],
    ]);
    const assistant = { userId: 'anna', role: 'assistant' as const, areaIds: new Set(['area-books']) };
    expect(agendaFor(assistant, items)).toEqual([]);
  });

  it('proposals: every pending proposal, with its levels', () => {
    const items = build({
      proposals: [
        {
          id: 'p',
          memberId: 'anna',
          memberName: 'Anna',
          areaId: 'a',
          areaName: 'Books',
          fromLevel: 2,
          toLevel: 3,
          createdAt: ago(D),
        },
      ],
    });
    expect(items).toEqual([
      expect.objectContaining({
        key: 'level_proposal:p',
        reason: {
          code: 'proposal_pending',
          params: { memberName: 'Anna', areaName: 'Books', fromLevel: 2, toLevel: 3 },
        },
        link: { kind: 'proposal', id: 'p' },
        aboutMemberId: 'anna',
      }),
    ]);
  });

  it.each([
    ['since the last occurrence', ago(2 * D), ago(7 * D), true],
    ['at the last occurrence start', ago(7 * D), ago(7 * D), true],
    ['before the last occurrence', ago(8 * D), ago(7 * D), false],
    ['no previous occurrence, 6 days old', ago(6 * D), null, true],
    ['no previous occurrence, 8 days old', ago(8 * D), null, false],
  ])('lessons: %s', (_name, createdAt, previous, listed) => {
    const items = build({
      previousOccurrenceStart: previous,
      lessons: [{ id: 'l', title: 'Invoice sent twice', createdAt, areaId: 'a' }],
    });
    expect(keys(items)).toEqual(listed ? ['lesson:l'] : []);
  });

  it.each([
    ['due before the meeting, not yet', ahead(H), 'open' as const, 'follow_up_due', {}],
    ['overdue 3 days', ago(3 * D), 'open' as const, 'follow_up_overdue', { days: 3 }],
    ['overdue for months still shows', ago(90 * D), 'open' as const, 'follow_up_overdue', { days: 90 }],
    ['due after the meeting', ahead(3 * H), 'open' as const, null, null],
    ['done', ago(D), 'done' as const, null, null],
  ])('follow-ups: %s', (_name, dueAt, status, code, params) => {
    const items = build({
      followUps: [{ id: 'f', lessonId: 'l', title: 'Add a check step', dueAt, status }],
    });
    if (code === null) expect(items).toEqual([]);
    else expect(items).toEqual([expect.objectContaining({ key: 'follow_up:f', reason: { code, params } })]);
  });

  it.each([
    ['blockers', { blockers: ' No bank access ', discuss: false }, 'checkin_blocker:c', 'No bank access', 0],
    ['flag only', { blockers: '  ', discuss: true }, 'checkin_flag:c', null, 1],
    [
      'blockers and flag: once, as blocker',
      { blockers: 'VPN', discuss: true },
      'checkin_blocker:c',
      'VPN',
      1,
    ],
    ['neither', { blockers: '', discuss: false }, null, null, 0],
    [
      'before the last occurrence',
      { blockers: 'VPN', discuss: true, submittedAt: ago(8 * D) },
      null,
      null,
      0,
    ],
  ])('check-ins: %s', (_name, patch, key, detail, discuss) => {
    const items = build({
      checkIns: [
        {
          id: 'c',
          memberId: 'anna',
          memberName: 'Anna',
          submittedAt: ago(D),
          ...patch,
        },
      ],
    });
    expect(keys(items)).toEqual(key === null ? [] : [key]);
    if (key !== null) {
      expect(items[0]).toMatchObject({ detail, aboutMemberId: 'anna', link: { kind: 'check_in', id: 'c' } });
      expect(items[0]?.reason.params.discuss).toBe(discuss);
    }
  });

  it('pinned items keep their pinned order; manual items come last', () => {
    const items = build({
      pinned: [
        { id: 'z', title: 'Numbers of the week' },
        { id: 'a', title: 'Cash flow' },
      ],
      manual: [{ id: 'm', title: 'Holiday plan', addedById: 'anna', addedAt: ago(H) }],
    });
    expect(keys(items)).toEqual(['pinned:z', 'pinned:a', 'manual:m']);
    expect(items.map((i) => i.reason.code)).toEqual(['pinned', 'pinned', 'added']);
  });

  it('carried over: open action items and deferred items', () => {
    const items = build({
      carriedOver: [
        {
          id: 'ai',
          kind: 'action_item',
          title: 'Send the offer',
          since: ago(7 * D),
          taskId: 'ai',
          taskFacts: { areaId: null, assigneeId: 'anna', creatorId: 'olga' },
        },
        {
          id: 'd1',
          kind: 'deferred',
          title: 'Holiday plan',
          since: ago(7 * D),
          source: 'manual',
          sourceId: 'm1',
        },
      ],
    });
    expect(items).toEqual([
      expect.objectContaining({
        key: 'action_item:ai',
        section: 'carried_over',
        reason: { code: 'carried_over', params: {} },
        carriedOver: true,
        link: { kind: 'action_item', id: 'ai' },
      }),
      expect.objectContaining({ key: 'manual:m1', section: 'carried_over', carriedOver: true }),
    ]);
  });

  it('a deferred item its source still produces keeps its key, section and fresh reason', () => {
    const items = build({
      questions: [{ id: 'q', taskId: null, title: 'Which bank?', askedAt: ago(30 * H), answeredAt: null }],
      carriedOver: [
        {
          id: 'x',
          kind: 'deferred',
          title: 'Which bank?',
          since: ago(7 * D),
          source: 'question',
          sourceId: 'q',
        },
      ],
    });
    expect(items).toEqual([
      expect.objectContaining({
        key: 'question:q',
        section: 'questions',
        carriedOver: true,
        reason: { code: 'question_waiting', params: { hours: 30 } },
      }),
    ]);
  });
});

describe('buildAgenda, dedupe of a question and its blocked task', () => {
  it('keeps the question and folds the task into it', () => {
    const items = build({
      tasks: [task('t', { blocked: true, blockedSince: ago(30 * H), dueAt: ago(2 * D) })],
      questions: [{ id: 'q', taskId: 't', title: 'Which bank?', askedAt: ago(30 * H), answeredAt: null }],
    });
    expect(items).toEqual([
      expect.objectContaining({
        key: 'question:q',
        taskId: 't',
        taskFacts: { areaId: 'area-books', assigneeId: 'anna', creatorId: 'olga' },
        reason: { code: 'question_waiting', params: { hours: 30, taskBlockedHours: 30, taskOverdueDays: 2 } },
      }),
    ]);
  });

  it('lists the task when its question is not yet on the agenda', () => {
    const items = build({
      tasks: [task('t', { blocked: true, blockedSince: ago(30 * H) })],
      questions: [{ id: 'q', taskId: 't', title: 'Which bank?', askedAt: ago(2 * H), answeredAt: null }],
    });
    expect(keys(items)).toEqual(['blocked_task:t']);
  });
});

describe('buildAgenda, order and stability', () => {
  const full: Partial<AgendaInput> = {
    manual: [{ id: 'm', title: 'Holiday plan', addedById: 'anna', addedAt: ago(H) }],
    checkIns: [
      { id: 'c', memberId: 'anna', memberName: 'Anna', submittedAt: ago(D), blockers: 'VPN', discuss: false },
    ],
    followUps: [{ id: 'f', lessonId: 'l', title: 'Check step', dueAt: ago(D), status: 'open' }],
    lessons: [{ id: 'l', title: 'Invoice twice', createdAt: ago(2 * D), areaId: 'a' }],
    tasks: [
      task('t1', { dueAt: ago(D) }),
      task('t2', { blocked: true, blockedSince: ago(40 * H) }),
      task('t3', { dueAt: ago(3 * D) }),
    ],
    questions: [
      { id: 'q2', taskId: null, title: 'B', askedAt: ago(30 * H), answeredAt: null },
      { id: 'q1', taskId: null, title: 'A', askedAt: ago(50 * H), answeredAt: null },
    ],
    episodes: [
      {
        id: 'e',
        memberId: 'anna',
        memberName: 'Anna',
        areaId: 'a',
        areaName: 'Books',
        plannedEndAt: ahead(D),
        endedAt: null,
      },
    ],
    proposals: [
      {
        id: 'p',
        memberId: 'ben',
        memberName: 'Ben',
        areaId: 'a',
        areaName: 'Books',
        fromLevel: 1,
        toLevel: 2,
        createdAt: ago(D),
      },
    ],
    pinned: [{ id: 'pin', title: 'Numbers' }],
    carriedOver: [{ id: 'ai', kind: 'action_item', title: 'Offer', since: ago(7 * D) }],
  };

  it('orders by section, then source, then oldest first', () => {
    expect(keys(build(full))).toEqual([
      'action_item:ai',
      'pinned:pin',
      'level_proposal:p',
      'episode_ending:e',
      'question:q1',
      'question:q2',
      'blocked_task:t2',
      'overdue_task:t3',
      'overdue_task:t1',
      'lesson:l',
      'follow_up:f',
      'checkin_blocker:c',
      'manual:m',
    ]);
    const items = build(full);
    expect(items.map((i) => i.order)).toEqual(items.map((_, i) => i));
    const sections = items.map((i) => agendaSections.indexOf(i.section));
    expect(sections).toEqual([...sections].sort((a, b) => a - b));
  });

  it('property: the result does not depend on the order of the input lists', () => {
    const lists = ['questions', 'tasks', 'checkIns', 'carriedOver', 'manual'] as const;
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 5, maxLength: 5 }), (seeds) => {
        const shuffled: Partial<AgendaInput> = { ...full };
        lists.forEach((name, i) => {
          const list = [...(full[name] ?? [])] as unknown[];
          const k = (seeds[i] ?? 0) % Math.max(1, list.length);
          (shuffled as Record<string, unknown>)[name] = [...list.slice(k), ...list.slice(0, k)].reverse();
        });
        expect(build(shuffled)).toEqual(build(full));
      }),
    );
  });

  it('property: keys are unique and rebuilding later keeps the keys of what is still there', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), (hours) => {
        const first = build(full);
        const later = buildAgenda({ ...empty, ...full, now: ahead(hours * 60_000) });
        expect(new Set(keys(first)).size).toBe(first.length);
        expect(keys(later)).toEqual(keys(first));
      }),
    );
  });
});

describe('agendaFor', () => {
  const items = buildAgenda({
    ...empty,
    tasks: [
      task('mine', { assigneeId: 'anna', areaId: 'area-hr', dueAt: ago(D) }),
      task('area', { assigneeId: 'olga', areaId: 'area-books', dueAt: ago(D) }),
      task('secret', { assigneeId: 'olga', creatorId: 'olga', areaId: 'area-hr', dueAt: ago(D) }),
    ],
    questions: [
      { id: 'q-secret', taskId: 'secret', title: 'Salary?', askedAt: ago(30 * H), answeredAt: null },
      { id: 'q-unknown', taskId: 'gone', title: 'Old', askedAt: ago(30 * H), answeredAt: null },
      { id: 'q-general', taskId: null, title: 'Holidays?', askedAt: ago(30 * H), answeredAt: null },
    ],
    proposals: [
      {
        id: 'p-anna',
        memberId: 'anna',
        memberName: 'Anna',
        areaId: 'a',
        areaName: 'Books',
        fromLevel: 2,
        toLevel: 3,
        createdAt: ago(D),
      },
      {
        id: 'p-ben',
        memberId: 'ben',
        memberName: 'Ben',
        areaId: 'a',
        areaName: 'Books',
        fromLevel: 1,
        toLevel: 2,
        createdAt: ago(D),
      },
    ],
    episodes: [
      {
        id: 'e-ben',
        memberId: 'ben',
        memberName: 'Ben',
        areaId: 'a',
        areaName: 'Books',
        plannedEndAt: ahead(D),
        endedAt: null,
      },
    ],
    checkIns: [
      {
        id: 'c-anna',
        memberId: 'anna',
        memberName: 'Anna',
        submittedAt: ago(D),
        blockers: 'VPN',
        discuss: false,
      },
      {
        id: 'c-ben',
        memberId: 'ben',
        memberName: 'Ben',
        submittedAt: ago(D),
        blockers: 'Too much',
        discuss: true,
      },
    ],
    lessons: [
      {
        id: 'l-secret',
        title: 'Payroll slip',
        createdAt: ago(D),
        areaId: 'area-hr',
        taskId: 'secret',
        taskFacts: { areaId: 'area-hr', assigneeId: 'olga', creatorId: 'olga' },
      },
      { id: 'l-open', title: 'Invoice twice', createdAt: ago(D), areaId: 'area-books' },
    ],
  });

  it('shows an owner everything', () => {
    const owner: Viewer = { userId: 'olga', role: 'owner', areaIds: new Set() };
    expect(agendaFor(owner, items)).toEqual(items);
  });

  it('shows an assistant only their tasks, their own proposals, episodes and check-ins', () => {
    const anna: Viewer = { userId: 'anna', role: 'assistant', areaIds: new Set(['area-books']) };
    expect(keys(agendaFor(anna, items)).sort()).toEqual(
      [
        'checkin_blocker:c-anna',
        'lesson:l-open',
        'level_proposal:p-anna',
        'overdue_task:area',
        'overdue_task:mine',
        'question:q-general',
      ].sort(),
    );
  });

  it('hides a manual item linking a task unless the task is visible', () => {
    const anna: Viewer = { userId: 'anna', role: 'assistant', areaIds: new Set(['area-books']) };
    const added = buildAgenda({
      ...empty,
      manual: [
        {
          id: 'no-facts',
          title: 'About that task',
          addedById: 'olga',
          addedAt: ago(H),
          link: { kind: 'task', id: 'secret' },
        },
        {
          id: 'visible',
          title: 'About the books task',
          addedById: 'olga',
          addedAt: ago(H),
          link: { kind: 'task', id: 'area' },
          taskFacts: { areaId: 'area-books', assigneeId: 'olga', creatorId: 'olga' },
        },
        { id: 'plain', title: 'Holidays', addedById: 'olga', addedAt: ago(H) },
      ],
    });
    expect(added.find((i) => i.key === 'manual:no-facts')?.taskId).toBe('secret');
    expect(keys(agendaFor(anna, added))).toEqual(['manual:plain', 'manual:visible']);
  });

  it('property: an assistant never sees an item about a task they may not see', () => {
    fc.assert(
      fc.property(
        fc.subarray(['area-books', 'area-hr']),
        fc.constantFrom('anna', 'ben', 'carl'),
        (areas, userId) => {
          const viewer: Viewer = { userId, role: 'assistant', areaIds: new Set(areas) };
          for (const item of agendaFor(viewer, items)) {
            if (item.taskId !== null) {
              expect(item.taskFacts).not.toBeNull();
              const f = item.taskFacts as NonNullable<AgendaItem['taskFacts']>;
              expect(
                f.assigneeId === userId ||
                  f.creatorId === userId ||
                  (f.areaId !== null && areas.includes(f.areaId)),
              ).toBe(true);
            }
            if (item.aboutMemberId !== null) expect(item.aboutMemberId).toBe(userId);
          }
        },
      ),
    );
  });
});

describe('deferredItems', () => {
  it('turns deferred items into carried-over input that keeps their keys', () => {
    const items = build({
      questions: [{ id: 'q', taskId: null, title: 'Which bank?', askedAt: ago(30 * H), answeredAt: null }],
      manual: [{ id: 'm', title: 'Holiday plan', addedById: 'anna', addedAt: ago(H) }],
    });
    const withStatus = items.map((i) => ({
      ...i,
      status: i.source === 'manual' ? ('deferred' as const) : ('discussed' as const),
    }));
    const carried = deferredItems(withStatus, now);
    expect(carried).toEqual([
      expect.objectContaining({ kind: 'deferred', source: 'manual', sourceId: 'm', title: 'Holiday plan' }),
    ]);
    const next = build({
      now: ahead(7 * D),
      occurrenceStart: ahead(7 * D + H),
      previousOccurrenceStart: now,
      carriedOver: carried,
    });
    expect(keys(next)).toEqual(['manual:m']);
    expect(next[0]?.section).toBe('carried_over');
  });
});
