import { taskLimits } from '@leeway/core';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { openCreateTask } from '../features/board/create-task-store.ts';
import { FilterBar } from '../features/board/FilterBar.tsx';
import {
  activeFilterCount,
  isServerSort,
  matchesClientFilters,
  type SortField,
  type SortOrder,
  toListQuery,
} from '../features/board/filters.ts';
import { useTaskPages } from '../features/board/hooks.ts';
import { defaultOrder, sortTasks } from '../features/board/list-sort.ts';
import { TasksHeader } from '../features/board/TasksHeader.tsx';
import { listColumns, TaskTable } from '../features/board/TaskTable.tsx';
import { useTaskScreen } from '../features/board/use-task-screen.ts';
import { useUrlFilters } from '../features/board/use-url-filters.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { errorKey } from '../lib/errors.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { PlusIcon } from '../ui/icons.tsx';
import { LoadingState } from '../ui/Spinner.tsx';
import '../features/board/board.css';

const SEARCH_DELAY_MS = 300;
/** Rows per page when the server sorts; sorting on the client loads a full page at once. */
const PAGE_SIZE = 100;

export function ListPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const location = useLocation();
  usePageTitle(t('board.list.title'));
  const [filters, setFilters] = useUrlFilters();
  const { timeZone, weekStart, screenNow, due, lookups } = useTaskScreen(workspace.id);
  const { locale } = due;
  const searchRef = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState(filters.q ?? '');

  const sort: SortField = filters.sort ?? 'updated';
  const order: SortOrder = filters.order ?? defaultOrder(sort);
  const query = useMemo(
    () => ({
      ...toListQuery({ ...filters, sort, order }, { now: screenNow, timeZone, weekStart }),
      limit: String(isServerSort(sort) ? PAGE_SIZE : taskLimits.pageMax),
    }),
    [filters, sort, order, screenNow, timeZone, weekStart],
  );
  const pages = useTaskPages(workspace.id, query);

  // Typing searches after a pause; the URL (and history) gets one entry, not one per key.
  const pushedSearch = useRef(filters.q ?? '');
  useEffect(() => {
    const q = search.trim();
    if (q === (filters.q ?? '')) return;
    const timer = window.setTimeout(() => {
      pushedSearch.current = q;
      setFilters({ ...filters, q: q || undefined }, { replace: true });
    }, SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [search, filters, setFilters]);

  // Back/forward (or a link) changed the search in the URL: show it in the box.
  useEffect(() => {
    const q = filters.q ?? '';
    if (q === pushedSearch.current) return;
    pushedSearch.current = q;
    setSearch(q);
  }, [filters.q]);

  // Arriving through the `/` shortcut from another screen.
  useEffect(() => {
    if ((location.state as { focusSearch?: boolean } | null)?.focusSearch) searchRef.current?.focus();
  }, [location.state]);

  const rows = useMemo(() => {
    const loaded = (pages.data?.pages ?? [])
      .flatMap((page) => page.items)
      .filter((task) => matchesClientFilters(task, filters));
    if (isServerSort(sort)) return loaded;
    return sortTasks(
      loaded,
      sort,
      order,
      { area: (id) => lookups.areaMap.get(id)?.name, member: (id) => lookups.memberMap.get(id)?.name },
      locale,
    );
  }, [pages.data, filters, sort, order, lookups.areaMap, lookups.memberMap, locale]);

  const narrowed = activeFilterCount(filters) > 0 || Boolean(filters.q);

  let content: ReactNode;
  if (pages.isPending) {
    content = <LoadingState />;
  } else if (pages.isError) {
    content = (
      <ErrorState
        message={t(errorKey(pages.error))}
        onRetry={() => void pages.refetch()}
        retrying={pages.isFetching}
      />
    );
  } else if (rows.length === 0 && !pages.hasNextPage) {
    content = narrowed ? (
      <EmptyState
        title={filters.q ? t('board.list.noResultsTitle', { q: filters.q }) : t('board.board.noMatchTitle')}
        action={
          <Button
            onClick={() => {
              setSearch('');
              pushedSearch.current = '';
              setFilters({ sort: filters.sort, order: filters.order });
            }}
          >
            {t('board.list.clearAll')}
          </Button>
        }
      >
        <p>{filters.q ? t('board.list.noResultsBody') : t('board.board.noMatchBody')}</p>
      </EmptyState>
    ) : (
      <EmptyState
        title={t('board.board.emptyTitle')}
        action={
          <Button variant="primary" icon={<PlusIcon />} onClick={() => openCreateTask()}>
            {t('board.newTask')}
          </Button>
        }
      >
        <p>{t('board.board.emptyBody')}</p>
      </EmptyState>
    );
  } else {
    content = (
      <>
        <TaskTable
          tasks={rows}
          workspaceId={workspace.id}
          areas={lookups.areaMap}
          members={lookups.memberMap}
          due={due}
          sort={sort}
          order={order}
          onSort={(field, nextOrder) => setFilters({ ...filters, sort: field, order: nextOrder })}
        />
        <div className="list-footer">
          <span className="muted" aria-live="polite">
            {t('board.list.shown', { count: rows.length })}
          </span>
          {pages.hasNextPage && (
            <Button
              onClick={() => void pages.fetchNextPage()}
              pending={pages.isFetchingNextPage}
              data-testid="load-more"
            >
              {t('board.list.loadMore')}
            </Button>
          )}
        </div>
      </>
    );
  }

  return (
    <div className="list-page stack">
      <TasksHeader title={t('board.list.title')} workspaceId={workspace.id} view="list" filters={filters} />
      <div className="list-tools">
        <div className="field list-search">
          <label className="visually-hidden" htmlFor="list-search">
            {t('board.list.search')}
          </label>
          <input
            ref={searchRef}
            id="list-search"
            type="search"
            className="input"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={t('board.list.searchPlaceholder')}
            maxLength={200}
            aria-keyshortcuts="/"
            data-testid="search-input"
            data-shortcut="search"
          />
        </div>
        <div className="field list-sort-mobile">
          <label className="filter-label" htmlFor="list-sort">
            {t('board.list.sortBy')}
          </label>
          <select
            id="list-sort"
            className="input select input-sm"
            value={`${sort}:${order}`}
            onChange={(event) => {
              const [field, dir] = event.target.value.split(':') as [SortField, SortOrder];
              setFilters({ ...filters, sort: field, order: dir });
            }}
          >
            {listColumns.flatMap((column) =>
              (['asc', 'desc'] as const).map((dir) => (
                <option key={`${column}:${dir}`} value={`${column}:${dir}`}>
                  {t(`board.list.columns.${column}`)} {dir === 'asc' ? '▲' : '▼'}
                </option>
              )),
            )}
          </select>
        </div>
      </div>
      <FilterBar
        filters={filters}
        onChange={setFilters}
        areas={lookups.areas}
        members={lookups.members}
        labels={lookups.labels}
        withState
      />
      {content}
    </div>
  );
}
