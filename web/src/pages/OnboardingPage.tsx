import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useRequiredUser } from '../features/auth/session.ts';
import { todayIn } from '../features/onboarding/dates.ts';
import { useOnboardingPlans } from '../features/onboarding/hooks.ts';
import { PlanList } from '../features/onboarding/PlanList.tsx';
import { StartPlanDialog } from '../features/onboarding/StartPlanDialog.tsx';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { errorKey } from '../lib/errors.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { Button } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { PlusIcon } from '../ui/icons.tsx';
import { LoadingState } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import '../features/tasks/controls.css';
import '../features/onboarding/onboarding.css';

export function OnboardingPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const user = useRequiredUser();
  const navigate = useNavigate();
  const toast = useToast();
  const plans = useOnboardingPlans(workspace.id);
  const [starting, setStarting] = useState(false);
  const isOwner = workspace.role === 'owner';
  usePageTitle(t('onboarding.title'));

  const startButton = (testId: string) =>
    isOwner ? (
      <Button variant="primary" icon={<PlusIcon />} onClick={() => setStarting(true)} data-testid={testId}>
        {t('onboarding.start.open')}
      </Button>
    ) : null;

  const mine = (plans.data ?? []).filter((p) => p.assistantId === user.id);
  const myActive = mine.find((p) => p.status === 'active') ?? mine[0];

  return (
    <div className="stack-lg">
      <div className="page-header">
        <div>
          <h1>{t('onboarding.title')}</h1>
          <p className="muted">{isOwner ? t('onboarding.intro') : t('onboarding.introAssistant')}</p>
        </div>
        {startButton('onboarding-start')}
      </div>

      {plans.isPending ? (
        <LoadingState />
      ) : plans.isError ? (
        <ErrorState
          message={t(errorKey(plans.error))}
          onRetry={() => void plans.refetch()}
          retrying={plans.isFetching}
        />
      ) : plans.data.length === 0 ? (
        <EmptyState
          title={isOwner ? t('onboarding.empty.title') : t('onboarding.empty.assistantTitle')}
          action={startButton('onboarding-start-empty')}
        >
          {isOwner ? t('onboarding.empty.body') : t('onboarding.empty.assistantBody')}
        </EmptyState>
      ) : (
        <section className="stack" aria-label={t('onboarding.listLabel')}>
          {!isOwner && myActive && (
            <div className="card onb-mine">
              <p>{t('onboarding.yourPlan', { title: myActive.title })}</p>
              <Link className="button button-primary" to={`/w/${workspace.id}/onboarding/${myActive.id}`}>
                {t('onboarding.openYourPlan')}
              </Link>
            </div>
          )}
          <PlanList workspaceId={workspace.id} plans={plans.data} />
        </section>
      )}

      {starting && (
        <StartPlanDialog
          workspaceId={workspace.id}
          today={todayIn(user.timeZone)}
          onClose={() => setStarting(false)}
          onStarted={(plan) => {
            setStarting(false);
            toast.success(t('onboarding.start.started'));
            void navigate(`/w/${workspace.id}/onboarding/${plan.id}`);
          }}
        />
      )}
    </div>
  );
}
