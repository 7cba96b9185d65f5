import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useTask } from '../features/tasks/hooks.ts';
import { TaskDetail } from '../features/tasks/TaskDetail.tsx';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

export function TaskPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const { taskId = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const task = useTask(workspace.id, taskId);
  usePageTitle(task.data?.title ?? t('tasks.pageTitle'));
  // Arrived from within the app: "Back" returns there; opened from a link: to the board.
  const cameFromApp = location.key !== 'default';

  return (
    <div className="stack">
      <p className="back-link">
        {cameFromApp ? (
          <button type="button" className="link-button" onClick={() => void navigate(-1)}>
            ← {t('tasks.back')}
          </button>
        ) : (
          <Link to={`/w/${workspace.id}/board`}>← {t('tasks.toBoard')}</Link>
        )}
      </p>
      <TaskDetail
        taskId={taskId}
        onDeleted={() => void navigate(`/w/${workspace.id}/board`, { replace: true })}
      />
    </div>
  );
}
