import { taskKeys } from '../tasks/queries.ts';

/**
 * Query keys of nudges. Under the task's detail key, so every live event that refreshes the
 * task (a change makes a nudge redundant) refreshes what the button knows too.
 */
export const nudgeKeys = {
  task: (workspaceId: string, taskId: string) => [...taskKeys.detail(workspaceId, taskId), 'nudges'] as const,
};
