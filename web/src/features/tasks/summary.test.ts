import type { TaskSummary } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { taskSummary } from './fixtures.ts';
import { mergeInboxRows } from './summary.ts';

const row = (id: string, createdAt: string, version = 1, areaId: string | null = null): TaskSummary =>
  taskSummary(id, { areaId, creatorId: 'c', version, createdAt, updatedAt: createdAt });

describe('mergeInboxRows', () => {
  it('keeps filed rows in their place and prefers the newer version', () => {
    const listed = [row('b', '2026-01-02'), row('c', '2026-01-03', 1)];
    const kept = new Map([
      ['a', row('a', '2026-01-01', 2, 'area')],
      ['c', row('c', '2026-01-03', 3, 'area')],
    ]);
    const merged = mergeInboxRows(listed, kept);
    expect(merged.map((r) => [r.id, r.version])).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 3],
    ]);
  });

  it('takes the listed row when it is newer than the kept one', () => {
    const merged = mergeInboxRows([row('a', '2026-01-01', 5)], new Map([['a', row('a', '2026-01-01', 2)]]));
    expect(merged[0]?.version).toBe(5);
  });
});
