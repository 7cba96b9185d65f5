import { type AutonomySettings, defaultAutonomySettings, validateAutonomySettings } from '@leeway/core';
import type { TFunction } from 'i18next';
import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/Dialog.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { describedBy } from '../../ui/Field.tsx';
import { LoadingState } from '../../ui/Spinner.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useAutonomySettings, useUpdateAutonomySettings } from './hooks.ts';
import {
  draftPatch,
  type FieldProblem,
  fromDraft,
  problemsByField,
  type SettingsDraft,
  settingFields,
  toDraft,
} from './settings-form.ts';

type T = TFunction;

const steps = [
  { key: 'toL2', from: 1, to: 2, fromName: 'guided', toName: 'reviewed' },
  { key: 'toL3', from: 2, to: 3, fromName: 'reviewed', toName: 'spot_checked' },
  { key: 'toL4', from: 3, to: 4, fromName: 'spot_checked', toName: 'informed' },
  { key: 'toL5', from: 4, to: 5, fromName: 'informed', toName: 'owner' },
] as const;
const risks = ['low', 'medium', 'high'] as const;
const kindOf = new Map(settingFields.map((f) => [f.path, f.kind]));

/** The label of a field path, e.g. `promotion/toL3/minReviewed` → "Reviewed results". */
function fieldLabel(t: T, path: string): string {
  const [group, a, b] = path.split('/');
  switch (group) {
    case 'promotion':
      return t(
        `autonomy.settings.promotion.${b as 'minDays' | 'minReviewed' | 'minFirstPassRate' | 'lastFirstPass'}`,
      );
    case 'risk':
      return t(`autonomy.settings.risk.${b as 'countMultiplier' | 'defaultMaxLevel'}`);
    case 'sampling':
      return t(`autonomy.settings.sampling.${a as 'l3FullReviews' | 'l3Rate' | 'l4Rate' | 'l5Rate'}`);
    case 'tightening':
      return t(
        `autonomy.settings.tightening.${a as 'window' | 'defects' | 'rateMultiplier' | 'minRate' | 'relaxAfter' | 'graceDays' | 'demotionAfter' | 'demotionWindowDays'}`,
      );
    case 'supportEpisodes':
      return t(`autonomy.settings.episodes.${a as 'defaultDays' | 'maxDays'}`);
    default:
      return path;
  }
}

/** A problem in words; rates read as percentages, other fields by their label. */
function problemText(t: T, path: string, p: FieldProblem): string {
  const num = (v: string | number | undefined) => Number(v ?? 0);
  const percent = kindOf.get(path) === 'percent';
  switch (p.code) {
    case 'integer_at_least':
      return t('autonomy.settings.problem.integerAtLeast', { min: num(p.params.min) });
    case 'integer_between':
      return t('autonomy.settings.problem.integerBetween', {
        min: num(p.params.min),
        max: num(p.params.max),
      });
    case 'number_between':
      return percent
        ? t('autonomy.settings.problem.percentBetween', {
            min: num(p.params.min) * 100,
            max: num(p.params.max) * 100,
          })
        : t('autonomy.settings.problem.numberBetween', { min: num(p.params.min), max: num(p.params.max) });
    case 'number_above':
      return t('autonomy.settings.problem.numberAbove', { max: num(p.params.max) });
    case 'not_more_than_field':
      return t('autonomy.settings.problem.notMoreThan', {
        other: fieldLabel(t, String(p.params.other ?? '')),
      });
    default:
      return t('validation.invalid');
  }
}

export function AutonomySettingsSection({ workspaceId, canEdit }: { workspaceId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const settings = useAutonomySettings(workspaceId);
  return (
    <section className="card stack" aria-labelledby="settings-autonomy" data-testid="autonomy-settings">
      <div>
        <h2 id="settings-autonomy">{t('autonomy.settings.title')}</h2>
        <p className="muted">
          {canEdit ? t('autonomy.settings.intro') : t('autonomy.settings.introReadOnly')}
        </p>
      </div>
      {settings.isPending ? (
        <LoadingState />
      ) : settings.isError ? (
        <ErrorState
          message={t(errorKey(settings.error))}
          onRetry={() => void settings.refetch()}
          retrying={settings.isFetching}
        />
      ) : (
        <AutonomySettingsForm workspaceId={workspaceId} settings={settings.data} canEdit={canEdit} />
      )}
    </section>
  );
}

function AutonomySettingsForm({
  workspaceId,
  settings,
  canEdit,
}: {
  workspaceId: string;
  settings: AutonomySettings;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useUpdateAutonomySettings(workspaceId);
  const formRef = useRef<HTMLFormElement>(null);
  const [base, setBase] = useState(settings);
  const [draft, setDraft] = useState<SettingsDraft>(() => toDraft(settings));
  const [shown, setShown] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverProblems, setServerProblems] = useState<Record<string, FieldProblem>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);

  // Someone else saved (or the first answer came late) while nothing was edited here: follow it.
  if (settings !== base && !update.isPending) {
    const untouched = Object.keys(draftPatch(draft, base)).length === 0;
    setBase(settings);
    if (untouched) setDraft(toDraft(settings));
  }

  const local = useMemo(() => {
    const problems = validateAutonomySettings(fromDraft(draft, base));
    return problemsByField(problems);
  }, [draft, base]);
  const patch = useMemo(() => draftPatch(draft, base), [draft, base]);
  const dirty = Object.keys(patch).length > 0;

  function errorFor(path: string): string | undefined {
    const server = serverProblems[path];
    if (server) return problemText(t, path, server);
    const p = local.fields[path];
    if (p && (submitted || shown.has(path))) return problemText(t, path, p);
    return undefined;
  }

  function change(path: string, value: string) {
    setDraft((d) => ({ ...d, [path]: value }));
    // Validate as you type: a field shows its problem from its first change on.
    setShown((s) => (s.has(path) ? s : new Set(s).add(path)));
    setServerProblems((s) => {
      if (!s[path]) return s;
      const next = { ...s };
      delete next[path];
      return next;
    });
    setFormError(null);
  }

  function focus(path: string) {
    const el = formRef.current?.elements.namedItem(path);
    if (el instanceof HTMLElement) el.focus();
  }

  function showError(error: unknown) {
    if (error instanceof ApiError && error.code === 'validation_failed') {
      const { fields, unmatched } = problemsByField(error.fields);
      setServerProblems(fields);
      if (unmatched || Object.keys(fields).length === 0) setFormError(t(errorKey(error)));
      const first = settingFields.find((f) => fields[f.path]);
      if (first) focus(first.path);
      return;
    }
    setFormError(t(errorKey(error)));
  }

  function saved(next: AutonomySettings, message: string) {
    setBase(next);
    setDraft(toDraft(next));
    setShown(new Set());
    setSubmitted(false);
    setServerProblems({});
    setFormError(null);
    toast.success(message);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    setFormError(null);
    const first = settingFields.find((f) => local.fields[f.path] || serverProblems[f.path]);
    if (first) {
      focus(first.path);
      return;
    }
    if (local.unmatched) {
      setFormError(t('errors.validation_failed'));
      return;
    }
    if (!dirty) return;
    update.mutate(patch, {
      onSuccess: (next) => saved(next, t('autonomy.settings.saved')),
      onError: showError,
    });
  }

  function resetToDefaults() {
    update.mutate(defaultAutonomySettings, {
      onSuccess: (next) => {
        setConfirmReset(false);
        saved(next, t('autonomy.settings.resetDone'));
      },
      onError: (error) => {
        setConfirmReset(false);
        showError(error);
      },
    });
  }

  const input = (path: string, unit?: string) => (
    <SettingInput
      key={path}
      path={path}
      label={fieldLabel(t, path)}
      unit={unit}
      value={draft[path] ?? ''}
      error={errorFor(path)}
      readOnly={!canEdit}
      onChange={(v) => change(path, v)}
      onBlur={() => setShown((s) => (s.has(path) ? s : new Set(s).add(path)))}
    />
  );
  const days = t('autonomy.settings.unit.days');
  const pct = '%';
  const times = '×';

  return (
    <form ref={formRef} className="form autonomy-settings" noValidate onSubmit={onSubmit}>
      {formError && <Alert>{formError}</Alert>}

      <fieldset className="autonomy-settings-group">
        <legend>{t('autonomy.settings.promotion.title')}</legend>
        <p className="muted">{t('autonomy.settings.promotion.intro')}</p>
        {steps.map((step) => (
          <fieldset key={step.key} className="autonomy-settings-step">
            <legend>
              {t('autonomy.settings.promotion.step', {
                from: step.from,
                to: step.to,
                fromName: t(`autonomy.level.${step.fromName}`),
                toName: t(`autonomy.level.${step.toName}`),
              })}
            </legend>
            <div className="autonomy-settings-grid">
              {input(`promotion/${step.key}/minDays`, days)}
              {input(`promotion/${step.key}/minReviewed`)}
              {input(`promotion/${step.key}/minFirstPassRate`, pct)}
              {input(`promotion/${step.key}/lastFirstPass`)}
            </div>
          </fieldset>
        ))}
        <p className="field-hint">{t('autonomy.settings.promotion.lastFirstPassHint')}</p>
      </fieldset>

      <fieldset className="autonomy-settings-group">
        <legend>{t('autonomy.settings.risk.title')}</legend>
        <p className="muted">{t('autonomy.settings.risk.intro')}</p>
        {risks.map((risk) => (
          <fieldset key={risk} className="autonomy-settings-step">
            <legend>{t(`autonomy.settings.risk.class.${risk}`)}</legend>
            <div className="autonomy-settings-grid">
              {input(`risk/${risk}/countMultiplier`, times)}
              {input(`risk/${risk}/defaultMaxLevel`)}
            </div>
          </fieldset>
        ))}
      </fieldset>

      <fieldset className="autonomy-settings-group">
        <legend>{t('autonomy.settings.sampling.title')}</legend>
        <p className="muted">{t('autonomy.settings.sampling.intro')}</p>
        <div className="autonomy-settings-grid">
          {input('sampling/l3FullReviews')}
          {input('sampling/l3Rate', pct)}
          {input('sampling/l4Rate', pct)}
          {input('sampling/l5Rate', pct)}
        </div>
      </fieldset>

      <fieldset className="autonomy-settings-group">
        <legend>{t('autonomy.settings.tightening.title')}</legend>
        <p className="muted">{t('autonomy.settings.tightening.intro')}</p>
        <div className="autonomy-settings-grid">
          {input('tightening/defects')}
          {input('tightening/window')}
          {input('tightening/rateMultiplier', times)}
          {input('tightening/minRate', pct)}
          {input('tightening/relaxAfter')}
          {input('tightening/graceDays', days)}
          {input('tightening/demotionAfter')}
          {input('tightening/demotionWindowDays', days)}
        </div>
      </fieldset>

      <fieldset className="autonomy-settings-group">
        <legend>{t('autonomy.settings.episodes.title')}</legend>
        <p className="muted">{t('autonomy.settings.episodes.intro')}</p>
        <div className="autonomy-settings-grid">
          {input('supportEpisodes/defaultDays', days)}
          {input('supportEpisodes/maxDays', days)}
        </div>
      </fieldset>

      {canEdit && (
        <div className="form-actions autonomy-settings-actions">
          <Button
            type="submit"
            variant="primary"
            pending={update.isPending && !confirmReset}
            disabled={!dirty}
            data-testid="autonomy-settings-save"
          >
            {t('common.save')}
          </Button>
          <Button onClick={() => setConfirmReset(true)} disabled={update.isPending}>
            {t('autonomy.settings.reset')}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirmReset}
        title={t('autonomy.settings.resetTitle')}
        message={t('autonomy.settings.resetMessage')}
        confirmLabel={t('autonomy.settings.resetConfirm')}
        onConfirm={resetToDefaults}
        onCancel={() => setConfirmReset(false)}
        pending={update.isPending}
      />
    </form>
  );
}

function SettingInput({
  path,
  label,
  unit,
  value,
  error,
  readOnly,
  onChange,
  onBlur,
}: {
  path: string;
  label: string;
  unit: string | undefined;
  value: string;
  error: string | undefined;
  readOnly: boolean;
  onChange: (value: string) => void;
  onBlur: () => void;
}) {
  const id = useId();
  const { i18n } = useTranslation();
  const kind = kindOf.get(path);
  if (readOnly) {
    const number = Number(value);
    const shown = value !== '' && Number.isFinite(number) ? number.toLocaleString(i18n.language) : value;
    return (
      <div className="field autonomy-settings-readonly">
        <span className="field-label">{label}</span>
        <span className="autonomy-settings-value">
          {shown}
          {unit ? ` ${unit}` : ''}
        </span>
      </div>
    );
  }
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="autonomy-settings-input">
        <input
          id={id}
          name={path}
          className="input"
          type="text"
          inputMode={kind === 'count' ? 'numeric' : 'decimal'}
          autoComplete="off"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, error, undefined)}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
          data-testid={`autonomy-setting-${path.replaceAll('/', '-')}`}
        />
        {unit && (
          <span className="autonomy-settings-unit" aria-hidden="true">
            {unit}
          </span>
        )}
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
