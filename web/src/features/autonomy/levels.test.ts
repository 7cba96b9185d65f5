import type { AreaAutonomy, TaskSummary } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { taskKeys } from '../tasks/queries.ts';
import { cellKey, indexCells, pendingProposalCount } from './board.ts';
import {
  criterionProgress,
  episodeEndInstant,
  levelKeyOf,
  newestFirst,
  oldestFirst,
  reviewProblems,
  waitingFor,
} from './levels.ts';
import { autonomyKeys } from './queries.ts';
import { taskAutonomy, toSubmitResult } from './task-fields.ts';

describe('levelKeyOf', () => {
  it('names each level and clamps the rest', () => {
    expect([1, 2, 3, 4, 5].map(levelKeyOf)).toEqual([
      'guided',
      'reviewed',
      'spot_checked',
      'informed',
      'owner',
    ]);
    expect(levelKeyOf(0)).toBe('guided');
    expect(levelKeyOf(9)).toBe('owner');
  });
});

describe('criterionProgress', () => {
  it.each([
    [{ required: 10, actual: 4, met: false }, 0.4],
    [{ required: 10, actual: 12, met: true }, 1],
    [{ required: 0.9, actual: 0.45, met: false }, 0.5],
    [{ required: 5, actual: null, met: false }, 0],
    [{ required: 0, actual: null, met: false }, 1],
    [{ required: 0.95, actual: 0.96, met: false }, 1],
  ])('%o → %d', (criterion, expected) => {
    expect(criterionProgress(criterion)).toBeCloseTo(expected);
  });
});

describe('waitingFor', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');
  it.each([
    ['2026-11-26T11:59:30Z', 'minutes', 0],
    ['2026-11-26T11:15:00Z', 'minutes', 45],
    ['2026-11-26T09:00:00Z', 'hours', 3],
    ['2026-11-24T13:00:00Z', 'hours', 47],
    ['2026-11-20T12:00:00Z', 'days', 6],
    ['2026-11-27T12:00:00Z', 'minutes', 0],
    ['not a date', 'minutes', 0],
  ])('%s', (since, unit, count) => {
    expect(waitingFor(since, now)).toEqual({ unit, count });
  });
});

describe('episodeEndInstant', () => {
  const day = 86_400_000;
  const now = Date.parse('2026-11-26T15:00:00Z');
  it('keeps the time of day', () => {
    expect(episodeEndInstant(Date.parse('2026-12-10T00:00:00Z'), now, 15 * 3_600_000, 30)).toBe(
      Date.parse('2026-12-10T15:00:00Z'),
    );
  });
  it('never passes the maximum length', () => {
    const end = episodeEndInstant(Date.parse('2026-12-26T00:00:00Z'), now, 23 * 3_600_000, 30);
    expect(end).toBeLessThan(now + 30 * day);
  });
});

describe('reviewProblems', () => {
  const none = new Set<'defect' | 'preference'>();
  it('needs a decision', () => {
    expect(reviewProblems({ outcome: null, tags: none, note: '' })).toEqual(['outcome']);
  });
  it('accepts without tags or note', () => {
    expect(reviewProblems({ outcome: 'accepted', tags: none, note: '' })).toEqual([]);
  });
  it('asks a change request for a tag and a note', () => {
    expect(reviewProblems({ outcome: 'changes_requested', tags: none, note: '  ' })).toEqual([
      'tags',
      'note',
    ]);
    expect(
      reviewProblems({ outcome: 'changes_requested', tags: new Set(['preference']), note: 'Shorter' }),
    ).toEqual([]);
  });
});

describe('ordering', () => {
  it('sorts history newest first and the queue oldest first', () => {
    const a = { createdAt: '2026-01-01T00:00:00Z', submittedAt: '2026-01-01T00:00:00Z' };
    const b = { createdAt: '2026-02-01T00:00:00Z', submittedAt: '2026-02-01T00:00:00Z' };
    expect(newestFirst([a, b])).toEqual([b, a]);
    expect(oldestFirst([b, a])).toEqual([a, b]);
  });
});

describe('taskAutonomy', () => {
  const base = { id: 't1', title: 'x' } as unknown as TaskSummary;
  it('reads an older server as nothing special', () => {
    expect(taskAutonomy(base)).toEqual({ proposed: false, reviewRequested: false, routing: null });
  });
  it('reads the ladder fields', () => {
    const routing = {
      goesToReview: true,
      phase: 'required',
      reason: { code: 'level_requires_review', params: {} },
    };
    const task = { ...base, proposed: true, reviewRequested: true, routing } as unknown as TaskSummary;
    expect(taskAutonomy(task)).toEqual({ proposed: true, reviewRequested: true, routing });
  });
});

describe('board cells', () => {
  const cell = (memberId: string, areaId: string, pending: boolean) =>
    ({
      grant: { memberId, areaId },
      pendingProposal: pending ? { status: 'pending' } : null,
    }) as unknown as AreaAutonomy;
  it('indexes by member and area and counts pending proposals', () => {
    const cells = [cell('m1', 'a1', true), cell('m2', 'a1', false)];
    expect(indexCells(cells).get(cellKey('m2', 'a1'))).toBe(cells[1]);
    expect(pendingProposalCount(cells)).toBe(1);
  });
});

describe('toSubmitResult', () => {
  const routing = { goesToReview: false, phase: null, reason: { code: 'sample_not_selected', params: {} } };
  const task = { id: 't1', state: 'done' } as unknown as TaskSummary;
  it('reads { task, routing }', () => {
    expect(toSubmitResult({ task, routing })).toEqual({ task, routing });
  });
  it('reads a bare task with its routing on it, or without', () => {
    const withRouting = { ...task, routing } as unknown as TaskSummary;
    expect(toSubmitResult(withRouting)).toEqual({ task: withRouting, routing });
    expect(toSubmitResult(task)).toEqual({ task, routing: null });
  });
});

describe('autonomyKeys', () => {
  it('sit under the task keys, so a live task event refreshes the queue and the evidence', () => {
    const prefix = taskKeys.all('w1');
    for (const key of [autonomyKeys.reviews('w1'), autonomyKeys.board('w1'), autonomyKeys.mine('w1')]) {
      expect(key.slice(0, prefix.length)).toEqual([...prefix]);
    }
  });
});
