import { type AutonomyLevel, type AutonomySettings, defaultAutonomySettings } from '@leeway/core';
import { expect, it } from 'vitest';
import { DAY, HOUR } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { describeEachDb, type Harness, workspaceWith } from '../../test/harness.ts';
import { createArea, createTask } from '../../test/task-factory.ts';
import { deleteTaskRow } from '../tasks/tasks.repository.ts';
import { findCheckpoint } from './autonomy.repository.ts';
import { replayCell } from './cell-replay.ts';

type Outcome = 'ok' | 'pref' | 'defect';

/** A small deterministic generator, so a failure replays the same history. */
function sequence(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

describeEachDb('the cell replay from a checkpoint', (h) => {
  async function scene(harness: Harness) {
    const { workspace, owner, assistants } = await workspaceWith(harness, { assistants: 1 });
    const [first] = assistants;
    if (!first) throw new Error('no assistant');
    const assistant = first;
    const area = await createArea(harness, {
      workspaceId: workspace.id,
      ownerId: owner.user.id,
      memberIds: [assistant.user.id],
    });
    const cell = { workspaceId: workspace.id, memberId: assistant.user.id, areaId: area.id };
    const levelSince = harness.clock.now().toISOString();
    const promotions: string[] = [];
    let settings: AutonomySettings = defaultAutonomySettings;

    /** A result reviewed now: a new task, its decision, and a second one after a change request. */
    async function review(outcome: Outcome, taskId?: string) {
      const id =
        taskId ?? (await createTask(harness, { workspaceId: workspace.id, creatorId: owner.user.id })).id;
      const now = harness.clock.now();
      await harness.db.db
        .insertInto('review_records')
        .values({
          id: newId(),
          workspace_id: workspace.id,
          task_id: id,
          member_id: assistant.user.id,
          area_id: area.id,
          reviewer_id: owner.user.id,
          phase: 'required',
          submitted_at: new Date(now.getTime() - HOUR).toISOString(),
          decided_at: now.toISOString(),
          outcome: outcome === 'ok' ? 'accepted' : 'changes_requested',
          tags: outcome === 'ok' ? '[]' : JSON.stringify([outcome === 'pref' ? 'preference' : 'defect']),
          note: '',
        })
        .execute();
      return id;
    }

    /** Replays with the checkpoint (storing one, as a submission does) and without; both must agree. */
    async function compare(level: AutonomyLevel = 3) {
      const input = { ...cell, settings, levelSince, promotions, level };
      const fast = await harness.db.db
        .transaction()
        .execute((trx) => replayCell(trx, harness.app.deps, input, { checkpoints: true }));
      const full = await replayCell(harness.db.db, harness.app.deps, input, { checkpoints: false });
      expect(fast.evidence).toEqual(full.evidence);
      expect(fast.sampling).toEqual(full.sampling);
      return fast;
    }

    return {
      cell,
      review,
      compare,
      promote: (at: string) => promotions.push(at),
      useSettings: (s: AutonomySettings) => {
        settings = s;
      },
    };
  }

  it('agrees with the whole replay while the history grows, and reads only what is newer', async () => {
    const s = await scene(h());
    const next = sequence(7);
    const ids: string[] = [];
    let resumedOnce = false;
    for (let i = 0; i < 260; i++) {
      h().clock.advance(6 * HOUR);
      const r = next();
      const outcome: Outcome = r < 0.12 ? 'defect' : r < 0.2 ? 'pref' : 'ok';
      ids.push(await s.review(outcome));
      // Now and then a reworked result is decided again a day later.
      if (outcome !== 'ok' && next() < 0.5) {
        h().clock.advance(DAY);
        await s.review('ok', ids[ids.length - 1]);
      }
      if (i % 20 === 19) {
        const replay = await s.compare();
        if (replay.resumed) {
          resumedOnce = true;
          // Not the whole history: the last week's results (some 30 here) and fewer than 100
          // settled ones since the checkpoint moved on.
          expect(replay.folded).toBeLessThan(150);
        }
      }
      if (i === 150) s.promote(h().clock.now().toISOString());
    }
    expect(resumedOnce).toBe(true);
    expect(await findCheckpoint(h().db.db, s.cell.workspaceId, s.cell.memberId, s.cell.areaId)).toBeDefined();
  });

  it('starts afresh when the older history changes: a late decision, a deleted task, other rules', async () => {
    const s = await scene(h());
    const ids: string[] = [];
    for (let i = 0; i < 150; i++) {
      h().clock.advance(8 * HOUR);
      ids.push(await s.review(i % 9 === 4 ? 'defect' : 'ok'));
    }
    expect((await s.compare()).folded).toBe(150);
    expect((await s.compare()).resumed).toBe(true);

    // A task the checkpoint counted is decided again: its result changes inside the checkpoint.
    h().clock.advance(HOUR);
    await s.review('defect', ids[3]);
    const afterLate = await s.compare();
    expect(afterLate.resumed).toBe(false);

    // A task in the checkpoint is deleted with its records.
    expect((await s.compare()).resumed).toBe(true);
    await deleteTaskRow(h().db.db, s.cell.workspaceId, ids[10] as string);
    expect(
      await findCheckpoint(h().db.db, s.cell.workspaceId, s.cell.memberId, s.cell.areaId),
    ).toBeUndefined();
    expect((await s.compare()).resumed).toBe(false);

    // Other tightening rules: the stored fold does not apply.
    s.useSettings({
      ...defaultAutonomySettings,
      tightening: { ...defaultAutonomySettings.tightening, window: 4 },
    });
    expect((await s.compare()).resumed).toBe(false);
    expect((await s.compare()).resumed).toBe(true);

    // A promotion dated inside the checkpoint (a clock that ran behind on another node).
    s.promote(new Date(h().clock.now().getTime() - 30 * DAY).toISOString());
    expect((await s.compare()).resumed).toBe(false);
  });

  it('leaves a recent change request out of the checkpoint, so its rework does not drop it', async () => {
    const s = await scene(h());
    for (let i = 0; i < 80; i++) {
      h().clock.advance(HOUR);
      await s.review('ok');
    }
    h().clock.advance(HOUR);
    const reworked = await s.review('defect');
    for (let i = 0; i < 5; i++) {
      h().clock.advance(HOUR);
      await s.review('ok');
    }
    await s.compare();
    h().clock.advance(DAY);
    await s.review('ok', reworked);
    const after = await s.compare();
    expect(after.resumed).toBe(true);
    // The reworked result and the ones after it: not the 80 before.
    expect(after.folded).toBe(6);
  });

  it('counts a decision that arrives dated a little in the past (a late commit, a clock behind)', async () => {
    const s = await scene(h());
    for (let i = 0; i < 120; i++) {
      h().clock.advance(10 * 60_000);
      await s.review('ok');
    }
    await s.compare();
    // Stored up to an hour before now: a record dated 20 minutes back lands after it.
    const now = h().clock.now();
    h().clock.set(new Date(now.getTime() - 20 * 60_000));
    await s.review('defect');
    h().clock.set(now);
    const after = await s.compare();
    expect(after.resumed).toBe(true);
  });

  it('keeps the checkpoint across a level change after it, counting evidence from the new level', async () => {
    const s = await scene(h());
    for (let i = 0; i < 130; i++) {
      h().clock.advance(8 * HOUR);
      await s.review(i % 7 === 2 ? 'pref' : 'ok');
    }
    await s.compare();
    h().clock.advance(HOUR);
    s.promote(h().clock.now().toISOString());
    const input = {
      ...s.cell,
      settings: defaultAutonomySettings,
      levelSince: h().clock.now().toISOString(),
      promotions: [h().clock.now().toISOString()],
      level: 4 as AutonomyLevel,
    };
    h().clock.advance(HOUR);
    await s.review('ok');
    const fast = await replayCell(h().db.db, h().app.deps, input);
    const full = await replayCell(h().db.db, h().app.deps, input, { checkpoints: false });
    expect(fast.resumed).toBe(true);
    expect(fast.evidence).toEqual(full.evidence);
    expect(fast.sampling).toEqual(full.sampling);
    expect(fast.evidence.reviewedResults).toBe(1);
  });
});
