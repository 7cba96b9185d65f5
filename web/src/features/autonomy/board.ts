import type { AreaAutonomy } from '@leeway/core';

/** The board's cells by "member:area", for looking one up while drawing the table. */
export function indexCells(cells: readonly AreaAutonomy[]): Map<string, AreaAutonomy> {
  return new Map(cells.map((cell) => [cellKey(cell.grant.memberId, cell.grant.areaId), cell]));
}

export function cellKey(memberId: string, areaId: string): string {
  return `${memberId}:${areaId}`;
}

/** How many proposals wait in a set of cells (the board's heading badge). */
export function pendingProposalCount(cells: readonly AreaAutonomy[]): number {
  return cells.filter((cell) => cell.pendingProposal?.status === 'pending').length;
}
