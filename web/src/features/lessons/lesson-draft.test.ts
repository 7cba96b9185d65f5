import { describe, expect, it } from 'vitest';
import {
  chartMonths,
  dayInZone,
  draftProblems,
  emptyDraft,
  endOfDayIso,
  newFactor,
  toLessonBody,
} from './lesson-draft.ts';
import { normalizeProblemField } from './problems.ts';

describe('lesson draft', () => {
  it('reports the required fields of an empty lesson at their paths', () => {
    const fields = draftProblems(emptyDraft()).map((p) => `${p.field}:${p.code}`);
    expect(fields).toContain('title:required');
    expect(fields).toContain('whatHappened:required');
    expect(fields).not.toContain('contributingFactors/0/text:required');
  });

  it('drops blank factor rows and maps problems back to their row', () => {
    const draft = {
      ...emptyDraft(),
      title: 'T',
      whatHappened: 'W',
      factors: [newFactor('process', ''), newFactor('tool', 'x'.repeat(1001))],
    };
    expect(draftProblems(draft).map((p) => `${p.field}:${p.code}`)).toEqual([
      'contributingFactors/1/text:too_long',
    ]);
    expect(
      toLessonBody({ ...draft, factors: [newFactor('process', ''), newFactor('tool', ' ok ')] })
        .contributingFactors,
    ).toEqual([{ kind: 'tool', text: 'ok' }]);
  });

  it('accepts a complete lesson and sends no person field', () => {
    const draft = {
      ...emptyDraft(),
      title: ' Invoice sent twice ',
      whatHappened: 'The reminder ran on a paid invoice.',
      severity: '2',
      factors: [newFactor('tool', 'The tool does not see payments.')],
      areaId: 'a1',
    };
    expect(draftProblems(draft)).toEqual([]);
    const body = toLessonBody(draft);
    expect(body.title).toBe('Invoice sent twice');
    expect(body.severity).toBe(2);
    expect(body.taskId).toBeNull();
    expect(body.areaId).toBe('a1');
    expect(Object.keys(body)).not.toContain('culprit');
  });

  it('refuses a severity outside 1–4', () => {
    const codes = draftProblems({ ...emptyDraft(), severity: '' }).map((p) => p.code);
    expect(codes).toContain('integer_between');
  });
});

describe('chartMonths', () => {
  it('stacks every factor kind per month and finds the tallest bar', () => {
    const { months, max } = chartMonths({
      months: ['2026-01', '2026-02'],
      series: [
        { kind: 'tool', counts: [1, 0] },
        { kind: 'process', counts: [2, 3] },
      ],
    });
    expect(months[0]?.total).toBe(3);
    expect(months[1]?.segments.find((s) => s.kind === 'process')?.count).toBe(3);
    expect(months[1]?.segments.find((s) => s.kind === 'workload')?.count).toBe(0);
    expect(max).toBe(3);
  });
});

describe('dates', () => {
  it('ends a due day at 23:59 in the zone', () => {
    expect(endOfDayIso('2026-03-10', 'UTC')).toBe('2026-03-10T23:59:00.000Z');
    expect(endOfDayIso('2026-07-10', 'Europe/Berlin')).toBe('2026-07-10T21:59:00.000Z');
    expect(dayInZone('2026-07-10T21:59:00.000Z', 'Europe/Berlin')).toBe('2026-07-10');
  });
});

describe('normalizeProblemField', () => {
  it('keeps nested paths, without the body prefix', () => {
    expect(normalizeProblemField('/body/contributingFactors/0/text')).toBe('contributingFactors/0/text');
    expect(normalizeProblemField('charter.outcomes.1')).toBe('charter/outcomes/1');
    expect(normalizeProblemField('culprit')).toBe('culprit');
  });
});
