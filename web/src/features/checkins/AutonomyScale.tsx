import { checkInLimits } from '@leeway/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

const values = Array.from(
  { length: checkInLimits.autonomyMax - checkInLimits.autonomyMin + 1 },
  (_, i) => checkInLimits.autonomyMin + i,
);

/**
 * "I have the autonomy I need", 1–5, as native radios: arrow keys move, the ends are named
 * in words ("not at all" … "fully") both on screen and in each end's accessible name.
 */
export function AutonomyScale({
  value,
  error,
  onChange,
}: {
  value: number | null;
  error?: string | undefined;
  onChange: (value: number) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const name = `${id}-autonomy`;
  return (
    <fieldset
      className={`fieldset chk-scale${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : `${id}-hint`}
      aria-invalid={error ? true : undefined}
      data-field="autonomy"
    >
      <legend className="field-label">{t('checkins.fields.autonomy')}</legend>
      <p className="field-hint" id={`${id}-hint`}>
        {t('checkins.form.autonomyHint')}
      </p>
      <div className="chk-scale-row">
        <span className="chk-scale-end" aria-hidden="true">
          {t('checkins.form.autonomyLow')}
        </span>
        <div className="chk-scale-options">
          {values.map((n) => {
            const end =
              n === checkInLimits.autonomyMin
                ? t('checkins.form.autonomyLow')
                : n === checkInLimits.autonomyMax
                  ? t('checkins.form.autonomyHigh')
                  : null;
            return (
              <label key={n} className={`chk-scale-option${value === n ? ' is-current' : ''}`}>
                <input
                  type="radio"
                  name={name}
                  value={n}
                  checked={value === n}
                  data-testid={`checkin-autonomy-${n}`}
                  aria-label={end ? t('checkins.form.autonomyEnd', { value: n, label: end }) : String(n)}
                  onChange={() => onChange(n)}
                />
                <span aria-hidden="true">{n}</span>
              </label>
            );
          })}
        </div>
        <span className="chk-scale-end chk-scale-end-high" aria-hidden="true">
          {t('checkins.form.autonomyHigh')}
        </span>
      </div>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
