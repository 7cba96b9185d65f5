import {
  type CreateFollowUpBody,
  defaultFollowUpDue,
  type FollowUp,
  type FollowUpKind,
  followUpKinds,
  type Lesson,
  type Member,
} from '@leeway/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog, FormDialog } from '../../ui/Dialog.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { PlusIcon } from '../../ui/icons.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { usePublishedSops } from '../onboarding/hooks.ts';
import { sortedMembers } from '../tasks/people.ts';
import { useCreateFollowUp, useDeleteFollowUp, useUpdateFollowUp } from './hooks.ts';
import { dayInZone, endOfDayIso } from './lesson-draft.ts';
import { problemAt, problemsFromError } from './problems.ts';
import { useProblemText } from './use-problem-text.ts';

const formId = 'followup-form';

function NewFollowUpDialog({
  workspaceId,
  lesson,
  members,
  userId,
  timeZone,
  onClose,
  onCreated,
}: {
  workspaceId: string;
  lesson: Lesson;
  members: Member[];
  userId: string;
  timeZone: string;
  onClose: () => void;
  onCreated: (followUp: FollowUp, sopTitle: string | null) => void;
}) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const create = useCreateFollowUp(workspaceId, lesson.id);
  const [kind, setKind] = useState<FollowUpKind>(lesson.sopId ? 'sop_change' : 'other');
  const sops = usePublishedSops(workspaceId, kind === 'sop_change');
  const [title, setTitle] = useState('');
  const [ownerId, setOwnerId] = useState(members.some((m) => m.userId === userId) ? userId : '');
  const [due, setDue] = useState(dayInZone(defaultFollowUpDue(new Date()), timeZone));
  const [sopId, setSopId] = useState(lesson.sopId ?? '');
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<unknown>(null);

  const server = problemsFromError(serverError);
  const sopOptions = (sops.data ?? []).map((s) => ({ value: s.id, label: s.title }));
  if (lesson.sopId && !sopOptions.some((o) => o.value === lesson.sopId))
    sopOptions.unshift({ value: lesson.sopId, label: lesson.sopTitle ?? lesson.sopId });
  const chosenSop = sopOptions.find((o) => o.value === sopId)?.label;
  // An empty title takes a sensible one from the kind, so a follow-up is one choice away.
  const defaultTitle =
    kind === 'sop_change' && chosenSop
      ? t('lessons.followUps.defaultTitle.sop_change', { sop: chosenSop })
      : t('lessons.followUps.defaultTitle.other', {
          kind: t(`lessons.followUpKinds.${kind}`),
          lesson: lesson.title,
        });
  const finalTitle = (title.trim() || defaultTitle).slice(0, 200);
  const titleProblem = title.length > 200 ? t('lessons.problems.too_long', { max: 200 }) : undefined;
  const ownerProblem = ownerId ? undefined : t('lessons.followUps.ownerRequired');
  const dueProblem = /^\d{4}-\d{2}-\d{2}$/.test(due) ? undefined : t('lessons.problems.invalid_date');
  const sopProblem = kind === 'sop_change' && !sopId ? t('lessons.followUps.sopRequired') : undefined;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (titleProblem || ownerProblem || dueProblem || sopProblem) return;
    const body: CreateFollowUpBody = {
      kind,
      title: finalTitle,
      ownerId,
      dueAt: endOfDayIso(due, timeZone),
      ...(kind === 'sop_change' && sopId ? { sopId } : {}),
    };
    create.mutate(body, {
      onSuccess: (followUp) =>
        onCreated(followUp, sopOptions.find((o) => o.value === followUp.sopId)?.label ?? null),
      onError: setServerError,
    });
  }

  const formError = serverError && server.length === 0 ? t(errorKey(serverError)) : null;

  return (
    <FormDialog
      title={t('lessons.followUps.newTitle')}
      onClose={onClose}
      formId={formId}
      submitLabel={t('lessons.followUps.create')}
      submitTestId="followup-save"
      pending={create.isPending}
    >
      <form id={formId} className="form" noValidate onSubmit={submit}>
        {formError && <Alert>{formError}</Alert>}
        <SelectField
          label={t('lessons.followUps.kind')}
          value={kind}
          data-testid="followup-kind"
          error={problemText(problemAt(server, 'kind'))}
          onChange={(event) => {
            const next = followUpKinds.find((k) => k === event.target.value);
            if (next) setKind(next);
          }}
          options={followUpKinds.map((k) => ({ value: k, label: t(`lessons.followUpKinds.${k}`) }))}
        />
        {kind === 'sop_change' && (
          <SelectField
            label={t('lessons.followUps.sop')}
            value={sopId}
            data-testid="followup-sop"
            hint={sops.isError ? t('lessons.form.sopsUnavailable') : t('lessons.followUps.sopHint')}
            error={submitted ? sopProblem : problemText(problemAt(server, 'sopId'))}
            onChange={(event) => setSopId(event.target.value)}
            options={[{ value: '', label: t('lessons.followUps.chooseSop') }, ...sopOptions]}
          />
        )}
        <TextField
          label={t('lessons.followUps.fieldTitle')}
          value={title}
          data-testid="followup-title"
          optional
          placeholder={defaultTitle}
          hint={t('lessons.followUps.titleHint')}
          maxLength={250}
          error={titleProblem ?? problemText(problemAt(server, 'title'))}
          onChange={(event) => setTitle(event.target.value)}
        />
        <div className="form-grid-2">
          <SelectField
            label={t('lessons.followUps.owner')}
            value={ownerId}
            data-testid="followup-owner"
            error={submitted ? ownerProblem : problemText(problemAt(server, 'ownerId'))}
            onChange={(event) => setOwnerId(event.target.value)}
            options={[
              { value: '', label: t('lessons.followUps.chooseOwner') },
              ...sortedMembers(members).map((m) => ({ value: m.userId, label: m.name })),
            ]}
          />
          <TextField
            type="date"
            label={t('lessons.followUps.dueDate')}
            hint={t('lessons.followUps.dueHint')}
            value={due}
            data-testid="followup-due"
            error={dueProblem ?? problemText(problemAt(server, 'dueAt'))}
            onChange={(event) => setDue(event.target.value)}
          />
        </div>
      </form>
    </FormDialog>
  );
}

/** A lesson's follow-ups: who does what by when; done or reopened in one click. */
export function FollowUpsSection({
  workspaceId,
  lesson,
  members,
  userId,
  isOwner,
  timeZone,
}: {
  workspaceId: string;
  lesson: Lesson;
  members: Member[];
  userId: string;
  isOwner: boolean;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const update = useUpdateFollowUp(workspaceId, lesson.id);
  const remove = useDeleteFollowUp(workspaceId, lesson.id);
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ followUp: FollowUp; sopTitle: string | null } | null>(null);
  const [removing, setRemoving] = useState<FollowUp | null>(null);
  const byId = new Map(members.map((m) => [m.userId, m]));
  const canManage = isOwner || lesson.authorId === userId;

  const sorted = [...lesson.followUps].sort(
    (a, b) =>
      Number(a.status === 'done') - Number(b.status === 'done') ||
      Number(b.overdue) - Number(a.overdue) ||
      a.dueAt.localeCompare(b.dueAt),
  );

  return (
    <section className="card stack" aria-labelledby="lsn-fu-title">
      <div className="card-header">
        <h2 id="lsn-fu-title">{t('lessons.followUps.title')}</h2>
        <Button size="sm" icon={<PlusIcon />} onClick={() => setAdding(true)} data-testid="followup-new">
          {t('lessons.followUps.add')}
        </Button>
      </div>
      {created?.followUp.kind === 'sop_change' && created.followUp.sopId && (
        <Alert tone="success">
          <Link to={`/w/${workspaceId}/sops/${created.followUp.sopId}`} data-testid="followup-draft-link">
            {created.sopTitle
              ? t('lessons.followUps.draftOpenedIn', { title: created.sopTitle })
              : t('lessons.followUps.draftOpened')}
          </Link>
        </Alert>
      )}
      {sorted.length === 0 ? (
        <p className="muted">{t('lessons.followUps.empty')}</p>
      ) : (
        <ul className="list lsn-followups">
          {sorted.map((f) => {
            const done = f.status === 'done';
            const mayChange = canManage || f.ownerId === userId;
            return (
              <li
                key={f.id}
                className={`list-row lsn-followup${f.overdue ? ' lsn-late' : ''}${done ? ' lsn-done' : ''}`}
                data-testid="followup-row"
                data-status={f.status}
                data-overdue={f.overdue ? 'true' : 'false'}
              >
                <div className="lsn-followup-main">
                  <span className="lsn-followup-title">{f.title}</span>
                  <span className="muted lsn-followup-meta">
                    {t(`lessons.followUpKinds.${f.kind}`)} ·{' '}
                    {f.ownerId
                      ? (byId.get(f.ownerId)?.name ?? t('lessons.formerMember'))
                      : t('lessons.noOwner')}{' '}
                    ·{' '}
                    {done && f.doneAt
                      ? t('lessons.followUps.doneOn', { date: formatDate(f.doneAt, i18n.language, timeZone) })
                      : t('lessons.followUps.due', { date: formatDate(f.dueAt, i18n.language, timeZone) })}
                  </span>
                  {f.kind === 'sop_change' && f.sopId && (
                    <Link className="lsn-followup-sop" to={`/w/${workspaceId}/sops/${f.sopId}`}>
                      {done ? t('lessons.followUps.sopPublished') : t('lessons.followUps.sopDraft')}
                    </Link>
                  )}
                </div>
                <span className="lsn-followup-side">
                  {f.overdue && !done && (
                    <span className="badge lsn-overdue">{t('lessons.followUps.overdue')}</span>
                  )}
                  <span className={`badge lsn-status-${f.status}`}>
                    {t(`lessons.followUps.status.${f.status}`)}
                  </span>
                  {mayChange && (
                    <Button
                      size="sm"
                      data-testid="followup-toggle"
                      pending={update.isPending && update.variables?.followUpId === f.id}
                      onClick={() =>
                        update.mutate(
                          { followUpId: f.id, body: { status: done ? 'open' : 'done' } },
                          { onError: (error) => toast.error(t(errorKey(error))) },
                        )
                      }
                    >
                      {done ? t('lessons.followUps.reopen') : t('lessons.followUps.markDone')}
                    </Button>
                  )}
                  {canManage && (
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={t('lessons.followUps.deleteNamed', { title: f.title })}
                      data-testid="followup-delete"
                      onClick={() => setRemoving(f)}
                    >
                      {t('lessons.followUps.delete')}
                    </Button>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {adding && (
        <NewFollowUpDialog
          workspaceId={workspaceId}
          lesson={lesson}
          members={members}
          userId={userId}
          timeZone={timeZone}
          onClose={() => setAdding(false)}
          onCreated={(followUp, title) => {
            setAdding(false);
            setCreated({ followUp, sopTitle: title });
            toast.success(t('lessons.followUps.created'));
          }}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('lessons.followUps.deleteTitle')}
        message={t('lessons.followUps.deleteMessage', { title: removing?.title ?? '' })}
        confirmLabel={t('lessons.followUps.delete')}
        pending={remove.isPending}
        error={remove.isError ? t(errorKey(remove.error)) : null}
        onCancel={() => {
          setRemoving(null);
          remove.reset();
        }}
        onConfirm={() => {
          if (!removing) return;
          remove.mutate(removing.id, {
            onSuccess: () => {
              setRemoving(null);
              toast.success(t('lessons.followUps.deleted'));
            },
          });
        }}
      />
    </section>
  );
}
