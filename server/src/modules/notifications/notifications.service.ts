import type { DeliveryMode, NotificationKind } from '@leeway/core';
import type { Transaction } from 'kysely';
import type { Deps } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';

/** Defaults when a person has not chosen: everything at once. */
export const defaultDelivery: Record<NotificationKind, DeliveryMode> = {
  assigned: 'immediate',
  mentioned: 'immediate',
  commented: 'immediate',
  due_soon: 'immediate',
  overdue: 'immediate',
};

export interface NotifyInput {
  workspaceId: string;
  kind: NotificationKind;
  recipientIds: string[];
  taskId: string | null;
  actorId: string | null;
  excerpt: string;
}

/**
 * Records a notification for each recipient who wants this kind (the actor is never told
 * about their own action), in the caller's transaction. Returns who got one, so the caller
 * can publish `notification.created` to them after commit. E-mail is not sent here: the
 * mail job picks up undelivered rows, so a crash between commit and send loses nothing.
 * Callers pass only recipients who may see the task.
 */
export async function notify(trx: Transaction<Database>, deps: Deps, input: NotifyInput): Promise<string[]> {
  const recipients = [...new Set(input.recipientIds)].filter((id) => id !== input.actorId);
  if (recipients.length === 0) return [];
  const prefs = await trx
    .selectFrom('notification_preferences')
    .select(['user_id', 'mode'])
    .where('kind', '=', input.kind)
    .where('user_id', 'in', recipients)
    .execute();
  const modeOf = new Map(prefs.map((p) => [p.user_id, p.mode]));
  const now = deps.clock.now().toISOString();
  const told: string[] = [];
  for (const userId of recipients) {
    const mode = modeOf.get(userId) ?? defaultDelivery[input.kind];
    if (mode === 'off') continue;
    await trx
      .insertInto('notifications')
      .values({
        id: newId(),
        workspace_id: input.workspaceId,
        user_id: userId,
        kind: input.kind,
        task_id: input.taskId,
        actor_id: input.actorId,
        excerpt: input.excerpt,
        delivery: mode,
        emailed_at: null,
        created_at: now,
        read_at: null,
      })
      .execute();
    told.push(userId);
  }
  return told;
}
