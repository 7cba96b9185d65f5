import type { Area, Member, RiskClass } from '@leeway/core';
import { areaLimits, riskClasses } from '@leeway/core';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { useForm } from '../../lib/use-form.ts';
import { checkMaxLength, checkRequired } from '../../lib/validation.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { FormDialog } from '../../ui/Dialog.tsx';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { CloseIcon, PlusIcon } from '../../ui/icons.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { sortedMembers } from '../tasks/people.ts';
import { type AreaDraft, rebaseAreaDraft } from './area-draft.ts';
import { useCreateArea, useUpdateArea } from './hooks.ts';

const fieldLabel = {
  name: 'areas.form.name',
  description: 'areas.form.description',
  ownerId: 'areas.form.owner',
  backupId: 'areas.form.backup',
  riskClass: 'areas.form.risk',
  guardrails: 'areas.form.guardrails',
  memberIds: 'areas.form.contributors',
} as const satisfies Record<keyof AreaDraft, string>;

function isRiskClass(value: string): value is RiskClass {
  return (riskClasses as readonly string[]).includes(value);
}

function isArea(value: unknown): value is Area {
  return (
    typeof value === 'object' && value !== null && 'id' in value && 'version' in value && 'ownerId' in value
  );
}

interface AreaFormDialogProps {
  workspaceId: string;
  /** The area to edit; absent to create one. */
  area?: Area | undefined;
  members: readonly Member[];
  /** Who owns a new area unless changed (the person creating it). */
  defaultOwnerId: string;
  onClose: () => void;
}

/** Create or edit an area of responsibility: its people, risk class and guardrails. */
export function AreaFormDialog({ workspaceId, area, members, defaultOwnerId, onClose }: AreaFormDialogProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const create = useCreateArea(workspaceId);
  const update = useUpdateArea(workspaceId);
  const pending = create.isPending || update.isPending;
  const people = sortedMembers(members);
  const nameOf = (id: string | null) =>
    id === null ? t('areas.nobody') : (members.find((m) => m.userId === id)?.name ?? t('areas.formerMember'));

  const form = useForm({
    initial: {
      name: area?.name ?? '',
      description: area?.description ?? '',
      ownerId: area?.ownerId ?? defaultOwnerId,
      backupId: area?.backupId ?? '',
      riskClass: area?.riskClass ?? 'medium',
    },
    validate: (v) => ({
      name: checkRequired(v.name) ?? checkMaxLength(v.name.trim(), areaLimits.nameMax),
      description: checkMaxLength(v.description, areaLimits.descriptionMax),
      ownerId: checkRequired(v.ownerId),
    }),
  });
  const [guardrails, setGuardrails] = useState<string[]>(area?.guardrails ?? []);
  const [draftGuardrail, setDraftGuardrail] = useState('');
  const [guardrailError, setGuardrailError] = useState<string | null>(null);
  const [memberIds, setMemberIds] = useState<string[]>(area?.memberIds ?? []);
  // The version this form is based on: the area as opened, or as the last conflict showed it.
  const [baseArea, setBaseArea] = useState<Area | undefined>(area);
  const [conflict, setConflict] = useState<{ current: Area; kept: (keyof AreaDraft)[] } | null>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  const guardrailInputId = useId();

  // The notice sits at the top of a form that may be scrolled down to its buttons.
  useEffect(() => {
    if (!conflict) return;
    conflictRef.current?.scrollIntoView({ block: 'nearest' });
    conflictRef.current?.focus();
  }, [conflict]);
  const guardrailErrorId = useId();

  const { ownerId, backupId } = form.values;
  const contributorChoices = people.filter((m) => m.userId !== ownerId && m.userId !== backupId);

  function addGuardrail() {
    const text = draftGuardrail.trim().replace(/\s+/g, ' ');
    if (text === '') {
      setGuardrailError(t('validation.required'));
      return;
    }
    if (text.length > areaLimits.guardrailMax) {
      setGuardrailError(t('validation.tooLong', { max: areaLimits.guardrailMax }));
      return;
    }
    if (guardrails.length >= areaLimits.guardrailsMax) {
      setGuardrailError(t('areas.form.guardrailsFull', { max: areaLimits.guardrailsMax }));
      return;
    }
    setGuardrails((list) => [...list, text]);
    setDraftGuardrail('');
    setGuardrailError(null);
  }

  function onOwnerChange(next: string) {
    form.setValue('ownerId', next);
    // The owner can't be their own backup; the server would refuse it.
    if (next === form.values.backupId) form.setValue('backupId', '');
  }

  const submit = form.handleSubmit((v) => {
    const riskClass = isRiskClass(v.riskClass) ? v.riskClass : 'medium';
    const contributors = memberIds.filter((id) => id !== v.ownerId && id !== v.backupId);
    const fields = {
      name: v.name.trim(),
      description: v.description.trim(),
      ownerId: v.ownerId,
      backupId: v.backupId === '' ? null : v.backupId,
      riskClass,
      guardrails,
      memberIds: contributors,
    };
    const onError = (error: unknown) => {
      if (
        error instanceof ApiError &&
        error.code === 'conflict' &&
        isArea(error.details?.current) &&
        baseArea
      ) {
        // What the person changed stays; everything else now shows the other version.
        const current = error.details.current;
        const { draft, kept } = rebaseAreaDraft(baseArea, current, { ...v, guardrails, memberIds });
        form.setValue('name', draft.name);
        form.setValue('description', draft.description);
        form.setValue('ownerId', draft.ownerId);
        form.setValue('backupId', draft.backupId === draft.ownerId ? '' : draft.backupId);
        form.setValue('riskClass', draft.riskClass);
        setGuardrails(draft.guardrails);
        setMemberIds(draft.memberIds);
        setBaseArea(current);
        setConflict({ current, kept });
        return;
      }
      form.showError(error);
    };
    if (area) {
      update.mutate(
        { areaId: area.id, body: { version: baseArea?.version ?? area.version, ...fields } },
        {
          onSuccess: (saved) => {
            toast.success(t('areas.form.saved', { name: saved.name }));
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(fields, {
        onSuccess: (saved) => {
          toast.success(t('areas.form.created', { name: saved.name }));
          onClose();
        },
        onError,
      });
    }
  });

  const formId = useId();
  return (
    <FormDialog
      title={area ? t('areas.form.editTitle', { name: area.name }) : t('areas.form.createTitle')}
      onClose={onClose}
      formId={formId}
      submitLabel={area ? t('common.save') : t('areas.form.create')}
      submitTestId="area-submit"
      pending={pending}
    >
      <form
        id={formId}
        ref={form.formRef}
        className="form"
        noValidate
        onSubmit={(event: FormEvent<HTMLFormElement>) => submit(event)}
      >
        {conflict && (
          <Alert tone="info">
            <div ref={conflictRef} tabIndex={-1} data-testid="conflict-notice" className="stack-sm">
              <strong>{t('areas.form.conflictTitle')}</strong>
              <span>{t('areas.form.conflictBody')}</span>
              <dl className="conflict-values">
                <dt>{t('areas.form.name')}</dt>
                <dd>{conflict.current.name}</dd>
                <dt>{t('areas.form.owner')}</dt>
                <dd>{nameOf(conflict.current.ownerId)}</dd>
                <dt>{t('areas.form.backup')}</dt>
                <dd>{nameOf(conflict.current.backupId)}</dd>
                <dt>{t('areas.form.risk')}</dt>
                <dd>{t(`areas.risk.${conflict.current.riskClass}`)}</dd>
                <dt>{t('areas.form.guardrails')}</dt>
                <dd>
                  {conflict.current.guardrails.length === 0 ? '—' : conflict.current.guardrails.join(' · ')}
                </dd>
                <dt>{t('areas.form.contributors')}</dt>
                <dd>
                  {conflict.current.memberIds.length === 0
                    ? '—'
                    : conflict.current.memberIds.map(nameOf).join(', ')}
                </dd>
              </dl>
              <span>
                {conflict.kept.length === 0
                  ? t('areas.form.conflictNothingKept')
                  : t('areas.form.conflictKept', {
                      fields: conflict.kept.map((k) => t(fieldLabel[k])).join(', '),
                    })}
              </span>
            </div>
          </Alert>
        )}
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField
          label={t('areas.form.name')}
          hint={t('areas.form.nameHint')}
          autoComplete="off"
          maxLength={areaLimits.nameMax + 20}
          data-testid="area-name"
          {...form.field('name')}
        />
        <TextAreaField label={t('areas.form.description')} optional rows={3} {...form.field('description')} />
        <div className="form-grid-2">
          <SelectField
            label={t('areas.form.owner')}
            hint={t('areas.form.ownerHint')}
            options={people.map((m) => ({ value: m.userId, label: m.name }))}
            data-testid="area-owner"
            {...form.field('ownerId')}
            onChange={(event) => onOwnerChange(event.target.value)}
          />
          <SelectField
            label={t('areas.form.backup')}
            hint={t('areas.form.backupHint')}
            options={[
              { value: '', label: t('areas.form.noBackup') },
              ...people.filter((m) => m.userId !== ownerId).map((m) => ({ value: m.userId, label: m.name })),
            ]}
            data-testid="area-backup"
            {...form.field('backupId')}
          />
        </div>
        <SelectField
          label={t('areas.form.risk')}
          hint={t(`areas.riskHint.${isRiskClass(form.values.riskClass) ? form.values.riskClass : 'medium'}`)}
          options={riskClasses.map((r) => ({ value: r, label: t(`areas.risk.${r}`) }))}
          data-testid="area-risk"
          {...form.field('riskClass')}
        />

        <fieldset className="fieldset">
          <legend className="field-label">{t('areas.form.guardrails')}</legend>
          <p className="field-hint">{t('areas.form.guardrailsHint')}</p>
          {guardrails.length > 0 && (
            <ul className="guardrail-list">
              {guardrails.map((g, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: two guardrails may read the same; the position is their identity here.
                <li key={`${index}-${g}`} className="guardrail-item" data-testid="area-guardrail">
                  <span>{g}</span>
                  <Button
                    size="sm"
                    variant="ghost"
                    icon={<CloseIcon />}
                    aria-label={t('areas.form.removeGuardrail', { text: g })}
                    onClick={() => setGuardrails((list) => list.filter((_, i) => i !== index))}
                  />
                </li>
              ))}
            </ul>
          )}
          <div className="inline-add">
            <label className="visually-hidden" htmlFor={guardrailInputId}>
              {t('areas.form.newGuardrail')}
            </label>
            <input
              id={guardrailInputId}
              className="input"
              value={draftGuardrail}
              placeholder={t('areas.form.guardrailPlaceholder')}
              aria-invalid={guardrailError ? true : undefined}
              aria-describedby={guardrailError ? guardrailErrorId : undefined}
              data-testid="area-guardrail-input"
              onChange={(event) => {
                setDraftGuardrail(event.target.value);
                setGuardrailError(
                  event.target.value.length > areaLimits.guardrailMax
                    ? t('validation.tooLong', { max: areaLimits.guardrailMax })
                    : null,
                );
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  addGuardrail();
                }
              }}
            />
            <Button icon={<PlusIcon />} onClick={addGuardrail} data-testid="area-guardrail-add">
              {t('areas.form.addGuardrail')}
            </Button>
          </div>
          {guardrailError && (
            <p className="field-error" id={guardrailErrorId}>
              {guardrailError}
            </p>
          )}
        </fieldset>

        <fieldset className="fieldset">
          <legend className="field-label">{t('areas.form.contributors')}</legend>
          <p className="field-hint">{t('areas.form.contributorsHint')}</p>
          {contributorChoices.length === 0 ? (
            <p className="muted">{t('areas.form.noContributorChoices')}</p>
          ) : (
            <ul className="check-list">
              {contributorChoices.map((m) => (
                <li key={m.userId}>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={memberIds.includes(m.userId)}
                      data-testid="area-contributor"
                      onChange={(event) => {
                        const checked = event.target.checked;
                        setMemberIds((list) =>
                          checked ? [...list, m.userId] : list.filter((id) => id !== m.userId),
                        );
                      }}
                    />
                    <span>{m.name}</span>
                    <span className="muted">{t(`roles.${m.role}`)}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
      </form>
    </FormDialog>
  );
}
