import {
  type Announcements,
  type CollisionDetection,
  DndContext,
  type DragEndEvent,
  type DragMoveEvent,
  DragOverlay,
  type DragStartEvent,
  MeasuringStrategy,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { Member, TaskListQuery, TaskState, TaskSummary } from '@leeway/core';
import { taskStates } from '@leeway/core';
import { useQueries } from '@tanstack/react-query';
import { type KeyboardEvent, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { errorKey } from '../../lib/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PlusIcon } from '../../ui/icons.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { taskKeys } from '../tasks/queries.ts';
import { BoardColumn, type ColumnDrop } from './BoardColumn.tsx';
import { openCreateTask } from './create-task-store.ts';
import type { DueContext } from './due-format.ts';
import { matchesClientFilters, type TaskFilters } from './filters.ts';
import { columnQuery, fetchTaskPage, useMoveTask } from './hooks.ts';
import {
  afterIdAt,
  byPosition,
  type ColumnIds,
  type DropOver,
  dropTarget,
  isNoopMove,
  keyboardStep,
} from './placement.ts';
import { TaskCard } from './TaskCard.tsx';

/** Droppable data: a card, a column's header (= its top) or a column's body (= its end). */
export type DropData =
  | { type: 'card'; state: TaskState; taskId: string }
  | { type: 'top'; state: TaskState }
  | { type: 'column'; state: TaskState };

function dropData(value: unknown): DropData | null {
  return typeof value === 'object' && value !== null && 'type' in value ? (value as DropData) : null;
}

/**
 * Pointer hit testing: the header of a column means its top, a card means before or after
 * it, anywhere else in a column its end. A card only counts inside its own column's box, so a
 * card scrolled out of sight can't catch the drop.
 */
const collide: CollisionDetection = ({ droppableContainers, droppableRects, pointerCoordinates: p }) => {
  if (!p) return [];
  const hits = droppableContainers.filter((container) => {
    const r = droppableRects.get(container.id);
    return r !== undefined && p.x >= r.left && p.x <= r.right && p.y >= r.top && p.y <= r.bottom;
  });
  const column = hits.find((c) => dropData(c.data.current)?.type === 'column');
  if (!column) return [];
  const columnState = dropData(column.data.current)?.state;
  const top = hits.find((c) => dropData(c.data.current)?.type === 'top');
  const card = hits.find((c) => {
    const data = dropData(c.data.current);
    return data?.type === 'card' && data.state === columnState;
  });
  const winner = top ?? card ?? column;
  return [{ id: winner.id, data: { droppableContainer: winner, value: 0 } }];
};

function pointerY(event: Event | null, deltaY: number): number | null {
  if (!event) return null;
  if ('clientY' in event && typeof event.clientY === 'number') return event.clientY + deltaY;
  if ('touches' in event) {
    const touch = (event as TouchEvent).touches[0] ?? (event as TouchEvent).changedTouches[0];
    if (touch) return touch.clientY + deltaY;
  }
  return null;
}

/** Set when a pointer drag ends, so the click that follows doesn't open the card. */
let lastDragEnd = 0;

interface Lifted {
  task: TaskSummary;
  target: { state: TaskState; index: number };
}

export interface BoardProps {
  workspaceId: string;
  filters: TaskFilters;
  filterQuery: TaskListQuery;
  members: ReadonlyMap<string, Member>;
  due: DueContext;
  onClearFilters: () => void;
  hasFilters: boolean;
  onQuickAdd: (state: TaskState, title: string) => Promise<void>;
}

export function Board({
  workspaceId,
  filters,
  filterQuery,
  members,
  due,
  onClearFilters,
  hasFilters,
  onQuickAdd,
}: BoardProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const hintId = useId();
  const move = useMoveTask(workspaceId);
  const [cancelledOpen, setCancelledOpen] = useState(false);
  const [active, setActive] = useState<TaskSummary | null>(null);
  const [pointerTarget, setPointerTarget] = useState<{ state: TaskState; index: number } | null>(null);
  const [lifted, setLifted] = useState<Lifted | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [focusTarget, setFocusTarget] = useState<{ id: string; state: TaskState } | null>(null);
  const boardRef = useRef<HTMLDivElement>(null);

  const queries = useQueries({
    queries: taskStates.map((state) => {
      const query = columnQuery(filterQuery, state);
      return {
        queryKey: taskKeys.list(workspaceId, query),
        queryFn: ({ signal }: { signal: AbortSignal }) => fetchTaskPage(workspaceId, query, signal),
      };
    }),
  });

  const columns = useMemo(() => {
    const result = {} as Record<TaskState, TaskSummary[]>;
    taskStates.forEach((state, i) => {
      const items = queries[i]?.data?.items ?? [];
      result[state] = items.filter((task) => matchesClientFilters(task, filters)).sort(byPosition);
    });
    return result;
  }, [queries, filters]);

  const ids = useMemo(() => {
    const result: ColumnIds = {};
    for (const state of taskStates) result[state] = columns[state].map((task) => task.id);
    return result;
  }, [columns]);

  const stateName = useCallback((state: TaskState) => t(`tasks.states.${state}`), [t]);
  const keyboardStates = useMemo(
    () => taskStates.filter((state) => state !== 'cancelled' || cancelledOpen),
    [cancelledOpen],
  );

  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    // Touch: a long press picks a card up, a swipe still scrolls.
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
  );

  function commit(task: TaskSummary, state: TaskState, index: number) {
    const column = ids[state] ?? [];
    const target = { state, index, afterTaskId: afterIdAt(column, task.id, index) };
    if (isNoopMove(ids[task.state] ?? [], task.id, task.state, target)) return false;
    move.mutate(
      {
        task,
        state,
        afterTaskId: target.afterTaskId,
        fromKey: taskKeys.list(workspaceId, columnQuery(filterQuery, task.state)),
        toKey: taskKeys.list(workspaceId, columnQuery(filterQuery, state)),
      },
      {
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'conflict')
            toast.error(t('board.board.moveConflict'));
          else toast.error(t('board.board.moveFailed', { reason: t(errorKey(error)) }));
        },
      },
    );
    if (state === 'cancelled') setCancelledOpen(true);
    return true;
  }

  function positionText(task: TaskSummary, state: TaskState, index: number) {
    const total = (ids[state] ?? []).filter((id) => id !== task.id).length + 1;
    return t('board.board.position', { state: stateName(state), position: index + 1, total });
  }

  // ---- Pointer and touch (dnd-kit) ----

  function overToDrop(data: DropData | null, y: number | null, rect: { top: number; height: number } | null) {
    if (!data || !active) return null;
    let over: DropOver;
    if (data.type === 'column') over = { kind: 'column', state: data.state };
    else if (data.type === 'top') {
      const first = (ids[data.state] ?? []).find((id) => id !== active.id);
      over = first
        ? { kind: 'card', state: data.state, taskId: first, after: false }
        : { kind: 'column', state: data.state };
    } else {
      const after = y !== null && rect !== null ? y > rect.top + rect.height / 2 : false;
      over = { kind: 'card', state: data.state, taskId: data.taskId, after };
    }
    return dropTarget(ids[data.state] ?? [], active.id, over);
  }

  function onDragStart(event: DragStartEvent) {
    const task = Object.values(columns)
      .flat()
      .find((item) => `drag:${item.id}` === event.active.id);
    setLifted(null);
    setActive(task ?? null);
  }

  function onDragMove(event: DragMoveEvent) {
    const target = overToDrop(
      dropData(event.over?.data.current),
      pointerY(event.activatorEvent, event.delta.y),
      event.over?.rect ?? null,
    );
    setPointerTarget((prev) =>
      prev?.state === target?.state && prev?.index === target?.index
        ? prev
        : target
          ? { state: target.state, index: target.index }
          : null,
    );
  }

  function onDragEnd(event: DragEndEvent) {
    lastDragEnd = Date.now();
    const task = active;
    const target = overToDrop(
      dropData(event.over?.data.current),
      pointerY(event.activatorEvent, event.delta.y),
      event.over?.rect ?? null,
    );
    setActive(null);
    setPointerTarget(null);
    if (task && target) commit(task, target.state, target.index);
  }

  function onDragCancel() {
    lastDragEnd = Date.now();
    setActive(null);
    setPointerTarget(null);
  }

  const titleOf = (id: string | number) =>
    Object.values(columns)
      .flat()
      .find((task) => `drag:${task.id}` === id)?.title ?? '';

  const announcements: Announcements = {
    onDragStart: ({ active: a }) => t('board.board.pickedUp', { title: titleOf(a.id) }),
    onDragOver: ({ over }) => {
      const data = dropData(over?.data.current);
      return data ? t('board.board.over', { state: stateName(data.state) }) : undefined;
    },
    onDragEnd: ({ active: a, over }) => {
      const data = dropData(over?.data.current);
      return data
        ? t('board.board.droppedIn', { title: titleOf(a.id), state: stateName(data.state) })
        : t('board.board.cancelled', { title: titleOf(a.id) });
    },
    onDragCancel: ({ active: a }) => t('board.board.cancelled', { title: titleOf(a.id) }),
  };

  // ---- Keyboard: Space picks a card up, arrows move it, Space/Enter drops, Escape cancels ----

  function onCardKeyDown(task: TaskSummary, event: KeyboardEvent<HTMLAnchorElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (!lifted) {
      if (event.key === ' ') {
        event.preventDefault();
        const index = Math.max(0, (ids[task.state] ?? []).indexOf(task.id));
        setLifted({ task, target: { state: task.state, index } });
        setAnnouncement(
          `${t('board.board.liftedHelp', { title: task.title })} ${positionText(task, task.state, index)}`,
        );
      }
      return;
    }
    const keys: Record<string, 'up' | 'down' | 'left' | 'right' | 'home' | 'end'> = {
      ArrowUp: 'up',
      ArrowDown: 'down',
      ArrowLeft: 'left',
      ArrowRight: 'right',
      Home: 'home',
      End: 'end',
    };
    const step = keys[event.key];
    if (step) {
      event.preventDefault();
      event.stopPropagation();
      const target = keyboardStep(ids, keyboardStates, lifted.task.id, lifted.target, step);
      setLifted({ ...lifted, target });
      setAnnouncement(positionText(lifted.task, target.state, target.index));
      return;
    }
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      const { task: liftedTask, target } = lifted;
      setLifted(null);
      const moved = commit(liftedTask, target.state, target.index);
      setFocusTarget({ id: liftedTask.id, state: moved ? target.state : liftedTask.state });
      setAnnouncement(
        moved
          ? t('board.board.dropped', {
              title: liftedTask.title,
              state: stateName(target.state),
              position: target.index + 1,
            })
          : t('board.board.cancelled', { title: liftedTask.title }),
      );
      return;
    }
    if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
      }
      setLifted(null);
      setAnnouncement(t('board.board.cancelled', { title: lifted.task.title }));
    }
  }

  // After a keyboard drop the card is rendered anew in its target column: focus it there once
  // it has arrived (the move shows up a moment later, after pending refreshes are cancelled).
  useEffect(() => {
    if (!focusTarget) return;
    if (!columns[focusTarget.state].some((task) => task.id === focusTarget.id)) {
      const giveUp = window.setTimeout(() => setFocusTarget(null), 3000);
      return () => window.clearTimeout(giveUp);
    }
    const frame = requestAnimationFrame(() => {
      const link = boardRef.current?.querySelector<HTMLElement>(
        `[data-state="${focusTarget.state}"] [data-task-id="${CSS.escape(focusTarget.id)}"] .task-card-link`,
      );
      link?.focus();
      setFocusTarget(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [focusTarget, columns]);

  const dropFor = (state: TaskState): ColumnDrop | null => {
    if (lifted && lifted.target.state === state)
      return { index: lifted.target.index, activeId: lifted.task.id };
    if (active && pointerTarget?.state === state) return { index: pointerTarget.index, activeId: active.id };
    return null;
  };

  const failed = queries.find((q) => q.isError);
  if (failed) {
    return (
      <ErrorState
        message={t(errorKey(failed.error))}
        onRetry={() => {
          for (const q of queries) if (q.isError) void q.refetch();
        }}
        retrying={queries.some((q) => q.isFetching)}
      />
    );
  }

  const loaded = queries.every((q) => !q.isPending);
  const total = taskStates.reduce((sum, state) => sum + columns[state].length, 0);
  const pinned = lifted?.task.id ?? active?.id ?? focusTarget?.id;

  return (
    <>
      {loaded && total === 0 && (
        <div className="board-empty">
          {hasFilters ? (
            <EmptyState
              title={t('board.board.noMatchTitle')}
              action={<Button onClick={onClearFilters}>{t('board.filters.clear')}</Button>}
            >
              <p>{t('board.board.noMatchBody')}</p>
            </EmptyState>
          ) : (
            <EmptyState
              title={t('board.board.emptyTitle')}
              action={
                <Button
                  variant="primary"
                  icon={<PlusIcon />}
                  onClick={() => openCreateTask({ state: 'todo' })}
                >
                  {t('board.newTask')}
                </Button>
              }
            >
              <p>{t('board.board.emptyBody')}</p>
            </EmptyState>
          )}
        </div>
      )}
      <p id={hintId} className="visually-hidden">
        {t('board.board.dragHint')}
      </p>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {announcement}
      </div>
      <DndContext
        sensors={sensors}
        collisionDetection={collide}
        measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
        onDragStart={onDragStart}
        onDragMove={onDragMove}
        onDragEnd={onDragEnd}
        onDragCancel={onDragCancel}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('board.board.dragHint') } }}
      >
        <div className={`board${active ? ' is-dragging' : ''}`} ref={boardRef} data-testid="board">
          {taskStates.map((state, i) => (
            <BoardColumn
              key={state}
              state={state}
              tasks={columns[state]}
              pending={queries[i]?.isPending ?? true}
              truncated={queries[i]?.data?.nextCursor != null}
              workspaceId={workspaceId}
              members={members}
              due={due}
              collapsed={state === 'cancelled' && !cancelledOpen}
              onToggleCollapsed={state === 'cancelled' ? () => setCancelledOpen((open) => !open) : undefined}
              drop={dropFor(state)}
              activeId={active?.id ?? null}
              liftedId={lifted?.task.id ?? null}
              pinnedId={pinned ?? null}
              hintId={hintId}
              onCardKeyDown={onCardKeyDown}
              onCardClick={(event) => {
                if (Date.now() - lastDragEnd < 250) event.preventDefault();
              }}
              onQuickAdd={onQuickAdd}
            />
          ))}
        </div>
        <DragOverlay dropAnimation={null}>
          {active ? (
            <TaskCard
              task={active}
              workspaceId={workspaceId}
              members={members}
              due={due}
              overlay
              className="is-overlay"
            />
          ) : null}
        </DragOverlay>
      </DndContext>
    </>
  );
}
