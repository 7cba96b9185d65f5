import { type Locale, locales } from '@leeway/core';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { chooseLocale } from '../lib/locale.ts';
import { readStorage, storageKeys } from '../lib/storage.ts';
import { english, german } from '../locales/index.ts';

/** Before the session is known: what this browser chose before, else its own languages. */
export function initialLocale(): Locale {
  return chooseLocale({ stored: readStorage(storageKeys.locale), languages: navigator.languages });
}

/** Both languages are bundled: they are small, and switching must not wait for the network. */
export function initI18n(): typeof i18n {
  const lng = initialLocale();
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: english }, de: { translation: german } },
    lng,
    fallbackLng: 'en',
    supportedLngs: [...locales],
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  i18n.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  return i18n;
}
