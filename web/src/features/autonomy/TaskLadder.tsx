import { autonomyLimits } from '@leeway/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog, FormDialog } from '../../ui/Dialog.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { TextPromptDialog } from '../../ui/TextPromptDialog.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat } from '../auth/use-user-format.ts';
import { uncheckedSopSteps } from '../sops/sop-values.ts';
import { SopStepsUncheckedAlert } from '../sops/TaskSop.tsx';
import { SectionList } from '../tasks/SectionParts.tsx';
import { useTaskEdit } from '../tasks/task-edit.ts';
import { ExplanationText } from './Explanation.tsx';
import {
  type SubmitResult,
  useApproveTask,
  useDeclineTask,
  useMyAutonomy,
  useRequestReview,
  useSubmitTask,
  useTaskReviews,
} from './hooks.ts';
import { ReviewPanel } from './ReviewForm.tsx';
import { taskAutonomy } from './task-fields.ts';
import './autonomy.css';

const openStates = new Set(['todo', 'doing']);

/** Tick the guardrails the work touched, add a note, submit; then say where it went and why. */
function SubmitDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { workspaceId, task, areas } = useTaskEdit();
  const submit = useSubmitTask(workspaceId, task.id);
  const area = areas.find((a) => a.id === task.areaId);
  const guardrails = area?.guardrails ?? [];
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const [note, setNote] = useState('');
  const [result, setResult] = useState<SubmitResult | null>(null);
  const formId = useId();
  const tooLong = note.length > autonomyLimits.noteMax;

  if (result) {
    const inReview = result.routing ? result.routing.goesToReview : result.task.state === 'review';
    return (
      <Dialog
        open
        title={t('autonomy.submit.resultTitle')}
        onClose={onClose}
        footer={
          <Button variant="primary" onClick={onClose} autoFocus>
            {t('autonomy.submit.close')}
          </Button>
        }
      >
        <p>
          <strong>{inReview ? t('autonomy.submit.toReview') : t('autonomy.submit.toDone')}</strong>
        </p>
        {result.routing ? (
          <ExplanationText explanation={result.routing.reason} testId="routing-explanation" />
        ) : (
          <p className="explanation" data-testid="routing-explanation">
            {t('autonomy.explainUnknown')}
          </p>
        )}
      </Dialog>
    );
  }

  return (
    <FormDialog
      title={t('autonomy.submit.title', { title: task.title })}
      onClose={onClose}
      formId={formId}
      submitLabel={t('autonomy.submit.confirm')}
      submitTestId="submit-confirm"
      pending={submit.isPending}
    >
      <form
        id={formId}
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (tooLong) return;
          submit.mutate(
            {
              version: task.version,
              guardrailsTicked: [...ticked].sort((a, b) => a - b),
              ...(note.trim() ? { note: note.trim() } : {}),
            },
            { onSuccess: setResult },
          );
        }}
      >
        <p className="muted">{t('autonomy.submit.intro')}</p>
        {submit.error &&
          (uncheckedSopSteps(submit.error) ? (
            <SopStepsUncheckedAlert error={submit.error} />
          ) : (
            <Alert>{t(errorKey(submit.error))}</Alert>
          ))}
        {area ? (
          <fieldset className="guardrail-list">
            <legend className="field-label">{t('autonomy.submit.guardrails', { area: area.name })}</legend>
            {guardrails.length === 0 ? (
              <p className="muted">{t('autonomy.submit.noGuardrails')}</p>
            ) : (
              guardrails.map((text, index) => (
                // Guardrails have no ids; the index is what the server receives.
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed while the dialog is open.
                <label key={index} className="check-option">
                  <input
                    type="checkbox"
                    checked={ticked.has(index)}
                    data-testid="submit-guardrail"
                    onChange={(event) =>
                      setTicked((prev) => {
                        const next = new Set(prev);
                        if (event.target.checked) next.add(index);
                        else next.delete(index);
                        return next;
                      })
                    }
                  />
                  <span>{text}</span>
                </label>
              ))
            )}
          </fieldset>
        ) : (
          <p className="muted">{t('autonomy.submit.noArea')}</p>
        )}
        <TextAreaField
          label={t('autonomy.submit.note')}
          optional
          rows={3}
          value={note}
          error={tooLong ? t('autonomy.validation.tooLong', { max: autonomyLimits.noteMax }) : undefined}
          onChange={(event) => setNote(event.target.value)}
        />
      </form>
    </FormDialog>
  );
}

function DeclineTaskDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const { workspaceId, task } = useTaskEdit();
  const decline = useDeclineTask(workspaceId, task.id);
  return (
    <TextPromptDialog
      title={t('autonomy.proposed.declineTitle')}
      label={t('autonomy.proposed.declineReason')}
      hint={t('autonomy.proposed.declineHint')}
      maxLength={autonomyLimits.reasonMax}
      multiline
      rows={3}
      submitLabel={t('autonomy.proposed.decline')}
      submitTestId="task-decline-confirm"
      fieldTestId="task-decline-reason"
      pending={decline.isPending}
      error={decline.error ? t(errorKey(decline.error)) : null}
      requiredMessage={t('autonomy.validation.required')}
      tooLongMessage={t('autonomy.validation.tooLong', { max: autonomyLimits.reasonMax })}
      onClose={onClose}
      onSubmit={(reason) =>
        decline.mutate(reason, {
          onSuccess: () => {
            toast.success(t('autonomy.proposed.declined'));
            onClose();
          },
        })
      }
    />
  );
}

/** The header actions the ladder adds to a task: submit, "review this one", approve a proposed task. */
export function TaskLadderActions() {
  const { t } = useTranslation();
  const toast = useToast();
  const { workspaceId, task, userId, isOwner } = useTaskEdit();
  const ladder = taskAutonomy(task);
  const requestReview = useRequestReview(workspaceId, task.id);
  const approve = useApproveTask(workspaceId, task.id);
  const [submitOpen, setSubmitOpen] = useState(false);
  const [declineOpen, setDeclineOpen] = useState(false);
  const isAssignee = task.assigneeId !== null && task.assigneeId === userId;
  const open = openStates.has(task.state);

  return (
    <div className="task-ladder-actions">
      {ladder.proposed && (
        <span
          className="badge badge-proposed"
          data-testid="task-proposed"
          title={t('autonomy.proposed.intro')}
        >
          {t('autonomy.proposed.badge')}
        </span>
      )}
      {ladder.proposed && isOwner && (
        <>
          <Button
            size="sm"
            variant="primary"
            pending={approve.isPending}
            data-testid="task-approve"
            onClick={() =>
              approve.mutate(undefined, {
                onSuccess: () => toast.success(t('autonomy.proposed.approved')),
                onError: (error) => toast.error(t(errorKey(error))),
              })
            }
          >
            {t('autonomy.proposed.approve')}
          </Button>
          <Button size="sm" data-testid="task-decline" onClick={() => setDeclineOpen(true)}>
            {t('autonomy.proposed.decline')}
          </Button>
        </>
      )}
      {isAssignee && open && !ladder.proposed && (
        <Button size="sm" variant="primary" data-testid="submit-task" onClick={() => setSubmitOpen(true)}>
          {t('autonomy.submit.open')}
        </Button>
      )}
      {isOwner && open && !isAssignee && (
        <Button
          size="sm"
          aria-pressed={ladder.reviewRequested}
          title={t('autonomy.requestReview.hint')}
          pending={requestReview.isPending}
          data-testid="task-request-review"
          onClick={() =>
            requestReview.mutate(
              { version: task.version, requested: !ladder.reviewRequested },
              {
                onSuccess: (_task, body) =>
                  toast.success(
                    body.requested
                      ? t('autonomy.requestReview.marked')
                      : t('autonomy.requestReview.unmarked'),
                  ),
                onError: (error) => toast.error(t(errorKey(error))),
              },
            )
          }
        >
          {ladder.reviewRequested ? t('autonomy.requestReview.off') : t('autonomy.requestReview.on')}
        </Button>
      )}
      {submitOpen && <SubmitDialog onClose={() => setSubmitOpen(false)} />}
      {declineOpen && <DeclineTaskDialog onClose={() => setDeclineOpen(false)} />}
    </div>
  );
}

/** Reviews already decided on this task, newest last. */
function ReviewHistory() {
  const { t } = useTranslation();
  const format = useUserFormat();
  const { workspaceId, task, members } = useTaskEdit();
  const reviews = useTaskReviews(workspaceId, task.id);
  const headingId = useId();
  return (
    <section className="task-section" aria-labelledby={headingId} data-testid="task-reviews">
      <h2 id={headingId} className="section-title">
        {t('autonomy.review.history')}
      </h2>
      <SectionList query={reviews} empty={t('autonomy.review.historyEmpty')}>
        {(list) => (
          <ol className="ladder-list">
            {list.map((record) => (
              <li key={record.id} className="ladder-item">
                <div className="ladder-item-head">
                  <strong>{t(`autonomy.review.outcome.${record.outcome}`)}</strong>
                  {record.tags.map((tag) => (
                    <span key={tag} className={`badge tag-${tag}`}>
                      {t(`autonomy.review.tag.${tag}`)}
                    </span>
                  ))}
                  <span className="muted">{t(`autonomy.phase.${record.phase}`)}</span>
                </div>
                {record.note && <p className="ladder-note">{record.note}</p>}
                <p className="muted ladder-meta">
                  {members.find((m) => m.userId === record.reviewerId)?.name ?? t('tasks.formerMember')} ·{' '}
                  <time dateTime={record.decidedAt}>{format.dateTime(record.decidedAt)}</time>
                </p>
              </li>
            ))}
          </ol>
        )}
      </SectionList>
    </section>
  );
}

/**
 * The ladder's sections of a task page: why it is (not) in review, the review panel for
 * whoever may decide, and the reviews so far.
 */
export function TaskLadderSections() {
  const { t } = useTranslation();
  const { workspaceId, task, userId, isOwner } = useTaskEdit();
  const ladder = taskAutonomy(task);
  const mine = useMyAutonomy(workspaceId, !isOwner);
  const isAssignee = task.assigneeId !== null && task.assigneeId === userId;
  // Reviewers are owners and assistants at level 5 in the task's area; never the assignee.
  const ownsArea = (mine.data ?? []).some(
    (cell) => cell.grant.areaId === task.areaId && cell.grant.effectiveLevel === 5,
  );
  const mayReview = !isAssignee && (isOwner || ownsArea);

  return (
    <>
      {ladder.routing && (
        <section className="task-section routing-note" aria-label={t('autonomy.submit.routingLabel')}>
          <ExplanationText explanation={ladder.routing.reason} testId="task-routing" />
        </section>
      )}
      {task.state === 'review' && mayReview && <ReviewPanel workspaceId={workspaceId} taskId={task.id} />}
      {/* Reviews so far: only once work can have been handed in (a fresh task has none to load). */}
      {(ladder.routing || task.state !== 'todo') && <ReviewHistory />}
    </>
  );
}
