import { type Member, type Question, questionLimits } from '@leeway/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/Dialog.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat } from '../auth/use-user-format.ts';
import { conflictQuestion, useAnswerQuestion, useDeleteQuestion, useReopenQuestion } from './hooks.ts';
import { isOverdue } from './question-view.ts';

/** "waiting 26 h", highlighted past the agenda threshold; "answered after 3 h" once answered. */
export function WaitingBadge({ question }: { question: Question }) {
  const { t } = useTranslation();
  const overdue = isOverdue(question);
  if (question.status === 'answered')
    return (
      <span className="badge badge-neutral qst-waiting">
        {question.waitingHours < 1
          ? t('questions.answeredQuickly')
          : t('questions.answeredAfter', { count: question.waitingHours })}
      </span>
    );
  return (
    <span className={`badge qst-waiting${overdue ? ' qst-waiting-overdue' : ''}`} data-overdue={overdue}>
      {question.waitingHours < 1
        ? t('questions.waitingNew')
        : t('questions.waiting', { count: question.waitingHours })}
    </span>
  );
}

/**
 * One question with everything one can do to it: read, answer inline (the asker may also mark
 * it answered without text), reopen, delete their own. A 409 keeps the typed answer.
 */
export function QuestionCard({
  workspaceId,
  question,
  members,
  userId,
  showTask = true,
  highlighted = false,
}: {
  workspaceId: string;
  question: Question;
  members: ReadonlyMap<string, Member>;
  userId: string;
  showTask?: boolean;
  highlighted?: boolean;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const format = useUserFormat();
  const answer = useAnswerQuestion(workspaceId);
  const reopen = useReopenQuestion(workspaceId);
  const remove = useDeleteQuestion(workspaceId);
  const headingId = useId();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Question | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const mine = question.askerId === userId;
  const addressee = question.addresseeId
    ? (members.get(question.addresseeId)?.name ?? t('questions.formerMember'))
    : null;
  const answerer = question.answeredBy
    ? (members.get(question.answeredBy)?.name ?? t('questions.formerMember'))
    : null;
  const overdue = isOverdue(question);
  // After a conflict, send against the newest version we know of.
  const version = Math.max(question.version, conflict?.version ?? 0);

  function send(body: string) {
    setProblem(null);
    answer.mutate(
      { questionId: question.id, taskId: question.taskId, body: { version, body } },
      {
        onSuccess: () => {
          setDraft('');
          setConflict(null);
          toast.success(body === '' ? t('questions.markedAnswered') : t('questions.answerSent'));
        },
        onError: (error) => {
          const current = conflictQuestion(error);
          if (current || (error as { code?: string }).code === 'conflict') {
            setConflict(current ?? { ...question, version: question.version });
            return;
          }
          setProblem(t(errorKey(error)));
        },
      },
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = draft.trim();
    if (text === '') {
      setProblem(t('questions.problems.answerRequired'));
      return;
    }
    if (text.length > questionLimits.answerMax) {
      setProblem(t('questions.problems.too_long', { max: questionLimits.answerMax }));
      return;
    }
    send(text);
  }

  const tooLong = draft.trim().length > questionLimits.answerMax;
  const fieldError = tooLong
    ? t('questions.problems.too_long', { max: questionLimits.answerMax })
    : (problem ?? undefined);
  const showForm = question.status === 'open' || (conflict !== null && draft.trim() !== '');

  return (
    <li
      className={`card qst-row${overdue ? ' qst-row-overdue' : ''}${highlighted ? ' qst-row-highlighted' : ''}`}
      data-testid="question-row"
      data-status={question.status}
      data-question-id={question.id}
      id={`question-${question.id}`}
      aria-labelledby={headingId}
      tabIndex={highlighted ? -1 : undefined}
    >
      <div className="qst-meta">
        <span id={headingId} className="qst-who">
          {addressee
            ? t('questions.askedTo', { asker: question.askerName, addressee })
            : t('questions.askedAnyone', { asker: question.askerName })}
        </span>
        <span className="muted">
          <time dateTime={question.createdAt}>{format.dateTime(question.createdAt)}</time>
        </span>
        <WaitingBadge question={question} />
      </div>
      {showTask && (
        <p className="qst-task">
          {question.taskId ? (
            <>
              <span className="muted">{t('questions.onTask')} </span>
              <Link to={`/w/${workspaceId}/tasks/${question.taskId}`} data-testid="question-task-link">
                {question.taskTitle ?? t('questions.hiddenTask')}
              </Link>
            </>
          ) : (
            <span className="badge badge-neutral">{t('questions.general')}</span>
          )}
        </p>
      )}
      <div
        className="markdown qst-body"
        // Server-rendered and sanitised at the storage boundary, like comments.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: bodyHtml is the server's sanitised rendering.
        dangerouslySetInnerHTML={{ __html: question.bodyHtml }}
      />
      {overdue && <p className="qst-agenda-note">{t('questions.onAgenda')}</p>}

      {question.status === 'answered' && (
        <div className="qst-answer" data-testid="question-answer">
          <p className="qst-answer-by">
            {answerer ? t('questions.answeredBy', { name: answerer }) : t('questions.answeredLabel')}
            {question.answeredAt && (
              <>
                {' · '}
                <time dateTime={question.answeredAt}>{format.dateTime(question.answeredAt)}</time>
              </>
            )}
          </p>
          {question.answerHtml && question.answer ? (
            <div
              className="markdown"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: answerHtml is the server's sanitised rendering.
              dangerouslySetInnerHTML={{ __html: question.answerHtml }}
            />
          ) : (
            <p className="muted">{t('questions.settledElsewhere')}</p>
          )}
        </div>
      )}

      {conflict && (
        <Alert tone="info">
          {conflict.status === 'answered' ? t('questions.conflictAnswered') : t('questions.conflict')}
        </Alert>
      )}

      {showForm && (
        <form className="qst-answer-form" noValidate onSubmit={submit}>
          <TextAreaField
            label={mine ? t('questions.fields.ownAnswer') : t('questions.fields.answer')}
            rows={3}
            value={draft}
            data-testid="question-answer-input"
            error={fieldError}
            onChange={(event) => {
              setDraft(event.target.value);
              setProblem(null);
            }}
          />
          <div className="qst-actions">
            <Button
              type="submit"
              variant="primary"
              size="sm"
              pending={answer.isPending}
              data-testid="question-answer-submit"
            >
              {t('questions.answerAction')}
            </Button>
            {mine && question.status === 'open' && (
              <Button
                size="sm"
                variant="ghost"
                disabled={answer.isPending}
                data-testid="question-mark-answered"
                onClick={() => send('')}
              >
                {t('questions.markAnswered')}
              </Button>
            )}
            {mine && (
              <Button
                size="sm"
                variant="ghost"
                className="button-danger-text"
                data-testid="question-delete"
                onClick={() => setConfirmDelete(true)}
              >
                {t('questions.delete')}
              </Button>
            )}
          </div>
        </form>
      )}

      {question.status === 'answered' && (
        <div className="qst-actions">
          <Button
            size="sm"
            pending={reopen.isPending}
            data-testid="question-reopen"
            onClick={() =>
              reopen.mutate(
                { questionId: question.id, taskId: question.taskId, body: { version } },
                {
                  onSuccess: () => toast.success(t('questions.reopened')),
                  onError: (error) =>
                    toast.error(conflictQuestion(error) ? t('questions.conflictReload') : t(errorKey(error))),
                },
              )
            }
          >
            {t('questions.reopen')}
          </Button>
          {question.taskId && <span className="muted qst-hint">{t('questions.reopenHint')}</span>}
        </div>
      )}

      <ConfirmDialog
        open={confirmDelete}
        title={t('questions.deleteTitle')}
        message={t('questions.deleteBody')}
        confirmLabel={t('questions.delete')}
        pending={remove.isPending}
        error={remove.isError ? t(errorKey(remove.error)) : null}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() =>
          remove.mutate(question, {
            onSuccess: () => {
              setConfirmDelete(false);
              toast.success(t('questions.deleted'));
            },
          })
        }
      />
    </li>
  );
}
