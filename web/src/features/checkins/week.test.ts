import { type CheckIn, checkInWeek } from '@leeway/core';
import { describe, expect, it } from 'vitest';
import { formatWeekEnd, formatWeekRange, groupByWeek, weekDays, weekdayName } from './week.ts';

const iso = (d: Date) => d.toISOString().slice(0, 10);

describe('weekDays', () => {
  it.each([
    ['2026-W48', '2026-11-23', '2026-11-29'],
    ['2026-W01', '2025-12-29', '2026-01-04'],
    ['2026-W53', '2026-12-28', '2027-01-03'],
    ['2021-W01', '2021-01-04', '2021-01-10'],
    ['2020-W53', '2020-12-28', '2021-01-03'],
  ])('%s runs from %s to %s', (key, start, end) => {
    const days = weekDays(key);
    expect(days && iso(days.start)).toBe(start);
    expect(days && iso(days.end)).toBe(end);
  });

  it('refuses keys that are not weeks', () => {
    expect(weekDays('2026-48')).toBeNull();
    expect(weekDays('2026-W00')).toBeNull();
    expect(weekDays('2026-W54')).toBeNull();
    // 2025 has 52 weeks.
    expect(weekDays('2025-W53')).toBeNull();
  });

  it("agrees with core's week of every day in the range", () => {
    for (const key of ['2026-W48', '2026-W53', '2027-W01', '2024-W09']) {
      const days = weekDays(key);
      if (!days) throw new Error(key);
      for (let i = 0; i < 7; i++) {
        const day = new Date(days.start.getTime() + i * 86_400_000 + 12 * 3_600_000);
        expect(checkInWeek(day.toISOString(), 'UTC')).toBe(key);
      }
    }
  });
});

describe('formatting', () => {
  const days = weekDays('2026-W48');
  if (!days) throw new Error('week');

  it('shows the days in the reader language', () => {
    expect(formatWeekRange(days, 'en-GB')).toMatch(/23.+29 Nov/);
    expect(formatWeekRange(days, 'de')).toMatch(/23\..+29\. Nov/);
  });

  it('names the last day and weekdays', () => {
    expect(formatWeekEnd(days, 'en')).toContain('Sunday');
    expect(formatWeekEnd(days, 'de')).toContain('Sonntag');
    expect(weekdayName(1, 'en')).toBe('Monday');
    expect(weekdayName(7, 'de')).toBe('Sonntag');
  });
});

describe('groupByWeek', () => {
  const checkIn = (week: string, memberName: string): CheckIn => ({
    id: `${week}-${memberName}`,
    memberId: memberName,
    memberName,
    week,
    done: '',
    planned: '',
    blockers: '',
    autonomy: 3,
    discuss: false,
    submittedAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
  });

  it('puts the newest week first and sorts people by name', () => {
    const groups = groupByWeek([
      checkIn('2026-W47', 'Bo'),
      checkIn('2026-W48', 'Zoe'),
      checkIn('2026-W48', 'Ann'),
    ]);
    expect(groups.map((g) => g.week)).toEqual(['2026-W48', '2026-W47']);
    expect(groups[0]?.checkIns.map((c) => c.memberName)).toEqual(['Ann', 'Zoe']);
  });
});
