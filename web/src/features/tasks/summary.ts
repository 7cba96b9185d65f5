import type { Task, TaskSummary } from '@leeway/core';

/** The list-row view of a full task (what lists and boards keep in their caches). */
export function toTaskSummary(task: Task | TaskSummary): TaskSummary {
  return {
    id: task.id,
    title: task.title,
    areaId: task.areaId,
    assigneeId: task.assigneeId,
    creatorId: task.creatorId,
    state: task.state,
    blocked: task.blocked,
    dueAt: task.dueAt,
    priority: task.priority,
    labels: task.labels,
    position: task.position,
    version: task.version,
    checklistDone: task.checklistDone,
    checklistTotal: task.checklistTotal,
    commentCount: task.commentCount,
    attachmentCount: task.attachmentCount,
    recurring: task.recurring,
    proposed: task.proposed,
    missionId: task.missionId,
    createdAt: task.createdAt,
    updatedAt: task.updatedAt,
    completedAt: task.completedAt,
  };
}

/**
 * The inbox as shown: what the server still lists, plus rows filed during this visit (so a
 * row doesn't vanish under the cursor the moment it gets an area), oldest first.
 */
export function mergeInboxRows(
  listed: readonly TaskSummary[],
  kept: ReadonlyMap<string, TaskSummary>,
): TaskSummary[] {
  const byId = new Map<string, TaskSummary>();
  for (const row of listed) byId.set(row.id, row);
  for (const [id, row] of kept) {
    const listedRow = byId.get(id);
    // The newer of the two wins (a live refresh may be ahead of what was kept).
    if (!listedRow || listedRow.version < row.version) byId.set(id, row);
  }
  return [...byId.values()].sort(
    (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}
