import { type CharterBody, onboardingLimits } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { type FieldProblem, problemAt } from '../lessons/problems.ts';
import { useProblemText } from '../lessons/use-problem-text.ts';

/**
 * The charter's fields: three outcomes for the first 90 days, working hours, response times and
 * authority notes. `shown` decides which fields already show their problem (left or submitted).
 */
export function CharterFields({
  value,
  onChange,
  problems,
  shown,
  onLeave,
  onEdit,
  disabled,
}: {
  value: CharterBody;
  onChange: (next: CharterBody) => void;
  problems: readonly FieldProblem[];
  shown: (field: string) => boolean;
  onLeave: (field: string, value: string) => void;
  onEdit?: (field: string) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const text = useProblemText();
  const at = (field: string) => (shown(field) ? text(problemAt(problems, field)) : undefined);
  const countProblem = at('outcomes');

  return (
    <fieldset className="fieldset charter-fields" disabled={disabled}>
      <legend className="field-label">{t('onboarding.charter.outcomes')}</legend>
      <p className="muted charter-hint">{t('onboarding.charter.outcomesHint')}</p>
      {countProblem && <p className="field-error">{countProblem}</p>}
      {value.outcomes.map((outcome, index) => (
        <TextField
          // The three boxes are fixed positions, never reordered.
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed positions.
          key={index}
          name={`outcomes/${index}`}
          label={t('onboarding.charter.outcome', { number: index + 1 })}
          value={outcome}
          maxLength={onboardingLimits.outcomeMax + 50}
          error={at(`outcomes/${index}`)}
          onBlur={(event) => onLeave(`outcomes/${index}`, event.target.value)}
          onChange={(event) => {
            const outcomes = [...value.outcomes];
            outcomes[index] = event.target.value;
            onChange({ ...value, outcomes });
            onEdit?.(`outcomes/${index}`);
          }}
        />
      ))}
      <div className="form-grid-2">
        <TextAreaField
          name="workingHours"
          label={t('onboarding.charter.workingHours')}
          rows={2}
          value={value.workingHours}
          error={at('workingHours')}
          onBlur={(event) => onLeave('workingHours', event.target.value)}
          onChange={(event) => {
            onChange({ ...value, workingHours: event.target.value });
            onEdit?.('workingHours');
          }}
        />
        <TextAreaField
          name="responseTimes"
          label={t('onboarding.charter.responseTimes')}
          rows={2}
          value={value.responseTimes}
          error={at('responseTimes')}
          onBlur={(event) => onLeave('responseTimes', event.target.value)}
          onChange={(event) => {
            onChange({ ...value, responseTimes: event.target.value });
            onEdit?.('responseTimes');
          }}
        />
      </div>
      <TextAreaField
        name="authorityNotes"
        label={t('onboarding.charter.authorityNotes')}
        hint={t('onboarding.charter.authorityHint')}
        optional
        rows={3}
        value={value.authorityNotes}
        error={at('authorityNotes')}
        onBlur={(event) => onLeave('authorityNotes', event.target.value)}
        onChange={(event) => {
          onChange({ ...value, authorityNotes: event.target.value });
          onEdit?.('authorityNotes');
        }}
      />
    </fieldset>
  );
}
