import { dueEndOfDay, wallTimeAt, wallTimeToInstant } from '@leeway/core';

/**
 * Due dates are instants (UTC ISO) on the wire and wall-clock date + time in the user's zone
 * on screen. `<input type="date">` and `<input type="time">` speak `YYYY-MM-DD` and `HH:MM`.
 */

/** The time a due date gets when only the day is chosen (the board's dialog does the same). */
export const defaultDueTime = dueEndOfDay;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The wall date and time an instant shows in a zone, as the inputs want them. */
export function toDueInputs(iso: string | null, timeZone: string): { date: string; time: string } {
  if (!iso) return { date: '', time: '' };
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return { date: '', time: '' };
  const w = wallTimeAt(ms, timeZone);
  const time = `${pad(w.hour)}:${pad(w.minute)}`;
  // End of day stands for "no time chosen": the time field stays empty.
  return { date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`, time: time === dueEndOfDay ? '' : time };
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^(\d{2}):(\d{2})$/;

/**
 * The instant a wall date and time mean in a zone (ISO, UTC); null for an empty date, and
 * undefined when the input can't be read (a half-typed date). An empty time takes the default.
 */
export function fromDueInputs(date: string, time: string, timeZone: string): string | null | undefined {
  if (date.trim() === '') return null;
  const d = datePattern.exec(date.trim());
  const t = timePattern.exec((time.trim() || defaultDueTime).slice(0, 5));
  if (!d || !t) return undefined;
  const [year, month, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
  const [hour, minute] = [Number(t[1]), Number(t[2])];
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59)
    return undefined;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day) return undefined;
  return new Date(
    wallTimeToInstant({ year, month, day, hour, minute, second: 0, millisecond: 0 }, timeZone),
  ).toISOString();
}

/** Whether a due instant lies in the past (for the "overdue" mark). */
export function isOverdue(iso: string | null, now: number, state: string): boolean {
  if (!iso || state === 'done' || state === 'cancelled') return false;
  const ms = Date.parse(iso);
  return !Number.isNaN(ms) && ms < now;
}
