import { type Goal, type GoalStatus, goalLimits, goalStatuses } from '@leeway/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode, errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormDialog } from '../../ui/Dialog.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { dayInZone, endOfDayIso } from '../lessons/lesson-draft.ts';
import { conflictCurrent, useCreateGoal, useUpdateGoal } from './hooks.ts';
import { serverProblems } from './parts.tsx';

/** Creates a goal, or edits one on the version the owner saw (a conflict reloads the form). */
export function GoalFormDialog({
  workspaceId,
  goal,
  timeZone,
  onClose,
  onSaved,
}: {
  workspaceId: string;
  goal?: Goal;
  timeZone: string;
  onClose: () => void;
  onSaved: (goal: Goal) => void;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const [base, setBase] = useState(goal);
  const [title, setTitle] = useState(goal?.title ?? '');
  const [description, setDescription] = useState(goal?.description ?? '');
  const [measure, setMeasure] = useState(goal?.measure ?? '');
  const [target, setTarget] = useState(goal?.target ?? '');
  const [due, setDue] = useState(goal?.dueAt ? dayInZone(goal.dueAt, timeZone) : '');
  const [status, setStatus] = useState<GoalStatus>(goal?.status ?? 'on_track');
  const [submitted, setSubmitted] = useState(false);
  const [conflicted, setConflicted] = useState(false);
  const create = useCreateGoal(workspaceId);
  const update = useUpdateGoal(workspaceId, goal?.id ?? '');
  const mutation = goal ? update : create;
  const server = serverProblems(mutation.error);
  const problem = (field: string) => {
    const kind = server[field];
    return kind ? t(`goals.problems.${kind}`) : undefined;
  };
  const titleMissing = submitted && title.trim() === '' ? t('goals.problems.required') : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setConflicted(false);
    if (title.trim() === '') return;
    const body = {
      title: title.trim(),
      description,
      measure,
      target,
      dueAt: due ? endOfDayIso(due, timeZone) : null,
      status,
    };
    const done = { onSuccess: onSaved };
    if (base) {
      update.mutate(
        { version: base.version, ...body },
        {
          ...done,
          onError: (error) => {
            const current = conflictCurrent<Goal>(error);
            if (!current) return;
            setConflicted(true);
            setBase(current);
            setTitle(current.title);
            setDescription(current.description);
            setMeasure(current.measure);
            setTarget(current.target);
            setDue(current.dueAt ? dayInZone(current.dueAt, timeZone) : '');
            setStatus(current.status);
          },
        },
      );
    } else create.mutate(body, done);
  }

  const otherError =
    mutation.isError && errorCode(mutation.error) !== 'validation_failed' && !conflicted
      ? t(errorKey(mutation.error))
      : null;

  return (
    <FormDialog
      title={goal ? t('goals.edit') : t('goals.new')}
      onClose={onClose}
      formId={formId}
      submitLabel={goal ? t('common.save') : t('goals.new')}
      submitTestId="goal-submit"
      pending={mutation.isPending}
    >
      <form id={formId} className="form" onSubmit={submit} noValidate>
        {conflicted && <Alert tone="info">{t('goals.conflict')}</Alert>}
        {otherError && <Alert tone="error">{otherError}</Alert>}
        <TextField
          label={t('goals.fields.title')}
          value={title}
          maxLength={goalLimits.titleMax}
          data-testid="goal-title"
          error={titleMissing ?? problem('title')}
          onChange={(event) => setTitle(event.target.value)}
        />
        <TextAreaField
          label={t('goals.fields.description')}
          optional
          rows={3}
          value={description}
          maxLength={goalLimits.descriptionMax}
          error={problem('description')}
          onChange={(event) => setDescription(event.target.value)}
        />
        <div className="form-grid-2">
          <TextField
            label={t('goals.fields.measure')}
            hint={t('goals.fields.measureHint')}
            optional
            value={measure}
            maxLength={goalLimits.measureMax}
            data-testid="goal-measure"
            error={problem('measure')}
            onChange={(event) => setMeasure(event.target.value)}
          />
          <TextField
            label={t('goals.fields.target')}
            hint={t('goals.fields.targetHint')}
            optional
            value={target}
            maxLength={goalLimits.targetMax}
            data-testid="goal-target"
            error={problem('target')}
            onChange={(event) => setTarget(event.target.value)}
          />
        </div>
        <div className="form-grid-2">
          <TextField
            type="date"
            label={t('goals.fields.due')}
            optional
            value={due}
            data-testid="goal-due"
            error={problem('dueAt')}
            onChange={(event) => setDue(event.target.value)}
          />
          <SelectField
            label={t('goals.status.label')}
            value={status}
            data-testid="goal-status-select"
            error={problem('status')}
            onChange={(event) => setStatus(event.target.value as GoalStatus)}
            options={goalStatuses.map((s) => ({ value: s, label: t(`goals.status.${s}`) }))}
          />
        </div>
      </form>
    </FormDialog>
  );
}
