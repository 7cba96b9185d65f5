import { useParams } from 'react-router';
import { SopView } from '../features/sops/SopView.tsx';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import '../features/tasks/controls.css';
import '../features/tasks/tasks.css';
import '../features/sops/sops.css';

/** One SOP: its steps, acknowledgements, versions and their comparison, the draft (DESIGN §6). */
export function SopPage() {
  const workspace = useCurrentWorkspace();
  const { sopId = '' } = useParams();
  return <SopView key={sopId} workspaceId={workspace.id} sopId={sopId} />;
}
