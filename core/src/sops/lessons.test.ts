import { describe, expect, it } from 'vitest';
import { checkLesson, defaultFollowUpDue, isFollowUpOverdue, lessonLimits } from './lessons.ts';

const valid = {
  title: 'Invoice sent twice',
  whatHappened: 'The March invoice went out twice.',
  impact: 'One confused client.',
  severity: 2,
  contributingFactors: [{ kind: 'process', text: 'No step to check the sent folder.' }],
  wentWell: 'Caught within an hour.',
  learned: 'Check before sending.',
};

describe('checkLesson', () => {
  it('accepts and trims a valid lesson', () => {
    const result = checkLesson({ ...valid, title: ` ${valid.title} ` });
    expect(result).toEqual({ ok: true, value: valid });
  });

  it.each(['culprit', 'blame', 'responsiblePerson'])('rejects a %s field as not blameless', (field) => {
    const result = checkLesson({ ...valid, [field]: 'Ben' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toEqual([expect.objectContaining({ field, code: 'lessons_are_blameless' })]);
      expect(result.problems[0]?.message).toMatch(/blameless/);
    }
  });

  it.each([
    ['missing title', { title: '' }, 'title', 'required'],
    ['missing what happened', { whatHappened: undefined }, 'whatHappened', 'required'],
    ['long impact', { impact: 'x'.repeat(lessonLimits.textMax + 1) }, 'impact', 'too_long'],
    ['severity 0', { severity: 0 }, 'severity', 'integer_between'],
    ['severity 5', { severity: 5 }, 'severity', 'integer_between'],
    ['severity 2.5', { severity: 2.5 }, 'severity', 'integer_between'],
    ['severity text', { severity: '2' }, 'severity', 'integer_between'],
    [
      'unknown factor kind',
      { contributingFactors: [{ kind: 'person', text: 'x' }] },
      'contributingFactors/0/kind',
      'not_allowed',
    ],
    [
      'factor without text',
      { contributingFactors: [{ kind: 'tool', text: ' ' }] },
      'contributingFactors/0/text',
      'required',
    ],
    [
      'factor naming someone',
      { contributingFactors: [{ kind: 'tool', text: 'x', who: 'Ben' }] },
      'contributingFactors/0/who',
      'lessons_are_blameless',
    ],
    ['factors not a list', { contributingFactors: 'tool' }, 'contributingFactors', 'not_allowed'],
    [
      'too many factors',
      {
        contributingFactors: Array.from({ length: lessonLimits.factorsMax + 1 }, () => ({
          kind: 'tool',
          text: 'x',
        })),
      },
      'contributingFactors',
      'too_many',
    ],
  ])('%s', (_name, patch, field, code) => {
    const result = checkLesson({ ...valid, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContainEqual(expect.objectContaining({ field, code }));
  });
});

describe('follow-ups', () => {
  it('are due 28 days after the lesson by default', () => {
    expect(defaultFollowUpDue('2026-02-01T09:30:00.000Z')).toBe('2026-03-01T09:30:00.000Z');
    expect(defaultFollowUpDue(new Date('2026-12-10T00:00:00Z'))).toBe('2027-01-07T00:00:00.000Z');
  });

  it.each([
    ['open, before due', 'open', '2026-03-01T00:00:00Z', '2026-02-28T23:59:59Z', false],
    ['open, at due', 'open', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z', false],
    ['open, past due', 'open', '2026-03-01T00:00:00Z', '2026-03-01T00:00:01Z', true],
    ['done, past due', 'done', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', false],
  ] as const)('%s', (_name, status, dueAt, now, overdue) => {
    expect(isFollowUpOverdue({ status, dueAt }, now)).toBe(overdue);
  });
});
