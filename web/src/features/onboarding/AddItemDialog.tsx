import {
  type AddOnboardingItemBody,
  type OnboardingItemKind,
  type OnboardingPlan,
  onboardingItemKinds,
  onboardingLimits,
} from '@leeway/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormDialog } from '../../ui/Dialog.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { dueDayOf } from './dates.ts';
import { useAddOnboardingItem, usePublishedSops } from './hooks.ts';

const formId = 'onboarding-add-item';

/** Owners: one more item in a running plan. */
export function AddItemDialog({
  workspaceId,
  plan,
  onClose,
}: {
  workspaceId: string;
  plan: OnboardingPlan;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const add = useAddOnboardingItem(workspaceId, plan.id);
  const [kind, setKind] = useState<OnboardingItemKind>('intro');
  const sops = usePublishedSops(workspaceId, kind === 'acknowledge_sop');
  const [title, setTitle] = useState('');
  const [due, setDue] = useState(plan.startsOn);
  const [system, setSystem] = useState('');
  const [leastPrivilege, setLeastPrivilege] = useState('');
  const [sopId, setSopId] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const dueDay = dueDayOf(plan.startsOn, due);
  const titleProblem =
    title.trim() === ''
      ? t('lessons.problems.required')
      : title.length > onboardingLimits.itemTitleMax
        ? t('lessons.problems.too_long', { max: onboardingLimits.itemTitleMax })
        : undefined;
  const dueProblem =
    dueDay === null || dueDay < 0 || dueDay > onboardingLimits.maxDueDay
      ? t('onboarding.items.dueRange', { max: onboardingLimits.maxDueDay })
      : undefined;
  const accessProblem = kind === 'access' && (system.trim() === '' || leastPrivilege.trim() === '');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (titleProblem || dueProblem || accessProblem || dueDay === null) return;
    const body: AddOnboardingItemBody = {
      kind,
      title: title.trim(),
      dueDay,
      ...(kind === 'access'
        ? { access: { system: system.trim(), leastPrivilege: leastPrivilege.trim() } }
        : {}),
      ...(kind === 'acknowledge_sop' && sopId ? { sopId } : {}),
    };
    add.mutate(body, {
      onSuccess: () => {
        toast.success(t('onboarding.items.added'));
        onClose();
      },
      onError: (error) => setFormError(t(errorKey(error))),
    });
  }

  return (
    <FormDialog
      title={t('onboarding.items.addTitle')}
      onClose={onClose}
      formId={formId}
      submitLabel={t('onboarding.items.add')}
      submitTestId="onboarding-item-save"
      pending={add.isPending}
    >
      <form id={formId} className="form" noValidate onSubmit={submit}>
        {formError && <Alert>{formError}</Alert>}
        <SelectField
          label={t('onboarding.items.kind')}
          value={kind}
          onChange={(event) => {
            const next = onboardingItemKinds.find((k) => k === event.target.value);
            if (next) setKind(next);
          }}
          options={onboardingItemKinds.map((k) => ({ value: k, label: t(`onboarding.kinds.${k}`) }))}
        />
        <TextField
          label={t('onboarding.items.itemTitle')}
          value={title}
          error={submitted || title.length > onboardingLimits.itemTitleMax ? titleProblem : undefined}
          onChange={(event) => setTitle(event.target.value)}
        />
        <TextField
          type="date"
          label={t('onboarding.items.dueDate')}
          value={due}
          min={plan.startsOn}
          error={dueProblem}
          onChange={(event) => setDue(event.target.value)}
        />
        {kind === 'access' && (
          <>
            <Alert tone="info">
              {t('onboarding.items.passwords')} {plan.passwordNote}
            </Alert>
            <div className="form-grid-2">
              <TextField
                label={t('onboarding.items.system')}
                value={system}
                maxLength={200}
                error={submitted && system.trim() === '' ? t('lessons.problems.required') : undefined}
                onChange={(event) => setSystem(event.target.value)}
              />
              <TextField
                label={t('onboarding.items.leastPrivilege')}
                hint={t('onboarding.items.leastPrivilegeHint')}
                value={leastPrivilege}
                maxLength={300}
                error={submitted && leastPrivilege.trim() === '' ? t('lessons.problems.required') : undefined}
                onChange={(event) => setLeastPrivilege(event.target.value)}
              />
            </div>
          </>
        )}
        {kind === 'acknowledge_sop' &&
          (sops.isError ? (
            <p className="muted">{t('onboarding.start.sopsUnavailable')}</p>
          ) : (
            <SelectField
              label={t('onboarding.items.sop')}
              value={sopId}
              hint={t('onboarding.items.sopHint')}
              onChange={(event) => setSopId(event.target.value)}
              options={[
                { value: '', label: t('onboarding.items.anySop') },
                ...(sops.data ?? [])
                  .filter((s) => plan.areaIds.length === 0 || plan.areaIds.includes(s.areaId))
                  .map((s) => ({ value: s.id, label: s.title })),
              ]}
            />
          ))}
      </form>
    </FormDialog>
  );
}
