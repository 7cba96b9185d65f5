import { describe, expect, it } from 'vitest';
import {
  flattenGroups,
  isApplePlatform,
  isPaletteShortcut,
  matchScore,
  moveActive,
  normalize,
  paletteKeys,
  rankByLabel,
  screensFor,
} from './palette-items.ts';

describe('screensFor', () => {
  const ids = (role: 'owner' | 'assistant', reviews: boolean) => screensFor(role, reviews).map((s) => s.id);

  it('gives owners reviews and insights, not "my autonomy"', () => {
    const owner = ids('owner', false);
    expect(owner).toContain('reviews');
    expect(owner).toContain('insights');
    expect(owner).not.toContain('autonomy');
  });

  it('never gives assistants insights; reviews only when they review somewhere', () => {
    expect(ids('assistant', false)).not.toContain('insights');
    expect(ids('assistant', false)).not.toContain('reviews');
    expect(ids('assistant', false)).toContain('autonomy');
    expect(ids('assistant', true)).toContain('reviews');
    expect(ids('assistant', true)).not.toContain('insights');
  });

  it('keeps the navigation order and reaches members and settings for everyone', () => {
    const all = ids('assistant', false);
    expect(all[0]).toBe('home');
    expect(all).toEqual(expect.arrayContaining(['lessons', 'members', 'settings']));
    expect(all.indexOf('board')).toBeLessThan(all.indexOf('lessons'));
  });
});

describe('matching', () => {
  it('ignores case, accents and extra spaces', () => {
    expect(normalize('  Prüfungen  Übersicht ')).toBe('prufungen ubersicht');
  });

  it.each([
    ['Lektionen', 'lekt', 0],
    ['Lessons', 'LESS', 0],
    ['My week', 'week', 1],
    ['Meine Selbstständigkeit', 'selbststandig', 1],
    ['Pay the flour bill', 'our', 2],
    ['Pay the flour bill', 'bill pay', 2],
    ['Prüfungen', 'prufung', 0],
    ['Settings', 'xyz', null],
    ['Pay the flour bill', 'bill rent', null],
    ['Anything', '', 0],
    ['Anything', '   ', 0],
  ] as const)('%s ~ %s → %s', (label, query, score) => {
    expect(matchScore(label, query)).toBe(score);
  });

  it('ranks prefix before word start before substring, stable within a score', () => {
    const items = [
      { label: 'Calendar' },
      { label: 'My week' },
      { label: 'Weekly meeting' },
      { label: 'Goals' },
      { label: 'Weekday plan' },
    ];
    expect(rankByLabel(items, 'week').map((i) => i.label)).toEqual([
      'Weekly meeting',
      'Weekday plan',
      'My week',
    ]);
    expect(rankByLabel(items, '')).toEqual(items);
    expect(rankByLabel(items, 'zzz')).toEqual([]);
  });
});

describe('groups and the active option', () => {
  it('drops empty groups and lists the options in group order', () => {
    const { groups, options } = flattenGroups([
      { id: 'screens', options: ['a', 'b'] },
      { id: 'workspaces', options: [] },
      { id: 'tasks', options: ['c'] },
    ]);
    expect(groups.map((g) => g.id)).toEqual(['screens', 'tasks']);
    expect(options).toEqual(['a', 'b', 'c']);
  });

  it.each([
    [0, 3, 'ArrowDown', 1],
    [2, 3, 'ArrowDown', 0],
    [-1, 3, 'ArrowDown', 0],
    [0, 3, 'ArrowUp', 2],
    [-1, 3, 'ArrowUp', 2],
    [2, 3, 'ArrowUp', 1],
    [5, 3, 'ArrowUp', 2],
    [1, 3, 'Home', 0],
    [1, 3, 'End', 2],
    [0, 0, 'ArrowDown', -1],
    [0, 0, 'End', -1],
  ] as const)('from %i of %i, %s → %i', (active, count, key, next) => {
    expect(moveActive(active, count, key)).toBe(next);
  });
});

describe('isPaletteShortcut', () => {
  const base = { key: 'k', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };
  it('is Ctrl-K or ⌘-K, with either letter case, and nothing else', () => {
    expect(isPaletteShortcut({ ...base, ctrlKey: true })).toBe(true);
    expect(isPaletteShortcut({ ...base, metaKey: true, key: 'K' })).toBe(true);
    expect(isPaletteShortcut(base)).toBe(false);
    expect(isPaletteShortcut({ ...base, ctrlKey: true, shiftKey: true })).toBe(false);
    expect(isPaletteShortcut({ ...base, ctrlKey: true, altKey: true })).toBe(false);
    expect(isPaletteShortcut({ ...base, ctrlKey: true, key: 'j' })).toBe(false);
  });
});

describe('the shortcut as shown', () => {
  it('says ⌘ on Apple devices and Ctrl elsewhere', () => {
    expect(isApplePlatform('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)')).toBe(true);
    expect(isApplePlatform('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)')).toBe(true);
    expect(isApplePlatform('Mozilla/5.0 (X11; Linux x86_64)')).toBe(false);
    expect(paletteKeys(true)).toEqual(['⌘', 'K']);
    expect(paletteKeys(false)).toEqual(['Ctrl', 'K']);
  });
});
