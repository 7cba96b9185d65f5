import { describe, expect, it } from 'vitest';
import { lessonKeys } from '../lessons/queries.ts';
import { onboardingKeys } from '../onboarding/queries.ts';
import { questionKeys } from '../questions/queries.ts';
import { sopKeys } from '../sops/queries.ts';
import { areaKeys, notificationKeys, taskKeys } from '../tasks/queries.ts';
import { backoffDelay, keysForEvent, parseLiveEvent } from './live-events.ts';

const ws = '00000000-0000-4000-8000-000000000001';
const task = '00000000-0000-4000-8000-000000000002';

describe('parseLiveEvent', () => {
  it('reads known events and their ids', () => {
    expect(
      parseLiveEvent('task.updated', JSON.stringify({ type: 'task.updated', taskId: task, version: 3 })),
    ).toEqual({
      type: 'task.updated',
      taskId: task,
      version: 3,
    });
    expect(parseLiveEvent('area.changed', '')).toEqual({ type: 'area.changed' });
  });

  it('drops unknown types and broken data', () => {
    expect(parseLiveEvent('ping', '{}')).toBeNull();
    expect(parseLiveEvent('task.updated', '{nope')).toBeNull();
    expect(parseLiveEvent('task.updated', '"text"')).toBeNull();
  });
});

describe('keysForEvent', () => {
  it('refreshes every task query, and the questions about tasks, on task events', () => {
    expect(keysForEvent(ws, { type: 'task.created', taskId: task })).toEqual([
      taskKeys.all(ws),
      questionKeys.all(ws),
    ]);
  });

  it('refreshes SOPs, onboarding plans and lessons together on knowledge events', () => {
    expect(keysForEvent(ws, { type: 'knowledge.changed', areaId: task })).toEqual([
      sopKeys.all(ws),
      onboardingKeys.all(ws),
      lessonKeys.all(ws),
    ]);
  });

  it('refreshes one task and the lists on comment and file events', () => {
    expect(keysForEvent(ws, { type: 'comment.created', taskId: task })).toEqual([
      taskKeys.detail(ws, task),
      taskKeys.lists(ws),
    ]);
    expect(keysForEvent(ws, { type: 'attachment.deleted' })).toEqual([taskKeys.all(ws)]);
  });

  it('refreshes areas and notifications on their events', () => {
    expect(keysForEvent(ws, { type: 'area.changed' })).toEqual([areaKeys.all(ws)]);
    expect(keysForEvent(ws, { type: 'notification.created' })).toEqual([notificationKeys.all(ws)]);
  });
});

describe('backoffDelay', () => {
  it('doubles from one second up to thirty, plus jitter', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, () => 0))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(backoffDelay(0, () => 1)).toBe(1200);
  });
});
