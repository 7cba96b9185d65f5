import { firstOccurrences, formatRule, parseRule } from '../recurrence.ts';
import { type WallTime, wallTimeAt, wallTimeToInstant, zoneOffsetMs } from '../zoned-time.ts';
import { isSeriesOccurrence, type MeetingTiming, type OccurrenceOverride } from './occurrences.ts';

/**
 * An RFC 5545 writer for calendar feeds and single-meeting downloads, written for what
 * Google Calendar, Outlook and Apple Calendar accept: TZID-anchored meetings with their
 * RRULE, a VTIMEZONE for each zone generated from the runtime's own zone data, and task
 * due dates as UTC instants or all-day dates. Every text goes through `escapeIcalText` and
 * every line through `foldIcalLine`, so user text can never start a new property.
 */

export interface IcalMeetingEvent {
  kind: 'meeting';
  seriesId: string;
  title: string;
  description: string;
  /** A link back to the meeting in Leeway (http or https), or null. */
  url: string | null;
  timing: MeetingTiming;
  overrides: readonly OccurrenceOverride[];
  /** Bumped by the server on every edit, so clients replace their copy. */
  sequence?: number;
}

export interface IcalTaskEvent {
  kind: 'task';
  taskId: string;
  title: string;
  description: string;
  url: string | null;
  dueAt: string;
  /** A due date without a time: an all-day event on that date in `timeZone`. */
  allDay: boolean;
  timeZone: string;
}

export type IcalEvent = IcalMeetingEvent | IcalTaskEvent;

export interface CalendarInput {
  /** X-WR-CALNAME, the name clients show for a subscribed feed. */
  name: string;
  /** DTSTAMP of every event: when the feed was generated. */
  now: string;
  events: readonly IcalEvent[];
  /** Zones to describe besides those the meetings use. */
  timeZones?: readonly string[];
}

const CRLF = '\r\n';
const DAY_MS = 86_400_000;
export const icalProductId = '-//Leeway//Leeway Calendar//EN';

// C0 controls other than TAB and LF, and DEL: RFC 5545 TEXT may not contain them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const controlChars = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const loneSurrogates = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash,
 * a line break becomes the two characters `\n`. CR is dropped (so CRLF is one break) and
 * so are other control characters, which no client accepts; a lone surrogate becomes U+FFFD,
 * as UTF-8 would make it anyway.
 */
export function escapeIcalText(text: string): string {
  return text
    .replace(/\r/g, '')
    .replace(controlChars, '')
    .replace(loneSurrogates, '\ufffd')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds one content line (RFC 5545 §3.1): at most 75 octets of UTF-8 per line, CRLF and a
 * space before each continuation, never inside a multi-byte character. No final CRLF.
 */
export function foldIcalLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  // The continuation's leading space counts towards its 75 octets.
  let limit = 75;
  for (const ch of line) {
    const n = utf8Length(ch.codePointAt(0) as number);
    if (octets + n > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = 74;
    }
    current += ch;
    octets += n;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function wallStamp(w: WallTime): string {
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}${pad(w.second)}`;
}

/** An instant as an RFC 5545 UTC DATE-TIME: 20261130T090000Z. */
export function icalUtc(ms: number): string {
  return `${wallStamp(wallTimeAt(ms, 'UTC'))}Z`;
}

const icalLocal = (ms: number, timeZone: string): string => wallStamp(wallTimeAt(ms, timeZone));

function icalDate(ms: number, timeZone: string): string {
  const w = wallTimeAt(ms, timeZone);
  return `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}`;
}

function nextDate(date: string): string {
  const ms =
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8))) + DAY_MS;
  return icalDate(ms, 'UTC');
}

function floatingToWall(floatingMs: number): WallTime {
  const d = new Date(floatingMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/**
 * The RRULE a feed carries for a series: the stored rule in canonical spelling, with UNTIL
 * rewritten as a UTC instant (RFC 5545 requires that when DTSTART has a TZID, and Outlook
 * insists) and the series' own end date folded in. With COUNT and an end date, COUNT is
 * lowered to the occurrences before the end, since a rule may not hold both.
 */
export function icalRule(timing: MeetingTiming): string | null {
  if (timing.rrule === null) return null;
  const parsed = parseRule(timing.rrule);
  if (!parsed.ok) throw new RangeError(parsed.message);
  const rule = parsed.rule;
  const seriesUntil = timing.until === null ? null : Date.parse(timing.until);
  if (rule.count !== null) {
    if (seriesUntil === null) return formatRule(rule);
    const kept = firstOccurrences(rule, timing.timeZone, timing.startsAt, rule.count).filter(
      (s) => Date.parse(s) <= seriesUntil,
    ).length;
    return formatRule({ ...rule, count: Math.max(1, kept) });
  }
  let untilMs: number | null = null;
  if (rule.until !== null) {
    untilMs =
      rule.until.kind === 'utc'
        ? rule.until.ms
        : wallTimeToInstant(floatingToWall(rule.until.floatingMs), timing.timeZone);
  }
  if (seriesUntil !== null) untilMs = untilMs === null ? seriesUntil : Math.min(untilMs, seriesUntil);
  if (untilMs === null) return formatRule(rule);
  // Whole seconds, rounded down: an occurrence at the until instant itself stays in.
  return formatRule({ ...rule, until: { kind: 'utc', ms: untilMs }, untilText: icalUtc(untilMs) });
}

/** `NAME;PARAM=…:value`, folded. Values must already be escaped for their type. */
function prop(name: string, value: string, params = ''): string {
  return foldIcalLine(`${name}${params}:${value}`);
}

/**
 * A URI value is not TEXT (no backslash escapes), so it is not escaped but refused unless it
 * is http(s) with no whitespace, control character or quote: nothing to strip, nothing to inject.
 */
function safeUrl(url: string | null): string | null {
  if (url === null) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  return /^https?:\/\/[^\s\u0000-\u001f\u007f"]+$/.test(url) ? url : null;
}

function textProps(e: { title: string; description: string; url: string | null }): string[] {
  const lines = [prop('SUMMARY', escapeIcalText(e.title))];
  if (e.description.trim() !== '') lines.push(prop('DESCRIPTION', escapeIcalText(e.description)));
  const url = safeUrl(e.url);
  if (url !== null) lines.push(prop('URL', url, ';VALUE=URI'));
  return lines;
}

function meetingLines(e: IcalMeetingEvent, dtstamp: string): string[] {
  const { timing } = e;
  const tz = `;TZID=${timing.timeZone}`;
  const uid = prop('UID', escapeIcalText(`meeting-${e.seriesId}@leeway`));
  const durationMs = timing.durationMin * 60_000;
  const sequence = e.sequence === undefined ? [] : [prop('SEQUENCE', String(e.sequence))];
  const vevent = (startMs: number, extra: string[]): string[] => [
    'BEGIN:VEVENT',
    uid,
    prop('DTSTAMP', dtstamp),
    ...extra,
    prop('DTSTART', icalLocal(startMs, timing.timeZone), tz),
    prop('DTEND', icalLocal(startMs + durationMs, timing.timeZone), tz),
    ...sequence,
    ...textProps(e),
    'END:VEVENT',
  ];
  const anchorMs = Date.parse(timing.startsAt);
  const rrule = icalRule(timing);
  if (rrule === null) {
    // A single meeting: a cancellation removes it, a move just moves it.
    const o = e.overrides.find((x) => Date.parse(x.originalStart) === anchorMs);
    if (o?.cancelled === true) return [];
    const start = o?.movedTo ? Date.parse(o.movedTo) : anchorMs;
    return vevent(start, []);
  }
  const valid = e.overrides.filter((o) => isSeriesOccurrence(timing, o.originalStart));
  const cancelled = valid.filter((o) => o.cancelled === true).map((o) => Date.parse(o.originalStart));
  const moved = valid.filter((o) => o.cancelled !== true && o.movedTo);
  const master = [prop('RRULE', rrule)];
  if (cancelled.length > 0) {
    const dates = [...new Set(cancelled)].sort((a, b) => a - b).map((ms) => icalLocal(ms, timing.timeZone));
    master.push(prop('EXDATE', dates.join(','), tz));
  }
  const lines = vevent(anchorMs, master);
  for (const o of moved) {
    const originalMs = Date.parse(o.originalStart);
    lines.push(
      ...vevent(Date.parse(o.movedTo as string), [
        prop('RECURRENCE-ID', icalLocal(originalMs, timing.timeZone), tz),
      ]),
    );
  }
  return lines;
}

function taskLines(e: IcalTaskEvent, dtstamp: string): string[] {
  const dueMs = Date.parse(e.dueAt);
  const when = e.allDay
    ? [
        prop('DTSTART', icalDate(dueMs, e.timeZone), ';VALUE=DATE'),
        prop('DTEND', nextDate(icalDate(dueMs, e.timeZone)), ';VALUE=DATE'),
      ]
    : [prop('DTSTART', icalUtc(dueMs))];
  return [
    'BEGIN:VEVENT',
    prop('UID', escapeIcalText(`task-${e.taskId}@leeway`)),
    prop('DTSTAMP', dtstamp),
    ...when,
    ...textProps(e),
    // A due date is a deadline, not time taken: it must not show the person as busy.
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

// ---------------------------------------------------------------------------------------
// VTIMEZONE from the runtime's zone data (Intl), so no tz database ships with core.

export interface ZoneTransition {
  ms: number;
  from: number;
  to: number;
  /** Local time of the change, read with the offset before it (RFC 5545 §3.6.5). */
  local: WallTime;
}

const WEEK_MS = 7 * DAY_MS;

/**
 * Every UTC-offset change in [fromYear, toYear]. Samples weekly, since no zone changes its
 * offset twice in a week (a month is not safe: Morocco pauses DST around Ramadan), and
 * bisects to the second between samples that differ.
 */
export function zoneTransitions(timeZone: string, fromYear: number, toYear: number): ZoneTransition[] {
  const out: ZoneTransition[] = [];
  const start = Date.UTC(fromYear, 0, 1) - DAY_MS;
  const end = Date.UTC(toYear + 1, 0, 1) + DAY_MS;
  let prevMs = start;
  let prevOffset = zoneOffsetMs(prevMs, timeZone);
  for (let t = start + WEEK_MS; prevMs < end; t += WEEK_MS) {
    const ms = Math.min(t, end);
    const offset = zoneOffsetMs(ms, timeZone);
    if (offset !== prevOffset) {
      let lo = Math.floor(prevMs / 1000);
      let hi = Math.ceil(ms / 1000);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (zoneOffsetMs(mid * 1000, timeZone) === prevOffset) lo = mid;
        else hi = mid;
      }
      const at = hi * 1000;
      const local = floatingToWall(at + prevOffset);
      if (local.year >= fromYear && local.year <= toYear)
        out.push({ ms: at, from: prevOffset, to: offset, local });
    }
    prevMs = ms;
    prevOffset = offset;
  }
  return out;
}

function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const total = Math.round(Math.abs(ms) / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return `${sign}${pad(h)}${pad(m)}${s === 0 ? '' : pad(s)}`;
}

const byDayNames = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** "Last Sunday of March" style: the yearly rule a transition's date follows, when it is one. */
function weekdayRule(w: WallTime): string {
  const monthLength = new Date(Date.UTC(w.year, w.month, 0)).getUTCDate();
  const weekday = byDayNames[(new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay() + 6) % 7];
  const nth = w.day + 7 > monthLength ? -1 : Math.ceil(w.day / 7);
  return `FREQ=YEARLY;BYMONTH=${w.month};BYDAY=${nth}${weekday}`;
}

function signature(t: ZoneTransition): string {
  return `${weekdayRule(t.local)}|${pad(t.local.hour)}${pad(t.local.minute)}${pad(t.local.second)}|${t.from}|${t.to}`;
}

function observance(t: ZoneTransition, daylight: boolean, rrule: string | null): string[] {
  const kind = daylight ? 'DAYLIGHT' : 'STANDARD';
  return [
    `BEGIN:${kind}`,
    `DTSTART:${wallStamp(t.local)}`,
    ...(rrule === null ? [] : [`RRULE:${rrule}`]),
    `TZOFFSETFROM:${formatOffset(t.from)}`,
    `TZOFFSETTO:${formatOffset(t.to)}`,
    `END:${kind}`,
  ];
}

/**
 * A VTIMEZONE for `timeZone` covering [fromYear, toYear]. It opens with the offset in force
 * at the start, lists the changes of the years whose rule differs from today's one by one,
 * and describes the latest years' rule with yearly RRULEs ("last Sunday of March"), so
 * clients keep getting it right after `toYear`. Zones without DST get one STANDARD.
 */
export function buildVTimezone(timeZone: string, fromYear: number, toYear: number): string[] {
  const transitions = zoneTransitions(timeZone, fromYear, toYear);
  const startMs = wallTimeToInstant(
    { year: fromYear, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 },
    timeZone,
  );
  const startOffset = zoneOffsetMs(startMs, timeZone);
  const minOffset = Math.min(startOffset, ...transitions.map((t) => t.to));
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  lines.push(
    ...observance(
      { ms: startMs, from: startOffset, to: startOffset, local: floatingToWall(startMs + startOffset) },
      startOffset > minOffset,
      null,
    ),
  );
  // The longest run of final years whose changes follow the same yearly rules.
  const years = new Map<number, ZoneTransition[]>();
  for (const t of transitions) years.set(t.local.year, [...(years.get(t.local.year) ?? []), t]);
  const yearSignature = (y: number): string => (years.get(y) ?? []).map(signature).join(';');
  const last = yearSignature(toYear);
  let ruleFrom = toYear + 1;
  if (last !== '') {
    ruleFrom = toYear;
    while (ruleFrom > fromYear && yearSignature(ruleFrom - 1) === last) ruleFrom -= 1;
  }
  // A component is daylight time when it moves the clock above the zone's lowest offset.
  for (const t of transitions) {
    if (t.local.year < ruleFrom) lines.push(...observance(t, t.to > minOffset, null));
  }
  for (const t of years.get(ruleFrom) ?? [])
    lines.push(...observance(t, t.to > minOffset, weekdayRule(t.local)));
  lines.push('END:VTIMEZONE');
  return lines;
}

/**
 * A whole VCALENDAR (PUBLISH) as text with CRLF line ends: one VTIMEZONE per zone the
 * meetings use, a VEVENT per meeting series (RRULE, EXDATE for cancelled occurrences,
 * one VEVENT with RECURRENCE-ID per moved occurrence) and per task due date. Attendees
 * are left out on purpose: with them, clients treat a feed entry as an invitation to answer.
 */
export function buildCalendar(input: CalendarInput): string {
  const nowMs = Date.parse(input.now);
  const dtstamp = icalUtc(nowMs);
  const zones = new Map<string, number>();
  const need = (zone: string, ms: number): void => {
    const year = wallTimeAt(ms, zone).year;
    zones.set(zone, Math.min(zones.get(zone) ?? year, year));
  };
  for (const zone of input.timeZones ?? []) need(zone, nowMs);
  for (const e of input.events) {
    if (e.kind !== 'meeting') continue;
    need(e.timing.timeZone, Date.parse(e.timing.startsAt));
    for (const o of e.overrides) {
      if (o.movedTo) need(e.timing.timeZone, Date.parse(o.movedTo));
    }
  }
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    prop('PRODID', icalProductId),
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    prop('X-WR-CALNAME', escapeIcalText(input.name)),
    // Hints for how often subscribers refetch (Apple/Google read the first, Outlook the second).
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  const nowYear = new Date(nowMs).getUTCFullYear();
  for (const [zone, minYear] of [...zones].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(...buildVTimezone(zone, minYear - 1, Math.max(minYear, nowYear) + 2));
  }
  for (const e of input.events) {
    lines.push(...(e.kind === 'meeting' ? meetingLines(e, dtstamp) : taskLines(e, dtstamp)));
  }
  lines.push('END:VCALENDAR');
  return `${lines.join(CRLF)}${CRLF}`;
}

/** The .ics download of one meeting series (or single meeting), named after it. */
export function buildMeetingCalendar(meeting: IcalMeetingEvent, now: string): string {
  return buildCalendar({ name: meeting.title, now, events: [meeting] });
}
