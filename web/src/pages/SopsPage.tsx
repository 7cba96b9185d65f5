import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NewSopDialog } from '../features/sops/NewSopDialog.tsx';
import { SopLibrary } from '../features/sops/SopLibrary.tsx';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { Button } from '../ui/Button.tsx';
import { PlusIcon } from '../ui/icons.tsx';
import '../features/tasks/controls.css';
import '../features/tasks/tasks.css';
import '../features/sops/sops.css';

/** The SOP library of the workspace (DESIGN §6, §14). */
export function SopsPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const [creating, setCreating] = useState(false);
  usePageTitle(t('sops.title'));
  return (
    <div className="stack-lg">
      <div className="page-header">
        <div>
          <h1>{t('sops.title')}</h1>
          <p className="muted">{t('sops.intro')}</p>
        </div>
        <Button variant="primary" icon={<PlusIcon />} onClick={() => setCreating(true)} data-testid="sop-new">
          {t('sops.new')}
        </Button>
      </div>
      <SopLibrary workspaceId={workspace.id} onNew={() => setCreating(true)} />
      {creating && <NewSopDialog workspaceId={workspace.id} onClose={() => setCreating(false)} />}
    </div>
  );
}
