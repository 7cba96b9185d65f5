import { dueEndOfDay, type TaskState } from '../limits.ts';
import { canSeeTask, type TaskVisibilityFacts, type Viewer } from '../visibility.ts';
import { wallTimeAt } from '../zoned-time.ts';
import type { IcalEvent, IcalMeetingEvent, IcalTaskEvent } from './ical.ts';

/**
 * What goes into a person's private calendar feed (DESIGN §7, §1): the meetings they take
 * part in and the due dates of open tasks they can see. The feed is one more door to the
 * tasks, so it asks `canSeeTask` like every other; the server reruns this on every fetch,
 * so a removed member's or a lost area's tasks vanish from subscribed calendars.
 */
export interface FeedMeeting extends IcalMeetingEvent {
  participantIds: readonly string[];
  organizerId: string;
}

export interface FeedTask extends TaskVisibilityFacts {
  id: string;
  title: string;
  description: string;
  url: string | null;
  dueAt: string | null;
  /** Shown as an all-day date; when left out, a due time of 23:59 local means all-day. */
  allDay?: boolean;
  timeZone: string;
  state: TaskState;
}

/**
 * True when a due instant is the end-of-day marker (23:59 in the task's zone), which the
 * screens store for a due date picked without a time: such a date is all-day in a calendar.
 */
export function isAllDayDue(dueAt: string, timeZone: string): boolean {
  const w = wallTimeAt(Date.parse(dueAt), timeZone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}` === dueEndOfDay;
}

/**
 * The events of one person's feed: meetings they organise or attend, then the due dates of
 * tasks they may see that are neither done nor cancelled (a feed shows what is ahead).
 */
export function feedEventsFor(
  viewer: Viewer,
  meetings: readonly FeedMeeting[],
  tasks: readonly FeedTask[],
): IcalEvent[] {
  const out: IcalEvent[] = [];
  for (const m of meetings) {
    if (m.organizerId !== viewer.userId && !m.participantIds.includes(viewer.userId)) continue;
    const { participantIds: _p, organizerId: _o, ...event } = m;
    out.push(event);
  }
  for (const t of tasks) {
    if (t.dueAt === null || t.state === 'done' || t.state === 'cancelled' || !canSeeTask(viewer, t)) continue;
    const event: IcalTaskEvent = {
      kind: 'task',
      taskId: t.id,
      title: t.title,
      description: t.description,
      url: t.url,
      dueAt: t.dueAt,
      allDay: t.allDay ?? isAllDayDue(t.dueAt, t.timeZone),
      timeZone: t.timeZone,
    };
    out.push(event);
  }
  return out;
}
