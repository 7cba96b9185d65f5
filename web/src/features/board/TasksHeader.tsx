import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { Button } from '../../ui/Button.tsx';
import { BoardIcon, KeyboardIcon, ListIcon, PlusIcon } from '../../ui/icons.tsx';
import { openCreateTask } from './create-task-store.ts';
import { filtersToParams, type TaskFilters } from './filters.ts';
import { openShortcutHelp } from './shortcuts.tsx';

/**
 * The heading row of the task screens: title, the Board/List switch (which carries the shared
 * filters along) and "New task".
 */
export function TasksHeader({
  title,
  workspaceId,
  view,
  filters,
  onNew,
  children,
}: {
  title: string;
  workspaceId: string;
  view?: 'board' | 'list';
  filters?: TaskFilters;
  onNew?: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const shared = filters
    ? filtersToParams({
        area: filters.area,
        assignee: filters.assignee,
        label: filters.label,
        due: filters.due,
      }).toString()
    : '';
  const suffix = shared ? `?${shared}` : '';
  return (
    <div className="tasks-header">
      <h1>{title}</h1>
      {view && (
        <nav className="view-switch" aria-label={t('board.views.label')}>
          <NavLink
            to={`/w/${workspaceId}/board${suffix}`}
            className="view-switch-item"
            data-testid="view-board"
          >
            <BoardIcon />
            <span>{t('board.views.board')}</span>
          </NavLink>
          <NavLink
            to={`/w/${workspaceId}/list${suffix}`}
            className="view-switch-item"
            data-testid="view-list"
          >
            <ListIcon />
            <span>{t('board.views.list')}</span>
          </NavLink>
        </nav>
      )}
      <span className="tasks-header-spacer" />
      {children}
      <Button
        variant="ghost"
        className="shortcut-help-button"
        icon={<KeyboardIcon />}
        onClick={openShortcutHelp}
        aria-label={t('board.shortcuts.open')}
        title={t('board.shortcuts.open')}
        aria-keyshortcuts="?"
      />
      <Button
        variant="primary"
        icon={<PlusIcon />}
        onClick={onNew ?? (() => openCreateTask())}
        data-testid="new-task-button"
        aria-keyshortcuts="c"
      >
        {t('board.newTask')}
      </Button>
    </div>
  );
}
