import { describe, expect, it } from 'vitest';
import { loginPathFor, safeNextPath } from './next-path.ts';

describe('safeNextPath', () => {
  it.each(['/w/abc/members', '/profile?tab=1', '/w/x#y'])('accepts our own path %s', (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it.each([
    null,
    '',
    'https://evil.example',
    '//evil.example',
    '/\\evil.example',
    'javascript:alert(1)',
    '/ok\nSet-Cookie: x',
    '/login',
    '/signup?next=/x',
  ])('rejects %s', (path) => {
    expect(safeNextPath(path)).toBeNull();
  });
});

describe('loginPathFor', () => {
  it('comes back to where the visitor was', () => {
    expect(loginPathFor('/w/1/members')).toBe('/login?next=%2Fw%2F1%2Fmembers');
  });

  it('needs no next for the start page', () => {
    expect(loginPathFor('/')).toBe('/login');
  });
});
