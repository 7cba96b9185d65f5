import { type ContributingFactorKind, contributingFactorKinds, type LessonFactorStats } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { type ChartMonth, chartMonths, monthLabel } from './lesson-draft.ts';

/*
 * Lessons by contributing factor per month, as stacked bars drawn with Recharts (the same
 * library as the insights trend). The SVG is a picture: its wrapper is one `role="img"` with a
 * spoken summary, and screen readers get the numbers as a visually hidden table.
 */

/** A month of the chart: one count per factor kind, keyed by kind for Recharts' `dataKey`. */
type Row = { month: string; total: number } & Record<ContributingFactorKind, number>;

const tick = { fill: 'var(--color-text-muted)', fontSize: 12 };

function toRow(m: ChartMonth): Row {
  const row = { month: m.month, total: m.total } as Row;
  for (const s of m.segments) row[s.kind] = s.count;
  return row;
}

function FactorTooltip({
  active,
  label,
  months,
  language,
}: Pick<TooltipContentProps, 'active' | 'label'> & { months: readonly ChartMonth[]; language: string }) {
  const { t } = useTranslation();
  const month = months.find((m) => m.month === label);
  if (!active || !month) return null;
  return (
    <div className="lsn-tooltip">
      <strong>{monthLabel(month.month, language, 'long')}</strong>
      <ul>
        {month.segments
          .filter((s) => s.count > 0)
          .map((s) => (
            <li key={s.kind} className={`lsn-factor-${s.kind}`}>
              <span className="lsn-swatch" />
              {t(`lessons.factors.${s.kind}`)}: {s.count}
            </li>
          ))}
      </ul>
      <span>
        {t('lessons.chart.total')}: {month.total}
      </span>
    </div>
  );
}

export function FactorChart({ stats }: { stats: LessonFactorStats }) {
  const { t, i18n } = useTranslation();
  const { months, max } = chartMonths(stats);
  const caption = t('lessons.chart.title');

  if (max === 0) return <p className="muted">{t('lessons.chart.empty')}</p>;

  const rows = months.map(toRow);
  const first = months[0]?.month;
  const last = months[months.length - 1]?.month;
  const label = t('lessons.chart.label', {
    from: first ? monthLabel(first, i18n.language, 'long') : '',
    to: last ? monthLabel(last, i18n.language, 'long') : '',
    max,
  });

  return (
    <figure className="lsn-chart">
      <div className="lsn-chart-plot" role="img" aria-label={label} data-testid="lesson-factor-chart">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="var(--color-border)" strokeDasharray="4 4" />
            <XAxis
              dataKey="month"
              tickFormatter={(m: string) => monthLabel(m, i18n.language)}
              tick={tick}
              axisLine={{ stroke: 'var(--color-border-strong)' }}
              tickLine={false}
              interval="preserveStartEnd"
              minTickGap={8}
            />
            <YAxis allowDecimals={false} tick={tick} axisLine={false} tickLine={false} width={28} />
            <Tooltip
              cursor={{ fill: 'var(--color-surface-2)', stroke: 'none' }}
              content={({ active, label: month }) => (
                <FactorTooltip active={active} label={month} months={months} language={i18n.language} />
              )}
            />
            {contributingFactorKinds.map((kind) => (
              // The class sets `--factor` on the bar's group, so the theme decides the colour.
              <Bar
                key={kind}
                dataKey={kind}
                stackId="factors"
                className={`lsn-factor-${kind}`}
                fill="var(--factor)"
                stroke="var(--color-surface)"
                strokeWidth={1}
                maxBarSize={36}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
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
