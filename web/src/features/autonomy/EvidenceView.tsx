import type { AutonomyGrant, Evidence, PromotionCriterionKey } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { useUserFormat } from '../auth/use-user-format.ts';
import { ExplanationText } from './Explanation.tsx';
import { LevelBadge } from './LevelBadge.tsx';
import { criterionProgress, isRateCriterion, levelKeyOf } from './levels.ts';
import { useExplainFormat } from './use-explain.ts';

/**
 * The evidence for one assistant × area, the same for both sides: the numbers, what the next
 * level needs (required vs actual, with a bar each) and why sampling and the level are what
 * they are.
 */
export function EvidenceView({ grant, evidence }: { grant: AutonomyGrant; evidence: Evidence }) {
  const { t } = useTranslation();
  const format = useExplainFormat();
  const dates = useUserFormat();
  const value = (key: PromotionCriterionKey, n: number | null) =>
    n === null ? t('autonomy.evidence.noRate') : isRateCriterion(key) ? format.percent(n) : String(n);
  const next = evidence.promotion.to;

  return (
    <section
      className="evidence stack"
      data-testid="evidence-panel"
      aria-label={t('autonomy.evidence.title')}
    >
      <div className="evidence-levels">
        <div>
          <span className="muted evidence-label">{t('autonomy.evidence.effective')}</span>
          <LevelBadge level={grant.effectiveLevel} />
        </div>
        {grant.level !== grant.effectiveLevel && (
          <div>
            <span className="muted evidence-label">{t('autonomy.evidence.granted')}</span>
            <LevelBadge level={grant.level} />
          </div>
        )}
        <span className="muted">{t('autonomy.evidence.since', { date: dates.date(grant.since) })}</span>
      </div>
      <ExplanationText explanation={grant.effectiveExplanation} />
      <p className="muted level-meaning">{t(`autonomy.levelMeaning.${levelKeyOf(grant.effectiveLevel)}`)}</p>
      <dl className="evidence-stats">
        <div>
          <dt>{t('autonomy.evidence.reviewedResults')}</dt>
          <dd>{evidence.reviewedResults}</dd>
        </div>
        <div>
          <dt>{t('autonomy.evidence.firstPassRate')}</dt>
          <dd>
            {evidence.firstPassRate === null
              ? t('autonomy.evidence.noRate')
              : format.percent(evidence.firstPassRate)}
          </dd>
        </div>
        <div>
          <dt>{t('autonomy.evidence.streak')}</dt>
          <dd>{evidence.consecutiveFirstPass}</dd>
        </div>
        <div>
          <dt>{t('autonomy.evidence.daysAtLevel')}</dt>
          <dd>{evidence.daysAtLevel}</dd>
        </div>
        <div>
          <dt>{t('autonomy.evidence.recentDefects', { window: evidence.recentWindow })}</dt>
          <dd>{evidence.recentDefects}</dd>
        </div>
      </dl>
      <div className="stack-sm">
        <h4 className="evidence-heading">
          {next === null
            ? t('autonomy.evidence.atTop')
            : t('autonomy.evidence.nextLevel', { level: next, name: format.levelName(next) })}
        </h4>
        {next !== null && (
          <ul className="criteria">
            {evidence.promotion.criteria.map((criterion) => (
              <li key={criterion.key} className={`criterion ${criterion.met ? 'criterion-met' : ''}`}>
                <div className="criterion-head">
                  <span>{t(`autonomy.criterion.${criterion.key}`)}</span>
                  <span className="criterion-status">
                    {value(criterion.key, criterion.actual)} / {value(criterion.key, criterion.required)} ·{' '}
                    <strong>
                      {criterion.met ? t('autonomy.evidence.met') : t('autonomy.evidence.unmet')}
                    </strong>
                  </span>
                </div>
                <progress
                  className="criterion-bar"
                  max={1}
                  value={criterionProgress(criterion)}
                  aria-label={`${t(`autonomy.criterion.${criterion.key}`)}: ${t('autonomy.evidence.actual', {
                    actual: value(criterion.key, criterion.actual),
                  })}, ${t('autonomy.evidence.required', { required: value(criterion.key, criterion.required) })}`}
                />
              </li>
            ))}
          </ul>
        )}
        <ExplanationText explanation={evidence.promotion.explanation} />
      </div>
      <div className="stack-sm">
        <h4 className="evidence-heading">{t('autonomy.evidence.sampling')}</h4>
        <ExplanationText explanation={evidence.sampling.explanation} />
      </div>
    </section>
  );
}
