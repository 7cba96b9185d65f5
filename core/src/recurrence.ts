import { type WallTime, wallTimeAt, wallTimeToFloatingMs, wallTimeToInstant } from './zoned-time.ts';

/**
 * Recurring tasks (DESIGN §5): the subset of RFC 5545 RRULE people use for tasks, evaluated
 * in the wall-clock time of a zone. Occurrences keep the anchor's time of day (the first
 * instance's due date, the rule's DTSTART), so "every Monday at 09:00 Europe/Berlin" is
 * 09:00 in Berlin in summer and in winter.
 *
 * Semantics follow RFC 5545 as python-dateutil and rrule.js read it (the tests compare with
 * rrule.js), with one deliberate difference: the anchor is always the first occurrence and
 * counts towards COUNT, as RFC 5545 says of DTSTART, because the anchor is a task that exists.
 */

export const recurrenceFrequencies = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type RecurrenceFrequency = (typeof recurrenceFrequencies)[number];

/** Weekdays in RRULE spelling, Monday first (the RFC's default week start). */
export const ruleWeekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type RuleWeekday = (typeof ruleWeekdays)[number];

export const recurrenceLimits = {
  /** "Every 100 weeks" is already more than any task list needs. */
  intervalMax: 100,
  countMax: 1000,
  /** How far past the anchor or the asked-for instant we look before saying "no more dates". */
  horizonYears: 400,
} as const;

export interface RuleByDay {
  weekday: RuleWeekday;
  /** 1MO = first Monday, -1FR = last Friday (of the month, or of the year for YEARLY without BYMONTH). */
  nth: number | null;
}

export type RuleUntil =
  /** UNTIL=20261231T230000Z: an instant. */
  | { kind: 'utc'; ms: number }
  /** UNTIL=20261231 or 20261231T180000: wall time in the rule's zone (a date means the whole day). */
  | { kind: 'wall'; floatingMs: number };

export interface RecurrenceRule {
  freq: RecurrenceFrequency;
  interval: number;
  byDay: RuleByDay[];
  byMonthDay: number[];
  byMonth: number[];
  count: number | null;
  until: RuleUntil | null;
  /** UNTIL as written, for formatting the rule back. */
  untilText: string | null;
}

export type RuleParseResult = { ok: true; rule: RecurrenceRule } | { ok: false; message: string };

const supportedKeys = ['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'COUNT', 'UNTIL'] as const;
type SupportedKey = (typeof supportedKeys)[number];

const fail = (message: string): RuleParseResult => ({ ok: false, message });

function parseIntList(value: string, key: string, min: number, max: number, allowNegative: boolean) {
  const out: number[] = [];
  for (const item of value.split(',')) {
    if (!/^[+-]?\d{1,2}$/.test(item)) return `${key} must be a comma-separated list of numbers.`;
    const n = Number(item);
    const abs = Math.abs(n);
    if ((n < 0 && !allowNegative) || abs < min || abs > max) {
      return allowNegative
        ? `${key} values must be between ${min} and ${max} or -${max} and -${min}.`
        : `${key} values must be between ${min} and ${max}.`;
    }
    if (!out.includes(n)) out.push(n);
  }
  return out.sort((a, b) => a - b);
}

function parseUntil(value: string): { until: RuleUntil } | string {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
  if (!m) return 'UNTIL must look like 20261231 or 20261231T170000Z.';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hasTime = m[4] !== undefined;
  const [hour, minute, second] = hasTime ? [Number(m[4]), Number(m[5]), Number(m[6])] : [23, 59, 59];
  const wall: WallTime = { year, month, day, hour, minute, second, millisecond: hasTime ? 0 : 999 };
  const floatingMs = wallTimeToFloatingMs(wall);
  const check = new Date(floatingMs);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() + 1 !== month ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return 'UNTIL is not a valid date.';
  }
  return { until: m[7] === 'Z' ? { kind: 'utc', ms: floatingMs } : { kind: 'wall', floatingMs } };
}

/**
 * Reads one RRULE line ("FREQ=WEEKLY;BYDAY=MO", with or without "RRULE:"). Anything outside
 * the supported subset is refused with a message naming the part, never silently ignored:
 * a rule that means something else than the user thinks is worse than an error.
 */
export function parseRule(text: string): RuleParseResult {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (body.length === 0) return fail('The rule is empty.');
  if (body.length > 500) return fail('The rule is too long.');
  const seen = new Map<SupportedKey, string>();
  for (const part of body.split(';')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) return fail(`"${part.slice(0, 40)}" is not a KEY=VALUE part.`);
    const key = part.slice(0, eq).toUpperCase();
    const value = part.slice(eq + 1).toUpperCase();
    if (!(supportedKeys as readonly string[]).includes(key)) {
      return fail(`${key.slice(0, 40)} is not supported; use ${supportedKeys.join(', ')}.`);
    }
    if (seen.has(key as SupportedKey)) return fail(`${key} appears twice.`);
    if (value === '') return fail(`${key} has no value.`);
    seen.set(key as SupportedKey, value);
  }

  const freqText = seen.get('FREQ');
  if (freqText === undefined) return fail('FREQ is missing.');
  if (!(recurrenceFrequencies as readonly string[]).includes(freqText)) {
    return fail(`FREQ=${freqText.slice(0, 20)} is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY.`);
  }
  const freq = freqText as RecurrenceFrequency;

  let interval = 1;
  const intervalText = seen.get('INTERVAL');
  if (intervalText !== undefined) {
    if (!/^\d{1,4}$/.test(intervalText)) return fail('INTERVAL must be a whole number.');
    interval = Number(intervalText);
    if (interval < 1 || interval > recurrenceLimits.intervalMax) {
      return fail(`INTERVAL must be between 1 and ${recurrenceLimits.intervalMax}.`);
    }
  }

  let count: number | null = null;
  const countText = seen.get('COUNT');
  if (countText !== undefined) {
    if (!/^\d{1,5}$/.test(countText)) return fail('COUNT must be a whole number.');
    count = Number(countText);
    if (count < 1 || count > recurrenceLimits.countMax) {
      return fail(`COUNT must be between 1 and ${recurrenceLimits.countMax}.`);
    }
  }

  let until: RuleUntil | null = null;
  const untilText = seen.get('UNTIL') ?? null;
  if (untilText !== null) {
    if (count !== null) return fail('Use either COUNT or UNTIL, not both.');
    const parsed = parseUntil(untilText);
    if (typeof parsed === 'string') return fail(parsed);
    until = parsed.until;
  }

  let byMonth: number[] = [];
  const byMonthText = seen.get('BYMONTH');
  if (byMonthText !== undefined) {
    const parsed = parseIntList(byMonthText, 'BYMONTH', 1, 12, false);
    if (typeof parsed === 'string') return fail(parsed);
    byMonth = parsed;
  }

  let byMonthDay: number[] = [];
  const byMonthDayText = seen.get('BYMONTHDAY');
  if (byMonthDayText !== undefined) {
    const parsed = parseIntList(byMonthDayText, 'BYMONTHDAY', 1, 31, true);
    if (typeof parsed === 'string') return fail(parsed);
    byMonthDay = parsed;
  }

  const byDay: RuleByDay[] = [];
  const byDayText = seen.get('BYDAY');
  if (byDayText !== undefined) {
    // An ordinal counts within the month, or within the year for YEARLY without BYMONTH.
    const ordinalMax = freq === 'YEARLY' && byMonth.length === 0 ? 53 : 5;
    for (const item of byDayText.split(',')) {
      const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
      if (!m) return fail(`BYDAY value "${item.slice(0, 20)}" is not a weekday like MO, 1MO or -1FR.`);
      const nth = m[1] === undefined ? null : Number(m[1]);
      if (nth !== null) {
        if (freq !== 'MONTHLY' && freq !== 'YEARLY') {
          return fail('A numbered weekday (like 1MO or -1FR) needs FREQ=MONTHLY or FREQ=YEARLY.');
        }
        if (nth === 0 || Math.abs(nth) > ordinalMax) {
          return fail(
            `The number before a weekday must be between 1 and ${ordinalMax} or -${ordinalMax} and -1.`,
          );
        }
      }
      const entry: RuleByDay = { weekday: m[2] as RuleWeekday, nth };
      if (!byDay.some((d) => d.weekday === entry.weekday && d.nth === entry.nth)) byDay.push(entry);
    }
    byDay.sort(
      (a, b) =>
        ruleWeekdays.indexOf(a.weekday) - ruleWeekdays.indexOf(b.weekday) || (a.nth ?? 0) - (b.nth ?? 0),
    );
  }

  return { ok: true, rule: { freq, interval, byDay, byMonthDay, byMonth, count, until, untilText } };
}

/** The rule in one canonical spelling (fixed part order, no "RRULE:"), for storing and comparing. */
export function formatRule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byMonth.length > 0) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.byMonthDay.length > 0) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byDay.length > 0) {
    parts.push(`BYDAY=${rule.byDay.map((d) => `${d.nth ?? ''}${d.weekday}`).join(',')}`);
  }
  if (rule.count !== null) parts.push(`COUNT=${rule.count}`);
  if (rule.untilText !== null) parts.push(`UNTIL=${rule.untilText}`);
  return parts.join(';');
}

// ---------------------------------------------------------------------------------------
// Evaluation. Dates are day numbers (days since 1970-01-01 on the proleptic Gregorian
// calendar); the time of day is the anchor's, in the zone's wall clock.

interface CivilDay {
  year: number;
  month: number;
  day: number;
}

// Pure integer conversions (H. Hinnant's "days from civil" algorithms): the walk calls them
// for every candidate day, and they are several times faster than going through Date.
function civil(dayNumber: number): CivilDay {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Day number of a date; out-of-range days roll over like Date.UTC (1 March − 1 day = end of February). */
function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + day - 1;
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
function weekdayIndex(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (monthLengths[month - 1] as number);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The BY* parts after RFC 5545's defaults from the anchor (python-dateutil fills them the same way). */
interface Effective {
  byMonth: number[];
  byMonthDay: number[];
  byDay: RuleByDay[];
  /** Ordinals in BYDAY count within the month (else within the year). */
  nthInMonth: boolean;
}

function effectiveParts(rule: RecurrenceRule, anchorDay: number): Effective {
  const a = civil(anchorDay);
  let { byMonth, byMonthDay, byDay } = rule;
  if (byDay.length === 0 && byMonthDay.length === 0) {
    if (rule.freq === 'YEARLY') {
      if (byMonth.length === 0) byMonth = [a.month];
      byMonthDay = [a.day];
    } else if (rule.freq === 'MONTHLY') {
      byMonthDay = [a.day];
    } else if (rule.freq === 'WEEKLY') {
      byDay = [{ weekday: ruleWeekdays[weekdayIndex(anchorDay)] as RuleWeekday, nth: null }];
    }
  }
  return { byMonth, byMonthDay, byDay, nthInMonth: rule.freq === 'MONTHLY' || byMonth.length > 0 };
}

interface PeriodDay extends CivilDay {
  dayNumber: number;
}

function matches(e: Effective, d: PeriodDay): boolean {
  if (e.byMonth.length > 0 && !e.byMonth.includes(d.month)) return false;
  const monthLength = daysInMonth(d.year, d.month);
  if (e.byMonthDay.length > 0 && !e.byMonthDay.some((md) => (md > 0 ? md : monthLength + md + 1) === d.day)) {
    return false;
  }
  if (e.byDay.length > 0) {
    const weekday = ruleWeekdays[weekdayIndex(d.dayNumber)];
    const ok = e.byDay.some((b) => {
      if (b.weekday !== weekday) return false;
      if (b.nth === null) return true;
      const [pos, length] = e.nthInMonth
        ? [d.day, monthLength]
        : [d.dayNumber - dayNumberOf(d.year, 1, 1) + 1, isLeap(d.year) ? 366 : 365];
      return b.nth > 0
        ? Math.floor((pos - 1) / 7) + 1 === b.nth
        : Math.floor((length - pos) / 7) + 1 === -b.nth;
    });
    if (!ok) return false;
  }
  return true;
}

function monthDays(year: number, month: number): PeriodDay[] {
  const start = dayNumberOf(year, month, 1);
  return Array.from({ length: daysInMonth(year, month) }, (_, i) => ({
    year,
    month,
    day: i + 1,
    dayNumber: start + i,
  }));
}

/** The first day of the next month after `d`'s that BYMONTH allows. */
function nextAllowedMonthStart(d: CivilDay, byMonth: number[]): number {
  for (let i = 1; i <= 12; i++) {
    const index = d.year * 12 + (d.month - 1) + i;
    const month = (index % 12) + 1;
    if (byMonth.includes(month)) return dayNumberOf(Math.floor(index / 12), month, 1);
  }
  throw new Error('BYMONTH is empty');
}

/**
 * The candidate days of period k (k intervals after the anchor's period), in order, and the
 * year the period starts in. Months BYMONTH rules out are left out here already, which
 * keeps rare rules ("every 29 February") cheap to walk.
 */
function periodDays(
  rule: RecurrenceRule,
  e: Effective,
  anchorDay: number,
  k: number,
): { startYear: number; days: PeriodDay[] } {
  const a = civil(anchorDay);
  const step = k * rule.interval;
  const withCivil = (dayNumber: number): PeriodDay => ({ ...civil(dayNumber), dayNumber });
  switch (rule.freq) {
    case 'DAILY': {
      const d = withCivil(anchorDay + step);
      return { startYear: d.year, days: [d] };
    }
    case 'WEEKLY': {
      const start = anchorDay - weekdayIndex(anchorDay) + 7 * step;
      return {
        startYear: civil(start).year,
        days: Array.from({ length: 7 }, (_, i) => withCivil(start + i)),
      };
    }
    case 'MONTHLY': {
      const index = a.year * 12 + (a.month - 1) + step;
      const year = Math.floor(index / 12);
      const month = (index % 12) + 1;
      const skip = e.byMonth.length > 0 && !e.byMonth.includes(month);
      return { startYear: year, days: skip ? [] : monthDays(year, month) };
    }
    case 'YEARLY': {
      const year = a.year + step;
      const months = e.byMonth.length > 0 ? e.byMonth : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
      return { startYear: year, days: months.flatMap((m) => monthDays(year, m)) };
    }
  }
}

/** The first period that can hold a date on or after `day`, less one for safety. */
function periodIndexNear(rule: RecurrenceRule, anchorDay: number, day: number): number {
  const a = civil(anchorDay);
  const t = civil(day);
  let periods: number;
  switch (rule.freq) {
    case 'DAILY':
      periods = (day - anchorDay) / rule.interval;
      break;
    case 'WEEKLY':
      periods = (day - weekdayIndex(day) - (anchorDay - weekdayIndex(anchorDay))) / 7 / rule.interval;
      break;
    case 'MONTHLY':
      periods = (t.year * 12 + t.month - (a.year * 12 + a.month)) / rule.interval;
      break;
    case 'YEARLY':
      periods = (t.year - a.year) / rule.interval;
      break;
  }
  return Math.max(0, Math.floor(periods) - 1);
}

function toRule(rule: string | RecurrenceRule): RecurrenceRule {
  if (typeof rule !== 'string') return rule;
  const parsed = parseRule(rule);
  if (!parsed.ok) throw new RangeError(parsed.message);
  return parsed.rule;
}

/**
 * Every occurrence at or after `fromMs`, as instants in ascending order: the anchor first
 * (when not before `fromMs`), then the rule's dates after it, until COUNT or UNTIL ends the
 * series or nothing turns up within the horizon.
 */
function* occurrences(
  rule: RecurrenceRule,
  timeZone: string,
  anchorMs: number,
  fromMs: number,
): Generator<number, void, undefined> {
  const anchorWall = wallTimeAt(anchorMs, timeZone);
  const anchorDay = dayNumberOf(anchorWall.year, anchorWall.month, anchorWall.day);
  const e = effectiveParts(rule, anchorDay);
  const fromWall = wallTimeAt(Math.max(fromMs, anchorMs), timeZone);
  const horizonYear = fromWall.year + recurrenceLimits.horizonYears;

  const instantOf = (c: CivilDay): { ms: number; floatingMs: number } => {
    const wall: WallTime = { ...anchorWall, year: c.year, month: c.month, day: c.day };
    return { ms: wallTimeToInstant(wall, timeZone), floatingMs: wallTimeToFloatingMs(wall) };
  };
  const beyondUntil = (o: { ms: number; floatingMs: number }): boolean =>
    rule.until !== null &&
    (rule.until.kind === 'utc' ? o.ms > rule.until.ms : o.floatingMs > rule.until.floatingMs);

  let produced = 1;
  if (anchorMs >= fromMs) yield anchorMs;
  if (rule.count !== null && produced >= rule.count) return;

  // Without COUNT nothing before `fromMs` matters, so jump close to it instead of walking
  // every period since the anchor; with COUNT every earlier date has to be counted.
  const fromDay = dayNumberOf(fromWall.year, fromWall.month, fromWall.day);
  let k = rule.count === null ? periodIndexNear(rule, anchorDay, fromDay) : 0;
  for (; ; k++) {
    const { startYear, days } = periodDays(rule, e, anchorDay, k);
    if (startYear > horizonYear) return;
    const last = days[days.length - 1];
    if (last && e.byMonth.length > 0 && days.every((d) => !e.byMonth.includes(d.month))) {
      // A day or a week wholly outside BYMONTH: jump to the next allowed month instead of
      // walking every day of the year ("daily in February" walks 28 days a year, not 365).
      k = Math.max(k, periodIndexNear(rule, anchorDay, nextAllowedMonthStart(last, e.byMonth)));
      continue;
    }
    for (const day of days) {
      if (day.dayNumber <= anchorDay || !matches(e, day)) continue;
      const o = instantOf(day);
      if (beyondUntil(o)) return;
      produced += 1;
      if (o.ms >= fromMs) yield o.ms;
      if (rule.count !== null && produced >= rule.count) return;
    }
  }
}

/**
 * The first occurrence strictly after `afterISO`, as an ISO instant, or null when the
 * series has ended (COUNT, UNTIL) or never produces another date. `anchorISO` is the rule's
 * DTSTART: it fixes the time of day and the defaults (weekday, day of month), and counts as
 * the first occurrence. Throws a RangeError for a rule `parseRule` refuses or an unknown zone.
 */
export function nextOccurrence(
  rule: string | RecurrenceRule,
  timeZone: string,
  anchorISO: string,
  afterISO: string,
): string | null {
  const afterMs = Date.parse(afterISO);
  for (const ms of occurrences(toRule(rule), timeZone, Date.parse(anchorISO), afterMs + 1)) {
    return new Date(ms).toISOString();
  }
  return null;
}

/**
 * For catching up: the latest occurrence in [fromISO, nowISO] (null when none) and the first
 * one after `nowISO` (null when the series ends before it).
 */
export function latestDueOccurrence(
  rule: string | RecurrenceRule,
  timeZone: string,
  anchorISO: string,
  fromISO: string,
  nowISO: string,
): { due: string | null; next: string | null } {
  const nowMs = Date.parse(nowISO);
  let due: number | null = null;
  for (const ms of occurrences(toRule(rule), timeZone, Date.parse(anchorISO), Date.parse(fromISO))) {
    if (ms > nowMs)
      return { due: due === null ? null : new Date(due).toISOString(), next: new Date(ms).toISOString() };
    due = ms;
  }
  return { due: due === null ? null : new Date(due).toISOString(), next: null };
}

/** The first `limit` occurrences, anchor included: for previews and tests. */
export function firstOccurrences(
  rule: string | RecurrenceRule,
  timeZone: string,
  anchorISO: string,
  limit: number,
): string[] {
  const out: string[] = [];
  const anchorMs = Date.parse(anchorISO);
  for (const ms of occurrences(toRule(rule), timeZone, anchorMs, anchorMs)) {
    out.push(new Date(ms).toISOString());
    if (out.length >= limit) break;
  }
  return out;
}
