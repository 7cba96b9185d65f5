import type { TaskSummary } from '@leeway/core';

/** A plain open task row for unit tests: untouched defaults, then what the test cares about. */
export function taskSummary(id: string, patch: Partial<TaskSummary> = {}): TaskSummary {
  return {
    id,
    title: id,
    areaId: null,
    assigneeId: null,
    creatorId: 'u',
    state: 'todo',
    blocked: false,
    dueAt: null,
    priority: 'none',
    labels: [],
    position: 0,
    version: 1,
    checklistDone: 0,
    checklistTotal: 0,
    commentCount: 0,
    attachmentCount: 0,
    recurring: false,
    proposed: false,
    missionId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    completedAt: null,
    ...patch,
  };
}
