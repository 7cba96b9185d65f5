import Type, { type Static } from 'typebox';
import {
  commentLimits,
  type DeliveryMode,
  deliveryModes,
  type LiveEventType,
  type NotificationKind,
  notificationKinds,
} from '../limits.ts';
import { Id, literalUnion, Timestamp } from './common.ts';

export const Comment = Type.Object(
  {
    id: Id,
    taskId: Id,
    authorId: Type.Union([Id, Type.Null()]),
    authorName: Type.String(),
    body: Type.String({ description: 'Markdown as written.' }),
    bodyHtml: Type.String({ description: 'Rendered and sanitised by the server; @mentions as links.' }),
    mentions: Type.Array(Id),
    createdAt: Timestamp,
    editedAt: Type.Union([Timestamp, Type.Null()]),
  },
  { additionalProperties: false },
);
export type Comment = Static<typeof Comment>;

export const CommentBody = Type.Object({
  body: Type.String({ minLength: 1, maxLength: commentLimits.bodyMax, pattern: '\\S' }),
});
export type CommentBody = Static<typeof CommentBody>;
export const CommentParams = Type.Object({ workspaceId: Id, taskId: Id, commentId: Id });

export const Attachment = Type.Object(
  {
    id: Id,
    taskId: Id,
    fileName: Type.String(),
    contentType: Type.String(),
    size: Type.Integer(),
    uploaderId: Type.Union([Id, Type.Null()]),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type Attachment = Static<typeof Attachment>;
export const AttachmentParams = Type.Object({ workspaceId: Id, taskId: Id, attachmentId: Id });

export const Notification = Type.Object(
  {
    id: Id,
    workspaceId: Id,
    kind: literalUnion(notificationKinds),
    taskId: Type.Union([Id, Type.Null()]),
    taskTitle: Type.String(),
    actorId: Type.Union([Id, Type.Null()]),
    actorName: Type.String(),
    excerpt: Type.String(),
    createdAt: Timestamp,
    readAt: Type.Union([Timestamp, Type.Null()]),
    /** What it is about when not a task: an SOP, a lesson or an onboarding plan. */
    subjectType: Type.Union(
      [
        literalUnion([
          'sop',
          'lesson',
          'onboarding_plan',
          'question',
          'meeting',
          'check_in',
          'mission',
          'insight_digest',
        ] as const),
        Type.Null(),
      ],
      {
        default: null,
      },
    ),
    subjectId: Type.Union([Id, Type.Null()], { default: null }),
    subjectTitle: Type.String({ default: '' }),
  },
  { additionalProperties: false },
);
export type Notification = Static<typeof Notification>;

export const NotificationPage = Type.Object(
  { items: Type.Array(Notification), unread: Type.Integer() },
  { additionalProperties: false },
);
export type NotificationPage = Static<typeof NotificationPage>;
export const NotificationParams = Type.Object({ workspaceId: Id, notificationId: Id });
/** `unread=true`: only what I have not read yet. */
export const NotificationListQuery = Type.Object({
  unread: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
});
export type NotificationListQuery = Static<typeof NotificationListQuery>;

const DeliveryModeSchema = literalUnion(deliveryModes);
/** Per event kind: at once (in-app, and e-mail when SMTP is set), in the daily digest, or not at all. */
export const NotificationPreferences = Type.Object(
  {
    assigned: DeliveryModeSchema,
    mentioned: DeliveryModeSchema,
    commented: DeliveryModeSchema,
    due_soon: DeliveryModeSchema,
    overdue: DeliveryModeSchema,
    review_requested: DeliveryModeSchema,
    review_decided: DeliveryModeSchema,
    level_proposal: DeliveryModeSchema,
    assistant_activity: DeliveryModeSchema,
    sop_review_due: DeliveryModeSchema,
    sop_acknowledge: DeliveryModeSchema,
    follow_up: DeliveryModeSchema,
    lesson: DeliveryModeSchema,
    question_asked: DeliveryModeSchema,
    question_answered: DeliveryModeSchema,
    question_waiting: DeliveryModeSchema,
    checkin_reminder: DeliveryModeSchema,
    meeting_summary: DeliveryModeSchema,
    nudge: DeliveryModeSchema,
    mission_assigned: DeliveryModeSchema,
    insights_digest: DeliveryModeSchema,
  },
  { additionalProperties: false },
);
export const UpdateNotificationPreferencesBody = Type.Partial(NotificationPreferences);
export type UpdateNotificationPreferencesBody = Partial<NotificationPreferences>;
export type NotificationPreferences = Record<NotificationKind, DeliveryMode>;

/** Live events carry ids only; clients refetch through the (authorized) REST routes. */
export interface LiveEvent {
  type: LiveEventType;
  taskId?: string;
  areaId?: string;
  version?: number;
}
