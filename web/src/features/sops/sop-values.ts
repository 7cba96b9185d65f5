import {
  checkSopDraft,
  type SopDetail,
  type SopListQuery,
  type SopProblem,
  type SopStep,
  type SopSummary,
  type SopVersionView,
  sopLimits,
} from '@leeway/core';

/** `?areaId=…&status=…` for the library's list; empty filters are left out. */
export function listQueryString(query: SopListQuery): string {
  const params = new URLSearchParams();
  if (query.areaId) params.set('areaId', query.areaId);
  if (query.status) params.set('status', query.status);
  if (query.reviewDue === 'true') params.set('reviewDue', 'true');
  const q = query.q?.trim();
  if (q) params.set('q', q.slice(0, 200));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A step being edited; `key` keeps React and drag and drop attached to it while it moves. */
export interface EditStep extends SopStep {
  key: string;
}

export interface EditDraft {
  title: string;
  purpose: string;
  steps: EditStep[];
}

let nextKey = 0;
export function newStepKey(): string {
  nextKey += 1;
  return `step-${nextKey}`;
}

/** The editor's starting point: the draft if there is one, else the current version, else blank. */
export function editDraftFrom(source: Pick<SopVersionView, 'title' | 'purpose' | 'steps'> | null): EditDraft {
  if (!source) return { title: '', purpose: '', steps: [{ key: newStepKey(), text: '', checkpoint: false }] };
  return {
    title: source.title,
    purpose: source.purpose,
    steps: source.steps.map((s) => ({ key: newStepKey(), text: s.text, checkpoint: s.checkpoint })),
  };
}

/** What the server receives: the steps without their editor keys. */
export function draftBody(draft: EditDraft): { title: string; purpose: string; steps: SopStep[] } {
  return {
    title: draft.title,
    purpose: draft.purpose,
    steps: draft.steps.map(({ text, checkpoint }) => ({ text, checkpoint })),
  };
}

export function sameDraft(a: EditDraft, b: EditDraft): boolean {
  return JSON.stringify(draftBody(a)) === JSON.stringify(draftBody(b));
}

/** Moves one element; out-of-range moves return the list unchanged. */
export function moveStep<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return [...list];
  const next = [...list];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}

/** Field names the editor shows problems on: `title`, `purpose`, `steps`, `steps/3/text`. */
export type DraftProblems = Record<string, SopProblem>;

/** Core's `checkSopDraft`, keyed by field, so the editor validates as one types. */
export function draftProblems(draft: EditDraft): DraftProblems {
  const checked = checkSopDraft(draftBody(draft));
  if (checked.ok) return {};
  const out: DraftProblems = {};
  for (const problem of checked.problems) out[problem.field] ??= problem;
  return out;
}

/** Shown while typing rather than only after leaving the field: a text that grew too long. */
export function isImmediate(problem: SopProblem): boolean {
  return problem.code === 'too_long' || problem.code === 'too_many';
}

/** The server's field paths (`/steps/2/text`, `body/title`) in the editor's form. */
export function normalizeSopField(path: string): string {
  const parts = path
    .replace(/^[#/.]+/, '')
    .split(/[/.]/)
    .filter((p) => p.length > 0);
  if (parts[0] === 'body') parts.shift();
  return parts.join('/');
}

/** The draft a 409 carries: a version view, or the whole SOP page with its draft. */
export function conflictDraft(error: unknown): SopVersionView | null {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== 'conflict')
    return null;
  const current = (error as { details?: { current?: unknown } }).details?.current;
  if (typeof current !== 'object' || current === null) return null;
  if ('versions' in current && 'draft' in current) return (current as SopDetail).draft;
  if ('steps' in current && 'version' in current) return current as SopVersionView;
  return null;
}

/**
 * A level-1 submit with SOP steps unticked: 400 whose first field issue has the code
 * `sop_steps_unticked` and `details.missingSteps` (step indexes). Null for anything else.
 */
export function uncheckedSopSteps(error: unknown): number[] | null {
  if (typeof error !== 'object' || error === null) return null;
  const details = (error as { details?: unknown }).details;
  if (typeof details !== 'object' || details === null) return null;
  const fields = (details as { fields?: unknown }).fields;
  const first = Array.isArray(fields) ? (fields[0] as { code?: unknown } | undefined) : undefined;
  if (first?.code !== 'sop_steps_unticked') return null;
  const missing = (details as { missingSteps?: unknown }).missingSteps;
  return Array.isArray(missing) ? missing.filter((n): n is number => typeof n === 'number') : [];
}

/** The reminder banner: published SOPs the reader owns whose review is due. */
export function ownDueReviews(sops: readonly SopSummary[], userId: string): SopSummary[] {
  return sops.filter((s) => s.reviewDue && s.ownerId === userId);
}

/** Sorted, distinct published version numbers for the compare picker, newest first. */
export function versionNumbers(detail: Pick<SopDetail, 'versions'>): number[] {
  return [...new Set(detail.versions.map((v) => v.number))].sort((a, b) => b - a);
}

/** A sensible default pair to compare: the previous version against the current one. */
export function defaultComparePair(numbers: readonly number[]): { from: number; to: number } | null {
  if (numbers.length < 2) return null;
  const [to, from] = numbers;
  return to !== undefined && from !== undefined ? { from, to } : null;
}

export function checkReviewInterval(value: string): 'required' | 'integer_between' | null {
  if (value.trim() === '') return 'required';
  const n = Number(value);
  if (!Number.isInteger(n) || n < sopLimits.reviewEveryDaysMin || n > sopLimits.reviewEveryDaysMax)
    return 'integer_between';
  return null;
}
