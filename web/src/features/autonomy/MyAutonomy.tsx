import { type AreaAutonomy, autonomyLevels, autonomyLimits } from '@leeway/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { FormDialog } from '../../ui/Dialog.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { SelectField, TextAreaField } from '../../ui/Field.tsx';
import { LoadingState, Spinner } from '../../ui/Spinner.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useAreas } from '../areas/hooks.ts';
import { useUserFormat } from '../auth/use-user-format.ts';
import { EvidenceView } from './EvidenceView.tsx';
import { ExplanationText } from './Explanation.tsx';
import { useMyAutonomy, useProposals, useRequestLevelChange } from './hooks.ts';
import { LevelBadge } from './LevelBadge.tsx';
import { newestFirst } from './levels.ts';
import { episodeReasonNames, useExplainFormat } from './use-explain.ts';

function RequestChangeDialog({
  workspaceId,
  cells,
  areaName,
  initialAreaId,
  onClose,
}: {
  workspaceId: string;
  cells: readonly AreaAutonomy[];
  areaName: (areaId: string) => string;
  initialAreaId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const format = useExplainFormat();
  const request = useRequestLevelChange(workspaceId);
  const [areaId, setAreaId] = useState(initialAreaId);
  const current = cells.find((c) => c.grant.areaId === areaId)?.grant.level ?? 1;
  const [target, setTarget] = useState(String(Math.min(5, current + 1)));
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const formId = useId();
  const sameLevel = Number(target) === current;
  const noteError =
    note.trim() === ''
      ? tried
        ? t('autonomy.validation.required')
        : undefined
      : note.length > autonomyLimits.noteMax
        ? t('autonomy.validation.tooLong', { max: autonomyLimits.noteMax })
        : undefined;
  return (
    <FormDialog
      title={t('autonomy.mine.requestTitle')}
      onClose={onClose}
      formId={formId}
      submitLabel={t('autonomy.mine.requestChange')}
      submitTestId="request-change-submit"
      pending={request.isPending}
    >
      <form
        id={formId}
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (sameLevel || note.trim() === '' || note.length > autonomyLimits.noteMax) return;
          request.mutate(
            { areaId, to: Number(target), note: note.trim() },
            {
              onSuccess: () => {
                toast.success(t('autonomy.mine.sent'));
                onClose();
              },
            },
          );
        }}
      >
        {request.error && <Alert>{t(errorKey(request.error))}</Alert>}
        <SelectField
          label={t('autonomy.mine.area')}
          value={areaId}
          options={cells.map((c) => ({ value: c.grant.areaId, label: areaName(c.grant.areaId) }))}
          data-testid="request-change-area"
          onChange={(event) => setAreaId(event.target.value)}
        />
        <SelectField
          label={t('autonomy.mine.target')}
          value={target}
          options={autonomyLevels.map((l) => ({ value: String(l), label: format.levelLabel(l) }))}
          error={sameLevel ? t('autonomy.mine.sameLevel') : undefined}
          data-testid="request-change-level"
          onChange={(event) => setTarget(event.target.value)}
        />
        <TextAreaField
          label={t('autonomy.mine.note')}
          hint={t('autonomy.mine.noteHint')}
          rows={3}
          value={note}
          error={noteError}
          data-testid="request-change-note"
          onChange={(event) => setNote(event.target.value)}
        />
      </form>
    </FormDialog>
  );
}

function MyProposals({ workspaceId, areaName }: { workspaceId: string; areaName: (id: string) => string }) {
  const { t } = useTranslation();
  const format = useUserFormat();
  const proposals = useProposals(workspaceId, 'all');
  const headingId = useId();
  return (
    <section className="stack-sm" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('autonomy.mine.myProposals')}</h2>
      {proposals.isPending ? (
        <Spinner />
      ) : proposals.isError ? (
        <ErrorState
          message={t(errorKey(proposals.error))}
          onRetry={() => void proposals.refetch()}
          retrying={proposals.isFetching}
        />
      ) : proposals.data.length === 0 ? (
        <p className="muted">{t('autonomy.proposals.empty')}</p>
      ) : (
        <ul className="ladder-list">
          {newestFirst(proposals.data).map((p) => (
            <li key={p.id} className="ladder-item" data-testid="my-proposal" data-status={p.status}>
              <div className="ladder-item-head">
                <strong>{areaName(p.areaId)}</strong>
                <span>{t('autonomy.proposals.entry', { from: p.from, to: p.to })}</span>
                <span className={`badge proposal-${p.status}`}>
                  {t(`autonomy.proposalStatus.${p.status}`)}
                </span>
                <time className="muted" dateTime={p.createdAt}>
                  {format.date(p.createdAt)}
                </time>
              </div>
              {p.explanation && <ExplanationText explanation={p.explanation} />}
              {p.note && <p className="ladder-note">{t('autonomy.proposals.note', { note: p.note })}</p>}
              {p.decisionReason && (
                <p className="ladder-note">
                  {t('autonomy.proposals.decisionReason', { reason: p.decisionReason })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The assistant's own page: level per area, evidence, what the next level needs, request a change. */
export function MyAutonomy({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const format = useUserFormat();
  const mine = useMyAutonomy(workspaceId);
  const areas = useAreas(workspaceId, true);
  const reasons = episodeReasonNames(t);
  const [requestFor, setRequestFor] = useState<string | null>(null);
  const areaName = (id: string) => areas.data?.find((a) => a.id === id)?.name ?? '—';

  if (mine.isPending) return <LoadingState />;
  if (mine.isError)
    return (
      <ErrorState
        message={t(errorKey(mine.error))}
        onRetry={() => void mine.refetch()}
        retrying={mine.isFetching}
      />
    );
  if (mine.data.length === 0)
    return (
      <EmptyState
        title={t('autonomy.mine.emptyTitle')}
        action={
          <Link className="button button-primary" to={`/w/${workspaceId}/areas`}>
            {t('autonomy.mine.toAreas')}
          </Link>
        }
      >
        <p>{t('autonomy.mine.emptyBody')}</p>
      </EmptyState>
    );

  const cells = [...mine.data].sort((a, b) =>
    areaName(a.grant.areaId).localeCompare(areaName(b.grant.areaId)),
  );
  return (
    <div className="stack-lg">
      <div>
        <Button
          variant="primary"
          data-testid="request-change"
          onClick={() => setRequestFor(cells[0]?.grant.areaId ?? null)}
        >
          {t('autonomy.mine.requestChange')}
        </Button>
      </div>
      <div className="my-areas">
        {cells.map((cell) => (
          <article
            key={cell.grant.areaId}
            className="my-area stack"
            data-testid="my-autonomy-area"
            data-area-id={cell.grant.areaId}
            data-level={cell.grant.effectiveLevel}
          >
            <header className="my-area-head">
              <h2 className="my-area-name">{areaName(cell.grant.areaId)}</h2>
              <LevelBadge level={cell.grant.effectiveLevel} />
            </header>
            {cell.activeEpisode && (
              <p className="badge badge-episode">
                {t('autonomy.mine.activeEpisode', {
                  reason: reasons[cell.activeEpisode.reason],
                  date: format.date(cell.activeEpisode.plannedEndAt),
                })}
              </p>
            )}
            {cell.pendingProposal && (
              <p className="cell-proposal">
                {t('autonomy.board.pendingProposal')}:{' '}
                {t('autonomy.proposals.entry', {
                  from: cell.pendingProposal.from,
                  to: cell.pendingProposal.to,
                })}
              </p>
            )}
            <EvidenceView grant={cell.grant} evidence={cell.evidence} />
            <div>
              <Button size="sm" onClick={() => setRequestFor(cell.grant.areaId)}>
                {t('autonomy.mine.requestChange')}
              </Button>
            </div>
          </article>
        ))}
      </div>
      <MyProposals workspaceId={workspaceId} areaName={areaName} />
      {requestFor && (
        <RequestChangeDialog
          workspaceId={workspaceId}
          cells={cells}
          areaName={areaName}
          initialAreaId={requestFor}
          onClose={() => setRequestFor(null)}
        />
      )}
    </div>
  );
}
