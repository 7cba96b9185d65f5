import { taskLimits } from '@leeway/core';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { useTaskEdit } from './task-edit.ts';

/**
 * The title as the page heading; "Edit" (or a click on it) turns it into a field. Enter saves,
 * Escape gives up. After a conflict the draft stays, so the person can look and save again.
 */
export function TitleEditor({ headingLevel = 1 }: { headingLevel?: 1 | 2 }) {
  const { t } = useTranslation();
  const { task, save, savingFields } = useTaskEdit();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(task.title);
  const baseRef = useRef(task);
  const inputRef = useRef<HTMLInputElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const errorId = useId();
  const inputId = useId();

  useEffect(() => {
    if (editing) inputRef.current?.focus();
  }, [editing]);

  const trimmed = draft.trim();
  const problem =
    trimmed === ''
      ? t('validation.required')
      : draft.length > taskLimits.titleMax
        ? t('validation.tooLong', { max: taskLimits.titleMax })
        : null;

  function start() {
    baseRef.current = task;
    setDraft(task.title);
    setEditing(true);
  }

  function stop() {
    setEditing(false);
    requestAnimationFrame(() => editButtonRef.current?.focus());
  }

  function submit() {
    if (problem) {
      inputRef.current?.focus();
      return;
    }
    if (trimmed === task.title) {
      stop();
      return;
    }
    save({ title: trimmed }, baseRef.current, {
      onSuccess: stop,
      onConflict: (current) => {
        baseRef.current = current;
      },
    });
  }

  const Heading = headingLevel === 1 ? 'h1' : 'h2';

  if (!editing) {
    return (
      <div className="task-title-row">
        <Heading className="task-title" data-testid="task-title">
          {task.title}
        </Heading>
        <button
          ref={editButtonRef}
          type="button"
          className="button button-ghost button-sm title-edit"
          onClick={start}
          aria-label={t('tasks.title.edit')}
          data-testid="task-title-edit"
        >
          <span aria-hidden="true">✎</span>
          <span className="edit-label">{t('tasks.title.editShort')}</span>
        </button>
      </div>
    );
  }

  return (
    <form
      className="task-title-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label className="visually-hidden" htmlFor={inputId}>
        {t('tasks.fields.title')}
      </label>
      <input
        ref={inputRef}
        id={inputId}
        className="input task-title-input"
        value={draft}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        data-testid="task-title-input"
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            stop();
          }
        }}
      />
      {problem && (
        <p className="field-error" id={errorId}>
          {problem}
        </p>
      )}
      <div className="form-actions">
        <Button
          type="submit"
          size="sm"
          variant="primary"
          pending={savingFields.has('title')}
          data-testid="task-title-save"
        >
          {t('common.save')}
        </Button>
        <Button size="sm" variant="ghost" onClick={stop}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
