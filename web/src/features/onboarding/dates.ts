import type { OnboardingItem } from '@leeway/core';

/** Today as `YYYY-MM-DD` in the given zone (the plan's days are calendar days). */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** Formats a calendar date (`YYYY-MM-DD`) in the reader's language; no zone shift, it is a day. */
export function formatDay(day: string, locale: string, style: 'medium' | 'short' = 'medium'): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  const options: Intl.DateTimeFormatOptions =
    style === 'short'
      ? { day: 'numeric', month: 'short', timeZone: 'UTC' }
      : { dateStyle: 'medium', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** Whole percent done, 0 for an empty plan. */
export function percentDone(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.round((Math.min(done, total) / total) * 100);
}

export interface WeekGroup {
  /** 1 for days 0–6, 2 for 7–13, … */
  week: number;
  items: OnboardingItem[];
}

/** Items by plan week (day 0–6 is week 1), in due order within each week. */
export function groupByWeek(items: readonly OnboardingItem[]): WeekGroup[] {
  const sorted = [...items].sort((a, b) => a.dueDay - b.dueDay || a.title.localeCompare(b.title));
  const groups: WeekGroup[] = [];
  for (const item of sorted) {
    const week = Math.floor(Math.max(0, item.dueDay) / 7) + 1;
    const last = groups[groups.length - 1];
    if (last && last.week === week) last.items.push(item);
    else groups.push({ week, items: [item] });
  }
  return groups;
}

/** Sets one item's done state the way the server would, for an optimistic tick. */
export function withItemDone<P extends { items: OnboardingItem[]; itemsDone: number; itemsOverdue: number }>(
  plan: P,
  itemId: string,
  done: boolean,
  userId: string,
  now: string,
  today: string,
): P {
  const items = plan.items.map((item) =>
    item.id !== itemId
      ? item
      : {
          ...item,
          doneAt: done ? now : null,
          doneBy: done ? userId : null,
          doneHow: done ? ('manual' as const) : null,
          overdue: !done && item.dueOn < today,
        },
  );
  return {
    ...plan,
    items,
    itemsDone: items.filter((i) => i.doneAt !== null).length,
    itemsOverdue: items.filter((i) => i.overdue).length,
  };
}

/** Days from the plan's start to a chosen date (both calendar dates). */
export function dueDayOf(startsOn: string, day: string): number | null {
  const start = Date.parse(`${startsOn}T00:00:00Z`);
  const at = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(start) || !Number.isFinite(at)) return null;
  return Math.round((at - start) / 86_400_000);
}
