import type { InsightPair, Locale } from '@leeway/core';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { useInsightTrend } from './hooks.ts';
import { pairKey } from './insight-format.ts';
import { TrendChart } from './TrendChart.tsx';

interface TrendSectionProps {
  workspaceId: string;
  pairs: readonly InsightPair[];
  selected: InsightPair;
  onSelect: (key: string) => void;
  locale: Locale;
  timeZone: string;
}

/** The trend of the selected pair; its heading takes focus when a card's "Show trend" is used. */
export const TrendSection = forwardRef<HTMLHeadingElement, TrendSectionProps>(function TrendSection(
  { workspaceId, pairs, selected, onSelect, locale, timeZone },
  headingRef,
) {
  const { t } = useTranslation();
  const trend = useInsightTrend(workspaceId, selected);
  const label = (pair: InsightPair) =>
    t('insights.pair.label', { assistant: pair.assistantName, principal: pair.principalName });
  return (
    <section className="card stack" data-testid="insights-trend" aria-labelledby="ins-trend-title">
      <h2 id="ins-trend-title" ref={headingRef} tabIndex={-1}>
        {t('insights.trend.title')}
      </h2>
      <p className="muted">{t('insights.trend.intro')}</p>
      {pairs.length > 1 && (
        <SelectField
          label={t('insights.trend.pair')}
          value={pairKey(selected)}
          data-testid="insights-trend-pair"
          onChange={(event) => onSelect(event.target.value)}
          options={pairs.map((pair) => ({ value: pairKey(pair), label: label(pair) }))}
        />
      )}
      {trend.isPending ? (
        <Spinner />
      ) : trend.isError ? (
        <ErrorState
          message={t(errorKey(trend.error))}
          onRetry={() => void trend.refetch()}
          retrying={trend.isFetching}
        />
      ) : (
        <TrendChart
          trend={trend.data}
          pairLabel={label(selected)}
          locale={locale}
          timeZone={timeZone}
          initialSignal={selected.biggest}
        />
      )}
    </section>
  );
});
