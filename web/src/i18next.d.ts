import type { english } from './locales/index.ts';

// Typed keys: a misspelt or missing key is a compile error, and en.json is the reference.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof english };
  }
}
