import type { TaskState } from '@leeway/core';
import { useSyncExternalStore } from 'react';
import type { DayKey } from './dates.ts';

/**
 * Opens the one "New task" dialog from anywhere (a button, a calendar day, the `c` shortcut).
 * The dialog is rendered once by the workspace shortcuts; pages only ask for it with a preset.
 */
export interface CreateTaskPreset {
  state?: TaskState;
  /** An area id, or null for the inbox. Undefined: the current filter's area, if any. */
  areaId?: string | null;
  dueDay?: DayKey;
}

let request: CreateTaskPreset | null = null;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function openCreateTask(preset: CreateTaskPreset = {}): void {
  request = { ...preset };
  emit();
}

export function closeCreateTask(): void {
  request = null;
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function useCreateTaskRequest(): CreateTaskPreset | null {
  return useSyncExternalStore(
    subscribe,
    () => request,
    () => null,
  );
}
