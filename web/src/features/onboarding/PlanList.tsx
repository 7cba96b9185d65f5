import type { OnboardingPlanSummary } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDay } from './dates.ts';
import { ProgressBar, StatusBadge } from './parts.tsx';

/** Plans, newest first; each row opens its plan. */
export function PlanList({ workspaceId, plans }: { workspaceId: string; plans: OnboardingPlanSummary[] }) {
  const { t, i18n } = useTranslation();
  const sorted = [...plans].sort(
    (a, b) =>
      Number(b.status === 'active') - Number(a.status === 'active') || b.createdAt.localeCompare(a.createdAt),
  );
  return (
    <ul className="list onb-plan-list">
      {sorted.map((plan) => (
        <li key={plan.id} data-testid="onboarding-plan-row" data-status={plan.status}>
          <Link className="list-link onb-plan-link" to={`/w/${workspaceId}/onboarding/${plan.id}`}>
            <span className="onb-plan-main">
              <span className="list-title">{plan.assistantName}</span>
              <span className="muted onb-plan-title">{plan.title}</span>
              <span className="muted onb-plan-meta">
                {t('onboarding.startsOn', { date: formatDay(plan.startsOn, i18n.language) })}
              </span>
            </span>
            <span className="onb-plan-side">
              <ProgressBar
                done={plan.itemsDone}
                total={plan.itemsTotal}
                label={t('onboarding.progressOf', { name: plan.assistantName })}
              />
              <span className="onb-plan-badges">
                {plan.itemsOverdue > 0 && plan.status === 'active' && (
                  <span className="badge onb-overdue">
                    {t('onboarding.overdueCount', { count: plan.itemsOverdue })}
                  </span>
                )}
                <StatusBadge status={plan.status} />
              </span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
