import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time.ts';

const now = Date.parse('2026-05-10T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('relativeTime', () => {
  it('speaks the reader’s language', () => {
    expect(relativeTime(ago(10), now, 'en')).toBe('now');
    expect(relativeTime(ago(5 * 60), now, 'en')).toBe('5 minutes ago');
    expect(relativeTime(ago(5 * 60), now, 'de')).toBe('vor 5 Minuten');
    expect(relativeTime(ago(3 * 3600), now, 'en')).toBe('3 hours ago');
    expect(relativeTime(ago(26 * 3600), now, 'en')).toBe('yesterday');
    expect(relativeTime(ago(26 * 3600), now, 'de')).toBe('gestern');
  });

  it('gives up after a week and treats the future as now', () => {
    expect(relativeTime(ago(9 * 86400), now, 'en')).toBeNull();
    expect(relativeTime(ago(-60), now, 'en')).toBe('now');
    expect(relativeTime('nope', now, 'en')).toBeNull();
  });
});
