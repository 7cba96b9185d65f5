import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveLevel } from './effective-level.ts';
import { isActive } from './support-episodes.ts';
import { at } from './test-helpers.ts';
import type { EpisodeReason } from './values.ts';

const episode = (
  id: string,
  capLevel: number,
  start: number,
  end: number,
  endedAt: number | null = null,
) => ({
  id,
  capLevel,
  reason: 'onboarding' as EpisodeReason,
  startsAt: at(start),
  plannedEndAt: at(end),
  endedAt: endedAt === null ? null : at(endedAt),
});

describe('effectiveLevel', () => {
  it.each([
    // grant, episodes, maxLevel, now (day) → level, code
    [null, [], 5, 0, 1, 'level_default'],
    [3, [], 5, 0, 3, 'level_granted'],
    [5, [], 4, 0, 4, 'level_capped_by_area'],
    [4, [episode('e1', 2, 0, 14)], 5, 5, 2, 'level_capped_by_episode'],
    // The episode has not started yet, has ended by plan, or was ended early.
    [4, [episode('e1', 2, 1, 14)], 5, 0, 4, 'level_granted'],
    [4, [episode('e1', 2, 0, 14)], 5, 14, 4, 'level_granted'],
    [4, [episode('e1', 2, 0, 14, 3)], 5, 5, 4, 'level_granted'],
    // Two episodes: the lower cap wins.
    [5, [episode('e1', 3, 0, 14), episode('e2', 1, 2, 10)], 5, 5, 1, 'level_capped_by_episode'],
    // A cap above the grant changes nothing.
    [2, [episode('e1', 4, 0, 14)], 5, 5, 2, 'level_granted'],
    // An episode and the area both at 3: the episode explains it (it has an end date).
    [5, [episode('e1', 3, 0, 14)], 3, 5, 3, 'level_capped_by_episode'],
  ] as const)('grant %s, %j, max %i, day %i → L%i (%s)', (grant, episodes, maxLevel, day, level, code) => {
    const r = effectiveLevel({ grant, episodes, maxLevel, now: at(day) });
    expect(r.level).toBe(level);
    expect(r.explanation.code).toBe(code);
  });

  it('names the capping episode, its reason and when it ends', () => {
    const r = effectiveLevel({ grant: 4, episodes: [episode('e1', 2, 0, 14, 10)], maxLevel: 5, now: at(5) });
    expect(r.cappingEpisodeId).toBe('e1');
    expect(r.explanation).toEqual({
      code: 'level_capped_by_episode',
      params: { grant: 4, cap: 2, episodeId: 'e1', reason: 'onboarding', until: at(10) },
    });
  });

  it('never exceeds the grant, the cap of any active episode, or the area maximum', () => {
    const arbEpisode = fc
      .record({
        id: fc.uuid(),
        capLevel: fc.integer({ min: 1, max: 5 }),
        start: fc.integer({ min: -40, max: 40 }),
        length: fc.integer({ min: 1, max: 30 }),
        endedAfter: fc.option(fc.integer({ min: 0, max: 40 })),
      })
      .map((e) =>
        episode(
          e.id,
          e.capLevel,
          e.start,
          e.start + e.length,
          e.endedAfter === null ? null : e.start + e.endedAfter,
        ),
      );
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 1, max: 5 })),
        fc.array(arbEpisode, { maxLength: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: -50, max: 80 }),
        (grant, episodes, maxLevel, day) => {
          const now = at(day);
          const { level } = effectiveLevel({ grant, episodes, maxLevel, now });
          expect(level).toBeGreaterThanOrEqual(1);
          expect(level).toBeLessThanOrEqual(grant ?? 1);
          expect(level).toBeLessThanOrEqual(maxLevel);
          for (const e of episodes) if (isActive(e, now)) expect(level).toBeLessThanOrEqual(e.capLevel);
          // …and it is exactly the lowest of them: nothing else lowers a level.
          const caps = episodes.filter((e) => isActive(e, now)).map((e) => e.capLevel);
          expect(level).toBe(Math.min(grant ?? 1, maxLevel, ...caps));
        },
      ),
    );
  });
});
