import type { Question } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { defaultTab, isOverdue, isQuestionTab, sortQuestions, tabQuery } from './question-view.ts';

const question = (patch: Partial<Question>): Question => ({
  id: 'q',
  taskId: null,
  taskTitle: null,
  askerId: 'a',
  askerName: 'Ann',
  addresseeId: null,
  body: 'Why?',
  bodyHtml: '<p>Why?</p>',
  status: 'open',
  answer: null,
  answerHtml: null,
  answeredBy: null,
  answeredAt: null,
  waitingHours: 0,
  version: 1,
  createdAt: '2026-11-26T08:00:00.000Z',
  updatedAt: '2026-11-26T08:00:00.000Z',
  ...patch,
});

describe('question tabs', () => {
  it('maps each tab to its server filter', () => {
    expect(tabQuery('forMe')).toEqual({ forMe: 'true', status: 'open' });
    expect(tabQuery('mine')).toEqual({ mine: 'true' });
    expect(tabQuery('open')).toEqual({ status: 'open' });
    expect(tabQuery('answered')).toEqual({ status: 'answered' });
  });

  it('starts assistants on their own questions and principals on what waits for them', () => {
    expect(defaultTab('assistant')).toBe('mine');
    expect(defaultTab('owner')).toBe('forMe');
    expect(isQuestionTab('mine')).toBe(true);
    expect(isQuestionTab('other')).toBe(false);
  });
});

describe('isOverdue', () => {
  it('flags open questions from 24 whole hours on', () => {
    expect(isOverdue(question({ waitingHours: 23 }))).toBe(false);
    expect(isOverdue(question({ waitingHours: 24 }))).toBe(true);
    expect(isOverdue(question({ waitingHours: 90, status: 'answered' }))).toBe(false);
  });
});

describe('sortQuestions', () => {
  it('shows open ones first, longest waiting on top, then the newest answers', () => {
    const sorted = sortQuestions([
      question({ id: 'answered-old', status: 'answered', answeredAt: '2026-11-20T08:00:00.000Z' }),
      question({ id: 'open-short', waitingHours: 2 }),
      question({ id: 'answered-new', status: 'answered', answeredAt: '2026-11-25T08:00:00.000Z' }),
      question({ id: 'open-long', waitingHours: 30 }),
    ]);
    expect(sorted.map((q) => q.id)).toEqual(['open-long', 'open-short', 'answered-new', 'answered-old']);
  });
});
