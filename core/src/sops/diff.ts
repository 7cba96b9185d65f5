import type { SopStep } from './sops.ts';

/**
 * Diffs for the side-by-side view of two SOP versions. Steps are matched by their text with a
 * longest common subsequence, so reordering or inserting a step does not mark every later
 * step changed; a removed and an added step in the same gap pair up as one `change`, which the
 * view then refines word by word with `diffWords`. Both are deterministic: the same inputs
 * always give the same ops, so the server and the web can compute them independently.
 */

export type StepDiffOp =
  | { op: 'keep'; a: number; b: number; step: SopStep }
  | { op: 'add'; b: number; step: SopStep }
  | { op: 'remove'; a: number; step: SopStep }
  | {
      op: 'change';
      a: number;
      b: number;
      from: SopStep;
      to: SopStep;
      textChanged: boolean;
      /** The checkpoint flag was set or cleared. */
      checkpointChanged: boolean;
    };

export type WordDiffOp = { op: 'keep' | 'add' | 'remove'; text: string };

type Raw = { op: 'keep' | 'add' | 'remove'; a: number; b: number };

/** Keep/add/remove script turning `a` into `b` with as many keeps as possible. */
function lcsScript<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): Raw[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] = same(a[i]!, b[j]!)
        ? table[(i + 1) * width + j + 1]! + 1
        : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const script: Raw[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && same(a[i]!, b[j]!)) {
      script.push({ op: 'keep', a: i++, b: j++ });
    } else if (i < n && (j >= m || table[(i + 1) * width + j]! >= table[i * width + j + 1]!)) {
      // Removals before additions, so a replaced word reads "old → new".
      script.push({ op: 'remove', a: i++, b: j });
    } else {
      script.push({ op: 'add', a: i, b: j++ });
    }
  }
  return script;
}

/** Step-level diff of two versions' steps; applying it to `a` yields `b` (see `applyStepDiff`). */
export function diffSteps(a: readonly SopStep[], b: readonly SopStep[]): StepDiffOp[] {
  const script = lcsScript(a, b, (x, y) => x.text === y.text);
  const ops: StepDiffOp[] = [];
  let removes: number[] = [];
  let adds: number[] = [];
  const flush = () => {
    const paired = Math.min(removes.length, adds.length);
    for (let k = 0; k < paired; k++) {
      const from = a[removes[k]!]!;
      const to = b[adds[k]!]!;
      ops.push({
        op: 'change',
        a: removes[k]!,
        b: adds[k]!,
        from,
        to,
        textChanged: true,
        checkpointChanged: from.checkpoint !== to.checkpoint,
      });
    }
    for (const i of removes.slice(paired)) ops.push({ op: 'remove', a: i, step: a[i]! });
    for (const j of adds.slice(paired)) ops.push({ op: 'add', b: j, step: b[j]! });
    removes = [];
    adds = [];
  };
  for (const raw of script) {
    if (raw.op === 'remove') removes.push(raw.a);
    else if (raw.op === 'add') adds.push(raw.b);
    else {
      flush();
      const from = a[raw.a]!;
      const to = b[raw.b]!;
      if (from.checkpoint === to.checkpoint) ops.push({ op: 'keep', a: raw.a, b: raw.b, step: to });
      else {
        ops.push({ op: 'change', a: raw.a, b: raw.b, from, to, textChanged: false, checkpointChanged: true });
      }
    }
  }
  flush();
  return ops;
}

/** The steps a diff leads to: what the right-hand side of the view shows. */
export function applyStepDiff(a: readonly SopStep[], ops: readonly StepDiffOp[]): SopStep[] {
  const out: SopStep[] = [];
  for (const op of ops) {
    if (op.op === 'keep') out.push({ ...a[op.a]! });
    else if (op.op === 'change') out.push({ ...op.to });
    else if (op.op === 'add') out.push({ ...op.step });
  }
  return out;
}

/** Words and the whitespace between them, so joining the tokens gives back the text exactly. */
function tokens(text: string): string[] {
  return text.split(/(\s+)/).filter((t) => t !== '');
}

/** Word-level diff of one changed step's text; adjacent ops of the same kind are merged. */
export function diffWords(a: string, b: string): WordDiffOp[] {
  const ta = tokens(a);
  const tb = tokens(b);
  const ops: WordDiffOp[] = [];
  for (const raw of lcsScript(ta, tb, (x, y) => x === y)) {
    const text = raw.op === 'add' ? tb[raw.b]! : ta[raw.a]!;
    const last = ops[ops.length - 1];
    if (last && last.op === raw.op) last.text += text;
    else ops.push({ op: raw.op, text });
  }
  return ops;
}

/** The text a word diff leads to. */
export function applyWordDiff(ops: readonly WordDiffOp[]): string {
  return ops
    .filter((op) => op.op !== 'remove')
    .map((op) => op.text)
    .join('');
}
