import {
  type InsightTrend,
  type Locale,
  type MmiSignalKey,
  mmiBandMin,
  mmiBands,
  mmiSignalKeys,
} from '@leeway/core';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from 'recharts';
import { SelectField } from '../../ui/Field.tsx';
import { bandOf, formatNumber, lastValue, weekLabel } from './insight-format.ts';

/*
 * The index week by week and one signal at a time, drawn with Recharts. The SVG is a picture
 * for sighted readers: its wrapper is one `role="img"` with a spoken summary, and the numbers
 * themselves are in visually hidden tables. Colours are the theme's custom properties, so the
 * charts follow light and dark without any script.
 */

/** One week of a chart; `null` is a week without enough data and stays a gap, never a 0. */
interface Row {
  week: string;
  value: number | null;
}

/** Shared look of both charts; `var(…)` works in SVG presentation attributes. */
const tick = { fill: 'var(--color-text-muted)', fontSize: 12 };
const axisLine = { stroke: 'var(--color-border-strong)' };
const chartMargin = { top: 8, right: 8, bottom: 0, left: 0 };

/** The dot of a measured week, coloured by its band on the index chart. */
interface DotProps {
  cx?: number;
  cy?: number;
  index?: number;
  value?: number | null;
}

/** Renders a week's dot; a week without data gets none (Recharts wants an element, so an empty group). */
function renderDot({ cx, cy, index, value }: DotProps, banded: boolean): ReactElement {
  if (value === null || value === undefined || cx === undefined || cy === undefined) {
    return <g key={`gap-${index}`} />;
  }
  return (
    <circle
      key={`dot-${index}`}
      className={banded ? `ins-point ins-band-${bandOf(value)}` : 'ins-point ins-point-plain'}
      cx={cx}
      cy={cy}
      r={3.5}
    />
  );
}

const renderBandDot = (props: DotProps) => renderDot(props, true);
const renderPlainDot = (props: DotProps) => renderDot(props, false);

function TrendTooltip({
  active,
  label,
  rows,
  format,
  locale,
  timeZone,
}: Pick<TooltipContentProps, 'active' | 'label'> & {
  rows: readonly Row[];
  format: (value: number) => string;
  locale: Locale;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const row = rows.find((r) => r.week === label);
  if (!active || !row) return null;
  return (
    <div className="ins-tooltip">
      <span className="ins-tooltip-week">{weekLabel(row.week, locale, timeZone, true)}</span>
      <strong>{row.value === null ? t('insights.trend.noValue') : format(row.value)}</strong>
    </div>
  );
}

/** The week axis both charts share (spread onto `<XAxis>`, which Recharts wants as a direct child). */
function weekAxis(locale: Locale, timeZone: string) {
  return {
    dataKey: 'week',
    tickFormatter: (w: string) => weekLabel(w, locale, timeZone),
    tick,
    axisLine,
    tickLine: false,
    interval: 'preserveStartEnd',
    minTickGap: 16,
    padding: { left: 6, right: 6 },
  } as const;
}

const tooltipCursor = { stroke: 'var(--color-border-strong)' };

/** The tooltip content of both charts: the hovered week and its value, formatted per chart. */
function weekTooltip(
  rows: readonly Row[],
  format: (value: number) => string,
  locale: Locale,
  timeZone: string,
) {
  return ({ active, label }: Pick<TooltipContentProps, 'active' | 'label'>) => (
    <TrendTooltip
      active={active}
      label={label}
      rows={rows}
      format={format}
      locale={locale}
      timeZone={timeZone}
    />
  );
}

/** The spoken summary of a chart: its span, its latest value and how many weeks are empty. */
function useSummary(rows: readonly Row[], locale: Locale, timeZone: string) {
  const { t } = useTranslation();
  const first = rows[0]?.week;
  const last = rows[rows.length - 1]?.week;
  const gaps = rows.filter((r) => r.value === null).length;
  return {
    weeks: rows.length,
    from: first ? weekLabel(first, locale, timeZone, true) : '',
    to: last ? weekLabel(last, locale, timeZone, true) : '',
    gaps: gaps > 0 ? ` ${t('insights.trend.gaps', { count: gaps })}` : '',
  };
}

interface ChartProps {
  rows: readonly Row[];
  locale: Locale;
  timeZone: string;
}

function IndexChart({ rows, locale, timeZone, label }: ChartProps & { label: string }) {
  const { t } = useTranslation();
  const edges = [...mmiBands.map((b) => mmiBandMin[b]), 100];
  const format = (v: number) => `${formatNumber(v, locale)} (${t(`insights.bands.${bandOf(v)}`)})`;
  return (
    <div className="ins-chart" role="img" aria-label={label} data-testid="trend-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={chartMargin} accessibilityLayer={false}>
          {mmiBands.map((band, i) => (
            <ReferenceArea
              key={band}
              className={`ins-zone ins-band-${band}`}
              y1={edges[i] ?? 0}
              y2={edges[i + 1] ?? 100}
              fill="var(--band-soft)"
              fillOpacity={1}
              stroke="none"
              label={{
                value: t(`insights.bands.${band}`),
                // Left, where the oldest weeks are: the latest values (right) stay clear. Plain
                // muted text with a halo reads on every band in both themes; the band's own
                // colour would not reach the label, which Recharts draws outside the area's group.
                position: 'insideTopLeft',
                fill: 'var(--color-text-muted)',
                stroke: 'var(--color-surface)',
                strokeWidth: 3,
                paintOrder: 'stroke',
                fontSize: 11,
                fontWeight: 600,
              }}
            />
          ))}
          {[25, 50, 75].map((v) => (
            <ReferenceLine key={v} y={v} stroke="var(--color-border-strong)" strokeDasharray="4 4" />
          ))}
          <XAxis {...weekAxis(locale, timeZone)} />
          <YAxis
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            tick={tick}
            axisLine={false}
            tickLine={false}
            width={32}
          />
          <Tooltip cursor={tooltipCursor} content={weekTooltip(rows, format, locale, timeZone)} />
          <Line
            dataKey="value"
            type="linear"
            stroke="var(--color-text)"
            strokeWidth={2}
            connectNulls={false}
            dot={renderBandDot}
            activeDot={{ r: 5, stroke: 'var(--color-surface)', fill: 'var(--color-text)' }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function SignalChart({ rows, locale, timeZone, label }: ChartProps & { label: string }) {
  const format = (v: number) => `${formatNumber(v, locale)} %`;
  return (
    <div
      className="ins-chart ins-chart-signal"
      role="img"
      aria-label={label}
      data-testid="trend-signal-chart"
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={chartMargin} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="var(--color-border)" strokeDasharray="4 4" />
          <XAxis {...weekAxis(locale, timeZone)} />
          <YAxis
            domain={[0, 100]}
            ticks={[0, 50, 100]}
            tickFormatter={(v: number) => `${formatNumber(v, locale)} %`}
            tick={tick}
            axisLine={false}
            tickLine={false}
            width={52}
          />
          <Tooltip cursor={tooltipCursor} content={weekTooltip(rows, format, locale, timeZone)} />
          <Line
            dataKey="value"
            type="linear"
            stroke="var(--color-accent)"
            strokeWidth={2}
            connectNulls={false}
            dot={renderPlainDot}
            activeDot={{ r: 5, stroke: 'var(--color-surface)', fill: 'var(--color-accent)' }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function TrendChart({
  trend,
  pairLabel,
  locale,
  timeZone,
  initialSignal,
}: {
  trend: InsightTrend;
  pairLabel: string;
  locale: Locale;
  timeZone: string;
  /** The signal shown first (the pair's biggest contributor), until the reader picks another. */
  initialSignal?: MmiSignalKey | null;
}) {
  const { t } = useTranslation();
  const signalKeys = Object.keys(trend.signals) as MmiSignalKey[];
  const ordered = mmiSignalKeys.filter((k) => signalKeys.includes(k));
  const [picked, setPicked] = useState<MmiSignalKey | null>(initialSignal ?? null);
  const signal = picked !== null && ordered.includes(picked) ? picked : ordered[0];

  const indexRows: Row[] = trend.weeks.map((week, i) => ({ week, value: finite(trend.index[i]) }));
  const signalRows: Row[] = trend.weeks.map((week, i) => {
    const v = signal === undefined ? null : finite(trend.signals[signal]?.[i]);
    // Shown in percent: "0.42" means little to a reader, "42 %" does.
    return { week, value: v === null ? null : Math.round(v * 1000) / 10 };
  });

  const latest = lastValue(trend.index);
  const latestSignal = lastValue(signalRows.map((r) => r.value));
  const empty = trend.weeks.length === 0 || trend.index.every((v) => v === null);
  const cell = (v: number | null | undefined, scale: number) =>
    v === null || v === undefined ? t('insights.trend.noValue') : formatNumber(v * scale, locale);

  const indexSummary = useSummary(indexRows, locale, timeZone);
  const signalSummary = useSummary(signalRows, locale, timeZone);
  const latestText = t('insights.trend.latest', {
    value:
      latest === null
        ? t('insights.trend.noValue')
        : `${formatNumber(latest, locale)} (${t(`insights.bands.${bandOf(latest)}`)})`,
  });
  const latestSignalText = t('insights.trend.latest', {
    value: latestSignal === null ? t('insights.trend.noValue') : `${formatNumber(latestSignal, locale)} %`,
  });

  return (
    <div className="stack">
      {empty ? (
        <p className="muted">{t('insights.trend.empty')}</p>
      ) : (
        <figure className="ins-trend-figure">
          <IndexChart
            rows={indexRows}
            locale={locale}
            timeZone={timeZone}
            label={
              t('insights.trend.chartLabel', { ...indexSummary, latest: latestText }) + indexSummary.gaps
            }
          />
          <figcaption className="muted">{latestText}</figcaption>
          <div className="visually-hidden">
            {/* Wrapped: a table is never narrower than its content, so `visually-hidden` on the
              table itself would still widen the page on a phone. */}
            <table>
              <caption>{t('insights.trend.caption', { pair: pairLabel })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('insights.trend.week')}</th>
                  <th scope="col">{t('insights.trend.index')}</th>
                </tr>
              </thead>
              <tbody>
                {trend.weeks.map((week, i) => {
                  const v = trend.index[i] ?? null;
                  return (
                    <tr key={week}>
                      <th scope="row">{weekLabel(week, locale, timeZone, true)}</th>
                      <td>
                        {v === null
                          ? t('insights.trend.noValue')
                          : `${cell(v, 1)} (${t(`insights.bands.${bandOf(v)}`)})`}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </figure>
      )}
      {!empty && signal !== undefined && (
        <div className="stack">
          <h3>{t('insights.trend.signalsTitle')}</h3>
          <p className="muted">{t('insights.trend.signalsIntro')}</p>
          <div className="ins-signal-pick">
            <SelectField
              label={t('insights.trend.signal')}
              value={signal}
              data-testid="insights-trend-signal"
              onChange={(event) => setPicked(event.target.value as MmiSignalKey)}
              options={ordered.map((key) => ({ value: key, label: t(`insights.signals.${key}.name`) }))}
            />
          </div>
          <figure className="ins-trend-figure">
            <SignalChart
              rows={signalRows}
              locale={locale}
              timeZone={timeZone}
              label={
                t('insights.trend.signalChartLabel', {
                  ...signalSummary,
                  signal: t(`insights.signals.${signal}.name`),
                  latest: latestSignalText,
                }) + signalSummary.gaps
              }
            />
            <figcaption className="muted">
              {t(`insights.signals.${signal}.what`)} {latestSignalText}
            </figcaption>
          </figure>
          <div className="visually-hidden">
            {/* Every signal, not only the one drawn: a screen reader gets the whole picture. */}
            <table>
              <caption>{t('insights.trend.signalsCaption', { pair: pairLabel })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('insights.trend.week')}</th>
                  {ordered.map((key) => (
                    <th key={key} scope="col">
                      {t(`insights.signals.${key}.name`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {trend.weeks.map((week, i) => (
                  <tr key={week}>
                    <th scope="row">{weekLabel(week, locale, timeZone, true)}</th>
                    {ordered.map((key) => (
                      <td key={key}>{cell(trend.signals[key]?.[i], 100)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}

/** A measured number, or null for a gap (a missing or non-finite value never draws as 0). */
function finite(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}
