import { contributingFactorKinds, type Lesson, lessonLimits } from '@leeway/core';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { FormDialog } from '../../ui/Dialog.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { PlusIcon } from '../../ui/icons.tsx';
import { useAreas } from '../areas/hooks.ts';
import { usePublishedSops } from '../onboarding/hooks.ts';
import { TaskPicker } from '../tasks/TaskPicker.tsx';
import { conflictLesson, useCreateLesson, useUpdateLesson } from './hooks.ts';
import {
  draftFromLesson,
  draftProblems,
  emptyDraft,
  type LessonDraft,
  newFactor,
  severities,
  severityNames,
  toLessonBody,
  toRowField,
} from './lesson-draft.ts';
import { type FieldProblem, problemAt, problemsFromError } from './problems.ts';
import { useProblemText } from './use-problem-text.ts';
import { useTouched } from './use-touched.ts';

const formId = 'lesson-form';

/** Fields the form shows; a server problem elsewhere (a `culprit`) is shown above the form. */
const formFields = [
  'title',
  'whatHappened',
  'impact',
  'severity',
  'contributingFactors',
  'wentWell',
  'learned',
  'taskId',
  'areaId',
  'sopId',
];

/** Writes a new lesson, or edits one (`lesson` given); blameless by construction. */
export function LessonFormDialog({
  workspaceId,
  lesson,
  onClose,
  onSaved,
}: {
  workspaceId: string;
  lesson?: Lesson;
  onClose: () => void;
  onSaved: (lesson: Lesson) => void;
}) {
  const { t } = useTranslation();
  const taskPickerTexts = {
    label: t('lessons.fields.task'),
    hint: t('lessons.form.taskHint'),
    linked: t('lessons.form.linkedTask'),
    unlink: t('lessons.form.unlinkTask'),
    searchFailed: t('lessons.form.taskSearchFailed'),
    noTasks: t('lessons.form.noTasks'),
  };
  const problemText = useProblemText();
  const create = useCreateLesson(workspaceId);
  const update = useUpdateLesson(workspaceId, lesson?.id ?? '');
  const mutation = lesson ? update : create;
  const areas = useAreas(workspaceId);
  const sops = usePublishedSops(workspaceId);
  const touched = useTouched();
  const [draft, setDraft] = useState<LessonDraft>(() => (lesson ? draftFromLesson(lesson) : emptyDraft()));
  const [serverProblems, setServerProblems] = useState<FieldProblem[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const factorsId = useId();

  const problems = useMemo(() => [...serverProblems, ...draftProblems(draft)], [serverProblems, draft]);
  const at = (field: string) => (touched.shown(field) ? problemText(problemAt(problems, field)) : undefined);
  const blameless = serverProblems.find(
    (p) => p.code === 'lessons_are_blameless' && !formFields.includes(p.field.split('/')[0] ?? ''),
  );

  function set<K extends keyof LessonDraft>(key: K, value: LessonDraft[K]) {
    setDraft((prev) => ({ ...prev, [key]: value }));
    touched.edit(key);
    setServerProblems((prev) => prev.filter((p) => !p.field.startsWith(key)));
  }

  function setFactor(index: number, patch: Partial<LessonDraft['factors'][number]>) {
    if (patch.text !== undefined) touched.edit(`contributingFactors/${index}/text`);
    setDraft((prev) => ({
      ...prev,
      factors: prev.factors.map((f, i) => (i === index ? { ...f, ...patch } : f)),
    }));
    setServerProblems((prev) => prev.filter((p) => !p.field.startsWith('contributingFactors')));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    touched.submit();
    setFormError(null);
    if (draftProblems(draft).length > 0) {
      window.requestAnimationFrame(() =>
        document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    const body = toLessonBody(draft);
    mutation.mutate(lesson ? { ...body, version: lesson.version } : body, {
      onSuccess: onSaved,
      onError: (error) => {
        if (conflictLesson(error) || (error as { code?: string }).code === 'conflict') {
          setConflict(true);
          return;
        }
        const found = problemsFromError(error).map((p) => ({ ...p, field: toRowField(draft, p.field) }));
        setServerProblems(found);
        const unmatched =
          found.length === 0 || found.some((p) => !formFields.includes(p.field.split('/')[0] ?? ''));
        if (unmatched && !found.some((p) => p.code === 'lessons_are_blameless'))
          setFormError(t(errorKey(error)));
      },
    });
  }

  const sopOptions = (sops.data ?? []).map((s) => ({ value: s.id, label: s.title }));
  if (lesson?.sopId && !sopOptions.some((o) => o.value === lesson.sopId))
    sopOptions.unshift({ value: lesson.sopId, label: lesson.sopTitle ?? lesson.sopId });

  return (
    <FormDialog
      title={lesson ? t('lessons.form.editTitle') : t('lessons.form.newTitle')}
      onClose={onClose}
      formId={formId}
      submitLabel={lesson && conflict ? t('lessons.form.saveAnyway') : t('lessons.form.save')}
      submitTestId="lesson-save"
      pending={mutation.isPending}
    >
      <form id={formId} className="form" noValidate onSubmit={submit}>
        <Alert tone="info">{t('lessons.form.blameless')}</Alert>
        {conflict && <Alert>{t('lessons.form.conflict')}</Alert>}
        {blameless && <Alert>{problemText(blameless)}</Alert>}
        {formError && <Alert>{formError}</Alert>}
        <TextField
          name="title"
          label={t('lessons.fields.title')}
          value={draft.title}
          data-testid="lesson-title"
          error={at('title')}
          onBlur={(event) => touched.leave('title', event.target.value)}
          onChange={(event) => set('title', event.target.value)}
        />
        <TextAreaField
          name="whatHappened"
          label={t('lessons.fields.whatHappened')}
          hint={t('lessons.form.whatHint')}
          rows={4}
          value={draft.whatHappened}
          data-testid="lesson-what"
          error={at('whatHappened')}
          onBlur={(event) => touched.leave('whatHappened', event.target.value)}
          onChange={(event) => set('whatHappened', event.target.value)}
        />
        <div className="form-grid-2">
          <TextAreaField
            name="impact"
            label={t('lessons.fields.impact')}
            optional
            rows={2}
            value={draft.impact}
            error={at('impact')}
            onBlur={(event) => touched.leave('impact', event.target.value)}
            onChange={(event) => set('impact', event.target.value)}
          />
          <SelectField
            name="severity"
            label={t('lessons.fields.severity')}
            hint={t('lessons.form.severityHint')}
            value={draft.severity}
            data-testid="lesson-severity"
            error={at('severity')}
            onChange={(event) => set('severity', event.target.value)}
            options={severities.map((s) => ({
              value: String(s),
              label: t('lessons.severityOption', {
                number: s,
                name: t(`lessons.severity.${severityNames[s]}`),
              }),
            }))}
          />
        </div>

        <fieldset className="fieldset" aria-describedby={factorsId}>
          <legend className="field-label">{t('lessons.fields.factors')}</legend>
          <p className="muted lsn-hint" id={factorsId}>
            {t('lessons.form.factorsHint')}
          </p>
          {at('contributingFactors') && <p className="field-error">{at('contributingFactors')}</p>}
          <ul className="lsn-factor-rows">
            {draft.factors.map((factor, index) => (
              <li key={factor.key} className="lsn-factor-row">
                <SelectField
                  name={`contributingFactors/${index}/kind`}
                  label={t('lessons.form.factorKind', { number: index + 1 })}
                  value={factor.kind}
                  data-testid="lesson-factor-kind"
                  error={at(`contributingFactors/${index}/kind`)}
                  onChange={(event) => {
                    const kind = contributingFactorKinds.find((k) => k === event.target.value);
                    if (kind) setFactor(index, { kind });
                  }}
                  options={contributingFactorKinds.map((k) => ({
                    value: k,
                    label: t(`lessons.factors.${k}`),
                  }))}
                />
                <TextField
                  name={`contributingFactors/${index}/text`}
                  label={t('lessons.form.factorText', { number: index + 1 })}
                  placeholder={t(`lessons.factorPlaceholders.${factor.kind}`)}
                  value={factor.text}
                  maxLength={lessonLimits.factorTextMax + 50}
                  data-testid="lesson-factor-text"
                  error={at(`contributingFactors/${index}/text`)}
                  onBlur={(event) => touched.leave(`contributingFactors/${index}/text`, event.target.value)}
                  onChange={(event) => setFactor(index, { text: event.target.value })}
                />
                <Button
                  size="sm"
                  variant="ghost"
                  className="lsn-factor-remove"
                  aria-label={t('lessons.form.removeFactor', { number: index + 1 })}
                  onClick={() =>
                    set(
                      'factors',
                      draft.factors.filter((_, i) => i !== index),
                    )
                  }
                >
                  {t('lessons.form.remove')}
                </Button>
              </li>
            ))}
          </ul>
          <div>
            <Button
              size="sm"
              icon={<PlusIcon />}
              data-testid="lesson-add-factor"
              disabled={draft.factors.length >= lessonLimits.factorsMax}
              onClick={() => set('factors', [...draft.factors, newFactor()])}
            >
              {t('lessons.form.addFactor')}
            </Button>
          </div>
        </fieldset>

        <TextAreaField
          name="wentWell"
          label={t('lessons.fields.wentWell')}
          optional
          rows={2}
          value={draft.wentWell}
          error={at('wentWell')}
          onBlur={(event) => touched.leave('wentWell', event.target.value)}
          onChange={(event) => set('wentWell', event.target.value)}
        />
        <TextAreaField
          name="learned"
          label={t('lessons.fields.learned')}
          optional
          rows={3}
          value={draft.learned}
          error={at('learned')}
          onBlur={(event) => touched.leave('learned', event.target.value)}
          onChange={(event) => set('learned', event.target.value)}
        />

        <fieldset className="fieldset">
          <legend className="field-label">{t('lessons.fields.links')}</legend>
          <TaskPicker
            workspaceId={workspaceId}
            testIdPrefix="lesson"
            texts={taskPickerTexts}
            taskId={draft.taskId}
            taskTitle={draft.taskTitle}
            error={problemText(problemAt(serverProblems, 'taskId'))}
            onChange={(taskId, taskTitle) => {
              set('taskId', taskId);
              set('taskTitle', taskTitle);
            }}
          />
          <div className="form-grid-2">
            <SelectField
              name="areaId"
              label={t('lessons.fields.area')}
              value={draft.areaId}
              error={problemText(problemAt(serverProblems, 'areaId'))}
              onChange={(event) => set('areaId', event.target.value)}
              options={[
                { value: '', label: t('lessons.form.none') },
                ...(areas.data ?? []).map((a) => ({ value: a.id, label: a.name })),
              ]}
            />
            <SelectField
              name="sopId"
              label={t('lessons.fields.sop')}
              value={draft.sopId}
              data-testid="lesson-sop-select"
              hint={sops.isError ? t('lessons.form.sopsUnavailable') : undefined}
              error={problemText(problemAt(serverProblems, 'sopId'))}
              onChange={(event) => set('sopId', event.target.value)}
              options={[{ value: '', label: t('lessons.form.none') }, ...sopOptions]}
            />
          </div>
        </fieldset>
      </form>
    </FormDialog>
  );
}
