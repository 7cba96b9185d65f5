import {
  type AutonomySettings,
  type AutonomySettingsPatch,
  type Problem,
  type ProblemCode,
  problemCodes,
  promotionStepKeys,
} from '@leeway/core';

/** How a settings input reads its text: a whole count, a percentage (sent as a 0..1 rate) or a factor. */
export type SettingKind = 'count' | 'percent' | 'factor';

export interface SettingField {
  /** Core's field path, `promotion/toL3/minReviewed`: the same name problems and the server use. */
  path: string;
  kind: SettingKind;
}

const promotionFields: SettingField[] = promotionStepKeys.flatMap((step) => [
  { path: `promotion/${step}/minDays`, kind: 'count' as const },
  { path: `promotion/${step}/minReviewed`, kind: 'count' as const },
  { path: `promotion/${step}/minFirstPassRate`, kind: 'percent' as const },
  { path: `promotion/${step}/lastFirstPass`, kind: 'count' as const },
]);

/** Every threshold the settings screen edits, in screen order. */
export const settingFields: readonly SettingField[] = [
  ...promotionFields,
  ...(['low', 'medium', 'high'] as const).flatMap((risk) => [
    { path: `risk/${risk}/countMultiplier`, kind: 'factor' as const },
    { path: `risk/${risk}/defaultMaxLevel`, kind: 'count' as const },
  ]),
  { path: 'sampling/l3FullReviews', kind: 'count' },
  { path: 'sampling/l3Rate', kind: 'percent' },
  { path: 'sampling/l4Rate', kind: 'percent' },
  { path: 'sampling/l5Rate', kind: 'percent' },
  { path: 'tightening/window', kind: 'count' },
  { path: 'tightening/defects', kind: 'count' },
  { path: 'tightening/rateMultiplier', kind: 'factor' },
  { path: 'tightening/minRate', kind: 'percent' },
  { path: 'tightening/relaxAfter', kind: 'count' },
  { path: 'tightening/graceDays', kind: 'count' },
  { path: 'tightening/demotionAfter', kind: 'count' },
  { path: 'tightening/demotionWindowDays', kind: 'count' },
  { path: 'supportEpisodes/defaultDays', kind: 'count' },
  { path: 'supportEpisodes/maxDays', kind: 'count' },
];

const fieldByPath = new Map(settingFields.map((f) => [f.path, f]));

/** The text of the inputs, by field path. */
export type SettingsDraft = Record<string, string>;

/** A 0..1 rate as the percentage an input shows: 0.97 → "97", 0.125 → "12.5" (no float noise). */
export function rateToPercent(rate: number): string {
  return String(Math.round(rate * 10_000) / 100);
}

/** Parses a typed number ("12,5" too); NaN for empty or anything else, so validation flags it. */
export function parseNumber(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '' || !/^-?(\d+\.?\d*|\.\d+)$/.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

/** A typed percentage as the 0..1 rate the server stores: "97" → 0.97; NaN when not a number. */
export function percentToRate(text: string): number {
  const percent = parseNumber(text);
  if (Number.isNaN(percent)) return Number.NaN;
  return Number((percent / 100).toFixed(6));
}

function read(settings: AutonomySettings, path: string): number {
  let node: unknown = settings;
  for (const part of path.split('/')) node = (node as Record<string, unknown>)[part];
  return node as number;
}

function write(target: Record<string, unknown>, path: string, value: number) {
  const parts = path.split('/');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] = { ...((node[part] as Record<string, unknown> | undefined) ?? {}) };
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

export function toDraft(settings: AutonomySettings): SettingsDraft {
  const draft: SettingsDraft = {};
  for (const field of settingFields) {
    const value = read(settings, field.path);
    draft[field.path] = field.kind === 'percent' ? rateToPercent(value) : String(value);
  }
  return draft;
}

function draftValue(field: SettingField, text: string): number {
  return field.kind === 'percent' ? percentToRate(text) : parseNumber(text);
}

/** The settings the draft describes, over `base` (fields the screen doesn't show keep their value). */
export function fromDraft(draft: SettingsDraft, base: AutonomySettings): AutonomySettings {
  const out = structuredClone(base) as unknown as Record<string, unknown>;
  for (const field of settingFields) {
    const text = draft[field.path];
    if (text !== undefined) write(out, field.path, draftValue(field, text));
  }
  return out as unknown as AutonomySettings;
}

/** Only the fields that changed, so a save never overwrites a threshold someone else just set. */
export function draftPatch(draft: SettingsDraft, base: AutonomySettings): AutonomySettingsPatch {
  const patch: Record<string, unknown> = {};
  const next = fromDraft(draft, base);
  for (const field of settingFields) {
    const value = read(next, field.path);
    if (value !== read(base, field.path)) write(patch, field.path, value);
  }
  return patch as AutonomySettingsPatch;
}

/**
 * The screen's field for a problem's path, from core (`promotion/toL3/minReviewed`) or the
 * server (`/promotion/toL3/minReviewed`, `body.promotion.toL3.minReviewed`); null when the
 * screen shows no such field.
 */
export function fieldForPath(path: string): string | null {
  const parts = path
    .replace(/^[#/.]+/, '')
    .split(/[/.]/)
    .filter((p) => p.length > 0);
  if (parts[0] === 'body') parts.shift();
  const key = parts.join('/');
  return fieldByPath.has(key) ? key : null;
}

/** A problem in the form the screen translates: its code and params, when it carries them. */
export interface FieldProblem {
  code: ProblemCode | null;
  params: Record<string, string | number>;
}

const isProblemCode = (v: unknown): v is ProblemCode =>
  typeof v === 'string' && (problemCodes as readonly string[]).includes(v);

/**
 * Problems by screen field (the first per field), and whether any named no shown field:
 * those must not vanish, the screen shows them above the form.
 */
export function problemsByField(
  problems: readonly (Pick<Problem, 'field'> & { code?: unknown; params?: unknown; message?: string })[],
): { fields: Record<string, FieldProblem>; unmatched: boolean } {
  const fields: Record<string, FieldProblem> = {};
  let unmatched = false;
  for (const p of problems) {
    const field = fieldForPath(p.field);
    if (!field) {
      unmatched = true;
      continue;
    }
    if (fields[field]) continue;
    const params =
      typeof p.params === 'object' && p.params !== null ? (p.params as Record<string, string | number>) : {};
    fields[field] = { code: isProblemCode(p.code) ? p.code : null, params };
  }
  return { fields, unmatched };
}
