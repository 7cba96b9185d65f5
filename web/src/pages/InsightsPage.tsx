import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRequiredUser } from '../features/auth/session.ts';
import { DigestPanel } from '../features/insights/DigestPanel.tsx';
import { useInsights } from '../features/insights/hooks.ts';
import { pairKey, sortPairs } from '../features/insights/insight-format.ts';
import { PairCard } from '../features/insights/PairCard.tsx';
import { PrincipalsOnly } from '../features/insights/PrincipalsOnly.tsx';
import { TrendSection } from '../features/insights/TrendSection.tsx';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { ApiError } from '../lib/api.ts';
import { errorKey } from '../lib/errors.ts';
import { formatDateTime } from '../lib/format.ts';
import { isLocale } from '../lib/locale.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { LoadingState } from '../ui/Spinner.tsx';
import '../features/insights/insights.css';

/** The micromanagement index (DESIGN §10): a mirror for principals, one card per pair. */
export function InsightsPage() {
  const { t, i18n } = useTranslation();
  const workspace = useCurrentWorkspace();
  const user = useRequiredUser();
  const isOwner = workspace.role === 'owner';
  const insights = useInsights(workspace.id, isOwner);
  const [chosen, setChosen] = useState<string | null>(null);
  const trendHeading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t('insights.title'));

  const locale = isLocale(i18n.language) ? i18n.language : 'en';
  const notForMe =
    !isOwner ||
    (insights.error instanceof ApiError &&
      (insights.error.code === 'not_found' || insights.error.code === 'forbidden'));

  let body: ReactNode;
  if (notForMe) {
    body = <PrincipalsOnly workspaceId={workspace.id} />;
  } else if (insights.isPending) {
    body = <LoadingState />;
  } else if (insights.isError) {
    body = (
      <ErrorState
        message={t(errorKey(insights.error))}
        onRetry={() => void insights.refetch()}
        retrying={insights.isFetching}
      />
    );
  } else if (insights.data.pairs.length === 0) {
    body = (
      <EmptyState
        title={t('insights.empty.title')}
        action={
          <Link className="button button-primary" to={`/w/${workspace.id}/members`}>
            {t('insights.empty.action')}
          </Link>
        }
      >
        {t('insights.empty.body')}
      </EmptyState>
    );
  } else {
    const { windowDays, generatedAt } = insights.data;
    const pairs = sortPairs(insights.data.pairs, locale);
    // Until someone picks a pair, show the first one with an index (else simply the first).
    const selected =
      pairs.find((p) => pairKey(p) === chosen) ?? pairs.find((p) => p.status === 'ok') ?? pairs[0];
    body = (
      <>
        <p className="muted">
          {t('insights.window', {
            days: windowDays,
            date: formatDateTime(generatedAt, i18n.language, user.timeZone),
          })}
        </p>
        <div className="ins-pairs">
          {pairs.map((pair) => (
            <PairCard
              key={pairKey(pair)}
              pair={pair}
              windowDays={windowDays}
              locale={locale}
              selected={selected !== undefined && pairKey(selected) === pairKey(pair)}
              onShowTrend={() => {
                setChosen(pairKey(pair));
                trendHeading.current?.scrollIntoView({ block: 'start' });
                trendHeading.current?.focus({ preventScroll: true });
              }}
            />
          ))}
        </div>
        {selected && (
          <TrendSection
            ref={trendHeading}
            workspaceId={workspace.id}
            pairs={pairs}
            selected={selected}
            onSelect={setChosen}
            locale={locale}
            timeZone={user.timeZone}
          />
        )}
      </>
    );
  }

  return (
    <div className="stack-lg ins-page">
      <div className="page-header">
        <div>
          <h1>{t('insights.title')}</h1>
          <p className="ins-principle" data-testid="insights-computed-from">
            {t('insights.computedFrom')}
          </p>
          <p className="ins-principle" data-testid="insights-mirror">
            {t('insights.mirror')}
          </p>
        </div>
      </div>
      <DigestPanel />
      {body}
    </div>
  );
}
