import { Navigate } from 'react-router';
import { useWorkspaces } from '../features/workspaces/hooks.ts';
import { readLastWorkspace } from '../features/workspaces/last-workspace.ts';
import { LoadingState } from '../ui/Spinner.tsx';

/**
 * `/`: back to the workspace used last, if still mine; with exactly one workspace, straight
 * into it (most people have one); otherwise the list to choose from.
 */
export function HomeRedirectPage() {
  const last = readLastWorkspace();
  const workspaces = useWorkspaces();
  if (workspaces.isPending) return <LoadingState />;
  const list = workspaces.data ?? [];
  if (last && list.some((w) => w.id === last)) return <Navigate to={`/w/${last}`} replace />;
  const only = list.length === 1 ? list[0] : undefined;
  return <Navigate to={only ? `/w/${only.id}` : '/workspaces'} replace />;
}
