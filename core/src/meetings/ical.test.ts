import fc from 'fast-check';
import { rrulestr } from 'rrule';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../visibility.ts';
import { wallTimeAt, zoneOffsetMs } from '../zoned-time.ts';
import { type FeedMeeting, type FeedTask, feedEventsFor, isAllDayDue } from './feed.ts';
import {
  buildCalendar,
  buildMeetingCalendar,
  buildVTimezone,
  escapeIcalText,
  foldIcalLine,
  type IcalMeetingEvent,
  icalRule,
} from './ical.ts';
import { meetingOccurrences } from './occurrences.ts';

// ---------------------------------------------------------------------------------------
// A small RFC 5545 reader, independent of the writer: unfold, split properties, unescape.

interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
}
interface Component {
  name: string;
  props: Prop[];
  children: Component[];
}

function unfold(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  const raw = text.slice(0, -2).split('\r\n');
  for (const line of raw) expect(line).not.toMatch(/[\r\n]/);
  const lines: string[] = [];
  for (const line of raw) {
    if (line.startsWith(' ') || line.startsWith('\t')) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  return lines;
}

function parseProp(line: string): Prop {
  let i = 0;
  let inQuote = false;
  while (i < line.length && (inQuote || line[i] !== ':')) {
    if (line[i] === '"') inQuote = !inQuote;
    i++;
  }
  const head = line.slice(0, i);
  const [name = '', ...paramParts] = head.split(';');
  const params: Record<string, string> = {};
  for (const p of paramParts) {
    const eq = p.indexOf('=');
    params[p.slice(0, eq).toUpperCase()] = p.slice(eq + 1).replace(/^"|"$/g, '');
  }
  expect(name).toMatch(/^[A-Z][A-Z0-9-]*$/);
  return { name, params, value: line.slice(i + 1) };
}

function parseCalendar(text: string): Component {
  const root: Component = { name: 'ROOT', props: [], children: [] };
  const stack = [root];
  for (const line of unfold(text)) {
    const prop = parseProp(line);
    const top = stack[stack.length - 1] as Component;
    if (prop.name === 'BEGIN') {
      const child: Component = { name: prop.value, props: [], children: [] };
      top.children.push(child);
      stack.push(child);
    } else if (prop.name === 'END') {
      expect(top.name).toBe(prop.value);
      stack.pop();
    } else top.props.push(prop);
  }
  expect(stack).toHaveLength(1);
  return root.children[0] as Component;
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

const get = (c: Component, name: string): Prop | undefined => c.props.find((p) => p.name === name);
const kids = (c: Component, name: string): Component[] => c.children.filter((k) => k.name === name);

function octets(line: string): number {
  let n = 0;
  for (const ch of line) {
    const cp = ch.codePointAt(0) as number;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

// ---------------------------------------------------------------------------------------

const now = '2026-11-26T12:00:00.000Z';

const weekly: IcalMeetingEvent = {
  kind: 'meeting',
  seriesId: 's1',
  title: 'Weekly sync; books, payroll',
  description: 'Agenda:\nnumbers\\plans',
  url: 'https://leeway.example/w/1/meetings/s1',
  timing: {
    rrule: 'FREQ=WEEKLY;BYDAY=MO',
    timeZone: 'Europe/Berlin',
    startsAt: '2026-03-16T09:00:00.000Z',
    durationMin: 45,
    until: null,
  },
  overrides: [
    { originalStart: '2026-04-13T08:00:00.000Z', cancelled: true },
    { originalStart: '2026-12-28T09:00:00.000Z', cancelled: true },
    { originalStart: '2026-04-20T08:00:00.000Z', movedTo: '2026-04-21T12:00:00.000Z' },
    { originalStart: '2026-04-22T08:00:00.000Z', cancelled: true }, // not an occurrence: ignored
  ],
};

describe('escapeIcalText', () => {
  it.each([
    ['plain', 'Weekly sync', 'Weekly sync'],
    ['semicolon and comma', 'a;b,c', 'a\\;b\\,c'],
    ['backslash', 'C:\\path', 'C:\\\\path'],
    ['LF', 'a\nb', 'a\\nb'],
    ['CRLF', 'a\r\nb', 'a\\nb'],
    ['lone CR removed', 'a\rb', 'ab'],
    ['control characters removed', 'a\u0000b\u0007c\u007f', 'abc'],
    ['tab kept', 'a\tb', 'a\tb'],
    ['colon untouched', 'ATTENDEE:x', 'ATTENDEE:x'],
    ['lone surrogate replaced', 'a\ud800b', 'a\ufffdb'],
  ])('%s', (_name, input, expected) => {
    expect(escapeIcalText(input)).toBe(expected);
  });
});

describe('foldIcalLine', () => {
  it.each([
    ['short line untouched', 'SUMMARY:hi', 1],
    ['exactly 75 octets', `SUMMARY:${'x'.repeat(67)}`, 1],
    ['76 octets fold once', `SUMMARY:${'x'.repeat(68)}`, 2],
    ['two-byte letters', `SUMMARY:${'é'.repeat(100)}`, 3],
    ['emoji (four bytes)', `SUMMARY:${'😀'.repeat(40)}`, 3],
    ['CJK (three bytes)', `SUMMARY:${'会議'.repeat(60)}`, 6],
  ])('%s', (_name, line, count) => {
    const folded = foldIcalLine(line);
    const parts = folded.split('\r\n');
    expect(parts).toHaveLength(count);
    for (const [i, part] of parts.entries()) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
      expect(part).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    }
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });
});

describe('buildCalendar', () => {
  const text = buildCalendar({
    name: 'Anna · Leeway',
    now,
    events: [
      weekly,
      {
        kind: 'meeting',
        seriesId: 's2',
        title: 'Kick-off',
        description: '',
        url: null,
        timing: {
          rrule: null,
          timeZone: 'America/New_York',
          startsAt: '2026-12-01T15:00:00.000Z',
          durationMin: 30,
          until: null,
        },
        overrides: [],
      },
      {
        kind: 'task',
        taskId: 't1',
        title: 'File VAT',
        description: '',
        url: 'https://leeway.example/t/t1',
        dueAt: '2026-12-10T13:30:00.000Z',
        allDay: false,
        timeZone: 'Europe/Berlin',
      },
      {
        kind: 'task',
        taskId: 't2',
        title: 'Payroll',
        description: 'Monthly',
        url: null,
        dueAt: '2026-12-31T22:59:00.000Z',
        allDay: true,
        timeZone: 'Europe/Berlin',
      },
    ],
  });
  const cal = parseCalendar(text);
  const events = kids(cal, 'VEVENT');

  it('has the calendar headers', () => {
    expect(cal.name).toBe('VCALENDAR');
    expect(get(cal, 'VERSION')?.value).toBe('2.0');
    expect(get(cal, 'PRODID')?.value).toMatch(/Leeway/);
    expect(get(cal, 'CALSCALE')?.value).toBe('GREGORIAN');
    expect(get(cal, 'METHOD')?.value).toBe('PUBLISH');
    expect(unescapeText(get(cal, 'X-WR-CALNAME')?.value ?? '')).toBe('Anna · Leeway');
  });

  it('keeps every physical line within 75 octets, ending in CRLF', () => {
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(text).not.toMatch(/[^\r]\n/);
  });

  it('writes the series with its RRULE, EXDATE for cancellations and a RECURRENCE-ID for a move', () => {
    const series = events.filter((e) => get(e, 'UID')?.value === 'meeting-s1@leeway');
    expect(series).toHaveLength(2);
    const [master, moved] = series as [Component, Component];
    expect(get(master, 'DTSTART')).toEqual({
      name: 'DTSTART',
      params: { TZID: 'Europe/Berlin' },
      value: '20260316T100000',
    });
    expect(get(master, 'DTEND')?.value).toBe('20260316T104500');
    expect(get(master, 'RRULE')?.value).toBe('FREQ=WEEKLY;BYDAY=MO');
    expect(get(master, 'EXDATE')).toEqual({
      name: 'EXDATE',
      params: { TZID: 'Europe/Berlin' },
      value: '20260413T100000,20261228T100000',
    });
    expect(get(master, 'DTSTAMP')?.value).toBe('20261126T120000Z');
    expect(unescapeText(get(master, 'SUMMARY')?.value ?? '')).toBe(weekly.title);
    expect(unescapeText(get(master, 'DESCRIPTION')?.value ?? '')).toBe(weekly.description);
    expect(get(master, 'URL')?.value).toBe(weekly.url);
    expect(get(moved, 'RECURRENCE-ID')).toEqual({
      name: 'RECURRENCE-ID',
      params: { TZID: 'Europe/Berlin' },
      value: '20260420T100000',
    });
    expect(get(moved, 'DTSTART')?.value).toBe('20260421T140000');
    expect(get(moved, 'DTEND')?.value).toBe('20260421T144500');
  });

  it('means the same dates to rrule.js as to the core (RRULE, EXDATE and RECURRENCE-ID read back)', () => {
    const [master, ...exceptions] = events.filter(
      (e) => get(e, 'UID')?.value === 'meeting-s1@leeway',
    ) as Component[];
    const m = master as Component;
    // rrule.js reads the wall times as floating: the dates must agree, whatever the offsets.
    const set = rrulestr(
      [
        `DTSTART:${get(m, 'DTSTART')?.value}`,
        `RRULE:${get(m, 'RRULE')?.value}`,
        `EXDATE:${get(m, 'EXDATE')?.value}`,
      ].join('\n'),
      { forceset: true },
    );
    const theirs = set
      .between(new Date('2026-03-01T00:00:00Z'), new Date('2027-03-01T00:00:00Z'), true)
      .map((d) => d.toISOString().replace(/[-:]/g, '').slice(0, 15));
    const wall = (iso: string) => {
      const w = wallTimeAt(Date.parse(iso), 'Europe/Berlin');
      return `${w.year}${String(w.month).padStart(2, '0')}${String(w.day).padStart(2, '0')}T${String(w.hour).padStart(2, '0')}${String(w.minute).padStart(2, '0')}00`;
    };
    const ours = meetingOccurrences(
      weekly.timing,
      weekly.overrides,
      '2026-03-01T00:00:00Z',
      '2027-03-01T00:00:00Z',
    );
    expect(theirs).toEqual(
      ours
        .filter((o) => !o.cancelled)
        .map((o) => wall(o.originalStart))
        .sort(),
    );
    expect(exceptions.map((e) => [get(e, 'RECURRENCE-ID')?.value, get(e, 'DTSTART')?.value])).toEqual(
      ours.filter((o) => o.moved).map((o) => [wall(o.originalStart), wall(o.start)]),
    );
  });

  it('writes a single meeting without RRULE in its own zone', () => {
    const single = events.find((e) => get(e, 'UID')?.value === 'meeting-s2@leeway') as Component;
    expect(get(single, 'DTSTART')).toEqual({
      name: 'DTSTART',
      params: { TZID: 'America/New_York' },
      value: '20261201T100000',
    });
    expect(get(single, 'RRULE')).toBeUndefined();
  });

  it('writes task due dates as UTC instants or all-day dates', () => {
    const timed = events.find((e) => get(e, 'UID')?.value === 'task-t1@leeway') as Component;
    expect(get(timed, 'DTSTART')).toEqual({ name: 'DTSTART', params: {}, value: '20261210T133000Z' });
    expect(get(timed, 'TRANSP')?.value).toBe('TRANSPARENT');
    const allDay = events.find((e) => get(e, 'UID')?.value === 'task-t2@leeway') as Component;
    expect(get(allDay, 'DTSTART')).toEqual({ name: 'DTSTART', params: { VALUE: 'DATE' }, value: '20261231' });
    expect(get(allDay, 'DTEND')).toEqual({ name: 'DTEND', params: { VALUE: 'DATE' }, value: '20270101' });
  });

  it('describes each zone used, with its offsets and yearly rules', () => {
    const zones = kids(cal, 'VTIMEZONE');
    expect(zones.map((z) => get(z, 'TZID')?.value)).toEqual(['America/New_York', 'Europe/Berlin']);
    const summary = (z: Component) =>
      z.children.map((c) => [
        c.name,
        get(c, 'DTSTART')?.value,
        get(c, 'RRULE')?.value,
        get(c, 'TZOFFSETFROM')?.value,
        get(c, 'TZOFFSETTO')?.value,
      ]);
    expect(summary(zones[1] as Component)).toEqual([
      ['STANDARD', '20250101T000000', undefined, '+0100', '+0100'],
      ['DAYLIGHT', '20250330T020000', 'FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', '+0100', '+0200'],
      ['STANDARD', '20251026T030000', 'FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', '+0200', '+0100'],
    ]);
    expect(summary(zones[0] as Component)).toEqual([
      ['STANDARD', '20250101T000000', undefined, '-0500', '-0500'],
      ['DAYLIGHT', '20250309T020000', 'FREQ=YEARLY;BYMONTH=3;BYDAY=2SU', '-0500', '-0400'],
      ['STANDARD', '20251102T020000', 'FREQ=YEARLY;BYMONTH=11;BYDAY=1SU', '-0400', '-0500'],
    ]);
  });

  it('a CRLF in a title or a name never adds a property', () => {
    const evil = 'Sync\r\nATTENDEE:mailto:evil@example.com\r\nEND:VEVENT';
    const out = parseCalendar(
      buildCalendar({
        name: 'x\r\nX-EVIL:1',
        now,
        events: [
          { ...weekly, overrides: [], title: evil, description: evil, url: 'https://x.example/\r\nX-EVIL:1' },
        ],
      }),
    );
    expect(get(out, 'X-EVIL')).toBeUndefined();
    const event = kids(out, 'VEVENT')[0] as Component;
    expect(event.props.map((p) => p.name)).toEqual([
      'UID',
      'DTSTAMP',
      'RRULE',
      'DTSTART',
      'DTEND',
      'SUMMARY',
      'DESCRIPTION',
    ]);
    expect(unescapeText(get(event, 'SUMMARY')?.value ?? '')).toBe(
      'Sync\nATTENDEE:mailto:evil@example.com\nEND:VEVENT',
    );
  });

  it('property: any unicode title round-trips through escape, fold and parse', () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the writer drops these on purpose.
    const dropped = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (title) => {
        const out = parseCalendar(buildCalendar({ name: title, now, events: [{ ...weekly, title }] }));
        const summary = unescapeText(get(kids(out, 'VEVENT')[0] as Component, 'SUMMARY')?.value ?? '');
        const expected = title.replace(dropped, '');
        expect(summary).toBe(expected);
        expect(unescapeText(get(out, 'X-WR-CALNAME')?.value ?? '')).toBe(expected);
        if (!dropped.test(title)) expect(summary).toBe(title);
      }),
    );
  });
});

describe('single meetings, cancellations and the .ics download', () => {
  const single: IcalMeetingEvent = { ...weekly, timing: { ...weekly.timing, rrule: null }, overrides: [] };

  it('a cancelled single meeting is left out; a moved one is at its new time', () => {
    const cancelled = parseCalendar(
      buildMeetingCalendar(
        { ...single, overrides: [{ originalStart: single.timing.startsAt, cancelled: true }] },
        now,
      ),
    );
    expect(kids(cancelled, 'VEVENT')).toHaveLength(0);
    const moved = parseCalendar(
      buildMeetingCalendar(
        {
          ...single,
          overrides: [{ originalStart: single.timing.startsAt, movedTo: '2026-03-17T09:00:00.000Z' }],
        },
        now,
      ),
    );
    expect(get(kids(moved, 'VEVENT')[0] as Component, 'DTSTART')?.value).toBe('20260317T100000');
    expect(unescapeText(get(moved, 'X-WR-CALNAME')?.value ?? '')).toBe(weekly.title);
  });
});

describe('icalRule', () => {
  const timing = weekly.timing;
  it.each([
    ['as stored', { rrule: 'FREQ=WEEKLY;BYDAY=MO' }, 'FREQ=WEEKLY;BYDAY=MO'],
    ['canonical spelling', { rrule: 'RRULE:byday=MO;freq=weekly' }, 'FREQ=WEEKLY;BYDAY=MO'],
    [
      'a wall UNTIL becomes UTC',
      { rrule: 'FREQ=WEEKLY;UNTIL=20261231' },
      'FREQ=WEEKLY;UNTIL=20261231T225959Z',
    ],
    [
      'the series end becomes UNTIL',
      { until: '2026-06-01T08:00:00.000Z' },
      'FREQ=WEEKLY;BYDAY=MO;UNTIL=20260601T080000Z',
    ],
    [
      'the earlier end wins',
      { rrule: 'FREQ=WEEKLY;UNTIL=20260301T000000Z', until: '2026-06-01T08:00:00.000Z' },
      'FREQ=WEEKLY;UNTIL=20260301T000000Z',
    ],
    [
      'COUNT lowered by the series end',
      { rrule: 'FREQ=WEEKLY;COUNT=10', until: '2026-03-30T08:00:00.000Z' },
      'FREQ=WEEKLY;COUNT=3',
    ],
    ['single meeting', { rrule: null }, null],
  ])('%s', (_name, patch, expected) => {
    expect(icalRule({ ...timing, ...patch })).toBe(expected);
  });
});

describe('buildVTimezone', () => {
  it('gives a zone without DST one STANDARD', () => {
    const z = parseCalendar(
      `${['BEGIN:VCALENDAR', ...buildVTimezone('Asia/Kolkata', 2025, 2028), 'END:VCALENDAR'].join('\r\n')}\r\n`,
    );
    const tz = kids(z, 'VTIMEZONE')[0] as Component;
    expect(
      tz.children.map((c) => [c.name, get(c, 'TZOFFSETFROM')?.value, get(c, 'TZOFFSETTO')?.value]),
    ).toEqual([['STANDARD', '+0530', '+0530']]);
  });

  it('lists the years of an older rule one by one (New York before 2007)', () => {
    const lines = buildVTimezone('America/New_York', 2005, 2010);
    const text = lines.join('\n');
    expect(text).toContain('DTSTART:20050403T020000');
    expect(text).toContain('DTSTART:20061029T020000');
    expect(text).toMatch(/DTSTART:20070311T020000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU/);
    expect(text).not.toContain('DTSTART:20080309');
  });

  // Reads a VTIMEZONE back the way a client does and compares its offset with the runtime's.
  function offsetFromVTimezone(tz: Component, instantMs: number): number {
    const parseOffset = (v: string) =>
      (v[0] === '-' ? -1 : 1) * (Number(v.slice(1, 3)) * 60 + Number(v.slice(3, 5))) * 60_000;
    let best: { at: number; to: number } | null = null;
    for (const c of tz.children) {
      const start = get(c, 'DTSTART')?.value as string;
      const from = parseOffset(get(c, 'TZOFFSETFROM')?.value as string);
      const to = parseOffset(get(c, 'TZOFFSETTO')?.value as string);
      const [y, mo, d, h, mi] = [
        start.slice(0, 4),
        start.slice(4, 6),
        start.slice(6, 8),
        start.slice(9, 11),
        start.slice(11, 13),
      ].map(Number) as number[];
      const onsets: number[] = [Date.UTC(y as number, (mo as number) - 1, d, h, mi) - from];
      const rule = get(c, 'RRULE')?.value;
      if (rule) {
        const m = /BYMONTH=(\d+);BYDAY=(-?\d)(\w\w)/.exec(rule) as RegExpExecArray;
        const [month, nth, wd] = [
          Number(m[1]),
          Number(m[2]),
          ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'].indexOf(m[3] as string),
        ];
        for (let year = (y as number) + 1; year <= new Date(instantMs).getUTCFullYear() + 1; year++) {
          const days: number[] = [];
          for (let day = 1; day <= new Date(Date.UTC(year, month, 0)).getUTCDate(); day++) {
            if ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7 === wd) days.push(day);
          }
          const day = nth > 0 ? days[nth - 1] : days[days.length + nth];
          onsets.push(Date.UTC(year, month - 1, day, h, mi) - from);
        }
      }
      for (const at of onsets) if (at <= instantMs && (best === null || at > best.at)) best = { at, to };
    }
    return (best as { to: number }).to;
  }

  it.each(['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'America/Sao_Paulo', 'Asia/Tokyo'])(
    'property: %s read back gives the runtime offset, years past the range too',
    (zone) => {
      const tz = parseCalendar(
        `${['BEGIN:VCALENDAR', ...buildVTimezone(zone, 2015, 2027), 'END:VCALENDAR'].join('\r\n')}\r\n`,
      );
      const vtz = kids(tz, 'VTIMEZONE')[0] as Component;
      fc.assert(
        fc.property(
          fc.integer({ min: Date.parse('2015-01-02T00:00:00Z'), max: Date.parse('2035-12-31T00:00:00Z') }),
          (ms) => {
            expect(offsetFromVTimezone(vtz, ms)).toBe(zoneOffsetMs(ms, zone));
          },
        ),
        { numRuns: 300 },
      );
    },
  );
});

describe('feedEventsFor', () => {
  const meeting = (id: string, participantIds: string[]): FeedMeeting => ({
    ...weekly,
    seriesId: id,
    participantIds,
    organizerId: 'olga',
  });
  const feedTask = (id: string, patch: Partial<FeedTask>): FeedTask => ({
    id,
    title: `Task ${id}`,
    description: '',
    url: null,
    dueAt: '2026-12-10T13:30:00.000Z',
    allDay: false,
    timeZone: 'Europe/Berlin',
    state: 'todo',
    areaId: 'area-books',
    assigneeId: 'olga',
    creatorId: 'olga',
    ...patch,
  });
  const meetings = [meeting('with-anna', ['anna', 'olga']), meeting('without-anna', ['ben'])];
  const tasks = [
    feedTask('in-area', {}),
    feedTask('assigned', { areaId: 'area-hr', assigneeId: 'anna' }),
    feedTask('secret', { areaId: 'area-hr' }),
    feedTask('no-date', { dueAt: null, assigneeId: 'anna' }),
    feedTask('done', { state: 'done', assigneeId: 'anna' }),
  ];
  const uids = (viewer: Viewer) =>
    kids(
      parseCalendar(buildCalendar({ name: 'feed', now, events: feedEventsFor(viewer, meetings, tasks) })),
      'VEVENT',
    )
      .map((e) => get(e, 'UID')?.value)
      .filter((v, i, all) => all.indexOf(v) === i);

  it('gives an assistant their meetings and the due dates of tasks they may see, checked by parsing the feed', () => {
    expect(uids({ userId: 'anna', role: 'assistant', areaIds: new Set(['area-books']) })).toEqual([
      'meeting-with-anna@leeway',
      'task-in-area@leeway',
      'task-assigned@leeway',
    ]);
  });

  it('treats a 23:59 local due time as an all-day date unless told otherwise', () => {
    expect(isAllDayDue('2026-12-31T22:59:00.000Z', 'Europe/Berlin')).toBe(true);
    expect(isAllDayDue('2026-12-31T22:59:00.000Z', 'UTC')).toBe(false);
    const owner: Viewer = { userId: 'olga', role: 'owner', areaIds: new Set() };
    const [derived] = feedEventsFor(
      owner,
      [],
      [{ ...feedTask('x', { dueAt: '2026-07-01T21:59:00.000Z' }), allDay: undefined }],
    );
    expect(derived).toMatchObject({ kind: 'task', allDay: true });
  });

  it('gives an owner every open dated task but only their own meetings', () => {
    expect(uids({ userId: 'olga', role: 'owner', areaIds: new Set() })).toEqual([
      'meeting-with-anna@leeway',
      'meeting-without-anna@leeway',
      'task-in-area@leeway',
      'task-assigned@leeway',
      'task-secret@leeway',
    ]);
  });
});
