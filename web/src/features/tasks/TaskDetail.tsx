import type { Task } from '@leeway/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { errorKey } from '../../lib/errors.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { LoadingState } from '../../ui/Spinner.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useAreas } from '../areas/hooks.ts';
import { useCurrentUser } from '../auth/session.ts';
import { useUserFormat, useUserTimeZone } from '../auth/use-user-format.ts';
import { TaskLadderActions, TaskLadderSections } from '../autonomy/TaskLadder.tsx';
import { TaskQuestions } from '../questions/TaskQuestions.tsx';
import { TaskSopLine } from '../sops/TaskSop.tsx';
import { useCurrentWorkspace } from '../workspaces/context.ts';
import { AttachmentsSection } from './AttachmentsSection.tsx';
import { ChecklistSection } from './ChecklistSection.tsx';
import { CommentsSection } from './CommentsSection.tsx';
import { ConflictNotice, type ConflictState } from './ConflictNotice.tsx';
import { rebasePatch, type TaskPatch } from './conflict.ts';
import { DescriptionEditor } from './DescriptionEditor.tsx';
import { HistorySection } from './HistorySection.tsx';
import { conflictCurrent, useTask, useUpdateTask } from './hooks.ts';
import { LabelsField } from './LabelsField.tsx';
import { useMemberMap } from './people.ts';
import { RecurrenceField } from './RecurrenceField.tsx';
import { TaskActions } from './TaskActions.tsx';
import {
  AreaField,
  AssigneeField,
  BlockedField,
  DueField,
  PriorityField,
  StateField,
} from './TaskFields.tsx';
import { TitleEditor } from './TitleEditor.tsx';
import { type SaveCallbacks, type TaskEditApi, TaskEditContext } from './task-edit.ts';
import './controls.css';
import './tasks.css';

export interface TaskDetailProps {
  taskId: string;
  /** `panel`: one column, for a side panel beside the board; `page`: the full page. */
  layout?: 'page' | 'panel';
  /** After the task was deleted (the page goes to the board; a panel closes). */
  onDeleted: () => void;
}

type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed';

function TaskEditor({
  task,
  layout,
  onDeleted,
}: {
  task: Task;
  layout: 'page' | 'panel';
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const format = useUserFormat();
  const workspace = useCurrentWorkspace();
  const user = useCurrentUser();
  const people = useMemberMap(workspace.id);
  const areas = useAreas(workspace.id, true);
  const update = useUpdateTask(workspace.id);
  const [conflict, setConflict] = useState<
    (ConflictState & { callbacks?: SaveCallbacks | undefined }) | null
  >(null);
  const [savingFields, setSavingFields] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState<SaveStatus>('idle');
  const inFlight = useRef(0);
  const timeZone = useUserTimeZone();

  // "Saved" is a moment's reassurance, not a permanent label.
  useEffect(() => {
    if (status !== 'saved') return;
    const timer = window.setTimeout(() => setStatus('idle'), 4000);
    return () => window.clearTimeout(timer);
  }, [status]);

  function save(patch: TaskPatch, base: Task, callbacks?: SaveCallbacks) {
    const fields = Object.keys(patch);
    inFlight.current++;
    setStatus('saving');
    setSavingFields((prev) => new Set([...prev, ...fields]));
    // mutateAsync, not mutate: each of several quick edits gets its own outcome.
    update
      .mutateAsync({ taskId: task.id, body: { version: base.version, ...patch } })
      .then((saved) => {
        callbacks?.onSuccess?.(saved);
        setConflict((c) => (c && fields.some((f) => f in c.attempted) ? null : c));
        setStatus(inFlight.current > 1 ? 'saving' : 'saved');
      })
      .catch((error: unknown) => {
        setStatus('failed');
        const current = conflictCurrent(error);
        if (current) {
          setConflict({ base, current, attempted: patch, callbacks });
          callbacks?.onConflict?.(current);
          return;
        }
        if (callbacks?.onError) callbacks.onError(error);
        else toast.error(t(errorKey(error)));
      })
      .finally(() => {
        inFlight.current--;
        setSavingFields((prev) => {
          const next = new Set(prev);
          for (const f of fields) next.delete(f);
          return next;
        });
      });
  }

  function reapply() {
    if (!conflict) return;
    const body = rebasePatch(conflict.attempted, conflict.current);
    if (!body) {
      setConflict(null);
      return;
    }
    const { version: _version, ...patch } = body;
    save(patch, conflict.current, conflict.callbacks);
  }

  const api: TaskEditApi = {
    workspaceId: workspace.id,
    task,
    members: people.members,
    areas: areas.data ?? [],
    timeZone,
    userId: user?.id ?? '',
    isOwner: workspace.role === 'owner',
    save,
    savingFields,
  };

  const creator = people.byId.get(task.creatorId)?.name ?? t('tasks.formerMember');
  const area = areas.data?.find((a) => a.id === task.areaId);

  return (
    <TaskEditContext.Provider value={api}>
      <article
        className={`task-detail task-detail-${layout}`}
        data-testid="task-detail"
        data-task-id={task.id}
      >
        <header className="task-header">
          <div className="task-breadcrumb muted">
            {area ? (
              <span>{area.name}</span>
            ) : (
              <Link to={`/w/${workspace.id}/inbox`}>{t('tasks.inbox.title')}</Link>
            )}
            {task.recurring && <span className="badge">{t('tasks.recurringBadge')}</span>}
            {task.blocked && <span className="badge badge-blocked">{t('tasks.blockedBadge')}</span>}
          </div>
          <TitleEditor headingLevel={layout === 'page' ? 1 : 2} />
          <div className="task-meta">
            <span className="muted">
              {t('tasks.createdBy', { name: creator })} ·{' '}
              <time dateTime={task.createdAt}>{format.dateTime(task.createdAt)}</time>
              {' · '}
              {t('tasks.updatedAt')} <time dateTime={task.updatedAt}>{format.dateTime(task.updatedAt)}</time>
            </span>
            <span
              className="save-status muted"
              role="status"
              data-testid="task-save-status"
              data-status={status}
            >
              {status === 'saving'
                ? t('tasks.status.saving')
                : status === 'saved'
                  ? t('tasks.status.saved')
                  : ''}
            </span>
          </div>
          <TaskLadderActions />
          <TaskActions onDeleted={onDeleted} />
        </header>

        {conflict && (
          <ConflictNotice
            conflict={conflict}
            pending={update.isPending}
            onReapply={reapply}
            onDismiss={() => setConflict(null)}
          />
        )}

        <div className="task-layout">
          <div className="task-primary">
            <DescriptionEditor />
            <TaskSopLine />
            <ChecklistSection />
            <TaskLadderSections />
            <TaskQuestions workspaceId={workspace.id} taskId={task.id} taskTitle={task.title} />
          </div>
          <aside className="task-side" aria-label={t('tasks.detailsLabel')}>
            <div className="detail-panel">
              <StateField />
              <BlockedField />
              <AssigneeField />
              <AreaField />
              <DueField />
              <PriorityField />
              <LabelsField />
              <RecurrenceField />
            </div>
          </aside>
          <div className="task-secondary">
            <AttachmentsSection />
            <CommentsSection />
            <HistorySection />
          </div>
        </div>
      </article>
    </TaskEditContext.Provider>
  );
}

/**
 * A task with everything on it. Used by the task page and, with `layout="panel"`, as a side
 * panel from the board; both are addressed as /w/:workspaceId/tasks/:taskId.
 */
export function TaskDetail({ taskId, layout = 'page', onDeleted }: TaskDetailProps) {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const task = useTask(workspace.id, taskId);
  const missing = task.error instanceof ApiError && task.error.code === 'not_found';
  const members = useMemberMap(workspace.id);

  if (missing) {
    return (
      <EmptyState
        title={t('tasks.notFoundTitle')}
        action={
          <Link className="button button-primary" to={`/w/${workspace.id}/board`}>
            {t('tasks.toBoard')}
          </Link>
        }
      >
        <p>{t('tasks.notFoundBody')}</p>
      </EmptyState>
    );
  }
  // A failed background refresh keeps showing the task (and whatever is being typed).
  if (task.isError && !task.data) {
    return (
      <ErrorState
        message={t(errorKey(task.error))}
        onRetry={() => void task.refetch()}
        retrying={task.isFetching}
      />
    );
  }
  if (!task.data || members.isPending) return <LoadingState />;
  // Keyed by task: moving to another task starts every editor afresh.
  return <TaskEditor key={task.data.id} task={task.data} layout={layout} onDeleted={onDeleted} />;
}
