import { taskLimits } from '@leeway/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chip } from '../../ui/Chip.tsx';
import { useLabelNames } from './hooks.ts';
import { cleanLabel, labelProblem, labelSuggestions } from './labels.ts';
import { useTaskEdit } from './task-edit.ts';

/** Labels as chips; new ones typed with suggestions from the labels already in use. */
export function LabelsField() {
  const { t } = useTranslation();
  const { workspaceId, task, save, savingFields } = useTaskEdit();
  const names = useLabelNames(workspaceId);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const listId = useId();
  const errorId = useId();
  const suggestions = labelSuggestions(names.data ?? [], task.labels);

  function problemText(code: NonNullable<ReturnType<typeof labelProblem>>): string {
    switch (code) {
      case 'required':
        return t('validation.required');
      case 'tooLong':
        return t('validation.tooLong', { max: taskLimits.labelMax });
      case 'comma':
        return t('tasks.labels.noComma');
      case 'duplicate':
        return t('tasks.labels.duplicate');
      case 'tooMany':
        return t('tasks.labels.tooMany', { max: taskLimits.labelsMax });
    }
  }

  function add() {
    const code = labelProblem(draft, task.labels);
    if (code) {
      setProblem(problemText(code));
      return;
    }
    // Reuse the spelling already in use ("Finance", not "finance").
    const label = cleanLabel(draft);
    const known = (names.data ?? []).find((n) => n.toLocaleLowerCase() === label.toLocaleLowerCase());
    save({ labels: [...task.labels, known ?? label] }, task, {
      onSuccess: () => {
        setDraft('');
        setProblem(null);
      },
    });
  }

  return (
    <div className="detail-row">
      <label className="detail-label" htmlFor={inputId}>
        {t('tasks.fields.labels')}
      </label>
      <div className="detail-value stack-sm">
        {task.labels.length > 0 && (
          <ul className="chip-list" aria-label={t('tasks.fields.labels')}>
            {task.labels.map((label) => (
              <Chip
                key={label}
                label={label}
                removeLabel={t('tasks.labels.remove', { label })}
                disabled={savingFields.has('labels')}
                onRemove={() => save({ labels: task.labels.filter((l) => l !== label) }, task)}
                testId="task-label"
              />
            ))}
          </ul>
        )}
        <div className="inline-add">
          <input
            id={inputId}
            className="input input-sm"
            value={draft}
            list={listId}
            placeholder={t('tasks.labels.placeholder')}
            autoComplete="off"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? errorId : undefined}
            data-testid="task-label-input"
            onChange={(event) => {
              setDraft(event.target.value);
              setProblem(null);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
          <button
            type="button"
            className="button button-secondary button-sm"
            disabled={savingFields.has('labels')}
            onClick={add}
            data-testid="task-label-add"
          >
            {t('tasks.labels.add')}
          </button>
        </div>
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        {problem && (
          <p className="field-error" id={errorId}>
            {problem}
          </p>
        )}
      </div>
    </div>
  );
}
