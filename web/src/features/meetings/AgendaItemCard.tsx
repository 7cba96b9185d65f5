import {
  type ActionItem,
  type Agenda,
  type AgendaItemStatus,
  type AgendaItemView,
  meetingLimits,
} from '@leeway/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { ProposalDecision } from '../autonomy/ProposalDecision.tsx';
import { agendaItemPath, reasonParts } from './agenda-text.ts';
import { useUpdateAgendaItem } from './hooks.ts';
import { meetingKeys } from './queries.ts';

/** Notes are saved this long after the last keystroke, and at once when the field is left. */
const notesDebounceMs = 1200;

export interface AgendaItemCardProps {
  workspaceId: string;
  meetingId: string;
  start: string;
  agenda: Agenda;
  item: AgendaItemView;
  /** Action items made from this item in this session, before the agenda refetch shows them. */
  created: readonly ActionItem[];
  editable: boolean;
  isOwner: boolean;
  onActionItem: (item: AgendaItemView) => void;
}

/** One agenda item: why it is here, where it comes from, notes, status and action items. */
export function AgendaItemCard({
  workspaceId,
  meetingId,
  start,
  agenda,
  item,
  created,
  editable,
  isOwner,
  onActionItem,
}: AgendaItemCardProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useUpdateAgendaItem(workspaceId, meetingId, start);
  const path = agendaItemPath(workspaceId, item, agenda.actionItems);
  const reason = reasonParts(item.reason)
    .map((part) => t(part.key, part.params))
    .join(' · ');
  const titleId = useId();

  function setStatus(status: AgendaItemStatus) {
    update.mutate(
      { key: item.key, body: { status } },
      { onError: (error) => toast.error(`${t('meetings.agenda.updateFailed')} ${t(errorKey(error))}`) },
    );
  }

  const actionItems = [
    ...agenda.actionItems.filter((a) => item.actionItemIds.includes(a.id) || a.itemKey === item.key),
    ...created.filter((c) => !agenda.actionItems.some((a) => a.id === c.id)),
  ];
  const pendingStatus = update.isPending && update.variables?.body.status !== undefined;

  return (
    <li
      className={`mtg-item mtg-item-${item.status}`}
      data-testid="agenda-item"
      data-source={item.source}
      data-key={item.key}
      data-status={item.status}
      aria-labelledby={titleId}
    >
      <div className="mtg-item-head">
        <h4 className="mtg-item-title" id={titleId}>
          {path ? <Link to={path}>{item.title}</Link> : item.title}
        </h4>
        <p className="mtg-item-reason">
          {reason}
          {!editable && item.status !== 'open' && (
            <span
              className={`badge mtg-badge-status${item.status === 'discussed' ? ' badge-owner' : ' badge-assistant'}`}
            >
              {item.status === 'discussed'
                ? t('meetings.agenda.discussed')
                : t('meetings.agenda.deferredBadge')}
            </span>
          )}
          {item.carriedOver && item.reason.code !== 'carried_over' && (
            <span className="badge mtg-badge-carried">{t('meetings.agenda.carried')}</span>
          )}
        </p>
        {item.detail && <p className="mtg-item-detail">{item.detail}</p>}
      </div>

      {isOwner && item.link?.kind === 'proposal' && editable && (
        <AgendaProposalDecision workspaceId={workspaceId} item={item} />
      )}

      {editable ? (
        <NotesField
          key={item.key}
          workspaceId={workspaceId}
          meetingId={meetingId}
          start={start}
          item={item}
          disabled={!editable}
        />
      ) : (
        item.notes && (
          <div className="mtg-notes">
            <p className="field-label">{t('meetings.agenda.notes')}</p>
            <p className="mtg-notes-text" data-testid="agenda-item-notes-text">
              {item.notes}
            </p>
          </div>
        )
      )}

      {actionItems.length > 0 && (
        <ul className="mtg-action-items" aria-label={t('meetings.agenda.actionItems')}>
          {actionItems.map((a) => (
            <li key={a.id}>
              {a.taskId ? (
                <Link to={`/w/${workspaceId}/tasks/${a.taskId}`} data-testid="action-item-task-link">
                  {t('meetings.agenda.taskLink', { title: a.title })}
                </Link>
              ) : (
                a.title
              )}
            </li>
          ))}
        </ul>
      )}

      {editable && (
        <div className="mtg-item-actions">
          <Button
            size="sm"
            variant={item.status === 'discussed' ? 'primary' : 'secondary'}
            aria-pressed={item.status === 'discussed'}
            disabled={pendingStatus}
            data-testid="agenda-item-discussed"
            onClick={() => setStatus(item.status === 'discussed' ? 'open' : 'discussed')}
          >
            {t('meetings.agenda.discussed')}
          </Button>
          <Button
            size="sm"
            variant={item.status === 'deferred' ? 'primary' : 'secondary'}
            aria-pressed={item.status === 'deferred'}
            disabled={pendingStatus}
            title={t('meetings.agenda.deferredNote')}
            data-testid="agenda-item-defer"
            onClick={() => setStatus(item.status === 'deferred' ? 'open' : 'deferred')}
          >
            {t('meetings.agenda.defer')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            data-testid="agenda-action-item"
            onClick={() => onActionItem(item)}
          >
            {t('meetings.agenda.actionItem')}
          </Button>
        </div>
      )}
    </li>
  );
}

type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/** Notes saved on pause and on leaving; what the server has never overwrites what is being typed. */
function NotesField({
  workspaceId,
  meetingId,
  start,
  item,
  disabled,
}: {
  workspaceId: string;
  meetingId: string;
  start: string;
  item: AgendaItemView;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  // Its own mutation: a status click on the same item must not swallow this save's callbacks.
  const update = useUpdateAgendaItem(workspaceId, meetingId, start);
  const [value, setValue] = useState(item.notes);
  const [state, setState] = useState<SaveState>('idle');
  const saved = useRef(item.notes);
  const focused = useRef(false);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (!focused.current && item.notes !== saved.current) {
      saved.current = item.notes;
      setValue(item.notes);
    }
  }, [item.notes]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  function save(notes: string) {
    window.clearTimeout(timer.current);
    if (notes === saved.current || notes.length > meetingLimits.noteMax) return;
    setState('saving');
    update.mutate(
      { key: item.key, body: { notes } },
      {
        onSuccess: () => {
          saved.current = notes;
          setState('saved');
        },
        onError: () => setState('failed'),
      },
    );
  }

  const tooLong = value.length > meetingLimits.noteMax;
  return (
    <div className="mtg-notes">
      <TextAreaField
        label={t('meetings.agenda.notesFor', { title: item.title })}
        rows={2}
        value={value}
        disabled={disabled}
        className="mtg-notes-input"
        data-testid="agenda-item-notes"
        error={
          tooLong
            ? t('lessons.problems.too_long', { max: meetingLimits.noteMax })
            : state === 'failed'
              ? t('meetings.agenda.notesFailed')
              : undefined
        }
        onFocus={() => {
          focused.current = true;
        }}
        onBlur={() => {
          focused.current = false;
          save(value);
        }}
        onChange={(event) => {
          const next = event.target.value;
          setValue(next);
          setState('idle');
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => save(next), notesDebounceMs);
        }}
      />
      <p className="mtg-notes-state muted" aria-live="polite">
        {state === 'saving'
          ? t('meetings.agenda.notesSaving')
          : state === 'saved'
            ? t('meetings.agenda.notesSaved')
            : ''}
      </p>
    </div>
  );
}

/** Owners decide a pending level proposal right in the meeting (declining needs a reason). */
function AgendaProposalDecision({ workspaceId, item }: { workspaceId: string; item: AgendaItemView }) {
  const queryClient = useQueryClient();
  return (
    <ProposalDecision
      workspaceId={workspaceId}
      proposalId={item.link?.id ?? ''}
      toLevel={item.reason.params.toLevel ?? ''}
      className="mtg-proposal"
      // The decision takes the proposal off the agenda: rebuild it.
      onDecided={() => void queryClient.invalidateQueries({ queryKey: meetingKeys.all(workspaceId) })}
    />
  );
}
