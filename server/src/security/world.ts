import { randomBytes } from 'node:crypto';
import type { User } from '@leeway/core';
import { sendInsightDigests } from '../modules/insights/insights.digest.ts';
import type { Harness, Res, TestClient } from '../test/harness.ts';
import { workspaceWith } from '../test/harness.ts';

/**
 * One seeded world for the security tests, built through the API like a real client would:
 * workspace A with an owner, an assistant inside area X, an assistant outside it and a spare
 * assistant (the one a member-removal request may remove), and workspace B whose owner plays
 * the stranger. Area X holds a row of every kind, so every path parameter has a real id.
 */

type Person = TestClient & { user: User };

export interface World {
  workspaceId: string;
  otherWorkspaceId: string;
  anonymous: TestClient;
  /** Owner of workspace B. */
  stranger: Person;
  /** Assistant of workspace A with no role in area X. */
  outsider: Person;
  /** Assistant of workspace A working in area X; the person of every seeded row. */
  insider: Person;
  owner: Person;
  spare: Person;
  /** Ids by path parameter: `segment/{param}` first (same name, other meaning), then `param`. */
  params: Record<string, string>;
  /** Ids of rows in area X or of its people: no outsider or stranger may ever see one. */
  areaSecrets: string[];
  /** Rows of workspace B by body field name (`areaId`, `taskId`, …): never valid in workspace A. */
  foreignIds: Record<string, string>;
  /** Every id of workspace A, its people included: the stranger may never see one. */
  workspaceSecrets: string[];
  url(path?: string): string;
}

function must<T>(res: Res<T>, what: string, status = [200, 201, 204]): T {
  if (!status.includes(res.status))
    throw new Error(`seeding ${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A multipart/form-data body with one file, the way a browser sends it. */
export function multipartFile(
  name: string,
  content: string,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----leeway${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
        `Content-Type: text/plain\r\n\r\n${content}\r\n--${boundary}--\r\n`,
    ),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(
  h: Harness,
  client: TestClient,
  url: string,
  name = 'notes.txt',
  content = 'hello',
) {
  if (!client.csrfToken) await client.refreshSession();
  const { payload, headers } = multipartFile(name, content);
  const res = await h.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { ...headers, cookie: client.cookieHeader(), 'x-csrf-token': client.csrfToken ?? '' },
  });
  return { status: res.statusCode, body: res.json() as unknown, headers: res.headers };
}

interface WithId {
  id: string;
}

export async function seedWorld(h: Harness): Promise<World> {
  const a = await workspaceWith(h, { assistants: 3, name: 'Workspace A' });
  const b = await workspaceWith(h, { name: 'Workspace B' });
  const [insider, outsider, spare] = a.assistants as [Person, Person, Person];
  const owner = a.owner;
  const stranger = b.owner;
  const ws = a.workspace.id;
  const url = (path = '') => `/api/v1/workspaces/${ws}${path}`;
  const anonymous = h.client();
  await anonymous.refreshSession();

  const area = must(
    await owner.post<WithId & { version: number }>(url('/areas'), {
      name: 'Area X',
      ownerId: owner.user.id,
      memberIds: [insider.user.id],
      guardrails: ['Ask before paying'],
    }),
    'area',
  );
  const task = must(
    await owner.post<WithId & { version: number }>(url('/tasks'), {
      title: 'Secret task in area X',
      areaId: area.id,
      assigneeId: insider.user.id,
      labels: ['secret-label'],
    }),
    'task',
  );
  const taskUrl = url(`/tasks/${task.id}`);
  const item = must(await owner.post<WithId>(`${taskUrl}/checklist`, { text: 'First step' }), 'checklist');
  const comment = must(
    await insider.post<WithId>(`${taskUrl}/comments`, { body: 'Secret comment' }),
    'comment',
  );
  const attachment = must(
    (await upload(h, insider, `${taskUrl}/attachments`, 'secret.txt')) as Res<WithId>,
    'attachment',
  );
  must(await insider.request('PUT', `${taskUrl}/follow`), 'follow');

  // A second task, submitted by the insider so it waits in review.
  const reviewed = must(
    await owner.post<WithId & { version: number }>(url('/tasks'), {
      title: 'Secret task under review',
      areaId: area.id,
      assigneeId: insider.user.id,
    }),
    'task 2',
  );
  must(
    await insider.post(url(`/tasks/${reviewed.id}/submit`), {
      version: reviewed.version,
      guardrailsTicked: [],
    }),
    'submit',
  );

  const sop = must(
    await owner.post<WithId>(url('/sops'), {
      areaId: area.id,
      title: 'Secret SOP',
      steps: [{ text: 'Do it', checkpoint: false }],
    }),
    'sop',
  );
  const sopDetail = must(
    await owner.get<{ draft?: { version: number } | null }>(url(`/sops/${sop.id}`)),
    'sop detail',
  );
  must(
    await owner.post(url(`/sops/${sop.id}/publish`), {
      draftVersion: sopDetail.draft?.version ?? 0,
      changelog: 'First',
      requiresReacknowledgement: false,
    }),
    'sop publish',
  );

  const lesson = must(
    await insider.post<WithId>(url('/lessons'), {
      title: 'Secret lesson',
      whatHappened: 'Something',
      severity: 3,
      areaId: area.id,
      taskId: task.id,
    }),
    'lesson',
  );
  const followUp = must(
    await owner.post<WithId>(url(`/lessons/${lesson.id}/follow-ups`), {
      kind: 'other',
      title: 'Secret follow-up',
      ownerId: insider.user.id,
    }),
    'follow-up',
  );

  const question = must(
    await insider.post<WithId>(url('/questions'), { body: 'Secret question?', taskId: task.id }),
    'question',
  );

  const meeting = must(
    await owner.post<WithId>(url('/meetings'), {
      title: 'Secret meeting',
      participantIds: [insider.user.id],
      startsAt: '2026-01-12T09:00:00.000Z',
      durationMin: 30,
      rrule: 'FREQ=WEEKLY',
      timeZone: 'Europe/Berlin',
    }),
    'meeting',
  );
  const start = '2026-01-12T09:00:00.000Z';
  const agendaItem = must(
    await owner.post<{ key: string }>(url(`/meetings/${meeting.id}/occurrences/${start}/agenda/items`), {
      title: 'Secret agenda item',
    }),
    'agenda item',
  );
  const pinned = must(
    await owner.post<WithId>(url(`/meetings/${meeting.id}/pinned`), { title: 'Secret pinned item' }),
    'pinned',
  );

  const goal = must(await owner.post<WithId>(url('/goals'), { title: 'Goal' }), 'goal');
  const mission = must(
    await owner.post<WithId>(url('/missions'), {
      goalId: goal.id,
      title: 'Secret mission',
      areaId: area.id,
      assigneeId: insider.user.id,
    }),
    'mission',
  );

  const onboardingTemplate = must(
    await owner.post<{ key: string; id?: string }>(url('/onboarding-templates'), {
      name: 'Own template',
      charter: { outcomes: [], workingHours: '', responseTimes: '', authorityNotes: '' },
      items: [{ kind: 'intro', title: 'Hello', dueDay: 1 }],
    }),
    'onboarding template',
  );
  const plan = must(
    await owner.post<WithId & { items: WithId[] }>(url('/onboarding-plans'), {
      assistantId: insider.user.id,
      templateKey: 'first_30_days',
      startsOn: '2026-01-05',
      areaIds: [area.id],
    }),
    'onboarding plan',
  );
  const planItem = plan.items[0];
  if (!planItem) throw new Error('seeding: the onboarding plan has no items');

  const proposal = must(
    await insider.post<WithId>(url('/proposals'), { areaId: area.id, to: 2, note: 'Secret request' }),
    'proposal',
  );
  const episodes = must(
    await owner.get<{ items?: WithId[] } | WithId[]>(url('/support-episodes')),
    'episodes',
  );
  const episodeList = Array.isArray(episodes) ? episodes : (episodes.items ?? []);
  const episode = episodeList[0];
  if (!episode) throw new Error('seeding: starting the plan opened no support episode');

  const template = must(
    await owner.post<WithId>(`${taskUrl}/save-as-template`, { name: 'Template' }),
    'task template',
  );
  const invitation = must(
    await owner.post<{ id?: string; invitation?: WithId }>(url('/invitations'), { role: 'assistant' }),
    'invitation',
  );
  const invitationId = invitation.invitation?.id ?? invitation.id;
  if (!invitationId) throw new Error(`seeding: no invitation id in ${JSON.stringify(invitation)}`);

  must(await insider.request('PUT', url('/check-ins/me'), checkInBody()), 'check-in');
  const feed = must(await insider.post<{ url: string | null }>(url('/calendar-feed')), 'calendar feed');
  const feedToken = feed.url?.split('/').pop() ?? '';

  const notifications = must(await insider.get<{ items: WithId[] }>(url('/notifications')), 'notifications');
  const notification = notifications.items[0];
  if (!notification) throw new Error('seeding: the insider has no notification');

  // A digest for the owner: the weekly job runs on Monday morning, when the clock starts.
  await sendInsightDigests(h.app.deps);
  const digest = await h.db.db
    .selectFrom('insight_digests')
    .select('id')
    .where('workspace_id', '=', ws)
    .where('user_id', '=', owner.user.id)
    .executeTakeFirst();

  // Workspace B's own rows, for requests to A that name them in a body.
  const urlB = (path: string) => `/api/v1/workspaces/${b.workspace.id}${path}`;
  const areaB = must(
    await stranger.post<WithId>(urlB('/areas'), { name: 'Area B', ownerId: stranger.user.id }),
    'area B',
  );
  const taskB = must(
    await stranger.post<WithId>(urlB('/tasks'), { title: 'Task B', areaId: areaB.id }),
    'task B',
  );
  const goalB = must(await stranger.post<WithId>(urlB('/goals'), { title: 'Goal B' }), 'goal B');
  const sopB = must(
    await stranger.post<WithId>(urlB('/sops'), {
      areaId: areaB.id,
      title: 'SOP B',
      steps: [{ text: 'Do it', checkpoint: false }],
    }),
    'sop B',
  );
  const foreignIds: Record<string, string> = {
    areaId: areaB.id,
    taskId: taskB.id,
    goalId: goalB.id,
    sopId: sopB.id,
    memberId: stranger.user.id,
    assigneeId: stranger.user.id,
    assistantId: stranger.user.id,
    ownerId: stranger.user.id,
    backupId: stranger.user.id,
    addresseeId: stranger.user.id,
    userId: stranger.user.id,
    participantId: stranger.user.id,
    principalId: stranger.user.id,
    afterTaskId: taskB.id,
  };

  const params: Record<string, string> = {
    workspaceId: ws,
    areaId: area.id,
    taskId: task.id,
    // Reviewing needs a task in review.
    'tasks/{taskId}/review$': reviewed.id,
    itemId: item.id,
    'onboarding-plans/{planId}/items/{itemId}': planItem.id,
    commentId: comment.id,
    attachmentId: attachment.id,
    notificationId: notification.id,
    templateId: template.id,
    'onboarding-templates/{templateId}': onboardingTemplate.id ?? onboardingTemplate.key,
    memberId: insider.user.id,
    userId: spare.user.id,
    invitationId,
    proposalId: proposal.id,
    episodeId: episode.id,
    sopId: sop.id,
    number: '1',
    planId: plan.id,
    lessonId: lesson.id,
    followUpId: followUp.id,
    questionId: question.id,
    meetingId: meeting.id,
    start,
    // Moving an occurrence: the second one, so the first keeps its agenda.
    'occurrences/{start}$': '2026-01-19T09:00:00.000Z',
    key: agendaItem.key,
    pinnedId: pinned.id,
    goalId: goal.id,
    missionId: mission.id,
    token: feedToken,
    ...(digest ? { digestId: digest.id } : {}),
  };
  const areaSecrets = [
    task.id,
    reviewed.id,
    item.id,
    comment.id,
    attachment.id,
    sop.id,
    lesson.id,
    followUp.id,
    question.id,
    meeting.id,
    pinned.id,
    mission.id,
    plan.id,
    planItem.id,
    proposal.id,
    episode.id,
    notification.id,
    // Goals and task templates show where their missions and areas are visible.
    goal.id,
    template.id,
    'Secret task',
    'Secret comment',
    'Secret SOP',
    'Secret lesson',
    'Secret question',
    'Secret meeting',
    'Secret mission',
    'Secret agenda item',
    'Secret request',
    'secret.txt',
    'secret-label',
  ];
  const workspaceSecrets = [
    ...areaSecrets,
    ws,
    area.id,
    invitationId,
    owner.user.id,
    insider.user.id,
    outsider.user.id,
    spare.user.id,
    'Workspace A',
    'Area X',
  ];
  return {
    workspaceId: ws,
    otherWorkspaceId: b.workspace.id,
    anonymous,
    stranger,
    outsider,
    insider,
    owner,
    spare,
    params,
    foreignIds,
    areaSecrets,
    workspaceSecrets,
    url,
  };
}

export function checkInBody() {
  return { done: 'Done', planned: 'Planned', blockers: '', autonomy: 4, discuss: false };
}
