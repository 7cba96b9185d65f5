import type { SopDetail } from '@leeway/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { errorKey } from '../../lib/errors.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { ChevronLeftIcon } from '../../ui/icons.tsx';
import { LoadingState } from '../../ui/Spinner.tsx';
import { useAreas } from '../areas/hooks.ts';
import { useUserFormat } from '../auth/use-user-format.ts';
import { useMemberMap } from '../tasks/people.ts';
import { DraftEditor } from './DraftEditor.tsx';
import { useSop } from './hooks.ts';
import { PublishDialog } from './PublishDialog.tsx';
import { SopDiffView } from './SopDiffView.tsx';
import { SopChips } from './SopLibrary.tsx';
import { AckPanel, SettingsPanel, VersionsPanel } from './SopSide.tsx';
import { StepsList } from './StepsList.tsx';

/** The draft's place on the page: a summary with its buttons, or the editor itself. */
function DraftSection({ workspaceId, sop }: { workspaceId: string; sop: SopDetail }) {
  const { t } = useTranslation();
  const format = useUserFormat();
  const people = useMemberMap(workspaceId);
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [publishing, setPublishing] = useState(false);
  if (editing) return <DraftEditor workspaceId={workspaceId} sop={sop} onClose={() => setEditing(false)} />;
  if (sop.status === 'retired' && !sop.draft) return null;
  const author = sop.draft?.authorId ? people.byId.get(sop.draft.authorId)?.name : undefined;
  const nextNumber = Math.max(0, ...sop.versions.map((v) => v.number)) + 1;
  return (
    <section className="task-section" aria-labelledby={`${id}-title`} data-testid="sop-draft">
      <h2 className="section-title" id={`${id}-title`}>
        {t('sops.draft.title')}
      </h2>
      {sop.draft ? (
        <p className="muted">
          {author
            ? t('sops.draft.pendingBy', { name: author, date: format.dateTime(sop.draft.updatedAt) })
            : t('sops.draft.pending')}
        </p>
      ) : (
        <p className="muted">{t('sops.draft.none')}</p>
      )}
      <div className="form-actions">
        <Button
          variant={sop.draft ? 'secondary' : 'primary'}
          onClick={() => setEditing(true)}
          data-testid="sop-edit"
        >
          {sop.canEdit
            ? sop.draft
              ? t('sops.draft.editDraft')
              : t('sops.draft.edit')
            : t('sops.draft.propose')}
        </Button>
        {sop.canEdit && sop.draft && (
          <Button variant="primary" onClick={() => setPublishing(true)} data-testid="sop-publish">
            {t('sops.publish.open')}
          </Button>
        )}
      </div>
      {!sop.canEdit && <p className="field-hint">{t('sops.draft.nonEditorNote')}</p>}
      {publishing && sop.draft && (
        <PublishDialog
          workspaceId={workspaceId}
          sop={sop}
          title={sop.draft.title}
          draftVersion={sop.draft.version}
          nextNumber={nextNumber}
          onClose={() => setPublishing(false)}
          onPublished={() => setPublishing(false)}
        />
      )}
    </section>
  );
}

function SopLoaded({ workspaceId, sop }: { workspaceId: string; sop: SopDetail }) {
  const { t } = useTranslation();
  const format = useUserFormat();
  const areas = useAreas(workspaceId, true);
  const people = useMemberMap(workspaceId);
  const [compare, setCompare] = useState<{ from: number; to: number } | null>(null);
  usePageTitle(sop.title);
  const area = areas.data?.find((a) => a.id === sop.areaId);
  const owner = sop.ownerId ? people.byId.get(sop.ownerId)?.name : undefined;
  // Never published: the draft is all there is to read.
  const shown = sop.current ?? sop.draft;

  return (
    <article className="sop-page stack-lg" data-testid="sop-page" data-sop-id={sop.id}>
      <header className="stack-sm">
        <Link className="sop-back" to={`/w/${workspaceId}/sops`}>
          <ChevronLeftIcon /> {t('sops.page.back')}
        </Link>
        <h1 className="sop-title" data-testid="sop-heading">
          {sop.title}
        </h1>
        <SopChips sop={sop} />
        <dl className="sop-facts">
          <div>
            <dt>{t('sops.page.area')}</dt>
            <dd>{area?.name ?? t('sops.row.noArea')}</dd>
          </div>
          <div>
            <dt>{t('sops.page.owner')}</dt>
            <dd>{owner ?? t('sops.row.noOwner')}</dd>
          </div>
          <div>
            <dt>{t('sops.page.statusLabel')}</dt>
            <dd>
              {sop.currentVersion !== null
                ? t('sops.page.version', { number: sop.currentVersion })
                : t('sops.row.unpublished')}
              {sop.lastPublishedAt && (
                <>
                  {' · '}
                  <time dateTime={sop.lastPublishedAt}>
                    {t('sops.page.lastPublished', { date: format.date(sop.lastPublishedAt) })}
                  </time>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('sops.page.review')}</dt>
            <dd>{t('sops.page.reviewEvery', { count: sop.reviewEveryDays })}</dd>
          </div>
        </dl>
      </header>

      {sop.openFollowUps.map((f) => (
        <div key={f.id} className="sop-followup" role="note" data-testid="sop-followup">
          <Link to={`/w/${workspaceId}/lessons/${f.lessonId}`}>
            {t('sops.page.followUp', { lesson: f.lessonTitle, title: f.title })}
          </Link>{' '}
          <span className="muted">({t('sops.page.followUpDue', { date: format.date(f.dueAt) })})</span>
        </div>
      ))}
      {sop.status === 'retired' && <Alert tone="info">{t('sops.page.retiredNote')}</Alert>}
      {sop.reviewDue && sop.canEdit && <Alert tone="info">{t('sops.page.reviewDueNote')}</Alert>}

      <div className="sop-layout">
        <div className="sop-main stack-lg">
          <section className="task-section" aria-labelledby="sop-purpose-title">
            <h2 className="section-title" id="sop-purpose-title">
              {t('sops.page.purpose')}
            </h2>
            <p className={`sop-purpose${shown?.purpose ? '' : ' muted'}`}>
              {shown?.purpose || t('sops.page.noPurpose')}
            </p>
          </section>
          <section className="task-section" aria-labelledby="sop-steps-title" data-testid="sop-steps">
            <h2 className="section-title" id="sop-steps-title">
              {sop.currentVersion !== null
                ? t('sops.page.stepsOf', { number: sop.currentVersion })
                : t('sops.page.steps')}
            </h2>
            {sop.current === null && <p className="muted">{t('sops.page.noVersion')}</p>}
            {shown && <StepsList steps={shown.steps} />}
          </section>
          <DraftSection workspaceId={workspaceId} sop={sop} />
          {compare && (
            <SopDiffView
              workspaceId={workspaceId}
              sopId={sop.id}
              from={compare.from}
              to={compare.to}
              onClose={() => setCompare(null)}
            />
          )}
        </div>
        <aside className="sop-side stack-lg" aria-label={t('sops.page.sideLabel')}>
          <AckPanel workspaceId={workspaceId} sop={sop} />
          <VersionsPanel workspaceId={workspaceId} sop={sop} onCompare={setCompare} />
          {sop.canEdit && <SettingsPanel key={sop.version} workspaceId={workspaceId} sop={sop} />}
        </aside>
      </div>
    </article>
  );
}

/** The SOP page: loading, not found and error states around the loaded SOP. */
export function SopView({ workspaceId, sopId }: { workspaceId: string; sopId: string }) {
  const { t } = useTranslation();
  const sop = useSop(workspaceId, sopId);
  if (sop.error instanceof ApiError && sop.error.code === 'not_found')
    return (
      <EmptyState
        title={t('sops.page.notFoundTitle')}
        action={
          <Link className="button button-primary" to={`/w/${workspaceId}/sops`}>
            {t('sops.page.back')}
          </Link>
        }
      >
        <p>{t('sops.page.notFoundBody')}</p>
      </EmptyState>
    );
  if (sop.isError && !sop.data)
    return (
      <ErrorState
        message={t(errorKey(sop.error))}
        onRetry={() => void sop.refetch()}
        retrying={sop.isFetching}
      />
    );
  if (!sop.data) return <LoadingState />;
  return <SopLoaded workspaceId={workspaceId} sop={sop.data} />;
}
