import type { Area, Member } from '@leeway/core';

export type MatrixRole = 'owner' | 'backup' | 'contributor';

export interface MatrixRow {
  area: Area;
  /** One cell per person, in the order of `people`. */
  cells: Array<MatrixRole | null>;
}

export interface Matrix {
  people: Member[];
  rows: MatrixRow[];
}

const roleOrder = { owner: 0, assistant: 1 } as const;

/** A person's role in an area: owner wins over backup, backup over contributor. */
export function roleInArea(area: Area, userId: string): MatrixRole | null {
  if (area.ownerId === userId) return 'owner';
  if (area.backupId === userId) return 'backup';
  if (area.memberIds.includes(userId)) return 'contributor';
  return null;
}

/**
 * The responsibility matrix: open areas (by name) × members (owners first, then by name).
 * People named in an area who are no longer members don't get a column.
 */
export function buildMatrix(areas: readonly Area[], members: readonly Member[]): Matrix {
  const people = [...members].sort(
    (a, b) => roleOrder[a.role] - roleOrder[b.role] || a.name.localeCompare(b.name),
  );
  const rows = areas
    .filter((area) => area.archivedAt === null)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((area) => ({ area, cells: people.map((p) => roleInArea(area, p.userId)) }));
  return { people, rows };
}

/** How many areas each person holds a role in, by user id (for the column headers). */
export function areaCounts(matrix: Matrix): Map<string, number> {
  const counts = new Map<string, number>();
  matrix.people.forEach((person, index) => {
    counts.set(person.userId, matrix.rows.filter((row) => row.cells[index] !== null).length);
  });
  return counts;
}
