import { type Explanation, explain } from './explanations.ts';
import type { AutonomySettings } from './settings.ts';
import { type AutonomyLevel, levelRules, type PrincipalException } from './values.ts';

/**
 * What a principal hears about an assistant's work (DESIGN §4 "Principal is told", §11): the
 * level sets the cadence, and a few exceptions are immediate whatever the level. The
 * principal's own per-kind preferences (immediately / digest / off) apply on top, in the
 * notification system; this only says what the ladder asks for.
 */

/** Something in an assistant's work a principal may hear about. */
export type AssistantWorkEvent =
  /** A result submitted (to review or straight to done). */
  | { kind: 'submission' }
  /** Any other step of the work: state changes, comments, new tasks, check-ins. */
  | { kind: 'activity' }
  | { kind: 'guardrail_hit' }
  /** A question of the assistant's, open this many hours. */
  | { kind: 'question_open'; hours: number }
  /** A task of the assistant's blocked this many hours. */
  | { kind: 'blocked'; hours: number }
  | { kind: 'lesson'; severity: number };

export const noticeDeliveries = ['immediate', 'daily_digest', 'weekly_digest', 'none'] as const;
export type NoticeDelivery = (typeof noticeDeliveries)[number];

export interface PrincipalNotice {
  delivery: NoticeDelivery;
  /** The exception that made it immediate, if one did. */
  exception: PrincipalException | null;
  explanation: Explanation;
}

/** Which exception of DESIGN §11 an event is, if any; the thresholds are workspace settings. */
export function principalException(
  event: AssistantWorkEvent,
  settings: AutonomySettings,
): PrincipalException | null {
  const n = settings.notifications;
  switch (event.kind) {
    case 'guardrail_hit':
      return 'guardrail_hit';
    case 'question_open':
      return event.hours > n.questionUnansweredHours ? 'question_unanswered' : null;
    case 'blocked':
      return event.hours > n.blockedHours ? 'blocked_long' : null;
    case 'lesson':
      // Severity 1 is the worst; "1–2" are the severe ones.
      return event.severity <= n.severeLessonMaxSeverity ? 'severe_lesson' : null;
    default:
      return null;
  }
}

/**
 * How the ladder delivers an event about an assistant's work at `level` (their effective
 * level in the task's area) to the principals: exceptions at once; otherwise L1 everything at
 * once, L2 submissions at once and the rest daily, L3 daily, L4 weekly, L5 nothing.
 */
export function principalNotice(
  level: AutonomyLevel,
  event: AssistantWorkEvent,
  settings: AutonomySettings,
): PrincipalNotice {
  const exception = principalException(event, settings);
  if (exception !== null) {
    return { delivery: 'immediate', exception, explanation: explain('notice_exception', { exception }) };
  }
  const rule = levelRules[level];
  const cadence = rule.principalCadence;
  const explanation = explain('notice_by_level', { level, cadence });
  let delivery: NoticeDelivery;
  switch (cadence) {
    case 'immediate':
      delivery =
        rule.immediateScope === 'every_event' || event.kind === 'submission' ? 'immediate' : 'daily_digest';
      break;
    case 'daily':
      delivery = 'daily_digest';
      break;
    case 'weekly':
      delivery = 'weekly_digest';
      break;
    default:
      delivery = 'none';
  }
  return { delivery, exception: null, explanation };
}
