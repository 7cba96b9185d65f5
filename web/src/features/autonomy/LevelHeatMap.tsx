import { autonomyLevels, type LevelHistory, type LevelHistoryCell } from '@leeway/core';
import { useQuery } from '@tanstack/react-query';
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, seg } from '../../lib/api.ts';
import { errorKey } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { LoadingState, Spinner } from '../../ui/Spinner.tsx';
import {
  cellClass,
  cellKind,
  groupByMember,
  type HeatMapSpan,
  hasLevels,
  heatMapSpans,
  monthMarks,
} from './heat-map.ts';
import { autonomyKeys } from './queries.ts';
import { useExplainFormat } from './use-explain.ts';
import './level-heat-map.css';

/**
 * The level history, under the autonomy keys so a level change or an episode refreshes it
 * with the board. The server decides whose rows come back (owners: all; assistants: their own).
 */
function useLevelHistory(workspaceId: string, weeks: HeatMapSpan) {
  return useQuery({
    queryKey: [...autonomyKeys.all(workspaceId), 'level-history', weeks] as const,
    queryFn: ({ signal }) =>
      api.get<LevelHistory>(`/workspaces/${seg(workspaceId)}/autonomy/level-history?weeks=${weeks}`, {
        signal,
      }),
  });
}

/**
 * Levels over time as a heat map: one row per assistant × area (grouped by assistant), one
 * column per week, coloured by the effective level and hatched where a support episode ran. A
 * real table with header cells and a sentence per cell, so a screen reader reads it row by row;
 * on a phone it scrolls sideways inside its frame while the area names stay put.
 */
export function LevelHeatMap({ workspaceId, mine = false }: { workspaceId: string; mine?: boolean }) {
  const { t, i18n } = useTranslation();
  const [weeks, setWeeks] = useState<HeatMapSpan>(26);
  const history = useLevelHistory(workspaceId, weeks);
  const titleId = useId();
  const rangeName = useId();

  return (
    <section className="card stack heat-map-section" aria-labelledby={titleId} data-testid="level-heat-map">
      <div className="heat-map-head">
        <div>
          <h2 id={titleId}>
            {t('autonomy.heatMap.title')}
            {history.isFetching && !history.isPending && <Spinner size="sm" />}
          </h2>
          <p className="muted">{t(mine ? 'autonomy.heatMap.introMine' : 'autonomy.heatMap.intro')}</p>
        </div>
        <fieldset className="heat-range">
          <legend className="visually-hidden">{t('autonomy.heatMap.range')}</legend>
          {heatMapSpans.map((span) => (
            <label key={span} className={`heat-range-item${weeks === span ? ' is-current' : ''}`}>
              <input
                type="radio"
                name={rangeName}
                value={span}
                checked={weeks === span}
                onChange={() => setWeeks(span)}
                data-testid={`heat-range-${span}`}
              />
              <span>{t('autonomy.heatMap.weeks', { count: span })}</span>
            </label>
          ))}
        </fieldset>
      </div>
      {history.isPending ? (
        <LoadingState />
      ) : history.isError ? (
        <ErrorState
          message={`${t('autonomy.heatMap.loadFailed')} ${t(errorKey(history.error))}`}
          onRetry={() => void history.refetch()}
          retrying={history.isFetching}
        />
      ) : !hasLevels(history.data.rows) ? (
        <EmptyState title={t('autonomy.heatMap.emptyTitle')}>
          <p>{t(mine ? 'autonomy.heatMap.emptyMine' : 'autonomy.heatMap.empty')}</p>
        </EmptyState>
      ) : (
        <HeatTable history={history.data} mine={mine} locale={i18n.language} />
      )}
    </section>
  );
}

function HeatTable({ history, mine, locale }: { history: LevelHistory; mine: boolean; locale: string }) {
  const { t } = useTranslation();
  const format = useExplainFormat();
  const marks = monthMarks(history.weeks, locale, history.timeZone);
  const weekNames = history.weeks.map((week) => {
    const date = formatDate(week.weekStart, locale, history.timeZone);
    return {
      date,
      label: t(week.current ? 'autonomy.heatMap.thisWeek' : 'autonomy.heatMap.weekOf', { date }),
    };
  });
  const groups = groupByMember(history.rows);
  // One assistant (their own page, or a team of one): the name adds nothing to each row.
  const showNames = !mine && groups.length > 0;
  const columns = history.weeks.length + 1;
  // The latest weeks matter most: when the frame is narrower than the table (a phone, or
  // 26 weeks beside the navigation), it opens scrolled to the current week.
  const scroller = useRef<HTMLElement>(null);
  const weekCount = history.weeks.length;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && weekCount > 0) el.scrollLeft = el.scrollWidth;
  }, [weekCount]);

  const describe = (cell: LevelHistoryCell): string => {
    const kind = cellKind(cell);
    if (kind === 'none' || cell.effective === null || cell.granted === null)
      return t('autonomy.heatMap.none');
    const level = format.levelLabel(cell.effective);
    const text =
      kind === 'capped'
        ? t('autonomy.heatMap.capped', { level, granted: t('autonomy.levelShort', { level: cell.granted }) })
        : level;
    return cell.episode ? `${text}, ${t('autonomy.heatMap.episode')}` : text;
  };

  return (
    <div className="stack">
      <div className="heat-frame">
        <section
          ref={scroller}
          className="heat-scroll"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: the frame scrolls sideways; keyboard users need to reach it to scroll.
          tabIndex={0}
          aria-label={t('autonomy.heatMap.scrollLabel')}
        >
          <table className="heat-table">
            <caption className="visually-hidden">
              {t(mine ? 'autonomy.heatMap.captionMine' : 'autonomy.heatMap.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="heat-corner">
                  {t('autonomy.heatMap.area')}
                </th>
                {history.weeks.map((week, index) => (
                  <th
                    key={week.weekStart}
                    scope="col"
                    className={`heat-week${week.current ? ' is-current' : ''}`}
                    title={weekNames[index]?.label}
                  >
                    <span aria-hidden="true">{marks[index]}</span>
                    <span className="visually-hidden">{weekNames[index]?.label}</span>
                  </th>
                ))}
              </tr>
            </thead>
            {groups.map((group) => (
              <tbody key={group.memberId}>
                {showNames && (
                  <tr className="heat-group">
                    <th scope="rowgroup" colSpan={columns} className="heat-member">
                      <span className="heat-member-name">{group.memberName}</span>
                    </th>
                  </tr>
                )}
                {group.rows.map((row) => {
                  const who = showNames ? `${group.memberName}, ${row.areaName}` : row.areaName;
                  return (
                    <tr
                      key={row.areaId}
                      data-testid="heat-row"
                      data-member-id={row.memberId}
                      data-area-id={row.areaId}
                    >
                      <th scope="row" className="heat-area">
                        {row.areaName}
                      </th>
                      {row.cells.map((cell, index) => {
                        const week = weekNames[index];
                        const text = t('autonomy.heatMap.cell', {
                          who,
                          date: week?.date ?? '',
                          level: describe(cell),
                        });
                        return (
                          <td
                            key={history.weeks[index]?.weekStart ?? index}
                            className={cellClass(cell)}
                            title={text}
                            data-testid="heat-cell"
                            data-level={cell.effective ?? undefined}
                            data-episode={cell.episode ? 'true' : undefined}
                          >
                            <span aria-hidden="true">{cell.effective ?? ''}</span>
                            <span className="visually-hidden">{text}</span>
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            ))}
          </table>
        </section>
      </div>
      <ul className="heat-legend" aria-label={t('autonomy.heatMap.legend')}>
        {autonomyLevels.map((level) => (
          <li key={level}>
            <span className={`heat-swatch heat-l${level}`} aria-hidden="true">
              {level}
            </span>
            {format.levelLabel(level)}
          </li>
        ))}
        <li>
          <span className="heat-swatch heat-l3 heat-episode" aria-hidden="true" />
          {t('autonomy.heatMap.legendEpisode')}
        </li>
        <li>
          <span className="heat-swatch heat-none" aria-hidden="true" />
          {t('autonomy.heatMap.legendNone')}
        </li>
      </ul>
    </div>
  );
}
