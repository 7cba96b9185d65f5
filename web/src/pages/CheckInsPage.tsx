import { useTranslation } from 'react-i18next';
import { MyCheckIns } from '../features/checkins/MyCheckIns.tsx';
import { TeamCheckIns } from '../features/checkins/TeamCheckIns.tsx';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../features/tasks/controls.css';
import '../features/checkins/checkins.css';

/** Weekly check-ins (DESIGN §7): assistants write theirs; principals read everyone's by week. */
export function CheckInsPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  usePageTitle(t('checkins.title'));
  const assistant = workspace.role === 'assistant';

  return (
    <div className="stack-lg chk-page">
      <div className="page-header">
        <div>
          <h1>{t('checkins.title')}</h1>
          <p className="muted">{assistant ? t('checkins.introAssistant') : t('checkins.introOwner')}</p>
        </div>
      </div>
      {assistant ? <MyCheckIns workspaceId={workspace.id} /> : <TeamCheckIns workspaceId={workspace.id} />}
    </div>
  );
}
