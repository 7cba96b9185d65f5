import { Navigate } from 'react-router';
import { useWorkspaces } from '../features/workspaces/hooks.ts';
import { readLastWorkspace } from '../features/workspaces/last-workspace.ts';
import { LoadingState } from '../ui/Spinner.tsx';

/** `/`: back to the workspace used last, if still mine; otherwise the list. */
export function HomeRedirectPage() {
  const last = readLastWorkspace();
  const workspaces = useWorkspaces();
  if (!last) return <Navigate to="/workspaces" replace />;
  if (workspaces.isPending) return <LoadingState />;
  const stillMine = workspaces.data?.some((w) => w.id === last) ?? false;
  return <Navigate to={stillMine ? `/w/${last}` : '/workspaces'} replace />;
}
