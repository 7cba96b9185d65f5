import type { TaskPage } from '@leeway/core';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, seg } from '../../lib/api.ts';
import { Button } from '../../ui/Button.tsx';
import { FieldFrame } from '../../ui/Field.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { taskKeys } from './queries.ts';
import './controls.css';

/** Tasks whose title matches `q` (two characters or more), as the caller may see them. */
export function useTaskSearch(workspaceId: string, q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: [...taskKeys.lists(workspaceId), 'search', text] as const,
    queryFn: ({ signal }) =>
      api.get<TaskPage>(
        `/workspaces/${seg(workspaceId)}/tasks?${new URLSearchParams({ q: text, limit: '10' })}`,
        { signal },
      ),
    enabled: text.length >= 2,
    staleTime: 30_000,
  });
}

/** The words around the picker, from the feature that uses it. */
export interface TaskPickerTexts {
  label: string;
  hint: string;
  /** Under the chosen task (e.g. "asking blocks this task"); none when absent. */
  pickedHint?: string;
  linked: string;
  unlink: string;
  searchFailed: string;
  noTasks: string;
}

/**
 * Links a task by searching its title; the choice is a list of buttons, reachable by Tab.
 * Lessons, questions and agenda items use it; `testIdPrefix` keeps their test ids apart.
 */
export function TaskPicker({
  workspaceId,
  taskId,
  taskTitle,
  error,
  onChange,
  texts,
  testIdPrefix,
}: {
  workspaceId: string;
  taskId: string;
  taskTitle: string;
  error?: string | undefined;
  onChange: (taskId: string, taskTitle: string) => void;
  texts: TaskPickerTexts;
  testIdPrefix: string;
}) {
  const id = useId();
  const [q, setQ] = useState('');
  const results = useTaskSearch(workspaceId, q);

  if (taskId)
    return (
      <FieldFrame id={id} label={texts.label} error={error} hint={texts.pickedHint}>
        <div className="task-picked" id={id}>
          <span className="task-picked-title">{taskTitle || texts.linked}</span>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => onChange('', '')}
            data-testid={`${testIdPrefix}-task-clear`}
          >
            {texts.unlink}
          </Button>
        </div>
      </FieldFrame>
    );

  const items = results.data?.items ?? [];
  return (
    <FieldFrame id={id} label={texts.label} error={error} hint={texts.hint} optional>
      <input
        id={id}
        type="search"
        className="input"
        value={q}
        data-testid={`${testIdPrefix}-task-search`}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
        onChange={(event) => setQ(event.target.value)}
        onKeyDown={(event) => {
          // Enter in a search box must not submit the form around it.
          if (event.key === 'Enter') event.preventDefault();
        }}
      />
      {q.trim().length >= 2 && (
        <div className="task-picker-results" aria-live="polite">
          {results.isFetching && items.length === 0 ? (
            <Spinner size="sm" />
          ) : results.isError ? (
            <p className="muted">{texts.searchFailed}</p>
          ) : items.length === 0 ? (
            <p className="muted">{texts.noTasks}</p>
          ) : (
            <ul className="task-picker-list">
              {items.map((task) => (
                <li key={task.id}>
                  <button
                    type="button"
                    className="task-picker-option"
                    data-testid={`${testIdPrefix}-task-option`}
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
