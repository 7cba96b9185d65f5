import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLevelRequest, checkSetLevel, decideProposal } from './proposals.ts';
import { checkReviewDecision } from './review-decision.ts';
import { type ProposalKind, proposalKinds } from './values.ts';

describe('decideProposal', () => {
  it.each([
    ['auto_promotion', 2, 3, 'promotion'],
    ['assistant_request', 3, 4, 'request'],
    ['demotion_suggestion', 4, 3, 'demotion'],
  ] as const)('accepting %s %i → %i records a %s', (kind, from, to, changeKind) => {
    expect(decideProposal({ kind, from, to, status: 'pending' }, { decision: 'accept' })).toEqual({
      ok: true,
      value: { status: 'accepted', change: { from, to, kind: changeKind } },
    });
  });

  it('needs a reason to decline, and changes nothing when declined', () => {
    const p = { kind: 'auto_promotion' as const, from: 1, to: 2, status: 'pending' as const };
    expect(decideProposal(p, { decision: 'decline' })).toMatchObject({
      ok: false,
      problems: [{ field: 'reason', code: 'required' }],
    });
    expect(decideProposal(p, { decision: 'decline', reason: '   ' }).ok).toBe(false);
    expect(decideProposal(p, { decision: 'decline', reason: 'Let us talk first' })).toEqual({
      ok: true,
      value: { status: 'declined', change: null },
    });
  });

  it('decides a proposal only once', () => {
    expect(
      decideProposal({ kind: 'auto_promotion', from: 1, to: 2, status: 'accepted' }, { decision: 'accept' }),
    ).toMatchObject({ ok: false, problems: [{ code: 'already_decided' }] });
  });

  it('lowers a level only when a principal accepts a demotion suggestion', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ProposalKind>(...proposalKinds),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom('accept' as const, 'decline' as const),
        (kind, from, to, decision) => {
          const r = decideProposal({ kind, from, to, status: 'pending' }, { decision, reason: 'x' });
          if (!r.ok) return;
          if (r.value.change === null) expect(decision).toBe('decline');
          else expect(decision).toBe('accept');
        },
      ),
    );
  });
});

describe('checkLevelRequest and checkSetLevel', () => {
  it.each([
    [{ from: 2, to: 3, maxLevel: 5, note: 'Ready for more' }, null, null],
    [{ from: 2, to: 1, maxLevel: 5, note: 'Too much at once' }, null, null],
    [{ from: 2, to: 2, maxLevel: 5, note: 'x' }, 'to', 'same_level'],
    [{ from: 3, to: 5, maxLevel: 4, note: 'x' }, 'to', 'level_above_max'],
    [{ from: 3, to: 6, maxLevel: 5, note: 'x' }, 'to', 'integer_between'],
    [{ from: 2, to: 3, maxLevel: 5, note: '  ' }, 'note', 'required'],
  ])('%j → %s %s', (input, field, code) => {
    const r = checkLevelRequest(input);
    if (field === null) expect(r.ok).toBe(true);
    else expect(r).toMatchObject({ ok: false, problems: [{ field, code }] });
  });

  it('records a direct change as manual, with its reason', () => {
    expect(checkSetLevel({ from: 1, to: 3, maxLevel: 5, reason: ' Took over from Anna ' })).toEqual({
      ok: true,
      value: { from: 1, to: 3, kind: 'manual', reason: 'Took over from Anna' },
    });
    expect(checkSetLevel({ from: 1, to: 3, maxLevel: 5, reason: '' })).toMatchObject({
      ok: false,
      problems: [{ field: 'reason', code: 'required' }],
    });
  });
});

describe('checkReviewDecision', () => {
  it.each([
    [{ outcome: 'accepted' }, null, null],
    [{ outcome: 'accepted', note: 'Nice' }, null, null],
    [{ outcome: 'accepted', tags: ['defect'] }, 'tags', 'not_allowed'],
    [{ outcome: 'changes_requested', tags: ['defect'], note: 'Wrong VAT rate' }, null, null],
    [{ outcome: 'changes_requested', tags: [], note: 'Wrong VAT rate' }, 'tags', 'required'],
    [{ outcome: 'changes_requested', tags: ['preference'], note: ' ' }, 'note', 'required'],
    [{ outcome: 'changes_requested', tags: ['style'], note: 'x' }, 'tags', 'not_allowed'],
  ] as const)('%j → %s %s', (input, field, code) => {
    const r = checkReviewDecision(input);
    if (field === null) expect(r.ok).toBe(true);
    else expect(r).toMatchObject({ ok: false, problems: [{ field, code }] });
  });

  it('orders and de-duplicates tags', () => {
    expect(
      checkReviewDecision({
        outcome: 'changes_requested',
        tags: ['preference', 'defect', 'defect'],
        note: 'x',
      }),
    ).toEqual({
      ok: true,
      value: { outcome: 'changes_requested', tags: ['defect', 'preference'], note: 'x' },
    });
  });
});
