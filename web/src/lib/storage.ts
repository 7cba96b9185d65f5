/**
 * localStorage that never throws: private modes and disabled storage make the browser throw on
 * access, and a preference that can't be remembered must not break the app.
 */
export const storageKeys = {
  locale: 'leeway.locale',
  theme: 'leeway.theme',
  lastWorkspace: 'leeway.lastWorkspace',
} as const;
export type StorageKey = (typeof storageKeys)[keyof typeof storageKeys];

export function readStorage(key: StorageKey): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStorage(key: StorageKey, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Nothing to do: the preference lives for this page load only.
  }
}
