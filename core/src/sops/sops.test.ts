import { describe, expect, it } from 'vitest';
import {
  acknowledgementState,
  canEditSop,
  canSubmitWithSteps,
  checkSopDraft,
  nextVersionNumber,
  reviewDue,
  sopLimits,
} from './sops.ts';

describe('checkSopDraft', () => {
  it('trims and accepts a valid draft', () => {
    expect(
      checkSopDraft({ title: ' Invoices ', purpose: '', steps: [{ text: ' Open **DATEV** ' }] }),
    ).toEqual({
      ok: true,
      value: { title: 'Invoices', purpose: '', steps: [{ text: 'Open **DATEV**', checkpoint: false }] },
    });
  });

  it.each([
    ['missing title', { title: '  ', steps: [{ text: 'x' }] }, 'title', 'required'],
    [
      'long title',
      { title: 'x'.repeat(sopLimits.titleMax + 1), steps: [{ text: 'x' }] },
      'title',
      'too_long',
    ],
    [
      'long purpose',
      { title: 't', purpose: 'x'.repeat(sopLimits.purposeMax + 1), steps: [{ text: 'x' }] },
      'purpose',
      'too_long',
    ],
    ['no steps', { title: 't', steps: [] }, 'steps', 'required'],
    ['empty step', { title: 't', steps: [{ text: 'a' }, { text: ' ' }] }, 'steps/1/text', 'required'],
    [
      'long step',
      { title: 't', steps: [{ text: 'x'.repeat(sopLimits.stepTextMax + 1) }] },
      'steps/0/text',
      'too_long',
    ],
    [
      'too many steps',
      { title: 't', steps: Array.from({ length: sopLimits.stepsMax + 1 }, () => ({ text: 'x' })) },
      'steps',
      'too_many',
    ],
  ])('%s', (_name, input, field, code) => {
    const result = checkSopDraft(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContainEqual(expect.objectContaining({ field, code }));
  });
});

describe('nextVersionNumber', () => {
  it.each([
    [[], 1],
    [[1], 2],
    [[3, 1, 2], 4],
    [[1, 5], 6],
  ])('%j → %i', (existing, next) => {
    expect(nextVersionNumber(existing)).toBe(next);
  });
});

describe('acknowledgementState', () => {
  const members = ['ana', 'ben', 'cem'];
  it('keeps acknowledgements of earlier versions valid when the new one does not require re-acknowledgement', () => {
    const state = acknowledgementState({
      versions: [
        { number: 1, requiresReacknowledgement: false },
        { number: 2, requiresReacknowledgement: false },
      ],
      acknowledgements: [{ memberId: 'ana', versionNumber: 1 }],
      memberIds: members,
    });
    expect(state).toEqual({
      currentVersion: 2,
      validFrom: 1,
      acknowledged: ['ana'],
      pending: ['ben', 'cem'],
    });
  });

  it('clears earlier acknowledgements from a version that requires re-acknowledgement', () => {
    const state = acknowledgementState({
      versions: [
        { number: 1, requiresReacknowledgement: false },
        { number: 2, requiresReacknowledgement: true },
        { number: 3, requiresReacknowledgement: false },
      ],
      acknowledgements: [
        { memberId: 'ana', versionNumber: 1 },
        { memberId: 'ben', versionNumber: 2 },
        { memberId: 'cem', versionNumber: 3 },
      ],
      memberIds: members,
    });
    expect(state).toMatchObject({
      currentVersion: 3,
      validFrom: 2,
      acknowledged: ['ben', 'cem'],
      pending: ['ana'],
    });
  });

  it('has nobody acknowledged before anything is published', () => {
    expect(acknowledgementState({ versions: [], acknowledgements: [], memberIds: ['ana'] })).toEqual({
      currentVersion: null,
      validFrom: null,
      acknowledged: [],
      pending: ['ana'],
    });
  });
});

describe('reviewDue', () => {
  const published = {
    status: 'published' as const,
    reviewEveryDays: 180,
    lastPublishedAt: '2026-01-01T00:00:00Z',
  };
  it.each([
    ['before the interval', published, '2026-06-29T00:00:00Z', false],
    ['at the interval', published, '2026-06-30T00:00:00Z', true],
    ['draft', { ...published, status: 'draft' as const }, '2027-01-01T00:00:00Z', false],
    ['retired', { ...published, status: 'retired' as const }, '2027-01-01T00:00:00Z', false],
    ['never published', { ...published, lastPublishedAt: null }, '2027-01-01T00:00:00Z', false],
  ])('%s', (_name, sop, now, due) => {
    expect(reviewDue(sop, new Date(now))).toBe(due);
  });
});

describe('canEditSop', () => {
  it.each([
    ['owner', 1, true],
    ['assistant', 4, false],
    ['assistant', 5, true],
  ] as const)('%s at L%i → %s', (role, level, allowed) => {
    expect(canEditSop(role, level)).toBe(allowed);
  });
});

describe('canSubmitWithSteps', () => {
  it('at level 1 needs every step ticked and names the missing ones', () => {
    expect(canSubmitWithSteps(1, [true, false, true, false])).toEqual({ ok: false, missing: [1, 3] });
    expect(canSubmitWithSteps(1, [true, true])).toEqual({ ok: true, missing: [] });
  });

  it('above level 1 treats steps as guidance', () => {
    for (const level of [2, 3, 4, 5] as const) {
      expect(canSubmitWithSteps(level, [false])).toEqual({ ok: true, missing: [] });
    }
  });
});
