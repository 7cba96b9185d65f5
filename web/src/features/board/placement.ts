import type { TaskState, TaskSummary } from '@leeway/core';

/**
 * Where a dragged card lands, in plain data. A column is the ordered list of the card ids it
 * shows (filters may hide some; the server places the card after the one it now follows in
 * the full column, which keeps the visible order right).
 */

/** The gap new cards get at either end; halving it leaves ~50 moves before floats get tight. */
export const POSITION_STEP = 1024;

/** A position strictly between two neighbours (null: no neighbour on that side). */
export function positionBetween(before: number | null, after: number | null): number {
  if (before === null && after === null) return POSITION_STEP;
  if (before === null) return (after as number) - POSITION_STEP;
  if (after === null) return before + POSITION_STEP;
  return before + (after - before) / 2;
}

/** What the pointer (or the keyboard) is over while dragging. */
export type DropOver =
  | { kind: 'card'; state: TaskState; taskId: string /** lower half of that card */; after: boolean }
  | { kind: 'column'; state: TaskState };

export interface DropTarget {
  state: TaskState;
  /** Index in the column without the dragged card. */
  index: number;
  /** The card the dragged card will follow, null for the top. */
  afterTaskId: string | null;
}

/**
 * Turns "over this card, in its lower half" into the index and the card the dragged one will
 * follow. `column` holds the target column's ids as shown, possibly including the dragged card.
 * Over the column's empty space means its end.
 */
export function dropTarget(column: readonly string[], activeId: string, over: DropOver): DropTarget {
  const others = column.filter((id) => id !== activeId);
  let index: number;
  if (over.kind === 'column') {
    index = others.length;
  } else if (over.taskId === activeId) {
    // Over its own (ghost) place: stays where it is.
    index = Math.max(0, column.indexOf(activeId));
  } else {
    const at = others.indexOf(over.taskId);
    index = at < 0 ? others.length : over.after ? at + 1 : at;
  }
  return { state: over.state, index, afterTaskId: index > 0 ? (others[index - 1] ?? null) : null };
}

/** True when dropping there changes nothing (same column, same predecessor). */
export function isNoopMove(
  column: readonly string[],
  activeId: string,
  fromState: TaskState,
  target: DropTarget,
): boolean {
  if (target.state !== fromState) return false;
  const at = column.indexOf(activeId);
  if (at < 0) return false;
  return (at > 0 ? column[at - 1] : null) === target.afterTaskId;
}

export type ColumnIds = Partial<Record<TaskState, readonly string[]>>;

/**
 * One keyboard step of a lifted card: up/down within the column, left/right into the
 * neighbouring column at the same height. `states` are the columns that can be entered, in
 * screen order. Returns the new target (index counted without the lifted card).
 */
export function keyboardStep(
  columns: ColumnIds,
  states: readonly TaskState[],
  activeId: string,
  current: { state: TaskState; index: number },
  key: 'up' | 'down' | 'left' | 'right' | 'home' | 'end',
): { state: TaskState; index: number } {
  const size = (state: TaskState) => (columns[state] ?? []).filter((id) => id !== activeId).length;
  switch (key) {
    case 'up':
      return { state: current.state, index: Math.max(0, current.index - 1) };
    case 'down':
      return { state: current.state, index: Math.min(size(current.state), current.index + 1) };
    case 'home':
      return { state: current.state, index: 0 };
    case 'end':
      return { state: current.state, index: size(current.state) };
    default: {
      const at = states.indexOf(current.state);
      const next = states[at + (key === 'left' ? -1 : 1)];
      if (at < 0 || next === undefined) return current;
      return { state: next, index: Math.min(size(next), current.index) };
    }
  }
}

/** The card a lifted card follows at an index of a column (the lifted card left out). */
export function afterIdAt(column: readonly string[], activeId: string, index: number): string | null {
  const others = column.filter((id) => id !== activeId);
  return index > 0 ? (others[index - 1] ?? null) : null;
}

/** Sorts cards the way the board shows them: by position, ties by id so the order is stable. */
export function byPosition(a: TaskSummary, b: TaskSummary): number {
  return a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * A column's cards with `card` put after `afterTaskId` (null: top), with a position between its
 * new neighbours. The card is removed first if it was already there.
 */
export function insertAfter(
  items: readonly TaskSummary[],
  card: TaskSummary,
  afterTaskId: string | null,
): TaskSummary[] {
  const others = [...items].filter((t) => t.id !== card.id).sort(byPosition);
  const at = afterTaskId === null ? 0 : others.findIndex((t) => t.id === afterTaskId) + 1;
  // An unknown predecessor (hidden by a filter meanwhile) puts the card at the end.
  const index = afterTaskId !== null && at === 0 ? others.length : at;
  const before = others[index - 1]?.position ?? null;
  const after = others[index]?.position ?? null;
  const placed = { ...card, position: positionBetween(before, after) };
  return [...others.slice(0, index), placed, ...others.slice(index)];
}
