import type { Workspace } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useWorkspaces } from './hooks.ts';

const createValue = '__create__';

/**
 * A native <select>: every browser and screen reader knows how to operate it, and on phones it
 * opens the system picker. Switching keeps you on the same section where that makes sense.
 */
export function WorkspaceSwitcher({ current }: { current: Workspace }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { data } = useWorkspaces();
  const list = [...(data ?? [current])].sort((a, b) => a.name.localeCompare(b.name));
  if (!list.some((w) => w.id === current.id)) list.unshift(current);

  return (
    <select
      className="switcher"
      value={current.id}
      aria-label={t('shell.switchWorkspace')}
      data-testid="workspace-switcher"
      onChange={(event) => {
        const id = event.target.value;
        if (id === createValue) {
          void navigate('/workspaces?create=1');
          return;
        }
        const section = location.pathname.split('/')[3];
        const target = list.find((w) => w.id === id);
        const keep = section === 'members' || (section === 'settings' && target?.role === 'owner');
        void navigate(keep ? `/w/${id}/${section}` : `/w/${id}`);
      }}
    >
      {list.map((workspace) => (
        <option key={workspace.id} value={workspace.id}>
          {workspace.name}
        </option>
      ))}
      <option value={createValue}>{t('shell.createWorkspace')}</option>
    </select>
  );
}
