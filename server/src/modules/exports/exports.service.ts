import {
  AppError,
  type DeleteWorkspaceBody,
  type PersonalExport,
  type PersonalWorkspaceExport,
  type WorkspaceExport,
} from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { MemberCtx, UserCtx } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { membershipChanged } from '../../events/bus.ts';
import { loadViewer } from '../tasks/visibility.ts';
import { lockWorkspace } from '../workspaces/workspaces.repository.ts';
import * as repo from './exports.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * A workspace export is built in memory: beyond this many rows it is refused (413) rather
 * than risk the process's memory; an operator backs such a workspace up from the database.
 */
export const WORKSPACE_EXPORT_MAX_ROWS = 250_000;

/** `leeway-export-2026-11-26.json`: only digits, letters and dashes, safe in any header. */
export function exportFileName(prefix: string, at: Date): string {
  return `${prefix}-${at.toISOString().slice(0, 10)}.json`;
}

/** Lower-case ASCII letters, digits and dashes of a name, for a file name; never empty. */
export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    // Accents come apart under NFKD: drop the marks so "Büro" becomes "buro", not "bu-ro".
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return s === '' ? 'workspace' : s;
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function stringArray(text: string): string[] {
  const value = parseJson(text);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * One workspace's part of a personal export: only rows the person wrote, is assigned, or that
 * judge their own work, plus the names those rows need. Areas are named only where the person
 * may see them, the same rule as every other door (core's canSeeTask).
 */
async function personalPart(
  db: Q,
  userId: string,
  membership: { id: string; name: string; role: 'owner' | 'assistant'; created_at: string },
): Promise<PersonalWorkspaceExport> {
  const ws = membership.id;
  const [tasks, comments, checkIns, questions, lessons, acks, grants, changes, proposals, reviews] =
    await Promise.all([
      repo.ownTasks(db, ws, userId),
      repo.ownComments(db, ws, userId),
      repo.ownCheckIns(db, ws, userId),
      repo.ownQuestions(db, ws, userId),
      repo.ownLessons(db, ws, userId),
      repo.ownAcknowledgements(db, ws, userId),
      repo.ownGrants(db, ws, userId),
      repo.ownLevelChanges(db, ws, userId),
      repo.ownProposals(db, ws, userId),
      repo.reviewsOfMember(db, ws, userId),
    ]);
  const checklist = await repo.checklistOf(
    db,
    ws,
    tasks.map((t) => t.id),
  );
  const factors = await repo.factorsOf(
    db,
    ws,
    lessons.map((l) => l.id),
  );

  const people = new Set<string>();
  const areas = new Set<string>();
  const note = (set: Set<string>, id: string | null) => {
    if (id !== null) set.add(id);
  };
  for (const t of tasks) {
    note(people, t.assignee_id);
    note(people, t.creator_id);
    note(areas, t.area_id);
  }
  for (const q of questions) {
    note(people, q.asker_id);
    note(people, q.addressee_id);
    note(people, q.answered_by);
  }
  for (const l of lessons) note(areas, l.area_id);
  for (const g of grants) {
    note(people, g.granted_by);
    note(areas, g.area_id);
  }
  for (const c of [...changes, ...proposals]) {
    note(people, c.decided_by);
    note(areas, c.area_id);
  }
  for (const r of reviews) {
    note(people, r.reviewer_id);
    note(areas, r.area_id);
  }
  const viewer = await loadViewer(db, ws, userId, membership.role);
  const visibleAreas = [...areas].filter((id) => viewer.role === 'owner' || viewer.areaIds.has(id));

  return {
    id: ws,
    name: membership.name,
    role: membership.role,
    joinedAt: membership.created_at,
    people: await repo.namesOf(db, [...people]),
    areas: await repo.areaNames(db, ws, visibleAreas),
    tasks: tasks.map((t) => ({
      id: t.id,
      title: t.title,
      description: t.description,
      state: t.state,
      priority: t.priority,
      areaId: t.area_id,
      assigneeId: t.assignee_id,
      creatorId: t.creator_id,
      labels: stringArray(t.labels),
      blocked: t.blocked === 1,
      blockedReason: t.blocked_reason,
      dueAt: t.due_at,
      createdAt: t.created_at,
      updatedAt: t.updated_at,
      completedAt: t.completed_at,
      checklist: checklist
        .filter((i) => i.task_id === t.id)
        .map((i) => ({ text: i.text, done: i.done === 1, position: i.position })),
    })),
    comments: comments.map((c) => ({
      id: c.id,
      taskId: c.task_id,
      body: c.body,
      createdAt: c.created_at,
      editedAt: c.edited_at,
    })),
    checkIns: checkIns.map((c) => ({
      week: c.week,
      done: c.done,
      planned: c.planned,
      blockers: c.blockers,
      autonomy: c.autonomy,
      discuss: c.discuss === 1,
      submittedAt: c.submitted_at,
      updatedAt: c.updated_at,
    })),
    questions: questions.map((q) => ({
      id: q.id,
      taskId: q.task_id,
      askerId: q.asker_id,
      addresseeId: q.addressee_id,
      body: q.body,
      answer: q.answer,
      answeredBy: q.answered_by,
      answeredAt: q.answered_at,
      createdAt: q.created_at,
    })),
    lessons: lessons.map((l) => ({
      id: l.id,
      title: l.title,
      whatHappened: l.what_happened,
      impact: l.impact,
      severity: l.severity,
      wentWell: l.went_well,
      learned: l.learned,
      taskId: l.task_id,
      areaId: l.area_id,
      factors: factors.filter((f) => f.lesson_id === l.id).map((f) => ({ kind: f.kind, text: f.text })),
      createdAt: l.created_at,
      updatedAt: l.updated_at,
    })),
    acknowledgements: acks.map((a) => ({
      sopId: a.sop_id,
      sopTitle: a.title,
      versionNumber: a.version_number,
      acknowledgedAt: a.acknowledged_at,
    })),
    autonomyGrants: grants.map((g) => ({
      areaId: g.area_id,
      level: g.level,
      since: g.since,
      grantedBy: g.granted_by,
      reason: g.reason,
    })),
    levelChanges: changes.map((c) => ({
      areaId: c.area_id,
      fromLevel: c.from_level,
      toLevel: c.to_level,
      kind: c.kind,
      evidence: parseJson(c.evidence),
      decidedBy: c.decided_by,
      reason: c.reason,
      createdAt: c.created_at,
    })),
    proposals: proposals.map((p) => ({
      areaId: p.area_id,
      fromLevel: p.from_level,
      toLevel: p.to_level,
      kind: p.kind,
      status: p.status,
      evidence: parseJson(p.evidence),
      note: p.note,
      decidedBy: p.decided_by,
      decisionReason: p.decision_reason,
      createdAt: p.created_at,
      decidedAt: p.decided_at,
    })),
    reviews: reviews.map((r) => ({
      taskId: r.task_id,
      areaId: r.area_id,
      reviewerId: r.reviewer_id,
      phase: r.phase,
      outcome: r.outcome,
      tags: stringArray(r.tags),
      note: r.note,
      submittedAt: r.submitted_at,
      decidedAt: r.decided_at,
    })),
  };
}

/**
 * The caller's own data across every workspace they belong to (DESIGN §12). Account facts
 * without the password hash; no session, reset or feed tokens; other people only by name.
 */
export async function exportMe(ctx: UserCtx): Promise<{ fileName: string; data: PersonalExport }> {
  const { db, clock } = ctx.deps;
  const now = clock.now();
  const { user } = ctx;
  const data = await db.transaction().execute(async (trx) => {
    const memberships = await repo.membershipsOf(trx, user.id);
    const workspaces: PersonalWorkspaceExport[] = [];
    for (const m of memberships) workspaces.push(await personalPart(trx, user.id, m));
    const preferences = await repo.preferencesOf(trx, user.id);
    const result: PersonalExport = {
      format: 'leeway-personal-export',
      version: 1,
      exportedAt: now.toISOString(),
      account: {
        id: user.id,
        email: user.email,
        name: user.name,
        locale: user.locale,
        timeZone: user.timeZone,
        createdAt: user.createdAt,
      },
      notificationPreferences: preferences,
      workspaces,
    };
    return result;
  });
  return { fileName: exportFileName('leeway-export', now), data };
}

/**
 * Every row of the caller's workspace, for its owner (the route declares `owner`): members by
 * id, name, e-mail and role; token hashes and file storage keys left out; files not included.
 * Read in one transaction so the tables agree with each other.
 */
export async function exportWorkspace(ctx: MemberCtx): Promise<{ fileName: string; data: WorkspaceExport }> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const now = clock.now();
  const data = await db.transaction().execute(async (trx) => {
    const workspace = await repo.findWorkspace(trx, workspaceId);
    if (!workspace) throw new AppError('not_found', 'Workspace not found.');
    const total = await repo.countRows(trx, workspaceId);
    if (total > WORKSPACE_EXPORT_MAX_ROWS) {
      throw new AppError(
        'payload_too_large',
        `This workspace has ${total} rows, more than an export can hold (${WORKSPACE_EXPORT_MAX_ROWS}). Back it up from the database instead.`,
      );
    }
    const tables: Record<string, Record<string, unknown>[]> = {};
    for (const table of repo.WORKSPACE_TABLES) tables[table] = await repo.rowsOf(trx, table, workspaceId);
    const members = await repo.listMembers(trx, workspaceId);
    const result: WorkspaceExport = {
      format: 'leeway-workspace-export',
      version: 1,
      exportedAt: now.toISOString(),
      workspace: {
        id: workspace.id,
        name: workspace.name,
        createdAt: workspace.created_at,
        updatedAt: workspace.updated_at,
      },
      members: members.map((m) => ({
        id: m.id,
        name: m.name,
        email: m.email,
        role: m.role,
        joinedAt: m.created_at,
      })),
      tables,
    };
    return { result, name: workspace.name };
  });
  return { fileName: exportFileName(`leeway-workspace-${slug(data.name)}`, now), data: data.result };
}

/**
 * Deletes the caller's workspace with everything in it, in one transaction (every workspace
 * table cascades from `workspaces`). Any owner may do it, like any owner may remove members:
 * there is no "primary" owner. The typed name guards against deleting the wrong workspace.
 * After commit: the files go from disk and every member's open live streams end.
 */
export async function deleteWorkspace(ctx: MemberCtx, input: DeleteWorkspaceBody): Promise<void> {
  const { db, dialect, config, events, log } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const members = await db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, dialect, workspaceId);
    const workspace = await repo.findWorkspace(trx, workspaceId);
    if (!workspace) throw new AppError('not_found', 'Workspace not found.');
    if (input.confirmName.trim() !== workspace.name.trim()) {
      throw new AppError('validation_failed', 'The name does not match this workspace.', {
        fields: [{ field: 'confirmName', message: 'Type the workspace’s name exactly as it is shown.' }],
      });
    }
    const ids = await repo.memberIds(trx, workspaceId);
    await repo.deleteWorkspaceRow(trx, workspaceId);
    return ids;
  });
  try {
    await repo.removeAttachmentDir(config.dataDir, workspaceId);
  } catch (err) {
    // The rows are gone, so nothing can reach a file left behind; the orphan sweep
    // (attachments.service) removes it later. Deleting must not fail for it.
    log.error({ err, workspaceId }, 'could not remove the files of a deleted workspace');
  }
  for (const userId of members) events.publish(membershipChanged(workspaceId, userId));
}
