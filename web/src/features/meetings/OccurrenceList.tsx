import type { MeetingOccurrenceView, MeetingSeries } from '@leeway/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog, FormDialog } from '../../ui/Dialog.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { TextField } from '../../ui/Field.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat, useUserTimeZone } from '../auth/use-user-format.ts';
import { fromDueInputs, toDueInputs } from '../tasks/due.ts';
import { useOccurrences, useUpdateOccurrence } from './hooks.ts';

const DAY_MS = 24 * 3_600_000;
/** How many upcoming meetings the list shows. */
export const upcomingCount = 8;

/** The window the list asks for: from a day back (a meeting running now) to a year ahead (the server lists at most 400 days). */
export function occurrenceWindow(now: number): { from: string; to: string } {
  const hour = Math.floor(now / 3_600_000) * 3_600_000;
  return { from: new Date(hour - DAY_MS).toISOString(), to: new Date(hour + 366 * DAY_MS).toISOString() };
}

/** Upcoming meetings (including one running now and cancelled ones, which can be restored), first `count`. */
export function upcoming(list: readonly MeetingOccurrenceView[], now: number, count = upcomingCount) {
  return list.filter((o) => Date.parse(o.end) > now).slice(0, count);
}

/** The next meetings of a series, to pick whose agenda shows; organizer and owners move or cancel them. */
export function OccurrenceList({
  workspaceId,
  series,
  canManage,
  selected,
  onSelect,
}: {
  workspaceId: string;
  series: MeetingSeries;
  canManage: boolean;
  selected: string | null;
  onSelect: (originalStart: string) => void;
}) {
  const { t } = useTranslation();
  const format = useUserFormat();
  const toast = useToast();
  const [range] = useState(() => occurrenceWindow(Date.now()));
  const occurrences = useOccurrences(workspaceId, series.id, range.from, range.to);
  const update = useUpdateOccurrence(workspaceId, series.id);
  const [moving, setMoving] = useState<MeetingOccurrenceView | null>(null);
  const [cancelling, setCancelling] = useState<MeetingOccurrenceView | null>(null);
  const titleId = useId();

  function restore(o: MeetingOccurrenceView) {
    update.mutate(
      { start: o.originalStart, body: { movedTo: null, cancelled: false } },
      {
        onSuccess: () => toast.success(t('meetings.occurrences.restoredToast')),
        onError: (error) => toast.error(t(errorKey(error))),
      },
    );
  }

  const list = occurrences.data ? upcoming(occurrences.data, Date.now()) : [];
  return (
    <section className="card stack-sm" aria-labelledby={titleId}>
      <h2 id={titleId} className="mtg-h2">
        {t('meetings.occurrences.title')}
      </h2>
      {occurrences.isPending ? (
        <Spinner />
      ) : occurrences.isError ? (
        <ErrorState
          message={t(errorKey(occurrences.error))}
          onRetry={() => void occurrences.refetch()}
          retrying={occurrences.isFetching}
        />
      ) : list.length === 0 ? (
        <p className="muted">{t('meetings.occurrences.empty')}</p>
      ) : (
        <ul className="mtg-occ-list">
          {list.map((o) => {
            const isSelected = o.originalStart === selected;
            const status = o.cancelled
              ? t('meetings.occurrences.cancelled')
              : o.finishedAt
                ? t('meetings.occurrences.finished')
                : t('meetings.occurrences.scheduled');
            return (
              <li
                key={o.originalStart}
                className={`mtg-occ${isSelected ? ' mtg-occ-selected' : ''}${o.cancelled ? ' mtg-occ-cancelled' : ''}`}
                data-testid="occurrence-row"
                data-start={o.originalStart}
                data-cancelled={o.cancelled}
              >
                <div className="mtg-occ-when">
                  <time dateTime={o.start} className="mtg-occ-date">
                    {format.dateTime(o.start)}
                  </time>
                  {o.cancelled && <span className="badge mtg-badge-cancelled">{status}</span>}
                  {o.finishedAt && <span className="badge badge-owner">{status}</span>}
                  {o.moved && !o.cancelled && (
                    <span className="muted mtg-small">
                      {t('meetings.occurrences.moved', { date: format.dateTime(o.originalStart) })}
                    </span>
                  )}
                </div>
                <div className="mtg-occ-actions">
                  {!o.cancelled &&
                    (isSelected ? (
                      <span className="badge mtg-badge-selected">{t('meetings.occurrences.selected')}</span>
                    ) : (
                      <Button size="sm" variant="ghost" onClick={() => onSelect(o.originalStart)}>
                        {t('meetings.occurrences.show')}
                      </Button>
                    ))}
                  {canManage && !o.finishedAt && (o.cancelled || o.moved) && (
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => restore(o)}
                      pending={update.isPending && update.variables?.start === o.originalStart}
                      data-testid="occurrence-undo"
                    >
                      {t('meetings.occurrences.undo')}
                    </Button>
                  )}
                  {canManage && !o.cancelled && !o.finishedAt && (
                    <>
                      <Button size="sm" onClick={() => setMoving(o)} data-testid="occurrence-move">
                        {t('meetings.occurrences.move')}
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setCancelling(o)}
                        data-testid="occurrence-cancel"
                      >
                        {t('meetings.occurrences.cancel')}
                      </Button>
                    </>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {moving && (
        <MoveDialog
          occurrence={moving}
          pending={update.isPending}
          error={update.isError ? t(errorKey(update.error)) : null}
          onClose={() => {
            update.reset();
            setMoving(null);
          }}
          onMove={(movedTo) =>
            update.mutate(
              { start: moving.originalStart, body: { movedTo, cancelled: false } },
              {
                onSuccess: () => {
                  setMoving(null);
                  toast.success(t('meetings.occurrences.movedToast'));
                },
              },
            )
          }
        />
      )}
      <ConfirmDialog
        open={cancelling !== null}
        title={t('meetings.occurrences.cancelTitle')}
        message={t('meetings.occurrences.cancelBody', {
          date: cancelling ? format.dateTime(cancelling.start) : '',
        })}
        confirmLabel={t('meetings.occurrences.cancelConfirm')}
        pending={update.isPending}
        error={cancelling && update.isError ? t(errorKey(update.error)) : null}
        onCancel={() => {
          update.reset();
          setCancelling(null);
        }}
        onConfirm={() => {
          if (!cancelling) return;
          update.mutate(
            { start: cancelling.originalStart, body: { cancelled: true, movedTo: null } },
            {
              onSuccess: () => {
                setCancelling(null);
                toast.success(t('meetings.occurrences.cancelledToast'));
              },
            },
          );
        }}
      />
    </section>
  );
}

function MoveDialog({
  occurrence,
  pending,
  error,
  onClose,
  onMove,
}: {
  occurrence: MeetingOccurrenceView;
  pending: boolean;
  error: string | null;
  onClose: () => void;
  onMove: (movedTo: string) => void;
}) {
  const { t } = useTranslation();
  const zone = useUserTimeZone();
  const format = useUserFormat();
  const initial = toDueInputs(occurrence.start, zone);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time || '23:59');
  const [tried, setTried] = useState(false);
  const formId = useId();
  const instant = date && time ? fromDueInputs(date, time, zone) : null;
  const problem = tried && !instant ? t('lessons.problems.invalid_date') : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    if (instant) onMove(instant);
  }

  return (
    <FormDialog
      title={t('meetings.occurrences.moveTitle')}
      onClose={onClose}
      formId={formId}
      submitLabel={t('meetings.occurrences.moveSave')}
      submitTestId="occurrence-move-save"
      pending={pending}
    >
      <form id={formId} className="form" noValidate onSubmit={submit}>
        <p className="muted">
          {t('meetings.occurrences.moveIntro', { date: format.dateTime(occurrence.originalStart) })}
        </p>
        {error && <Alert>{error}</Alert>}
        <div className="form-grid-2">
          <TextField
            type="date"
            label={t('meetings.occurrences.moveDate')}
            value={date}
            error={problem}
            data-testid="occurrence-move-date"
            onChange={(event) => setDate(event.target.value)}
          />
          <TextField
            type="time"
            label={t('meetings.occurrences.moveTime')}
            value={time}
            data-testid="occurrence-move-time"
            onChange={(event) => setTime(event.target.value)}
          />
        </div>
      </form>
    </FormDialog>
  );
}
