import {
  type ContributingFactorKind,
  checkLesson,
  contributingFactorKinds,
  type Lesson,
  type LessonBody,
  type LessonFactorStats,
} from '@leeway/core';
import { type FieldProblem, fromCore } from './problems.ts';

/** 1 is the most severe; the screens name them in words, never as bare numbers. */
export const severities = [1, 2, 3, 4] as const;
export type Severity = (typeof severities)[number];
export const severityNames = { 1: 'critical', 2: 'major', 3: 'moderate', 4: 'minor' } as const;

export interface FactorDraft {
  /** A stable key for React while rows are added and removed. */
  key: number;
  kind: ContributingFactorKind;
  text: string;
}

/** What the lesson form holds; there is deliberately no field for a person to blame. */
export interface LessonDraft {
  title: string;
  whatHappened: string;
  impact: string;
  severity: string;
  factors: FactorDraft[];
  wentWell: string;
  learned: string;
  taskId: string;
  taskTitle: string;
  areaId: string;
  sopId: string;
}

let nextKey = 1;
export function newFactor(kind: ContributingFactorKind = 'process', text = ''): FactorDraft {
  nextKey += 1;
  return { key: nextKey, kind, text };
}

export function emptyDraft(): LessonDraft {
  return {
    title: '',
    whatHappened: '',
    impact: '',
    severity: '3',
    factors: [],
    wentWell: '',
    learned: '',
    taskId: '',
    taskTitle: '',
    areaId: '',
    sopId: '',
  };
}

export function draftFromLesson(lesson: Lesson): LessonDraft {
  return {
    title: lesson.title,
    whatHappened: lesson.whatHappened,
    impact: lesson.impact,
    severity: String(lesson.severity),
    factors: lesson.contributingFactors.map((f) => newFactor(f.kind, f.text)),
    wentWell: lesson.wentWell,
    learned: lesson.learned,
    taskId: lesson.taskId ?? '',
    taskTitle: lesson.taskTitle ?? '',
    areaId: lesson.areaId ?? '',
    sopId: lesson.sopId ?? '',
  };
}

/** Factor rows left completely blank are dropped, not refused: an extra empty row is no mistake. */
function filledFactors(draft: LessonDraft): { factor: FactorDraft; index: number }[] {
  return draft.factors
    .map((factor, index) => ({ factor, index }))
    .filter(({ factor }) => factor.text.trim() !== '');
}

/** The content fields as `checkLesson` and the API see them (untrimmed: the server trims). */
function content(draft: LessonDraft) {
  return {
    title: draft.title,
    whatHappened: draft.whatHappened,
    impact: draft.impact,
    severity: draft.severity === '' ? Number.NaN : Number(draft.severity),
    contributingFactors: filledFactors(draft).map(({ factor }) => ({ kind: factor.kind, text: factor.text })),
    wentWell: draft.wentWell,
    learned: draft.learned,
  };
}

/** Core's blameless check, run as the person types. */
export function draftProblems(draft: LessonDraft): FieldProblem[] {
  const result = checkLesson(content(draft));
  return result.ok ? [] : fromCore(result.problems).map((p) => ({ ...p, field: toRowField(draft, p.field) }));
}

/** `contributingFactors/1/text` of the sent list → the same field of the form's row. */
export function toRowField(draft: LessonDraft, field: string): string {
  const match = /^contributingFactors\/(\d+)(\/.*)?$/.exec(field);
  if (!match) return field;
  const row = filledFactors(draft)[Number(match[1])]?.index;
  return row === undefined ? field : `contributingFactors/${row}${match[2] ?? ''}`;
}

export function toLessonBody(draft: LessonDraft): LessonBody {
  const c = content(draft);
  return {
    ...c,
    title: c.title.trim(),
    whatHappened: c.whatHappened.trim(),
    impact: c.impact.trim(),
    wentWell: c.wentWell.trim(),
    learned: c.learned.trim(),
    contributingFactors: c.contributingFactors.map((f) => ({ kind: f.kind, text: f.text.trim() })),
    taskId: draft.taskId || null,
    areaId: draft.areaId || null,
    sopId: draft.sopId || null,
  };
}

export interface ChartMonth {
  month: string;
  total: number;
  segments: { kind: ContributingFactorKind; count: number }[];
}

/** Stats per month, stacked in the fixed factor order so colours mean the same in every bar. */
export function chartMonths(stats: LessonFactorStats): { months: ChartMonth[]; max: number } {
  const months = stats.months.map((month, index) => {
    const segments = contributingFactorKinds.map((kind) => ({
      kind,
      count: Math.max(0, stats.series.find((s) => s.kind === kind)?.counts[index] ?? 0),
    }));
    return { month, total: segments.reduce((sum, s) => sum + s.count, 0), segments };
  });
  return { months, max: months.reduce((m, x) => Math.max(m, x.total), 0) };
}

/** `2026-03` as "Mar 26" / "März 26" in the reader's language. */
export function monthLabel(month: string, locale: string, style: 'short' | 'long' = 'short'): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(locale, {
    month: style === 'short' ? 'short' : 'long',
    year: style === 'short' ? '2-digit' : 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** `YYYY-MM-DD` of an instant in a zone, for a date input. */
export function dayInZone(iso: string, timeZone: string): string {
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

/**
 * The end of a chosen day as an instant: a follow-up due "on the 10th" is due all that day.
 * Uses the zone's offset at noon of that day (close enough across DST for a due date).
 */
export function endOfDayIso(day: string, timeZone: string): string {
  const noonUtc = Date.parse(`${day}T12:00:00Z`);
  if (!Number.isFinite(noonUtc)) return new Date(Number.NaN).toString();
  let offsetMs = 0;
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(new Date(noonUtc));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    offsetMs = local - noonUtc;
  } catch {
    offsetMs = 0;
  }
  return new Date(Date.parse(`${day}T23:59:00Z`) - offsetMs).toISOString();
}
