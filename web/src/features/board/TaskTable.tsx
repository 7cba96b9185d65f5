import type { Area, Member, TaskSummary } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format.ts';
import { RepeatIcon } from '../../ui/icons.tsx';
import { type DueContext, formatDue, formatDueLong, isOverdue } from './due-format.ts';
import type { SortField, SortOrder } from './filters.ts';
import { defaultOrder } from './list-sort.ts';
import { BlockedFlag } from './TaskCard.tsx';

export const listColumns = ['title', 'area', 'assignee', 'state', 'due', 'priority', 'updated'] as const;
export type ListColumn = (typeof listColumns)[number];

interface TaskTableProps {
  tasks: readonly TaskSummary[];
  workspaceId: string;
  areas: ReadonlyMap<string, Area>;
  members: ReadonlyMap<string, Member>;
  due: DueContext;
  sort: SortField;
  order: SortOrder;
  onSort: (field: SortField, order: SortOrder) => void;
}

/** The list view's table; below 40 rem each row becomes a stacked card (see board.css). */
export function TaskTable({ tasks, workspaceId, areas, members, due, sort, order, onSort }: TaskTableProps) {
  const { t } = useTranslation();
  const label = (column: ListColumn) => t(`board.list.columns.${column}`);

  return (
    <table className="task-table">
      <caption className="visually-hidden">{t('board.list.caption')}</caption>
      <thead>
        <tr>
          {listColumns.map((column) => {
            const current = sort === column;
            const next: SortOrder = current ? (order === 'asc' ? 'desc' : 'asc') : defaultOrder(column);
            return (
              <th
                key={column}
                scope="col"
                className={`col-${column}`}
                aria-sort={current ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
              >
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => onSort(column, next)}
                  data-testid={`sort-${column}`}
                >
                  <span>{label(column)}</span>
                  <span className={`sort-mark${current ? ' is-current' : ''}`} aria-hidden="true">
                    {current ? (order === 'asc' ? '▲' : '▼') : '↕'}
                  </span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => {
          const area = task.areaId ? areas.get(task.areaId) : undefined;
          const assignee = task.assigneeId ? members.get(task.assigneeId) : undefined;
          const overdue = isOverdue(task, due.now);
          return (
            <tr
              key={task.id}
              data-testid="list-row"
              data-task-id={task.id}
              className={`state-row-${task.state}`}
            >
              <td className="col-title" data-label={label('title')}>
                <Link to={`/w/${workspaceId}/tasks/${task.id}`} className="task-table-link">
                  {task.title}
                </Link>
                {task.blocked && <BlockedFlag />}
                {task.recurring && (
                  <span className="task-table-icon" title={t('board.card.recurring')}>
                    <RepeatIcon />
                    <span className="visually-hidden">{t('board.card.recurring')}</span>
                  </span>
                )}
              </td>
              <td className="col-area" data-label={label('area')}>
                {area ? area.name : <span className="muted">{t('board.filters.inbox')}</span>}
              </td>
              <td className="col-assignee" data-label={label('assignee')}>
                {task.assigneeId ? (
                  (assignee?.name ?? t('board.card.formerMember'))
                ) : (
                  <span className="muted">{t('board.filters.nobody')}</span>
                )}
              </td>
              <td className="col-state" data-label={label('state')}>
                <span className={`state-badge state-${task.state}`}>{t(`tasks.states.${task.state}`)}</span>
              </td>
              <td className="col-due" data-label={label('due')}>
                {task.dueAt ? (
                  <time
                    dateTime={task.dueAt}
                    title={formatDueLong(task.dueAt, due)}
                    className={overdue ? 'is-overdue' : undefined}
                  >
                    {formatDue(task.dueAt, due)}
                    {overdue && <span className="visually-hidden"> ({t('board.card.overdueShort')})</span>}
                  </time>
                ) : (
                  <span className="muted">–</span>
                )}
              </td>
              <td className="col-priority" data-label={label('priority')}>
                {task.priority === 'none' ? (
                  <span className="muted">–</span>
                ) : (
                  <span className={`priority-text priority-${task.priority}`}>
                    {t(`tasks.priorities.${task.priority}`)}
                  </span>
                )}
              </td>
              <td className="col-updated" data-label={label('updated')}>
                <time dateTime={task.updatedAt}>{formatDate(task.updatedAt, due.locale, due.timeZone)}</time>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
