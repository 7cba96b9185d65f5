import type { Area, Member } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { areaCounts, buildMatrix, roleInArea } from './matrix.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const member = (n: number, name: string, role: Member['role']): Member => ({
  userId: id(n),
  name,
  email: `${name.toLowerCase()}@example.com`,
  role,
  joinedAt: '2026-01-01T00:00:00.000Z',
});

const area = (n: number, name: string, over: Partial<Area> = {}): Area => ({
  id: id(100 + n),
  name,
  description: '',
  ownerId: id(1),
  backupId: null,
  riskClass: 'medium',
  guardrails: [],
  maxLevel: 5,
  memberIds: [],
  archivedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  ...over,
});

describe('buildMatrix', () => {
  const olivia = member(1, 'Olivia', 'owner');
  const amira = member(2, 'Amira', 'assistant');
  const ben = member(3, 'Ben', 'assistant');

  it('puts owners first, areas by name, and each cell the strongest role', () => {
    const matrix = buildMatrix(
      [
        area(2, 'Social media', { ownerId: id(2), memberIds: [id(3), id(2)] }),
        area(1, 'Bookkeeping', { backupId: id(2), memberIds: [id(3)] }),
        area(3, 'Old', { archivedAt: '2026-02-01T00:00:00.000Z' }),
      ],
      [ben, amira, olivia],
    );
    expect(matrix.people.map((p) => p.name)).toEqual(['Olivia', 'Amira', 'Ben']);
    expect(matrix.rows.map((r) => [r.area.name, r.cells])).toEqual([
      ['Bookkeeping', ['owner', 'backup', 'contributor']],
      ['Social media', [null, 'owner', 'contributor']],
    ]);
    expect(Object.fromEntries(areaCounts(matrix))).toEqual({ [id(1)]: 1, [id(2)]: 2, [id(3)]: 2 });
  });

  it('gives no column to someone who left', () => {
    const matrix = buildMatrix([area(1, 'A', { memberIds: [id(9)] })], [olivia]);
    expect(matrix.rows[0]?.cells).toEqual(['owner']);
    expect(roleInArea(area(1, 'A', { memberIds: [id(9)] }), id(9))).toBe('contributor');
  });
});
