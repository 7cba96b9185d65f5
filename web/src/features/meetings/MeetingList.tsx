import type { MeetingSeries } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUserFormat } from '../auth/use-user-format.ts';
import { Participants, RuleText } from './parts.tsx';

/** The series of a workspace: title, repetition, next meeting and who takes part. */
export function MeetingList({
  workspaceId,
  series,
  highlightId = null,
}: {
  workspaceId: string;
  series: readonly MeetingSeries[];
  /** The series just created: marked so the eye finds it. */
  highlightId?: string | null;
}) {
  const { t } = useTranslation();
  const format = useUserFormat();
  return (
    <ul className="mtg-list" aria-label={t('meetings.listLabel')}>
      {series.map((s) => (
        <li
          key={s.id}
          className={`card mtg-row${s.id === highlightId ? ' mtg-row-new' : ''}`}
          data-testid="meeting-row"
          data-meeting-id={s.id}
        >
          <div className="mtg-row-main">
            <Link className="mtg-row-title" to={`/w/${workspaceId}/meetings/${s.id}`}>
              {s.title}
            </Link>
            <p className="muted mtg-row-meta">
              <RuleText series={s} /> · {t('meetings.duration', { count: s.durationMin })}
            </p>
            <p className="mtg-row-next">
              {s.next ? (
                <time dateTime={s.next.start}>
                  {t('meetings.next', { date: format.dateTime(s.next.start) })}
                </time>
              ) : (
                <span className="muted">{t('meetings.noNext')}</span>
              )}
            </p>
          </div>
          <Participants workspaceId={workspaceId} ids={s.participantIds} />
        </li>
      ))}
    </ul>
  );
}
