import type { Area, TaskListQuery, TaskSummary } from '@leeway/core';
import { taskLimits } from '@leeway/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { errorKey } from '../../lib/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { FlagIcon, PlusIcon } from '../../ui/icons.tsx';
import { LoadingState } from '../../ui/Spinner.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { openCreateTask } from './create-task-store.ts';
import { groupWeek, hasTimeOfDay } from './dates.ts';
import { type DueContext, formatDayHeading, formatDue, formatDueLong, formatTime } from './due-format.ts';
import { useSetTaskState, useTaskPage } from './hooks.ts';
import { BlockedFlag } from './TaskCard.tsx';

/** My open tasks, whatever their due date; grouped on the client in my zone. */
export const myWeekQuery: TaskListQuery = {
  assigneeId: 'me',
  state: 'todo,doing,review',
  sort: 'due',
  order: 'asc',
  limit: String(taskLimits.pageMax),
};

export function MyWeek({
  workspaceId,
  areas,
  due,
}: {
  workspaceId: string;
  areas: ReadonlyMap<string, Area>;
  due: DueContext;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const page = useTaskPage(workspaceId, myWeekQuery);
  const setState = useSetTaskState(workspaceId);
  // Ticked rows stay visible (struck through) until the list refreshes, so nothing jumps.
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());

  if (page.isPending) return <LoadingState />;
  if (page.isError)
    return (
      <ErrorState
        message={t(errorKey(page.error))}
        onRetry={() => void page.refetch()}
        retrying={page.isFetching}
      />
    );

  const groups = groupWeek(page.data.items, due.now, due.timeZone);
  const empty =
    groups.overdue.length === 0 &&
    groups.noDue.length === 0 &&
    groups.later.length === 0 &&
    groups.days.every((d) => d.tasks.length === 0);
  if (empty) {
    return (
      <EmptyState
        title={t('board.week.emptyTitle')}
        action={
          <Button variant="primary" icon={<PlusIcon />} onClick={() => openCreateTask()}>
            {t('board.newTask')}
          </Button>
        }
      >
        <p>{t('board.week.emptyBody')}</p>
      </EmptyState>
    );
  }

  function tick(task: TaskSummary) {
    setTicked((prev) => new Set(prev).add(task.id));
    setState.mutate(
      { task, state: 'done' },
      {
        onSuccess: () => toast.success(t('board.week.markedDone', { title: task.title })),
        onError: (error) => {
          setTicked((prev) => {
            const next = new Set(prev);
            next.delete(task.id);
            return next;
          });
          toast.error(
            error instanceof ApiError && error.code === 'conflict'
              ? t('board.week.conflict', { title: task.title })
              : t(errorKey(error)),
          );
        },
      },
    );
  }

  const row = (task: TaskSummary, showDate: boolean) => {
    const done = ticked.has(task.id);
    const area = task.areaId ? areas.get(task.areaId) : undefined;
    const when = task.dueAt
      ? showDate
        ? formatDue(task.dueAt, due)
        : hasTimeOfDay(task.dueAt, due.timeZone)
          ? formatTime(task.dueAt, due)
          : null
      : null;
    return (
      <li
        key={task.id}
        className={`week-row${done ? ' is-done' : ''}`}
        data-testid="week-task"
        data-task-id={task.id}
      >
        <input
          type="checkbox"
          className="week-check"
          checked={done}
          disabled={done}
          onChange={() => tick(task)}
          aria-label={t('board.week.markDone', { title: task.title })}
          data-testid="week-done"
        />
        <div className="week-row-main">
          <Link to={`/w/${workspaceId}/tasks/${task.id}`} className="week-row-title">
            {task.title}
          </Link>
          <span className="week-row-meta">
            {task.priority !== 'none' && (
              <span className={`task-card-priority priority-${task.priority}`}>
                <FlagIcon />
                {t(`tasks.priorities.${task.priority}`)}
              </span>
            )}
            {task.blocked && <BlockedFlag />}
            <span className="muted">{area ? area.name : t('board.filters.inbox')}</span>
            <span className="muted">{t(`tasks.states.${task.state}`)}</span>
          </span>
        </div>
        {when && task.dueAt && (
          <time
            className={`week-row-when${showDate ? ' is-overdue' : ''}`}
            dateTime={task.dueAt}
            title={formatDueLong(task.dueAt, due)}
          >
            {when}
          </time>
        )}
      </li>
    );
  };

  return (
    <div className="week">
      {groups.overdue.length > 0 && (
        <section
          className="week-group week-overdue"
          data-testid="week-overdue"
          aria-labelledby="week-overdue"
        >
          <h2 id="week-overdue" className="week-heading">
            {t('board.week.overdue')} <span className="week-count">{groups.overdue.length}</span>
          </h2>
          <ul className="week-list">{groups.overdue.map((task) => row(task, true))}</ul>
        </section>
      )}
      {groups.days.map(({ day, tasks }, i) => (
        <section
          key={day}
          className={`week-group${i === 0 ? ' is-today' : ''}`}
          data-testid="week-day"
          data-day={day}
          aria-labelledby={`week-${day}`}
        >
          <div className="week-heading-row">
            <h2 id={`week-${day}`} className="week-heading">
              {formatDayHeading(day, due)}
              {tasks.length > 0 && <span className="week-count">{tasks.length}</span>}
            </h2>
            <Button
              size="sm"
              variant="ghost"
              icon={<PlusIcon />}
              onClick={() => openCreateTask({ dueDay: day })}
              aria-label={t('board.week.addOn', { day: formatDayHeading(day, due) })}
            />
          </div>
          {tasks.length > 0 ? (
            <ul className="week-list">{tasks.map((task) => row(task, false))}</ul>
          ) : (
            <p className="muted week-nothing">{t('board.week.nothingDue')}</p>
          )}
        </section>
      ))}
      {groups.noDue.length > 0 && (
        <section className="week-group" data-testid="week-nodue" aria-labelledby="week-nodue">
          <h2 id="week-nodue" className="week-heading">
            {t('board.week.noDue')} <span className="week-count">{groups.noDue.length}</span>
          </h2>
          <ul className="week-list">{groups.noDue.map((task) => row(task, false))}</ul>
        </section>
      )}
      {groups.later.length > 0 && (
        <p className="muted">
          {t('board.week.later', { count: groups.later.length })}{' '}
          <Link to={`/w/${workspaceId}/list?assignee=me&state=todo,doing,review&sort=due&order=asc`}>
            {t('board.week.seeAll')}
          </Link>
        </p>
      )}
    </div>
  );
}
