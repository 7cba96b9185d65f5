import { canonicalTimeZone } from '../locale.ts';
import { formatRule, parseRule } from '../recurrence.ts';
import { checkText, sopProblem } from '../sops/internal.ts';
import type { SopChecked, SopProblem } from '../sops/problems.ts';
import { isSeriesOccurrence, type MeetingTiming, type OccurrenceOverride } from './occurrences.ts';
import { meetingLimits } from './values.ts';

/**
 * Validation of meeting series and single meetings (DESIGN §7): `MeetingSeries { title,
 * participants, rrule, durationMin, timezone }` plus a first start and an optional end.
 */
export interface MeetingInput extends MeetingTiming {
  title: string;
  description: string;
  participantIds: string[];
}

function isoInstant(field: string, value: unknown, problems: SopProblem[]): string | null {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) {
    return new Date(Date.parse(value)).toISOString();
  }
  problems.push(sopProblem(field, 'invalid_date', 'Not a valid date and time.'));
  return null;
}

/**
 * Validates a meeting: title, participants (distinct ids, at least one), zone, start,
 * duration 5–480 minutes, an RRULE the recurrence rules accept (stored canonical) or null
 * for a single meeting, and an end date not before the start.
 */
export function checkMeeting(input: Record<string, unknown>): SopChecked<MeetingInput> {
  const problems: SopProblem[] = [];
  const title = checkText('title', input.title, meetingLimits.titleMax, true, problems);
  const description = checkText(
    'description',
    input.description,
    meetingLimits.descriptionMax,
    false,
    problems,
  );

  const rawParticipants = input.participantIds;
  let participantIds: string[] = [];
  if (
    !Array.isArray(rawParticipants) ||
    rawParticipants.some((p) => typeof p !== 'string' || p.trim() === '')
  ) {
    problems.push(sopProblem('participantIds', 'not_allowed', 'A list of member ids.'));
  } else {
    participantIds = [...new Set(rawParticipants.map((p: string) => p.trim()))];
    if (participantIds.length === 0) problems.push(sopProblem('participantIds', 'required', 'Required.'));
    if (participantIds.length > meetingLimits.participantsMax) {
      problems.push(
        sopProblem('participantIds', 'too_many', 'Too many.', { max: meetingLimits.participantsMax }),
      );
    }
  }

  const timeZone = typeof input.timeZone === 'string' ? canonicalTimeZone(input.timeZone) : null;
  if (timeZone === null) problems.push(sopProblem('timeZone', 'not_allowed', 'Unknown time zone.'));
  const startsAt = isoInstant('startsAt', input.startsAt, problems);

  const durationMin = input.durationMin;
  const durationOk =
    typeof durationMin === 'number' &&
    Number.isInteger(durationMin) &&
    durationMin >= meetingLimits.durationMin &&
    durationMin <= meetingLimits.durationMax;
  if (!durationOk) {
    problems.push(
      sopProblem('durationMin', 'integer_between', 'Duration is 5 to 480 minutes.', {
        min: meetingLimits.durationMin,
        max: meetingLimits.durationMax,
      }),
    );
  }

  let rrule: string | null = null;
  if (input.rrule !== null && input.rrule !== undefined && input.rrule !== '') {
    const parsed = typeof input.rrule === 'string' ? parseRule(input.rrule) : null;
    if (parsed?.ok) rrule = formatRule(parsed.rule);
    else problems.push(sopProblem('rrule', 'not_allowed', parsed ? parsed.message : 'Not a rule.'));
  }

  let until: string | null = null;
  if (input.until !== null && input.until !== undefined) {
    until = isoInstant('until', input.until, problems);
    if (until !== null && startsAt !== null && until < startsAt) {
      problems.push(sopProblem('until', 'invalid_date', 'The end date is before the first meeting.'));
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      title,
      description,
      participantIds,
      timeZone: timeZone as string,
      startsAt: startsAt as string,
      durationMin: durationMin as number,
      rrule,
      until,
    },
  };
}

/**
 * Validates moving or cancelling one occurrence: the original start must be one the series
 * has, and a move needs a valid new start. Cancelling wins over moving, so both at once
 * is refused rather than guessed.
 */
export function checkOccurrenceOverride(
  series: MeetingTiming,
  input: Record<string, unknown>,
): SopChecked<OccurrenceOverride> {
  const problems: SopProblem[] = [];
  const originalStart = isoInstant('originalStart', input.originalStart, problems);
  if (originalStart !== null && !isSeriesOccurrence(series, originalStart)) {
    problems.push(sopProblem('originalStart', 'not_allowed', 'The series has no meeting at that time.'));
  }
  const cancelled = input.cancelled === true;
  let movedTo: string | null = null;
  if (input.movedTo !== null && input.movedTo !== undefined) {
    movedTo = isoInstant('movedTo', input.movedTo, problems);
    if (cancelled) problems.push(sopProblem('movedTo', 'not_allowed', 'Move or cancel, not both.'));
  }
  if (!cancelled && movedTo === null && problems.length === 0) {
    problems.push(sopProblem('movedTo', 'required', 'Say where to move it, or cancel it.'));
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { originalStart: originalStart as string, movedTo, cancelled } };
}
