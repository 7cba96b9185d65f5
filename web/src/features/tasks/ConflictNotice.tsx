import type { Task } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { summarizeConflict, type TaskPatch } from './conflict.ts';
import { useTaskEdit } from './task-edit.ts';
import { useValueText } from './use-value-text.ts';

export interface ConflictState {
  /** The task as the person saw it when they started the edit. */
  base: Task;
  /** The task as the server has it now (sent with the 409). */
  current: Task;
  attempted: TaskPatch;
}

/**
 * Shown instead of overwriting: what the other person changed (with their values), what this
 * person tried, and a choice. Text being typed stays in its editor meanwhile.
 */
export function ConflictNotice({
  conflict,
  onReapply,
  onDismiss,
  pending,
}: {
  conflict: ConflictState;
  onReapply: () => void;
  onDismiss: () => void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const { members, areas, timeZone } = useTaskEdit();
  const valueText = useValueText(members, areas, timeZone);
  const { theirs, mine } = summarizeConflict(conflict.base, conflict.current, conflict.attempted);

  return (
    <div className="conflict-notice" role="alert" data-testid="conflict-notice">
      <p className="conflict-title">{t('tasks.conflict.title')}</p>
      {theirs.length > 0 && (
        <>
          <p>{t('tasks.conflict.theirs')}</p>
          <dl className="conflict-values">
            {theirs.map((field) => (
              <div key={field} className="conflict-pair">
                <dt>{t(`tasks.fields.${field}`)}</dt>
                <dd>{valueText(field, conflict.current[field])}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {mine.length > 0 ? (
        <>
          <p>{t('tasks.conflict.mine')}</p>
          <dl className="conflict-values">
            {mine.map((field) => (
              <div key={field} className="conflict-pair">
                <dt>{t(`tasks.fields.${field}`)}</dt>
                <dd>{valueText(field, conflict.attempted[field])}</dd>
              </div>
            ))}
          </dl>
          <p className="muted">{t('tasks.conflict.draftKept')}</p>
        </>
      ) : (
        <p>{t('tasks.conflict.alreadyThere')}</p>
      )}
      <div className="form-actions">
        {mine.length > 0 && (
          <Button
            variant="primary"
            size="sm"
            onClick={onReapply}
            pending={pending}
            data-testid="conflict-reapply"
          >
            {t('tasks.conflict.reapply')}
          </Button>
        )}
        <Button size="sm" onClick={onDismiss} data-testid="conflict-dismiss">
          {mine.length > 0 ? t('tasks.conflict.keepTheirs') : t('tasks.conflict.ok')}
        </Button>
      </div>
    </div>
  );
}
