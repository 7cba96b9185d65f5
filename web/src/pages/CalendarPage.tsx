import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type CalendarMode, CalendarView } from '../features/board/CalendarView.tsx';
import { dayOf, isDayKey } from '../features/board/dates.ts';
import { FilterBar } from '../features/board/FilterBar.tsx';
import { type TaskFilters, toListQuery } from '../features/board/filters.ts';
import { TasksHeader } from '../features/board/TasksHeader.tsx';
import { useTaskScreen } from '../features/board/use-task-screen.ts';
import { useUrlFilters } from '../features/board/use-url-filters.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../features/board/board.css';

export function CalendarPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  usePageTitle(t('board.calendar.title'));
  const [params, setParams] = useSearchParams();
  const [urlFilters, setFilters] = useUrlFilters();
  const { timeZone, weekStart, due, lookups } = useTaskScreen(workspace.id);
  // Today (the default anchor) follows the minute clock, so an open calendar moves on at midnight.
  const { now } = due;

  const mode: CalendarMode = params.get('view') === 'week' ? 'week' : 'month';
  const date = params.get('date');
  const anchor = isDayKey(date) ? date : dayOf(now, timeZone);
  // Due dates are what the calendar shows: the "due" filter doesn't apply here.
  const filters: TaskFilters = useMemo(
    () => ({ area: urlFilters.area, assignee: urlFilters.assignee, label: urlFilters.label }),
    [urlFilters.area, urlFilters.assignee, urlFilters.label],
  );
  const filterQuery = useMemo(
    () => toListQuery(filters, { now, timeZone, weekStart }),
    [filters, now, timeZone, weekStart],
  );

  return (
    <div className="calendar-page stack">
      <TasksHeader title={t('board.calendar.title')} workspaceId={workspace.id} />
      <FilterBar
        filters={filters}
        onChange={setFilters}
        areas={lookups.areas}
        members={lookups.members}
        labels={lookups.labels}
        withDue={false}
      />
      <CalendarView
        workspaceId={workspace.id}
        mode={mode}
        anchor={anchor}
        weekStart={weekStart}
        filterQuery={filterQuery}
        due={due}
        onNavigate={(next) =>
          setParams((prev) => {
            const out = new URLSearchParams(prev);
            if (next.mode) {
              if (next.mode === 'week') out.set('view', 'week');
              else out.delete('view');
            }
            if (next.anchor === null) out.delete('date');
            else if (next.anchor) out.set('date', next.anchor);
            return out;
          })
        }
      />
    </div>
  );
}
