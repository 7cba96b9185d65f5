import type { Area, Member, Task } from '@leeway/core';
import { createContext, useContext } from 'react';
import type { TaskPatch } from './conflict.ts';

export interface SaveCallbacks {
  onSuccess?: (task: Task) => void;
  /** The edit was refused as stale; `current` is what the server has now. */
  onConflict?: (current: Task) => void;
  onError?: (error: unknown) => void;
}

/** What every part of the task editor needs: the task as shown, and one way to save. */
export interface TaskEditApi {
  workspaceId: string;
  task: Task;
  /** Members of the workspace (for names and pickers). */
  members: readonly Member[];
  /** Areas, archived ones included (a task may sit in one). */
  areas: readonly Area[];
  /** The signed-in person's zone: due dates are shown and entered in it. */
  timeZone: string;
  userId: string;
  isOwner: boolean;
  /**
   * Sends an edit based on `base` (the task as the person saw it when they started). On a
   * stale version the conflict notice opens and `onConflict` lets editors keep their draft.
   */
  save: (patch: TaskPatch, base: Task, callbacks?: SaveCallbacks) => void;
  /** Which fields have an edit on its way (for "saving…" hints and disabled states). */
  savingFields: ReadonlySet<string>;
}

export const TaskEditContext = createContext<TaskEditApi | null>(null);

export function useTaskEdit(): TaskEditApi {
  const api = useContext(TaskEditContext);
  if (!api) throw new Error('useTaskEdit outside of a task editor');
  return api;
}
