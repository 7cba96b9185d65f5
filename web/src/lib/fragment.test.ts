import { describe, expect, it } from 'vitest';
import { tokenFromHash } from './fragment.ts';

describe('tokenFromHash', () => {
  const token = 'abcDEF0123456789_-';

  it('reads a bare token and a token= form', () => {
    expect(tokenFromHash(`#${token}`)).toBe(token);
    expect(tokenFromHash(`#token=${token}`)).toBe(token);
    expect(tokenFromHash(token)).toBe(token);
  });

  it('rejects what cannot be a token', () => {
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#')).toBeNull();
    expect(tokenFromHash('#short')).toBeNull();
    expect(tokenFromHash(`#${'x'.repeat(201)}`)).toBeNull();
    expect(tokenFromHash('#%E0%A4%A')).toBeNull();
    expect(tokenFromHash('#has%20a%20space%20inside')).toBeNull();
  });
});
