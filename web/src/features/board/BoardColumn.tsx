import { useDraggable, useDroppable } from '@dnd-kit/core';
import type { Member, TaskState, TaskSummary } from '@leeway/core';
import { taskLimits } from '@leeway/core';
import {
  type CSSProperties,
  type FormEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type RefObject,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { ChevronDownIcon } from '../../ui/icons.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import type { DueContext } from './due-format.ts';
import { TaskCard } from './TaskCard.tsx';

/** Above this many cards a column renders only what is in view. */
export const WINDOW_THRESHOLD = 100;
/** Card height and gap in windowed columns, in rem (cards get this fixed height there). */
const CARD_REM = 6.5;
const GAP_REM = 0.5;
const OVERSCAN = 6;

export interface ColumnDrop {
  /** Insertion index counted without the moving card. */
  index: number;
  activeId: string;
}

interface BoardColumnProps {
  state: TaskState;
  tasks: TaskSummary[];
  pending: boolean;
  truncated: boolean;
  workspaceId: string;
  members: ReadonlyMap<string, Member>;
  due: DueContext;
  collapsed: boolean;
  onToggleCollapsed: (() => void) | undefined;
  drop: ColumnDrop | null;
  activeId: string | null;
  liftedId: string | null;
  /** A card that must stay rendered (being dragged, lifted, or about to get focus). */
  pinnedId: string | null;
  hintId: string;
  onCardKeyDown: (task: TaskSummary, event: KeyboardEvent<HTMLAnchorElement>) => void;
  onCardClick: (event: MouseEvent<HTMLAnchorElement>) => void;
  onQuickAdd: (state: TaskState, title: string) => Promise<void>;
}

function rootFontPx(): number {
  const size = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(size) && size > 0 ? size : 16;
}

/** Which rows of a fixed-row-height list are in view of its scroll container. */
function useWindowRange(ref: RefObject<HTMLElement | null>, count: number, rowPx: number, enabled: boolean) {
  const [range, setRange] = useState({ start: 0, end: Math.min(count, 40) });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!enabled || !el) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      const start = Math.max(0, Math.floor(el.scrollTop / rowPx) - OVERSCAN);
      const end = Math.min(count, Math.ceil((el.scrollTop + el.clientHeight) / rowPx) + OVERSCAN);
      setRange((prev) => (prev.start === start && prev.end === end ? prev : { start, end }));
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    el.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(onScroll);
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      observer.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [ref, count, rowPx, enabled]);
  return range;
}

export function BoardColumn(props: BoardColumnProps) {
  const { t } = useTranslation();
  const { state, tasks, collapsed, onToggleCollapsed, drop, pending, truncated } = props;
  const headingId = useId();
  const name = t(`tasks.states.${state}`);
  const { setNodeRef: setColumnRef } = useDroppable({
    id: `column:${state}`,
    data: { type: 'column', state },
  });
  const { setNodeRef: setTopRef } = useDroppable({ id: `top:${state}`, data: { type: 'top', state } });
  const countText = t('board.board.count', { count: tasks.length });

  return (
    <section
      ref={setColumnRef}
      className={`board-column${collapsed ? ' is-collapsed' : ''}${drop ? ' is-target' : ''}`}
      data-testid="board-column"
      data-state={state}
      aria-labelledby={headingId}
    >
      <header ref={setTopRef} className="board-column-header">
        <h2 id={headingId} className="board-column-title">
          <span className={`state-dot state-${state}`} aria-hidden="true" />
          <span>{name}</span>
          <span className="board-column-count">
            <span aria-hidden="true">{tasks.length}</span>
            <span className="visually-hidden">{countText}</span>
          </span>
        </h2>
        {onToggleCollapsed && (
          <button
            type="button"
            className="board-column-toggle"
            aria-expanded={!collapsed}
            onClick={onToggleCollapsed}
            data-testid="column-toggle"
          >
            <ChevronDownIcon />
            <span className="visually-hidden">
              {collapsed
                ? t('board.board.expand', { state: name })
                : t('board.board.collapse', { state: name })}
            </span>
          </button>
        )}
      </header>
      {!collapsed && (
        <>
          <QuickAdd state={state} stateName={name} onQuickAdd={props.onQuickAdd} />
          {pending ? (
            <div className="board-column-loading">
              <Spinner />
            </div>
          ) : (
            <ColumnCards {...props} />
          )}
          {truncated && (
            <p className="board-column-note">{t('board.board.truncated', { count: tasks.length })}</p>
          )}
        </>
      )}
    </section>
  );
}

function ColumnCards({
  tasks,
  workspaceId,
  members,
  due,
  drop,
  activeId,
  liftedId,
  pinnedId,
  hintId,
  onCardKeyDown,
  onCardClick,
}: BoardColumnProps) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const windowed = tasks.length > WINDOW_THRESHOLD;
  const [rowPx] = useState(() => (CARD_REM + GAP_REM) * rootFontPx());
  const range = useWindowRange(scrollRef, tasks.length, rowPx, windowed);

  // Where the insertion line goes, as an index into `tasks` (which still holds the moving card).
  let lineAt: number | null = null;
  if (drop) {
    const others = tasks.filter((task) => task.id !== drop.activeId);
    const next = others[drop.index];
    lineAt = next ? tasks.findIndex((task) => task.id === next.id) : tasks.length;
    // Right before or after itself: no line, nothing would change.
    const own = tasks.findIndex((task) => task.id === drop.activeId);
    if (own >= 0 && (lineAt === own || lineAt === own + 1)) lineAt = null;
  }

  // Keyboard moves (and the focus after a drop) keep the card and the insertion line in view;
  // pointer drags leave scrolling to the drag library's auto-scroll.
  const pinnedIndex = pinnedId ? tasks.findIndex((task) => task.id === pinnedId) : -1;
  const keyboardMode = liftedId !== null || (pinnedId !== null && activeId === null);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const index = lineAt ?? pinnedIndex;
    if (!el || !keyboardMode || index < 0) return;
    if (windowed) {
      const top = index * rowPx;
      if (top < el.scrollTop) el.scrollTop = Math.max(0, top - rowPx / 2);
      else if (top + rowPx > el.scrollTop + el.clientHeight)
        el.scrollTop = top + rowPx - el.clientHeight + rowPx / 2;
      el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    } else {
      const selector = lineAt !== null ? '[data-line]' : `[data-task-id="${CSS.escape(pinnedId ?? '')}"]`;
      el.querySelector(selector)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }, [lineAt, pinnedId, pinnedIndex, keyboardMode, windowed, rowPx]);

  const card = (task: TaskSummary, style?: CSSProperties) => (
    <DraggableCard
      key={task.id}
      task={task}
      workspaceId={workspaceId}
      members={members}
      due={due}
      style={style}
      dragging={activeId === task.id}
      lifted={liftedId === task.id}
      hintId={hintId}
      onKeyDown={onCardKeyDown}
      onClick={onCardClick}
    />
  );

  if (tasks.length === 0) {
    return (
      <div className="board-cards" ref={scrollRef}>
        {lineAt !== null && <div className="drop-line" data-line="" />}
        <p className="board-column-empty">{t('board.board.emptyColumn')}</p>
      </div>
    );
  }

  if (!windowed) {
    const items: ReactNode[] = [];
    tasks.forEach((task, i) => {
      if (lineAt === i) items.push(<div key="line" className="drop-line" data-line="" />);
      items.push(card(task));
    });
    if (lineAt === tasks.length) items.push(<div key="line" className="drop-line" data-line="" />);
    return (
      <div className="board-cards" ref={scrollRef}>
        {items}
      </div>
    );
  }

  const visible = new Set<number>();
  for (let i = range.start; i < range.end; i++) visible.add(i);
  if (pinnedIndex >= 0) visible.add(pinnedIndex);
  return (
    <div className="board-cards is-windowed" ref={scrollRef}>
      <div className="board-cards-track" style={{ height: tasks.length * rowPx }}>
        {[...visible]
          .sort((a, b) => a - b)
          .map((i) => {
            const task = tasks[i];
            return task ? card(task, { position: 'absolute', top: i * rowPx, left: 0, right: 0 }) : null;
          })}
        {lineAt !== null && (
          <div
            className="drop-line is-absolute"
            data-line=""
            style={{ top: lineAt * rowPx - rowPx * 0.04 }}
          />
        )}
      </div>
    </div>
  );
}

function DraggableCard({
  task,
  workspaceId,
  members,
  due,
  style,
  dragging,
  lifted,
  hintId,
  onKeyDown,
  onClick,
}: {
  task: TaskSummary;
  workspaceId: string;
  members: ReadonlyMap<string, Member>;
  due: DueContext;
  style: CSSProperties | undefined;
  dragging: boolean;
  lifted: boolean;
  hintId: string;
  onKeyDown: (task: TaskSummary, event: KeyboardEvent<HTMLAnchorElement>) => void;
  onClick: (event: MouseEvent<HTMLAnchorElement>) => void;
}) {
  const { setNodeRef: setDragRef, listeners } = useDraggable({ id: `drag:${task.id}`, data: { task } });
  const { setNodeRef: setDropRef } = useDroppable({
    id: `card:${task.id}`,
    data: { type: 'card', state: task.state, taskId: task.id },
  });
  return (
    <TaskCard
      task={task}
      workspaceId={workspaceId}
      members={members}
      due={due}
      style={style}
      className={[dragging ? 'is-dragging' : '', lifted ? 'is-lifted' : ''].filter(Boolean).join(' ')}
      cardRef={(node) => {
        setDragRef(node);
        setDropRef(node);
      }}
      dragListeners={listeners}
      describedBy={hintId}
      onLinkKeyDown={(event) => onKeyDown(task, event)}
      onLinkClick={onClick}
    />
  );
}

/** Title only; Enter creates the task in this column. */
function QuickAdd({
  state,
  stateName,
  onQuickAdd,
}: {
  state: TaskState;
  stateName: string;
  onQuickAdd: (state: TaskState, title: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const tooLong = title.length > taskLimits.titleMax;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = title.trim();
    if (!text || tooLong || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onQuickAdd(state, text);
      setTitle('');
    } catch (err) {
      setError(t(errorKey(err)));
    } finally {
      setBusy(false);
    }
  }

  const message = tooLong ? t('validation.tooLong', { max: taskLimits.titleMax }) : error;
  return (
    <form className="quick-add" onSubmit={submit}>
      <input
        className="input input-sm quick-add-input"
        value={title}
        onChange={(event) => {
          setTitle(event.target.value);
          setError(null);
        }}
        placeholder={t('board.board.quickAdd')}
        aria-label={t('board.board.quickAddLabel', { state: stateName })}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? errorId : undefined}
        aria-busy={busy || undefined}
        readOnly={busy}
        enterKeyHint="done"
        data-testid="quick-add-input"
        data-state={state}
      />
      {message && (
        <p className="field-error quick-add-error" id={errorId}>
          {message}
        </p>
      )}
    </form>
  );
}
