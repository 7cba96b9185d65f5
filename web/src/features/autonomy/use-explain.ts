import type { ExplanationBody, LevelKey } from '@leeway/core';
import { isExplanationCode } from '@leeway/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useUserFormat } from '../auth/use-user-format.ts';
import { type ExplainFormat, explanationValues } from './explain-values.ts';
import { levelKeyOf } from './levels.ts';

type Translate = TFunction;

function pick<K extends string>(table: Record<K, string>, key: string): string {
  return key in table ? table[key as K] : key;
}

/** Words for explanation params in the reader's language, zone and number format. */
export function useExplainFormat(): ExplainFormat & { levelLabel: (level: number) => string } {
  const { t, i18n } = useTranslation();
  const format = useUserFormat();
  const locale = i18n.language;
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const levelName = (level: number) =>
    t(`autonomy.level.${levelKeyOf(level)}` as `autonomy.level.${LevelKey}`);
  return {
    decimal: (value) => decimal.format(value),
    percent: (value) => percent.format(value),
    date: format.date,
    levelName,
    levelLabel: (level) => t('autonomy.levelLabel', { level, name: levelName(level) }),
    criterion: (key) => pick(criterionNames(t), key),
    episodeReason: (reason) => pick(episodeReasonNames(t), reason),
    cadence: (cadence) => pick(cadenceNames(t), cadence),
    exception: (exception) => pick(exceptionNames(t), exception),
    list: (items) => list.format(items),
  };
}

function criterionNames(t: Translate) {
  return {
    days_at_level: t('autonomy.criterion.days_at_level'),
    reviewed_results: t('autonomy.criterion.reviewed_results'),
    first_pass_rate: t('autonomy.criterion.first_pass_rate'),
    last_first_pass: t('autonomy.criterion.last_first_pass'),
  };
}

export function episodeReasonNames(t: Translate) {
  return {
    onboarding: t('autonomy.episodeReason.onboarding'),
    new_area: t('autonomy.episodeReason.new_area'),
    sop_change: t('autonomy.episodeReason.sop_change'),
    requested: t('autonomy.episodeReason.requested'),
    after_incident: t('autonomy.episodeReason.after_incident'),
  };
}

function cadenceNames(t: Translate) {
  return {
    immediate: t('autonomy.cadence.immediate'),
    daily: t('autonomy.cadence.daily'),
    weekly: t('autonomy.cadence.weekly'),
    exceptions: t('autonomy.cadence.exceptions'),
  };
}

function exceptionNames(t: Translate) {
  return {
    guardrail_hit: t('autonomy.exception.guardrail_hit'),
    question_unanswered: t('autonomy.exception.question_unanswered'),
    blocked_long: t('autonomy.exception.blocked_long'),
    severe_lesson: t('autonomy.exception.severe_lesson'),
  };
}

/** Turns any explanation into one plain sentence; an unknown code (newer server) says so. */
export function useExplain(): (explanation: ExplanationBody | null | undefined) => string {
  const { t } = useTranslation();
  const format = useExplainFormat();
  return (explanation) => {
    if (!explanation || !isExplanationCode(explanation.code)) return t('autonomy.explainUnknown');
    return t(`autonomy.explain.${explanation.code}`, { replace: explanationValues(explanation, format) });
  };
}
