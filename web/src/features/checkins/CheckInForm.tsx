import { type CheckIn, checkCheckIn, checkInLimits } from '@leeway/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useUserFormat } from '../auth/use-user-format.ts';
import { type FieldProblem, fromCore, problemAt, problemsFromError } from '../lessons/problems.ts';
import { useTouched } from '../lessons/use-touched.ts';
import { AutonomyScale } from './AutonomyScale.tsx';
import { useSubmitCheckIn } from './hooks.ts';
import { useCheckInProblemText } from './use-problem-text.ts';
import { useWeekLabel } from './use-week-label.ts';

const formId = 'checkin-form';
const formFields = ['done', 'planned', 'blockers', 'autonomy', 'discuss'];

interface Draft {
  done: string;
  planned: string;
  blockers: string;
  autonomy: number | null;
  discuss: boolean;
}

function draftOf(checkIn: CheckIn | null): Draft {
  return checkIn
    ? {
        done: checkIn.done,
        planned: checkIn.planned,
        blockers: checkIn.blockers,
        autonomy: checkIn.autonomy,
        discuss: checkIn.discuss,
      }
    : { done: '', planned: '', blockers: '', autonomy: null, discuss: false };
}

/** Focuses the first field with a problem; for the autonomy scale, its first radio. */
function focusFirstProblem() {
  window.requestAnimationFrame(() => {
    const invalid = document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!invalid) return;
    if (invalid instanceof HTMLFieldSetElement) invalid.querySelector<HTMLElement>('input')?.focus();
    else invalid.focus();
  });
}

/**
 * This week's check-in, written by the assistant. Sent once, it can be changed until the
 * week ends (the server replaces this week's check-in, one per person and week).
 */
export function CheckInForm({
  workspaceId,
  week,
  current,
}: {
  workspaceId: string;
  week: string;
  current: CheckIn | null;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const format = useUserFormat();
  const weekLabel = useWeekLabel();
  const problemText = useCheckInProblemText();
  const submitMutation = useSubmitCheckIn(workspaceId);
  const touched = useTouched();
  const [draft, setDraft] = useState<Draft>(() => draftOf(current));
  const [serverProblems, setServerProblems] = useState<FieldProblem[]>([]);
  const [formError, setFormError] = useState<string | null>(null);

  const localProblems = useMemo(() => {
    const checked = checkCheckIn({ ...draft, autonomy: draft.autonomy ?? undefined });
    return checked.ok ? [] : fromCore(checked.problems);
  }, [draft]);
  const problems = [...serverProblems, ...localProblems];
  const at = (field: string) => (touched.shown(field) ? problemText(problemAt(problems, field)) : undefined);

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((prev) => ({ ...prev, [key]: value }));
    touched.edit(key);
    setServerProblems((prev) => prev.filter((p) => p.field !== key));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    touched.submit();
    setFormError(null);
    const checked = checkCheckIn({ ...draft, autonomy: draft.autonomy ?? undefined });
    if (!checked.ok) {
      focusFirstProblem();
      return;
    }
    submitMutation.mutate(checked.value, {
      onSuccess: () => {
        touched.reset();
        toast.success(current ? t('checkins.form.updated') : t('checkins.form.sent'));
      },
      onError: (error) => {
        const found = problemsFromError(error);
        setServerProblems(found);
        if (found.length === 0 || found.some((p) => !formFields.includes(p.field)))
          setFormError(t(errorKey(error)));
        else focusFirstProblem();
      },
    });
  }

  const textField = (key: 'done' | 'planned' | 'blockers', rows: number) => (
    <TextAreaField
      name={key}
      label={t(`checkins.fields.${key}`)}
      hint={t(`checkins.form.${key}Hint`)}
      rows={rows}
      value={draft[key]}
      maxLength={checkInLimits.textMax + 100}
      data-testid={`checkin-${key}`}
      error={at(key)}
      onBlur={(event) => touched.leave(key, event.target.value)}
      onChange={(event) => set(key, event.target.value)}
    />
  );

  return (
    <section className="card stack chk-form-card" aria-labelledby="chk-form-title">
      <div className="chk-form-header">
        <h2 id="chk-form-title">{t('checkins.form.title')}</h2>
        <p className="chk-week" data-testid="checkin-week" data-week={week}>
          {weekLabel.label(week)}
        </p>
      </div>
      {current ? (
        <div className="chk-sent" data-testid="checkin-sent" role="status">
          <p className="chk-sent-title">{t('checkins.form.sentTitle')}</p>
          <p>
            {t('checkins.form.sentBody', {
              date: format.dateTime(current.updatedAt),
              end: weekLabel.end(week),
            })}
          </p>
        </div>
      ) : (
        <p className="muted">{t('checkins.form.intro')}</p>
      )}
      <form id={formId} className="form" noValidate onSubmit={submit}>
        {formError && <Alert>{formError}</Alert>}
        {textField('done', 4)}
        {textField('planned', 4)}
        {textField('blockers', 3)}
        <AutonomyScale
          value={draft.autonomy}
          error={at('autonomy')}
          onChange={(value) => set('autonomy', value)}
        />
        <div className="field">
          <label className="check">
            <input
              type="checkbox"
              checked={draft.discuss}
              data-testid="checkin-discuss"
              aria-describedby="chk-discuss-hint"
              onChange={(event) => set('discuss', event.target.checked)}
            />
            {t('checkins.fields.discuss')}
          </label>
          <p className="field-hint" id="chk-discuss-hint">
            {t('checkins.form.discussHint')}
          </p>
        </div>
        <div className="form-actions">
          <Button
            type="submit"
            variant="primary"
            pending={submitMutation.isPending}
            data-testid="checkin-submit"
          >
            {current ? t('checkins.form.update') : t('checkins.form.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
