import {
  AppError,
  type Area,
  type CreateAreaBody,
  type FieldIssue,
  type RiskClass,
  type UpdateAreaBody,
} from '@leeway/core';
import type { Transaction } from 'kysely';
import type { MemberCtx } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { newId } from '../../lib/ids.ts';
import {
  type AreaPatch,
  type AreaRow,
  contributorsOf,
  findArea,
  insertArea,
  listAreas as listAreaRows,
  memberIdsAmong,
  parseGuardrails,
  replaceContributors,
  updateAreaIfVersion,
} from './areas.repository.ts';

export function toArea(row: AreaRow, memberIds: string[]): Area {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    ownerId: row.owner_id,
    backupId: row.backup_id,
    riskClass: row.risk_class,
    guardrails: parseGuardrails(row.guardrails),
    maxLevel: row.max_level,
    memberIds,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

const areaNotFound = () => new AppError('not_found', 'Area not found.');

function invalid(fields: FieldIssue[]): AppError {
  const first = fields[0];
  return new AppError(
    'validation_failed',
    first ? `Invalid body: ${first.field} ${first.message}` : 'Invalid body',
    { fields },
  );
}

/** Guardrails are plain sentences: trimmed, blank ones dropped, each once. */
function cleanGuardrails(list: string[]): string[] {
  return [...new Set(list.map((g) => g.trim()).filter((g) => g.length > 0))];
}

/** High-risk areas cap at level 4 unless an owner raises it (DESIGN §4). */
function defaultMaxLevel(risk: RiskClass): number {
  return risk === 'high' ? 4 : 5;
}

interface People {
  ownerId: string;
  backupId: string | null;
  memberIds: string[];
}

/**
 * Checks that every person named for an area is a member of this workspace; ids the area
 * already holds (`keep`) pass unchanged, so renaming an area whose owner left still works.
 * One foreign id fails the whole request, naming its field.
 */
async function checkPeople(
  trx: Transaction<Database>,
  workspaceId: string,
  next: People,
  keep: { ownerId: string | null; backupId: string | null; memberIds: ReadonlySet<string> },
): Promise<void> {
  const toCheck = [
    ...(next.ownerId !== keep.ownerId ? [next.ownerId] : []),
    ...(next.backupId !== null && next.backupId !== keep.backupId ? [next.backupId] : []),
    ...next.memberIds.filter((id) => !keep.memberIds.has(id)),
  ];
  const members = await memberIdsAmong(trx, workspaceId, toCheck);
  const issues: FieldIssue[] = [];
  if (next.ownerId !== keep.ownerId && !members.has(next.ownerId)) {
    issues.push({ field: 'ownerId', message: 'is not a member of this workspace' });
  }
  if (next.backupId !== null && next.backupId !== keep.backupId && !members.has(next.backupId)) {
    issues.push({ field: 'backupId', message: 'is not a member of this workspace' });
  }
  if (next.backupId !== null && next.backupId === next.ownerId) {
    issues.push({ field: 'backupId', message: 'must be someone other than the owner' });
  }
  const foreign = next.memberIds.findIndex((id) => !keep.memberIds.has(id) && !members.has(id));
  if (foreign >= 0) {
    issues.push({ field: `memberIds/${foreign}`, message: 'is not a member of this workspace' });
  }
  if (issues.length > 0) throw invalid(issues);
}

/** Contributors are the people besides owner and backup, each once, in a stable order. */
function contributors(memberIds: string[], ownerId: string, backupId: string | null): string[] {
  return [...new Set(memberIds)].filter((id) => id !== ownerId && id !== backupId).sort();
}

async function loadArea(db: MemberCtx['deps']['db'], workspaceId: string, areaId: string): Promise<Area> {
  const row = await findArea(db, workspaceId, areaId);
  if (!row) throw areaNotFound();
  const members = await contributorsOf(db, workspaceId, [row.id]);
  return toArea(row, members.get(row.id) ?? []);
}

function publishChanged(after: AfterCommit, workspaceId: string, areaId: string): void {
  // Every member's board and matrix show areas, and an area's people decide what assistants
  // see: every stream hears of it (and reloads who sees what).
  after.publish({ workspaceId, event: { type: 'area.changed', areaId } });
}

/** Every member sees the areas (the responsibility matrix is for everyone); archived ones on request. */
export async function listAreas(ctx: MemberCtx, input: { includeArchived: boolean }): Promise<Area[]> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const rows = await listAreaRows(db, workspaceId, input.includeArchived);
  const members = await contributorsOf(
    db,
    workspaceId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toArea(row, members.get(row.id) ?? []));
}

export function getArea(ctx: MemberCtx, areaId: string): Promise<Area> {
  return loadArea(ctx.deps.db, ctx.membership.workspaceId, areaId);
}

/** Creates an area (owners only, enforced by the route's access level). */
export async function createArea(ctx: MemberCtx, input: CreateAreaBody): Promise<Area> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const now = clock.now().toISOString();
  const riskClass = input.riskClass ?? 'medium';
  const people: People = {
    ownerId: input.ownerId,
    backupId: input.backupId ?? null,
    memberIds: input.memberIds ?? [],
  };
  const row: AreaRow = {
    id: newId(),
    workspace_id: workspaceId,
    name: input.name.trim(),
    description: (input.description ?? '').trim(),
    owner_id: people.ownerId,
    backup_id: people.backupId,
    risk_class: riskClass,
    guardrails: JSON.stringify(cleanGuardrails(input.guardrails ?? [])),
    max_level: input.maxLevel ?? defaultMaxLevel(riskClass),
    archived_at: null,
    created_at: now,
    updated_at: now,
    version: 0,
  };
  const after = new AfterCommit();
  const memberIds = contributors(people.memberIds, people.ownerId, people.backupId);
  await db.transaction().execute(async (trx) => {
    await checkPeople(trx, workspaceId, people, { ownerId: null, backupId: null, memberIds: new Set() });
    await insertArea(trx, row);
    await replaceContributors(trx, workspaceId, row.id, memberIds, now);
    publishChanged(after, workspaceId, row.id);
  });
  after.flush(ctx.deps);
  return toArea(row, memberIds);
}

class StaleVersion extends Error {}

async function conflictOrMissing(ctx: MemberCtx, areaId: string): Promise<AppError> {
  const current = await findArea(ctx.deps.db, ctx.membership.workspaceId, areaId);
  if (!current) return areaNotFound();
  return new AppError('conflict', 'Someone else changed this area in the meantime.', {
    current: await loadArea(ctx.deps.db, ctx.membership.workspaceId, areaId),
  });
}

/**
 * Edits an area. The edit names the version it was based on; a stale one changes nothing
 * and answers `conflict` with the current area.
 */
export async function updateArea(ctx: MemberCtx, areaId: string, input: UpdateAreaBody): Promise<Area> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const now = clock.now().toISOString();
  const after = new AfterCommit();
  try {
    const area = await db.transaction().execute(async (trx) => {
      const current = await findArea(trx, workspaceId, areaId);
      if (!current) throw areaNotFound();
      const currentMembers = (await contributorsOf(trx, workspaceId, [areaId])).get(areaId) ?? [];
      const peopleChange =
        input.ownerId !== undefined || input.backupId !== undefined || input.memberIds !== undefined;
      const next: People = {
        ownerId: input.ownerId ?? current.owner_id,
        backupId: input.backupId !== undefined ? input.backupId : current.backup_id,
        memberIds: input.memberIds ?? currentMembers,
      };
      if (peopleChange) {
        await checkPeople(trx, workspaceId, next, {
          ownerId: current.owner_id,
          backupId: current.backup_id,
          memberIds: new Set(currentMembers),
        });
      }
      const patch: AreaPatch = { updated_at: now };
      if (input.name !== undefined) patch.name = input.name.trim();
      if (input.description !== undefined) patch.description = input.description.trim();
      if (input.ownerId !== undefined) patch.owner_id = input.ownerId;
      if (input.backupId !== undefined) patch.backup_id = input.backupId;
      if (input.riskClass !== undefined) patch.risk_class = input.riskClass;
      if (input.guardrails !== undefined)
        patch.guardrails = JSON.stringify(cleanGuardrails(input.guardrails));
      if (input.maxLevel !== undefined) patch.max_level = input.maxLevel;
      const updated = await updateAreaIfVersion(trx, workspaceId, areaId, input.version, patch);
      if (!updated) throw new StaleVersion();
      let memberIds = currentMembers;
      if (peopleChange) {
        memberIds = contributors(next.memberIds, next.ownerId, next.backupId);
        await replaceContributors(trx, workspaceId, areaId, memberIds, now);
      }
      publishChanged(after, workspaceId, areaId);
      return toArea(updated, memberIds);
    });
    after.flush(ctx.deps);
    return area;
  } catch (err) {
    if (err instanceof StaleVersion) throw await conflictOrMissing(ctx, areaId);
    throw err;
  }
}

/**
 * Archives (or restores) an area: it keeps its tasks and people, but accepts no new tasks.
 * Doing it twice is harmless and changes nothing the second time.
 */
export async function setArchived(ctx: MemberCtx, areaId: string, archived: boolean): Promise<Area> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const now = clock.now().toISOString();
  const after = new AfterCommit();
  await db
    .transaction()
    .execute(async (trx) => {
      const current = await findArea(trx, workspaceId, areaId);
      if (!current) throw areaNotFound();
      if ((current.archived_at !== null) === archived) return;
      const updated = await updateAreaIfVersion(trx, workspaceId, areaId, current.version, {
        archived_at: archived ? now : null,
        updated_at: now,
      });
      // Only a concurrent edit between the read and the write gets here; the client retries.
      if (!updated) throw new StaleVersion();
      publishChanged(after, workspaceId, areaId);
    })
    .catch(async (err: unknown) => {
      if (err instanceof StaleVersion) throw await conflictOrMissing(ctx, areaId);
      throw err;
    });
  after.flush(ctx.deps);
  return loadArea(db, workspaceId, areaId);
}
