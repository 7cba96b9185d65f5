import type { Role } from '@leeway/core';

/**
 * What the command palette offers and how typed text picks from it. Pure: the component
 * translates labels and runs the chosen item; everything here is plain data and ranking.
 */

/** Who sees a screen: everyone, principals only, assistants only, or whoever reviews work. */
export type ScreenAudience = 'all' | 'owner' | 'assistant' | 'reviewer';

/**
 * Every screen the palette reaches, in the navigation's order. `path` is relative to the
 * workspace (`''` is its home); `absolute` ones live outside it. The audience rules mirror the
 * navigation rail: the server still guards each page, the palette only avoids dead ends.
 */
export const paletteScreens = [
  { id: 'home', path: '', labelKey: 'nav.home', audience: 'all' },
  { id: 'inbox', path: 'inbox', labelKey: 'tasks.inbox.nav', audience: 'all' },
  { id: 'board', path: 'board', labelKey: 'board.nav.board', audience: 'all' },
  { id: 'list', path: 'list', labelKey: 'board.views.list', audience: 'all' },
  { id: 'week', path: 'week', labelKey: 'board.nav.week', audience: 'all' },
  { id: 'calendar', path: 'calendar', labelKey: 'board.nav.calendar', audience: 'all' },
  { id: 'reviews', path: 'reviews', labelKey: 'autonomy.nav.reviews', audience: 'reviewer' },
  { id: 'autonomy', path: 'autonomy', labelKey: 'autonomy.nav.mine', audience: 'assistant' },
  { id: 'questions', path: 'questions', labelKey: 'questions.nav', audience: 'all' },
  { id: 'meetings', path: 'meetings', labelKey: 'meetings.nav', audience: 'all' },
  { id: 'check-ins', path: 'check-ins', labelKey: 'checkins.nav', audience: 'all' },
  { id: 'areas', path: 'areas', labelKey: 'areas.nav', audience: 'all' },
  { id: 'delegation', path: 'areas/matrix', labelKey: 'autonomy.board.title', audience: 'all' },
  { id: 'sops', path: 'sops', labelKey: 'sops.nav', audience: 'all' },
  { id: 'onboarding', path: 'onboarding', labelKey: 'onboarding.nav', audience: 'all' },
  { id: 'goals', path: 'goals', labelKey: 'goals.nav', audience: 'all' },
  { id: 'lessons', path: 'lessons', labelKey: 'lessons.nav', audience: 'all' },
  // The index is a mirror for principals only (DESIGN §10).
  { id: 'insights', path: 'insights', labelKey: 'insights.nav', audience: 'owner' },
  { id: 'members', path: 'members', labelKey: 'nav.members', audience: 'all' },
  { id: 'settings', path: 'settings', labelKey: 'nav.settings', audience: 'all' },
] as const;

export type PaletteScreen = (typeof paletteScreens)[number];

/** Screens outside the workspace frame. */
export const accountScreens = [
  { id: 'profile', href: '/profile', labelKey: 'shell.profile' },
  { id: 'workspaces', href: '/workspaces', labelKey: 'shell.allWorkspaces' },
] as const;

/** The screens one member may open: `reviews` is true when they review anything (owners always). */
export function screensFor(role: Role, reviews: boolean): PaletteScreen[] {
  const allowed: Record<ScreenAudience, boolean> = {
    all: true,
    owner: role === 'owner',
    assistant: role !== 'owner',
    reviewer: role === 'owner' || reviews,
  };
  return paletteScreens.filter((screen) => allowed[screen.audience]);
}

/** Lower case without accents, so "lekt" finds "Lektionen" and "prufung" finds "Prüfungen". */
export function normalize(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * How well `label` matches `query`: 0 starts with it, 1 a word starts with it, 2 contains it,
 * null not at all. Every word of a multi-word query must occur. An empty query matches all (0).
 */
export function matchScore(label: string, query: string): number | null {
  const q = normalize(query);
  if (!q) return 0;
  const text = normalize(label);
  if (text.startsWith(q)) return 0;
  const words = text.split(/[\s\-–—/·.,:;()„“"]+/);
  if (words.some((word) => word.startsWith(q))) return 1;
  if (text.includes(q)) return 2;
  const parts = q.split(' ');
  if (parts.length > 1 && parts.every((part) => text.includes(part))) return 2;
  return null;
}

/** The items whose label matches, best first; equal scores keep their given order. */
export function rankByLabel<T extends { label: string }>(items: readonly T[], query: string): T[] {
  return items
    .map((item, index) => ({ item, index, score: matchScore(item.label, query) }))
    .filter((entry): entry is { item: T; index: number; score: number } => entry.score !== null)
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((entry) => entry.item);
}

/** One result group, with the options under its heading. */
export interface PaletteGroup<T, Id extends string = string> {
  id: Id;
  options: T[];
}

/** The groups in display order without the empty ones, and every option in one flat list. */
export function flattenGroups<T, Id extends string>(
  groups: readonly PaletteGroup<T, Id>[],
): {
  groups: PaletteGroup<T, Id>[];
  options: T[];
} {
  const shown = groups.filter((group) => group.options.length > 0);
  return { groups: shown, options: shown.flatMap((group) => group.options) };
}

/** Keys that move the active option of the listbox. */
export type MoveKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End';

export function isMoveKey(key: string): key is MoveKey {
  return key === 'ArrowDown' || key === 'ArrowUp' || key === 'Home' || key === 'End';
}

/** The next active index after a key; arrows wrap around, -1 means none (an empty list). */
export function moveActive(active: number, count: number, key: MoveKey): number {
  if (count <= 0) return -1;
  switch (key) {
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'ArrowDown':
      return active < 0 || active >= count - 1 ? 0 : active + 1;
    case 'ArrowUp':
      return active <= 0 || active >= count ? count - 1 : active - 1;
  }
}

/** At most this many task hits: the palette jumps, the list view searches at length. */
export const maxTaskResults = 8;

/** Task search starts at two characters, as the server's title search does. */
export const minTaskQuery = 2;

/** Whether a keyboard event is the palette's shortcut: Ctrl-K, or ⌘-K on a Mac. */
export function isPaletteShortcut(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}): boolean {
  return (
    (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k'
  );
}

/** Apple keyboards say ⌘ where the others say Ctrl; the shortcut works with both everywhere. */
export function isApplePlatform(userAgent: string): boolean {
  return /Mac|iPhone|iPad|iPod/.test(userAgent);
}

/** The keys to show for the palette's shortcut. */
export function paletteKeys(apple: boolean): readonly [string, string] {
  return apple ? ['⌘', 'K'] : ['Ctrl', 'K'];
}
