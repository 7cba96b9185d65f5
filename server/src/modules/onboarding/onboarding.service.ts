import {
  type AddOnboardingItemBody,
  AppError,
  type Charter,
  type CreateOnboardingTemplateBody,
  checkCharter,
  firstThirtyDaysTemplate,
  type Locale,
  type OnboardingItem,
  type OnboardingItemKind,
  type OnboardingPlan,
  type OnboardingPlanListQuery,
  type OnboardingPlanSummary,
  type OnboardingTemplateListQuery,
  type OnboardingTemplateView,
  type PlannedOnboardingItem,
  planItemsFromTemplate,
  type SopProblem,
  type StartOnboardingPlanBody,
  type UpdateOnboardingItemBody,
  type UpdateOnboardingPlanBody,
  validateNewEpisode,
} from '@leeway/core';
import type { Kysely, Transaction } from 'kysely';
import type { MemberCtx } from '../../context.ts';
import type { Database } from '../../db/schema.ts';
import { AfterCommit } from '../../events/after-commit.ts';
import { DAY } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import {
  type EpisodeRow,
  insertEpisode,
  parseJson,
  updateEpisodeIf,
} from '../autonomy/autonomy.repository.ts';
import { ensureGrant, loadSettings, problemsError } from '../autonomy/autonomy.service.ts';
import { findVisibleTask, loadViewer } from '../tasks/visibility.ts';
import { publishPlanChanged } from './onboarding.hooks.ts';
import {
  areaIdsAmong,
  deleteItem as deleteItemRow,
  deleteTemplate as deleteTemplateRow,
  findAssistant,
  findItem,
  findPlan,
  findTemplate,
  type ItemRow,
  type ItemWithTitles,
  insertItems,
  insertPlan,
  insertTemplate,
  itemCountsByDueDay,
  listItems,
  listPlanRows,
  listTemplateRows,
  nextItemPosition,
  openEpisodeOf,
  type PlanRow,
  type PlanWithName,
  planEpisodeRows,
  sopsByIds,
  type TemplateRow,
  updateItem as updateItemRow,
  updatePlanIfVersion,
} from './onboarding.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

const BUILT_IN_KEY = firstThirtyDaysTemplate.key;
/** Onboarding caps the assistant at Reviewed (L2) in the plan's areas while it runs. */
const ONBOARDING_CAP = 2;
const UUID = /^[0-9a-fA-F-]{36}$/;

const planNotFound = () => new AppError('not_found', 'Onboarding plan not found.');
const itemNotFound = () => new AppError('not_found', 'Onboarding item not found.');
const templateNotFound = () => new AppError('not_found', 'Onboarding template not found.');

interface Field {
  field: string;
  message: string;
  code?: string;
}

function fieldsError(fields: Field[]): AppError {
  const first = fields[0];
  return new AppError('validation_failed', `Invalid body: ${first?.field} ${first?.message}`, { fields });
}

/** Core's SOP-rule problems as the API's field-named 400, under a path prefix (`charter/`). */
function sopProblemFields(problems: SopProblem[], prefix = ''): Field[] {
  return problems.map((p) => ({ field: `${prefix}${p.field}`, message: p.message, code: p.code }));
}

function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

// ---------------------------------------------------------------------------------------------
// Templates

interface StoredTemplateItem {
  kind: OnboardingItemKind;
  title: string;
  dueDay: number;
  access: { system: string; leastPrivilege: string } | null;
}

function builtInView(locale: Locale): OnboardingTemplateView {
  const t = firstThirtyDaysTemplate;
  return {
    key: t.key,
    builtIn: true,
    name: t.name[locale],
    charter: t.charter[locale],
    items: planItemsFromTemplate(t, '2000-01-01', locale).map((i) => ({
      kind: i.kind,
      title: i.title,
      dueDay: i.dueDay,
      access: i.access,
    })),
  };
}

function storedItems(row: TemplateRow): StoredTemplateItem[] {
  return parseJson<StoredTemplateItem[]>(row.items, [])
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.dueDay - b.item.dueDay || a.index - b.index)
    .map(({ item }) => ({ ...item, access: item.access ?? null }));
}

function emptyCharter(): Charter {
  return { outcomes: [], workingHours: '', responseTimes: '', authorityNotes: '' };
}

function workspaceView(row: TemplateRow): OnboardingTemplateView {
  return {
    key: row.id,
    builtIn: false,
    name: row.name,
    charter: { ...emptyCharter(), ...parseJson<Partial<Charter>>(row.charter, {}) },
    items: storedItems(row),
  };
}

/** The built-in template in the asked language (default: the caller's), then the workspace's own. */
export async function listTemplates(
  ctx: MemberCtx,
  query: OnboardingTemplateListQuery,
): Promise<OnboardingTemplateView[]> {
  const locale = query.locale ?? ctx.user.locale;
  const rows = await listTemplateRows(ctx.deps.db, ctx.membership.workspaceId);
  return [builtInView(locale), ...rows.map(workspaceView)];
}

/**
 * A workspace's own template, in the language it is written in. Its charter may be partial
 * (a plan started from it completes it), so only the schema's limits apply here.
 */
export async function createTemplate(
  ctx: MemberCtx,
  input: CreateOnboardingTemplateBody,
): Promise<OnboardingTemplateView> {
  const row: TemplateRow = {
    id: newId(),
    workspace_id: ctx.membership.workspaceId,
    name: input.name.trim(),
    charter: JSON.stringify({
      outcomes: input.charter.outcomes.map((o) => o.trim()),
      workingHours: input.charter.workingHours.trim(),
      responseTimes: input.charter.responseTimes.trim(),
      authorityNotes: input.charter.authorityNotes.trim(),
    }),
    items: JSON.stringify(
      input.items.map((i) => ({
        kind: i.kind,
        title: i.title.trim(),
        dueDay: i.dueDay,
        access: i.kind === 'access' && i.access ? i.access : null,
      })),
    ),
    created_by: ctx.user.id,
    created_at: ctx.deps.clock.now().toISOString(),
  };
  await insertTemplate(ctx.deps.db, row);
  return workspaceView(row);
}

export async function deleteTemplate(ctx: MemberCtx, templateId: string): Promise<void> {
  if (!(await deleteTemplateRow(ctx.deps.db, ctx.membership.workspaceId, templateId))) {
    throw templateNotFound();
  }
}

// ---------------------------------------------------------------------------------------------
// Shapes

function toItem(row: ItemWithTitles, startsOn: string, today: string): OnboardingItem {
  const dueOn = addDays(startsOn, row.due_day);
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    dueDay: row.due_day,
    dueOn,
    access:
      row.access_system !== null
        ? { system: row.access_system, leastPrivilege: row.access_privilege ?? '' }
        : null,
    sopId: row.sop_id,
    sopTitle: row.sop_id !== null ? (row.sop_title ?? null) : null,
    taskId: row.task_id,
    taskTitle: row.task_id !== null ? (row.task_title ?? null) : null,
    doneAt: row.done_at,
    doneBy: row.done_by,
    doneHow: row.done_how,
    overdue: row.done_at === null && dueOn < today,
  };
}

function summaryOf(
  row: PlanWithName,
  counts: { done: number; total: number; overdue: number },
): OnboardingPlanSummary {
  return {
    id: row.id,
    assistantId: row.assistant_id,
    assistantName: row.assistant_name,
    title: row.title,
    templateKey: row.template_key,
    startsOn: row.starts_on,
    areaIds: parseJson<string[]>(row.area_ids, []),
    status: row.status,
    itemsDone: counts.done,
    itemsTotal: counts.total,
    itemsOverdue: counts.overdue,
    version: row.version,
    createdAt: row.created_at,
  };
}

/** A whole plan as the API shows it, in the caller's language for the password note. */
export async function loadPlanView(db: Q, ctx: MemberCtx, row: PlanWithName): Promise<OnboardingPlan> {
  const workspaceId = ctx.membership.workspaceId;
  const today = todayOf(ctx.deps.clock.now());
  const items = (await listItems(db, workspaceId, row.id)).map((i) => toItem(i, row.starts_on, today));
  const areaIds = parseJson<string[]>(row.area_ids, []);
  const episodes = await planEpisodeRows(db, workspaceId, row, areaIds);
  return {
    ...summaryOf(row, {
      done: items.filter((i) => i.doneAt !== null).length,
      total: items.length,
      overdue: items.filter((i) => i.overdue).length,
    }),
    charter: { ...emptyCharter(), ...parseJson<Partial<Charter>>(row.charter, {}) },
    items,
    episodeIds: episodes.map((e) => e.id),
    passwordNote: firstThirtyDaysTemplate.passwordNote[ctx.user.locale],
  };
}

/** The plan, if the caller may see it: owners, and the plan's assistant. Anyone else: 404. */
async function requireVisiblePlan(db: Q, ctx: MemberCtx, planId: string): Promise<PlanWithName> {
  const plan = await findPlan(db, ctx.membership.workspaceId, planId);
  if (!plan) throw planNotFound();
  if (ctx.membership.role !== 'owner' && plan.assistant_id !== ctx.user.id) throw planNotFound();
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Plans

/** Owners see every plan; an assistant only their own. Counts come from one grouped query. */
export async function listPlans(
  ctx: MemberCtx,
  query: OnboardingPlanListQuery,
): Promise<OnboardingPlanSummary[]> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const isOwner = ctx.membership.role === 'owner';
  if (!isOwner && query.assistantId !== undefined && query.assistantId !== ctx.user.id) return [];
  const rows = await listPlanRows(db, workspaceId, {
    ...(isOwner
      ? query.assistantId !== undefined
        ? { assistantId: query.assistantId }
        : {}
      : { assistantId: ctx.user.id }),
    ...(query.status !== undefined ? { status: query.status } : {}),
  });
  const counts = await itemCountsByDueDay(
    db,
    workspaceId,
    rows.map((r) => r.id),
  );
  const today = todayOf(ctx.deps.clock.now());
  const startOf = new Map(rows.map((r) => [r.id, r.starts_on]));
  const byPlan = new Map<string, { done: number; total: number; overdue: number }>();
  for (const c of counts) {
    const acc = byPlan.get(c.plan_id) ?? { done: 0, total: 0, overdue: 0 };
    const total = Number(c.total);
    const done = Number(c.done);
    acc.total += total;
    acc.done += done;
    // Due on start + dueDay; overdue when that day is before today and the item is open.
    const start = startOf.get(c.plan_id);
    if (start !== undefined && c.due_day < daysBetween(start, today)) acc.overdue += total - done;
    byPlan.set(c.plan_id, acc);
  }
  return rows.map((r) => summaryOf(r, byPlan.get(r.id) ?? { done: 0, total: 0, overdue: 0 }));
}

export async function getPlan(ctx: MemberCtx, planId: string): Promise<OnboardingPlan> {
  const plan = await requireVisiblePlan(ctx.deps.db, ctx, planId);
  return loadPlanView(ctx.deps.db, ctx, plan);
}

function ackTitle(locale: Locale, sopTitle: string): string {
  return locale === 'de' ? `Bestätigen: ${sopTitle}` : `Acknowledge: ${sopTitle}`;
}

/**
 * Starts a plan for an assistant (DESIGN §6): the charter, the template's items dated from the
 * start, and, in the same transaction, one onboarding support episode (cap L2) per chosen
 * area unless the cell already has one running or planned.
 */
export async function startPlan(ctx: MemberCtx, input: StartOnboardingPlanBody): Promise<OnboardingPlan> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const plan = await db.transaction().execute(async (trx) => {
    const fields: Field[] = [];
    const assistant = await findAssistant(trx, workspaceId, input.assistantId);
    if (!assistant) fields.push({ field: 'assistantId', message: 'is not an assistant of this workspace' });
    if (!Number.isFinite(Date.parse(`${input.startsOn}T00:00:00Z`))) {
      fields.push({ field: 'startsOn', message: 'is not a date' });
    }
    const areaIds = [...new Set(input.areaIds)];
    const knownAreas = await areaIdsAmong(trx, workspaceId, areaIds);
    input.areaIds.forEach((id, i) => {
      if (!knownAreas.has(id))
        fields.push({ field: `areaIds/${i}`, message: 'is not an area of this workspace' });
    });
    const sopIds = [...new Set(input.sopIds ?? [])];
    const sops = await sopsByIds(trx, workspaceId, sopIds);
    const published = new Map(sops.filter((s) => s.status === 'published').map((s) => [s.id, s]));
    (input.sopIds ?? []).forEach((id, i) => {
      if (!published.has(id)) {
        fields.push({ field: `sopIds/${i}`, message: 'is not a published SOP of this workspace' });
      }
    });
    const locale: Locale = input.locale ?? assistant?.locale ?? ctx.user.locale;
    let template: TemplateRow | undefined;
    if (input.templateKey !== BUILT_IN_KEY) {
      template = UUID.test(input.templateKey)
        ? await findTemplate(trx, workspaceId, input.templateKey)
        : undefined;
      if (!template) fields.push({ field: 'templateKey', message: 'is not a template of this workspace' });
    }
    const baseCharter: Partial<Charter> = template
      ? parseJson<Partial<Charter>>(template.charter, {})
      : firstThirtyDaysTemplate.charter[locale];
    const charter = checkCharter(input.charter ?? baseCharter);
    if (!charter.ok) fields.push(...sopProblemFields(charter.problems, 'charter/'));
    if (fields.length > 0 || !assistant || !charter.ok) throw fieldsError(fields);

    const planned: PlannedOnboardingItem[] = template
      ? storedItems(template).map((i) => ({ ...i, dueOn: addDays(input.startsOn, i.dueDay) }))
      : planItemsFromTemplate(firstThirtyDaysTemplate, input.startsOn, locale);
    const now = clock.now();
    const at = now.toISOString();
    const planId = newId();
    const row: PlanRow = {
      id: planId,
      workspace_id: workspaceId,
      assistant_id: assistant.id,
      title: template ? template.name : firstThirtyDaysTemplate.name[locale],
      template_key: input.templateKey,
      starts_on: input.startsOn,
      charter: JSON.stringify(charter.value),
      area_ids: JSON.stringify(areaIds),
      status: 'active',
      created_by: ctx.user.id,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await insertPlan(trx, row);

    const items: ItemRow[] = [];
    const base = (p: { kind: OnboardingItemKind; title: string; dueDay: number }): ItemRow => ({
      id: newId(),
      workspace_id: workspaceId,
      plan_id: planId,
      kind: p.kind,
      title: p.title,
      due_day: p.dueDay,
      position: items.length,
      sop_id: null,
      task_id: null,
      access_system: null,
      access_privilege: null,
      done_at: null,
      done_by: null,
      done_how: null,
    });
    let linked = sopIds.length === 0;
    const linkSops = (dueDay: number) => {
      for (const id of sopIds) {
        const sop = published.get(id);
        if (sop)
          items.push({
            ...base({ kind: 'acknowledge_sop', title: ackTitle(locale, sop.title), dueDay }),
            sop_id: id,
          });
      }
      linked = true;
    };
    for (const p of planned) {
      if (p.kind === 'acknowledge_sop' && sopIds.length > 0) {
        // One linked item per chosen SOP replaces the generic one(s).
        if (!linked) linkSops(p.dueDay);
        continue;
      }
      const item = base(p);
      if (p.access) {
        item.access_system = p.access.system;
        item.access_privilege = p.access.leastPrivilege;
      }
      items.push(item);
    }
    if (!linked) linkSops(3);
    await insertItems(trx, items);

    if (areaIds.length > 0) {
      const settings = await loadSettings(trx, workspaceId);
      const startMs = Math.max(Date.parse(`${input.startsOn}T00:00:00Z`), now.getTime());
      for (const areaId of areaIds) {
        if (await openEpisodeOf(trx, workspaceId, assistant.id, areaId, at)) continue;
        const checked = validateNewEpisode(
          { reason: 'onboarding', capLevel: ONBOARDING_CAP, startsAt: new Date(startMs), plannedEndAt: null },
          settings,
        );
        if (!checked.ok) throw problemsError(checked.problems);
        await ensureGrant(trx, ctx.deps, workspaceId, assistant.id, areaId);
        const episode: EpisodeRow = {
          id: newId(),
          workspace_id: workspaceId,
          member_id: assistant.id,
          area_id: areaId,
          reason: 'onboarding',
          cap_level: checked.value.capLevel,
          note: row.title,
          started_by: ctx.user.id,
          starts_at: checked.value.startsAt,
          planned_end_at: checked.value.plannedEndAt,
          ended_at: null,
          extensions: '[]',
          created_at: at,
        };
        await insertEpisode(trx, episode);
        after.publish({ workspaceId, event: { type: 'area.changed', areaId } });
      }
    }
    const stored = await findPlan(trx, workspaceId, planId);
    if (!stored) throw new Error('plan vanished');
    return stored;
  });
  after.flush(ctx.deps);
  return loadPlanView(db, ctx, plan);
}

/**
 * Changes the charter or the status, only on the version the owner saw. Cancelling ends the
 * plan's onboarding episodes that are still running or still to come.
 */
export async function updatePlan(
  ctx: MemberCtx,
  planId: string,
  input: UpdateOnboardingPlanBody,
): Promise<OnboardingPlan> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  const result = await db.transaction().execute(async (trx) => {
    const current = await requireVisiblePlan(trx, ctx, planId);
    if (current.version !== input.version) return { stale: current };
    let charterText = current.charter;
    if (input.charter !== undefined) {
      const checked = checkCharter(input.charter);
      if (!checked.ok) throw fieldsError(sopProblemFields(checked.problems, 'charter/'));
      charterText = JSON.stringify(checked.value);
    }
    const now = clock.now().toISOString();
    const status = input.status ?? current.status;
    const updated = await updatePlanIfVersion(trx, workspaceId, planId, input.version, {
      charter: charterText,
      status,
      updated_at: now,
    });
    if (!updated) return { stale: current };
    if (status === 'cancelled' && current.status !== 'cancelled') {
      const episodes = await planEpisodeRows(
        trx,
        workspaceId,
        current,
        parseJson<string[]>(current.area_ids, []),
      );
      for (const e of episodes) {
        if (e.ended_at !== null || e.planned_end_at <= now) continue;
        // Not started yet: ending it means it never runs; its end is its start.
        const endedAt = [e.starts_at, now].sort()[1] ?? now;
        await updateEpisodeIf(
          trx,
          workspaceId,
          e.id,
          { plannedEndAt: e.planned_end_at, endedAt: null },
          { ended_at: endedAt },
        );
        after.publish({ workspaceId, event: { type: 'area.changed', areaId: e.area_id } });
      }
    }
    return { stale: null };
  });
  if (result.stale) {
    const fresh = (await findPlan(db, workspaceId, planId)) ?? result.stale;
    throw new AppError('conflict', 'Someone else changed this plan in the meantime. Reload and try again.', {
      current: await loadPlanView(db, ctx, fresh),
    });
  }
  after.flush(ctx.deps);
  return getPlan(ctx, planId);
}

// ---------------------------------------------------------------------------------------------
// Items

/** Checks an item's links: an SOP of the workspace, a task the plan's assistant can see. */
async function checkLinks(
  db: Q,
  ctx: MemberCtx,
  plan: PlanRow,
  kind: OnboardingItemKind,
  links: { sopId?: string | null | undefined; taskId?: string | null | undefined },
): Promise<void> {
  const workspaceId = ctx.membership.workspaceId;
  const fields: Field[] = [];
  if (links.sopId) {
    if (kind !== 'acknowledge_sop') {
      fields.push({ field: 'sopId', message: 'links only acknowledge_sop items' });
    } else if ((await sopsByIds(db, workspaceId, [links.sopId])).length === 0) {
      fields.push({ field: 'sopId', message: 'is not an SOP of this workspace' });
    }
  }
  if (links.taskId) {
    const viewer = await loadViewer(db, workspaceId, plan.assistant_id, 'assistant');
    if (kind !== 'first_task') {
      fields.push({ field: 'taskId', message: 'links only first_task items' });
    } else if (!(await findVisibleTask(db, viewer, workspaceId, links.taskId))) {
      fields.push({ field: 'taskId', message: 'is not a task the assistant can see' });
    }
  }
  if (fields.length > 0) throw fieldsError(fields);
}

export async function addItem(
  ctx: MemberCtx,
  planId: string,
  input: AddOnboardingItemBody,
): Promise<OnboardingPlan> {
  const { db } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  await db.transaction().execute(async (trx) => {
    const plan = await requireVisiblePlan(trx, ctx, planId);
    await checkLinks(trx, ctx, plan, input.kind, input);
    const access = input.kind === 'access' && input.access ? input.access : null;
    await insertItems(trx, [
      {
        id: newId(),
        workspace_id: workspaceId,
        plan_id: planId,
        kind: input.kind,
        title: input.title.trim(),
        due_day: input.dueDay,
        position: await nextItemPosition(trx, workspaceId, planId),
        sop_id: input.sopId ?? null,
        task_id: input.taskId ?? null,
        access_system: access?.system.trim() ?? null,
        access_privilege: access?.leastPrivilege.trim() ?? null,
        done_at: null,
        done_by: null,
        done_how: null,
      },
    ]);
  });
  return getPlan(ctx, planId);
}

/**
 * Ticks, unticks or edits an item. Both sides tick: owners and the plan's assistant set
 * `done`; only owners change the title, the day or the links.
 */
export async function updateItem(
  ctx: MemberCtx,
  planId: string,
  itemId: string,
  input: UpdateOnboardingItemBody,
): Promise<OnboardingPlan> {
  const { db, clock } = ctx.deps;
  const workspaceId = ctx.membership.workspaceId;
  const after = new AfterCommit();
  await db.transaction().execute(async (trx) => {
    const plan = await requireVisiblePlan(trx, ctx, planId);
    const item = await findItem(trx, workspaceId, planId, itemId);
    if (!item) throw itemNotFound();
    await publishPlanChanged(trx, after, workspaceId, plan.assistant_id);
    const ownerFields =
      input.title !== undefined ||
      input.dueDay !== undefined ||
      input.sopId !== undefined ||
      input.taskId !== undefined;
    if (ownerFields && ctx.membership.role !== 'owner') {
      throw new AppError('forbidden', 'Only owners change an item; you can tick it.');
    }
    await checkLinks(trx, ctx, plan, item.kind, input);
    const patch: Parameters<typeof updateItemRow>[3] = {};
    if (input.title !== undefined) patch.title = input.title.trim();
    if (input.dueDay !== undefined) patch.due_day = input.dueDay;
    if (input.sopId !== undefined) patch.sop_id = input.sopId;
    if (input.taskId !== undefined) patch.task_id = input.taskId;
    if (input.done === true && item.done_at === null) {
      patch.done_at = clock.now().toISOString();
      patch.done_by = ctx.user.id;
      patch.done_how = 'manual';
    } else if (input.done === false) {
      patch.done_at = null;
      patch.done_by = null;
      patch.done_how = null;
    }
    if (Object.keys(patch).length > 0) await updateItemRow(trx, workspaceId, itemId, patch);
  });
  after.flush(ctx.deps);
  return getPlan(ctx, planId);
}

export async function deleteItem(ctx: MemberCtx, planId: string, itemId: string): Promise<void> {
  const { db } = ctx.deps;
  await requireVisiblePlan(db, ctx, planId);
  if (!(await deleteItemRow(db, ctx.membership.workspaceId, planId, itemId))) throw itemNotFound();
}
