import type { Area, LessonSummary } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../lib/format.ts';
import { FactorChips, SeverityChip } from './parts.tsx';

export function LessonList({
  workspaceId,
  lessons,
  areas,
  timeZone,
}: {
  workspaceId: string;
  lessons: LessonSummary[];
  areas: Area[];
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="list lsn-list">
      {lessons.map((lesson) => {
        const area = lesson.areaId ? areas.find((a) => a.id === lesson.areaId) : undefined;
        return (
          <li key={lesson.id} className="lsn-row" data-testid="lesson-row">
            <Link className="list-link lsn-row-link" to={`/w/${workspaceId}/lessons/${lesson.id}`}>
              <span className="lsn-row-main">
                <span className="list-title">{lesson.title}</span>
                <span className="muted lsn-row-meta">
                  {formatDate(lesson.createdAt, i18n.language, timeZone)}
                  {area ? ` · ${area.name}` : ''}
                </span>
                <FactorChips kinds={lesson.factorKinds} />
              </span>
              <span className="lsn-row-side">
                <SeverityChip severity={lesson.severity} />
                {lesson.openFollowUps > 0 && (
                  <span className="badge">
                    {t('lessons.followUps.openCount', { count: lesson.openFollowUps })}
                  </span>
                )}
                {lesson.overdueFollowUps > 0 && (
                  <span className="badge lsn-overdue">
                    {t('lessons.followUps.overdueCount', { count: lesson.overdueFollowUps })}
                  </span>
                )}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
