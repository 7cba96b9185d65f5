import { locales } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { isLocale } from '../../lib/locale.ts';
import { useSetLanguage } from './hooks.ts';

/**
 * EN/DE switch for the top bar and the sign-in pages. Names are shown in their own language;
 * `compact` shows "EN"/"DE" where space is short (the top bar on a phone).
 */
export function LanguageSelect({ className, compact = false }: { className?: string; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const setLanguage = useSetLanguage();
  return (
    <select
      className={className ?? 'input select'}
      value={isLocale(i18n.language) ? i18n.language : 'en'}
      aria-label={t('shell.language')}
      data-testid="language-select"
      onChange={(event) => {
        const value = event.target.value;
        if (isLocale(value)) setLanguage(value);
      }}
    >
      {locales.map((locale) => (
        <option key={locale} value={locale} lang={locale} title={t(`language.${locale}`)}>
          {compact ? locale.toUpperCase() : t(`language.${locale}`)}
        </option>
      ))}
    </select>
  );
}
