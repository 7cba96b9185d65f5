import {
  type AcknowledgeSopBody,
  AppError,
  acknowledgementState,
  type CreateSopBody,
  canEditSop,
  checkSopDraft,
  diffSteps,
  diffWords,
  nextVersionNumber,
  type PublishSopBody,
  type Role,
  reviewDue,
  type SaveSopDraftBody,
  type SopDetail,
  type SopDiff,
  type SopDiffQuery,
  type SopListQuery,
  type SopProblem,
  type SopStep,
  type SopStepView,
  type SopSummary,
  type SopVersionView,
  sopLimits,
  type Task,
  type UpdateSopBody,
  type UseSopBody,
} from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { Deps, MemberCtx } from '../../context.ts';
import { isUniqueViolation } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { newId } from '../../lib/ids.ts';
import { plainExcerpt, renderMarkdown } from '../../lib/markdown.ts';
import { type AreaRow, findArea, memberIdsAmong } from '../areas/areas.repository.ts';
import { levelOf } from '../autonomy/autonomy.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { onSopAcknowledged } from '../onboarding/onboarding.hooks.ts';
import { insertChecklistItems, listChecklistRows } from '../tasks/checklist.repository.ts';
import { recordTaskEvent } from '../tasks/history.repository.ts';
import { findVisibleTaskRow, POSITION_STEP, updateTaskIfVersion } from '../tasks/tasks.repository.ts';
import { publishTaskEvent, toTask } from '../tasks/tasks.service.ts';
import { areaIdsOf, taskNotFound, viewerOf } from '../tasks/visibility.ts';
import { resolveSopForTask, sopChecklistRows } from './sops.pin.ts';
import {
  areaPeople,
  closeFollowUpsFor,
  deleteDraftIfVersion,
  deleteSop as deleteSopRows,
  findDraft,
  findSop,
  findVersionByNumber,
  insertAcknowledgement,
  insertSop,
  insertVersion,
  listAcknowledgements,
  listPublishedVersions,
  listSopRows,
  openFollowUps,
  parseSteps,
  reackVersions,
  type SopRow,
  type SopVersionRow,
  sopIdsWithDraft,
  updateDraftIfVersion,
  updateSopIfVersion,
} from './sops.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * The SOP library (DESIGN §6). Owners see every SOP; an assistant those of the areas where
 * they hold a role — any other SOP answers 404 exactly like a missing one. Anyone who sees an
 * SOP may propose a draft; owners and level-5 assistants of the area edit and publish
 * (core's `canEditSop`).
 */

// ---------------------------------------------------------------------------------------------
// Errors

const sopNotFound = () => new AppError('not_found', 'SOP not found.');

/** Core's SOP problems as the API's field-named 400 (the autonomy module's `problemsError`). */
export function sopProblemsError(problems: SopProblem[]): AppError {
  const first = problems[0];
  return new AppError(
    'validation_failed',
    first ? `Invalid body: ${first.field} ${first.message}` : 'Invalid body',
    { fields: problems.map((p) => ({ field: p.field, message: p.message, code: p.code, params: p.params })) },
  );
}

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `Invalid body: ${field} ${message}`, {
    fields: [{ field, message }],
  });
}

const publishForbidden =
  'Only the workspace owners and level-5 members of this area publish SOPs; your draft waits for them.';
const editForbidden = 'Only the workspace owners and level-5 members of this area change its SOPs.';

class Stale extends Error {}

// ---------------------------------------------------------------------------------------------
// Access

interface Caller {
  workspaceId: string;
  userId: string;
  role: Role;
}

/**
 * Tells open streams that the SOP library changed, after commit. The event names nothing but
 * the area, and only people who see that area get it; they refetch through the REST routes.
 */
function publishSopChanged(ctx: MemberCtx, areaId: string): void {
  ctx.deps.events.publish({
    workspaceId: ctx.membership.workspaceId,
    event: { type: 'knowledge.changed', areaId },
    onlyArea: areaId,
  });
}

function callerOf(ctx: MemberCtx): Caller {
  return { workspaceId: ctx.membership.workspaceId, userId: ctx.user.id, role: ctx.membership.role };
}

/** The areas whose SOPs the caller sees; null for owners (every area). */
async function visibleAreas(db: Q, caller: Caller): Promise<Set<string> | null> {
  if (caller.role === 'owner') return null;
  return areaIdsOf(db, caller.workspaceId, caller.userId);
}

function seesArea(areas: Set<string> | null, areaId: string): boolean {
  return areas === null || areas.has(areaId);
}

/** The SOP addressed by a route if the caller may see it; otherwise 404 like a missing one. */
async function loadVisible(db: Q, caller: Caller, sopId: string): Promise<SopRow> {
  const sop = await findSop(db, caller.workspaceId, sopId);
  if (!sop || !seesArea(await visibleAreas(db, caller), sop.area_id)) throw sopNotFound();
  return sop;
}

/** Owners, and assistants at effective level 5 in the area (core's `canEditSop`). */
async function mayEdit(db: Q, deps: Deps, caller: Caller, areaId: string): Promise<boolean> {
  if (caller.role === 'owner') return true;
  const level = await levelOf(db, deps, caller.workspaceId, caller.userId, caller.role, areaId);
  return canEditSop(caller.role, level);
}

// ---------------------------------------------------------------------------------------------
// Shapes

function toVersionView(row: SopVersionRow): SopVersionView {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    title: row.title,
    purpose: row.purpose,
    steps: parseSteps(row.steps),
    changelog: row.changelog,
    requiresReacknowledgement: row.requires_reack === 1,
    authorId: row.author_id,
    followUpId: row.follow_up_id,
    publishedBy: row.published_by,
    publishedAt: row.published_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toSummary(
  row: SopRow,
  extra: { hasDraft: boolean; acknowledgedByMe: boolean; canEdit: boolean; now: Date },
): SopSummary {
  return {
    id: row.id,
    areaId: row.area_id,
    title: row.title,
    purpose: row.purpose,
    ownerId: row.owner_id,
    status: row.status,
    reviewEveryDays: row.review_every_days,
    currentVersion: row.current_version,
    lastPublishedAt: row.last_published_at,
    reviewDue: reviewDue(
      { status: row.status, reviewEveryDays: row.review_every_days, lastPublishedAt: row.last_published_at },
      extra.now,
    ),
    hasDraft: extra.hasDraft,
    acknowledgedByMe: extra.acknowledgedByMe,
    canEdit: extra.canEdit,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Markdown steps with their sanitised HTML, rendered once on write so reads never render. */
function storedSteps(steps: readonly SopStep[]): string {
  const view: SopStepView[] = steps.map((s) => ({
    text: s.text,
    html: renderMarkdown(s.text),
    checkpoint: s.checkpoint,
  }));
  return JSON.stringify(view);
}

function checkedDraft(input: { title: string; purpose?: string | undefined; steps: readonly SopStep[] }) {
  const checked = checkSopDraft({ title: input.title, purpose: input.purpose ?? '', steps: input.steps });
  if (!checked.ok) throw sopProblemsError(checked.problems);
  return checked.value;
}

/** The SOP page as the caller sees it. */
async function detailOf(db: Q, deps: Deps, caller: Caller, sop: SopRow): Promise<SopDetail> {
  const { workspaceId } = caller;
  const [published, draft, acks, people, followUps, canEdit] = await Promise.all([
    listPublishedVersions(db, workspaceId, sop.id),
    findDraft(db, workspaceId, sop.id),
    listAcknowledgements(db, workspaceId, [sop.id]),
    areaPeople(db, workspaceId, sop.area_id),
    openFollowUps(db, workspaceId, sop.id),
    mayEdit(db, deps, caller, sop.area_id),
  ]);
  const versions = published.flatMap((v) =>
    v.number === null ? [] : [{ number: v.number, requiresReacknowledgement: v.requires_reack === 1 }],
  );
  const acknowledgements = acks.map((a) => ({ memberId: a.member_id, versionNumber: a.version_number }));
  const state = acknowledgementState({ versions, acknowledgements, memberIds: people.map((p) => p.id) });
  const mine = acknowledgementState({ versions, acknowledgements, memberIds: [caller.userId] });
  const latest = new Map<string, (typeof acks)[number]>();
  for (const a of acks) latest.set(a.member_id, a); // ordered by version: the last one wins
  const current = published.find((v) => v.number === sop.current_version);
  return {
    ...toSummary(sop, {
      hasDraft: draft !== undefined,
      acknowledgedByMe: sop.current_version === null || mine.acknowledged.length > 0,
      canEdit,
      now: deps.clock.now(),
    }),
    current: current ? toVersionView(current) : null,
    draft: draft ? toVersionView(draft) : null,
    versions: published
      .flatMap((v) =>
        v.number === null || v.published_at === null
          ? []
          : [
              {
                id: v.id,
                number: v.number,
                changelog: v.changelog,
                requiresReacknowledgement: v.requires_reack === 1,
                publishedBy: v.published_by,
                publishedAt: v.published_at,
              },
            ],
      )
      .reverse(),
    acknowledgements: {
      currentVersion: state.currentVersion,
      validFrom: state.validFrom,
      members: people.map((p) => {
        const last = latest.get(p.id);
        return {
          memberId: p.id,
          name: p.name,
          acknowledged: state.acknowledged.includes(p.id),
          versionNumber: last?.version_number ?? null,
          acknowledgedAt: last?.acknowledged_at ?? null,
        };
      }),
    },
    openFollowUps: followUps.map((f) => ({
      id: f.id,
      lessonId: f.lesson_id,
      lessonTitle: f.lesson_title,
      title: f.title,
      dueAt: f.due_at,
    })),
  };
}

async function reloadDetail(db: Q, deps: Deps, caller: Caller, sopId: string): Promise<SopDetail> {
  const sop = await findSop(db, caller.workspaceId, sopId);
  if (!sop) throw sopNotFound();
  return detailOf(db, deps, caller, sop);
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The library: the SOPs the caller sees, by title, filtered by area, status, due review and text. */
export async function listSops(ctx: MemberCtx, query: SopListQuery): Promise<SopSummary[]> {
  const { db, clock } = ctx.deps;
  const caller = callerOf(ctx);
  const areas = await visibleAreas(db, caller);
  let areaIds: string[] | null = areas === null ? null : [...areas];
  if (query.areaId !== undefined) {
    if (!seesArea(areas, query.areaId)) return [];
    areaIds = [query.areaId];
  }
  if (areaIds !== null && areaIds.length === 0) return [];
  const now = clock.now();
  let rows = await listSopRows(db, caller.workspaceId, {
    areaIds,
    ...(query.status !== undefined ? { status: query.status } : {}),
  });
  const q = query.q?.trim().toLocaleLowerCase() ?? '';
  // Text and due-review filters in memory: a workspace's library is small, and this keeps
  // LIKE escaping and date arithmetic out of two SQL dialects.
  if (q !== '') {
    rows = rows.filter((r) => `${r.title}\n${r.purpose}`.toLocaleLowerCase().includes(q));
  }
  if (query.reviewDue !== undefined) {
    const wanted = query.reviewDue === 'true';
    rows = rows.filter(
      (r) =>
        reviewDue(
          { status: r.status, reviewEveryDays: r.review_every_days, lastPublishedAt: r.last_published_at },
          now,
        ) === wanted,
    );
  }
  rows.sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1));
  const ids = rows.map((r) => r.id);
  const [drafts, reacks, myAcks] = await Promise.all([
    sopIdsWithDraft(db, caller.workspaceId, ids),
    reackVersions(db, caller.workspaceId, ids),
    listAcknowledgements(db, caller.workspaceId, ids, caller.userId),
  ]);
  const editable = new Map<string, boolean>();
  const result: SopSummary[] = [];
  for (const row of rows) {
    let canEdit = editable.get(row.area_id);
    if (canEdit === undefined) {
      canEdit = await mayEdit(db, ctx.deps, caller, row.area_id);
      editable.set(row.area_id, canEdit);
    }
    let acknowledgedByMe = true;
    if (row.current_version !== null) {
      const current = row.current_version;
      const state = acknowledgementState({
        versions: [
          { number: current, requiresReacknowledgement: false },
          ...reacks
            .filter((v) => v.sop_id === row.id && v.number !== null && v.number <= current)
            .map((v) => ({ number: v.number as number, requiresReacknowledgement: true })),
        ],
        acknowledgements: myAcks
          .filter((a) => a.sop_id === row.id)
          .map((a) => ({ memberId: a.member_id, versionNumber: a.version_number })),
        memberIds: [caller.userId],
      });
      acknowledgedByMe = state.acknowledged.length > 0;
    }
    result.push(toSummary(row, { hasDraft: drafts.has(row.id), acknowledgedByMe, canEdit, now }));
  }
  return result;
}

export async function getSop(ctx: MemberCtx, sopId: string): Promise<SopDetail> {
  const { db } = ctx.deps;
  const caller = callerOf(ctx);
  return detailOf(db, ctx.deps, caller, await loadVisible(db, caller, sopId));
}

/** One published version, by number. */
export async function getSopVersion(ctx: MemberCtx, sopId: string, number: number): Promise<SopVersionView> {
  const { db } = ctx.deps;
  const caller = callerOf(ctx);
  await loadVisible(db, caller, sopId);
  const version = await findVersionByNumber(db, caller.workspaceId, sopId, number);
  if (!version) throw new AppError('not_found', 'Version not found.');
  return toVersionView(version);
}

/** Two published versions side by side: core's step diff, refined word by word where changed. */
export async function diffSop(ctx: MemberCtx, sopId: string, query: SopDiffQuery): Promise<SopDiff> {
  const { db } = ctx.deps;
  const caller = callerOf(ctx);
  await loadVisible(db, caller, sopId);
  const [fromRow, toRow] = await Promise.all([
    findVersionByNumber(db, caller.workspaceId, sopId, query.from),
    findVersionByNumber(db, caller.workspaceId, sopId, query.to),
  ]);
  if (!fromRow || !toRow) throw new AppError('not_found', 'Version not found.');
  const from = toVersionView(fromRow);
  const to = toVersionView(toRow);
  const plain = (steps: SopStepView[]): SopStep[] =>
    steps.map((s) => ({ text: s.text, checkpoint: s.checkpoint }));
  const steps = diffSteps(plain(from.steps), plain(to.steps)).map((op) => {
    switch (op.op) {
      case 'keep':
        return {
          op: op.op,
          fromIndex: op.a,
          toIndex: op.b,
          fromText: op.step.text,
          toText: op.step.text,
          checkpointChanged: false,
          words: [],
        };
      case 'add':
        return {
          op: op.op,
          fromIndex: null,
          toIndex: op.b,
          fromText: null,
          toText: op.step.text,
          checkpointChanged: false,
          words: [],
        };
      case 'remove':
        return {
          op: op.op,
          fromIndex: op.a,
          toIndex: null,
          fromText: op.step.text,
          toText: null,
          checkpointChanged: false,
          words: [],
        };
      default:
        return {
          op: op.op,
          fromIndex: op.a,
          toIndex: op.b,
          fromText: op.from.text,
          toText: op.to.text,
          checkpointChanged: op.checkpointChanged,
          words: op.textChanged ? diffWords(op.from.text, op.to.text) : [],
        };
    }
  });
  return {
    from,
    to,
    titleChanged: from.title !== to.title,
    purposeChanged: from.purpose !== to.purpose,
    steps,
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** An open area of this workspace that the caller sees, for a body's `field`. */
async function areaForSop(db: Q, caller: Caller, areaId: string, field: string): Promise<AreaRow> {
  const area = await findArea(db, caller.workspaceId, areaId);
  if (!area || !seesArea(await visibleAreas(db, caller), area.id)) {
    throw invalid(field, 'is not an area of this workspace');
  }
  if (area.archived_at !== null) throw invalid(field, 'is archived');
  return area;
}

async function memberOrThrow(db: Q, workspaceId: string, userId: string, field: string): Promise<void> {
  if (!(await memberIdsAmong(db, workspaceId, [userId])).has(userId)) {
    throw invalid(field, 'is not a member of this workspace');
  }
}

/**
 * Creates an SOP in status draft with its first draft. Anyone who sees the area may propose
 * one; the owner defaults to the caller, or to the area's owner when the caller does not edit
 * the area's SOPs (a proposal belongs to someone who can publish it).
 */
export async function createSop(ctx: MemberCtx, input: CreateSopBody): Promise<SopDetail> {
  const { db, clock } = ctx.deps;
  const caller = callerOf(ctx);
  const detail = await db.transaction().execute(async (trx) => {
    const area = await areaForSop(trx, caller, input.areaId, 'areaId');
    const draft = checkedDraft(input);
    if (input.ownerId !== undefined) await memberOrThrow(trx, caller.workspaceId, input.ownerId, 'ownerId');
    const canEdit = await mayEdit(trx, ctx.deps, caller, area.id);
    const now = clock.now().toISOString();
    const sop: SopRow = {
      id: newId(),
      workspace_id: caller.workspaceId,
      area_id: area.id,
      title: draft.title,
      purpose: draft.purpose,
      owner_id: input.ownerId ?? (canEdit ? caller.userId : area.owner_id),
      status: 'draft',
      review_every_days: input.reviewEveryDays ?? sopLimits.defaultReviewEveryDays,
      current_version: null,
      last_published_at: null,
      review_reminded_at: null,
      created_by: caller.userId,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await insertSop(trx, sop);
    await insertVersion(trx, newDraftRow(sop, draft, caller.userId, null, now));
    return detailOf(trx, ctx.deps, caller, sop);
  });
  publishSopChanged(ctx, detail.areaId);
  return detail;
}

function newDraftRow(
  sop: Pick<SopRow, 'id' | 'workspace_id'>,
  draft: { title: string; purpose: string; steps: readonly SopStep[] },
  authorId: string,
  followUpId: string | null,
  at: string,
): SopVersionRow {
  return {
    id: newId(),
    workspace_id: sop.workspace_id,
    sop_id: sop.id,
    number: null,
    status: 'draft',
    title: draft.title,
    purpose: draft.purpose,
    steps: storedSteps(draft.steps),
    changelog: '',
    requires_reack: 0,
    author_id: authorId,
    follow_up_id: followUpId,
    published_by: null,
    published_at: null,
    version: 1,
    created_at: at,
    updated_at: at,
  };
}

/** The SOP's own settings (owner, area, review interval, retired), by editors, versioned. */
export async function updateSop(ctx: MemberCtx, sopId: string, input: UpdateSopBody): Promise<SopDetail> {
  const { db, clock } = ctx.deps;
  const caller = callerOf(ctx);
  try {
    const detail = await db.transaction().execute(async (trx) => {
      const sop = await loadVisible(trx, caller, sopId);
      if (!(await mayEdit(trx, ctx.deps, caller, sop.area_id)))
        throw new AppError('forbidden', editForbidden);
      if (input.areaId !== undefined && input.areaId !== sop.area_id) {
        await areaForSop(trx, caller, input.areaId, 'areaId');
        if (!(await mayEdit(trx, ctx.deps, caller, input.areaId))) {
          throw new AppError('forbidden', 'You can move an SOP only into an area whose SOPs you edit.');
        }
      }
      if (input.ownerId !== undefined) await memberOrThrow(trx, caller.workspaceId, input.ownerId, 'ownerId');
      if (input.status !== undefined && input.status !== sop.status) {
        if (sop.current_version === null)
          throw invalid('status', 'cannot change before the first publication');
        if (input.status === 'draft') throw invalid('status', 'of a published SOP is published or retired');
      }
      if (sop.version !== input.version) throw new Stale();
      const updated = await updateSopIfVersion(trx, caller.workspaceId, sopId, input.version, {
        ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
        ...(input.areaId !== undefined ? { area_id: input.areaId } : {}),
        ...(input.reviewEveryDays !== undefined ? { review_every_days: input.reviewEveryDays } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        updated_at: clock.now().toISOString(),
      });
      if (!updated) throw new Stale();
      return detailOf(trx, ctx.deps, caller, updated);
    });
    publishSopChanged(ctx, detail.areaId);
    return detail;
  } catch (err) {
    if (err instanceof Stale) {
      throw new AppError('conflict', 'Someone else changed this SOP in the meantime.', {
        current: await reloadDetail(db, ctx.deps, caller, sopId),
      });
    }
    throw err;
  }
}

/** Deletes an SOP that was never published (a proposal nobody wants); editors or its author. */
export async function deleteSop(ctx: MemberCtx, sopId: string): Promise<void> {
  const { db } = ctx.deps;
  const caller = callerOf(ctx);
  await db.transaction().execute(async (trx) => {
    const sop = await loadVisible(trx, caller, sopId);
    if (sop.created_by !== caller.userId && !(await mayEdit(trx, ctx.deps, caller, sop.area_id))) {
      throw new AppError('forbidden', 'Only editors of this area or the author delete a proposed SOP.');
    }
    if (sop.current_version !== null) {
      throw new AppError(
        'conflict',
        'A published SOP is retired, not deleted: tasks and lessons refer to it.',
      );
    }
    await deleteSopRows(trx, caller.workspaceId, sopId);
  });
}

function draftConflict(draft: SopVersionRow | undefined): AppError {
  return new AppError(
    'conflict',
    draft
      ? 'Someone else changed this draft in the meantime. Review their change and try again.'
      : 'This draft was published or discarded in the meantime.',
    { current: draft ? toVersionView(draft) : null },
  );
}

/**
 * Writes the draft: a new one (from the body) when there is none, or the open one when
 * `draftVersion` still matches. Anyone who sees the SOP may propose a change this way.
 */
export async function saveDraft(ctx: MemberCtx, sopId: string, input: SaveSopDraftBody): Promise<SopDetail> {
  const { db, clock } = ctx.deps;
  const caller = callerOf(ctx);
  try {
    const detail = await db.transaction().execute(async (trx) => {
      const sop = await loadVisible(trx, caller, sopId);
      const draft = checkedDraft(input);
      const existing = await findDraft(trx, caller.workspaceId, sopId);
      const now = clock.now().toISOString();
      if (input.draftVersion === undefined) {
        if (existing) throw draftConflict(existing);
        await insertVersion(trx, newDraftRow(sop, draft, caller.userId, null, now));
      } else {
        if (!existing || existing.version !== input.draftVersion) throw draftConflict(existing);
        const updated = await updateDraftIfVersion(trx, caller.workspaceId, existing.id, input.draftVersion, {
          title: draft.title,
          purpose: draft.purpose,
          steps: storedSteps(draft.steps),
          updated_at: now,
        });
        if (!updated) throw new Stale();
      }
      // Until the first publication the library shows the draft's own title.
      if (sop.current_version === null) {
        await trx
          .updateTable('sops')
          .set({ title: draft.title, purpose: draft.purpose, updated_at: now })
          .where('workspace_id', '=', caller.workspaceId)
          .where('id', '=', sopId)
          .execute();
      }
      return reloadDetail(trx, ctx.deps, caller, sopId);
    });
    publishSopChanged(ctx, detail.areaId);
    return detail;
  } catch (err) {
    if (err instanceof Stale || isUniqueViolation(err)) {
      throw draftConflict(await findDraft(db, caller.workspaceId, sopId));
    }
    throw err;
  }
}

/** Discards the open draft of a published SOP; editors or the draft's author. */
export async function discardDraft(ctx: MemberCtx, sopId: string): Promise<SopDetail> {
  const { db } = ctx.deps;
  const caller = callerOf(ctx);
  const detail = await db.transaction().execute(async (trx) => {
    const sop = await loadVisible(trx, caller, sopId);
    const draft = await findDraft(trx, caller.workspaceId, sopId);
    if (!draft) throw new AppError('not_found', 'This SOP has no draft.');
    if (draft.author_id !== caller.userId && !(await mayEdit(trx, ctx.deps, caller, sop.area_id))) {
      throw new AppError('forbidden', 'Only editors of this area or the draft’s author discard it.');
    }
    if (sop.current_version === null) {
      throw new AppError(
        'conflict',
        'This SOP was never published: delete the SOP instead of its only draft.',
      );
    }
    if (!(await deleteDraftIfVersion(trx, caller.workspaceId, draft.id, draft.version))) {
      throw draftConflict(await findDraft(trx, caller.workspaceId, sopId));
    }
    return reloadDetail(trx, ctx.deps, caller, sopId);
  });
  publishSopChanged(ctx, detail.areaId);
  return detail;
}

/**
 * Publishes the draft as the next version (editors only). A draft opened for a lesson's
 * follow-up closes it and always asks the area's people to re-acknowledge (DESIGN §8).
 */
export async function publishSop(ctx: MemberCtx, sopId: string, input: PublishSopBody): Promise<SopDetail> {
  const { db, clock } = ctx.deps;
  const caller = callerOf(ctx);
  const after = new AfterCommit();
  try {
    const detail = await db.transaction().execute(async (trx) => {
      const sop = await loadVisible(trx, caller, sopId);
      if (!(await mayEdit(trx, ctx.deps, caller, sop.area_id)))
        throw new AppError('forbidden', publishForbidden);
      const draft = await findDraft(trx, caller.workspaceId, sopId);
      if (!draft || draft.version !== input.draftVersion) throw draftConflict(draft);
      const content = toVersionView(draft);
      const checked = checkSopDraft({ title: content.title, purpose: content.purpose, steps: content.steps });
      if (!checked.ok) throw sopProblemsError(checked.problems);
      const published = await listPublishedVersions(trx, caller.workspaceId, sopId);
      const number = nextVersionNumber(published.flatMap((v) => (v.number === null ? [] : [v.number])));
      const reack = input.requiresReacknowledgement || draft.follow_up_id !== null;
      const now = clock.now().toISOString();
      const done = await updateDraftIfVersion(trx, caller.workspaceId, draft.id, input.draftVersion, {
        status: 'published',
        number,
        changelog: input.changelog.trim(),
        requires_reack: reack ? 1 : 0,
        published_by: caller.userId,
        published_at: now,
        updated_at: now,
      });
      if (!done) throw new Stale();
      const updated = await trx
        .updateTable('sops')
        .set((eb) => ({
          title: checked.value.title,
          purpose: checked.value.purpose,
          status: 'published' as const,
          current_version: number,
          last_published_at: now,
          review_reminded_at: null,
          updated_at: now,
          version: eb('version', '+', 1),
        }))
        .where('workspace_id', '=', caller.workspaceId)
        .where('id', '=', sopId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await closeFollowUpsFor(trx, caller.workspaceId, draft, caller.userId, now);
      if (reack) {
        const people = await areaPeople(trx, caller.workspaceId, sop.area_id);
        const told = await notify(trx, ctx.deps, {
          workspaceId: caller.workspaceId,
          kind: 'sop_acknowledge',
          recipientIds: people.map((p) => p.id),
          taskId: null,
          actorId: caller.userId,
          excerpt: plainExcerpt(input.changelog.trim() || checked.value.title),
          subjectType: 'sop',
          subjectId: sopId,
        });
        after.notified(caller.workspaceId, told);
      }
      return detailOf(trx, ctx.deps, caller, updated);
    });
    after.flush(ctx.deps);
    publishSopChanged(ctx, detail.areaId);
    return detail;
  } catch (err) {
    if (err instanceof Stale || isUniqueViolation(err)) {
      throw draftConflict(await findDraft(db, caller.workspaceId, sopId));
    }
    throw err;
  }
}

/**
 * The caller acknowledges the current version (idempotent). `versionNumber` must be the
 * current one, so nobody acknowledges a version they have not seen. Onboarding hears of it in
 * the same transaction (its plan item ticks itself).
 */
export async function acknowledgeSop(
  ctx: MemberCtx,
  sopId: string,
  input: AcknowledgeSopBody,
): Promise<SopDetail> {
  const { db, clock } = ctx.deps;
  const caller = callerOf(ctx);
  const after = new AfterCommit();
  const detail = await db.transaction().execute(async (trx) => {
    const sop = await loadVisible(trx, caller, sopId);
    if (sop.status !== 'published' || sop.current_version !== input.versionNumber) {
      throw new AppError(
        'conflict',
        sop.status === 'published'
          ? 'This is not the current version of the SOP any more: read the current one first.'
          : 'Only a published SOP is acknowledged.',
        { current: await detailOf(trx, ctx.deps, caller, sop) },
      );
    }
    const at = clock.now().toISOString();
    await insertAcknowledgement(trx, {
      workspace_id: caller.workspaceId,
      sop_id: sopId,
      member_id: caller.userId,
      version_number: input.versionNumber,
      acknowledged_at: at,
    });
    await onSopAcknowledged(trx, ctx.deps, after, {
      workspaceId: caller.workspaceId,
      memberId: caller.userId,
      sopId,
      at,
    });
    return detailOf(trx, ctx.deps, caller, sop);
  });
  after.flush(ctx.deps);
  publishSopChanged(ctx, detail.areaId);
  return detail;
}

// ---------------------------------------------------------------------------------------------
// Tasks following an SOP

/**
 * Pins a task without an SOP to the SOP's current version: its steps are appended to the
 * checklist. A task in the inbox takes the SOP's area. Only for tasks in to-do or doing.
 */
export async function useSopOnTask(ctx: MemberCtx, taskId: string, input: UseSopBody): Promise<Task> {
  const { db, clock } = ctx.deps;
  const caller = callerOf(ctx);
  const after = new AfterCommit();
  const stale = async () => {
    const current = await findVisibleTaskRow(db, await viewerOf(ctx), caller.workspaceId, taskId);
    if (!current) return taskNotFound();
    return new AppError(
      'conflict',
      'Someone else changed this task in the meantime. Review their change and try again.',
      {
        current: await toTask(db, current, caller.userId),
      },
    );
  };
  try {
    const row = await db.transaction().execute(async (trx) => {
      const task = await findVisibleTaskRow(trx, await viewerOf(ctx, trx), caller.workspaceId, taskId);
      if (!task) throw taskNotFound();
      if (task.sop_id !== null) throw new AppError('conflict', 'This task already follows an SOP.');
      if (task.state !== 'todo' && task.state !== 'doing') {
        throw new AppError('conflict', 'Only a task in to-do or doing can start following an SOP.');
      }
      const pinned = await resolveSopForTask(
        trx,
        { workspaceId: caller.workspaceId, userId: caller.userId, role: caller.role },
        input.sopId,
        task.area_id,
      );
      if (task.version !== input.version) throw new Stale();
      const now = clock.now().toISOString();
      const existing = await listChecklistRows(trx, caller.workspaceId, taskId);
      const last = existing.reduce((max, r) => Math.max(max, r.position), 0);
      const items = sopChecklistRows(
        pinned,
        { workspaceId: caller.workspaceId, taskId },
        last,
        POSITION_STEP,
        now,
      );
      await insertChecklistItems(trx, items);
      const updated = await updateTaskIfVersion(trx, caller.workspaceId, taskId, input.version, {
        sop_id: pinned.sop.id,
        sop_version: pinned.versionNumber,
        area_id: pinned.sop.area_id,
        checklist_total: task.checklist_total + items.length,
        updated_at: now,
      });
      if (!updated) throw new Stale();
      await recordTaskEvent(trx, {
        workspaceId: caller.workspaceId,
        taskId,
        actorId: caller.userId,
        kind: 'sop_pinned',
        data: { sopId: pinned.sop.id, title: pinned.sop.title, version: pinned.versionNumber },
        at: now,
      });
      publishTaskEvent(after, 'task.updated', updated, task);
      return updated;
    });
    after.flush(ctx.deps);
    return toTask(db, row, caller.userId);
  } catch (err) {
    if (err instanceof Stale) throw await stale();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Lessons' hook

/**
 * A lesson's `sop_change` follow-up opens a draft (see `sops.hooks.ts`): the open draft when
 * there is one, linked to the follow-up if it is not yet linked, else a copy of the current
 * version (or of the latest draft content of a never-published SOP). No permission check:
 * the lessons service checked them.
 */
export async function openDraftInTx(
  trx: Transaction<Database>,
  input: { workspaceId: string; sopId: string; followUpId: string; actorId: string; at: string },
): Promise<string> {
  const sop = await findSop(trx, input.workspaceId, input.sopId);
  if (!sop) throw sopNotFound();
  const existing = await findDraft(trx, input.workspaceId, input.sopId);
  if (existing) {
    if (existing.follow_up_id === null) {
      await trx
        .updateTable('sop_versions')
        .set((eb) => ({
          follow_up_id: input.followUpId,
          updated_at: input.at,
          version: eb('version', '+', 1),
        }))
        .where('workspace_id', '=', input.workspaceId)
        .where('id', '=', existing.id)
        .execute();
    }
    return existing.id;
  }
  const source =
    sop.current_version === null
      ? undefined
      : await findVersionByNumber(trx, input.workspaceId, input.sopId, sop.current_version);
  const steps = source ? parseSteps(source.steps) : [];
  const row: SopVersionRow = {
    ...newDraftRow(
      sop,
      { title: source?.title ?? sop.title, purpose: source?.purpose ?? sop.purpose, steps: [] },
      input.actorId,
      input.followUpId,
      input.at,
    ),
    // Copied as stored: already rendered and sanitised.
    steps: JSON.stringify(steps),
  };
  await insertVersion(trx, row);
  return row.id;
}
