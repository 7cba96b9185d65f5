import {
  type InsightPair,
  type InsightSignal,
  type InsightUnderSupport,
  type Locale,
  mmiDefaults,
  underSupportKeys,
} from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { formatNumber, orderedSignals, rawLines, suggestionSentence, toPercent } from './insight-format.ts';

/** Index and band, or "not enough data yet" with the count of completed tasks. */
function ScoreBlock({ pair, windowDays, locale }: { pair: InsightPair; windowDays: number; locale: Locale }) {
  const { t } = useTranslation();
  const min = mmiDefaults.minCompletedTasks;
  if (pair.status !== 'ok' || pair.score === null || pair.band === null) {
    return (
      <div className="ins-score ins-score-insufficient">
        <p className="ins-score-text" data-testid="insights-score" data-status="insufficient_data">
          {t('insights.pair.insufficient', { count: pair.completedTasks, min })}
        </p>
        <p className="muted">{t('insights.pair.insufficientHint', { min, days: windowDays })}</p>
      </div>
    );
  }
  return (
    <div className="ins-score">
      <p className="ins-score-number" data-testid="insights-score" data-status="ok">
        <span className="ins-score-label">{t('insights.pair.index')}</span>{' '}
        <strong>{formatNumber(pair.score, locale)}</strong>{' '}
        <span className="muted">{t('insights.pair.outOf')}</span>
      </p>
      <p className={`ins-band ins-band-${pair.band}`} data-testid="insights-band" data-band={pair.band}>
        <span className="ins-band-mark" aria-hidden="true" />
        {t(`insights.bands.${pair.band}`)}
      </p>
      {pair.biggest && (
        <p className="muted ins-biggest">
          {t('insights.pair.biggest', { signal: t(`insights.signals.${pair.biggest}.name`) })}
        </p>
      )}
    </div>
  );
}

function SignalRow({ signal, biggest, locale }: { signal: InsightSignal; biggest: boolean; locale: Locale }) {
  const { t } = useTranslation();
  const percent = toPercent(signal.value);
  const sentence = signal.suggestion ? suggestionSentence(locale, signal.suggestion) : null;
  const lines = rawLines(signal.key, signal.raw, locale);
  return (
    <li
      className={`ins-signal${biggest ? ' ins-signal-biggest' : ''}`}
      data-testid="insights-signal"
      data-key={signal.key}
    >
      <div className="ins-signal-head">
        <h4 className="ins-signal-name">{t(`insights.signals.${signal.key}.name`)}</h4>
        <p className="ins-signal-nums">
          {t('insights.signal.value', { value: formatNumber(percent, locale) })}
          {' · '}
          {t('insights.signal.weight', { weight: formatNumber(toPercent(signal.weight), locale) })}
          {' · '}
          {t('insights.signal.contribution', { points: formatNumber(signal.contribution * 100, locale) })}
        </p>
      </div>
      <div className="ins-bar" aria-hidden="true">
        <span className="ins-bar-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="ins-signal-what muted">{t(`insights.signals.${signal.key}.what`)}</p>
      <p className="ins-signal-raw">
        {lines.map((line) => t(`insights.raw.${line.key}`, { ...line.params, count: line.count })).join('; ')}
      </p>
      {sentence && (
        <p className="ins-suggestion" data-testid="insights-suggestion">
          <strong>{t('insights.signal.suggestion')}:</strong> {sentence}
        </p>
      )}
    </li>
  );
}

/** The under-support counter (DESIGN §10): beside the index, never inside it. */
function UnderSupport({ underSupport, headingId }: { underSupport: InsightUnderSupport; headingId: string }) {
  const { t } = useTranslation();
  return (
    <aside className="ins-under" data-testid="insights-under-support" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('insights.underSupport.title')}</h3>
      <p className="ins-under-total">{t('insights.underSupport.total', { count: underSupport.total })}</p>
      <p className="muted">{t('insights.underSupport.intro')}</p>
      <ul className="ins-under-list">
        {underSupportKeys.map((key) => {
          const count = underSupport.items.find((item) => item.key === key)?.count ?? 0;
          return (
            <li key={key} data-key={key} className={count > 0 ? 'ins-under-some' : undefined}>
              <span>{t(`insights.underSupport.items.${key}`)}</span>
              <strong>{count}</strong>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}

export function PairCard({
  pair,
  windowDays,
  locale,
  selected,
  onShowTrend,
}: {
  pair: InsightPair;
  windowDays: number;
  locale: Locale;
  selected: boolean;
  onShowTrend: () => void;
}) {
  const { t } = useTranslation();
  const id = `ins-${pair.principalId}-${pair.assistantId}`;
  return (
    <section
      className="card ins-pair"
      data-testid="insights-pair"
      data-assistant-id={pair.assistantId}
      data-principal-id={pair.principalId}
      data-status={pair.status}
      aria-labelledby={`${id}-title`}
    >
      <div className="ins-pair-header">
        <div>
          <h2 id={`${id}-title`}>
            {pair.assistantName}
            <span className="visually-hidden">
              {' '}
              {t('insights.pair.with', { principal: pair.principalName })}
            </span>
          </h2>
          <p className="muted" aria-hidden="true">
            {t('insights.pair.with', { principal: pair.principalName })}
          </p>
        </div>
        <Button
          size="sm"
          variant={selected ? 'primary' : 'secondary'}
          aria-pressed={selected}
          onClick={onShowTrend}
        >
          {selected ? t('insights.pair.trendShown') : t('insights.pair.showTrend')}
        </Button>
      </div>
      <div className="ins-pair-body">
        <div className="ins-pair-main">
          <ScoreBlock pair={pair} windowDays={windowDays} locale={locale} />
          <h3 className="visually-hidden">{t('insights.pair.signalsTitle')}</h3>
          <ul className="ins-signals">
            {orderedSignals(pair.signals).map((signal) => (
              <SignalRow
                key={signal.key}
                signal={signal}
                biggest={pair.status === 'ok' && pair.biggest === signal.key}
                locale={locale}
              />
            ))}
          </ul>
        </div>
        <UnderSupport underSupport={pair.underSupport} headingId={`${id}-under`} />
      </div>
    </section>
  );
}
