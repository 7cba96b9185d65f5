import type { ExplanationBody } from '@leeway/core';

/**
 * How an explanation's raw params become the words of a sentence. Kept apart from React so
 * the translation tables can be checked against it: every placeholder a sentence uses must
 * be a key this function produces.
 */
export interface ExplainFormat {
  /** A fraction such as a sampling draw, with two decimals in the reader's language. */
  decimal: (value: number) => string;
  percent: (fraction: number) => string;
  date: (iso: string) => string;
  levelName: (level: number) => string;
  criterion: (key: string) => string;
  episodeReason: (reason: string) => string;
  cadence: (cadence: string) => string;
  exception: (exception: string) => string;
  list: (items: readonly string[]) => string;
}

/** Params naming a level 1–5: they also get a `…Name` ("Spot-checked"). */
const levelParams = new Set(['level', 'from', 'to', 'grant', 'cap', 'maxLevel', 'below']);
/** Fractions 0..1: shown as decimals (the draw compares with them) and as `…Percent`. */
const rateParams = new Set(['draw', 'rate', 'baseRate']);
const dateParams = new Set([
  'since',
  'until',
  'promotedAt',
  'graceEndsAt',
  'startsAt',
  'plannedEndAt',
  'endedAt',
]);

/** The interpolation values of one explanation, every one a finished string. */
export function explanationValues(
  explanation: ExplanationBody,
  format: ExplainFormat,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, raw] of Object.entries(explanation.params)) {
    if (levelParams.has(key) && typeof raw === 'number') {
      values[key] = String(raw);
      values[`${key}Name`] = format.levelName(raw);
    } else if (rateParams.has(key) && typeof raw === 'number') {
      values[key] = format.decimal(raw);
      values[`${key}Percent`] = format.percent(raw);
    } else if (dateParams.has(key)) {
      values[key] = typeof raw === 'string' ? format.date(raw) : '—';
    } else if (key === 'guardrails' && Array.isArray(raw)) {
      // Indexes on the wire; people count guardrails from 1.
      values[key] = format.list(
        raw.filter((i): i is number => typeof i === 'number').map((i) => String(i + 1)),
      );
    } else if (key === 'missing' && Array.isArray(raw)) {
      values[key] = format.list(raw.filter((k): k is string => typeof k === 'string').map(format.criterion));
    } else if (key === 'reason' && typeof raw === 'string') {
      values[key] = format.episodeReason(raw);
    } else if (key === 'cadence' && typeof raw === 'string') {
      values[key] = format.cadence(raw);
    } else if (key === 'exception' && typeof raw === 'string') {
      values[key] = format.exception(raw);
    } else if (typeof raw === 'number') {
      values[key] = String(raw);
    } else if (typeof raw === 'string') {
      values[key] = raw;
    }
  }
  return values;
}
