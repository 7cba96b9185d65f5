import type { Area } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { draftOf, rebaseAreaDraft } from './area-draft.ts';

const area: Area = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Personal',
  description: '',
  ownerId: '00000000-0000-4000-8000-00000000000a',
  backupId: null,
  riskClass: 'medium',
  guardrails: ['A'],
  maxLevel: 5,
  memberIds: ['00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000c'],
  archivedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

describe('rebaseAreaDraft', () => {
  it('takes their value where I changed nothing and keeps mine where I did', () => {
    const current: Area = {
      ...area,
      version: 2,
      riskClass: 'high',
      name: 'Personal (neu)',
      guardrails: ['A', 'B'],
    };
    const mine = { ...draftOf(area), name: 'Personal & Lohn' };
    const { draft, kept } = rebaseAreaDraft(area, current, mine);
    expect(draft.name).toBe('Personal & Lohn');
    expect(draft.riskClass).toBe('high');
    expect(draft.guardrails).toEqual(['A', 'B']);
    expect(kept).toEqual(['name']);
  });

  it('treats contributors as a set', () => {
    const current: Area = { ...area, version: 2, memberIds: [] };
    const mine = { ...draftOf(area), memberIds: [...area.memberIds].reverse() };
    expect(rebaseAreaDraft(area, current, mine).draft.memberIds).toEqual([]);
  });
});
