import type { Role } from './roles.ts';

/** Who is looking: their role and the areas where they hold a role (owner, backup, contributor). */
export interface Viewer {
  userId: string;
  role: Role;
  areaIds: ReadonlySet<string>;
}

export interface TaskVisibilityFacts {
  areaId: string | null;
  assigneeId: string | null;
  creatorId: string;
}

/**
 * What an assistant sees (DESIGN §1): tasks in areas where they hold a role, tasks assigned
 * to them and tasks they created. Owners see everything. Every door (REST, search, live
 * events, notifications, attachments, feeds) asks this same question; the SQL form of it
 * lives in the tasks repository and is tested against this one.
 */
export function canSeeTask(viewer: Viewer, task: TaskVisibilityFacts): boolean {
  if (viewer.role === 'owner') return true;
  return (
    task.assigneeId === viewer.userId ||
    task.creatorId === viewer.userId ||
    (task.areaId !== null && viewer.areaIds.has(task.areaId))
  );
}
