import type { MeetingSeries } from '@leeway/core';
import { newId } from '../../lib/ids.ts';
import type { Harness, TestClient } from '../../test/harness.ts';

/** Test factories for meetings and for the agenda sources other modules own (rows inserted directly). */

export async function makeMeeting(
  client: TestClient,
  workspaceId: string,
  body: Record<string, unknown>,
): Promise<MeetingSeries> {
  const res = await client.post<MeetingSeries>(`/api/v1/workspaces/${workspaceId}/meetings`, {
    title: 'Weekly sync',
    rrule: 'FREQ=WEEKLY;BYDAY=MO',
    timeZone: 'Europe/Berlin',
    durationMin: 60,
    ...body,
  });
  if (res.status !== 201) throw new Error(`meeting create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function insertQuestion(
  h: Harness,
  row: { workspaceId: string; askerId: string; body: string; createdAt: string; taskId?: string | null },
): Promise<string> {
  const id = newId();
  await h.db.db
    .insertInto('questions')
    .values({
      id,
      workspace_id: row.workspaceId,
      task_id: row.taskId ?? null,
      asker_id: row.askerId,
      addressee_id: null,
      body: row.body,
      body_html: `<p>${row.body}</p>`,
      answer: null,
      answer_html: null,
      answered_by: null,
      answered_at: null,
      blocked_task: 0,
      waiting_notified_at: null,
      version: 1,
      created_at: row.createdAt,
      updated_at: row.createdAt,
    })
    .execute();
  return id;
}

export async function insertProposal(
  h: Harness,
  row: { workspaceId: string; memberId: string; areaId: string; createdAt: string },
): Promise<string> {
  const id = newId();
  await h.db.db
    .insertInto('proposals')
    .values({
      id,
      workspace_id: row.workspaceId,
      member_id: row.memberId,
      area_id: row.areaId,
      from_level: 1,
      to_level: 2,
      kind: 'auto_promotion',
      status: 'pending',
      evidence: '{}',
      explanation: null,
      note: '',
      decided_by: null,
      decision_reason: null,
      created_at: row.createdAt,
      decided_at: null,
    })
    .execute();
  return id;
}

export async function insertEpisode(
  h: Harness,
  row: { workspaceId: string; memberId: string; areaId: string; startsAt: string; plannedEndAt: string },
): Promise<string> {
  const id = newId();
  await h.db.db
    .insertInto('support_episodes')
    .values({
      id,
      workspace_id: row.workspaceId,
      member_id: row.memberId,
      area_id: row.areaId,
      reason: 'onboarding',
      cap_level: 1,
      note: '',
      started_by: null,
      starts_at: row.startsAt,
      planned_end_at: row.plannedEndAt,
      ended_at: null,
      extensions: '[]',
      created_at: row.startsAt,
    })
    .execute();
  return id;
}

export async function insertLesson(
  h: Harness,
  row: { workspaceId: string; authorId: string; areaId: string | null; title: string; createdAt: string },
): Promise<string> {
  const id = newId();
  await h.db.db
    .insertInto('lessons')
    .values({
      id,
      workspace_id: row.workspaceId,
      title: row.title,
      what_happened: 'It happened.',
      impact: '',
      severity: 3,
      went_well: '',
      learned: '',
      task_id: null,
      area_id: row.areaId,
      sop_id: null,
      author_id: row.authorId,
      version: 1,
      created_at: row.createdAt,
      updated_at: row.createdAt,
    })
    .execute();
  return id;
}

export async function insertFollowUp(
  h: Harness,
  row: {
    workspaceId: string;
    lessonId: string;
    ownerId: string;
    title: string;
    dueAt: string;
    createdAt: string;
  },
): Promise<string> {
  const id = newId();
  await h.db.db
    .insertInto('lesson_follow_ups')
    .values({
      id,
      workspace_id: row.workspaceId,
      lesson_id: row.lessonId,
      kind: 'other',
      title: row.title,
      owner_id: row.ownerId,
      due_at: row.dueAt,
      status: 'open',
      sop_id: null,
      sop_version_id: null,
      done_at: null,
      done_by: null,
      overdue_notified_at: null,
      created_at: row.createdAt,
    })
    .execute();
  return id;
}

export async function insertCheckIn(
  h: Harness,
  row: { workspaceId: string; memberId: string; blockers: string; discuss: boolean; submittedAt: string },
): Promise<string> {
  const id = newId();
  await h.db.db
    .insertInto('check_ins')
    .values({
      id,
      workspace_id: row.workspaceId,
      member_id: row.memberId,
      week: '2026-W22',
      done: 'Things',
      planned: 'More things',
      blockers: row.blockers,
      autonomy: 3,
      discuss: row.discuss ? 1 : 0,
      submitted_at: row.submittedAt,
      updated_at: row.submittedAt,
    })
    .execute();
  return id;
}
