import type { Area, CreateAreaBody, CreateTaskBody, Task, User, Workspace } from '@leeway/core';
import type { BusMessage } from '../../events/bus.ts';
import { type Harness, type TestClient, workspaceWith } from '../../test/harness.ts';

/**
 * Test factories for areas and tasks that go through the API, so every row is what a real
 * client would have produced.
 */

type Client = TestClient & { user: User };

export function idOf(client: TestClient): string {
  if (!client.user) throw new Error('client is not signed in');
  return client.user.id;
}

export async function makeArea(
  client: TestClient,
  workspaceId: string,
  body: Partial<CreateAreaBody> & { ownerId: string },
): Promise<Area> {
  const res = await client.post<Area>(`/api/v1/workspaces/${workspaceId}/areas`, {
    name: 'Bookkeeping',
    ...body,
  });
  if (res.status !== 201) throw new Error(`area create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function makeTask(
  client: TestClient,
  workspaceId: string,
  body: Partial<CreateTaskBody> = {},
): Promise<Task> {
  const res = await client.post<Task>(`/api/v1/workspaces/${workspaceId}/tasks`, {
    title: 'Pay the invoices',
    ...body,
  });
  if (res.status !== 201) throw new Error(`task create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface Team {
  workspace: Workspace;
  owner: Client;
  /** An assistant contributing to `area`. */
  member: Client;
  /** An assistant with no role in `area`. */
  outsider: Client;
  area: Area;
  /** `/api/v1/workspaces/<id>` + path. */
  url(path?: string): string;
}

/** A workspace with an owner, an area owned by the owner, one assistant in it and one outside it. */
export async function team(
  h: Harness,
  options: { assistants?: number } = {},
): Promise<Team & { assistants: Client[] }> {
  const { workspace, owner, assistants } = await workspaceWith(h, {
    assistants: Math.max(2, options.assistants ?? 2),
  });
  const [member, outsider] = assistants as [Client, Client];
  const area = await makeArea(owner, workspace.id, {
    ownerId: idOf(owner as Client),
    memberIds: [idOf(member)],
  });
  return {
    workspace,
    owner: owner as Client,
    member,
    outsider,
    assistants,
    area,
    url: (path = '') => `/api/v1/workspaces/${workspace.id}${path}`,
  };
}

/** Every row the area and task routes could write, in a stable order, to compare before and after. */
export async function snapshot(h: Harness) {
  const { db } = h.db;
  return {
    areas: await db.selectFrom('areas').selectAll().orderBy('id').execute(),
    areaMembers: await db
      .selectFrom('area_members')
      .selectAll()
      .orderBy('area_id')
      .orderBy('user_id')
      .execute(),
    tasks: await db.selectFrom('tasks').selectAll().orderBy('id').execute(),
    labels: await db.selectFrom('task_labels').selectAll().orderBy('task_id').orderBy('label').execute(),
    checklist: await db.selectFrom('checklist_items').selectAll().orderBy('id').execute(),
    events: await db.selectFrom('task_events').selectAll().orderBy('id').execute(),
    followers: await db
      .selectFrom('task_followers')
      .selectAll()
      .orderBy('task_id')
      .orderBy('user_id')
      .execute(),
    notifications: await db.selectFrom('notifications').selectAll().orderBy('id').execute(),
    series: await db.selectFrom('task_series').selectAll().orderBy('id').execute(),
  };
}

/** Collects what the event bus publishes for a workspace until `stop` is called. */
export function listen(h: Harness, workspaceId: string): { messages: BusMessage[]; stop(): void } {
  const messages: BusMessage[] = [];
  const stop = h.app.deps.events.subscribe(workspaceId, (m) => messages.push(m));
  return { messages, stop };
}

export const BAD_IDS = ['not-a-uuid', '1234', '0000000-0000-0000-0000-00000000000z', `${'a'.repeat(36)}0`];
export const MISSING_ID = '00000000-0000-4000-8000-000000000000';
