import { checkQuestion, type Question, questionLimits } from '@leeway/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormDialog } from '../../ui/Dialog.tsx';
import { SelectField, TextAreaField } from '../../ui/Field.tsx';
import { useRequiredUser } from '../auth/session.ts';
import { type FieldProblem, fromCore, problemAt, problemsFromError } from '../lessons/problems.ts';
import { useTouched } from '../lessons/use-touched.ts';
import { sortedMembers, useMemberMap } from '../tasks/people.ts';
import { TaskPicker } from '../tasks/TaskPicker.tsx';
import { useAskQuestion } from './hooks.ts';
import { useQuestionProblemText } from './use-problem-text.ts';

const formId = 'question-ask-form';
const formFields = ['body', 'taskId', 'addresseeId', 'forUserId'];

/**
 * Asks a question, in general or on a task (`task` given: fixed, as on the task page).
 * A question on a task blocks it until it is answered; the dialog says so before sending.
 */
export function AskQuestionDialog({
  workspaceId,
  task,
  onClose,
  onAsked,
}: {
  workspaceId: string;
  task?: { id: string; title: string };
  onClose: () => void;
  onAsked: (question: Question) => void;
}) {
  const { t } = useTranslation();
  const user = useRequiredUser();
  const problemText = useQuestionProblemText();
  const ask = useAskQuestion(workspaceId);
  const people = useMemberMap(workspaceId);
  const touched = useTouched();
  const [body, setBody] = useState('');
  const [taskId, setTaskId] = useState(task?.id ?? '');
  const [taskTitle, setTaskTitle] = useState(task?.title ?? '');
  const [addresseeId, setAddresseeId] = useState('');
  const [serverProblems, setServerProblems] = useState<FieldProblem[]>([]);
  const [formError, setFormError] = useState<string | null>(null);

  const localProblems = useMemo(() => {
    const checked = checkQuestion({ body, taskId: taskId || null, forUserId: addresseeId || null });
    return checked.ok ? [] : fromCore(checked.problems);
  }, [body, taskId, addresseeId]);
  const problems = [...serverProblems, ...localProblems];
  const at = (field: string) => (touched.shown(field) ? problemText(problemAt(problems, field)) : undefined);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    touched.submit();
    setFormError(null);
    if (localProblems.length > 0) {
      window.requestAnimationFrame(() =>
        document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    ask.mutate(
      { body: body.trim(), taskId: taskId || null, addresseeId: addresseeId || null },
      {
        onSuccess: onAsked,
        onError: (error) => {
          const found = problemsFromError(error);
          setServerProblems(found);
          if (found.length === 0 || found.some((p) => !formFields.includes(p.field.split('/')[0] ?? '')))
            setFormError(t(errorKey(error)));
        },
      },
    );
  }

  const others = sortedMembers(people.members).filter((m) => m.userId !== user.id);
  const taskProblem = at('taskId');

  return (
    <FormDialog
      title={t('questions.ask.title')}
      onClose={onClose}
      formId={formId}
      submitLabel={t('questions.ask.submit')}
      submitTestId="question-submit"
      pending={ask.isPending}
    >
      <form id={formId} className="form" noValidate onSubmit={submit}>
        <p className="muted">{t('questions.ask.intro')}</p>
        {formError && <Alert>{formError}</Alert>}
        <TextAreaField
          name="body"
          label={t('questions.fields.body')}
          hint={t('questions.ask.bodyHint')}
          rows={5}
          value={body}
          maxLength={questionLimits.bodyMax + 100}
          data-testid="question-body"
          error={at('body')}
          onBlur={(event) => touched.leave('body', event.target.value)}
          onChange={(event) => {
            setBody(event.target.value);
            touched.edit('body');
            setServerProblems((prev) => prev.filter((p) => p.field !== 'body'));
          }}
        />
        {task ? (
          <div className="qst-fixed-task">
            <p className="field-label">{t('questions.fields.task')}</p>
            <p className="qst-picked-title">{task.title}</p>
            <p className="field-hint">{t('questions.ask.blocksHint')}</p>
          </div>
        ) : (
          <TaskPicker
            workspaceId={workspaceId}
            testIdPrefix="question"
            texts={{
              label: t('questions.fields.task'),
              hint: t('questions.ask.taskHint'),
              pickedHint: t('questions.ask.blocksHint'),
              linked: t('questions.ask.linkedTask'),
              unlink: t('questions.ask.unlinkTask'),
              searchFailed: t('questions.ask.taskSearchFailed'),
              noTasks: t('questions.ask.noTasks'),
            }}
            taskId={taskId}
            taskTitle={taskTitle}
            error={taskProblem}
            onChange={(id, title) => {
              setTaskId(id);
              setTaskTitle(title);
              setServerProblems((prev) => prev.filter((p) => p.field !== 'taskId'));
            }}
          />
        )}
        <SelectField
          name="addresseeId"
          label={t('questions.fields.addressee')}
          hint={t('questions.ask.addresseeHint')}
          value={addresseeId}
          data-testid="question-addressee"
          error={at('addresseeId') ?? at('forUserId')}
          onChange={(event) => {
            setAddresseeId(event.target.value);
            setServerProblems((prev) => prev.filter((p) => p.field !== 'addresseeId'));
          }}
          options={[
            { value: '', label: t('questions.ask.anyone') },
            ...others.map((m) => ({ value: m.userId, label: m.name })),
          ]}
        />
      </form>
    </FormDialog>
  );
}
