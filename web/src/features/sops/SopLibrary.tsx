import { type SopListQuery, type SopStatus, type SopSummary, sopStatuses } from '@leeway/core';
import { type ReactNode, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { PlusIcon } from '../../ui/icons.tsx';
import { LoadingState } from '../../ui/Spinner.tsx';
import { useAreas } from '../areas/hooks.ts';
import { useRequiredUser } from '../auth/session.ts';
import { useMemberMap } from '../tasks/people.ts';
import { useSops } from './hooks.ts';
import { ownDueReviews } from './sop-values.ts';

function isStatus(value: string): value is SopStatus {
  return (sopStatuses as readonly string[]).includes(value);
}

/** The status, review-due, draft and acknowledge marks of one SOP. */
export function SopChips({ sop }: { sop: SopSummary }) {
  const { t } = useTranslation();
  return (
    <span className="sop-chips">
      <span className={`badge sop-status sop-status-${sop.status}`} data-testid="sop-status">
        {t(`sops.status.${sop.status}`)}
      </span>
      {sop.reviewDue && (
        <span className="badge sop-badge-due" data-testid="sop-review-due">
          {t('sops.chips.reviewDue')}
        </span>
      )}
      {sop.hasDraft && sop.status !== 'draft' && (
        <span className="badge sop-badge-draft" data-testid="sop-draft-pending">
          {t('sops.chips.draftPending')}
        </span>
      )}
      {!sop.acknowledgedByMe && sop.currentVersion !== null && sop.status === 'published' && (
        <span className="badge sop-badge-ack" data-testid="sop-needs-ack">
          {t('sops.chips.acknowledge')}
        </span>
      )}
    </span>
  );
}

/** Reminder for the reader's own SOPs whose review is due (DESIGN §6). */
function DueBanner({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const user = useRequiredUser();
  const due = useSops(workspaceId, { reviewDue: 'true' });
  const mine = ownDueReviews(due.data ?? [], user.id);
  if (mine.length === 0) return null;
  return (
    <section className="sop-banner" aria-labelledby="sop-due-banner" data-testid="sop-due-banner">
      <p className="sop-banner-title" id="sop-due-banner">
        {t('sops.banner.title', { count: mine.length })}
      </p>
      <p className="muted">{t('sops.banner.body')}</p>
      <ul className="sop-banner-list">
        {mine.map((sop) => (
          <li key={sop.id}>
            <Link to={`/w/${workspaceId}/sops/${sop.id}`}>{sop.title}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The library: filters (area, status, review due, text), the reminder banner and the rows. */
export function SopLibrary({ workspaceId, onNew }: { workspaceId: string; onNew: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const areas = useAreas(workspaceId, true);
  const people = useMemberMap(workspaceId);
  const [areaId, setAreaId] = useState('');
  const [status, setStatus] = useState('');
  const [reviewDue, setReviewDue] = useState(false);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');

  // Search as one types, but not one request per key.
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(text.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [text]);

  const query: SopListQuery = {};
  if (areaId) query.areaId = areaId;
  if (isStatus(status)) query.status = status;
  if (reviewDue) query.reviewDue = 'true';
  if (q) query.q = q;
  const filtered = Object.keys(query).length > 0;
  const list = useSops(workspaceId, query);
  const areaName = (areaIdOf: string) => areas.data?.find((a) => a.id === areaIdOf)?.name;
  const activeAreas = (areas.data ?? [])
    .filter((a) => a.archivedAt === null || a.id === areaId)
    .sort((a, b) => a.name.localeCompare(b.name));

  function clear() {
    setAreaId('');
    setStatus('');
    setReviewDue(false);
    setText('');
    setQ('');
  }

  let body: ReactNode;
  if (list.isPending) body = <LoadingState />;
  else if (list.isError)
    body = (
      <ErrorState
        message={t(errorKey(list.error))}
        onRetry={() => void list.refetch()}
        retrying={list.isFetching}
      />
    );
  else if (list.data.length === 0)
    body = filtered ? (
      <EmptyState
        title={t('sops.empty.filteredTitle')}
        action={<Button onClick={clear}>{t('sops.filters.clear')}</Button>}
      >
        <p>{t('sops.empty.filteredBody')}</p>
      </EmptyState>
    ) : (
      <EmptyState
        title={t('sops.empty.title')}
        action={
          <Button variant="primary" icon={<PlusIcon />} onClick={onNew} data-testid="sop-new-empty">
            {t('sops.empty.action')}
          </Button>
        }
      >
        <p>{t('sops.empty.body')}</p>
      </EmptyState>
    );
  else
    body = (
      <ul className="sop-list" aria-label={t('sops.listLabel')}>
        {list.data.map((sop) => {
          const owner = sop.ownerId ? people.byId.get(sop.ownerId)?.name : undefined;
          return (
            <li key={sop.id} className="sop-row" data-testid="sop-row" data-sop-id={sop.id}>
              <div className="sop-row-main">
                <Link className="sop-row-title" to={`/w/${workspaceId}/sops/${sop.id}`}>
                  {sop.title}
                </Link>
                <p className="muted sop-row-meta">
                  <span>{areaName(sop.areaId) ?? t('sops.row.noArea')}</span>
                  <span>{owner ? t('sops.row.owner', { name: owner }) : t('sops.row.noOwner')}</span>
                  <span>
                    {sop.currentVersion !== null
                      ? t('sops.row.version', { number: sop.currentVersion })
                      : t('sops.row.unpublished')}
                  </span>
                </p>
              </div>
              <SopChips sop={sop} />
            </li>
          );
        })}
      </ul>
    );

  return (
    <div className="stack">
      <DueBanner workspaceId={workspaceId} />
      <search className="sop-filters" aria-label={t('sops.filters.label')}>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-area`}>
            {t('sops.filters.area')}
          </label>
          <select
            id={`${id}-area`}
            className="input select"
            value={areaId}
            onChange={(event) => setAreaId(event.target.value)}
            data-testid="sop-filter-area"
          >
            <option value="">{t('sops.filters.allAreas')}</option>
            {activeAreas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${id}-status`}>
            {t('sops.filters.status')}
          </label>
          <select
            id={`${id}-status`}
            className="input select"
            value={status}
            onChange={(event) => setStatus(event.target.value)}
            data-testid="sop-filter-status"
          >
            <option value="">{t('sops.filters.allStatuses')}</option>
            {sopStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`sops.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field sop-filter-search">
          <label className="field-label" htmlFor={`${id}-q`}>
            {t('sops.filters.search')}
          </label>
          <input
            id={`${id}-q`}
            type="search"
            className="input"
            value={text}
            maxLength={200}
            placeholder={t('sops.filters.searchPlaceholder')}
            onChange={(event) => setText(event.target.value)}
            data-testid="sop-filter-q"
          />
        </div>
        <label className="check sop-filter-due">
          <input
            type="checkbox"
            checked={reviewDue}
            onChange={(event) => setReviewDue(event.target.checked)}
            data-testid="sop-filter-due"
          />
          <span>{t('sops.filters.reviewDue')}</span>
        </label>
      </search>
      {body}
    </div>
  );
}
