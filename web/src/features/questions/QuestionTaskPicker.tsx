import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { FieldFrame } from '../../ui/Field.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { useTaskSearch } from '../lessons/hooks.ts';

/** Picks the task a question is about by searching its title; results are buttons, reachable by Tab. */
export function QuestionTaskPicker({
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
      <FieldFrame
        id={id}
        label={t('questions.fields.task')}
        error={error}
        hint={t('questions.ask.blocksHint')}
      >
        <div className="qst-picked" id={id}>
          <span className="qst-picked-title">{taskTitle || t('questions.ask.linkedTask')}</span>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => onChange('', '')}
            data-testid="question-task-clear"
          >
            {t('questions.ask.unlinkTask')}
          </Button>
        </div>
      </FieldFrame>
    );

  const items = results.data?.items ?? [];
  return (
    <FieldFrame
      id={id}
      label={t('questions.fields.task')}
      error={error}
      hint={t('questions.ask.taskHint')}
      optional
    >
      <input
        id={id}
        type="search"
        className="input"
        value={q}
        data-testid="question-task-search"
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
        onChange={(event) => setQ(event.target.value)}
        onKeyDown={(event) => {
          // Enter in a search box must not send the whole question.
          if (event.key === 'Enter') event.preventDefault();
        }}
      />
      {q.trim().length >= 2 && (
        <div className="qst-task-results" aria-live="polite">
          {results.isFetching && items.length === 0 ? (
            <Spinner size="sm" />
          ) : results.isError ? (
            <p className="muted">{t('questions.ask.taskSearchFailed')}</p>
          ) : items.length === 0 ? (
            <p className="muted">{t('questions.ask.noTasks')}</p>
          ) : (
            <ul className="qst-task-list">
              {items.map((task) => (
                <li key={task.id}>
                  <button
                    type="button"
                    className="qst-task-option"
                    data-testid="question-task-option"
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
