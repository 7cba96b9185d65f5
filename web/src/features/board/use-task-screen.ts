import { useUserTimeZone } from '../auth/use-user-format.ts';
import type { DueContext } from './due-format.ts';
import { useDateLocale, useMinuteNow, useScreenNow, useWeekStart } from './use-board-env.ts';
import { useLookups } from './use-lookups.ts';

/**
 * What every task screen (board, list, calendar, my week) reads before it draws: the reader's
 * zone and week, the two clocks (`screenNow` for queries, `due.now` for what is overdue) and
 * the names behind the ids. One hook, so the screens can't drift apart in how they tell time.
 */
export function useTaskScreen(workspaceId: string) {
  const timeZone = useUserTimeZone();
  const weekStart = useWeekStart();
  const locale = useDateLocale();
  const screenNow = useScreenNow();
  const now = useMinuteNow();
  const lookups = useLookups(workspaceId);
  const due: DueContext = { locale, timeZone, now };
  return { timeZone, weekStart, screenNow, due, lookups };
}
