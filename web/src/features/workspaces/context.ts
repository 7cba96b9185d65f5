import type { Workspace } from '@leeway/core';
import { createContext, useContext } from 'react';

/** The workspace named in the URL, provided by the workspace layout once it has loaded. */
export const CurrentWorkspaceContext = createContext<Workspace | null>(null);

export function useCurrentWorkspace(): Workspace {
  const workspace = useContext(CurrentWorkspaceContext);
  if (!workspace) throw new Error('useCurrentWorkspace outside of a workspace');
  return workspace;
}
