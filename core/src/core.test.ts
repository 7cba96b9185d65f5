import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode, errorStatus, isErrorCode } from './errors.ts';
import { isValidTimeZone, locales, pickLocale } from './locale.ts';
import { wouldLeaveNoOwner } from './roles.ts';

describe('errors', () => {
  it('maps every code to a 4xx or 5xx status', () => {
    for (const code of Object.values(ErrorCode)) {
      expect(errorStatus[code]).toBeGreaterThanOrEqual(400);
      expect(errorStatus[code]).toBeLessThan(600);
    }
  });

  it('carries code, status and details', () => {
    const err = new AppError('last_owner', 'x', { fields: [{ field: 'role', message: 'y' }] });
    expect(err.status).toBe(409);
    expect(err.details?.fields?.[0]?.field).toBe('role');
    expect(isErrorCode('last_owner')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
  });
});

describe('pickLocale', () => {
  it.each([
    ['de-DE,de;q=0.9,en;q=0.8', 'de'],
    ['en-GB', 'en'],
    ['fr-FR, de;q=0.5', 'de'],
    ['fr', 'en'],
    ['', 'en'],
    [undefined, 'en'],
    [['de-AT', 'en'], 'de'],
  ] as const)('%s → %s', (input, expected) => {
    expect(pickLocale(input)).toBe(expected);
  });

  it('always returns a supported locale, whatever the header', () => {
    fc.assert(fc.property(fc.string(), (header) => locales.includes(pickLocale(header))));
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Europe/Berlin', true],
    ['UTC', true],
    ['America/New_York', true],
    ['Mars/Base', false],
    ['', false],
    ['x'.repeat(100), false],
  ])('%s → %s', (zone, ok) => {
    expect(isValidTimeZone(zone)).toBe(ok);
  });
});

describe('wouldLeaveNoOwner', () => {
  it.each([
    [1, 'owner', 'assistant', true],
    [1, 'owner', null, true],
    [1, 'owner', 'owner', false],
    [2, 'owner', 'assistant', false],
    [2, 'owner', null, false],
    [1, 'assistant', null, false],
  ] as const)('owners=%s target=%s next=%s → %s', (owners, role, next, expected) => {
    expect(wouldLeaveNoOwner(owners, { role }, next)).toBe(expected);
  });

  it('never lets the owner count reach zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom('owner', 'assistant' as const),
        fc.constantFrom('owner', 'assistant', null),
        (owners, role, next) => {
          const after = owners - (role === 'owner' && next !== 'owner' ? 1 : 0);
          return wouldLeaveNoOwner(owners, { role }, next) || after >= 1 || role !== 'owner';
        },
      ),
    );
  });
});
