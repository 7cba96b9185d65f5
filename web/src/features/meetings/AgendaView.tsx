import {
  type ActionItem,
  type AgendaItemView,
  type AgendaSection,
  agendaSections,
  meetingLimits,
} from '@leeway/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog, FormDialog } from '../../ui/Dialog.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { TextField } from '../../ui/Field.tsx';
import { PlusIcon } from '../../ui/icons.tsx';
import { LoadingState } from '../../ui/Spinner.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat } from '../auth/use-user-format.ts';
import { TaskPicker } from '../tasks/TaskPicker.tsx';
import { ActionItemDialog } from './ActionItemDialog.tsx';
import { AgendaItemCard } from './AgendaItemCard.tsx';
import { useAddAgendaItem, useAgenda, useFinishOccurrence, usePinItem, useUnpinItem } from './hooks.ts';

/** Items grouped by section, in the order `agendaSections` gives; empty sections are left out. */
export function groupBySection(
  items: readonly AgendaItemView[],
): { section: AgendaSection; items: AgendaItemView[] }[] {
  return agendaSections
    .map((section) => ({
      section,
      items: items.filter((i) => i.section === section).sort((a, b) => a.order - b.order),
    }))
    .filter((group) => group.items.length > 0);
}

/** The agenda of one occurrence: sections, notes and statuses, action items, pinned items, finish. */
export function AgendaView({
  workspaceId,
  meetingId,
  start,
  canManage,
  isOwner,
}: {
  workspaceId: string;
  meetingId: string;
  start: string;
  canManage: boolean;
  isOwner: boolean;
}) {
  const { t } = useTranslation();
  const format = useUserFormat();
  const toast = useToast();
  const agenda = useAgenda(workspaceId, meetingId, start);
  const finish = useFinishOccurrence(workspaceId, meetingId, start);
  const [actionFor, setActionFor] = useState<AgendaItemView | null | 'general'>(null);
  const [created, setCreated] = useState<ActionItem[]>([]);
  const [adding, setAdding] = useState(false);
  const [finishing, setFinishing] = useState(false);
  const titleId = useId();

  if (agenda.isPending) return <LoadingState />;
  if (agenda.isError)
    return (
      <ErrorState
        message={t(errorKey(agenda.error))}
        onRetry={() => void agenda.refetch()}
        retrying={agenda.isFetching}
      />
    );
  const a = agenda.data;
  const finished = a.occurrence.finishedAt !== null;
  const editable = !finished && !a.occurrence.cancelled;
  const groups = groupBySection(a.items);
  const itemKeys = new Set(a.items.map((i) => i.key));
  const general = [
    ...a.actionItems.filter((x) => x.itemKey === null || !itemKeys.has(x.itemKey)),
    ...created.filter(
      (c) => (c.itemKey === null || !itemKeys.has(c.itemKey)) && !a.actionItems.some((x) => x.id === c.id),
    ),
  ];

  return (
    <section className="stack mtg-agenda" aria-labelledby={titleId} data-testid="agenda" data-live={a.live}>
      <div className="mtg-agenda-head">
        <h2 id={titleId} className="mtg-h2">
          {t('meetings.agenda.title', { date: format.dateTime(a.occurrence.start) })}
        </h2>
        <div className="mtg-badges">
          {a.occurrence.cancelled && (
            <span className="badge mtg-badge-cancelled">{t('meetings.occurrences.cancelled')}</span>
          )}
          {finished ? (
            <span className="badge badge-owner" data-testid="minutes-sent">
              {a.occurrence.finishedAt
                ? t('meetings.agenda.minutesSentAt', { date: format.dateTime(a.occurrence.finishedAt) })
                : t('meetings.agenda.minutesSent')}
            </span>
          ) : a.live ? (
            <span className="badge mtg-badge-live" data-testid="agenda-live">
              <span className="mtg-live-dot" aria-hidden="true" />
              {t('meetings.agenda.live')}
            </span>
          ) : (
            <span className="badge">{t('meetings.agenda.frozen')}</span>
          )}
        </div>
      </div>

      {groups.length === 0 ? (
        <p className="muted">{t('meetings.agenda.empty')}</p>
      ) : (
        groups.map((group) => (
          <section
            key={group.section}
            className="mtg-section"
            aria-label={t(`meetings.agenda.sections.${group.section}`)}
          >
            <h3 className="mtg-section-title">{t(`meetings.agenda.sections.${group.section}`)}</h3>
            <ul className="mtg-items">
              {group.items.map((item) => (
                <AgendaItemCard
                  key={item.key}
                  workspaceId={workspaceId}
                  meetingId={meetingId}
                  start={start}
                  agenda={a}
                  item={item}
                  created={created.filter((c) => c.itemKey === item.key)}
                  editable={editable}
                  isOwner={isOwner}
                  onActionItem={setActionFor}
                />
              ))}
            </ul>
          </section>
        ))
      )}

      {general.length > 0 && (
        <section className="mtg-section" aria-label={t('meetings.agenda.generalActionItems')}>
          <h3 className="mtg-section-title">{t('meetings.agenda.generalActionItems')}</h3>
          <ul className="mtg-action-items">
            {general.map((x) => (
              <li key={x.id}>
                {x.taskId ? (
                  <Link to={`/w/${workspaceId}/tasks/${x.taskId}`}>
                    {t('meetings.agenda.taskLink', { title: x.title })}
                  </Link>
                ) : (
                  x.title
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      {editable && (
        <div className="form-actions mtg-agenda-actions">
          <Button icon={<PlusIcon />} onClick={() => setAdding(true)} data-testid="agenda-add-item">
            {t('meetings.agenda.addItem')}
          </Button>
          <Button
            variant="ghost"
            onClick={() => setActionFor('general')}
            data-testid="agenda-general-action-item"
          >
            {t('meetings.agenda.actionItem')}
          </Button>
          {canManage && (
            <Button variant="primary" onClick={() => setFinishing(true)} data-testid="meeting-finish">
              {t('meetings.agenda.finish')}
            </Button>
          )}
        </div>
      )}

      {canManage && !finished && (
        <PinnedManager workspaceId={workspaceId} meetingId={meetingId} pinned={a.pinned} />
      )}

      {actionFor !== null && (
        <ActionItemDialog
          workspaceId={workspaceId}
          meetingId={meetingId}
          start={start}
          item={actionFor === 'general' ? null : actionFor}
          onClose={() => setActionFor(null)}
          onCreated={(made) => {
            setCreated((prev) => [...prev, made.actionItem]);
            setActionFor(null);
            toast.success(t('meetings.actionItemForm.created', { title: made.task.title }));
          }}
        />
      )}
      {adding && (
        <AddItemDialog
          workspaceId={workspaceId}
          meetingId={meetingId}
          start={start}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            toast.success(t('meetings.agenda.added'));
          }}
        />
      )}
      <Dialog
        open={finishing}
        title={t('meetings.agenda.finishTitle')}
        onClose={() => setFinishing(false)}
        busy={finish.isPending}
        footer={
          <>
            <Button onClick={() => setFinishing(false)} disabled={finish.isPending} autoFocus>
              {t('common.cancel')}
            </Button>
            <Button
              variant="primary"
              pending={finish.isPending}
              data-testid="meeting-finish-confirm"
              onClick={() =>
                finish.mutate(undefined, {
                  onSuccess: () => {
                    setFinishing(false);
                    toast.success(t('meetings.agenda.finished'));
                  },
                })
              }
            >
              {t('meetings.agenda.finishConfirm')}
            </Button>
          </>
        }
      >
        <p className="dialog-message">{t('meetings.agenda.finishBody')}</p>
        {finish.isError && <Alert>{t(errorKey(finish.error))}</Alert>}
      </Dialog>
    </section>
  );
}

function AddItemDialog({
  workspaceId,
  meetingId,
  start,
  onClose,
  onAdded,
}: {
  workspaceId: string;
  meetingId: string;
  start: string;
  onClose: () => void;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const add = useAddAgendaItem(workspaceId, meetingId, start);
  const [title, setTitle] = useState('');
  const [taskId, setTaskId] = useState('');
  const [taskTitle, setTaskTitle] = useState('');
  const [tried, setTried] = useState(false);
  const formId = useId();
  const max = meetingLimits.agendaItemTitleMax;
  const error =
    title.trim() === ''
      ? tried
        ? t('lessons.problems.required')
        : undefined
      : title.length > max
        ? t('lessons.problems.too_long', { max })
        : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    if (title.trim() === '' || title.length > max) return;
    add.mutate({ title: title.trim(), taskId: taskId || null }, { onSuccess: onAdded });
  }

  return (
    <FormDialog
      title={t('meetings.agenda.addTitle')}
      onClose={onClose}
      formId={formId}
      submitLabel={t('meetings.agenda.addSave')}
      submitTestId="agenda-add-item-save"
      pending={add.isPending}
    >
      <form id={formId} className="form" noValidate onSubmit={submit}>
        {add.isError && <Alert>{t(errorKey(add.error))}</Alert>}
        <TextField
          label={t('meetings.agenda.addField')}
          value={title}
          error={error}
          data-testid="agenda-add-item-title"
          onBlur={() => title !== '' && setTried(true)}
          onChange={(event) => setTitle(event.target.value)}
        />
        <TaskPicker
          workspaceId={workspaceId}
          testIdPrefix="agenda"
          texts={{
            label: t('meetings.taskPicker.label'),
            hint: t('meetings.taskPicker.hint'),
            linked: t('meetings.taskPicker.linked'),
            unlink: t('meetings.taskPicker.unlink'),
            searchFailed: t('meetings.taskPicker.searchFailed'),
            noTasks: t('meetings.taskPicker.noTasks'),
          }}
          taskId={taskId}
          taskTitle={taskTitle}
          onChange={(id, name) => {
            setTaskId(id);
            setTaskTitle(name);
          }}
        />
      </form>
    </FormDialog>
  );
}

/** Items on every agenda of the series: organizer and owners add and remove them. */
function PinnedManager({
  workspaceId,
  meetingId,
  pinned,
}: {
  workspaceId: string;
  meetingId: string;
  pinned: readonly { id: string; title: string; position: number }[];
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const pin = usePinItem(workspaceId, meetingId);
  const unpin = useUnpinItem(workspaceId, meetingId);
  const [title, setTitle] = useState('');
  const [tried, setTried] = useState(false);
  const titleId = useId();
  const max = meetingLimits.agendaItemTitleMax;
  const error =
    title.trim() === ''
      ? tried
        ? t('lessons.problems.required')
        : undefined
      : title.length > max
        ? t('lessons.problems.too_long', { max })
        : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    if (title.trim() === '' || title.length > max) return;
    pin.mutate(
      { title: title.trim() },
      {
        onSuccess: () => {
          setTitle('');
          setTried(false);
          toast.success(t('meetings.pinned.pinnedToast'));
        },
      },
    );
  }

  return (
    <section className="card card-quiet stack-sm" aria-labelledby={titleId} data-testid="pinned-manager">
      <h3 id={titleId} className="mtg-section-title">
        {t('meetings.pinned.title')}
      </h3>
      <p className="muted mtg-small">{t('meetings.pinned.hint')}</p>
      {(pin.isError || unpin.isError) && <Alert>{t(errorKey(pin.error ?? unpin.error))}</Alert>}
      {pinned.length === 0 ? (
        <p className="muted">{t('meetings.pinned.empty')}</p>
      ) : (
        <ul className="mtg-pinned">
          {[...pinned]
            .sort((x, y) => x.position - y.position)
            .map((p) => (
              <li key={p.id} className="mtg-pinned-row">
                <span>{p.title}</span>
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={t('meetings.pinned.remove', { title: p.title })}
                  pending={unpin.isPending && unpin.variables === p.id}
                  data-testid="pinned-remove"
                  onClick={() =>
                    unpin.mutate(p.id, { onSuccess: () => toast.success(t('meetings.pinned.unpinnedToast')) })
                  }
                >
                  {t('meetings.pinned.removeShort')}
                </Button>
              </li>
            ))}
        </ul>
      )}
      <form className="mtg-pin-form" noValidate onSubmit={submit}>
        <TextField
          label={t('meetings.pinned.field')}
          value={title}
          error={error}
          data-testid="pinned-add-input"
          onChange={(event) => setTitle(event.target.value)}
        />
        <Button type="submit" icon={<PlusIcon />} pending={pin.isPending} data-testid="pinned-add">
          {t('meetings.pinned.add')}
        </Button>
      </form>
    </section>
  );
}
