import { type Priority, priorities, type TaskState, taskStates } from '@leeway/core';

export function isTaskState(value: string): value is TaskState {
  return (taskStates as readonly string[]).includes(value);
}

export function isPriority(value: string): value is Priority {
  return (priorities as readonly string[]).includes(value);
}
