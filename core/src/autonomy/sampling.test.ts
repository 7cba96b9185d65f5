import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a32, sampleDecision, sampleDraw } from './sampling.ts';

/** A small seeded generator, so the id sets below are the same on every run. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** Random v4 UUIDs, as the server makes them. */
function uuidsV4(count: number, seed: number): string[] {
  const rnd = mulberry32(seed);
  const word = () => hex(Math.floor(rnd() * 0x1_0000_0000), 8);
  return Array.from({ length: count }, () => {
    const a = word() + word() + word() + word();
    return `${a.slice(0, 8)}-${a.slice(8, 12)}-4${a.slice(13, 16)}-a${a.slice(17, 20)}-${a.slice(20, 32)}`;
  });
}

/** Time-ordered UUIDs (v7-like): long shared prefixes, the weak spot of a plain FNV hash. */
function uuidsV7(count: number, seed: number): string[] {
  const rnd = mulberry32(seed);
  const start = Date.parse('2026-01-05T09:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const ms = hex(start + i * 37, 12);
    const tail = hex(Math.floor(rnd() * 0x1_0000_0000), 8) + hex(Math.floor(rnd() * 0x1_0000_0000), 8);
    return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${tail.slice(0, 3)}-8${tail.slice(3, 6)}-${tail.slice(4, 16)}`;
  });
}

describe('fnv1a32', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('matches the published FNV-1a test vector for %j', (text, hash) => {
    expect(fnv1a32(text)).toBe(hash);
  });

  it('hashes UTF-8 bytes: "é" is the two bytes C3 A9', () => {
    let h = 0x811c9dc5;
    for (const b of [0xc3, 0xa9]) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    expect(fnv1a32('é')).toBe(h);
  });
});

describe('sampleDecision', () => {
  const sets = [
    ['random v4 ids', uuidsV4(10_000, 20260105)],
    ['time-ordered ids', uuidsV7(10_000, 7)],
  ] as const;

  for (const [name, ids] of sets) {
    it.each([0.05, 0.1, 0.25, 0.5])(`selects within 1 point of %f over 10,000 ${name}`, (rate) => {
      const selected = ids.filter((id) => sampleDecision(id, rate).selected).length;
      expect(Math.abs(selected / ids.length - rate)).toBeLessThan(0.01);
    });
  }

  it('gives the same id the same answer, with its draw in [0, 1) and selected iff draw < rate', () => {
    fc.assert(
      fc.property(fc.string(), fc.double({ min: 0, max: 1, noNaN: true }), (id, rate) => {
        const a = sampleDecision(id, rate);
        const b = sampleDecision(id, rate);
        expect(a).toEqual(b);
        expect(a.draw).toBeGreaterThanOrEqual(0);
        expect(a.draw).toBeLessThan(1);
        expect(a.selected).toBe(a.draw < rate);
        expect(a.rate).toBe(rate);
      }),
    );
  });

  it('only adds tasks when the rate rises (the draw does not depend on the rate)', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (id, r1, r2) => {
          const [low, high] = r1 <= r2 ? [r1, r2] : [r2, r1];
          if (sampleDecision(id, low).selected) expect(sampleDecision(id, high).selected).toBe(true);
        },
      ),
    );
  });

  it('never selects at rate 0 and always at rate 1', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(sampleDecision(id, 0).selected).toBe(false);
        expect(sampleDecision(id, 1).selected).toBe(true);
      }),
    );
  });

  it('draws differently with a salt, and the same with the same salt', () => {
    const ids = uuidsV4(1000, 1);
    const differ = ids.filter((id) => sampleDraw(id, 'workspace-secret') !== sampleDraw(id)).length;
    expect(differ).toBeGreaterThan(990);
    for (const id of ids.slice(0, 50)) {
      expect(sampleDecision(id, 0.3, 's')).toEqual(sampleDecision(id, 0.3, 's'));
    }
  });
});
