import { type SopDetail, sopLimits } from '@leeway/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog, Dialog } from '../../ui/Dialog.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { LoadingState } from '../../ui/Spinner.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat } from '../auth/use-user-format.ts';
import { sortedMembers, useMemberMap } from '../tasks/people.ts';
import { useAcknowledgeSop, useDeleteSop, useSopVersion, useUpdateSop } from './hooks.ts';
import { StepsList } from './StepsList.tsx';
import { checkReviewInterval, defaultComparePair, versionNumbers } from './sop-values.ts';

/** "You have acknowledged v3", or the button to do it; and who in the area has. */
export function AckPanel({ workspaceId, sop }: { workspaceId: string; sop: SopDetail }) {
  const { t } = useTranslation();
  const toast = useToast();
  const format = useUserFormat();
  const id = useId();
  const acknowledge = useAcknowledgeSop(workspaceId, sop.id);
  const current = sop.currentVersion;
  const members = [...sop.acknowledgements.members].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section className="task-section sop-panel" aria-labelledby={`${id}-title`} data-testid="sop-ack-panel">
      <h2 className="section-title" id={`${id}-title`}>
        {t('sops.ack.title')}
      </h2>
      {current === null ? (
        <p className="muted">{t('sops.ack.nothing')}</p>
      ) : sop.acknowledgedByMe ? (
        <p className="sop-ack-done" data-testid="sop-acknowledged">
          ✓ {t('sops.ack.done', { number: current })}
        </p>
      ) : (
        <div className="stack-sm">
          {acknowledge.error && <Alert>{t(errorKey(acknowledge.error))}</Alert>}
          <Button
            variant="primary"
            pending={acknowledge.isPending}
            disabled={sop.status === 'retired'}
            onClick={() =>
              acknowledge.mutate(
                { versionNumber: current },
                { onSuccess: () => toast.success(t('sops.ack.thanks', { number: current })) },
              )
            }
            data-testid="sop-acknowledge"
          >
            {t('sops.ack.button', { number: current })}
          </Button>
        </div>
      )}
      {current !== null && (
        <>
          <h3 className="field-label">{t('sops.ack.people')}</h3>
          {members.length === 0 ? (
            <p className="muted">{t('sops.ack.noPeople')}</p>
          ) : (
            <ul className="sop-ack-list">
              {members.map((m) => (
                <li key={m.memberId} data-testid="sop-ack-member" data-acknowledged={m.acknowledged}>
                  <span>{m.name}</span>
                  {m.acknowledged ? (
                    <span className="badge sop-badge-ok">
                      {m.acknowledgedAt
                        ? t('sops.ack.acknowledged', { date: format.date(m.acknowledgedAt) })
                        : `✓ v${m.versionNumber ?? current}`}
                    </span>
                  ) : (
                    <span className="badge sop-badge-pending">
                      {m.versionNumber !== null
                        ? t('sops.ack.olderOnly', { number: m.versionNumber })
                        : t('sops.ack.pending')}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

/** One published version's title, purpose and steps, read from the server. */
function VersionDialog({
  workspaceId,
  sopId,
  number,
  onClose,
}: {
  workspaceId: string;
  sopId: string;
  number: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const version = useSopVersion(workspaceId, sopId, number);
  return (
    <Dialog
      open
      title={t('sops.versions.viewTitle', { number })}
      onClose={onClose}
      footer={
        <Button onClick={onClose} autoFocus>
          {t('sops.versions.closeView')}
        </Button>
      }
    >
      {version.isPending ? (
        <LoadingState />
      ) : version.isError ? (
        <ErrorState
          message={t(errorKey(version.error))}
          onRetry={() => void version.refetch()}
          retrying={version.isFetching}
        />
      ) : (
        <div className="stack" data-testid="sop-version-view">
          <p className="sop-version-title">{version.data.title}</p>
          {version.data.purpose && <p className="sop-purpose">{version.data.purpose}</p>}
          <StepsList steps={version.data.steps} />
        </div>
      )}
    </Dialog>
  );
}

/** Published versions with their changelogs, and the picker that compares any two. */
export function VersionsPanel({
  workspaceId,
  sop,
  onCompare,
}: {
  workspaceId: string;
  sop: SopDetail;
  onCompare: (pair: { from: number; to: number }) => void;
}) {
  const { t } = useTranslation();
  const format = useUserFormat();
  const people = useMemberMap(workspaceId);
  const id = useId();
  const numbers = versionNumbers(sop);
  const initial = defaultComparePair(numbers);
  // Empty until picked: the default pair follows new versions as they are published.
  const [pickedFrom, setFrom] = useState('');
  const [pickedTo, setTo] = useState('');
  const from = pickedFrom || String(initial?.from ?? '');
  const to = pickedTo || String(initial?.to ?? '');
  const same = from !== '' && from === to;
  const versions = [...sop.versions].sort((a, b) => b.number - a.number);
  const [viewing, setViewing] = useState<number | null>(null);

  return (
    <section className="task-section sop-panel" aria-labelledby={`${id}-title`} data-testid="sop-versions">
      <h2 className="section-title" id={`${id}-title`}>
        {t('sops.versions.title')}
      </h2>
      {versions.length === 0 ? (
        <p className="muted">{t('sops.versions.empty')}</p>
      ) : (
        <ol className="sop-version-list">
          {versions.map((v) => {
            const by = v.publishedBy ? people.byId.get(v.publishedBy)?.name : undefined;
            return (
              <li key={v.id} className="sop-version-row" data-testid="sop-version-row" data-number={v.number}>
                <p className="sop-version-head">
                  <strong>{t('sops.versions.row', { number: v.number })}</strong>
                  {v.number === sop.currentVersion && (
                    <span className="badge sop-status-published">{t('sops.versions.current')}</span>
                  )}
                  {v.requiresReacknowledgement && (
                    <span className="badge sop-badge-due" data-testid="sop-version-reack">
                      {t('sops.versions.reack')}
                    </span>
                  )}
                </p>
                <p className="muted sop-version-meta">
                  <time dateTime={v.publishedAt}>
                    {by
                      ? t('sops.versions.publishedBy', { date: format.date(v.publishedAt), name: by })
                      : t('sops.versions.publishedAt', { date: format.date(v.publishedAt) })}
                  </time>
                </p>
                <p className="sop-version-changelog">{v.changelog || t('sops.versions.noChangelog')}</p>
                <div>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={t('sops.versions.viewNamed', { number: v.number })}
                    onClick={() => setViewing(v.number)}
                    data-testid="sop-version-view-open"
                  >
                    {t('sops.versions.view')}
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {numbers.length >= 2 && (
        <form
          className="sop-compare"
          noValidate
          aria-label={t('sops.versions.compareTitle')}
          onSubmit={(event) => {
            event.preventDefault();
            if (same || !from || !to) return;
            onCompare({ from: Number(from), to: Number(to) });
          }}
        >
          <h3 className="field-label">{t('sops.versions.compareTitle')}</h3>
          <p className="field-hint">{t('sops.versions.compareHint')}</p>
          <div className="sop-compare-row">
            <SelectField
              label={t('sops.versions.from')}
              value={from}
              options={numbers.map((n) => ({ value: String(n), label: `v${n}` }))}
              onChange={(event) => setFrom(event.target.value)}
              data-testid="sop-compare-from"
            />
            <SelectField
              label={t('sops.versions.to')}
              value={to}
              options={numbers.map((n) => ({ value: String(n), label: `v${n}` }))}
              onChange={(event) => setTo(event.target.value)}
              data-testid="sop-compare-to"
            />
          </div>
          {same && <p className="field-error">{t('sops.versions.sameVersion')}</p>}
          <Button type="submit" size="sm" disabled={same} data-testid="sop-compare">
            {t('sops.versions.compare')}
          </Button>
        </form>
      )}
      {viewing !== null && (
        <VersionDialog
          workspaceId={workspaceId}
          sopId={sop.id}
          number={viewing}
          onClose={() => setViewing(null)}
        />
      )}
    </section>
  );
}

/** Editors: owner, review interval, retire or bring back, and delete while never published. */
export function SettingsPanel({ workspaceId, sop }: { workspaceId: string; sop: SopDetail }) {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const id = useId();
  const people = useMemberMap(workspaceId);
  const update = useUpdateSop(workspaceId, sop.id);
  const remove = useDeleteSop(workspaceId, sop.id);
  const [ownerId, setOwnerId] = useState(sop.ownerId ?? '');
  const [interval, setReviewEvery] = useState(String(sop.reviewEveryDays));
  const [intervalLeft, setIntervalLeft] = useState(false);
  const [confirm, setConfirm] = useState<'retire' | 'delete' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const intervalProblem = checkReviewInterval(interval);
  const intervalError =
    intervalProblem && (intervalLeft || intervalProblem === 'integer_between')
      ? intervalProblem === 'required'
        ? t('sops.problems.required')
        : t('sops.problems.integer_between', {
            min: sopLimits.reviewEveryDaysMin,
            max: sopLimits.reviewEveryDaysMax,
          })
      : undefined;
  const changed = ownerId !== (sop.ownerId ?? '') || interval !== String(sop.reviewEveryDays);
  const neverPublished = sop.versions.length === 0;

  function onError(e: unknown) {
    if (e instanceof ApiError && e.code === 'conflict') {
      setError(t('sops.settings.conflict'));
      setOwnerId(sop.ownerId ?? '');
      setReviewEvery(String(sop.reviewEveryDays));
    } else setError(t(errorKey(e)));
  }

  return (
    <section className="task-section sop-panel" aria-labelledby={`${id}-title`} data-testid="sop-settings">
      <h2 className="section-title" id={`${id}-title`}>
        {t('sops.settings.title')}
      </h2>
      {error && <Alert>{error}</Alert>}
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setIntervalLeft(true);
          if (intervalProblem || !changed) return;
          setError(null);
          update.mutate(
            {
              version: sop.version,
              ...(ownerId && ownerId !== sop.ownerId ? { ownerId } : {}),
              ...(interval !== String(sop.reviewEveryDays) ? { reviewEveryDays: Number(interval) } : {}),
            },
            { onSuccess: () => toast.success(t('sops.settings.saved')), onError },
          );
        }}
      >
        <SelectField
          label={t('sops.settings.owner')}
          value={ownerId}
          options={[
            ...(sop.ownerId === null ? [{ value: '', label: t('sops.row.noOwner') }] : []),
            ...sortedMembers(people.members).map((m) => ({ value: m.userId, label: m.name })),
          ]}
          onChange={(event) => setOwnerId(event.target.value)}
          data-testid="sop-settings-owner"
        />
        <TextField
          label={t('sops.settings.reviewEveryDays')}
          type="number"
          inputMode="numeric"
          min={sopLimits.reviewEveryDaysMin}
          max={sopLimits.reviewEveryDaysMax}
          value={interval}
          error={intervalError}
          onChange={(event) => setReviewEvery(event.target.value)}
          onBlur={() => setIntervalLeft(true)}
          data-testid="sop-settings-interval"
        />
        <div>
          <Button
            type="submit"
            size="sm"
            pending={update.isPending && confirm === null}
            disabled={!changed}
            data-testid="sop-settings-save"
          >
            {t('sops.settings.save')}
          </Button>
        </div>
      </form>
      <div className="form-actions">
        {sop.status === 'published' && (
          <Button
            size="sm"
            variant="ghost"
            className="button-danger-text"
            onClick={() => setConfirm('retire')}
          >
            {t('sops.settings.retire')}
          </Button>
        )}
        {sop.status === 'retired' && (
          <Button
            size="sm"
            pending={update.isPending}
            onClick={() =>
              update.mutate(
                { version: sop.version, status: 'published' },
                { onSuccess: () => toast.success(t('sops.settings.reactivated')), onError },
              )
            }
            data-testid="sop-reactivate"
          >
            {t('sops.settings.reactivate')}
          </Button>
        )}
        {neverPublished && (
          <Button
            size="sm"
            variant="ghost"
            className="button-danger-text"
            onClick={() => {
              remove.reset();
              setConfirm('delete');
            }}
            data-testid="sop-delete"
          >
            {t('sops.settings.delete')}
          </Button>
        )}
      </div>
      <ConfirmDialog
        open={confirm === 'retire'}
        title={t('sops.settings.retireTitle')}
        message={t('sops.settings.retireMessage')}
        confirmLabel={t('sops.settings.retire')}
        pending={update.isPending}
        error={update.error ? t(errorKey(update.error)) : null}
        onCancel={() => setConfirm(null)}
        onConfirm={() =>
          update.mutate(
            { version: sop.version, status: 'retired' },
            {
              onSuccess: () => {
                setConfirm(null);
                toast.success(t('sops.settings.retired'));
              },
            },
          )
        }
      />
      <ConfirmDialog
        open={confirm === 'delete'}
        title={t('sops.settings.deleteTitle', { title: sop.title })}
        message={t('sops.settings.deleteMessage')}
        confirmLabel={t('sops.settings.delete')}
        pending={remove.isPending}
        error={remove.error ? t(errorKey(remove.error)) : null}
        onCancel={() => setConfirm(null)}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setConfirm(null);
              toast.success(t('sops.settings.deleted', { title: sop.title }));
              void navigate(`/w/${workspaceId}/sops`);
            },
          })
        }
      />
    </section>
  );
}
