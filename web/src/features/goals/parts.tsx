import type { GoalStatus, MissionProgress, MissionStatus } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { normalizeFieldPath } from '../../lib/errors.ts';

/** A goal's status as a coloured chip with its word (colour is never the only signal). */
export function GoalStatusBadge({ status }: { status: GoalStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge gol-status gol-status-${status}`} data-testid="goal-status">
      {t(`goals.status.${status}`)}
    </span>
  );
}

export function MissionStatusBadge({ status }: { status: MissionStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-neutral gol-mission-${status}`}>
      {t(`goals.missions.status.${status}`)}
    </span>
  );
}

/** Done of total as a bar, with the numbers in words beside it and for screen readers. */
export function MissionProgressBar({ progress }: { progress: MissionProgress }) {
  const { t } = useTranslation();
  const done = progress.tasksDone;
  const total = progress.tasksTotal;
  return (
    <div className="gol-progress" data-testid="mission-progress">
      <div
        className="gol-progress-track"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-label={t('goals.missions.progressLabel', { done, total })}
      >
        <div className="gol-progress-fill" style={{ width: `${progress.percent}%` }} />
      </div>
      <span className="muted gol-progress-text">
        {t('goals.missions.progress', { done, total })}
        {progress.tasksProposed > 0 &&
          ` · ${t('goals.missions.proposed', { count: progress.tasksProposed })}`}
      </span>
    </div>
  );
}

export type ProblemKind = 'required' | 'tooLong' | 'invalid';

/** The server's field issues by top-level field name, as the kind of message a form shows. */
export function serverProblems(error: unknown): Record<string, ProblemKind> {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return {};
  const result: Record<string, ProblemKind> = {};
  for (const issue of error.fields) {
    const field = normalizeFieldPath(issue.field);
    const code = (issue as { code?: string }).code;
    result[field] = code === 'required' ? 'required' : code === 'too_long' ? 'tooLong' : 'invalid';
  }
  return result;
}
