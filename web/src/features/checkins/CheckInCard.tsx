import { type CheckIn, checkInLimits } from '@leeway/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useUserFormat } from '../auth/use-user-format.ts';
import { useWeekLabel } from './use-week-label.ts';

/**
 * One check-in as its author wrote it. Blockers and "discuss" stand out because they ask for
 * something; low autonomy is marked gently: it is the assistant's signal, not a grade.
 */
export function CheckInCard({ checkIn, show }: { checkIn: CheckIn; show: 'member' | 'week' }) {
  const { t } = useTranslation();
  const format = useUserFormat();
  const week = useWeekLabel();
  const headingId = useId();
  const low = checkIn.autonomy <= checkInLimits.lowAutonomyMax;
  const blockers = checkIn.blockers.trim() !== '';
  const parts = [
    { key: 'done', label: t('checkins.fields.done'), text: checkIn.done },
    { key: 'planned', label: t('checkins.fields.planned'), text: checkIn.planned },
  ];

  return (
    <li
      className={`card chk-row${blockers || checkIn.discuss ? ' chk-row-attention' : ''}`}
      data-testid="checkin-row"
      data-week={checkIn.week}
      data-member-id={checkIn.memberId}
      data-low-autonomy={low}
      data-discuss={checkIn.discuss}
      aria-labelledby={headingId}
    >
      <div className="chk-row-header">
        <h3 id={headingId} className="chk-row-title">
          {show === 'member' ? checkIn.memberName : week.label(checkIn.week)}
        </h3>
        <span className="muted">
          {t('checkins.sentAt')}{' '}
          <time dateTime={checkIn.submittedAt}>{format.dateTime(checkIn.submittedAt)}</time>
        </span>
        <span className="chk-badges">
          {checkIn.discuss && <span className="badge chk-badge-discuss">{t('checkins.discussBadge')}</span>}
          {blockers && <span className="badge chk-badge-blocked">{t('checkins.blockersBadge')}</span>}
        </span>
      </div>
      <dl className="chk-parts">
        {parts.map((part) => (
          <div key={part.key} className="chk-part">
            <dt>{part.label}</dt>
            <dd className={part.text.trim() === '' ? 'muted' : 'chk-text'}>
              {part.text.trim() === '' ? t('checkins.nothing') : part.text}
            </dd>
          </div>
        ))}
        {blockers && (
          <div className="chk-part chk-part-blockers">
            <dt>{t('checkins.fields.blockers')}</dt>
            <dd className="chk-text">{checkIn.blockers}</dd>
          </div>
        )}
        <div className={`chk-part chk-autonomy${low ? ' chk-autonomy-low' : ''}`}>
          <dt>{t('checkins.fields.autonomy')}</dt>
          <dd>
            <span className="chk-autonomy-value">
              {t('checkins.autonomyValue', { value: checkIn.autonomy, max: checkInLimits.autonomyMax })}
            </span>
            {low && <span className="chk-autonomy-note">{t('checkins.lowAutonomy')}</span>}
          </dd>
        </div>
      </dl>
    </li>
  );
}
