import type { TaskPage } from '@leeway/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, seg } from '../../lib/api.ts';
import { CheckIcon } from '../../ui/icons.tsx';
import { useAreas } from '../areas/hooks.ts';
import { taskKeys } from '../tasks/queries.ts';

interface Step {
  key: 'createArea' | 'inviteAssistant' | 'createTask';
  done: boolean;
  to?: string;
}

const firstTask = { limit: '1' } as const;

/** Whether the workspace has any task yet (one row is enough to know). */
function useHasTask(workspaceId: string): boolean {
  const query = useQuery({
    queryKey: taskKeys.list(workspaceId, firstTask),
    queryFn: ({ signal }) => api.get<TaskPage>(`/workspaces/${seg(workspaceId)}/tasks?limit=1`, { signal }),
  });
  return (query.data?.items.length ?? 0) > 0;
}

/**
 * The first-time owner's checklist (DESIGN §14): create an area, invite an assistant, create
 * a task. Each open step links to the screen that does it; a done step is ticked.
 */
export function GettingStarted({ workspaceId, inviteDone }: { workspaceId: string; inviteDone: boolean }) {
  const { t } = useTranslation();
  // Archived areas count too: the step was done.
  const areas = useAreas(workspaceId, true);
  const hasTask = useHasTask(workspaceId);
  const steps: Step[] = [
    { key: 'createArea', done: (areas.data?.length ?? 0) > 0, to: `/w/${workspaceId}/areas` },
    { key: 'inviteAssistant', done: inviteDone, to: `/w/${workspaceId}/members` },
    { key: 'createTask', done: hasTask, to: `/w/${workspaceId}/board` },
  ];
  const doneCount = steps.filter((s) => s.done).length;

  return (
    <section className="card" aria-labelledby="getting-started-title" data-testid="getting-started">
      <div className="card-header">
        <h2 id="getting-started-title">{t('home.checklist.title')}</h2>
        <span className="muted">
          {t('home.checklist.progress', { done: doneCount, total: steps.length })}
        </span>
      </div>
      <ol className="checklist">
        {steps.map((step) => (
          <li
            key={step.key}
            className={`checklist-item${step.done ? ' is-done' : ''}`}
            data-testid={`checklist-${step.key}`}
            data-done={step.done}
          >
            <span className="checklist-mark">{step.done ? <CheckIcon /> : null}</span>
            <span className="checklist-text">
              {step.to && !step.done ? (
                <Link to={step.to}>{t(`home.checklist.${step.key}.title`)}</Link>
              ) : (
                <span className="checklist-title">{t(`home.checklist.${step.key}.title`)}</span>
              )}
              <span className="checklist-desc">{t(`home.checklist.${step.key}.description`)}</span>
              <span className="visually-hidden">
                {step.done ? t('home.checklist.stateDone') : t('home.checklist.stateOpen')}
              </span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
