import type { FollowUp, Member } from '@leeway/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { useOpenFollowUps } from './hooks.ts';

/** Open follow-ups across all lessons, overdue ones first and marked. */
export function OpenFollowUps({
  workspaceId,
  members,
  timeZone,
}: {
  workspaceId: string;
  members: Map<string, Member>;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  const [mine, setMine] = useState(false);
  const followUps = useOpenFollowUps(workspaceId, mine);
  const mineToggle = (
    <label className="check lsn-filter-check">
      <input
        type="checkbox"
        checked={mine}
        data-testid="followups-mine"
        onChange={(event) => setMine(event.target.checked)}
      />
      {t('lessons.followUps.mineOnly')}
    </label>
  );
  if (followUps.isPending)
    return (
      <div className="stack-sm">
        {mineToggle}
        <Spinner />
      </div>
    );
  if (followUps.isError)
    return (
      <ErrorState
        message={t(errorKey(followUps.error))}
        onRetry={() => void followUps.refetch()}
        retrying={followUps.isFetching}
      />
    );
  const list: FollowUp[] = [...followUps.data].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt),
  );
  const overdue = list.filter((f) => f.overdue).length;
  if (list.length === 0)
    return (
      <div className="stack-sm">
        {mineToggle}
        <p className="muted">{mine ? t('lessons.followUps.noneMine') : t('lessons.followUps.noneOpen')}</p>
      </div>
    );
  return (
    <div className="stack-sm">
      {mineToggle}
      <p className={overdue > 0 ? 'lsn-overdue-text' : 'muted'}>
        {t('lessons.followUps.openSummary', { count: list.length })}
        {overdue > 0 && ` · ${t('lessons.followUps.overdueCount', { count: overdue })}`}
      </p>
      <ul className="list lsn-followups">
        {list.map((f) => (
          <li
            key={f.id}
            className={`list-row lsn-followup${f.overdue ? ' lsn-late' : ''}`}
            data-testid="open-followup-row"
            data-overdue={f.overdue ? 'true' : 'false'}
          >
            <div className="lsn-followup-main">
              <Link to={`/w/${workspaceId}/lessons/${f.lessonId}`} className="lsn-followup-title">
                {f.title}
              </Link>
              <span className="muted lsn-followup-meta">
                {t(`lessons.followUpKinds.${f.kind}`)} ·{' '}
                {f.ownerId
                  ? (members.get(f.ownerId)?.name ?? t('lessons.formerMember'))
                  : t('lessons.noOwner')}{' '}
                · {t('lessons.followUps.due', { date: formatDate(f.dueAt, i18n.language, timeZone) })}
              </span>
            </div>
            {f.overdue && <span className="badge lsn-overdue">{t('lessons.followUps.overdue')}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
