import { useTranslation } from 'react-i18next';
import { MyWeek } from '../features/board/MyWeek.tsx';
import { TasksHeader } from '../features/board/TasksHeader.tsx';
import { useDateLocale, useMinuteNow, useTimeZone } from '../features/board/use-board-env.ts';
import { useLookups } from '../features/board/use-lookups.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../features/board/board.css';

export function MyWeekPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  usePageTitle(t('board.week.title'));
  const timeZone = useTimeZone();
  const locale = useDateLocale();
  const now = useMinuteNow();
  const lookups = useLookups(workspace.id);

  return (
    <div className="week-page stack">
      <div>
        <TasksHeader title={t('board.week.title')} workspaceId={workspace.id} />
        <p className="muted">{t('board.week.intro', { zone: timeZone })}</p>
      </div>
      <MyWeek workspaceId={workspace.id} areas={lookups.areaMap} due={{ locale, timeZone, now }} />
    </div>
  );
}
