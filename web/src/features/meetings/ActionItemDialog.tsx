import type { AgendaItemView } from '@leeway/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormDialog } from '../../ui/Dialog.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { useAreas } from '../areas/hooks.ts';
import { useUserTimeZone } from '../auth/use-user-format.ts';
import { problemAt, problemsFromError } from '../lessons/problems.ts';
import { useProblemText } from '../lessons/use-problem-text.ts';
import { fromDueInputs } from '../tasks/due.ts';
import { sortedMembers, useMemberMap } from '../tasks/people.ts';
import { type ActionItemCreated, useCreateActionItem } from './hooks.ts';

const titleMax = 500;

/** Turns an agenda item (or nothing in particular) into a task with an assignee and a due date. */
export function ActionItemDialog({
  workspaceId,
  meetingId,
  start,
  item,
  onClose,
  onCreated,
}: {
  workspaceId: string;
  meetingId: string;
  start: string;
  item: AgendaItemView | null;
  onClose: () => void;
  onCreated: (created: ActionItemCreated) => void;
}) {
  const { t } = useTranslation();
  const zone = useUserTimeZone();
  const problemText = useProblemText();
  const people = useMemberMap(workspaceId);
  const areas = useAreas(workspaceId);
  const create = useCreateActionItem(workspaceId, meetingId, start);
  const [title, setTitle] = useState(item?.title ?? '');
  const [assigneeId, setAssigneeId] = useState(item?.aboutMemberId ?? '');
  const [due, setDue] = useState('');
  const [areaId, setAreaId] = useState('');
  const [tried, setTried] = useState(false);
  const formId = useId();

  const serverProblems = problemsFromError(create.error);
  const dueAt = due ? fromDueInputs(due, '', zone) : null;
  const titleError =
    title.trim() === ''
      ? tried
        ? t('lessons.problems.required')
        : undefined
      : title.length > titleMax
        ? t('lessons.problems.too_long', { max: titleMax })
        : problemText(problemAt(serverProblems, 'title'));
  const dueError =
    dueAt === undefined
      ? t('lessons.problems.invalid_date')
      : problemText(problemAt(serverProblems, 'dueAt'));
  const known = ['title', 'assigneeId', 'dueAt', 'areaId'];
  const formError =
    create.isError && !serverProblems.some((p) => known.includes(p.field)) ? t(errorKey(create.error)) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTried(true);
    if (title.trim() === '' || title.length > titleMax || dueAt === undefined) return;
    create.mutate(
      {
        title: title.trim(),
        assigneeId: assigneeId || null,
        dueAt,
        areaId: areaId || null,
        ...(item ? { itemKey: item.key } : {}),
      },
      { onSuccess: onCreated },
    );
  }

  return (
    <FormDialog
      title={t('meetings.actionItemForm.title')}
      onClose={onClose}
      formId={formId}
      submitLabel={t('meetings.actionItemForm.save')}
      submitTestId="action-item-save"
      pending={create.isPending}
    >
      <form id={formId} className="form" noValidate onSubmit={submit}>
        {formError && <Alert>{formError}</Alert>}
        <TextField
          label={t('meetings.actionItemForm.field')}
          value={title}
          data-testid="action-item-title"
          error={titleError}
          onBlur={() => setTried(true)}
          onChange={(event) => setTitle(event.target.value)}
        />
        <div className="form-grid-2">
          <SelectField
            label={t('meetings.actionItemForm.assignee')}
            value={assigneeId}
            data-testid="action-item-assignee"
            error={problemText(problemAt(serverProblems, 'assigneeId'))}
            onChange={(event) => setAssigneeId(event.target.value)}
            options={[
              { value: '', label: t('meetings.actionItemForm.nobody') },
              ...sortedMembers(people.members).map((m) => ({ value: m.userId, label: m.name })),
            ]}
          />
          <TextField
            type="date"
            label={t('meetings.actionItemForm.due')}
            optional
            value={due}
            data-testid="action-item-due"
            error={dueError}
            onChange={(event) => setDue(event.target.value)}
          />
        </div>
        <SelectField
          label={t('meetings.actionItemForm.area')}
          value={areaId}
          data-testid="action-item-area"
          error={problemText(problemAt(serverProblems, 'areaId'))}
          onChange={(event) => setAreaId(event.target.value)}
          options={[
            { value: '', label: t('meetings.actionItemForm.noArea') },
            ...(areas.data ?? []).map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
      </form>
    </FormDialog>
  );
}
