import { addDays, type DayKey, dayOf, hasTimeOfDay } from './dates.ts';

export interface DueContext {
  locale: string;
  timeZone: string;
  now: number;
}

function capitalize(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

function safeFormat(locale: string, options: Intl.DateTimeFormatOptions, date: Date): string {
  try {
    return new Intl.DateTimeFormat(locale, options).format(date);
  } catch {
    // An unknown zone must not blank the card.
    const { timeZone: _ignored, ...rest } = options;
    return new Intl.DateTimeFormat(locale, rest).format(date);
  }
}

/** "Today", "Tomorrow", "Yesterday" in the reader's language, else null. */
export function relativeDay(day: DayKey, today: DayKey, locale: string): string | null {
  const offsets: Record<string, number> = { [today]: 0, [addDays(today, 1)]: 1, [addDays(today, -1)]: -1 };
  const offset = offsets[day];
  if (offset === undefined) return null;
  const text = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(offset, 'day');
  return capitalize(text, locale);
}

/** A short due label for a card or row: "Today 14:00", "Tomorrow", "12 May", "12 May 2027". */
export function formatDue(iso: string, ctx: DueContext): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const day = dayOf(date, ctx.timeZone);
  const today = dayOf(ctx.now, ctx.timeZone);
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  const dayText =
    relativeDay(day, today, ctx.locale) ??
    safeFormat(
      ctx.locale,
      { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }), timeZone: ctx.timeZone },
      date,
    );
  if (!hasTimeOfDay(iso, ctx.timeZone)) return dayText;
  return `${dayText} ${formatTime(iso, ctx)}`;
}

export function formatTime(iso: string, ctx: Pick<DueContext, 'locale' | 'timeZone'>): string {
  return safeFormat(
    ctx.locale,
    { hour: 'numeric', minute: '2-digit', timeZone: ctx.timeZone },
    new Date(iso),
  );
}

/** The full due date for a tooltip or screen reader: "Monday, 4 May 2026 at 14:00". */
export function formatDueLong(iso: string, ctx: Pick<DueContext, 'locale' | 'timeZone'>): string {
  const withTime = hasTimeOfDay(iso, ctx.timeZone);
  return safeFormat(
    ctx.locale,
    { dateStyle: 'full', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: ctx.timeZone },
    new Date(iso),
  );
}

/** Due in the past and still open. */
export function isOverdue(task: { dueAt: string | null; state: string }, now: number): boolean {
  return (
    task.dueAt !== null && Date.parse(task.dueAt) < now && task.state !== 'done' && task.state !== 'cancelled'
  );
}

/** A day as a heading: "Today · Monday, 4 May" / "Wednesday, 6 May". */
export function formatDayHeading(day: DayKey, ctx: DueContext): string {
  const [y, m, d] = day.split('-').map(Number);
  // Noon UTC of that calendar day, formatted in UTC: the day never shifts.
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
  const text = safeFormat(
    ctx.locale,
    { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' },
    date,
  );
  const relative = relativeDay(day, dayOf(ctx.now, ctx.timeZone), ctx.locale);
  return relative ? `${relative} · ${text}` : text;
}

/** A calendar day formatted in UTC from its key (no zone can shift it). */
export function formatDayKey(day: DayKey, locale: string, options: Intl.DateTimeFormatOptions): string {
  const [y, m, d] = day.split('-').map(Number);
  return safeFormat(
    locale,
    { ...options, timeZone: 'UTC' },
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12)),
  );
}
