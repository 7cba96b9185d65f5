import {
  AppError,
  type CheckIn,
  type CheckInListQuery,
  type CheckInReminderBody,
  checkCheckIn,
  checkCheckInReminder,
  checkInWeek,
  type MyCheckIn,
  nextCheckInReminder,
  type SubmitCheckInBody,
} from '@leeway/core';
import type { MemberCtx } from '../../context.ts';
import { fromDbBool } from '../../db/database.ts';
import { newId } from '../../lib/ids.ts';
import { sopProblemsError } from '../sops/sops.service.ts';
import {
  type CheckInWithName,
  deleteReminder,
  findCheckIn,
  findReminder,
  listCheckIns as listCheckInRows,
  type ReminderRow,
  upsertCheckIn,
  upsertReminder,
} from './checkins.repository.ts';

const onlyAssistants = () =>
  new AppError('forbidden', 'Weekly check-ins are for assistants; owners read them.');

function toCheckIn(row: CheckInWithName): CheckIn {
  return {
    id: row.id,
    memberId: row.member_id,
    memberName: row.member_name,
    week: row.week,
    done: row.done,
    planned: row.planned,
    blockers: row.blockers,
    autonomy: row.autonomy,
    discuss: fromDbBool(row.discuss),
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
  };
}

function toReminder(row: ReminderRow | undefined): MyCheckIn['reminder'] {
  if (!row) return null;
  return {
    weekday: row.weekday,
    time: row.time,
    timeZone: row.time_zone,
    enabled: fromDbBool(row.enabled),
    nextAt: row.next_at,
  };
}

/** Owners read every member's check-ins, newest first; an assistant only their own. */
export async function listCheckIns(ctx: MemberCtx, query: CheckInListQuery): Promise<CheckIn[]> {
  const isOwner = ctx.membership.role === 'owner';
  if (!isOwner && query.memberId !== undefined && query.memberId !== ctx.user.id) return [];
  const rows = await listCheckInRows(ctx.deps.db, ctx.membership.workspaceId, {
    ...(isOwner
      ? query.memberId !== undefined
        ? { memberId: query.memberId }
        : {}
      : { memberId: ctx.user.id }),
    ...(query.week !== undefined ? { week: query.week } : {}),
  });
  return rows.map(toCheckIn);
}

/** The caller's week (their ISO week in their own zone), its check-in and their reminder. */
export async function myCheckIn(ctx: MemberCtx): Promise<MyCheckIn> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const week = checkInWeek(clock.now().toISOString(), ctx.user.timeZone);
  const [current, reminder] = await Promise.all([
    findCheckIn(db, workspaceId, ctx.user.id, week),
    findReminder(db, workspaceId, ctx.user.id),
  ]);
  return { week, current: current ? toCheckIn(current) : null, reminder: toReminder(reminder) };
}

/**
 * An assistant submits this week's check-in, or replaces it: one per member, workspace and
 * week, kept by the unique key even when two submissions race.
 */
export async function submitCheckIn(ctx: MemberCtx, input: SubmitCheckInBody): Promise<CheckIn> {
  if (ctx.membership.role !== 'assistant') throw onlyAssistants();
  const checked = checkCheckIn({ ...input });
  if (!checked.ok) throw sopProblemsError(checked.problems);
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const at = clock.now().toISOString();
  const week = checkInWeek(at, ctx.user.timeZone);
  const value = checked.value;
  await upsertCheckIn(db, {
    id: newId(),
    workspace_id: workspaceId,
    member_id: ctx.user.id,
    week,
    done: value.done,
    planned: value.planned,
    blockers: value.blockers,
    autonomy: value.autonomy,
    discuss: value.discuss ? 1 : 0,
    submitted_at: at,
    updated_at: at,
  });
  const row = await findCheckIn(db, workspaceId, ctx.user.id, week);
  if (!row) throw new Error('check-in vanished after upsert');
  return toCheckIn(row);
}

/** An assistant picks when to be reminded each week; the next time is computed in their zone. */
export async function setReminder(ctx: MemberCtx, input: CheckInReminderBody): Promise<MyCheckIn> {
  if (ctx.membership.role !== 'assistant') throw onlyAssistants();
  const checked = checkCheckInReminder({ ...input });
  if (!checked.ok) throw sopProblemsError(checked.problems);
  const now = ctx.deps.clock.now().toISOString();
  await upsertReminder(ctx.deps.db, {
    workspace_id: ctx.membership.workspaceId,
    member_id: ctx.user.id,
    weekday: checked.value.weekday,
    time: checked.value.time,
    time_zone: checked.value.timeZone,
    enabled: input.enabled ? 1 : 0,
    next_at: input.enabled ? nextCheckInReminder(checked.value, now) : null,
  });
  return myCheckIn(ctx);
}

export async function removeReminder(ctx: MemberCtx): Promise<void> {
  await deleteReminder(ctx.deps.db, ctx.membership.workspaceId, ctx.user.id);
}
