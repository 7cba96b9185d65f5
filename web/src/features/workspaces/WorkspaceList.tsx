import type { Workspace } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function WorkspaceList({ workspaces }: { workspaces: readonly Workspace[] }) {
  const { t } = useTranslation();
  const sorted = [...workspaces].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <ul className="list">
      {sorted.map((workspace) => (
        <li key={workspace.id} className="list-row" data-testid="workspace-row">
          <Link to={`/w/${workspace.id}`} className="list-link">
            <span className="list-title">{workspace.name}</span>
            <span className={`badge badge-${workspace.role}`}>{t(`roles.${workspace.role}`)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
