import {
  autonomyLevels,
  autonomyLimits,
  type EpisodeReason,
  episodeReasons,
  type Proposal,
  type SupportEpisode,
} from '@leeway/core';
import type { TFunction } from 'i18next';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog, Dialog } from '../../ui/Dialog.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { LoadingState } from '../../ui/Spinner.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat, useUserTimeZone } from '../auth/use-user-format.ts';
import { addDays, dayOf, startOfDay } from '../board/dates.ts';
import { EvidenceView } from './EvidenceView.tsx';
import { ExplanationText } from './Explanation.tsx';
import {
  type MemberAreaDetail,
  useAutonomySettings,
  useEndEpisode,
  useExtendEpisode,
  useMemberArea,
  useSetLevel,
  useStartEpisode,
} from './hooks.ts';
import { LevelBadge } from './LevelBadge.tsx';
import { episodeEndInstant, newestFirst } from './levels.ts';
import { ProposalDecision } from './ProposalDecision.tsx';
import { episodeReasonNames, useExplainFormat } from './use-explain.ts';

const fallbackEpisodeDays = { defaultDays: 14, maxDays: 30 };

function requiredText(value: string, max: number, tried: boolean, t: TFunction): string | undefined {
  if (value.trim() === '') return tried ? t('autonomy.validation.required') : undefined;
  if (value.length > max) return t('autonomy.validation.tooLong', { max });
  return undefined;
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const id = useId();
  return (
    <section className="panel-section stack-sm" aria-labelledby={id} data-testid={testId}>
      <h3 id={id} className="panel-section-title">
        {title}
      </h3>
      {children}
    </section>
  );
}

function ProposalRow({
  workspaceId,
  proposal,
  canDecide,
}: {
  workspaceId: string;
  proposal: Proposal;
  canDecide: boolean;
}) {
  const { t } = useTranslation();
  const _toast = useToast();
  const format = useUserFormat();
  const pending = proposal.status === 'pending';
  return (
    <li className="ladder-item" data-testid="proposal" data-status={proposal.status}>
      <div className="ladder-item-head">
        <strong>{t('autonomy.proposals.entry', { from: proposal.from, to: proposal.to })}</strong>
        <span className="badge">{t(`autonomy.proposalKind.${proposal.kind}`)}</span>
        <span className={`badge proposal-${proposal.status}`}>
          {t(`autonomy.proposalStatus.${proposal.status}`)}
        </span>
        <time className="muted" dateTime={proposal.createdAt}>
          {format.date(proposal.createdAt)}
        </time>
      </div>
      {proposal.explanation && <ExplanationText explanation={proposal.explanation} />}
      {proposal.note && (
        <p className="ladder-note">{t('autonomy.proposals.note', { note: proposal.note })}</p>
      )}
      {proposal.decisionReason && (
        <p className="ladder-note">
          {t('autonomy.proposals.decisionReason', { reason: proposal.decisionReason })}
        </p>
      )}
      {pending && canDecide && (
        <ProposalDecision workspaceId={workspaceId} proposalId={proposal.id} toLevel={proposal.to} />
      )}
    </li>
  );
}

function SetLevelForm({ workspaceId, detail }: { workspaceId: string; detail: MemberAreaDetail }) {
  const { t } = useTranslation();
  const toast = useToast();
  const format = useExplainFormat();
  const set = useSetLevel(workspaceId, detail.grant.memberId, detail.grant.areaId);
  const [level, setLevel] = useState(String(detail.grant.level));
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const formId = useId();
  const reasonError = requiredText(reason, autonomyLimits.reasonMax, tried, t);
  return (
    <form
      id={formId}
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (reason.trim() === '' || reason.length > autonomyLimits.reasonMax) return;
        const next = Number(level);
        set.mutate(
          { level: next, reason: reason.trim() },
          {
            onSuccess: () => {
              toast.success(t('autonomy.setLevel.done', { level: next }));
              setReason('');
              setTried(false);
            },
          },
        );
      }}
    >
      {set.error && <Alert>{t(errorKey(set.error))}</Alert>}
      <SelectField
        label={t('autonomy.setLevel.level')}
        value={level}
        options={autonomyLevels.map((l) => ({ value: String(l), label: format.levelLabel(l) }))}
        data-testid="set-level-select"
        onChange={(event) => setLevel(event.target.value)}
      />
      <TextAreaField
        label={t('autonomy.setLevel.reason')}
        hint={t('autonomy.setLevel.reasonHint')}
        rows={2}
        value={reason}
        error={reasonError}
        data-testid="set-level-reason"
        onChange={(event) => setReason(event.target.value)}
      />
      <div>
        <Button type="submit" pending={set.isPending} data-testid="set-level-submit">
          {t('autonomy.setLevel.submit')}
        </Button>
      </div>
    </form>
  );
}

/** Episode end choices as days in the reader's zone; the instant keeps today's time of day. */
function useDayChoices(maxDays: number) {
  const timeZone = useUserTimeZone();
  const now = Date.now();
  const today = dayOf(now, timeZone);
  const timeOfDay = now - startOfDay(today, timeZone);
  return {
    min: addDays(today, 1),
    max: addDays(today, maxDays),
    dayAfter: (days: number) => addDays(today, days),
    toIso: (day: string) =>
      new Date(episodeEndInstant(startOfDay(day, timeZone), now, timeOfDay, maxDays)).toISOString(),
  };
}

function dayProblem(day: string, min: string, max: string, maxDays: number, t: TFunction) {
  if (day === '') return t('autonomy.validation.required');
  if (day < min) return t('autonomy.episodes.endInPast');
  if (day > max) return t('autonomy.episodes.endTooLate', { max: maxDays });
  return undefined;
}

function StartEpisodeForm({
  workspaceId,
  detail,
  onDone,
}: {
  workspaceId: string;
  detail: MemberAreaDetail;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const format = useExplainFormat();
  const settings = useAutonomySettings(workspaceId);
  const days = settings.data?.supportEpisodes ?? fallbackEpisodeDays;
  const choices = useDayChoices(days.maxDays);
  const start = useStartEpisode(workspaceId);
  const reasons = episodeReasonNames(t);
  const [reason, setReason] = useState<EpisodeReason>('onboarding');
  const [cap, setCap] = useState(String(Math.max(1, Math.min(2, detail.grant.level))));
  const defaultDay = choices.dayAfter(days.defaultDays);
  const [end, setEnd] = useState(defaultDay);
  const [note, setNote] = useState('');
  const endError = dayProblem(end, choices.min, choices.max, days.maxDays, t);
  const noteTooLong = note.length > autonomyLimits.noteMax;
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (endError || noteTooLong) return;
        start.mutate(
          {
            memberId: detail.grant.memberId,
            areaId: detail.grant.areaId,
            reason,
            capLevel: Number(cap),
            // The default day is the server's default length; say nothing and let it decide.
            ...(end === defaultDay ? {} : { plannedEndAt: choices.toIso(end) }),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
          {
            onSuccess: () => {
              toast.success(t('autonomy.episodes.started'));
              onDone();
            },
          },
        );
      }}
    >
      <p className="muted">{t('autonomy.episodes.intro')}</p>
      {start.error && <Alert>{t(errorKey(start.error))}</Alert>}
      <SelectField
        label={t('autonomy.episodes.reason')}
        value={reason}
        options={episodeReasons.map((r) => ({ value: r, label: reasons[r] }))}
        data-testid="episode-reason"
        onChange={(event) => {
          const value = episodeReasons.find((r) => r === event.target.value);
          if (value) setReason(value);
        }}
      />
      <SelectField
        label={t('autonomy.episodes.cap')}
        value={cap}
        options={autonomyLevels.map((l) => ({ value: String(l), label: format.levelLabel(l) }))}
        data-testid="episode-cap"
        onChange={(event) => setCap(event.target.value)}
      />
      <TextField
        type="date"
        label={t('autonomy.episodes.plannedEnd')}
        value={end}
        min={choices.min}
        max={choices.max}
        hint={t('autonomy.episodes.plannedEndHint', { max: days.maxDays })}
        error={endError}
        data-testid="episode-end"
        onChange={(event) => setEnd(event.target.value)}
      />
      <TextAreaField
        label={t('autonomy.episodes.note')}
        optional
        rows={2}
        value={note}
        error={noteTooLong ? t('autonomy.validation.tooLong', { max: autonomyLimits.noteMax }) : undefined}
        onChange={(event) => setNote(event.target.value)}
      />
      <div className="button-row">
        <Button type="submit" variant="primary" pending={start.isPending} data-testid="episode-start-submit">
          {t('autonomy.episodes.start')}
        </Button>
        <Button onClick={onDone} disabled={start.isPending}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function ExtendEpisodeForm({
  workspaceId,
  episode,
  onDone,
}: {
  workspaceId: string;
  episode: SupportEpisode;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const timeZone = useUserTimeZone();
  const settings = useAutonomySettings(workspaceId);
  const days = settings.data?.supportEpisodes ?? fallbackEpisodeDays;
  const choices = useDayChoices(days.maxDays);
  const extend = useExtendEpisode(workspaceId);
  const currentEnd = dayOf(episode.plannedEndAt, timeZone);
  // A week more by default, within the maximum (day keys sort as dates).
  const [end, setEnd] = useState(() => [addDays(currentEnd, 7), choices.max].sort()[0] ?? choices.max);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const min = currentEnd < choices.min ? choices.min : addDays(currentEnd, 1);
  const endError = dayProblem(end, min, choices.max, days.maxDays, t);
  const reasonError = requiredText(reason, autonomyLimits.reasonMax, tried, t);
  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (endError || reason.trim() === '' || reason.length > autonomyLimits.reasonMax) return;
        extend.mutate(
          { episodeId: episode.id, body: { newEnd: choices.toIso(end), reason: reason.trim() } },
          {
            onSuccess: () => {
              toast.success(t('autonomy.episodes.extended'));
              onDone();
            },
          },
        );
      }}
    >
      {extend.error && <Alert>{t(errorKey(extend.error))}</Alert>}
      <TextField
        type="date"
        label={t('autonomy.episodes.newEnd')}
        value={end}
        min={min}
        max={choices.max}
        error={endError}
        data-testid="episode-new-end"
        onChange={(event) => setEnd(event.target.value)}
      />
      <TextAreaField
        label={t('autonomy.episodes.extendReason')}
        rows={2}
        value={reason}
        error={reasonError}
        data-testid="episode-extend-reason"
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="button-row">
        <Button
          type="submit"
          variant="primary"
          pending={extend.isPending}
          data-testid="episode-extend-submit"
        >
          {t('autonomy.episodes.extend')}
        </Button>
        <Button onClick={onDone} disabled={extend.isPending}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function EpisodeRow({
  workspaceId,
  episode,
  canManage,
}: {
  workspaceId: string;
  episode: SupportEpisode;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const format = useUserFormat();
  const reasons = episodeReasonNames(t);
  const endEpisode = useEndEpisode(workspaceId);
  const [extending, setExtending] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const active = episode.endedAt === null && Date.parse(episode.plannedEndAt) > Date.now();
  return (
    <li className="ladder-item" data-testid="episode" data-active={active}>
      <div className="ladder-item-head">
        <strong>{reasons[episode.reason]}</strong>
        <span className="muted">{t('autonomy.episodes.capped', { level: episode.capLevel })}</span>
        <span className={active ? 'badge badge-episode' : 'muted'}>
          {active
            ? t('autonomy.episodes.active', { date: format.date(episode.plannedEndAt) })
            : t('autonomy.episodes.finished', { date: format.date(episode.endedAt ?? episode.plannedEndAt) })}
        </span>
        {episode.extensions.length > 0 && (
          <span className="muted">
            {t('autonomy.episodes.extensions', { count: episode.extensions.length })}
          </span>
        )}
      </div>
      {episode.note && <p className="ladder-note">{episode.note}</p>}
      {active && canManage && !extending && (
        <div className="button-row">
          <Button size="sm" data-testid="episode-extend" onClick={() => setExtending(true)}>
            {t('autonomy.episodes.extend')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className="button-danger-text"
            data-testid="episode-end"
            onClick={() => {
              endEpisode.reset();
              setConfirmEnd(true);
            }}
          >
            {t('autonomy.episodes.end')}
          </Button>
        </div>
      )}
      {extending && (
        <ExtendEpisodeForm workspaceId={workspaceId} episode={episode} onDone={() => setExtending(false)} />
      )}
      <ConfirmDialog
        open={confirmEnd}
        title={t('autonomy.episodes.endTitle')}
        message={t('autonomy.episodes.endMessage')}
        confirmLabel={t('autonomy.episodes.endConfirm')}
        pending={endEpisode.isPending}
        error={endEpisode.error ? t(errorKey(endEpisode.error)) : null}
        onCancel={() => setConfirmEnd(false)}
        onConfirm={() =>
          endEpisode.mutate(episode.id, {
            onSuccess: () => {
              setConfirmEnd(false);
              toast.success(t('autonomy.episodes.ended'));
            },
          })
        }
      />
    </li>
  );
}

/** Evidence, proposals, support, level history of one assistant × area; owners also decide here. */
export function CellDetail({
  workspaceId,
  detail,
  canManage,
  nameOf,
}: {
  workspaceId: string;
  detail: MemberAreaDetail;
  canManage: boolean;
  nameOf: (userId: string | null) => string;
}) {
  const { t } = useTranslation();
  const format = useUserFormat();
  const [starting, setStarting] = useState(false);
  const hasActive = detail.episodes.some(
    (e) => e.endedAt === null && Date.parse(e.plannedEndAt) > Date.now(),
  );
  return (
    <div className="stack cell-detail">
      <EvidenceView grant={detail.grant} evidence={detail.evidence} />
      <Section title={t('autonomy.proposals.title')}>
        {detail.proposals.length === 0 ? (
          <p className="muted">{t('autonomy.proposals.empty')}</p>
        ) : (
          <ul className="ladder-list">
            {newestFirst(detail.proposals).map((p) => (
              <ProposalRow key={p.id} workspaceId={workspaceId} proposal={p} canDecide={canManage} />
            ))}
          </ul>
        )}
      </Section>
      <Section title={t('autonomy.episodes.title')}>
        {detail.episodes.length === 0 ? (
          <p className="muted">{t('autonomy.episodes.empty')}</p>
        ) : (
          <ul className="ladder-list">
            {[...detail.episodes]
              .sort((a, b) => b.startsAt.localeCompare(a.startsAt))
              .map((e) => (
                <EpisodeRow key={e.id} workspaceId={workspaceId} episode={e} canManage={canManage} />
              ))}
          </ul>
        )}
        {canManage &&
          !hasActive &&
          (starting ? (
            <StartEpisodeForm workspaceId={workspaceId} detail={detail} onDone={() => setStarting(false)} />
          ) : (
            <div>
              <Button size="sm" data-testid="episode-start" onClick={() => setStarting(true)}>
                {t('autonomy.episodes.start')}
              </Button>
            </div>
          ))}
      </Section>
      {canManage && (
        <Section title={t('autonomy.setLevel.title')}>
          <SetLevelForm workspaceId={workspaceId} detail={detail} />
        </Section>
      )}
      <Section title={t('autonomy.history.title')}>
        {detail.history.length === 0 ? (
          <p className="muted">{t('autonomy.history.empty')}</p>
        ) : (
          <ol className="ladder-list">
            {newestFirst(detail.history).map((change) => (
              <li key={change.id} className="ladder-item" data-testid="level-change">
                <div className="ladder-item-head">
                  <LevelBadge level={change.from} compact />
                  <span aria-hidden="true">→</span>
                  <LevelBadge level={change.to} />
                  <span className="badge">{t(`autonomy.changeKind.${change.kind}`)}</span>
                </div>
                {change.reason && <p className="ladder-note">{change.reason}</p>}
                <p className="muted ladder-meta">
                  {t('autonomy.history.by', {
                    name: change.decidedBy ? nameOf(change.decidedBy) : t('autonomy.history.system'),
                    date: format.dateTime(change.createdAt),
                  })}
                </p>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </div>
  );
}

/** The delegation board's cell, opened: loads the detail and shows it in a dialog. */
export function CellDialog({
  workspaceId,
  memberId,
  areaId,
  title,
  canManage,
  nameOf,
  onClose,
}: {
  workspaceId: string;
  memberId: string;
  areaId: string;
  title: string;
  canManage: boolean;
  nameOf: (userId: string | null) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const detail = useMemberArea(workspaceId, memberId, areaId);
  return (
    <Dialog
      open
      title={title}
      onClose={onClose}
      footer={
        <Button onClick={onClose} data-testid="cell-close">
          {t('autonomy.panel.close')}
        </Button>
      }
    >
      {detail.isPending ? (
        <LoadingState />
      ) : detail.isError ? (
        <ErrorState
          message={t(errorKey(detail.error))}
          onRetry={() => void detail.refetch()}
          retrying={detail.isFetching}
        />
      ) : (
        <CellDetail workspaceId={workspaceId} detail={detail.data} canManage={canManage} nameOf={nameOf} />
      )}
    </Dialog>
  );
}
