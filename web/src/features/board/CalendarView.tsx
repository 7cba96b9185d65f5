import type { TaskListQuery, TaskSummary } from '@leeway/core';
import { taskLimits } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { ChevronLeftIcon, ChevronRightIcon, PlusIcon } from '../../ui/icons.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { openCreateTask } from './create-task-store.ts';
import {
  addDays,
  addMonths,
  byDueDay,
  type DayKey,
  dayOf,
  dueRange,
  hasTimeOfDay,
  monthGrid,
  parseDayKey,
  type Weekday,
  weekDays,
  weekdayOrder,
} from './dates.ts';
import { type DueContext, formatDayKey, formatDueLong, formatTime, isOverdue } from './due-format.ts';
import { useTaskPage } from './hooks.ts';

export type CalendarMode = 'month' | 'week';

/** Tasks a month cell lists before "+N more". */
const CELL_MAX = 3;

interface CalendarViewProps {
  workspaceId: string;
  mode: CalendarMode;
  anchor: DayKey;
  weekStart: Weekday;
  filterQuery: TaskListQuery;
  due: DueContext;
  onNavigate: (next: { mode?: CalendarMode; anchor?: DayKey | null }) => void;
}

/** The days a view shows: 6 whole weeks around a month, or one week. */
export function visibleDays(mode: CalendarMode, anchor: DayKey, weekStart: Weekday): DayKey[] {
  if (mode === 'week') return weekDays(anchor, weekStart);
  const { year, month } = parseDayKey(anchor);
  return monthGrid(year, month, weekStart);
}

export function CalendarView({
  workspaceId,
  mode,
  anchor,
  weekStart,
  filterQuery,
  due,
  onNavigate,
}: CalendarViewProps) {
  const { t } = useTranslation();
  const days = visibleDays(mode, anchor, weekStart);
  const first = days[0] ?? anchor;
  const last = days[days.length - 1] ?? anchor;
  const query: TaskListQuery = {
    ...filterQuery,
    ...dueRange(first, last, due.timeZone),
    sort: 'due',
    order: 'asc',
    limit: String(taskLimits.pageMax),
  };
  const page = useTaskPage(workspaceId, query, { keepPrevious: true });
  const byDay = byDueDay(page.data?.items ?? [], due.timeZone);
  const today = dayOf(due.now, due.timeZone);
  const { month } = parseDayKey(anchor);

  const title =
    mode === 'month'
      ? formatDayKey(anchor, due.locale, { month: 'long', year: 'numeric' })
      : formatRange(first, last, due.locale);
  const step = (dir: 1 | -1) =>
    onNavigate({ anchor: mode === 'month' ? addMonths(anchor, dir) : addDays(anchor, 7 * dir) });

  const taskLink = (task: TaskSummary) => {
    const time = task.dueAt && hasTimeOfDay(task.dueAt, due.timeZone) ? formatTime(task.dueAt, due) : null;
    return (
      <Link
        to={`/w/${workspaceId}/tasks/${task.id}`}
        className={`calendar-task state-${task.state}${task.dueAt && isOverdue(task, due.now) ? ' is-overdue' : ''}`}
        title={task.dueAt ? `${task.title} · ${formatDueLong(task.dueAt, due)}` : task.title}
        data-testid="calendar-task"
        data-task-id={task.id}
      >
        {time && <span className="calendar-task-time">{time}</span>}
        <span className="calendar-task-title">{task.title}</span>
      </Link>
    );
  };

  const dayButton = (day: DayKey, label: string) => (
    <button
      type="button"
      className="calendar-day-number"
      onClick={() => openCreateTask({ dueDay: day })}
      aria-label={t('board.calendar.createOn', {
        date: formatDayKey(day, due.locale, {
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          year: 'numeric',
        }),
      })}
      title={t('board.calendar.createOnShort')}
    >
      {label}
    </button>
  );

  const total = days.reduce((sum, day) => sum + (byDay.get(day)?.length ?? 0), 0);

  return (
    <div className="calendar stack">
      <div className="calendar-toolbar">
        <div className="calendar-nav">
          <Button
            size="sm"
            icon={<ChevronLeftIcon />}
            onClick={() => step(-1)}
            aria-label={
              mode === 'month' ? t('board.calendar.previousMonth') : t('board.calendar.previousWeek')
            }
            data-testid="calendar-prev"
          />
          <Button size="sm" onClick={() => onNavigate({ anchor: null })} data-testid="calendar-today">
            {t('board.calendar.today')}
          </Button>
          <Button
            size="sm"
            icon={<ChevronRightIcon />}
            onClick={() => step(1)}
            aria-label={mode === 'month' ? t('board.calendar.nextMonth') : t('board.calendar.nextWeek')}
            data-testid="calendar-next"
          />
        </div>
        <h2 className="calendar-title" aria-live="polite" data-testid="calendar-title">
          {title}
          {page.isFetching && <Spinner size="sm" />}
        </h2>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('board.calendar.view')}</legend>
          {(['month', 'week'] as const).map((m) => (
            <label key={m} className={`segmented-item${mode === m ? ' is-current' : ''}`}>
              <input
                type="radio"
                name="calendar-mode"
                value={m}
                checked={mode === m}
                onChange={() => onNavigate({ mode: m })}
                data-testid={`calendar-mode-${m}`}
              />
              <span>{t(`board.calendar.${m}`)}</span>
            </label>
          ))}
        </fieldset>
      </div>

      {page.isError && (
        <ErrorState
          message={t(errorKey(page.error))}
          onRetry={() => void page.refetch()}
          retrying={page.isFetching}
        />
      )}

      {mode === 'month' ? (
        <table className="calendar-month" aria-label={title}>
          <thead>
            <tr>
              {weekdayOrder(weekStart).map((weekday) => {
                // 2024-01-01 was a Monday: weekday n is 2024-01-0n.
                const key = `2024-01-0${weekday}`;
                return (
                  <th key={weekday} scope="col">
                    <abbr title={formatDayKey(key, due.locale, { weekday: 'long' })}>
                      {formatDayKey(key, due.locale, { weekday: 'short' })}
                    </abbr>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {[0, 1, 2, 3, 4, 5].map((week) => (
              <tr key={week}>
                {days.slice(week * 7, week * 7 + 7).map((day) => {
                  const tasks = byDay.get(day) ?? [];
                  const outside = parseDayKey(day).month !== month;
                  const more = tasks.length - CELL_MAX;
                  return (
                    <td
                      key={day}
                      className={`calendar-day${outside ? ' is-outside' : ''}${day === today ? ' is-today' : ''}`}
                      data-testid="calendar-day"
                      data-day={day}
                      aria-current={day === today ? 'date' : undefined}
                    >
                      <div className="calendar-day-head">
                        {dayButton(day, String(parseDayKey(day).day))}
                        {tasks.length > 0 && (
                          <span className="calendar-dot" aria-hidden="true">
                            {tasks.length}
                          </span>
                        )}
                      </div>
                      {tasks.length > 0 && (
                        <ul className="calendar-tasks">
                          {tasks.slice(0, more > 0 ? CELL_MAX - 1 : CELL_MAX).map((task) => (
                            <li key={task.id}>{taskLink(task)}</li>
                          ))}
                          {more > 0 && (
                            <li>
                              <button
                                type="button"
                                className="calendar-more"
                                onClick={() => onNavigate({ mode: 'week', anchor: day })}
                              >
                                {t('board.calendar.more', { count: more + 1 })}
                              </button>
                            </li>
                          )}
                        </ul>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="calendar-week">
          {days.map((day) => {
            const tasks = byDay.get(day) ?? [];
            return (
              <section
                key={day}
                className={`calendar-week-day${day === today ? ' is-today' : ''}`}
                data-testid="calendar-day"
                data-day={day}
                aria-label={formatDayKey(day, due.locale, { weekday: 'long', day: 'numeric', month: 'long' })}
              >
                <div className="calendar-week-head">
                  <span className="calendar-week-name">
                    {formatDayKey(day, due.locale, { weekday: 'short' })}
                  </span>
                  {dayButton(day, String(parseDayKey(day).day))}
                </div>
                {tasks.length > 0 ? (
                  <ul className="calendar-tasks">
                    {tasks.map((task) => (
                      <li key={task.id}>{taskLink(task)}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="calendar-week-empty muted">{t('board.week.nothingDue')}</p>
                )}
              </section>
            );
          })}
        </div>
      )}

      {mode === 'month' && (
        // On a phone the month grid only shows counts; this list carries the titles.
        <section className="calendar-agenda" aria-label={t('board.calendar.agenda')}>
          {days
            .filter((day) => parseDayKey(day).month === month && (byDay.get(day)?.length ?? 0) > 0)
            .map((day) => (
              <div key={day} className="calendar-agenda-day">
                <h3 className="calendar-agenda-title">
                  {formatDayKey(day, due.locale, { weekday: 'long', day: 'numeric', month: 'long' })}
                </h3>
                <ul className="calendar-tasks">
                  {(byDay.get(day) ?? []).map((task) => (
                    <li key={task.id}>{taskLink(task)}</li>
                  ))}
                </ul>
              </div>
            ))}
        </section>
      )}

      {!page.isPending && !page.isError && total === 0 && (
        <EmptyState
          title={mode === 'month' ? t('board.calendar.emptyMonth') : t('board.calendar.emptyWeek')}
          action={
            <Button
              variant="primary"
              icon={<PlusIcon />}
              onClick={() =>
                openCreateTask({
                  dueDay: mode === 'week' || parseDayKey(today).month === month ? today : anchor,
                })
              }
            >
              {t('board.newTask')}
            </Button>
          }
        >
          <p>{t('board.calendar.emptyBody')}</p>
        </EmptyState>
      )}
    </div>
  );
}

function formatRange(first: DayKey, last: DayKey, locale: string): string {
  const toDate = (key: DayKey) => {
    const { year, month, day } = parseDayKey(key);
    return new Date(Date.UTC(year, month - 1, day, 12));
  };
  const format = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return format.formatRange(toDate(first), toDate(last));
}
