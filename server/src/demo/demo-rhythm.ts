import {
  checkInWeek,
  type MeetingTiming,
  nextCheckInReminder,
  previousMeetingStart,
  wallTimeAt,
  wallTimeToInstant,
} from '@leeway/core';
import type { Deps } from '../context.ts';
import { DAY, HOUR } from '../lib/clock.ts';
import { newId } from '../lib/ids.ts';
import { renderMarkdown } from '../lib/markdown.ts';

/**
 * The rhythm of the demo bakery (issue 6): the Monday team round with a generated agenda
 * (pinned items, an item deferred last week, an open action item), questions (one on a task,
 * waiting for more than a day, so it is on the agenda; one general and fresh; one answered),
 * this week's and last week's check-ins (a blocker, a "discuss" flag, low autonomy once), and
 * a check-in reminder. Blocked demo tasks get the time they became blocked. Rows are written
 * as the services would have left them, dated relative to the clock.
 */

type Person = 'owner' | 'a1' | 'a2';
const ZONE = 'Europe/Berlin';

export async function seedDemoRhythm(
  deps: Deps,
  ctx: { workspaceId: string; people: Record<Person, string> },
): Promise<void> {
  const { workspaceId, people } = ctx;
  const nowMs = deps.clock.now().getTime();
  const now = new Date(nowMs).toISOString();
  const ago = (ms: number) => new Date(nowMs - ms).toISOString();
  const assistants = [...new Set([people.a1, people.a2])].filter((id) => id !== people.owner);

  await deps.db.transaction().execute(async (trx) => {
    // Blocked tasks were blocked some time ago: two days, so they reach the agenda.
    await trx
      .updateTable('tasks')
      .set({ blocked_since: ago(2 * DAY) })
      .where('workspace_id', '=', workspaceId)
      .where('blocked', '=', 1)
      .execute();

    // The Monday round at 10:00 in Berlin, since four weeks ago.
    const today = wallTimeAt(nowMs, ZONE);
    const weekday = (new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7;
    const firstMonday = wallTimeToInstant(
      { ...today, day: today.day - weekday - 28, hour: 10, minute: 0, second: 0, millisecond: 0 },
      ZONE,
    );
    const series: MeetingTiming = {
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      timeZone: ZONE,
      startsAt: new Date(firstMonday).toISOString(),
      durationMin: 45,
      until: null,
    };
    const seriesId = newId();
    await trx
      .insertInto('meeting_series')
      .values({
        id: seriesId,
        workspace_id: workspaceId,
        title: 'Wochenrunde',
        description: 'Was steht an, was hakt, was haben wir gelernt? 45 Minuten, jeden Montag.',
        organizer_id: people.owner,
        rrule: series.rrule,
        time_zone: ZONE,
        starts_at: series.startsAt,
        duration_min: series.durationMin,
        until: null,
        version: 1,
        created_at: ago(30 * DAY),
        updated_at: ago(30 * DAY),
      })
      .execute();
    for (const userId of new Set(Object.values(people))) {
      await trx
        .insertInto('meeting_participants')
        .values({ workspace_id: workspaceId, series_id: seriesId, user_id: userId })
        .execute();
    }
    for (const [position, title] of ['Was lief gut diese Woche?', 'Urlaube und Abwesenheiten'].entries()) {
      await trx
        .insertInto('meeting_pinned_items')
        .values({
          id: newId(),
          workspace_id: workspaceId,
          series_id: seriesId,
          title,
          position,
          created_at: ago(30 * DAY),
        })
        .execute();
    }

    // Last Monday's round: held, with minutes, one item deferred and one action item still open.
    const last = previousMeetingStart(series, [], now);
    if (last) {
      await trx
        .insertInto('meeting_occurrences')
        .values({
          workspace_id: workspaceId,
          series_id: seriesId,
          original_start: last,
          moved_to: null,
          cancelled: 0,
          finished_at: new Date(Date.parse(last) + 45 * 60_000).toISOString(),
          finished_by: people.owner,
          updated_at: new Date(Date.parse(last) + 45 * 60_000).toISOString(),
        })
        .execute();
      const deferredId = newId();
      await trx
        .insertInto('agenda_entries')
        .values([
          {
            id: newId(),
            workspace_id: workspaceId,
            series_id: seriesId,
            occurrence_start: last,
            item_key: `manual:${newId()}`,
            source: 'manual',
            source_id: newId(),
            title: 'Neue Brottüten: Papier statt Plastik?',
            data: '{}',
            notes: 'Ja. Ben holt zwei Angebote ein.',
            status: 'discussed',
            added_by: people.owner,
            created_at: last,
            updated_at: last,
          },
          {
            id: newId(),
            workspace_id: workspaceId,
            series_id: seriesId,
            occurrence_start: last,
            item_key: `manual:${deferredId}`,
            source: 'manual',
            source_id: deferredId,
            title: 'Preise für Ostern festlegen',
            data: '{}',
            notes: 'Vertagt: erst die Kalkulation der Mühle abwarten.',
            status: 'deferred',
            added_by: people.a1,
            created_at: last,
            updated_at: last,
          },
        ])
        .execute();
      const taskId = newId();
      const assignee = people.a2;
      await trx
        .insertInto('tasks')
        .values({
          id: taskId,
          workspace_id: workspaceId,
          title: 'Zwei Angebote für Papiertüten einholen',
          description: 'Aus der Wochenrunde: Papier statt Plastik.',
          description_html: '<p>Aus der Wochenrunde: Papier statt Plastik.</p>',
          area_id: null,
          assignee_id: assignee,
          creator_id: people.owner,
          state: 'todo',
          blocked: 0,
          blocked_reason: '',
          due_at: new Date(nowMs + 3 * DAY).toISOString(),
          due_tz: ZONE,
          priority: 'medium',
          labels: '[]',
          position: 1,
          version: 0,
          series_id: null,
          checklist_total: 0,
          checklist_done: 0,
          comment_count: 0,
          attachment_count: 0,
          due_soon_notified_at: null,
          overdue_notified_at: null,
          created_at: last,
          updated_at: last,
          completed_at: null,
          proposed: 0,
          review_requested: 0,
          review_phase: null,
          review_explanation: null,
          submitted_at: null,
          guardrails_ticked: '[]',
          blocked_since: null,
          sop_id: null,
          sop_version: null,
          mission_id: null,
        })
        .execute();
      await trx
        .insertInto('task_followers')
        .values({ workspace_id: workspaceId, task_id: taskId, user_id: assignee, created_at: last })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx
        .insertInto('action_items')
        .values({
          id: newId(),
          workspace_id: workspaceId,
          series_id: seriesId,
          occurrence_start: last,
          item_key: null,
          title: 'Zwei Angebote für Papiertüten einholen',
          task_id: taskId,
          created_by: people.owner,
          created_at: last,
        })
        .execute();
    }

    // Questions: one on Amira's invoice task, waiting 30 hours (it blocks the task); one
    // general from Ben, four hours old; one answered last week.
    const invoiceTask = await trx
      .selectFrom('tasks')
      .select(['id', 'version'])
      .where('workspace_id', '=', workspaceId)
      .where('title', '=', 'Rechnungen der Mühle vom März buchen')
      .executeTakeFirst();
    const questions: {
      task: string | null;
      asker: Person;
      to: Person | null;
      body: string;
      asked: number;
      answer?: string;
    }[] = [
      {
        task: invoiceTask?.id ?? null,
        asker: 'a1',
        to: 'owner',
        body: 'Soll die März-Rechnung der Mühle schon bezahlt werden oder erst nach der Reklamation der feuchten Säcke?',
        asked: 30 * HOUR,
      },
      {
        task: null,
        asker: 'a2',
        to: null,
        body: 'Dürfen wir auf Instagram schon die Osterpreise zeigen, oder warten wir auf die Kalkulation?',
        asked: 4 * HOUR,
      },
      {
        task: null,
        asker: 'a2',
        to: 'owner',
        body: 'Gilt die 24-Stunden-Antwortzeit bei Beschwerden auch am Wochenende?',
        asked: 8 * DAY,
        answer: 'Nein: am Wochenende reicht Montagmittag. Steht jetzt auch in der SOP.',
      },
    ];
    for (const q of questions) {
      const asker = people[q.asker];
      if (asker === people.owner) continue;
      const askedAt = ago(q.asked);
      const blocks = q.task !== null && q.answer === undefined;
      await trx
        .insertInto('questions')
        .values({
          id: newId(),
          workspace_id: workspaceId,
          task_id: q.task,
          asker_id: asker,
          addressee_id: q.to ? people[q.to] : null,
          body: q.body,
          body_html: renderMarkdown(q.body),
          answer: q.answer ?? null,
          answer_html: q.answer ? renderMarkdown(q.answer) : null,
          answered_by: q.answer ? people.owner : null,
          answered_at: q.answer ? ago(q.asked - 3 * HOUR) : null,
          blocked_task: blocks ? 1 : 0,
          waiting_notified_at: q.asked > 24 * HOUR && !q.answer ? ago(q.asked - 24 * HOUR) : null,
          version: 1,
          created_at: askedAt,
          updated_at: askedAt,
        })
        .execute();
      if (blocks && q.task) {
        await trx
          .updateTable('tasks')
          .set({ blocked: 1, blocked_reason: q.body, blocked_since: askedAt })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', q.task)
          .execute();
      }
    }

    // Check-ins: this week's and last week's, in the assistants' zone.
    const checkIns: {
      who: Person;
      weeksAgo: number;
      blockers: string;
      autonomy: number;
      discuss: boolean;
    }[] = [
      { who: 'a1', weeksAgo: 1, blockers: '', autonomy: 4, discuss: false },
      { who: 'a2', weeksAgo: 1, blockers: '', autonomy: 2, discuss: false },
      {
        who: 'a1',
        weeksAgo: 0,
        blockers: 'Warte auf den Lesezugang zum Geschäftskonto.',
        autonomy: 4,
        discuss: false,
      },
      { who: 'a2', weeksAgo: 0, blockers: '', autonomy: 3, discuss: true },
    ];
    const texts: Record<Person, { done: string; planned: string }> = {
      owner: { done: '', planned: '' },
      a1: {
        done: 'Belege Februar gebucht, Kasse abgestimmt, zwei Lieferantenrechnungen geprüft.',
        planned: 'März-Rechnungen buchen, Unterlagen für die Steuerberaterin vorbereiten.',
      },
      a2: {
        done: '17 Anfragen beantwortet, drei Bewertungen kommentiert, Wochenpost entworfen.',
        planned: 'Osteraktion vorbereiten, Angebote für Papiertüten einholen.',
      },
    };
    for (const c of checkIns) {
      const memberId = people[c.who];
      if (memberId === people.owner) continue;
      const at = ago(c.weeksAgo * 7 * DAY + HOUR);
      await trx
        .insertInto('check_ins')
        .values({
          id: newId(),
          workspace_id: workspaceId,
          member_id: memberId,
          week: checkInWeek(at, ZONE),
          done: texts[c.who].done,
          planned: texts[c.who].planned,
          blockers: c.blockers,
          autonomy: c.autonomy,
          discuss: c.discuss ? 1 : 0,
          submitted_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (const memberId of assistants.slice(0, 1)) {
      await trx
        .insertInto('check_in_reminders')
        .values({
          workspace_id: workspaceId,
          member_id: memberId,
          weekday: 5,
          time: '15:00',
          time_zone: ZONE,
          enabled: 1,
          next_at: nextCheckInReminder({ weekday: 5, time: '15:00', timeZone: ZONE }, now),
        })
        .execute();
    }
  });
}
