import type { CreateTaskBody, Priority, TaskTemplate } from '@leeway/core';
import { priorities, taskLimits } from '@leeway/core';
import { type KeyboardEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm } from '../../lib/use-form.ts';
import { checkMaxLength, checkRequired } from '../../lib/validation.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Chip } from '../../ui/Chip.tsx';
import { FormDialog } from '../../ui/Dialog.tsx';
import { describedBy, FieldFrame, SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useAreas } from '../areas/hooks.ts';
import { useRequiredUser } from '../auth/session.ts';
import { useUserTimeZone } from '../auth/use-user-format.ts';
import { useMembers } from '../members/hooks.ts';
import { SopCreateSelect } from '../sops/TaskSop.tsx';
import { useLabelNames, useTemplateList } from '../tasks/hooks.ts';
import { sortedMembers } from '../tasks/people.ts';
import type { CreateTaskPreset } from './create-task-store.ts';
import { END_OF_DAY, zonedInstant } from './dates.ts';
import { useCreateTask } from './hooks.ts';
import './dialogs.css';

/** The assignee select's value for "leave it to the area" (the field is omitted). */
const AREA_DEFAULT = '';
const NOBODY = 'none';

function isPriority(value: string): value is Priority {
  return (priorities as readonly string[]).includes(value);
}

/** Labels as removable chips; Enter or a comma adds what was typed. */
function LabelsInput({
  value,
  onChange,
  suggestions,
  error,
}: {
  value: string[];
  onChange: (labels: string[]) => void;
  suggestions: readonly string[];
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function add(raw: string) {
    const label = raw.replace(/[,\n\r]/g, ' ').trim();
    if (!label) return;
    if (label.length > taskLimits.labelMax) {
      setProblem(t('validation.tooLong', { max: taskLimits.labelMax }));
      return;
    }
    if (value.length >= taskLimits.labelsMax) {
      setProblem(t('board.create.tooManyLabels', { max: taskLimits.labelsMax }));
      return;
    }
    if (!value.some((existing) => existing.toLowerCase() === label.toLowerCase()))
      onChange([...value, label]);
    setText('');
    setProblem(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add(text);
    } else if (event.key === 'Backspace' && text === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  const message = problem ?? error;
  const hint = t('board.create.labelsHint');
  return (
    <FieldFrame id={id} label={t('board.create.labels')} optional error={message} hint={hint}>
      {value.length > 0 && (
        <ul className="chip-list" aria-label={t('board.create.labels')}>
          {value.map((label) => (
            <Chip
              key={label}
              label={label}
              removeLabel={t('board.create.removeLabel', { label })}
              onRemove={() => onChange(value.filter((l) => l !== label))}
            />
          ))}
        </ul>
      )}
      <input
        id={id}
        name="labels"
        className="input"
        value={text}
        list={`${id}-suggestions`}
        onChange={(event) => {
          const next = event.target.value;
          // Picking a suggestion (or pasting "a, b") adds right away.
          if (next.includes(',')) {
            for (const part of next.split(',').slice(0, -1)) add(part);
            setText(next.split(',').at(-1) ?? '');
          } else if (suggestions.includes(next) && !value.includes(next)) {
            add(next);
          } else {
            setText(next);
            setProblem(null);
          }
        }}
        onKeyDown={onKeyDown}
        onBlur={() => add(text)}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(id, message, hint)}
        autoComplete="off"
      />
      <datalist id={`${id}-suggestions`}>
        {suggestions
          .filter((s) => !value.includes(s))
          .map((s) => (
            <option key={s} value={s} />
          ))}
      </datalist>
    </FieldFrame>
  );
}

export interface CreateTaskDialogProps {
  workspaceId: string;
  preset: CreateTaskPreset;
  /** The area the current screen is filtered by, used when the preset names none. */
  filterAreaId: string | null | undefined;
  onClose: () => void;
}

/** "New task": everything a task starts with; only the title is required. */
export function CreateTaskDialog({ workspaceId, preset, filterAreaId, onClose }: CreateTaskDialogProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const user = useRequiredUser();
  const timeZone = useUserTimeZone();
  const formId = useId();
  const create = useCreateTask(workspaceId);
  const areas = useAreas(workspaceId);
  const members = useMembers(workspaceId);
  const labels = useLabelNames(workspaceId);
  const templates = useTemplateList(workspaceId);
  const [taskLabels, setTaskLabels] = useState<string[]>([]);
  const [template, setTemplate] = useState<TaskTemplate | null>(null);
  // The SOP is picked for one area; changing the area drops it.
  const [sop, setSop] = useState<{ areaId: string; sopId: string } | null>(null);

  const initialArea = preset.areaId !== undefined ? preset.areaId : filterAreaId;
  const form = useForm({
    initial: {
      title: '',
      description: '',
      areaId: initialArea ?? '',
      assigneeId: AREA_DEFAULT,
      dueAt: preset.dueDay ?? '',
      dueTime: '',
      priority: 'none',
      templateId: '',
      // Not typed into: here so the server's issues about labels land on the labels input.
      labels: '',
    },
    validate: (v) => ({
      title: checkRequired(v.title) ?? checkMaxLength(v.title, taskLimits.titleMax),
      description: checkMaxLength(v.description, taskLimits.descriptionMax),
      // A time alone can't be placed on a day.
      dueAt: v.dueTime && !v.dueAt ? { key: 'validation.required' } : undefined,
    }),
  });

  const activeAreas = (areas.data ?? [])
    .filter((area) => area.archivedAt === null || area.id === form.values.areaId)
    .sort((a, b) => a.name.localeCompare(b.name));
  const memberOptions = sortedMembers(members.data ?? []);
  const chosenArea = activeAreas.find((area) => area.id === form.values.areaId);
  const owner = chosenArea ? members.data?.find((m) => m.userId === chosenArea.ownerId) : undefined;

  function applyTemplate(id: string) {
    form.setValue('templateId', id);
    const picked = templates.data?.find((tpl) => tpl.id === id) ?? null;
    setTemplate(picked);
    if (!picked) return;
    if (!form.values.title.trim()) form.setValue('title', picked.title);
    if (picked.areaId) form.setValue('areaId', picked.areaId);
    if (picked.labels.length > 0)
      setTaskLabels([...new Set([...taskLabels, ...picked.labels])].slice(0, taskLimits.labelsMax));
  }

  const submit = form.handleSubmit((v) => {
    const body: CreateTaskBody = {
      title: v.title.trim(),
      areaId: v.areaId || null,
      priority: isPriority(v.priority) ? v.priority : 'none',
    };
    if (preset.state) body.state = preset.state;
    if (v.description.trim()) body.description = v.description;
    if (v.assigneeId === NOBODY) body.assigneeId = null;
    else if (v.assigneeId !== AREA_DEFAULT) body.assigneeId = v.assigneeId;
    if (v.dueAt) {
      body.dueAt = new Date(zonedInstant(v.dueAt, v.dueTime || END_OF_DAY, timeZone)).toISOString();
      body.dueTimeZone = timeZone;
    }
    if (taskLabels.length > 0) body.labels = taskLabels;
    if (v.templateId) body.templateId = v.templateId;
    if (sop?.sopId && sop.areaId === v.areaId) body.sopId = sop.sopId;
    create.mutate(body, {
      onSuccess: (task) => {
        onClose();
        toast.success(t('board.create.created', { title: task.title }));
      },
      onError: form.showError,
    });
  });

  const titleField = form.field('title');
  return (
    <FormDialog
      title={t('board.create.title')}
      onClose={onClose}
      formId={formId}
      submitLabel={t('board.create.submit')}
      submitTestId="create-task-submit"
      pending={create.isPending}
    >
      <form id={formId} ref={form.formRef} className="form create-task-form" noValidate onSubmit={submit}>
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField
          label={t('board.create.titleLabel')}
          autoFocus
          autoComplete="off"
          maxLength={taskLimits.titleMax + 50}
          data-testid="create-task-title"
          {...titleField}
        />
        {(templates.data?.length ?? 0) > 0 && (
          <SelectField
            label={t('board.create.template')}
            options={[
              { value: '', label: t('board.create.noTemplate') },
              ...(templates.data ?? []).map((tpl) => ({ value: tpl.id, label: tpl.name })),
            ]}
            {...form.field('templateId')}
            onChange={(event) => applyTemplate(event.target.value)}
            hint={
              template && template.checklist.length > 0
                ? t('board.create.templateChecklist', { count: template.checklist.length })
                : undefined
            }
            data-testid="create-task-template"
          />
        )}
        <TextAreaField
          label={t('board.create.description')}
          optional
          rows={4}
          hint={t('board.create.descriptionHint')}
          data-testid="create-task-description"
          {...form.field('description')}
        />
        <div className="form-row form-row-even">
          <SelectField
            label={t('board.create.area')}
            options={[
              { value: '', label: t('board.create.noArea') },
              ...activeAreas.map((area) => ({ value: area.id, label: area.name })),
            ]}
            data-testid="create-task-area"
            {...form.field('areaId')}
          />
          <SelectField
            label={t('board.create.assignee')}
            options={[
              // Left empty, the server gives the task to the area's owner; without an area, to nobody.
              ...(chosenArea
                ? [
                    {
                      value: AREA_DEFAULT,
                      label: owner
                        ? t('board.create.areaOwnerNamed', { name: owner.name })
                        : t('board.create.areaOwner'),
                    },
                    { value: NOBODY, label: t('board.create.nobody') },
                  ]
                : [{ value: AREA_DEFAULT, label: t('board.create.nobody') }]),
              ...memberOptions.map((member) => ({
                value: member.userId,
                label:
                  member.userId === user.id ? t('board.create.meNamed', { name: member.name }) : member.name,
              })),
            ]}
            data-testid="create-task-assignee"
            {...form.field('assigneeId')}
          />
        </div>
        <SopCreateSelect
          workspaceId={workspaceId}
          areaId={form.values.areaId}
          value={sop?.areaId === form.values.areaId ? sop.sopId : ''}
          onChange={(sopId) => setSop({ areaId: form.values.areaId, sopId })}
        />
        <div className="form-row form-row-even">
          <TextField
            label={t('board.create.due')}
            type="date"
            optional
            data-testid="create-task-due"
            {...form.field('dueAt')}
          />
          <TextField
            label={t('board.create.time')}
            type="time"
            optional
            data-testid="create-task-time"
            {...form.field('dueTime')}
          />
        </div>
        <p className="field-hint create-task-zone">{t('board.create.dueHint', { zone: timeZone })}</p>
        <SelectField
          label={t('board.create.priority')}
          options={priorities.map((p) => ({ value: p, label: t(`tasks.priorities.${p}`) }))}
          data-testid="create-task-priority"
          {...form.field('priority')}
        />
        <LabelsInput
          value={taskLabels}
          onChange={setTaskLabels}
          suggestions={labels.data ?? []}
          error={form.field('labels').error}
        />
        {preset.state && preset.state !== 'todo' && (
          <p className="muted">{t('board.create.inColumn', { state: t(`tasks.states.${preset.state}`) })}</p>
        )}
      </form>
    </FormDialog>
  );
}
