import type { CalendarFeed } from '@leeway/core';
import ICAL from 'ical.js';
import { expect, it } from 'vitest';
import { describeEachDb, type Harness } from '../../test/harness.ts';
import { makeMeeting } from '../meetings/meetings.factories.ts';
import { idOf, makeTask, team } from '../tasks/tasks.factories.ts';

/** A tiny RFC 5545 reader: unfold continuation lines, split on CRLF, group into VEVENTs. */
function parseIcal(text: string): { lines: string[]; events: Map<string, string>[] } {
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((l) => l !== '');
  const events: Map<string, string>[] = [];
  let current: Map<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = new Map();
    else if (line === 'END:VEVENT') {
      if (current) events.push(current);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).split(';')[0] as string;
      current.set(name, [current.get(name), line.slice(colon + 1)].filter((v) => v !== undefined).join('|'));
    }
  }
  return { lines, events };
}

function fetchFeed(h: Harness, url: string) {
  return h.app.inject({ method: 'GET', url: url.replace(h.config.baseUrl, '') });
}

describeEachDb('calendar feeds', (harness) => {
  it('parses with an independent iCalendar library, which expands the series in Berlin time across DST', async () => {
    const h = harness();
    h.clock.set('2026-03-16T07:00:00.000Z');
    const t = await team(h);
    // Mondays 10:00 in Berlin: 09:00 UTC before the change on 29 March, 08:00 UTC after it.
    const m = await makeMeeting(t.owner, t.workspace.id, {
      title: 'Monday round, "Q2"; plans',
      participantIds: [idOf(t.member)],
      startsAt: '2026-03-16T09:00:00.000Z',
      timeZone: 'Europe/Berlin',
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
    });
    await t.owner.request('PUT', t.url(`/meetings/${m.id}/occurrences/2026-03-23T09:00:00.000Z`), {
      cancelled: true,
    });
    const made = await t.member.post<CalendarFeed>(t.url('/calendar-feed'));
    const res = await fetchFeed(h, made.body.url as string);
    expect(res.statusCode).toBe(200);

    const calendar = new ICAL.Component(ICAL.parse(res.body));
    // The feed carries its own VTIMEZONE, so the parser needs no zone database of its own.
    for (const zone of calendar.getAllSubcomponents('vtimezone')) {
      ICAL.TimezoneService.register(new ICAL.Timezone(zone));
    }
    const vevent = calendar
      .getAllSubcomponents('vevent')
      .find((e) => e.getFirstPropertyValue('summary') === 'Monday round, "Q2"; plans');
    expect(vevent).toBeDefined();
    const event = new ICAL.Event(vevent);
    expect(event.isRecurring()).toBe(true);
    const starts: string[] = [];
    const it = event.iterator();
    for (let next = it.next(); next && starts.length < 3; next = it.next()) {
      if (event.getOccurrenceDetails(next).startDate.compare(next) !== 0) continue;
      const exdates = vevent?.getAllProperties('exdate').flatMap((p) => p.getValues()) ?? [];
      if (exdates.some((x) => x.toUnixTime() === next.toUnixTime())) continue;
      starts.push(next.toJSDate().toISOString());
    }
    expect(starts).toEqual([
      '2026-03-16T09:00:00.000Z',
      '2026-03-30T08:00:00.000Z',
      '2026-04-06T08:00:00.000Z',
    ]);
  });

  it('serves a private feed by token: meetings with RRULE, visible due dates, nothing else', async () => {
    const h = harness();
    h.clock.set('2026-06-01T07:00:00.000Z');
    const t = await team(h);
    const m = await makeMeeting(t.owner, t.workspace.id, {
      title: 'Weekly sync',
      participantIds: [idOf(t.member)],
      startsAt: '2026-06-01T08:00:00.000Z',
    });
    await t.owner.request('PUT', t.url(`/meetings/${m.id}/occurrences/2026-06-08T08:00:00.000Z`), {
      cancelled: true,
    });
    const evil = await makeMeeting(t.owner, t.workspace.id, {
      title: 'Evil\r\nATTENDEE:mailto:x@example.com',
      participantIds: [idOf(t.member)],
      startsAt: '2026-06-02T08:00:00.000Z',
      rrule: null,
    });
    expect(evil.title).toContain('ATTENDEE');
    await makeTask(t.owner, t.workspace.id, {
      title: 'Visible due',
      areaId: t.area.id,
      dueAt: '2026-06-10T12:00:00.000Z',
    });
    await makeTask(t.owner, t.workspace.id, {
      title: 'Hidden due',
      assigneeId: null,
      dueAt: '2026-06-11T12:00:00.000Z',
    });

    expect((await t.member.get<CalendarFeed>(t.url('/calendar-feed'))).body).toMatchObject({ exists: false });
    const made = await t.member.post<CalendarFeed>(t.url('/calendar-feed'));
    expect(made.status).toBe(200);
    const url = made.body.url as string;
    expect(url).toMatch(/^http:\/\/leeway\.test\/api\/v1\/calendar\/[A-Za-z0-9_-]{40,}\.ics$/);
    const stored = await h.db.db.selectFrom('calendar_feeds').select('token_hash').execute();
    expect(stored.some((r) => url.includes(r.token_hash))).toBe(false);
    expect((await t.member.get<CalendarFeed>(t.url('/calendar-feed'))).body).toMatchObject({
      exists: true,
      url: null,
    });

    const res = await fetchFeed(h, url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toBe('private, max-age=300');
    const { lines, events } = parseIcal(res.body);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    const sync = events.find((e) => e.get('SUMMARY') === 'Weekly sync');
    expect(sync?.get('RRULE')).toContain('FREQ=WEEKLY');
    expect(sync?.get('EXDATE')).toBeDefined();
    expect(events.some((e) => e.get('SUMMARY') === 'Visible due')).toBe(true);
    expect(res.body).not.toContain('Hidden due');
    // A CRLF in a title never starts a property of its own.
    expect(lines.some((l) => l.startsWith('ATTENDEE'))).toBe(false);
    expect(events.some((e) => e.get('SUMMARY') === 'Evil\\nATTENDEE:mailto:x@example.com')).toBe(true);
    // Without the extension too; last use is stamped.
    expect((await fetchFeed(h, url.replace(/\.ics$/, ''))).statusCode).toBe(200);
    const feed = await t.member.get<CalendarFeed>(t.url('/calendar-feed'));
    expect(feed.body.lastUsedAt).not.toBeNull();

    // Regenerating kills the old token; revoking kills the new one.
    const again = await t.member.post<CalendarFeed>(t.url('/calendar-feed'));
    expect((await fetchFeed(h, url)).statusCode).toBe(404);
    expect((await fetchFeed(h, again.body.url as string)).statusCode).toBe(200);
    expect((await t.member.delete(t.url('/calendar-feed'))).status).toBe(204);
    expect((await fetchFeed(h, again.body.url as string)).statusCode).toBe(404);

    // A removed member's feed is dead at once.
    const third = await t.member.post<CalendarFeed>(t.url('/calendar-feed'));
    expect((await fetchFeed(h, third.body.url as string)).statusCode).toBe(200);
    expect((await t.owner.delete(t.url(`/members/${idOf(t.member)}`))).status).toBe(204);
    expect((await fetchFeed(h, third.body.url as string)).statusCode).toBe(404);

    // Guessing: malformed and unknown tokens are refused the same way.
    expect((await fetchFeed(h, '/api/v1/calendar/short')).statusCode).toBe(400);
    expect((await fetchFeed(h, `/api/v1/calendar/cal_${'A'.repeat(43)}.ics`)).statusCode).toBe(404);
    expect((await fetchFeed(h, `/api/v1/calendar/ses_${'A'.repeat(43)}`)).statusCode).toBe(404);
  });

  it('downloads one meeting as .ics for those who may read it', async () => {
    const h = harness();
    h.clock.set('2026-06-01T07:00:00.000Z');
    const t = await team(h);
    const m = await makeMeeting(t.owner, t.workspace.id, {
      title: 'Planung "Q3"; Ärger',
      participantIds: [idOf(t.member)],
      startsAt: '2026-06-01T08:00:00.000Z',
    });
    const res = await t.member.get<string>(t.url(`/meetings/${m.id}/ics`));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="meeting\.ics"; filename\*=UTF-8''/);
    expect(disposition).not.toContain('"Q3"');
    expect(parseIcal(res.body).events[0]?.get('SUMMARY')).toBe('Planung "Q3"\\; Ärger');
    expect((await t.outsider.get(t.url(`/meetings/${m.id}/ics`))).status).toBe(404);
    expect((await h.client().get(t.url(`/meetings/${m.id}/ics`))).status).toBe(401);
    expect((await h.client().get(t.url('/calendar-feed'))).status).toBe(401);
    const other = await team(h);
    expect((await other.owner.get(other.url(`/meetings/${m.id}/ics`))).status).toBe(404);
  });
});
