import type { TaskState } from '@leeway/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequiredUser } from '../features/auth/session.ts';
import { Board } from '../features/board/Board.tsx';
import { openCreateTask } from '../features/board/create-task-store.ts';
import { FilterBar } from '../features/board/FilterBar.tsx';
import {
  activeFilterCount,
  createDefaults,
  type TaskFilters,
  toListQuery,
} from '../features/board/filters.ts';
import { useCreateTask } from '../features/board/hooks.ts';
import { TasksHeader } from '../features/board/TasksHeader.tsx';
import { useTaskScreen } from '../features/board/use-task-screen.ts';
import { useUrlFilters } from '../features/board/use-url-filters.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { useToast } from '../ui/Toast.tsx';
import '../features/board/board.css';

export function BoardPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const user = useRequiredUser();
  const toast = useToast();
  usePageTitle(t('board.board.title'));
  const [urlFilters, setFilters] = useUrlFilters();
  const { timeZone, weekStart, screenNow, due, lookups } = useTaskScreen(workspace.id);
  const create = useCreateTask(workspace.id);

  // The board shows every state as a column: state, search and sort don't apply here.
  const filters: TaskFilters = useMemo(
    () => ({
      area: urlFilters.area,
      assignee: urlFilters.assignee,
      label: urlFilters.label,
      due: urlFilters.due,
    }),
    [urlFilters.area, urlFilters.assignee, urlFilters.label, urlFilters.due],
  );
  const filterQuery = useMemo(
    () => toListQuery(filters, { now: screenNow, timeZone, weekStart }),
    [filters, screenNow, timeZone, weekStart],
  );

  async function quickAdd(state: TaskState, title: string) {
    await create.mutateAsync({ title, state, ...createDefaults(filters, user.id) });
    toast.success(t('board.board.quickAdded', { title }));
  }

  return (
    <div className="board-page">
      <TasksHeader
        title={t('board.board.title')}
        workspaceId={workspace.id}
        view="board"
        filters={filters}
        onNew={() => openCreateTask({ state: 'todo' })}
      />
      <FilterBar
        filters={filters}
        onChange={setFilters}
        areas={lookups.areas}
        members={lookups.members}
        labels={lookups.labels}
      />
      <Board
        workspaceId={workspace.id}
        filters={filters}
        filterQuery={filterQuery}
        members={lookups.memberMap}
        due={due}
        hasFilters={activeFilterCount(filters) > 0}
        onClearFilters={() => setFilters({})}
        onQuickAdd={quickAdd}
      />
    </div>
  );
}
