import { defaultAgendaThresholds, type Question, type QuestionListQuery } from '@leeway/core';

/** The tabs of the questions page, each a fixed server filter. */
export const questionTabs = ['forMe', 'mine', 'open', 'answered'] as const;
export type QuestionTab = (typeof questionTabs)[number];

export function isQuestionTab(value: unknown): value is QuestionTab {
  return typeof value === 'string' && (questionTabs as readonly string[]).includes(value);
}

/** The list query behind a tab. "Asked by me" keeps answered ones too: the asker wants to read them. */
export function tabQuery(tab: QuestionTab): QuestionListQuery {
  switch (tab) {
    case 'forMe':
      return { forMe: 'true', status: 'open' };
    case 'mine':
      return { mine: 'true' };
    case 'open':
      return { status: 'open' };
    case 'answered':
      return { status: 'answered' };
  }
}

/**
 * The tab a person lands on: an assistant first sees what they asked and how long it waits,
 * a principal what waits for them (DESIGN §7: async first, nobody waits unseen).
 */
export function defaultTab(role: 'owner' | 'assistant'): QuestionTab {
  return role === 'assistant' ? 'mine' : 'forMe';
}

/**
 * True when an open question has waited long enough to go on the next meeting's agenda.
 * `waitingHours` is whole hours, so 24 means "24 h and some minutes": past the strict
 * threshold the agenda uses, except in its very first minute.
 */
export function isOverdue(question: Pick<Question, 'status' | 'waitingHours'>): boolean {
  return question.status === 'open' && question.waitingHours >= defaultAgendaThresholds.questionHours;
}

/** Open questions first, the longest waiting on top; answered ones after, newest answer first. */
export function sortQuestions(questions: readonly Question[]): Question[] {
  return [...questions].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
    if (a.status === 'open') return b.waitingHours - a.waitingHours || a.createdAt.localeCompare(b.createdAt);
    return (b.answeredAt ?? b.updatedAt).localeCompare(a.answeredAt ?? a.updatedAt);
  });
}
