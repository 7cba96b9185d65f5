import {
  type Area,
  goalLimits,
  type Member,
  type Mission,
  type MissionDetail,
  type MissionStatus,
  missionStatuses,
} from '@leeway/core';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCode, errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormDialog } from '../../ui/Dialog.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { dayInZone, endOfDayIso } from '../lessons/lesson-draft.ts';
import { sortedMembers } from '../tasks/people.ts';
import { constraintsFromText } from './goal-draft.ts';
import { conflictCurrent, useCreateMission, useUpdateMission } from './hooks.ts';
import { serverProblems } from './parts.tsx';

/** Owners give a mission under a goal, or edit one on the version they saw. */
export function MissionFormDialog({
  workspaceId,
  goalId,
  mission,
  areas,
  members,
  timeZone,
  onClose,
  onSaved,
}: {
  workspaceId: string;
  goalId: string;
  mission?: Mission;
  areas: Area[];
  members: Member[];
  timeZone: string;
  onClose: () => void;
  onSaved: (mission: MissionDetail) => void;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const [base, setBase] = useState(mission);
  const [title, setTitle] = useState(mission?.title ?? '');
  const [areaId, setAreaId] = useState(mission?.areaId ?? '');
  const [assigneeId, setAssigneeId] = useState(mission?.assigneeId ?? '');
  const [intent, setIntent] = useState(mission?.intent ?? '');
  const [endState, setEndState] = useState(mission?.endState ?? '');
  const [constraints, setConstraints] = useState((mission?.constraints ?? []).join('\n'));
  const [due, setDue] = useState(mission?.dueAt ? dayInZone(mission.dueAt, timeZone) : '');
  const [status, setStatus] = useState<MissionStatus>(mission?.status ?? 'open');
  const [submitted, setSubmitted] = useState(false);
  const [conflicted, setConflicted] = useState(false);
  const create = useCreateMission(workspaceId);
  const update = useUpdateMission(workspaceId, mission?.id ?? '');
  const mutation = mission ? update : create;
  const server = serverProblems(mutation.error);
  const problem = (field: string) => {
    const kind = server[field];
    return kind ? t(`goals.problems.${kind}`) : undefined;
  };
  const titleMissing = submitted && title.trim() === '' ? t('goals.problems.required') : undefined;
  const openAreas = areas.filter((a) => a.archivedAt === null || a.id === mission?.areaId);

  function load(current: Mission) {
    setBase(current);
    setTitle(current.title);
    setAreaId(current.areaId ?? '');
    setAssigneeId(current.assigneeId ?? '');
    setIntent(current.intent);
    setEndState(current.endState);
    setConstraints(current.constraints.join('\n'));
    setDue(current.dueAt ? dayInZone(current.dueAt, timeZone) : '');
    setStatus(current.status);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setConflicted(false);
    if (title.trim() === '') return;
    const body = {
      title: title.trim(),
      areaId: areaId || null,
      assigneeId: assigneeId || null,
      intent,
      endState,
      constraints: constraintsFromText(constraints),
      dueAt: due ? endOfDayIso(due, timeZone) : null,
    };
    if (base) {
      update.mutate(
        { version: base.version, ...body, status },
        {
          onSuccess: onSaved,
          onError: (error) => {
            const current = conflictCurrent<MissionDetail>(error);
            if (!current) return;
            setConflicted(true);
            load(current);
          },
        },
      );
    } else create.mutate({ goalId, ...body }, { onSuccess: onSaved });
  }

  const otherError =
    mutation.isError && errorCode(mutation.error) !== 'validation_failed' && !conflicted
      ? t(errorKey(mutation.error))
      : null;

  return (
    <FormDialog
      title={mission ? t('goals.missions.edit') : t('goals.missions.new')}
      onClose={onClose}
      formId={formId}
      submitLabel={mission ? t('common.save') : t('goals.missions.new')}
      submitTestId="mission-submit"
      pending={mutation.isPending}
    >
      <form id={formId} className="form" onSubmit={submit} noValidate>
        {conflicted && <Alert tone="info">{t('goals.conflict')}</Alert>}
        {otherError && <Alert tone="error">{otherError}</Alert>}
        <TextField
          label={t('goals.fields.title')}
          value={title}
          maxLength={goalLimits.titleMax}
          data-testid="mission-title"
          error={titleMissing ?? problem('title')}
          onChange={(event) => setTitle(event.target.value)}
        />
        <div className="form-grid-2">
          <SelectField
            label={t('goals.fields.area')}
            value={areaId}
            data-testid="mission-area"
            error={problem('areaId')}
            onChange={(event) => setAreaId(event.target.value)}
            options={[
              { value: '', label: t('goals.fields.noArea') },
              ...openAreas.map((a) => ({ value: a.id, label: a.name })),
            ]}
          />
          <SelectField
            label={t('goals.fields.assignee')}
            value={assigneeId}
            data-testid="mission-assignee"
            error={problem('assigneeId')}
            onChange={(event) => setAssigneeId(event.target.value)}
            options={[
              { value: '', label: t('goals.fields.nobody') },
              ...sortedMembers(members).map((m) => ({ value: m.userId, label: m.name })),
            ]}
          />
        </div>
        <TextAreaField
          label={t('goals.fields.intent')}
          hint={t('goals.fields.intentHint')}
          optional
          rows={3}
          value={intent}
          maxLength={goalLimits.intentMax}
          data-testid="mission-intent"
          error={problem('intent')}
          onChange={(event) => setIntent(event.target.value)}
        />
        <TextAreaField
          label={t('goals.fields.endState')}
          hint={t('goals.fields.endStateHint')}
          optional
          rows={3}
          value={endState}
          maxLength={goalLimits.endStateMax}
          data-testid="mission-end-state"
          error={problem('endState')}
          onChange={(event) => setEndState(event.target.value)}
        />
        <TextAreaField
          label={t('goals.fields.constraints')}
          hint={t('goals.fields.constraintsHint')}
          optional
          rows={3}
          value={constraints}
          data-testid="mission-constraints"
          error={problem('constraints')}
          onChange={(event) => setConstraints(event.target.value)}
        />
        <div className="form-grid-2">
          <TextField
            type="date"
            label={t('goals.fields.due')}
            optional
            value={due}
            data-testid="mission-due"
            error={problem('dueAt')}
            onChange={(event) => setDue(event.target.value)}
          />
          {mission && (
            <SelectField
              label={t('goals.fields.missionStatus')}
              value={status}
              data-testid="mission-status-select"
              onChange={(event) => setStatus(event.target.value as MissionStatus)}
              options={missionStatuses.map((s) => ({ value: s, label: t(`goals.missions.status.${s}`) }))}
            />
          )}
        </div>
      </form>
    </FormDialog>
  );
}
