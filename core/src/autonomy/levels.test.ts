import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explanationCodes, isExplanationCode } from './explanations.ts';
import { type AssistantWorkEvent, principalNotice } from './notifications.ts';
import { canEditSops, canReview, canTriageInto, createsProposedTask } from './rights.ts';
import { defaultAutonomySettings as settings } from './settings.ts';
import {
  type AutonomyLevel,
  autonomyLevels,
  isAutonomyLevel,
  levelRules,
  toAutonomyLevel,
} from './values.ts';

describe('the ladder as data (DESIGN §4 table)', () => {
  it.each([
    [1, 'guided', 'every_result', 'immediate', 'every_event', 'all_ticked'],
    [2, 'reviewed', 'every_result', 'immediate', 'submissions', 'guidance'],
    [3, 'spot_checked', 'first_then_sample', 'daily', 'none', 'deviate_with_note'],
    [4, 'informed', 'sample', 'weekly', 'none', 'outcome'],
    [5, 'owner', 'sample', 'exceptions', 'none', 'owns'],
  ] as const)(
    'L%i is %s: review %s, principal told %s (%s), SOP steps %s',
    (level, key, review, cadence, scope, sop) => {
      expect(levelRules[level]).toMatchObject({
        level,
        key,
        review,
        reviewsEveryResult: level <= 2,
        principalCadence: cadence,
        immediateScope: scope,
        sopSteps: sop,
      });
    },
  );

  it('reads levels defensively', () => {
    expect([0, 1, 5, 6, 2.5, Number.NaN, '3'].map(isAutonomyLevel)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect([0, 1, 3.7, 9, Number.NaN].map(toAutonomyLevel)).toEqual([1, 1, 3, 5, 1]);
  });
});

describe('rights by level', () => {
  it.each([
    ['assistant', 1, true],
    ['assistant', 2, true],
    ['assistant', 3, false],
    ['assistant', 5, false],
    ['owner', 1, false],
  ] as const)('a task created by an %s at L%i is proposed: %s', (role, level, proposed) => {
    const r = createsProposedTask(role, level);
    expect(r.proposed).toBe(proposed);
    expect(r.explanation).toEqual(
      proposed
        ? { code: 'task_needs_approval', params: { level, below: 3 } }
        : { code: 'task_direct', params: { level } },
    );
  });

  it.each([
    ['owner', 1, 'p', 'a', true],
    ['assistant', 4, 'b', 'a', false],
    ['assistant', 5, 'b', 'a', true],
    ['assistant', 5, 'a', 'a', false], // never one's own result
    ['owner', 1, 'p', 'p', false],
    ['owner', 1, 'p', null, true],
  ] as const)(
    '%s at L%i, reviewer %s, assignee %s → may review %s',
    (role, effectiveLevel, reviewerId, assigneeId, ok) => {
      expect(canReview({ role, effectiveLevel, reviewerId, assigneeId })).toBe(ok);
    },
  );

  it.each(autonomyLevels)('L%i: SOP editing from L5, triage from L4', (level) => {
    expect(canEditSops('assistant', level)).toBe(level === 5);
    expect(canTriageInto('assistant', level)).toBe(level >= 4);
    expect(canEditSops('owner', level)).toBe(true);
  });
});

describe('principalNotice', () => {
  const submission: AssistantWorkEvent = { kind: 'submission' };
  const activity: AssistantWorkEvent = { kind: 'activity' };

  it.each([
    [1, submission, 'immediate'],
    [1, activity, 'immediate'],
    [2, submission, 'immediate'],
    [2, activity, 'daily_digest'],
    [3, submission, 'daily_digest'],
    [4, submission, 'weekly_digest'],
    [5, submission, 'none'],
    [5, activity, 'none'],
  ] as const)('L%i %j → %s', (level, event, delivery) => {
    const r = principalNotice(level, event, settings);
    expect(r.delivery).toBe(delivery);
    expect(r.exception).toBeNull();
    expect(r.explanation).toEqual({
      code: 'notice_by_level',
      params: { level, cadence: levelRules[level].principalCadence },
    });
  });

  it.each([
    [{ kind: 'guardrail_hit' }, 'guardrail_hit'],
    [{ kind: 'question_open', hours: 24.01 }, 'question_unanswered'],
    [{ kind: 'question_open', hours: 24 }, null],
    [{ kind: 'blocked', hours: 48.5 }, 'blocked_long'],
    [{ kind: 'blocked', hours: 48 }, null],
    [{ kind: 'lesson', severity: 1 }, 'severe_lesson'],
    [{ kind: 'lesson', severity: 2 }, 'severe_lesson'],
    [{ kind: 'lesson', severity: 3 }, null],
  ] as const)('%j → exception %s', (event, exception) => {
    for (const level of autonomyLevels) {
      const r = principalNotice(level, event, settings);
      expect(r.exception).toBe(exception);
      if (exception !== null) {
        expect(r.delivery).toBe('immediate');
        expect(r.explanation).toEqual({ code: 'notice_exception', params: { exception } });
      }
    }
  });

  it('never tells a principal less at a lower level', () => {
    const rank = { immediate: 3, daily_digest: 2, weekly_digest: 1, none: 0 } as const;
    const events = fc.constantFrom<AssistantWorkEvent>(
      submission,
      activity,
      { kind: 'blocked', hours: 10 },
      { kind: 'lesson', severity: 4 },
    );
    fc.assert(
      fc.property(events, fc.constantFrom<AutonomyLevel>(1, 2, 3, 4), (event, level) => {
        const lower = principalNotice(level, event, settings).delivery;
        const higher = principalNotice((level + 1) as AutonomyLevel, event, settings).delivery;
        expect(rank[lower]).toBeGreaterThanOrEqual(rank[higher]);
      }),
    );
  });
});

describe('explanation codes', () => {
  it('are a closed, unique list', () => {
    expect(new Set(explanationCodes).size).toBe(explanationCodes.length);
    expect(isExplanationCode('sample_selected')).toBe(true);
    expect(isExplanationCode('toString')).toBe(false);
  });
});
