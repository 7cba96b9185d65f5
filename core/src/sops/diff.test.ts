import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyStepDiff, applyWordDiff, diffSteps, diffWords } from './diff.ts';
import type { SopStep } from './sops.ts';

const s = (text: string, checkpoint = false): SopStep => ({ text, checkpoint });
const ops = (a: SopStep[], b: SopStep[]) => diffSteps(a, b).map((o) => o.op);

describe('diffSteps', () => {
  it.each([
    ['identical', [s('a'), s('b')], [s('a'), s('b')], ['keep', 'keep']],
    ['added at end', [s('a')], [s('a'), s('b')], ['keep', 'add']],
    ['removed at start', [s('a'), s('b')], [s('b')], ['remove', 'keep']],
    [
      'reworded in the middle',
      [s('a'), s('b'), s('c')],
      [s('a'), s('B'), s('c')],
      ['keep', 'change', 'keep'],
    ],
    ['empty to some', [], [s('a')], ['add']],
    ['some to empty', [s('a')], [], ['remove']],
    ['two removed, one added', [s('a'), s('b'), s('c')], [s('x')], ['change', 'remove', 'remove']],
  ])('%s', (_name, a, b, expected) => {
    expect(ops(a, b)).toEqual(expected);
  });

  it('flags a checkpoint set on an unchanged step', () => {
    const [op] = diffSteps([s('a')], [s('a', true)]);
    expect(op).toMatchObject({ op: 'change', textChanged: false, checkpointChanged: true });
  });

  it('flags a checkpoint change together with a text change', () => {
    const [op] = diffSteps([s('a', true)], [s('b', false)]);
    expect(op).toMatchObject({ op: 'change', textChanged: true, checkpointChanged: true });
  });

  it('does not mark later steps changed when one is inserted', () => {
    expect(ops([s('a'), s('b'), s('c')], [s('a'), s('new'), s('b'), s('c')])).toEqual([
      'keep',
      'add',
      'keep',
      'keep',
    ]);
  });

  const step = fc.record({ text: fc.constantFrom('a', 'b', 'c', 'd', 'e'), checkpoint: fc.boolean() });
  it('applying the diff to a yields b, deterministically', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), fc.array(step, { maxLength: 12 }), (a, b) => {
        const diff = diffSteps(a, b);
        expect(applyStepDiff(a, diff)).toEqual(b);
        expect(diffSteps(a, b)).toEqual(diff);
        const fromSide = diff.flatMap((o) => (o.op === 'add' ? [] : [o.a])).sort((x, y) => x - y);
        expect(fromSide).toEqual(a.map((_, i) => i));
      }),
    );
  });
});

describe('diffWords', () => {
  it.each([
    ['same', 'a b', 'a b', [{ op: 'keep', text: 'a b' }]],
    [
      'one word replaced',
      'send the invoice',
      'send the reminder',
      [
        { op: 'keep', text: 'send the ' },
        { op: 'remove', text: 'invoice' },
        { op: 'add', text: 'reminder' },
      ],
    ],
    ['from empty', '', 'new', [{ op: 'add', text: 'new' }]],
  ])('%s', (_name, a, b, expected) => {
    expect(diffWords(a, b)).toEqual(expected);
  });

  const text = fc
    .array(fc.constantFrom('a', 'b', 'c', ' ', '\n', '**x**'), { maxLength: 20 })
    .map((parts) => parts.join(''));
  it('applying the diff to a yields b and keeps a recoverable', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const diff = diffWords(a, b);
        expect(applyWordDiff(diff)).toBe(b);
        expect(
          diff
            .filter((o) => o.op !== 'add')
            .map((o) => o.text)
            .join(''),
        ).toBe(a);
      }),
    );
  });
});
