import type { ChecklistItem } from '@leeway/core';
import { taskLimits } from '@leeway/core';
import { type DragEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { SopItemMarks } from '../sops/TaskSop.tsx';
import {
  useAddChecklistItem,
  useDeleteChecklistItem,
  useReorderChecklist,
  useUpdateChecklistItem,
} from './hooks.ts';
import { moveItem, progressPercent } from './list-order.ts';
import { useTaskEdit } from './task-edit.ts';

function ChecklistRow({
  item,
  index,
  count,
  onMove,
  onRemoved,
  dragProps,
}: {
  item: ChecklistItem;
  index: number;
  count: number;
  onMove: (from: number, to: number) => void;
  onRemoved: (item: ChecklistItem, index: number) => void;
  dragProps: {
    draggable: boolean;
    onDragStart: (event: DragEvent<HTMLLIElement>) => void;
    onDragOver: (event: DragEvent<HTMLLIElement>) => void;
    onDrop: (event: DragEvent<HTMLLIElement>) => void;
    onDragEnd: () => void;
    className: string;
  };
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const { workspaceId, task } = useTaskEdit();
  const update = useUpdateChecklistItem(workspaceId, task.id);
  const remove = useDeleteChecklistItem(workspaceId, task.id);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(item.text);
  const checkboxId = useId();
  const tooLong = draft.length > taskLimits.checklistTextMax;

  function saveText() {
    const text = draft.trim();
    if (text === '' || tooLong) return;
    if (text === item.text) {
      setEditing(false);
      return;
    }
    update.mutate(
      { itemId: item.id, text },
      {
        onSuccess: () => setEditing(false),
        onError: (error) => toast.error(t(errorKey(error))),
      },
    );
  }

  return (
    <li
      className={`todo-item${item.done ? ' is-done' : ''} ${dragProps.className}`}
      data-testid="checklist-item"
      data-done={item.done}
      data-sop-step={item.sopStep ?? undefined}
      draggable={dragProps.draggable && !editing}
      onDragStart={dragProps.onDragStart}
      onDragOver={dragProps.onDragOver}
      onDrop={dragProps.onDrop}
      onDragEnd={dragProps.onDragEnd}
    >
      <span className="drag-handle" aria-hidden="true" title={t('tasks.checklist.dragHint')}>
        ⋮⋮
      </span>
      <input
        id={checkboxId}
        type="checkbox"
        className="todo-check"
        checked={item.done}
        data-testid="checklist-toggle"
        onChange={(event) =>
          update.mutate(
            { itemId: item.id, done: event.target.checked },
            { onError: (error) => toast.error(t(errorKey(error))) },
          )
        }
      />
      {editing ? (
        <div className="todo-edit">
          <input
            className="input input-sm"
            value={draft}
            aria-label={t('tasks.checklist.editLabel')}
            aria-invalid={tooLong || draft.trim() === '' ? true : undefined}
            // biome-ignore lint/a11y/noAutofocus: the field appears because the person asked to edit this item.
            autoFocus
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                saveText();
              }
              if (event.key === 'Escape') {
                event.preventDefault();
                setDraft(item.text);
                setEditing(false);
              }
            }}
          />
          <Button size="sm" variant="primary" onClick={saveText} pending={update.isPending}>
            {t('common.save')}
          </Button>
          {tooLong && (
            <p className="field-error">{t('validation.tooLong', { max: taskLimits.checklistTextMax })}</p>
          )}
        </div>
      ) : (
        <label htmlFor={checkboxId} className="todo-text">
          {item.text}
          <SopItemMarks item={item} />
        </label>
      )}
      <div className="todo-actions">
        {!editing && (
          <button
            type="button"
            className="icon-button"
            aria-label={t('tasks.checklist.edit', { text: item.text })}
            onClick={() => {
              setDraft(item.text);
              setEditing(true);
            }}
          >
            ✎
          </button>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label={t('tasks.checklist.moveUp', { text: item.text })}
          disabled={index === 0}
          onClick={() => onMove(index, index - 1)}
          data-testid="checklist-up"
        >
          ↑
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={t('tasks.checklist.moveDown', { text: item.text })}
          disabled={index === count - 1}
          onClick={() => onMove(index, index + 1)}
          data-testid="checklist-down"
        >
          ↓
        </button>
        <button
          type="button"
          className="icon-button icon-button-danger"
          aria-label={t('tasks.checklist.remove', { text: item.text })}
          disabled={remove.isPending}
          data-testid="checklist-remove"
          onClick={() =>
            remove.mutate(item.id, {
              onSuccess: () => onRemoved(item, index),
              onError: (error) => toast.error(t(errorKey(error))),
            })
          }
        >
          ×
        </button>
      </div>
    </li>
  );
}

/** The checklist: tick, add, edit, remove, and reorder by dragging or with the arrow buttons. */
export function ChecklistSection() {
  const { t } = useTranslation();
  const toast = useToast();
  const { workspaceId, task } = useTaskEdit();
  const add = useAddChecklistItem(workspaceId, task.id);
  const reorder = useReorderChecklist(workspaceId, task.id);
  const restore = useUpdateChecklistItem(workspaceId, task.id);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dragOver, setDragOver] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [removed, setRemoved] = useState<{ item: ChecklistItem; index: number } | null>(null);
  const undoTimer = useRef<number | undefined>(undefined);

  useEffect(() => () => window.clearTimeout(undoTimer.current), []);

  function onRemoved(item: ChecklistItem, index: number) {
    setRemoved({ item, index });
    window.clearTimeout(undoTimer.current);
    // Long enough to notice and reach the button, short enough not to linger.
    undoTimer.current = window.setTimeout(() => setRemoved(null), 10_000);
  }

  /** Puts a removed item back where it was, ticked if it was. */
  function undo() {
    const last = removed;
    if (!last) return;
    setRemoved(null);
    add.mutate(last.item.text, {
      onSuccess: (created) => {
        const ids = items.map((i) => i.id).filter((itemId) => itemId !== created.id);
        ids.splice(Math.min(last.index, ids.length), 0, created.id);
        reorder.mutate(ids);
        if (last.item.done) restore.mutate({ itemId: created.id, done: true });
      },
      onError: (error) => toast.error(t(errorKey(error))),
    });
  }
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const items = task.checklist;
  const done = items.filter((i) => i.done).length;
  const percent = progressPercent(done, items.length);
  const full = items.length >= taskLimits.checklistMax;

  function move(from: number, to: number) {
    if (to < 0 || to >= items.length || from === to) return;
    const next = moveItem(items, from, to);
    const moved = items[from];
    reorder.mutate(
      next.map((i) => i.id),
      {
        onSuccess: () => {
          if (moved)
            setAnnouncement(
              t('tasks.checklist.moved', { text: moved.text, position: to + 1, total: items.length }),
            );
        },
        onError: (error) => toast.error(t(errorKey(error))),
      },
    );
  }

  function submit() {
    const text = draft.trim();
    if (text === '') {
      setProblem(t('validation.required'));
      return;
    }
    if (text.length > taskLimits.checklistTextMax) {
      setProblem(t('validation.tooLong', { max: taskLimits.checklistTextMax }));
      return;
    }
    add.mutate(text, {
      onSuccess: () => {
        setDraft('');
        setProblem(null);
        inputRef.current?.focus();
      },
      onError: (error) => setProblem(t(errorKey(error))),
    });
  }

  return (
    <section className="task-section" aria-labelledby={`${id}-title`} data-testid="checklist">
      <div className="section-header">
        <h2 id={`${id}-title`} className="section-title">
          {t('tasks.checklist.title')}
        </h2>
        {items.length > 0 && (
          <span className="muted" data-testid="checklist-progress">
            {t('tasks.checklist.progress', { done, total: items.length })}
          </span>
        )}
      </div>
      {items.length > 0 && (
        <div
          className="progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-label={t('tasks.checklist.progressLabel')}
        >
          <span className="progress-bar" style={{ width: `${percent}%` }} />
        </div>
      )}
      {items.length > 0 && (
        <ul className="todo-list">
          {items.map((item, index) => (
            <ChecklistRow
              key={item.id}
              item={item}
              index={index}
              count={items.length}
              onMove={move}
              onRemoved={onRemoved}
              dragProps={{
                draggable: !reorder.isPending,
                className: [
                  dragFrom === index ? 'is-dragging' : '',
                  dragOver === index && dragFrom !== index ? 'is-drop-target' : '',
                ]
                  .filter(Boolean)
                  .join(' '),
                onDragStart: (event) => {
                  event.dataTransfer.effectAllowed = 'move';
                  event.dataTransfer.setData('text/plain', item.id);
                  setDragFrom(index);
                },
                onDragOver: (event) => {
                  if (dragFrom === null) return;
                  event.preventDefault();
                  event.dataTransfer.dropEffect = 'move';
                  setDragOver(index);
                },
                onDrop: (event) => {
                  event.preventDefault();
                  if (dragFrom !== null) move(dragFrom, index);
                  setDragFrom(null);
                  setDragOver(null);
                },
                onDragEnd: () => {
                  setDragFrom(null);
                  setDragOver(null);
                },
              }}
            />
          ))}
        </ul>
      )}
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
      {removed && (
        <div className="undo-bar" role="status">
          <span>{t('tasks.checklist.removed', { text: removed.item.text })}</span>
          <Button size="sm" variant="ghost" onClick={undo} data-testid="checklist-undo">
            {t('tasks.checklist.undo')}
          </Button>
        </div>
      )}
      <form
        className="inline-add"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label className="visually-hidden" htmlFor={`${id}-input`}>
          {t('tasks.checklist.new')}
        </label>
        <input
          ref={inputRef}
          id={`${id}-input`}
          className="input input-sm"
          value={draft}
          placeholder={
            full
              ? t('tasks.checklist.full', { max: taskLimits.checklistMax })
              : t('tasks.checklist.placeholder')
          }
          disabled={full}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
          data-testid="checklist-input"
          onChange={(event) => {
            setDraft(event.target.value);
            setProblem(
              event.target.value.length > taskLimits.checklistTextMax
                ? t('validation.tooLong', { max: taskLimits.checklistTextMax })
                : null,
            );
          }}
        />
        <Button type="submit" size="sm" pending={add.isPending} disabled={full} data-testid="checklist-add">
          {t('tasks.checklist.add')}
        </Button>
      </form>
      {problem && (
        <p className="field-error" id={`${id}-error`}>
          {problem}
        </p>
      )}
    </section>
  );
}
