import { describe, expect, it } from 'vitest';
import { formatBytes } from './bytes.ts';

describe('formatBytes', () => {
  it('picks a unit and the reader’s number format', () => {
    expect(formatBytes(812, 'en')).toBe('812 byte');
    expect(formatBytes(4.2 * 1024 * 1024, 'en')).toBe('4.2 MB');
    expect(formatBytes(4.2 * 1024 * 1024, 'de')).toBe('4,2 MB');
    expect(formatBytes(25 * 1024 * 1024, 'en')).toBe('25 MB');
  });
});
