import { lazy, Suspense, useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { type NavigateFunction, useLocation, useNavigate } from 'react-router';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { PaletteShortcutRow } from '../palette/PaletteShortcutRow.tsx';
import { closeCreateTask, openCreateTask, useCreateTaskRequest } from './create-task-store.ts';
import { parseFilters } from './filters.ts';
import './dialogs.css';

// The dialog (and its form code) loads the first time someone creates a task.
const CreateTaskDialog = lazy(() =>
  import('./CreateTaskDialog.tsx').then((m) => ({ default: m.CreateTaskDialog })),
);

type ShortcutLabel =
  | 'newTask'
  | 'board'
  | 'list'
  | 'week'
  | 'calendar'
  | 'inbox'
  | 'search'
  | 'help'
  | 'close';

export interface Shortcut {
  /** One key, or `g` followed by a key. */
  keys: readonly string[];
  label: ShortcutLabel;
  run?: () => void;
}

/** Selector of the search box `/` focuses; a page with a search box marks it so. */
export const SEARCH_SELECTOR = '[data-shortcut="search"]';

/** The workspace's shortcuts, in the order the help overlay lists them. */
export function workspaceShortcuts(
  workspaceId: string,
  navigate: NavigateFunction,
  showHelp: () => void,
): Shortcut[] {
  const go = (path: string) => () => void navigate(`/w/${workspaceId}/${path}`);
  return [
    { keys: ['c'], label: 'newTask', run: () => openCreateTask() },
    { keys: ['g', 'b'], label: 'board', run: go('board') },
    { keys: ['g', 'l'], label: 'list', run: go('list') },
    { keys: ['g', 'w'], label: 'week', run: go('week') },
    { keys: ['g', 'c'], label: 'calendar', run: go('calendar') },
    { keys: ['g', 'i'], label: 'inbox', run: go('inbox') },
    {
      keys: ['/'],
      label: 'search',
      run: () => {
        const input = document.querySelector<HTMLInputElement>(SEARCH_SELECTOR);
        if (input) {
          input.focus();
          input.select();
        } else {
          void navigate(`/w/${workspaceId}/list`, { state: { focusSearch: true } });
        }
      },
    },
    { keys: ['?'], label: 'help', run: showHelp },
    // Listed for completeness: dialogs and overlays close on Escape by themselves.
    { keys: ['Escape'], label: 'close' },
  ];
}

/** Keys typed into a field are text, not commands. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(
      target.type,
    );
  }
  return false;
}

/** How long `g` waits for its second key. */
const SEQUENCE_MS = 1500;

let helpOpen = false;
const helpListeners = new Set<() => void>();
function setHelpOpen(open: boolean) {
  helpOpen = open;
  for (const listener of helpListeners) listener();
}

/** Opens the shortcut overlay from a button (the `?` key does the same). */
export function openShortcutHelp(): void {
  setHelpOpen(true);
}

function useHelpOpen(): boolean {
  return useSyncExternalStore(
    (listener) => {
      helpListeners.add(listener);
      return () => {
        helpListeners.delete(listener);
      };
    },
    () => helpOpen,
    () => false,
  );
}

/**
 * Mounted once by the workspace layout: listens for the shortcuts and renders what they open
 * (the "New task" dialog, the help overlay).
 */
export function WorkspaceShortcuts({ workspaceId }: { workspaceId: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  const request = useCreateTaskRequest();
  const showHelp = useHelpOpen();
  const pendingG = useRef(0);
  const shortcutsRef = useRef<Shortcut[]>([]);
  shortcutsRef.current = workspaceShortcuts(workspaceId, navigate, () => setHelpOpen(true));

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      if (isTypingTarget(event.target)) return;
      // An open dialog owns the keyboard.
      if (document.querySelector('dialog[open]')) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      const shortcuts = shortcutsRef.current;
      if (pendingG.current && Date.now() - pendingG.current < SEQUENCE_MS) {
        pendingG.current = 0;
        const hit = shortcuts.find((s) => s.keys.length === 2 && s.keys[1] === key);
        if (hit?.run) {
          event.preventDefault();
          hit.run();
        }
        return;
      }
      if (key === 'g') {
        pendingG.current = Date.now();
        return;
      }
      const hit = shortcuts.find((s) => s.keys.length === 1 && s.keys[0] === (event.key === '?' ? '?' : key));
      if (hit?.run) {
        event.preventDefault();
        hit.run();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const area = parseFilters(new URLSearchParams(location.search)).area;
  return (
    <>
      <ShortcutHelp open={showHelp} onClose={() => setHelpOpen(false)} shortcuts={shortcutsRef.current} />
      {request && (
        <Suspense fallback={null}>
          <CreateTaskDialog
            workspaceId={workspaceId}
            preset={request}
            filterAreaId={area === 'inbox' ? null : area}
            onClose={closeCreateTask}
          />
        </Suspense>
      )}
    </>
  );
}

function Keys({ keys }: { keys: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <span className="shortcut-keys">
      {keys.map((key, i) => (
        <span key={key}>
          {i > 0 && <span className="shortcut-then"> {t('board.shortcuts.then')} </span>}
          <kbd>{key === 'Escape' ? 'Esc' : key === ' ' ? t('board.shortcuts.space') : key.toUpperCase()}</kbd>
        </span>
      ))}
    </span>
  );
}

function ShortcutHelp({
  open,
  onClose,
  shortcuts,
}: {
  open: boolean;
  onClose: () => void;
  shortcuts: readonly Shortcut[];
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      title={t('board.shortcuts.title')}
      onClose={onClose}
      footer={
        <Button onClick={onClose} autoFocus>
          {t('board.shortcuts.closeButton')}
        </Button>
      }
    >
      <div data-testid="shortcut-help" className="shortcut-help">
        <table className="shortcut-table">
          <tbody>
            {shortcuts.map((s) => (
              <tr key={s.keys.join(' ')}>
                <th scope="row">{t(`board.shortcuts.${s.label}`)}</th>
                <td>
                  <Keys keys={s.keys} />
                </td>
              </tr>
            ))}
            <PaletteShortcutRow />
          </tbody>
        </table>
        <h3 className="shortcut-subtitle">{t('board.shortcuts.boardTitle')}</h3>
        <table className="shortcut-table">
          <tbody>
            <tr>
              <th scope="row">{t('board.shortcuts.pickUp')}</th>
              <td>
                <Keys keys={[' ']} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t('board.shortcuts.moveCard')}</th>
              <td>
                <span className="shortcut-keys">
                  <kbd>↑</kbd> <kbd>↓</kbd> <kbd>←</kbd> <kbd>→</kbd>
                </span>
              </td>
            </tr>
            <tr>
              <th scope="row">{t('board.shortcuts.drop')}</th>
              <td>
                <span className="shortcut-keys">
                  <kbd>{t('board.shortcuts.space')}</kbd> / <kbd>Enter</kbd>
                </span>
              </td>
            </tr>
          </tbody>
        </table>
        <p className="muted">{t('board.shortcuts.hint')}</p>
      </div>
    </Dialog>
  );
}
