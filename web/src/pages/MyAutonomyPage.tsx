import { useTranslation } from 'react-i18next';
import { LevelHeatMap } from '../features/autonomy/LevelHeatMap.tsx';
import { MyAutonomy } from '../features/autonomy/MyAutonomy.tsx';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../features/tasks/controls.css';
import '../features/autonomy/autonomy.css';

export function MyAutonomyPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  usePageTitle(t('autonomy.mine.title'));
  return (
    <div className="stack-lg">
      <div>
        <h1>{t('autonomy.mine.title')}</h1>
        <p className="muted">{t('autonomy.mine.intro')}</p>
      </div>
      <MyAutonomy workspaceId={workspace.id} />
      {/* Owners are not on the ladder; the history would list every assistant here. */}
      {workspace.role === 'assistant' && <LevelHeatMap workspaceId={workspace.id} mine />}
    </div>
  );
}
