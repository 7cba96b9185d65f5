import type { InsightDigestAssistant, InsightDigestSummary, Locale } from '@leeway/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { errorKey } from '../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { isLocale } from '../../lib/locale.ts';
import { Button } from '../../ui/Button.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { LoadingState } from '../../ui/Spinner.tsx';
import { useRequiredUser } from '../auth/session.ts';
import { useCurrentWorkspace } from '../workspaces/context.ts';
import { useInsightDigest, useInsightDigests } from './digest-hooks.ts';
import { formatNumber, rawLines } from './insight-format.ts';

/**
 * The weekly digest on the insights page (issue 7): with `?digest=<id>` (the notification's
 * link) that digest at the top, with a close button; otherwise a small link to the latest
 * one. Principals only; an assistant never sees this (the page shows them PrincipalsOnly).
 */
export function DigestPanel() {
  const workspace = useCurrentWorkspace();
  const [params, setParams] = useSearchParams();
  const digestId = params.get('digest');
  const isOwner = workspace.role === 'owner';
  if (!isOwner) return null;
  if (digestId === null) return <LatestDigestLink workspaceId={workspace.id} />;
  const close = () =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.delete('digest');
        return next;
      },
      { replace: true },
    );
  return <OpenDigest workspaceId={workspace.id} digestId={digestId} onClose={close} />;
}

function LatestDigestLink({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const list = useInsightDigests(workspaceId, true);
  const latest = list.data?.items[0];
  if (!latest) return null;
  return (
    <p className="muted" data-testid="digest-latest">
      <Link to={`?digest=${encodeURIComponent(latest.id)}`}>
        {t('insights.digest.latest', { week: latest.week })}
      </Link>
    </p>
  );
}

function OpenDigest({
  workspaceId,
  digestId,
  onClose,
}: {
  workspaceId: string;
  digestId: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const user = useRequiredUser();
  const digest = useInsightDigest(workspaceId, digestId);
  const locale: Locale = isLocale(i18n.language) ? i18n.language : 'en';

  let body: ReactNode;
  if (digest.isPending) {
    body = <LoadingState />;
  } else if (digest.isError) {
    const gone =
      digest.error instanceof ApiError &&
      (digest.error.code === 'not_found' || digest.error.code === 'validation_failed');
    body = gone ? (
      <p className="muted">{t('insights.digest.notFound')}</p>
    ) : (
      <ErrorState
        message={t(errorKey(digest.error))}
        onRetry={() => void digest.refetch()}
        retrying={digest.isFetching}
      />
    );
  } else {
    body = (
      <DigestBody
        workspaceId={workspaceId}
        summary={digest.data.summary}
        locale={locale}
        timeZone={user.timeZone}
        sentAt={formatDateTime(digest.data.createdAt, i18n.language, user.timeZone)}
      />
    );
  }

  return (
    <section className="card stack" data-testid="digest-panel" aria-labelledby="digest-title">
      <div className="card-header">
        <h2 id="digest-title">
          {digest.data
            ? t('insights.digest.title', { week: digest.data.week })
            : t('insights.digest.titlePlain')}
        </h2>
        <Button size="sm" variant="ghost" onClick={onClose} data-testid="digest-close">
          {t('insights.digest.close')}
        </Button>
      </div>
      {body}
    </section>
  );
}

function AssistantLine({ a, locale }: { a: InsightDigestAssistant; locale: Locale }) {
  const { t } = useTranslation();
  if (a.status !== 'ok' || a.score === null || a.band === null) {
    return (
      <li data-testid="digest-assistant">
        <strong>{a.name}</strong>: {t('insights.digest.insufficient', { count: a.completedTasks })}
      </li>
    );
  }
  const biggest = a.biggest && a.biggest.value > 0 ? a.biggest : null;
  return (
    <li data-testid="digest-assistant">
      <strong>{a.name}</strong>:{' '}
      {t('insights.digest.index', {
        score: formatNumber(a.score, locale),
        band: t(`insights.bands.${a.band}`),
      })}
      {biggest ? (
        <>
          {' — '}
          {t('insights.digest.biggest', { signal: t(`insights.signals.${biggest.key}.name`) })}
          <span className="muted">
            {' ('}
            {rawLines(biggest.key, biggest.raw, locale)
              .map((line) => t(`insights.raw.${line.key}`, { ...line.params, count: line.count }))
              .join('; ')}
            {')'}
          </span>
        </>
      ) : (
        <span className="muted"> — {t('insights.digest.calm')}</span>
      )}
      {a.underSupportTotal > 0 && (
        <span className="muted"> · {t('insights.digest.underSupport', { count: a.underSupportTotal })}</span>
      )}
    </li>
  );
}

function DigestBody({
  workspaceId,
  summary,
  locale,
  timeZone,
  sentAt,
}: {
  workspaceId: string;
  summary: InsightDigestSummary;
  locale: Locale;
  timeZone: string;
  sentAt: string;
}) {
  const { t, i18n } = useTranslation();
  const ws = `/w/${workspaceId}`;
  const { pendingProposals: proposals, episodesEnding: episodes, questionsWaiting: questions } = summary;
  return (
    <>
      <p className="muted">{t('insights.digest.sent', { date: sentAt, days: summary.windowDays })}</p>

      <h3>{t('insights.digest.assistantsTitle')}</h3>
      {summary.assistants.length === 0 ? (
        <p className="muted">{t('insights.digest.noAssistants')}</p>
      ) : (
        <ul className="list">
          {summary.assistants.map((a) => (
            <AssistantLine key={a.assistantId} a={a} locale={locale} />
          ))}
        </ul>
      )}

      <h3>{t('insights.digest.proposalsTitle', { count: proposals.count })}</h3>
      {proposals.count === 0 ? (
        <p className="muted">{t('insights.digest.none')}</p>
      ) : (
        <>
          <ul className="list" data-testid="digest-proposals">
            {proposals.items.map((p) => (
              <li key={p.id}>
                {t('insights.digest.proposal', {
                  member: p.memberName,
                  area: p.areaName,
                  from: p.fromLevel,
                  to: p.toLevel,
                })}
              </li>
            ))}
          </ul>
          {proposals.count > proposals.items.length && (
            <p className="muted">
              {t('insights.digest.more', { count: proposals.count - proposals.items.length })}
            </p>
          )}
          <p>
            <Link to={`${ws}/areas/matrix`}>{t('insights.digest.proposalsLink')}</Link>
          </p>
        </>
      )}

      <h3>{t('insights.digest.episodesTitle', { count: episodes.length })}</h3>
      {episodes.length === 0 ? (
        <p className="muted">{t('insights.digest.none')}</p>
      ) : (
        <ul className="list" data-testid="digest-episodes">
          {episodes.map((e) => (
            <li key={e.id}>
              {t('insights.digest.episode', {
                member: e.memberName,
                area: e.areaName,
                date: formatDate(e.plannedEndAt, i18n.language, timeZone),
              })}{' '}
              <Link to={`${ws}/areas/matrix`}>{t('insights.digest.episodeLink')}</Link>
            </li>
          ))}
        </ul>
      )}

      <h3>{t('insights.digest.questionsTitle', { count: questions.count })}</h3>
      {questions.count === 0 ? (
        <p className="muted">{t('insights.digest.none')}</p>
      ) : (
        <>
          <ul className="list" data-testid="digest-questions">
            {questions.items.map((q) => (
              <li key={q.id}>
                <Link to={`${ws}/questions?question=${encodeURIComponent(q.id)}`}>{q.excerpt}</Link>{' '}
                <span className="muted">{t('insights.digest.waiting', { count: q.waitingHours })}</span>
              </li>
            ))}
          </ul>
          {questions.count > questions.items.length && (
            <p className="muted">
              {t('insights.digest.more', { count: questions.count - questions.items.length })}
            </p>
          )}
          <p>
            <Link to={`${ws}/questions`}>{t('insights.digest.questionsLink')}</Link>
          </p>
        </>
      )}
    </>
  );
}
