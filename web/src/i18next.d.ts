import type en from './locales/en.json';

// Typed keys: a misspelt or missing key is a compile error, and en.json is the reference.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
