import { contributingFactorKinds, type LessonFactorStats } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { chartMonths, monthLabel } from './lesson-draft.ts';

/**
 * Lessons by contributing factor per month, as stacked bars in plain CSS (no chart library).
 * The bars are a picture for sighted readers; screen readers get the same numbers as a table.
 */
export function FactorChart({ stats }: { stats: LessonFactorStats }) {
  const { t, i18n } = useTranslation();
  const { months, max } = chartMonths(stats);
  const caption = t('lessons.chart.title');

  if (max === 0) return <p className="muted">{t('lessons.chart.empty')}</p>;

  return (
    <figure className="lsn-chart">
      <div className="lsn-chart-bars" aria-hidden="true">
        {months.map((m) => (
          <div
            key={m.month}
            className="lsn-chart-col"
            title={`${monthLabel(m.month, i18n.language, 'long')}: ${m.total}`}
          >
            <span className="lsn-chart-total">{m.total > 0 ? m.total : ''}</span>
            <div className="lsn-chart-stack">
              {m.segments
                .filter((s) => s.count > 0)
                .map((s) => (
                  <div
                    key={s.kind}
                    className={`lsn-chart-seg lsn-factor-${s.kind}`}
                    style={{ height: `${(s.count / max) * 100}%` }}
                  />
                ))}
            </div>
            <span className="lsn-chart-label">{monthLabel(m.month, i18n.language)}</span>
          </div>
        ))}
      </div>
      <ul className="lsn-legend" aria-hidden="true">
        {contributingFactorKinds.map((kind) => (
          <li key={kind} className={`lsn-factor-${kind}`}>
            <span className="lsn-swatch" />
            {t(`lessons.factors.${kind}`)}
          </li>
        ))}
      </ul>
      {/* The wrapper hides it: a table is never narrower than its content, so hiding the table
          itself would widen the page on a phone. */}
      <div className="visually-hidden">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('lessons.chart.month')}</th>
              {contributingFactorKinds.map((kind) => (
                <th key={kind} scope="col">
                  {t(`lessons.factors.${kind}`)}
                </th>
              ))}
              <th scope="col">{t('lessons.chart.total')}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{monthLabel(m.month, i18n.language, 'long')}</th>
                {m.segments.map((s) => (
                  <td key={s.kind}>{s.count}</td>
                ))}
                <td>{m.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
