import {
  type InsightPair,
  type Locale,
  type MmiBand,
  type MmiSignalKey,
  mmiBandMin,
  mmiBands,
  mmiSignalKeys,
  suggestionTexts,
} from '@leeway/core';

/**
 * Pure helpers of the insights screen: raw numbers turned into sentence parts, suggestion
 * sentences with numbers in the reader's format, and the scaling of the trend charts.
 * No React here, so every rule is unit-tested.
 */

type Raw = Readonly<Record<string, number | string | null>>;

/** A number from the raw record; strings that hold a number count, anything else is null. */
export function rawNumber(raw: Raw, name: string): number | null {
  const value = raw[name];
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** At most one decimal, in the reader's format ("12.5" / "12,5"); whole numbers without one. */
export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

/** The keys under `insights.raw` that describe a signal's numbers. */
export const rawLineKeys = [
  'overReview',
  'levelLag',
  'levelLagLongest',
  'noAreas',
  'reviewLatency',
  'noReviews',
  'preferenceRejections',
  'noChangeRequests',
  'takeBacks',
  'redundantNudges',
  'extendedGuidance',
] as const;
export type RawLineKey = (typeof rawLineKeys)[number];

/**
 * One sentence about a signal's numbers: the translation key, its `{{params}}` already
 * formatted, and `count` for the plural form (a number, never formatted).
 */
export interface RawLine {
  key: RawLineKey;
  count: number;
  params: Record<string, string>;
}

/**
 * The sentences that put a signal's raw numbers into words (DESIGN §2.6 "Explainable"). Each
 * signal names its raw fields as `core/insights/signals.ts` returns them; a missing number reads
 * as 0 so a partial row still explains itself instead of blanking.
 */
export function rawLines(key: MmiSignalKey, raw: Raw, locale: string): RawLine[] {
  const n = (name: string) => rawNumber(raw, name) ?? 0;
  const f = (value: number) => formatNumber(value, locale);
  switch (key) {
    case 'overReview':
      return [{ key: 'overReview', count: n('requested'), params: { required: f(n('required')) } }];
    case 'levelLag': {
      const areas = n('areas');
      if (areas === 0) return [{ key: 'noAreas', count: 0, params: {} }];
      const lines: RawLine[] = [{ key: 'levelLag', count: areas, params: { lagging: f(n('laggingAreas')) } }];
      const longest = rawNumber(raw, 'longestLagDays');
      if (longest !== null) lines.push({ key: 'levelLagLongest', count: longest, params: {} });
      return lines;
    }
    case 'reviewLatency': {
      const median = rawNumber(raw, 'medianHours');
      if (median === null || n('reviews') === 0) return [{ key: 'noReviews', count: 0, params: {} }];
      return [{ key: 'reviewLatency', count: n('reviews'), params: { hours: f(median) } }];
    }
    case 'preferenceRejections': {
      const all = n('changeRequests');
      if (all === 0) return [{ key: 'noChangeRequests', count: 0, params: {} }];
      return [
        { key: 'preferenceRejections', count: all, params: { preferenceOnly: f(n('preferenceOnly')) } },
      ];
    }
    case 'takeBacks':
      return [
        {
          key: 'takeBacks',
          count: n('completed'),
          params: { reassigned: f(n('reassigned')), edits: f(n('edits')) },
        },
      ];
    case 'redundantNudges':
      return [
        {
          key: 'redundantNudges',
          count: n('nudges'),
          params: { perWeek: f(n('perWeek')), weeks: f(n('assistantWeeks')) },
        },
      ];
    case 'extendedGuidance':
      return [{ key: 'extendedGuidance', count: n('extraDays'), params: { episodes: f(n('episodes')) } }];
  }
}

/** Replaces `{{name}}` with the param, numbers in the reader's format; unknown names stay visible. */
export function fillPlaceholders(
  template: string,
  params: Readonly<Record<string, number | string>>,
  locale: string,
): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value, locale) : value;
  });
}

/**
 * The suggestion sentence from the shared wording in `@leeway/core`; null for a code this
 * client does not know yet (a newer server), so the row shows its numbers without a sentence.
 */
export function suggestionSentence(
  locale: Locale,
  suggestion: { code: string; params: Readonly<Record<string, number | string>> },
): string | null {
  const texts: Readonly<Record<string, string>> = suggestionTexts[locale];
  const template = texts[suggestion.code];
  return template === undefined ? null : fillPlaceholders(template, suggestion.params, locale);
}

/** The band of a score on the 0–100 scale (`mmiBandMin`), for points of the trend chart. */
export function bandOf(score: number): MmiBand {
  let band: MmiBand = 'healthy';
  for (const b of mmiBands) if (score >= mmiBandMin[b]) band = b;
  return band;
}

/** A value in [0, 1] as a whole percentage in [0, 100] (bar widths); NaN reads as 0. */
export function toPercent(value: number): number {
  if (!Number.isFinite(value)) return value > 0 ? 100 : 0;
  return Math.round(Math.min(1, Math.max(0, value)) * 100);
}

/** Cards by assistant, then principal — never by score (DESIGN §10: not a ranking). */
export function sortPairs(pairs: readonly InsightPair[], locale: string): InsightPair[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  return [...pairs].sort(
    (a, b) =>
      collator.compare(a.assistantName, b.assistantName) ||
      collator.compare(a.principalName, b.principalName) ||
      a.assistantId.localeCompare(b.assistantId) ||
      a.principalId.localeCompare(b.principalId),
  );
}

export function pairKey(pair: { principalId: string; assistantId: string }): string {
  return `${pair.principalId}:${pair.assistantId}`;
}

// ── Series ────────────────────────────────────────────────────────────────────────────────

/** The latest measured value of a series, or null. */
export function lastValue(series: readonly (number | null)[]): number | null {
  for (let i = series.length - 1; i >= 0; i -= 1) {
    const v = series[i];
    if (v !== null && v !== undefined && Number.isFinite(v)) return v;
  }
  return null;
}

/** Signals in the order DESIGN §10 lists them, whatever order the server sent. */
export function orderedSignals<S extends { key: MmiSignalKey }>(signals: readonly S[]): S[] {
  const rank = (key: MmiSignalKey) => mmiSignalKeys.indexOf(key);
  return [...signals].sort((a, b) => rank(a.key) - rank(b.key));
}

/** A week's Monday as "3 Mar" / "3. März" in the reader's zone; the raw text when unreadable. */
export function weekLabel(iso: string, locale: string, timeZone: string | undefined, long = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = long
    ? { day: 'numeric', month: 'long', year: 'numeric' }
    : { day: 'numeric', month: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date);
  } catch {
    // An unknown zone must not blank the chart.
    return new Intl.DateTimeFormat(locale, options).format(date);
  }
}
