import type { Area, TaskSummary, Workspace } from '@leeway/core';
import type { TFunction } from 'i18next';
import {
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { useAreas } from '../areas/hooks.ts';
import { useMyAutonomy } from '../autonomy/hooks.ts';
import { openCreateTask } from '../board/create-task-store.ts';
import { useTaskSearch } from '../tasks/TaskPicker.tsx';
import { useWorkspaces } from '../workspaces/hooks.ts';
import {
  accountScreens,
  flattenGroups,
  isApplePlatform,
  isMoveKey,
  isPaletteShortcut,
  maxTaskResults,
  minTaskQuery,
  moveActive,
  type PaletteGroup,
  paletteKeys,
  rankByLabel,
  screensFor,
} from './palette-items.ts';
import './palette.css';

type GroupId = 'screens' | 'actions' | 'workspaces' | 'tasks';

interface PaletteOption {
  key: string;
  /** What typed text is matched against (tasks: the server already matched them). */
  label: string;
  /** What the option shows, when it differs from the label. */
  text?: string;
  detail?: string;
  run: () => void;
}

/** How long typing pauses before the task search asks the server. */
const DEBOUNCE_MS = 150;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function apple(): boolean {
  return typeof navigator !== 'undefined' && isApplePlatform(navigator.userAgent);
}

const SearchIcon = () => (
  <svg
    className="icon"
    viewBox="0 0 24 24"
    width={20}
    height={20}
    fill="none"
    stroke="currentColor"
    strokeWidth="1.8"
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    <circle cx="11" cy="11" r="6.5" />
    <path d="m16 16 4.5 4.5" />
  </svg>
);

/**
 * The command palette (DESIGN §14): a button in the top bar and Ctrl/⌘-K open a search over
 * every screen this member may open, their workspaces and the tasks they may see by title.
 * A native modal <dialog> keeps focus inside and everything else inert while it is open.
 */
export function CommandPalette({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const [keys] = useState(() => paletteKeys(apple()));

  const show = useCallback(() => {
    const active = document.activeElement;
    returnTo.current = active instanceof HTMLElement ? active : null;
    setOpen(true);
  }, []);
  const hide = useCallback(() => setOpen(false), []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat || !isPaletteShortcut(event)) return;
      // Another dialog owns the keyboard; the palette waits until it is closed.
      const others = [...document.querySelectorAll('dialog[open]')].some((d) => d !== dialogRef.current);
      if (others) return;
      // Ctrl-K would otherwise move focus to the browser's address bar.
      event.preventDefault();
      if (dialogRef.current?.open) setOpen(false);
      else show();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [show]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    // A click on the backdrop lands on the <dialog> itself (its content covers the rest); a
    // press that started inside (selecting text, say) and ended outside does not count.
    let downOnBackdrop = false;
    const onDown = (event: MouseEvent) => {
      downOnBackdrop = event.target === dialog;
    };
    const onClick = (event: MouseEvent) => {
      if (downOnBackdrop && event.target === dialog) setOpen(false);
      downOnBackdrop = false;
    };
    dialog.addEventListener('mousedown', onDown);
    dialog.addEventListener('click', onClick);
    return () => {
      dialog.removeEventListener('mousedown', onDown);
      dialog.removeEventListener('click', onClick);
    };
  }, []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      dialog.querySelector<HTMLInputElement>('input')?.focus();
    }
    if (!open && dialog.open) {
      dialog.close();
      // Back to where the member was, unless the chosen item took them away from it.
      const back = returnTo.current;
      returnTo.current = null;
      if (back?.isConnected) back.focus();
    }
  }, [open]);

  return (
    <>
      <button
        type="button"
        className="palette-trigger"
        data-testid="palette-open"
        aria-keyshortcuts="Control+K Meta+K"
        aria-haspopup="dialog"
        title={t('palette.openLabel')}
        onClick={show}
      >
        <SearchIcon />
        <span className="palette-trigger-text">{t('palette.open')}</span>
        <kbd className="palette-trigger-keys">{keys[0] === '⌘' ? keys.join('') : keys.join(' ')}</kbd>
      </button>
      <dialog
        ref={dialogRef}
        className="dialog palette"
        aria-label={t('palette.title')}
        data-testid="command-palette"
        onCancel={(event) => {
          event.preventDefault();
          hide();
        }}
      >
        {open && <PaletteBody workspace={workspace} onClose={hide} />}
      </dialog>
    </>
  );
}

function areaText(t: TFunction, areas: readonly Area[] | undefined, task: TaskSummary) {
  if (task.areaId === null) return t('tasks.noArea');
  const area = areas?.find((a) => a.id === task.areaId);
  if (!area) return t('tasks.unknownArea');
  return area.archivedAt ? t('tasks.archivedArea', { name: area.name }) : area.name;
}

function PaletteBody({ workspace, onClose }: { workspace: Workspace; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const debounced = useDebounced(query.trim(), DEBOUNCE_MS);
  const searching = debounced.length >= minTaskQuery;
  // The server applies the visibility rules: only tasks this member may see come back.
  const search = useTaskSearch(workspace.id, searching ? debounced : '');
  const areas = useAreas(workspace.id, true);
  const workspaces = useWorkspaces();
  const isOwner = workspace.role === 'owner';
  // Same rule as the navigation: assistants at level 5 somewhere review others' work there.
  const mine = useMyAutonomy(workspace.id, !isOwner);
  const reviews = (mine.data ?? []).some((cell) => cell.grant.effectiveLevel === 5);
  const base = `/w/${workspace.id}`;

  const choose = (run: () => void) => {
    onClose();
    run();
  };

  const screens: PaletteOption[] = [
    ...screensFor(workspace.role, reviews).map((screen) => ({
      key: `screen-${screen.id}`,
      label: t(screen.labelKey),
      run: () => void navigate(screen.path ? `${base}/${screen.path}` : base),
    })),
    ...accountScreens.map((screen) => ({
      key: `screen-${screen.id}`,
      label: t(screen.labelKey),
      run: () => void navigate(screen.href),
    })),
  ];
  const actions: PaletteOption[] = [
    { key: 'action-new-task', label: t('palette.newTask'), run: () => openCreateTask() },
  ];
  const others: PaletteOption[] = [...(workspaces.data ?? [])]
    .filter((w) => w.id !== workspace.id)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((w) => ({
      key: `workspace-${w.id}`,
      label: w.name,
      text: t('palette.switchTo', { name: w.name }),
      detail: t(`roles.${w.role}`),
      run: () => void navigate(`/w/${w.id}`),
    }));
  const settled = searching && debounced === query.trim();
  const tasks: PaletteOption[] =
    settled && search.data
      ? search.data.items.slice(0, maxTaskResults).map((task) => ({
          key: `task-${task.id}`,
          label: task.title,
          detail: t('palette.taskMeta', {
            area: areaText(t, areas.data, task),
            state: t(`tasks.states.${task.state}`),
          }),
          run: () => void navigate(`${base}/tasks/${task.id}`),
        }))
      : [];

  const groups: PaletteGroup<PaletteOption, GroupId>[] = [
    { id: 'screens', options: rankByLabel(screens, query) },
    { id: 'actions', options: rankByLabel(actions, query) },
    { id: 'workspaces', options: rankByLabel(others, query) },
    { id: 'tasks', options: tasks },
  ];
  const { groups: shown, options } = flattenGroups(groups);
  const activeIndex = options.length === 0 ? -1 : Math.min(active, options.length - 1);
  const optionId = (index: number) => `${listId}-option-${index}`;
  const loading = query.trim().length >= minTaskQuery && (!settled || search.isFetching);
  const failed = settled && search.isError && !search.isFetching;

  useEffect(() => {
    if (activeIndex < 0) return;
    document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  });

  const onKeyDown = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (isMoveKey(event.key)) {
      if (options.length === 0) return;
      event.preventDefault();
      setActive(moveActive(activeIndex, options.length, event.key));
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      const option = options[activeIndex];
      if (option) choose(option.run);
    }
  };

  let index = 0;
  let status: ReactNode = null;
  if (failed) {
    status = (
      <div className="palette-state" role="alert">
        <span>
          {t('palette.searchFailed')} {t(errorKey(search.error))}
        </span>
        <Button size="sm" onClick={() => void search.refetch()}>
          {t('common.retry')}
        </Button>
      </div>
    );
  } else if (loading) {
    status = (
      <div className="palette-state">
        <Spinner size="sm" label={t('palette.searching')} />
        <span aria-hidden="true">{t('palette.searching')}</span>
      </div>
    );
  } else if (options.length === 0) {
    status = (
      <div className="palette-state palette-empty" data-testid="palette-empty">
        <strong>{t('palette.empty', { query: query.trim() })}</strong>
        <span className="muted">{t('palette.emptyHint')}</span>
      </div>
    );
  }

  return (
    <div className="palette-content">
      <div className="palette-search">
        <SearchIcon />
        <input
          className="palette-input"
          type="text"
          role="combobox"
          aria-label={t('palette.inputLabel')}
          aria-expanded={options.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          placeholder={t('palette.placeholder')}
          data-testid="palette-input"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <Button size="sm" variant="ghost" className="palette-close" onClick={onClose}>
          {t('palette.close')}
        </Button>
      </div>
      <div id={listId} role="listbox" aria-label={t('palette.listLabel')} className="palette-list">
        {shown.map((group) => (
          // biome-ignore lint/a11y/useSemanticElements: a grouped listbox (ARIA) groups options, not form controls.
          <div
            key={group.id}
            role="group"
            aria-labelledby={`${listId}-${group.id}`}
            className="palette-group"
          >
            <div id={`${listId}-${group.id}`} role="presentation" className="palette-heading">
              {t(`palette.groups.${group.id}`)}
            </div>
            {group.options.map((option) => {
              const at = index++;
              return (
                <div
                  key={option.key}
                  id={optionId(at)}
                  role="option"
                  aria-selected={at === activeIndex}
                  tabIndex={-1}
                  className="palette-option"
                  data-testid="palette-option"
                  data-key={option.key}
                  // Keep focus in the input: the listbox is driven from there.
                  onMouseDown={(event) => event.preventDefault()}
                  onMouseMove={() => {
                    if (at !== activeIndex) setActive(at);
                  }}
                  onClick={() => choose(option.run)}
                  // Options are driven from the input; this serves screen readers' browse mode.
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') choose(option.run);
                  }}
                >
                  <span className="palette-option-text">{option.text ?? option.label}</span>
                  {option.detail && <span className="palette-option-detail">{option.detail}</span>}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      {status}
      <p className="visually-hidden" aria-live="polite">
        {loading ? '' : t('palette.results', { count: options.length })}
      </p>
      <p className="palette-keys muted" aria-hidden="true">
        {t('palette.keys')}
      </p>
    </div>
  );
}
