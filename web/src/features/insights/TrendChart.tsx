import {
  type InsightTrend,
  type Locale,
  type MmiSignalKey,
  mmiBandMin,
  mmiBands,
  mmiSignalKeys,
} from '@leeway/core';
import { useTranslation } from 'react-i18next';
import {
  bandOf,
  type ChartBox,
  chartPoints,
  formatNumber,
  lastValue,
  linePath,
  weekLabel,
} from './insight-format.ts';

/*
 * The index week by week and one small chart per signal, drawn as plain SVG (no chart
 * library). The drawings are pictures for sighted readers and hidden from screen readers,
 * which get the same numbers as tables (the approach of the lessons' factor chart).
 */

const indexBox: ChartBox = { width: 640, height: 200, pad: 12, max: 100 };
const smallBox: ChartBox = { width: 160, height: 48, pad: 4, max: 1 };

function IndexChart({ trend, locale, timeZone }: { trend: InsightTrend; locale: Locale; timeZone: string }) {
  const { width, height, pad } = indexBox;
  const points = chartPoints(trend.index, indexBox);
  const y = (v: number) => pad + (height - 2 * pad) * (1 - v / 100);
  const edges = [...mmiBands.map((b) => mmiBandMin[b]), 100];
  const first = trend.weeks[0];
  const last = trend.weeks[trend.weeks.length - 1];
  return (
    <div aria-hidden="true">
      <div className="ins-trend-plot">
        <div className="ins-trend-axis">
          {[100, 75, 50, 25, 0].map((v) => (
            <span key={v} style={{ top: `${(y(v) / height) * 100}%` }}>
              {v}
            </span>
          ))}
        </div>
        <div className="ins-trend-canvas">
          <svg
            viewBox={`0 0 ${width} ${height}`}
            className="ins-trend-svg"
            aria-hidden="true"
            focusable="false"
          >
            {mmiBands.map((band, i) => (
              <rect
                key={band}
                className={`ins-zone ins-band-${band}`}
                x={pad}
                width={width - 2 * pad}
                y={y(edges[i + 1] ?? 100)}
                height={y(edges[i] ?? 0) - y(edges[i + 1] ?? 100)}
              />
            ))}
            {[25, 50, 75].map((v) => (
              <line key={v} className="ins-grid" x1={pad} x2={width - pad} y1={y(v)} y2={y(v)} />
            ))}
            <path className="ins-line" d={linePath(trend.index, indexBox)} />
            {points.map((p) => (
              <circle
                key={p.index}
                className={`ins-point ins-band-${bandOf(p.value)}`}
                cx={p.x}
                cy={p.y}
                r={4}
              >
                <title>{`${weekLabel(trend.weeks[p.index] ?? '', locale, timeZone)}: ${formatNumber(p.value, locale)}`}</title>
              </circle>
            ))}
          </svg>
        </div>
      </div>
      <div className="ins-trend-weeks">
        <span>{first ? weekLabel(first, locale, timeZone) : ''}</span>
        <span>{last ? weekLabel(last, locale, timeZone) : ''}</span>
      </div>
    </div>
  );
}

function SmallMultiple({
  signalKey,
  series,
  locale,
}: {
  signalKey: MmiSignalKey;
  series: readonly (number | null)[];
  locale: Locale;
}) {
  const { t } = useTranslation();
  const latest = lastValue(series);
  return (
    <li className="ins-small">
      <span className="ins-small-name">{t(`insights.signals.${signalKey}.name`)}</span>
      <svg
        viewBox={`0 0 ${smallBox.width} ${smallBox.height}`}
        className="ins-small-svg"
        aria-hidden="true"
        focusable="false"
      >
        <rect className="ins-small-bg" x={0} y={0} width={smallBox.width} height={smallBox.height} />
        <path className="ins-line" d={linePath(series, smallBox)} />
      </svg>
      <span className="ins-small-latest muted">
        {t('insights.trend.latest', {
          value:
            latest === null
              ? t('insights.trend.noValue')
              : `${formatNumber(Math.round(latest * 100), locale)} %`,
        })}
      </span>
    </li>
  );
}

export function TrendChart({
  trend,
  pairLabel,
  locale,
  timeZone,
}: {
  trend: InsightTrend;
  pairLabel: string;
  locale: Locale;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const signalKeys = Object.keys(trend.signals) as MmiSignalKey[];
  const ordered = mmiSignalKeys.filter((k) => signalKeys.includes(k));
  const latest = lastValue(trend.index);
  const empty = trend.weeks.length === 0 || trend.index.every((v) => v === null);
  const cell = (v: number | null | undefined, scale: number) =>
    v === null || v === undefined ? t('insights.trend.noValue') : formatNumber(v * scale, locale);

  return (
    <div className="stack">
      {empty ? (
        <p className="muted">{t('insights.trend.empty')}</p>
      ) : (
        <figure className="ins-trend-figure">
          <IndexChart trend={trend} locale={locale} timeZone={timeZone} />
          <figcaption className="muted">
            {t('insights.trend.latest', {
              value:
                latest === null
                  ? t('insights.trend.noValue')
                  : `${formatNumber(latest, locale)} (${t(`insights.bands.${bandOf(latest)}`)})`,
            })}
          </figcaption>
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
      {!empty && ordered.length > 0 && (
        <div className="stack">
          <h3>{t('insights.trend.signalsTitle')}</h3>
          <p className="muted">{t('insights.trend.signalsIntro')}</p>
          <ul className="ins-smalls" aria-hidden="true">
            {ordered.map((key) => (
              <SmallMultiple key={key} signalKey={key} series={trend.signals[key] ?? []} locale={locale} />
            ))}
          </ul>
          <div className="visually-hidden">
            {/* Wrapped: a table is never narrower than its content, so `visually-hidden` on the
              table itself would still widen the page on a phone. */}
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
