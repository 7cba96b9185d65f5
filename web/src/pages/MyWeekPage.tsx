import { useTranslation } from 'react-i18next';
import { MyWeek } from '../features/board/MyWeek.tsx';
import { TasksHeader } from '../features/board/TasksHeader.tsx';
import { useTaskScreen } from '../features/board/use-task-screen.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../features/board/board.css';

export function MyWeekPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  usePageTitle(t('board.week.title'));
  const { timeZone, due, lookups } = useTaskScreen(workspace.id);

  return (
    <div className="week-page stack">
      <div>
        <TasksHeader title={t('board.week.title')} workspaceId={workspace.id} />
        <p className="muted">{t('board.week.intro', { zone: timeZone })}</p>
      </div>
      <MyWeek workspaceId={workspace.id} areas={lookups.areaMap} due={due} />
    </div>
  );
}
