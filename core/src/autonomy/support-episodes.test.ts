import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultAutonomySettings as settings } from './settings.ts';
import {
  type EpisodeFacts,
  endsWithin,
  episodeStatus,
  extendEpisode,
  extraDays,
  isActive,
  validateNewEpisode,
} from './support-episodes.ts';
import { at, DAY, T0 } from './test-helpers.ts';

const iso = (ms: number) => new Date(ms).toISOString();

const stored = (over: Partial<EpisodeFacts> = {}): EpisodeFacts => ({
  id: 'e1',
  capLevel: 2,
  reason: 'new_area',
  startsAt: at(0),
  plannedEndAt: at(14),
  endedAt: null,
  extensions: [],
  ...over,
});

describe('validateNewEpisode', () => {
  it('defaults the planned end to 14 days after the start', () => {
    expect(validateNewEpisode({ reason: 'onboarding', capLevel: 1, startsAt: at(0) }, settings)).toEqual({
      ok: true,
      value: { reason: 'onboarding', capLevel: 1, startsAt: at(0), plannedEndAt: at(14) },
    });
  });

  it.each(['onboarding', 'new_area', 'sop_change', 'requested', 'after_incident'])(
    'accepts the reason %s',
    (reason) => {
      expect(validateNewEpisode({ reason, capLevel: 2, startsAt: at(0) }, settings).ok).toBe(true);
    },
  );

  it.each([
    // plannedEnd (ms after start) → ok / problem
    [30 * DAY, null],
    [30 * DAY + 1, 'must_be_at_or_before'],
    [1, null],
    [0, 'must_be_after'],
    [-DAY, 'must_be_after'],
  ])('a planned end %i ms after the start → %s', (offset, code) => {
    const r = validateNewEpisode(
      { reason: 'requested', capLevel: 3, startsAt: at(0), plannedEndAt: iso(T0 + offset) },
      settings,
    );
    if (code === null) expect(r.ok).toBe(true);
    else expect(r).toMatchObject({ ok: false, problems: [{ field: 'plannedEndAt', code }] });
  });

  it.each([
    [{ reason: 'because', capLevel: 2 }, 'reason', 'not_allowed'],
    [{ reason: 'onboarding', capLevel: 0 }, 'capLevel', 'integer_between'],
    [{ reason: 'onboarding', capLevel: 6 }, 'capLevel', 'integer_between'],
    [{ reason: 'onboarding', capLevel: 2.5 }, 'capLevel', 'integer_between'],
  ])('%j → %s %s', (input, field, code) => {
    const r = validateNewEpisode({ ...input, startsAt: at(0) }, settings);
    expect(r).toMatchObject({ ok: false, problems: [{ field, code }] });
  });

  it('refuses an unreadable date', () => {
    expect(
      validateNewEpisode({ reason: 'onboarding', capLevel: 2, startsAt: 'soon' }, settings),
    ).toMatchObject({
      ok: false,
      problems: [{ field: 'startsAt', code: 'invalid_date' }],
    });
  });

  it('follows the settings', () => {
    const s = { ...settings, supportEpisodes: { defaultDays: 7, maxDays: 10 } };
    expect(validateNewEpisode({ reason: 'onboarding', capLevel: 2, startsAt: at(0) }, s)).toMatchObject({
      value: { plannedEndAt: at(7) },
    });
    expect(
      validateNewEpisode({ reason: 'onboarding', capLevel: 2, startsAt: at(0), plannedEndAt: at(11) }, s).ok,
    ).toBe(false);
  });
});

describe('isActive and endsWithin', () => {
  it.each([
    [-1, false],
    [0, true],
    [13.99, true],
    [14, false], // it ends by itself at its planned end
  ])('day %f → active %s', (day, active) => {
    expect(isActive(stored(), at(day))).toBe(active);
  });

  it('is over once ended early', () => {
    expect(isActive(stored({ endedAt: at(3) }), at(2))).toBe(true);
    expect(isActive(stored({ endedAt: at(3) }), at(3))).toBe(false);
  });

  it.each([
    [0, false],
    [6.99, false],
    [7, true], // 7 days left: on the agenda
    [13, true],
    [14, false], // ended: no longer "ending"
  ])('day %f → ends within 7 days: %s', (day, expected) => {
    expect(endsWithin(stored(), at(day), 7)).toBe(expected);
  });
});

describe('extendEpisode', () => {
  const input = { by: 'p1', reason: 'Still learning the month-end close', newEnd: at(21), at: at(10) };

  it('moves the planned end and keeps the extension with its reason', () => {
    const r = extendEpisode(stored(), input, settings);
    expect(r).toEqual({
      ok: true,
      value: stored({
        plannedEndAt: at(21),
        extensions: [{ by: 'p1', reason: 'Still learning the month-end close', newEnd: at(21), at: at(10) }],
      }),
    });
  });

  it.each([
    [{ reason: '  ' }, 'reason', 'required'],
    [{ newEnd: at(14) }, 'newEnd', 'must_be_after'],
    [{ newEnd: at(12) }, 'newEnd', 'must_be_after'],
    [{ newEnd: iso(T0 + 30 * DAY + 1) }, 'newEnd', 'must_be_at_or_before'],
    [{ at: at(14) }, 'newEnd', 'episode_over'],
  ])('%j → %s %s', (change, field, code) => {
    const r = extendEpisode(stored(), { ...input, ...change }, settings);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => [p.field, p.code])).toContainEqual([field, code]);
  });

  it('extends up to exactly 30 days after the start, counted from the start, not the last end', () => {
    const once = extendEpisode(stored(), { ...input, newEnd: at(25) }, settings);
    expect(once.ok).toBe(true);
    if (!once.ok) return;
    expect(extendEpisode(once.value, { ...input, newEnd: at(30), at: at(20) }, settings).ok).toBe(true);
    expect(extendEpisode(once.value, { ...input, newEnd: at(31), at: at(20) }, settings).ok).toBe(false);
  });

  it('never ends later than the maximum, however often it is extended', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 8 }), (steps) => {
        let episode = stored();
        for (const step of steps) {
          const r = extendEpisode(
            episode,
            { by: 'p', reason: 'why', newEnd: iso(Date.parse(episode.plannedEndAt) + step * DAY), at: at(1) },
            settings,
          );
          if (r.ok) episode = r.value;
        }
        expect(Date.parse(episode.plannedEndAt) - T0).toBeLessThanOrEqual(30 * DAY);
      }),
    );
  });
});

describe('extraDays', () => {
  it.each([
    // plannedEnd day, endedAt day, now day → extra days beyond the first 14
    [14, null, 20, 0],
    [21, null, 10, 0],
    [21, null, 17, 3],
    [21, null, 40, 7],
    [30, 18, 40, 4],
    [30, null, 30, 16],
  ])('planned end day %i, ended %s, now day %i → %i', (end, ended, now, expected) => {
    expect(
      extraDays(
        stored({ plannedEndAt: at(end), endedAt: ended === null ? null : at(ended) }),
        at(now),
        settings,
      ),
    ).toBe(expected);
  });
});

describe('episodeStatus', () => {
  it.each([
    [stored({ startsAt: at(2) }), 0, 'scheduled', false, 'episode_scheduled'],
    [stored(), 1, 'active', false, 'episode_active'],
    [stored(), 8, 'active', true, 'episode_ending_soon'],
    [stored(), 14, 'ended', false, 'episode_ended_planned'],
    [stored({ endedAt: at(5) }), 6, 'ended', false, 'episode_ended_early'],
  ] as const)('%#: day %i → %s (agenda %s, %s)', (episode, day, state, onAgenda, code) => {
    const s = episodeStatus(episode, at(day), settings);
    expect(s.state).toBe(state);
    expect(s.onAgenda).toBe(onAgenda);
    expect(s.explanation.code).toBe(code);
  });

  it('says how many days are left', () => {
    expect(episodeStatus(stored(), at(8), settings).explanation).toEqual({
      code: 'episode_ending_soon',
      params: { plannedEndAt: at(14), daysLeft: 6, withinDays: 7 },
    });
  });
});
