import type { Area } from '@leeway/core';

/** What the area form edits, as the form holds it. */
export interface AreaDraft {
  name: string;
  description: string;
  ownerId: string;
  backupId: string;
  riskClass: string;
  guardrails: string[];
  memberIds: string[];
}

export function draftOf(area: Area): AreaDraft {
  return {
    name: area.name,
    description: area.description,
    ownerId: area.ownerId,
    backupId: area.backupId ?? '',
    riskClass: area.riskClass,
    guardrails: [...area.guardrails],
    memberIds: [...area.memberIds],
  };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * After a conflict: every field the person left as it was takes the other person's value,
 * every field they changed keeps theirs. Returns the new draft and the fields kept as typed.
 */
export function rebaseAreaDraft(
  original: Area,
  current: Area,
  draft: AreaDraft,
): { draft: AreaDraft; kept: (keyof AreaDraft)[] } {
  const before = draftOf(original);
  const theirs = draftOf(current);
  const next: AreaDraft = { ...draft };
  const kept: (keyof AreaDraft)[] = [];
  for (const key of Object.keys(before) as (keyof AreaDraft)[]) {
    const untouched =
      key === 'memberIds' ? sameSet(draft.memberIds, before.memberIds) : same(draft[key], before[key]);
    if (untouched) Object.assign(next, { [key]: theirs[key] });
    else kept.push(key);
  }
  return { draft: next, kept };
}
