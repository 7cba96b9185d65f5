import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isThemeChoice, setTheme, themeChoices, useThemeChoice } from '../../lib/theme.ts';

/** Light, dark or follow the system. Stored on this browser only: it's about this screen. */
export function ThemeSelect({ withLabel = true }: { withLabel?: boolean }) {
  const { t } = useTranslation();
  const theme = useThemeChoice();
  const id = useId();
  return (
    <div className="field">
      {withLabel && (
        <label className="field-label" htmlFor={id}>
          {t('shell.theme')}
        </label>
      )}
      <select
        id={id}
        className="input select"
        value={theme}
        aria-label={withLabel ? undefined : t('shell.theme')}
        data-testid="theme-select"
        onChange={(event) => {
          if (isThemeChoice(event.target.value)) setTheme(event.target.value);
        }}
      >
        {themeChoices.map((choice) => (
          <option key={choice} value={choice}>
            {t(`theme.${choice}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
