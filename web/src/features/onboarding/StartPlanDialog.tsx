import type { CharterBody, Locale, OnboardingPlan, StartOnboardingPlanBody } from '@leeway/core';
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { isLocale } from '../../lib/locale.ts';
import { Alert } from '../../ui/Alert.tsx';
import { FormDialog } from '../../ui/Dialog.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { useAreas } from '../areas/hooks.ts';
import { type FieldProblem, problemsFromError } from '../lessons/problems.ts';
import { useTouched } from '../lessons/use-touched.ts';
import { sortedMembers, useMemberMap } from '../tasks/people.ts';
import { CharterFields } from './CharterFields.tsx';
import { charterField, charterProblems, editableCharter, trimCharter } from './charter.ts';
import { formatDay } from './dates.ts';
import { useOnboardingTemplates, usePublishedSops, useStartOnboardingPlan } from './hooks.ts';

const formId = 'onboarding-start-form';

/** Owners: start an onboarding plan for an assistant from a template. */
export function StartPlanDialog({
  workspaceId,
  today,
  onClose,
  onStarted,
}: {
  workspaceId: string;
  today: string;
  onClose: () => void;
  onStarted: (plan: OnboardingPlan) => void;
}) {
  const { t, i18n } = useTranslation();
  const uiLocale: Locale = isLocale(i18n.language) ? i18n.language : 'en';
  const people = useMemberMap(workspaceId);
  const assistants = sortedMembers(people.members.filter((m) => m.role === 'assistant'));
  const areas = useAreas(workspaceId);
  const sops = usePublishedSops(workspaceId);
  const start = useStartOnboardingPlan(workspaceId);
  const touched = useTouched();

  const [assistantId, setAssistantId] = useState('');
  // '' = the assistant's own language, which the server knows (the member list doesn't say).
  const [locale, setLocale] = useState<Locale | ''>('');
  const templates = useOnboardingTemplates(workspaceId, locale || uiLocale);
  const [templateKey, setTemplateKey] = useState('first_30_days');
  const [startsOn, setStartsOn] = useState(today);
  const [areaIds, setAreaIds] = useState<string[]>([]);
  const [sopIds, setSopIds] = useState<string[]>([]);
  const [charter, setCharter] = useState<CharterBody>(editableCharter(undefined));
  const [charterEdited, setCharterEdited] = useState(false);
  const [serverProblems, setServerProblems] = useState<FieldProblem[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const areaLegend = useId();

  const template = templates.data?.find((tpl) => tpl.key === templateKey) ?? templates.data?.[0];

  // Prefill the charter from the chosen template (and its language) until the person edits it.
  useEffect(() => {
    if (template && !charterEdited) setCharter(editableCharter(template.charter));
  }, [template, charterEdited]);

  useEffect(() => {
    if (!assistantId && assistants.length === 1 && assistants[0]) setAssistantId(assistants[0].userId);
  }, [assistantId, assistants]);

  const problems = useMemo(
    () => [
      ...serverProblems.map((p) => ({ ...p, field: charterField(p.field) })),
      ...charterProblems(charter),
    ],
    [serverProblems, charter],
  );
  const startProblem = /^\d{4}-\d{2}-\d{2}$/.test(startsOn) ? undefined : t('lessons.problems.invalid_date');
  const assistantProblem = assistantId ? undefined : t('onboarding.start.assistantRequired');
  const areaSops = (sops.data ?? []).filter((s) => areaIds.length === 0 || areaIds.includes(s.areaId));

  function toggle(list: string[], id: string, on: boolean): string[] {
    return on ? [...new Set([...list, id])] : list.filter((x) => x !== id);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    touched.submit();
    setFormError(null);
    if (assistantProblem || startProblem || charterProblems(charter).length > 0 || !template) {
      // The errors render after this handler: look for the first one on the next frame.
      const form = event.currentTarget;
      window.requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const body: StartOnboardingPlanBody = {
      assistantId,
      templateKey: template.key,
      startsOn,
      ...(locale ? { locale } : {}),
      areaIds,
      // Untouched, the template's charter comes in the plan's language from the server.
      ...(charterEdited ? { charter: trimCharter(charter) } : {}),
      ...(sopIds.length > 0 ? { sopIds: sopIds.filter((id) => areaSops.some((s) => s.id === id)) } : {}),
    };
    start.mutate(body, {
      onSuccess: onStarted,
      onError: (error) => {
        const found = problemsFromError(error);
        setServerProblems(found);
        if (
          found.length === 0 ||
          found.some(
            (p) => !charterField(p.field).match(/^(outcomes|workingHours|responseTimes|authorityNotes)/),
          )
        )
          setFormError(t(errorKey(error)));
      },
    });
  }

  return (
    <FormDialog
      title={t('onboarding.start.title')}
      onClose={onClose}
      formId={formId}
      submitLabel={t('onboarding.start.submit')}
      submitTestId="onboarding-start-confirm"
      pending={start.isPending}
    >
      <form id={formId} className="form" noValidate onSubmit={submit}>
        {formError && <Alert>{formError}</Alert>}
        <SelectField
          label={t('onboarding.start.assistant')}
          name="assistantId"
          value={assistantId}
          data-testid="onboarding-assistant-select"
          error={touched.shown('assistantId') ? assistantProblem : undefined}
          hint={assistants.length === 0 && !people.isPending ? t('onboarding.start.noAssistants') : undefined}
          onBlur={(event) => touched.leave('assistantId', event.target.value)}
          onChange={(event) => setAssistantId(event.target.value)}
          options={[
            { value: '', label: t('onboarding.start.chooseAssistant') },
            ...assistants.map((m) => ({ value: m.userId, label: m.name })),
          ]}
        />
        <div className="form-grid-2">
          <SelectField
            label={t('onboarding.start.template')}
            name="templateKey"
            value={template?.key ?? templateKey}
            onChange={(event) => {
              setTemplateKey(event.target.value);
              setCharterEdited(false);
            }}
            options={(templates.data ?? []).map((tpl) => ({ value: tpl.key, label: tpl.name }))}
            error={templates.isError ? t(errorKey(templates.error)) : undefined}
          />
          <SelectField
            label={t('onboarding.start.language')}
            name="locale"
            value={locale}
            hint={t('onboarding.start.languageHint')}
            onChange={(event) => {
              const value = event.target.value;
              setLocale(isLocale(value) ? value : '');
              setCharterEdited(false);
            }}
            options={[
              { value: '', label: t('onboarding.start.languages.assistant') },
              { value: 'en', label: t('onboarding.start.languages.en') },
              { value: 'de', label: t('onboarding.start.languages.de') },
            ]}
          />
        </div>
        <TextField
          type="date"
          name="startsOn"
          label={t('onboarding.start.startsOn')}
          value={startsOn}
          error={startProblem}
          onChange={(event) => setStartsOn(event.target.value)}
        />
        {template && (
          <details className="onb-preview">
            <summary>{t('onboarding.start.preview', { count: template.items.length })}</summary>
            <ul className="onb-preview-list">
              {template.items.map((item, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a template's items have no ids.
                <li key={index}>
                  <span className="muted">{t('onboarding.day', { day: item.dueDay + 1 })}</span> ·{' '}
                  {item.title}
                </li>
              ))}
            </ul>
          </details>
        )}

        <fieldset className="fieldset" aria-describedby={areaLegend}>
          <legend className="field-label">{t('onboarding.start.areas')}</legend>
          <p className="muted" id={areaLegend}>
            {t('onboarding.start.areasHint')}
          </p>
          {areas.isPending ? (
            <Spinner size="sm" />
          ) : (areas.data ?? []).length === 0 ? (
            <p className="muted">{t('onboarding.start.noAreas')}</p>
          ) : (
            <ul className="check-list">
              {(areas.data ?? []).map((area) => (
                <li key={area.id}>
                  <label className="check">
                    <input
                      type="checkbox"
                      data-testid="onboarding-area-checkbox"
                      value={area.id}
                      checked={areaIds.includes(area.id)}
                      onChange={(event) => setAreaIds((list) => toggle(list, area.id, event.target.checked))}
                    />
                    {area.name}
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <fieldset className="fieldset">
          <legend className="field-label">
            {t('onboarding.start.sops')} <span className="field-optional">({t('common.optional')})</span>
          </legend>
          <p className="muted">{t('onboarding.start.sopsHint')}</p>
          {sops.isPending ? (
            <Spinner size="sm" />
          ) : sops.isError ? (
            <p className="muted">{t('onboarding.start.sopsUnavailable')}</p>
          ) : areaSops.length === 0 ? (
            <p className="muted">{t('onboarding.start.noSops')}</p>
          ) : (
            <ul className="check-list">
              {areaSops.map((sop) => (
                <li key={sop.id}>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={sopIds.includes(sop.id)}
                      onChange={(event) => setSopIds((list) => toggle(list, sop.id, event.target.checked))}
                    />
                    {sop.title}
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <h3 className="onb-subhead">{t('onboarding.charter.title')}</h3>
        <p className="muted">
          {t('onboarding.charter.intro', { date: formatDay(startsOn || today, i18n.language) })}
        </p>
        <CharterFields
          value={charter}
          problems={problems}
          shown={touched.shown}
          onLeave={touched.leave}
          onEdit={touched.edit}
          onChange={(next) => {
            setCharter(next);
            setCharterEdited(true);
            setServerProblems([]);
          }}
        />
      </form>
    </FormDialog>
  );
}
