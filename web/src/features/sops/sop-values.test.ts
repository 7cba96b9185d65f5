import type { SopSummary } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import {
  checkReviewInterval,
  conflictDraft,
  defaultComparePair,
  draftBody,
  draftProblems,
  editDraftFrom,
  listQueryString,
  moveStep,
  normalizeSopField,
  ownDueReviews,
  uncheckedSopSteps,
  versionNumbers,
} from './sop-values.ts';

describe('listQueryString', () => {
  it.each([
    [{}, ''],
    [{ areaId: 'a1' }, '?areaId=a1'],
    [{ status: 'draft' as const, reviewDue: 'true' as const }, '?status=draft&reviewDue=true'],
    [{ reviewDue: 'false' as const }, ''],
    [{ q: '  invoice  ' }, '?q=invoice'],
    [{ q: '   ' }, ''],
  ])('%j → %s', (query, expected) => {
    expect(listQueryString(query)).toBe(expected);
  });
});

describe('moveStep', () => {
  it.each([
    [0, 2, ['b', 'c', 'a']],
    [2, 0, ['c', 'a', 'b']],
    [1, 1, ['a', 'b', 'c']],
    [0, 5, ['a', 'b', 'c']],
    [-1, 0, ['a', 'b', 'c']],
  ])('moves %i → %i', (from, to, expected) => {
    expect(moveStep(['a', 'b', 'c'], from, to)).toEqual(expected);
  });
});

describe('draft helpers', () => {
  it('starts a blank draft with one empty step', () => {
    const draft = editDraftFrom(null);
    expect(draft.steps).toHaveLength(1);
    expect(draftBody(draft)).toEqual({ title: '', purpose: '', steps: [{ text: '', checkpoint: false }] });
  });

  it('gives every step its own key and drops the keys for the server', () => {
    const draft = editDraftFrom({
      title: 'T',
      purpose: '',
      steps: [
        { text: 'a', html: '<p>a</p>', checkpoint: true },
        { text: 'b', html: '<p>b</p>', checkpoint: false },
      ],
    });
    expect(new Set(draft.steps.map((s) => s.key)).size).toBe(2);
    expect(draftBody(draft).steps).toEqual([
      { text: 'a', checkpoint: true },
      { text: 'b', checkpoint: false },
    ]);
  });

  it('reports problems by field, as core checks them', () => {
    const problems = draftProblems({
      title: ' ',
      purpose: '',
      steps: [{ key: 'k', text: '', checkpoint: false }],
    });
    expect(problems.title?.code).toBe('required');
    expect(problems['steps/0/text']?.code).toBe('required');
    expect(draftProblems({ title: 'x', purpose: '', steps: [] }).steps?.code).toBe('required');
    expect(
      draftProblems({ title: 'x', purpose: '', steps: [{ key: 'k', text: 'y', checkpoint: false }] }),
    ).toEqual({});
  });
});

describe('normalizeSopField', () => {
  it.each([
    ['/steps/2/text', 'steps/2/text'],
    ['body/title', 'title'],
    ['#/purpose', 'purpose'],
    ['steps.1.text', 'steps/1/text'],
  ])('%s → %s', (path, expected) => {
    expect(normalizeSopField(path)).toBe(expected);
  });
});

describe('uncheckedSopSteps', () => {
  it('reads the missing steps of a refused level-1 submit', () => {
    const issue = { field: 'checklist', message: 'x', code: 'sop_steps_unticked', params: {} };
    const error = new ApiError(400, 'validation_failed', 'x', {
      fields: [issue],
      missingSteps: [0, 2],
    });
    expect(uncheckedSopSteps(error)).toEqual([0, 2]);
  });

  it('is null for other errors', () => {
    expect(uncheckedSopSteps(new ApiError(400, 'validation_failed', 'x', { fields: [] }))).toBeNull();
    expect(uncheckedSopSteps(new Error('x'))).toBeNull();
    expect(uncheckedSopSteps(null)).toBeNull();
  });
});

describe('conflictDraft', () => {
  const draft = {
    id: 'v',
    number: null,
    status: 'draft' as const,
    title: 'T',
    purpose: '',
    steps: [],
    changelog: '',
    requiresReacknowledgement: false,
    authorId: null,
    followUpId: null,
    publishedBy: null,
    publishedAt: null,
    version: 4,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };

  it('takes the draft a 409 carries', () => {
    expect(conflictDraft(new ApiError(409, 'conflict', 'x', { current: draft }))?.version).toBe(4);
  });

  it('is null when the draft is gone or the error is another', () => {
    expect(conflictDraft(new ApiError(409, 'conflict', 'x', { current: null }))).toBeNull();
    expect(conflictDraft(new ApiError(400, 'validation_failed', 'x', { current: draft }))).toBeNull();
  });
});

describe('versions and reminders', () => {
  it('lists version numbers newest first and pairs the last two for comparing', () => {
    const numbers = versionNumbers({
      versions: [1, 3, 2].map((number) => ({
        id: `v${number}`,
        number,
        changelog: '',
        requiresReacknowledgement: false,
        publishedBy: null,
        publishedAt: '2026-01-01T00:00:00Z',
      })),
    });
    expect(numbers).toEqual([3, 2, 1]);
    expect(defaultComparePair(numbers)).toEqual({ from: 2, to: 3 });
    expect(defaultComparePair([1])).toBeNull();
  });

  it('reminds only of the reader’s own due reviews', () => {
    const sop = (id: string, ownerId: string, reviewDue: boolean) =>
      ({ id, ownerId, reviewDue }) as SopSummary;
    expect(ownDueReviews([sop('a', 'me', true), sop('b', 'you', true), sop('c', 'me', false)], 'me')).toEqual(
      [sop('a', 'me', true)],
    );
  });

  it.each([
    ['', 'required'],
    ['0', 'integer_between'],
    ['1.5', 'integer_between'],
    ['3651', 'integer_between'],
    ['180', null],
  ])('review interval %j → %s', (value, expected) => {
    expect(checkReviewInterval(value)).toBe(expected);
  });
});
