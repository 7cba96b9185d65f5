import {
  AppError,
  type AreaAutonomy,
  type AutonomyGrant,
  type AutonomyLevel,
  type AutonomySettings,
  type AutonomySettingsPatchBody,
  checkLevelRequest,
  checkSetLevel,
  type DecideProposalBody,
  decideProposal as decideProposalRule,
  defaultAutonomySettings,
  type EffectiveLevel,
  type EndEpisodeBody,
  type EpisodeExtension,
  type Evidence,
  type ExplanationBody,
  type ExtendEpisodeBody,
  effectiveLevel,
  extendEpisode as extendEpisodeRule,
  isActive,
  type LevelChange,
  type LevelHistory,
  type LevelHistoryQuery,
  levelHistoryLimits,
  levelTimeline,
  type MemberAreaAutonomy,
  mergeAutonomySettings,
  type Problem,
  type Proposal,
  type ProposalListQuery,
  promotionCheck,
  promotionOutOfReach,
  type RequestLevelChangeBody,
  type ReviewRecord,
  type SetLevelBody,
  type StartEpisodeBody,
  type SupportEpisode,
  shouldProposeDemotion,
  validateAutonomySettings,
  validateNewEpisode,
  type WeekBucket,
  weeklyBuckets,
} from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { Deps, MemberCtx } from '../../context.ts';
import { isUniqueViolation } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { onOneConnection, together } from '../../db/write-behind.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { newId } from '../../lib/ids.ts';
import { type AreaRow, findArea } from '../areas/areas.repository.ts';
import { notifyProposal } from './autonomy.notify.ts';
import {
  decideProposalIfPending,
  type EpisodeRow,
  ensureGrants,
  episodesOverlapping,
  findEpisode,
  findGrant,
  findPendingProposal,
  findProposal,
  findSettingsText,
  type GrantRow,
  insertEpisode,
  insertLevelChange,
  insertProposal,
  type LevelChangeRow,
  lastDemotionSuggestionAt,
  levelChangesSince,
  listEpisodes,
  listGrants,
  listLevelChanges,
  listProposals as listProposalRows,
  memberNames,
  memberRole,
  openAreaNames,
  type ProposalRow,
  parseJson,
  type ReviewRecordRow,
  saveSettingsText,
  updateEpisodeIf,
  updateGrantIfLevel,
} from './autonomy.repository.ts';
import { replayCell } from './cell-replay.ts';

type Q = Kysely<Database> | Transaction<Database>;

// ---------------------------------------------------------------------------------------------
// Errors

/** Core's problems as the API's field-named 400. */
export function problemsError(problems: Problem[]): AppError {
  const first = problems[0];
  return new AppError(
    'validation_failed',
    first ? `Invalid body: ${first.field} ${first.message}` : 'Invalid body',
    { fields: problems.map((p) => ({ field: p.field, message: p.message, code: p.code, params: p.params })) },
  );
}

const cellNotFound = () => new AppError('not_found', 'Not found.');
const proposalNotFound = () => new AppError('not_found', 'Proposal not found.');
const episodeNotFound = () => new AppError('not_found', 'Support episode not found.');

// ---------------------------------------------------------------------------------------------
// Settings

/** The workspace's thresholds: what it stored, merged over the defaults (new fields get theirs). */
export async function loadSettings(db: Q, workspaceId: string): Promise<AutonomySettings> {
  const text = await findSettingsText(db, workspaceId);
  if (text === undefined) return defaultAutonomySettings;
  return mergeAutonomySettings(defaultAutonomySettings, parseJson(text, {}));
}

export function getSettings(ctx: MemberCtx): Promise<AutonomySettings> {
  return loadSettings(ctx.deps.db, ctx.membership.workspaceId);
}

/** Changes thresholds field by field; the merged result must make sense as a whole. */
export async function updateSettings(
  ctx: MemberCtx,
  patch: AutonomySettingsPatchBody,
): Promise<AutonomySettings> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  return db.transaction().execute(async (trx) => {
    const merged = mergeAutonomySettings(await loadSettings(trx, workspaceId), patch);
    const problems = validateAutonomySettings(merged);
    if (problems.length > 0) throw problemsError(problems);
    await saveSettingsText(trx, workspaceId, JSON.stringify(merged), clock.now().toISOString());
    return merged;
  });
}

// ---------------------------------------------------------------------------------------------
// Shapes

function toEpisode(row: EpisodeRow): SupportEpisode {
  return {
    id: row.id,
    memberId: row.member_id,
    areaId: row.area_id,
    reason: row.reason,
    capLevel: row.cap_level,
    note: row.note,
    startedBy: row.started_by,
    startsAt: row.starts_at,
    plannedEndAt: row.planned_end_at,
    endedAt: row.ended_at,
    extensions: parseJson<EpisodeExtension[]>(row.extensions, []),
  };
}

function toProposal(row: ProposalRow): Proposal {
  return {
    id: row.id,
    memberId: row.member_id,
    areaId: row.area_id,
    from: row.from_level,
    to: row.to_level,
    kind: row.kind,
    status: row.status,
    evidence: parseJson<Evidence>(row.evidence, {} as Evidence),
    explanation: parseJson<ExplanationBody | null>(row.explanation, null),
    note: row.note,
    decidedBy: row.decided_by,
    decisionReason: row.decision_reason,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

function toLevelChange(row: LevelChangeRow): LevelChange {
  return {
    id: row.id,
    memberId: row.member_id,
    areaId: row.area_id,
    from: row.from_level,
    to: row.to_level,
    kind: row.kind,
    evidence: parseJson<Evidence>(row.evidence, {} as Evidence),
    decidedBy: row.decided_by,
    reason: row.reason,
    proposalId: row.proposal_id,
    createdAt: row.created_at,
  };
}

export function toReviewRecord(row: ReviewRecordRow): ReviewRecord {
  return {
    id: row.id,
    taskId: row.task_id,
    reviewerId: row.reviewer_id,
    phase: row.phase,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    outcome: row.outcome,
    tags: parseJson(row.tags, []),
    note: row.note,
  };
}

// ---------------------------------------------------------------------------------------------
// Cells: one assistant × area

/** Assistants of the workspace, by id. */
async function assistantIds(db: Q, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'assistant')
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

/**
 * The assistant × area cells where someone works: holds a role in the area (owner, backup,
 * contributor) or has a task there assigned. Archived areas are left out.
 */
async function workCells(
  db: Q,
  workspaceId: string,
  memberId?: string,
): Promise<{ memberId: string; areaId: string }[]> {
  const assistants = await assistantIds(db, workspaceId);
  const areas = await db
    .selectFrom('areas')
    .select(['id', 'owner_id', 'backup_id'])
    .where('workspace_id', '=', workspaceId)
    .where('archived_at', 'is', null)
    .execute();
  const open = new Set(areas.map((a) => a.id));
  const cells = new Map<string, { memberId: string; areaId: string }>();
  const add = (m: string | null, a: string | null) => {
    if (m === null || a === null || !assistants.has(m) || !open.has(a)) return;
    if (memberId !== undefined && m !== memberId) return;
    cells.set(`${m}:${a}`, { memberId: m, areaId: a });
  };
  for (const a of areas) {
    add(a.owner_id, a.id);
    add(a.backup_id, a.id);
  }
  let contributors = db
    .selectFrom('area_members')
    .select(['user_id', 'area_id'])
    .where('workspace_id', '=', workspaceId);
  if (memberId !== undefined) contributors = contributors.where('user_id', '=', memberId);
  for (const r of await contributors.execute()) add(r.user_id, r.area_id);
  let assigned = db
    .selectFrom('tasks')
    .select(['assignee_id', 'area_id'])
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('area_id', 'is not', null)
    .where('assignee_id', 'is not', null);
  if (memberId !== undefined) assigned = assigned.where('assignee_id', '=', memberId);
  for (const r of await assigned.execute()) add(r.assignee_id, r.area_id);
  for (const g of await listGrants(db, workspaceId, memberId)) add(g.member_id, g.area_id);
  return [...cells.values()];
}

/** Makes sure a level-1 grant exists for the cell (DESIGN §4: level 1 when someone first works there). */
export async function ensureGrant(
  db: Q,
  deps: Deps,
  workspaceId: string,
  memberId: string,
  areaId: string,
): Promise<GrantRow> {
  // Read first: the grant exists on every submission and review after the first one.
  const existing = await findGrant(db, workspaceId, memberId, areaId);
  if (existing) return existing;
  await ensureGrants(db, workspaceId, [{ memberId, areaId, id: newId() }], deps.clock.now().toISOString());
  const grant = await findGrant(db, workspaceId, memberId, areaId);
  if (!grant) throw new Error('grant vanished');
  return grant;
}

export interface CellState {
  area: AreaRow;
  grant: GrantRow;
  effective: EffectiveLevel;
  evidence: Evidence;
  episodes: EpisodeRow[];
  changes: LevelChangeRow[];
  tighteningStarts: string[];
}

export type CellLevel = Pick<CellState, 'area' | 'grant' | 'effective' | 'episodes'>;

/**
 * A cell's grant (made at level 1 when someone first works there) and effective level: what
 * `cellState` starts from, without the review history. Callers whose answer cannot depend on
 * the evidence (routing at a level that reviews every result) stop here.
 */
export async function cellLevel(db: Q, deps: Deps, area: AreaRow, memberId: string): Promise<CellLevel> {
  const [grant, episodes] = await together(
    db,
    (q) => ensureGrant(q, deps, area.workspace_id, memberId, area.id),
    (q) => listEpisodes(q, area.workspace_id, { memberId, areaId: area.id }),
  );
  const effective = effectiveLevel({
    grant: grant.level,
    episodes: episodes.map(toEpisode),
    maxLevel: area.max_level,
    now: deps.clock.now(),
  });
  return { area, grant, effective, episodes };
}

/** Everything the rules need about one cell, computed by core from the stored facts. */
export async function cellState(
  db: Q,
  deps: Deps,
  settings: AutonomySettings,
  area: AreaRow,
  memberId: string,
  level?: CellLevel,
): Promise<CellState> {
  const workspaceId = area.workspace_id;
  const now = deps.clock.now();
  const { grant, effective, episodes } = level ?? (await cellLevel(db, deps, area, memberId));
  const changes = await listLevelChanges(db, workspaceId, memberId, area.id);
  const replay = await replayCell(db, deps, {
    workspaceId,
    memberId,
    areaId: area.id,
    settings,
    levelSince: grant.since,
    promotions: changes.filter((c) => c.to_level > c.from_level).map((c) => c.created_at),
    level: effective.level,
  });
  const evidenceFacts = replay.evidence;
  const sampling = replay.sampling;
  const promotion = promotionCheck({
    evidence: evidenceFacts,
    level: grant.level,
    riskClass: area.risk_class,
    maxLevel: area.max_level,
    settings,
    now,
  });
  const evidence: Evidence = {
    riskClass: area.risk_class,
    maxLevel: area.max_level,
    ...evidenceFacts,
    promotion,
    sampling: {
      tightened: sampling.tightened,
      since: sampling.since,
      baseRate: sampling.baseRate,
      rate: sampling.rate,
      consecutiveFirstPass: sampling.consecutiveFirstPass,
      relaxAfter: sampling.relaxAfter,
      explanation: sampling.explanation,
    },
    computedAt: now.toISOString(),
  };
  return {
    area,
    grant,
    effective,
    evidence,
    episodes,
    changes,
    tighteningStarts: sampling.tighteningStarts,
  };
}

/**
 * The effective level of a member in an area right now. Owners are principals, not on the
 * ladder: they count as level 5. No area (the inbox): the ladder's start, level 1.
 */
export async function levelOf(
  db: Q,
  deps: Deps,
  workspaceId: string,
  memberId: string,
  role: 'owner' | 'assistant',
  areaId: string | null,
): Promise<AutonomyLevel> {
  if (role === 'owner') return 5;
  if (areaId === null) return 1;
  const area = await findArea(db, workspaceId, areaId);
  if (!area) return 1;
  // Read-only: asking (a page view, a permission check) must not write a grant. A cell nobody
  // has worked in yet is at the ladder's start, level 1, which is what its grant will say.
  const grant = await findGrant(db, workspaceId, memberId, areaId);
  const episodes = await listEpisodes(db, workspaceId, { memberId, areaId });
  return effectiveLevel({
    grant: (grant?.level ?? 1) as AutonomyLevel,
    episodes: episodes.map(toEpisode),
    maxLevel: area.max_level,
    now: deps.clock.now(),
  }).level;
}

function toGrant(state: CellState): AutonomyGrant {
  return {
    memberId: state.grant.member_id,
    areaId: state.grant.area_id,
    level: state.grant.level,
    effectiveLevel: state.effective.level,
    effectiveExplanation: state.effective.explanation,
    since: state.grant.since,
    grantedBy: state.grant.granted_by,
    reason: state.grant.reason,
  };
}

async function toAreaAutonomy(db: Q, deps: Deps, state: CellState): Promise<AreaAutonomy> {
  const now = deps.clock.now();
  const active = state.episodes.find((e) => isActive(toEpisode(e), now)) ?? null;
  const pending = await findPendingProposal(
    db,
    state.area.workspace_id,
    state.grant.member_id,
    state.area.id,
  );
  return {
    grant: toGrant(state),
    evidence: state.evidence,
    activeEpisode: active ? toEpisode(active) : null,
    pendingProposal: pending ? toProposal(pending) : null,
  };
}

async function cells(ctx: MemberCtx, memberId?: string): Promise<AreaAutonomy[]> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const settings = await loadSettings(db, workspaceId);
  const list = await workCells(db, workspaceId, memberId);
  const result: AreaAutonomy[] = [];
  const areaCache = new Map<string, AreaRow | undefined>();
  for (const cell of list) {
    if (!areaCache.has(cell.areaId)) areaCache.set(cell.areaId, await findArea(db, workspaceId, cell.areaId));
    const area = areaCache.get(cell.areaId);
    if (!area) continue;
    result.push(
      await toAreaAutonomy(db, ctx.deps, await cellState(db, ctx.deps, settings, area, cell.memberId)),
    );
  }
  return result;
}

/** The delegation board: every assistant × area where someone works (owners only). */
export function board(ctx: MemberCtx): Promise<AreaAutonomy[]> {
  return cells(ctx);
}

/** The caller's own cells ("my autonomy"). Owners are not on the ladder: an empty list. */
export async function myCells(ctx: MemberCtx): Promise<AreaAutonomy[]> {
  if (ctx.membership.role === 'owner') return [];
  return cells(ctx, ctx.user.id);
}

// ---------------------------------------------------------------------------------------------
// Levels over time

/** The weeks in the caller's zone; an unknown zone (a renamed one) falls back to UTC. */
function historyWeeks(
  now: Date,
  weeks: number,
  timeZone: string,
): { buckets: WeekBucket[]; timeZone: string } {
  try {
    return { buckets: weeklyBuckets(now, weeks, timeZone), timeZone };
  } catch {
    return { buckets: weeklyBuckets(now, weeks, 'UTC'), timeZone: 'UTC' };
  }
}

/**
 * Each assistant × area's granted and effective level week by week (core's `levelTimeline`),
 * for the delegation board's heat map. The cells are the board's (assistants, open areas);
 * owners see every assistant, an assistant only their own levels in areas they work in — never
 * another assistant's (DESIGN §10). Two range queries, changes and episodes, replayed in core.
 */
export async function levelHistory(ctx: MemberCtx, query: LevelHistoryQuery): Promise<LevelHistory> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const weeks = query.weeks === undefined ? levelHistoryLimits.weeksDefault : Number(query.weeks);
  const memberId = ctx.membership.role === 'owner' ? undefined : ctx.user.id;
  const now = clock.now();
  const { buckets, timeZone } = historyWeeks(now, weeks, ctx.user.timeZone);
  const weekList = buckets.map((b) => ({ weekStart: b.weekStart, weekEnd: b.weekEnd, current: b.current }));
  const first = buckets[0];
  const last = buckets.at(-1);
  if (first === undefined || last === undefined) return { timeZone, weeks: weekList, rows: [] };
  // To the running week's end, not now: an episode started this very moment counts already.
  const range = { start: first.weekStart, end: last.weekEnd };
  const [visible, grants, changes, episodes, people, areaNames] = await Promise.all([
    workCells(db, workspaceId, memberId),
    listGrants(db, workspaceId, memberId),
    levelChangesSince(db, workspaceId, range.start, memberId),
    episodesOverlapping(db, workspaceId, range, memberId),
    memberNames(db, workspaceId),
    openAreaNames(db, workspaceId),
  ]);
  const shown = new Set(visible.map((c) => `${c.memberId}:${c.areaId}`));
  // A cell nobody opened yet has no grant row and so no history: it is left out.
  const rows = levelTimeline({
    grants: grants
      .filter((g) => shown.has(`${g.member_id}:${g.area_id}`) && areaNames.has(g.area_id))
      .map((g) => ({
        memberId: g.member_id,
        areaId: g.area_id,
        level: g.level,
        since: g.since,
        createdAt: g.created_at,
      })),
    changes: changes.map((c) => ({
      memberId: c.member_id,
      areaId: c.area_id,
      from: c.from_level,
      to: c.to_level,
      at: c.created_at,
    })),
    episodes: episodes.map((e) => ({
      memberId: e.member_id,
      areaId: e.area_id,
      capLevel: e.cap_level,
      startsAt: e.starts_at,
      plannedEndAt: e.planned_end_at,
      endedAt: e.ended_at,
    })),
    weeks: buckets,
    now,
  }).map((row) => ({
    ...row,
    memberName: people.get(row.memberId) ?? '',
    areaName: areaNames.get(row.areaId) ?? '',
  }));
  rows.sort(
    (a, b) =>
      a.memberName.localeCompare(b.memberName) ||
      a.memberId.localeCompare(b.memberId) ||
      a.areaName.localeCompare(b.areaName) ||
      a.areaId.localeCompare(b.areaId),
  );
  return { timeZone, weeks: weekList, rows };
}

/**
 * The cell addressed by a route: the member must be an assistant of this workspace and the
 * area one of its areas. Owners reach every cell; an assistant only their own cells in areas
 * they work in. Anything else answers 404, like a cell that does not exist.
 */
async function requireCell(db: Q, ctx: MemberCtx, memberId: string, areaId: string): Promise<AreaRow> {
  const workspaceId = ctx.membership.workspaceId;
  if (ctx.membership.role !== 'owner' && memberId !== ctx.user.id) throw cellNotFound();
  const area = await findArea(db, workspaceId, areaId);
  if (!area) throw cellNotFound();
  if (!(await assistantIds(db, workspaceId)).has(memberId)) throw cellNotFound();
  if (ctx.membership.role !== 'owner') {
    const mine = await workCells(db, workspaceId, memberId);
    if (!mine.some((c) => c.areaId === areaId)) throw cellNotFound();
  }
  return area;
}

/** Grant, evidence, history, proposals and episodes of one assistant × area. */
export async function memberArea(
  ctx: MemberCtx,
  memberId: string,
  areaId: string,
): Promise<MemberAreaAutonomy> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const area = await requireCell(db, ctx, memberId, areaId);
  const settings = await loadSettings(db, workspaceId);
  const state = await cellState(db, ctx.deps, settings, area, memberId);
  const proposals = await listProposalRows(db, workspaceId, { memberId, areaId });
  return {
    grant: toGrant(state),
    evidence: state.evidence,
    history: state.changes.map(toLevelChange),
    proposals: proposals.map(toProposal),
    episodes: state.episodes.map(toEpisode),
  };
}

function publishCell(after: AfterCommit, workspaceId: string, areaId: string): void {
  // The board and "my autonomy" pages reload on an area change.
  after.publish({ workspaceId, event: { type: 'area.changed', areaId } });
}

class LevelRace extends Error {}

/**
 * Changes a grant and records the change with its evidence, in the caller's transaction.
 * Of two decisions made on the same level at once, one wins; the other throws `conflict`.
 */
async function changeLevel(
  trx: Transaction<Database>,
  deps: Deps,
  state: CellState,
  change: {
    to: number;
    kind: LevelChangeRow['kind'];
    decidedBy: string;
    reason: string;
    proposalId: string | null;
  },
): Promise<void> {
  const now = deps.clock.now().toISOString();
  const updated = await updateGrantIfLevel(trx, state.grant.id, state.grant.level, {
    level: change.to,
    since: now,
    granted_by: change.decidedBy,
    reason: change.reason,
    updated_at: now,
  });
  if (!updated) throw new LevelRace();
  await insertLevelChange(trx, {
    id: newId(),
    workspace_id: state.area.workspace_id,
    member_id: state.grant.member_id,
    area_id: state.area.id,
    from_level: state.grant.level,
    to_level: change.to,
    kind: change.kind,
    evidence: JSON.stringify(state.evidence),
    decided_by: change.decidedBy,
    reason: change.reason,
    proposal_id: change.proposalId,
    created_at: now,
  });
}

const levelConflict = () =>
  new AppError('conflict', 'Someone else changed this level in the meantime. Reload and try again.');

/** An owner sets a level on the delegation board, with a reason kept in the history. */
export async function setLevel(
  ctx: MemberCtx,
  memberId: string,
  areaId: string,
  input: SetLevelBody,
): Promise<MemberAreaAutonomy> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  try {
    await db.transaction().execute(async (trx) => {
      const area = await requireCell(trx, ctx, memberId, areaId);
      const settings = await loadSettings(trx, workspaceId);
      const state = await cellState(trx, ctx.deps, settings, area, memberId);
      const checked = checkSetLevel({
        from: state.grant.level,
        to: input.level,
        maxLevel: area.max_level,
        reason: input.reason,
      });
      if (!checked.ok) throw problemsError(checked.problems);
      await changeLevel(trx, ctx.deps, state, {
        to: checked.value.to,
        kind: 'manual',
        decidedBy: ctx.user.id,
        reason: checked.value.reason,
        proposalId: null,
      });
      publishCell(after, workspaceId, areaId);
    });
  } catch (err) {
    if (err instanceof LevelRace) throw levelConflict();
    throw err;
  }
  after.flush(ctx.deps);
  return memberArea(ctx, memberId, areaId);
}

// ---------------------------------------------------------------------------------------------
// Proposals

/** Owners see every proposal; an assistant only their own. */
export async function listProposals(ctx: MemberCtx, query: ProposalListQuery): Promise<Proposal[]> {
  const isOwner = ctx.membership.role === 'owner';
  if (!isOwner && query.memberId !== undefined && query.memberId !== ctx.user.id) return [];
  const rows = await listProposalRows(ctx.deps.db, ctx.membership.workspaceId, {
    ...(query.status !== undefined ? { status: query.status } : {}),
    ...(query.areaId !== undefined ? { areaId: query.areaId } : {}),
    ...(isOwner
      ? query.memberId !== undefined
        ? { memberId: query.memberId }
        : {}
      : { memberId: ctx.user.id }),
  });
  return rows.map(toProposal);
}

const alreadyPending = () =>
  new AppError('conflict', 'There is already a pending proposal for this area; it is decided first.');

async function createProposal(
  trx: Transaction<Database>,
  deps: Deps,
  after: AfterCommit,
  row: ProposalRow,
): Promise<boolean> {
  // Checked first so the usual case fails softly; two writers racing past the check are
  // settled by the partial unique index (one pending proposal per cell), and the loser's
  // transaction fails with a unique violation that callers turn into `conflict`.
  const existing = await findPendingProposal(trx, row.workspace_id, row.member_id, row.area_id);
  if (existing) return false;
  await insertProposal(trx, row);
  await notifyProposal(trx, deps, after, row);
  publishCell(after, row.workspace_id, row.area_id);
  return true;
}

/** An assistant asks for another level in one of their areas, with a note. */
export async function requestLevelChange(ctx: MemberCtx, input: RequestLevelChangeBody): Promise<Proposal> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  if (ctx.membership.role === 'owner') {
    throw new AppError('forbidden', 'Owners set levels directly on the delegation board.');
  }
  const after = new AfterCommit();
  let row: ProposalRow | null = null;
  try {
    await db.transaction().execute(async (trx) => {
      const area = await requireCell(trx, ctx, ctx.user.id, input.areaId).catch(() => {
        throw new AppError('validation_failed', 'Invalid body: areaId is not one of your areas', {
          fields: [{ field: 'areaId', message: 'is not one of your areas' }],
        });
      });
      const settings = await loadSettings(trx, workspaceId);
      const state = await cellState(trx, ctx.deps, settings, area, ctx.user.id);
      const checked = checkLevelRequest({
        from: state.grant.level,
        to: input.to,
        maxLevel: area.max_level,
        note: input.note,
      });
      if (!checked.ok) throw problemsError(checked.problems);
      row = {
        id: newId(),
        workspace_id: workspaceId,
        member_id: ctx.user.id,
        area_id: area.id,
        from_level: checked.value.from,
        to_level: checked.value.to,
        kind: 'assistant_request',
        status: 'pending',
        evidence: JSON.stringify(state.evidence),
        explanation: null,
        note: checked.value.note,
        decided_by: null,
        decision_reason: null,
        created_at: clock.now().toISOString(),
        decided_at: null,
      };
      if (!(await createProposal(trx, ctx.deps, after, row))) throw alreadyPending();
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyPending();
    throw err;
  }
  after.flush(ctx.deps);
  if (!row) throw new Error('proposal not created');
  return toProposal(row);
}

/**
 * Re-reads the evidence of a cell after something changed (a review decision, time passing)
 * and makes the proposals the rules call for: a promotion when the criteria are met, one
 * level down after repeated tightenings. Never changes a level. Returns the new proposal.
 */
export async function evaluateCell(
  trx: Transaction<Database>,
  deps: Deps,
  after: AfterCommit,
  area: AreaRow,
  memberId: string,
): Promise<ProposalRow | null> {
  const workspaceId = area.workspace_id;
  if (!(await assistantIds(trx, workspaceId)).has(memberId)) return null;
  const settings = await loadSettings(trx, workspaceId);
  const cell = await cellLevel(trx, deps, area, memberId);
  if (await findPendingProposal(trx, workspaceId, memberId, area.id)) return null;
  const now = deps.clock.now();
  // The review history grows with every review; read it only when it could lead somewhere:
  // a promotion the grant and the days at level allow, or a demotion (never below level 1).
  const promotionPossible = !promotionOutOfReach({
    level: cell.grant.level,
    maxLevel: area.max_level,
    levelSince: cell.grant.since,
    settings,
    now,
  });
  if (!promotionPossible && cell.grant.level <= 1) return null;
  const state = await cellState(trx, deps, settings, area, memberId, cell);
  const base = {
    workspace_id: workspaceId,
    member_id: memberId,
    area_id: area.id,
    status: 'pending' as const,
    evidence: JSON.stringify(state.evidence),
    note: '',
    decided_by: null,
    decision_reason: null,
    created_at: now.toISOString(),
    decided_at: null,
  };
  const promotion = state.evidence.promotion;
  if (promotion.eligible && promotion.to !== null) {
    const row: ProposalRow = {
      ...base,
      id: newId(),
      from_level: promotion.from,
      to_level: promotion.to,
      kind: 'auto_promotion',
      explanation: JSON.stringify(promotion.explanation),
    };
    return (await createProposal(trx, deps, after, row)) ? row : null;
  }
  const lastChange = state.changes[state.changes.length - 1]?.created_at ?? null;
  const lastSuggestion = await lastDemotionSuggestionAt(trx, workspaceId, memberId, area.id);
  const notBefore =
    [lastChange, lastSuggestion]
      .filter((v): v is string => v !== null)
      .sort()
      .pop() ?? null;
  const demotion = shouldProposeDemotion({
    level: state.grant.level,
    tighteningStarts: state.tighteningStarts,
    settings,
    now,
    notBefore,
  });
  if (demotion.propose && demotion.to !== null) {
    const row: ProposalRow = {
      ...base,
      id: newId(),
      from_level: demotion.from,
      to_level: demotion.to,
      kind: 'demotion_suggestion',
      explanation: JSON.stringify(demotion.explanation),
    };
    return (await createProposal(trx, deps, after, row)) ? row : null;
  }
  return null;
}

/**
 * What `evaluateCell` would conclude before it reads the review history, from a few reads
 * outside any transaction: no open area, not an assistant, or a grant that can neither be
 * promoted yet (days at level, maxLevel) nor suggested one level down (level 1). A review
 * then costs no second transaction. Anything else goes to `evaluateCell`, which decides.
 */
async function nothingToEvaluate(
  deps: Deps,
  workspaceId: string,
  areaId: string,
  memberId: string,
): Promise<boolean> {
  // Four small reads in one round trip: reading all is cheaper than waiting for each.
  const [area, role, grant, settings] = await onOneConnection(deps.db, (conn) =>
    together(
      conn,
      (q) => findArea(q, workspaceId, areaId),
      (q) => memberRole(q, workspaceId, memberId),
      (q) => findGrant(q, workspaceId, memberId, areaId),
      (q) => loadSettings(q, workspaceId),
    ),
  );
  if (!area || area.archived_at !== null) return true;
  if (role !== 'assistant') return true;
  // No grant yet: evaluateCell makes it (level 1, since now), which nothing can follow on.
  if (!grant || grant.level > 1) return false;
  return promotionOutOfReach({
    level: grant.level,
    maxLevel: area.max_level,
    levelSince: grant.since,
    settings,
    now: deps.clock.now(),
  });
}

/**
 * `evaluateCell` in a transaction of its own, after whatever changed the evidence has
 * committed: a failure here (say, another node made the same proposal a moment earlier)
 * never undoes the review decision that led to it. Returns whether a proposal was made.
 */
export async function evaluateCellNow(
  deps: Deps,
  workspaceId: string,
  areaId: string,
  memberId: string,
): Promise<boolean> {
  const after = new AfterCommit();
  try {
    if (await nothingToEvaluate(deps, workspaceId, areaId, memberId)) return false;
    const made = await deps.db.transaction().execute(async (trx) => {
      const area = await findArea(trx, workspaceId, areaId);
      if (!area || area.archived_at !== null) return null;
      return evaluateCell(trx, deps, after, area, memberId);
    });
    after.flush(deps);
    return made !== null;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    deps.log.error({ err, workspaceId, areaId, memberId }, 'autonomy: could not evaluate a cell');
    return false;
  }
}

/**
 * An owner accepts or declines a pending proposal (declining needs a reason). The decision is
 * a conditional update on the pending status, so of two owners deciding at once exactly one
 * wins; the other gets `conflict`. Accepting changes the grant and records the change.
 */
export async function decideProposal(
  ctx: MemberCtx,
  proposalId: string,
  input: DecideProposalBody,
): Promise<Proposal> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const decided = new AppError('conflict', 'This proposal has already been decided.');
  let result: ProposalRow | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      const current = await findProposal(trx, workspaceId, proposalId);
      if (!current) throw proposalNotFound();
      const checked = decideProposalRule(
        { kind: current.kind, from: current.from_level, to: current.to_level, status: current.status },
        { decision: input.decision, reason: input.reason ?? null },
      );
      if (!checked.ok) {
        if (checked.problems.some((p) => p.code === 'already_decided')) throw decided;
        throw problemsError(checked.problems);
      }
      const now = clock.now().toISOString();
      const reason = (input.reason ?? '').trim();
      result = await decideProposalIfPending(trx, workspaceId, proposalId, {
        status: checked.value.status,
        decided_by: ctx.user.id,
        decision_reason: reason === '' ? null : reason,
        decided_at: now,
      });
      if (!result) throw decided;
      const change = checked.value.change;
      if (change) {
        const area = await findArea(trx, workspaceId, current.area_id);
        if (!area) throw proposalNotFound();
        const settings = await loadSettings(trx, workspaceId);
        const state = await cellState(trx, ctx.deps, settings, area, current.member_id);
        if (state.grant.level !== change.from) {
          throw new AppError(
            'conflict',
            'The level changed since this proposal was made; decline it instead.',
          );
        }
        if (change.to > area.max_level) {
          throw problemsError([
            {
              field: 'decision',
              code: 'level_above_max',
              message: `This area goes up to level ${area.max_level}.`,
              params: { maxLevel: area.max_level },
            },
          ]);
        }
        await changeLevel(trx, ctx.deps, state, {
          to: change.to,
          kind: change.kind,
          decidedBy: ctx.user.id,
          reason: reason === '' ? current.note || 'Proposal accepted' : reason,
          proposalId: current.id,
        });
      }
      publishCell(after, workspaceId, current.area_id);
    });
  } catch (err) {
    if (err instanceof LevelRace) throw levelConflict();
    throw err;
  }
  after.flush(ctx.deps);
  if (!result) throw decided;
  return toProposal(result);
}

// ---------------------------------------------------------------------------------------------
// Support episodes

/** Owners see every episode; an assistant their own. */
export async function listSupportEpisodes(ctx: MemberCtx): Promise<SupportEpisode[]> {
  const rows = await listEpisodes(
    ctx.deps.db,
    ctx.membership.workspaceId,
    ctx.membership.role === 'owner' ? {} : { memberId: ctx.user.id },
  );
  return rows.map(toEpisode);
}

/** Starts close guidance for an assistant × area, with a reason, a cap and a planned end. */
export async function startEpisode(ctx: MemberCtx, input: StartEpisodeBody): Promise<SupportEpisode> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const row = await db.transaction().execute(async (trx) => {
    const area = await findArea(trx, workspaceId, input.areaId);
    const fields = [];
    if (!area) fields.push({ field: 'areaId', message: 'is not an area of this workspace' });
    if (!(await assistantIds(trx, workspaceId)).has(input.memberId)) {
      fields.push({ field: 'memberId', message: 'is not an assistant of this workspace' });
    }
    if (fields.length > 0 || !area) {
      throw new AppError('validation_failed', `Invalid body: ${fields[0]?.field} ${fields[0]?.message}`, {
        fields,
      });
    }
    const settings = await loadSettings(trx, workspaceId);
    const now = clock.now();
    const checked = validateNewEpisode(
      {
        reason: input.reason,
        capLevel: input.capLevel,
        startsAt: input.startsAt ?? now,
        plannedEndAt: input.plannedEndAt ?? null,
      },
      settings,
    );
    if (!checked.ok) throw problemsError(checked.problems);
    await ensureGrant(trx, ctx.deps, workspaceId, input.memberId, area.id);
    const episode: EpisodeRow = {
      id: newId(),
      workspace_id: workspaceId,
      member_id: input.memberId,
      area_id: area.id,
      reason: checked.value.reason,
      cap_level: checked.value.capLevel,
      note: (input.note ?? '').trim(),
      started_by: ctx.user.id,
      starts_at: checked.value.startsAt,
      planned_end_at: checked.value.plannedEndAt,
      ended_at: null,
      extensions: '[]',
      created_at: now.toISOString(),
    };
    await insertEpisode(trx, episode);
    publishCell(after, workspaceId, area.id);
    return episode;
  });
  after.flush(ctx.deps);
  return toEpisode(row);
}

const episodeChanged = () =>
  new AppError(
    'conflict',
    'Someone else changed this support episode in the meantime. Reload and try again.',
  );

/** Extends a running episode, only with a reason and never beyond the maximum length. */
export async function extendEpisode(
  ctx: MemberCtx,
  episodeId: string,
  input: ExtendEpisodeBody,
): Promise<SupportEpisode> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const row = await db.transaction().execute(async (trx) => {
    const current = await findEpisode(trx, workspaceId, episodeId);
    if (!current) throw episodeNotFound();
    const settings = await loadSettings(trx, workspaceId);
    const checked = extendEpisodeRule(
      toEpisode(current),
      { by: ctx.user.id, reason: input.reason, newEnd: input.newEnd, at: clock.now() },
      settings,
    );
    if (!checked.ok) throw problemsError(checked.problems);
    const updated = await updateEpisodeIf(
      trx,
      workspaceId,
      episodeId,
      { plannedEndAt: current.planned_end_at, endedAt: current.ended_at },
      { planned_end_at: checked.value.plannedEndAt, extensions: JSON.stringify(checked.value.extensions) },
    );
    if (!updated) throw episodeChanged();
    publishCell(after, workspaceId, current.area_id);
    return updated;
  });
  after.flush(ctx.deps);
  return toEpisode(row);
}

/** Ends a running episode early. Ending one that is over already changes nothing. */
export async function endEpisode(
  ctx: MemberCtx,
  episodeId: string,
  _input: EndEpisodeBody,
): Promise<SupportEpisode> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const row = await db.transaction().execute(async (trx) => {
    const current = await findEpisode(trx, workspaceId, episodeId);
    if (!current) throw episodeNotFound();
    const now = clock.now().toISOString();
    if (current.ended_at !== null || current.planned_end_at <= now) return current;
    // Not started yet: ending it means it never runs; its end is its start.
    const endedAt = [current.starts_at, now].sort()[1] ?? now;
    const updated = await updateEpisodeIf(
      trx,
      workspaceId,
      episodeId,
      { plannedEndAt: current.planned_end_at, endedAt: null },
      { ended_at: endedAt },
    );
    if (!updated) throw episodeChanged();
    publishCell(after, workspaceId, current.area_id);
    return updated;
  });
  after.flush(ctx.deps);
  return toEpisode(row);
}
