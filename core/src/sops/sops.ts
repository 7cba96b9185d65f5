import { canEditSops } from '../autonomy/rights.ts';
import { type AutonomyLevel, levelRules } from '../autonomy/values.ts';
import type { Role } from '../roles.ts';
import { checkText, sopProblem } from './internal.ts';
import type { SopChecked, SopProblem } from './problems.ts';

/** DESIGN §6: an SOP is drafted, published, and finally retired instead of deleted. */
export const sopStatuses = ['draft', 'published', 'retired'] as const;
export type SopStatus = (typeof sopStatuses)[number];

/** Sizes the forms and the database columns share. */
export const sopLimits = {
  titleMax: 200,
  purposeMax: 2000,
  stepTextMax: 4000,
  stepsMax: 100,
  changelogMax: 2000,
  reviewEveryDaysMin: 1,
  reviewEveryDaysMax: 3650,
  defaultReviewEveryDays: 180,
} as const;

export interface SopStep {
  /** Markdown. */
  text: string;
  /** A step the reviewer should look at in particular. */
  checkpoint: boolean;
}

export interface SopDraft {
  title: string;
  purpose: string;
  steps: SopStep[];
}

/**
 * Validates and trims a draft. At least one step, because an SOP without steps cannot be
 * pinned to a task as a checklist (DESIGN §6).
 */
export function checkSopDraft(input: {
  title?: string | null;
  purpose?: string | null;
  steps?: readonly { text?: string | null; checkpoint?: boolean | null }[] | null;
}): SopChecked<SopDraft> {
  const problems: SopProblem[] = [];
  const title = checkText('title', input.title, sopLimits.titleMax, true, problems);
  const purpose = checkText('purpose', input.purpose, sopLimits.purposeMax, false, problems);
  const rawSteps = input.steps ?? [];
  if (rawSteps.length === 0) problems.push(sopProblem('steps', 'required', 'Add at least one step.'));
  else if (rawSteps.length > sopLimits.stepsMax) {
    problems.push(sopProblem('steps', 'too_many', 'Too many steps.', { max: sopLimits.stepsMax }));
  }
  const steps = rawSteps.map((step, i) => ({
    text: checkText(`steps/${i}/text`, step.text, sopLimits.stepTextMax, true, problems),
    checkpoint: step.checkpoint === true,
  }));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { title, purpose, steps } };
}

/** Publishing numbers versions 1, 2, 3… after the highest one so far, gaps included. */
export function nextVersionNumber(existing: readonly number[]): number {
  return existing.reduce((max, n) => Math.max(max, n), 0) + 1;
}

const DAY_MS = 86_400_000;

/**
 * A published SOP whose review interval has passed since its last publication is due for
 * review; drafts and retired SOPs never are (DESIGN §6: due reviews show as reminders).
 */
export function reviewDue(
  sop: { status: SopStatus; reviewEveryDays: number; lastPublishedAt: Date | string | null },
  now: Date | string,
): boolean {
  if (sop.status !== 'published' || sop.lastPublishedAt === null) return false;
  const last =
    typeof sop.lastPublishedAt === 'string' ? Date.parse(sop.lastPublishedAt) : sop.lastPublishedAt.getTime();
  const at = typeof now === 'string' ? Date.parse(now) : now.getTime();
  if (!Number.isFinite(last) || !Number.isFinite(at)) return false;
  return at - last >= sop.reviewEveryDays * DAY_MS;
}

/** Edits and publishes an area's SOPs: the autonomy rule (owners and L5), named for this module. */
export function canEditSop(role: Role, effectiveLevel: AutonomyLevel): boolean {
  return canEditSops(role, effectiveLevel);
}

/**
 * DESIGN §4 "SOP steps": at level 1 every step must be ticked before submitting; above it the
 * steps are guidance, so submitting is always allowed. `missing` lists unticked step indexes.
 */
export function canSubmitWithSteps(
  level: AutonomyLevel,
  ticked: readonly boolean[],
): { ok: boolean; missing: number[] } {
  if (levelRules[level].sopSteps !== 'all_ticked') return { ok: true, missing: [] };
  const missing = ticked.flatMap((done, i) => (done ? [] : [i]));
  return { ok: missing.length === 0, missing };
}

/**
 * Who has acknowledged the current (highest published) version. An acknowledgement counts
 * when it is for a version at or after the latest one that requires re-acknowledgement;
 * versions without that flag keep earlier acknowledgements valid (DESIGN §6).
 */
export function acknowledgementState(input: {
  versions: readonly { number: number; requiresReacknowledgement: boolean }[];
  acknowledgements: readonly { memberId: string; versionNumber: number }[];
  memberIds: readonly string[];
}): { currentVersion: number | null; validFrom: number | null; acknowledged: string[]; pending: string[] } {
  if (input.versions.length === 0) {
    return { currentVersion: null, validFrom: null, acknowledged: [], pending: [...input.memberIds] };
  }
  const current = Math.max(...input.versions.map((v) => v.number));
  const validFrom = input.versions
    .filter((v) => v.requiresReacknowledgement && v.number <= current)
    .reduce((max, v) => Math.max(max, v.number), 1);
  const valid = new Set(
    input.acknowledgements
      .filter((a) => a.versionNumber >= validFrom && a.versionNumber <= current)
      .map((a) => a.memberId),
  );
  return {
    currentVersion: current,
    validFrom,
    acknowledged: input.memberIds.filter((id) => valid.has(id)),
    pending: input.memberIds.filter((id) => !valid.has(id)),
  };
}
