import { useSyncExternalStore } from 'react';
import { readStorage, storageKeys, writeStorage } from './storage.ts';

export const themeChoices = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof themeChoices)[number];

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (themeChoices as readonly string[]).includes(value);
}

export function readTheme(): ThemeChoice {
  const stored = readStorage(storageKeys.theme);
  return isThemeChoice(stored) ? stored : 'system';
}

/**
 * Puts the choice on <html data-theme>. The stylesheet follows prefers-color-scheme unless
 * the attribute says light or dark, so "system" needs no JavaScript listener.
 */
export function applyTheme(choice: ThemeChoice): void {
  document.documentElement.dataset.theme = choice;
}

const listeners = new Set<() => void>();

export function setTheme(choice: ThemeChoice): void {
  writeStorage(storageKeys.theme, choice);
  applyTheme(choice);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, readTheme, () => 'system');
}
