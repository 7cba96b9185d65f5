import { expect, it } from 'vitest';
import { newId } from '../../lib/ids.ts';
import { describeEachDb, workspaceWith } from '../../test/harness.ts';
import { insertNotificationUnlessOff, type OneNotification } from './notifications.repository.ts';

describeEachDb('one notification in one statement', (h) => {
  async function scene() {
    const { workspace, owner, assistants } = await workspaceWith(h(), { assistants: 1 });
    const assistant = assistants[0];
    if (!assistant) throw new Error('no assistant');
    const base: Omit<OneNotification, 'id'> = {
      workspaceId: workspace.id,
      userId: assistant.user.id,
      kind: 'mentioned',
      taskId: null,
      actorId: owner.user.id,
      excerpt: 'Hello',
      delivery: null,
      defaultMode: 'immediate',
      createdAt: h().clock.now().toISOString(),
      subjectType: null,
      subjectId: null,
    };
    const send = async (overrides: Partial<OneNotification> = {}) => {
      const id = newId();
      const inserted = await insertNotificationUnlessOff(h().db.db, { ...base, id, ...overrides });
      const row = await h()
        .db.db.selectFrom('notifications')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return { inserted, row };
    };
    const prefer = (mode: string) =>
      assistant.patch('/api/v1/me/notification-preferences', { mentioned: mode });
    return { send, prefer, base };
  }

  it('applies the recipient’s preference, the default without one, and the sender’s override', async () => {
    const { send, prefer, base } = await scene();
    const plain = await send();
    expect(plain.inserted).toBe(true);
    expect(plain.row).toMatchObject({
      user_id: base.userId,
      kind: 'mentioned',
      delivery: 'immediate',
      excerpt: 'Hello',
      read_at: null,
      emailed_at: null,
      subject_type: null,
    });
    expect(new Date(String(plain.row?.created_at)).toISOString()).toBe(base.createdAt);

    await prefer('digest');
    expect((await send()).row?.delivery).toBe('digest');
    // The ladder's weekly cadence wins over the recipient's daily digest.
    expect((await send({ delivery: 'weekly' })).row?.delivery).toBe('weekly');
  });

  it('adds nothing when the recipient turned the kind off, whatever the sender asks for', async () => {
    const { send, prefer } = await scene();
    await prefer('off');
    expect(await send()).toEqual({ inserted: false, row: undefined });
    expect(await send({ delivery: 'digest' })).toEqual({ inserted: false, row: undefined });
    // Their own choice wins over the default for the kind.
    await prefer('immediate');
    expect((await send({ defaultMode: 'digest' })).row?.delivery).toBe('immediate');
  });
});
