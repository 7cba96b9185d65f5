import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { FieldFrame } from '../../ui/Field.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { useTaskSearch } from './hooks.ts';

/** Links a task by searching its title; the choice is a list of buttons, reachable by Tab. */
export function TaskPicker({
  workspaceId,
  taskId,
  taskTitle,
  error,
  onChange,
}: {
  workspaceId: string;
  taskId: string;
  taskTitle: string;
  error?: string | undefined;
  onChange: (taskId: string, taskTitle: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const results = useTaskSearch(workspaceId, q);

  if (taskId)
    return (
      <FieldFrame id={id} label={t('lessons.fields.task')} error={error}>
        <div className="lsn-picked" id={id}>
          <span className="lsn-picked-title">{taskTitle || t('lessons.form.linkedTask')}</span>
          <Button size="sm" variant="ghost" onClick={() => onChange('', '')} data-testid="lesson-task-clear">
            {t('lessons.form.unlinkTask')}
          </Button>
        </div>
      </FieldFrame>
    );

  const items = results.data?.items ?? [];
  return (
    <FieldFrame
      id={id}
      label={t('lessons.fields.task')}
      error={error}
      hint={t('lessons.form.taskHint')}
      optional
    >
      <input
        id={id}
        type="search"
        className="input"
        value={q}
        data-testid="lesson-task-search"
        aria-describedby={`${id}-hint`}
        onChange={(event) => setQ(event.target.value)}
        onKeyDown={(event) => {
          // Enter in a search box must not submit the whole lesson.
          if (event.key === 'Enter') event.preventDefault();
        }}
      />
      {q.trim().length >= 2 && (
        <div className="lsn-task-results" aria-live="polite">
          {results.isFetching && items.length === 0 ? (
            <Spinner size="sm" />
          ) : results.isError ? (
            <p className="muted">{t('lessons.form.taskSearchFailed')}</p>
          ) : items.length === 0 ? (
            <p className="muted">{t('lessons.form.noTasks')}</p>
          ) : (
            <ul className="lsn-task-list">
              {items.map((task) => (
                <li key={task.id}>
                  <button
                    type="button"
                    className="lsn-task-option"
                    data-testid="lesson-task-option"
                    onClick={() => {
                      onChange(task.id, task.title);
                      setQ('');
                    }}
                  >
                    {task.title}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </FieldFrame>
  );
}
