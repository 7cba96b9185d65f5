import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnswer, checkQuestion, isOverdueQuestion, questionStatus, waitingHours } from './questions.ts';
import { questionLimits } from './values.ts';

describe('checkQuestion', () => {
  it('trims the body and defaults task and addressee to null', () => {
    expect(checkQuestion({ body: '  Which account?  ' })).toEqual({
      ok: true,
      value: { body: 'Which account?', taskId: null, forUserId: null },
    });
    expect(checkQuestion({ body: 'x', taskId: 't1', forUserId: 'u1' })).toEqual({
      ok: true,
      value: { body: 'x', taskId: 't1', forUserId: 'u1' },
    });
  });

  it.each([
    ['missing body', { body: undefined }, 'body', 'required'],
    ['blank body', { body: '   ' }, 'body', 'required'],
    ['long body', { body: 'x'.repeat(questionLimits.bodyMax + 1) }, 'body', 'too_long'],
    ['task id not a string', { body: 'x', taskId: 5 }, 'taskId', 'not_allowed'],
    ['blank addressee', { body: 'x', forUserId: ' ' }, 'forUserId', 'not_allowed'],
  ])('%s', (_name, input, field, code) => {
    const result = checkQuestion(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toEqual([expect.objectContaining({ field, code })]);
  });

  it('requires an answer text', () => {
    expect(checkAnswer({ body: ' Yes ' })).toEqual({ ok: true, value: { body: 'Yes' } });
    expect(checkAnswer({ body: '' }).ok).toBe(false);
  });
});

describe('question timing', () => {
  const asked = '2026-11-25T10:00:00.000Z';

  it.each([
    ['open, 23 h 59', { askedAt: asked, answeredAt: null }, '2026-11-26T09:59:00Z', 23, false],
    ['open, exactly 24 h', { askedAt: asked, answeredAt: null }, '2026-11-26T10:00:00Z', 24, false],
    ['open, 24 h and a second', { askedAt: asked, answeredAt: null }, '2026-11-26T10:00:01Z', 24, true],
    [
      'answered after 30 h',
      { askedAt: asked, answeredAt: '2026-11-26T16:00:00Z' },
      '2026-11-28T00:00:00Z',
      30,
      false,
    ],
    ['clock behind the question', { askedAt: asked, answeredAt: null }, '2026-11-25T09:00:00Z', 0, false],
  ])('%s', (_name, question, now, hours, overdue) => {
    expect(waitingHours(question, now)).toBe(hours);
    expect(isOverdueQuestion(question, now, 24)).toBe(overdue);
  });

  it('derives the status; reopening is clearing answeredAt', () => {
    expect(questionStatus({ askedAt: asked, answeredAt: null })).toBe('open');
    expect(questionStatus({ askedAt: asked, answeredAt: '2026-11-26T00:00:00Z' })).toBe('answered');
  });

  it('property: overdue exactly when open and waiting more than the threshold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 * 3_600_000 }),
        fc.integer({ min: 1, max: 200 }),
        (elapsed, hours) => {
          const now = new Date(Date.parse(asked) + elapsed).toISOString();
          const q = { askedAt: asked, answeredAt: null };
          expect(isOverdueQuestion(q, now, hours)).toBe(elapsed > hours * 3_600_000);
          expect(isOverdueQuestion({ ...q, answeredAt: now }, now, hours)).toBe(false);
        },
      ),
    );
  });
});
