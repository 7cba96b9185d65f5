import type { RiskClass } from '../limits.ts';
import { type Problem, problem } from './problems.ts';
import { type AutonomyLevel, toAutonomyLevel } from './values.ts';

/** What it takes to leave a level upwards (DESIGN §4 promotion table), for a `medium` area. */
export interface PromotionStep {
  /** Whole days since the level was granted. */
  minDays: number;
  /** Results reviewed at this level; scaled by the area's risk class. */
  minReviewed: number;
  /** Share of those results accepted on the first pass, 0..1. */
  minFirstPassRate: number;
  /** The newest N results were all accepted first pass (0: no such criterion); scaled by risk. */
  lastFirstPass: number;
}

export interface RiskRule {
  /** Multiplies the promotion counts (reviewed results, last-N first pass), rounded up. */
  countMultiplier: number;
  /** The `maxLevel` (1..5) a new area of this risk class gets; owners may raise it per area. */
  defaultMaxLevel: number;
}

/**
 * Every number of the ladder, one set per workspace (DESIGN: "every threshold is a workspace
 * setting"). Grouped as the settings screen shows them; fields are addressed as
 * `group/field` (`promotion/toL3/minReviewed`) in validation problems and PATCH bodies.
 */
export interface AutonomySettings {
  promotion: { toL2: PromotionStep; toL3: PromotionStep; toL4: PromotionStep; toL5: PromotionStep };
  risk: Record<RiskClass, RiskRule>;
  sampling: {
    /** L3 reviews this many results after reaching it before sampling starts. */
    l3FullReviews: number;
    l3Rate: number;
    l4Rate: number;
    l5Rate: number;
  };
  tightening: {
    /** "2 of the last 5": the size of the window … */
    window: number;
    /** … and the defects in it that tighten sampling. */
    defects: number;
    /** Tightened rate = max(rateMultiplier × rate, minRate), at most 1. */
    rateMultiplier: number;
    minRate: number;
    /** Consecutive first-pass accepts that end a tightening. */
    relaxAfter: number;
    /** No tightening within this many days after a promotion. */
    graceDays: number;
    /** This many tightenings within `demotionWindowDays` suggest one level down (a proposal only). */
    demotionAfter: number;
    demotionWindowDays: number;
  };
  supportEpisodes: { defaultDays: number; maxDays: number };
  agenda: { episodeEndingWithinDays: number };
  /** DESIGN §11: what makes an exception that reaches a principal at once whatever the level. */
  notifications: { blockedHours: number; questionUnansweredHours: number; severeLessonMaxSeverity: number };
}

export const promotionStepKeys = ['toL2', 'toL3', 'toL4', 'toL5'] as const;
export type PromotionStepKey = (typeof promotionStepKeys)[number];

/** The defaults, exactly as DESIGN §4 states them. */
export const defaultAutonomySettings: AutonomySettings = {
  promotion: {
    toL2: { minDays: 7, minReviewed: 5, minFirstPassRate: 0.8, lastFirstPass: 0 },
    toL3: { minDays: 14, minReviewed: 10, minFirstPassRate: 0.9, lastFirstPass: 5 },
    toL4: { minDays: 30, minReviewed: 20, minFirstPassRate: 0.95, lastFirstPass: 0 },
    toL5: { minDays: 60, minReviewed: 30, minFirstPassRate: 0.97, lastFirstPass: 0 },
  },
  risk: {
    low: { countMultiplier: 0.5, defaultMaxLevel: 5 },
    medium: { countMultiplier: 1, defaultMaxLevel: 5 },
    high: { countMultiplier: 2, defaultMaxLevel: 4 },
  },
  sampling: { l3FullReviews: 10, l3Rate: 0.25, l4Rate: 0.1, l5Rate: 0.05 },
  tightening: {
    window: 5,
    defects: 2,
    rateMultiplier: 2,
    minRate: 0.5,
    relaxAfter: 5,
    graceDays: 14,
    demotionAfter: 3,
    demotionWindowDays: 90,
  },
  supportEpisodes: { defaultDays: 14, maxDays: 30 },
  agenda: { episodeEndingWithinDays: 7 },
  notifications: { blockedHours: 48, questionUnansweredHours: 24, severeLessonMaxSeverity: 2 },
};

/** A PATCH of the settings: any group, any field of it (and any field of a promotion step). */
export type AutonomySettingsPatch = {
  promotion?: { [K in PromotionStepKey]?: Partial<PromotionStep> };
  risk?: { [K in RiskClass]?: Partial<RiskRule> };
} & {
  [G in Exclude<keyof AutonomySettings, 'promotion' | 'risk'>]?: Partial<AutonomySettings[G]>;
};

/**
 * Applies a PATCH field by field, so changing one threshold keeps every other one. Undefined
 * fields are skipped (a JSON body never carries them, but a typed caller might). Validate the
 * result with `validateAutonomySettings`: fields depend on each other.
 */
export function mergeAutonomySettings(
  base: AutonomySettings,
  patch: AutonomySettingsPatch,
): AutonomySettings {
  const pick = <T extends object>(into: T, from: Partial<T> | undefined): T => {
    if (!from) return { ...into };
    const out = { ...into };
    for (const key of Object.keys(from) as (keyof T)[]) {
      const value = from[key];
      if (value !== undefined && key in into) out[key] = value as T[keyof T];
    }
    return out;
  };
  return {
    promotion: {
      toL2: pick(base.promotion.toL2, patch.promotion?.toL2),
      toL3: pick(base.promotion.toL3, patch.promotion?.toL3),
      toL4: pick(base.promotion.toL4, patch.promotion?.toL4),
      toL5: pick(base.promotion.toL5, patch.promotion?.toL5),
    },
    risk: {
      low: pick(base.risk.low, patch.risk?.low),
      medium: pick(base.risk.medium, patch.risk?.medium),
      high: pick(base.risk.high, patch.risk?.high),
    },
    sampling: pick(base.sampling, patch.sampling),
    tightening: pick(base.tightening, patch.tightening),
    supportEpisodes: pick(base.supportEpisodes, patch.supportEpisodes),
    agenda: pick(base.agenda, patch.agenda),
    notifications: pick(base.notifications, patch.notifications),
  };
}

/** The promotion step that leaves `level` upwards; null at level 5. */
export function promotionStepFrom(settings: AutonomySettings, level: AutonomyLevel): PromotionStep | null {
  switch (level) {
    case 1:
      return settings.promotion.toL2;
    case 2:
      return settings.promotion.toL3;
    case 3:
      return settings.promotion.toL4;
    case 4:
      return settings.promotion.toL5;
    default:
      return null;
  }
}

/**
 * A promotion count for the area's risk class: `high` doubles it, `low` halves it, rounding
 * up (5 results at low risk need 3, not 2.5). The tiny tolerance keeps float noise such as
 * 10 × 0.7 = 7.000000000000001 from rounding up to 8.
 */
export function scaledCount(count: number, riskClass: RiskClass, settings: AutonomySettings): number {
  if (count <= 0) return 0;
  return Math.max(0, Math.ceil(count * settings.risk[riskClass].countMultiplier - 1e-9));
}

/**
 * The `maxLevel` a new area gets (§4: high risk caps at L4 unless raised). Once an area
 * exists its own `maxLevel` is the cap: an owner who raised it to 5 meant it.
 */
export function defaultMaxLevel(riskClass: RiskClass, settings: AutonomySettings): AutonomyLevel {
  return toAutonomyLevel(settings.risk[riskClass].defaultMaxLevel);
}

const isInt = (v: number) => Number.isInteger(v);

/**
 * Checks the meaning of a full settings object (the schema checks its shape) and names every
 * problem by field, so the settings screen can show each one beside its input. Returns an
 * empty list when the settings are usable.
 */
export function validateAutonomySettings(settings: AutonomySettings): Problem[] {
  const problems: Problem[] = [];
  const count = (field: string, v: number, min = 0) => {
    if (!isInt(v) || v < min) {
      problems.push(
        problem(field, 'integer_at_least', `Must be a whole number of at least ${min}.`, { min }),
      );
    }
  };
  const intRange = (field: string, v: number, min: number, max: number) => {
    if (!isInt(v) || v < min || v > max) {
      problems.push(
        problem(field, 'integer_between', `Must be a whole number from ${min} to ${max}.`, { min, max }),
      );
    }
  };
  const rate = (field: string, v: number) => {
    if (!Number.isFinite(v) || v < 0 || v > 1) {
      problems.push(problem(field, 'number_between', 'Must be between 0 and 1.', { min: 0, max: 1 }));
    }
  };
  const positive = (field: string, v: number, max: number) => {
    if (!Number.isFinite(v) || v <= 0 || v > max) {
      problems.push(problem(field, 'number_above', `Must be above 0 and at most ${max}.`, { min: 0, max }));
    }
  };
  const notMoreThan = (field: string, v: number, other: string, otherValue: number) => {
    if (v > otherValue) {
      problems.push(problem(field, 'not_more_than_field', `Must not exceed ${other}.`, { other }));
    }
  };

  for (const key of promotionStepKeys) {
    const step = settings.promotion[key];
    const at = `promotion/${key}`;
    count(`${at}/minDays`, step.minDays);
    count(`${at}/minReviewed`, step.minReviewed);
    rate(`${at}/minFirstPassRate`, step.minFirstPassRate);
    count(`${at}/lastFirstPass`, step.lastFirstPass);
  }
  for (const risk of ['low', 'medium', 'high'] as const) {
    positive(`risk/${risk}/countMultiplier`, settings.risk[risk].countMultiplier, 10);
    intRange(`risk/${risk}/defaultMaxLevel`, settings.risk[risk].defaultMaxLevel, 1, 5);
  }

  const s = settings.sampling;
  count('sampling/l3FullReviews', s.l3FullReviews);
  rate('sampling/l3Rate', s.l3Rate);
  rate('sampling/l4Rate', s.l4Rate);
  rate('sampling/l5Rate', s.l5Rate);

  const t = settings.tightening;
  count('tightening/window', t.window, 1);
  // 0 defects would tighten every area for good.
  count('tightening/defects', t.defects, 1);
  if (isInt(t.defects) && isInt(t.window))
    notMoreThan('tightening/defects', t.defects, 'tightening/window', t.window);
  positive('tightening/rateMultiplier', t.rateMultiplier, 10);
  rate('tightening/minRate', t.minRate);
  count('tightening/relaxAfter', t.relaxAfter, 1);
  count('tightening/graceDays', t.graceDays);
  count('tightening/demotionAfter', t.demotionAfter, 1);
  count('tightening/demotionWindowDays', t.demotionWindowDays, 1);

  const e = settings.supportEpisodes;
  count('supportEpisodes/defaultDays', e.defaultDays, 1);
  count('supportEpisodes/maxDays', e.maxDays, 1);
  if (isInt(e.defaultDays) && isInt(e.maxDays)) {
    notMoreThan('supportEpisodes/defaultDays', e.defaultDays, 'supportEpisodes/maxDays', e.maxDays);
  }
  count('agenda/episodeEndingWithinDays', settings.agenda.episodeEndingWithinDays);

  const n = settings.notifications;
  count('notifications/blockedHours', n.blockedHours);
  count('notifications/questionUnansweredHours', n.questionUnansweredHours);
  intRange('notifications/severeLessonMaxSeverity', n.severeLessonMaxSeverity, 1, 4);
  return problems;
}
