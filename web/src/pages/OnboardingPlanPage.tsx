import type { OnboardingPlanStatus } from '@leeway/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useRequiredUser } from '../features/auth/session.ts';
import { CharterCard } from '../features/onboarding/CharterCard.tsx';
import { formatDay, todayIn } from '../features/onboarding/dates.ts';
import { EpisodesCard } from '../features/onboarding/EpisodesCard.tsx';
import { conflictPlan, useOnboardingPlan, useUpdateOnboardingPlan } from '../features/onboarding/hooks.ts';
import { ItemsCard } from '../features/onboarding/ItemsCard.tsx';
import { ProgressBar, StatusBadge } from '../features/onboarding/parts.tsx';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { errorCode, errorKey } from '../lib/errors.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/Dialog.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { ChevronLeftIcon } from '../ui/icons.tsx';
import { LoadingState } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import '../features/tasks/controls.css';
import '../features/tasks/tasks.css';
import '../features/onboarding/onboarding.css';

export function OnboardingPlanPage() {
  const { t, i18n } = useTranslation();
  const { planId = '' } = useParams();
  const workspace = useCurrentWorkspace();
  const user = useRequiredUser();
  const toast = useToast();
  const plan = useOnboardingPlan(workspace.id, planId);
  const update = useUpdateOnboardingPlan(workspace.id, planId);
  const [closing, setClosing] = useState<Exclude<OnboardingPlanStatus, 'active'> | null>(null);
  const isOwner = workspace.role === 'owner';
  const today = todayIn(user.timeZone);
  usePageTitle(plan.data?.title ?? t('onboarding.title'));

  const back = (
    <Link className="link-subtle onb-back" to={`/w/${workspace.id}/onboarding`}>
      <ChevronLeftIcon /> {t('onboarding.back')}
    </Link>
  );

  if (plan.isPending) return <LoadingState />;
  if (plan.isError)
    return (
      <div className="stack">
        {back}
        <ErrorState
          title={errorCode(plan.error) === 'not_found' ? t('onboarding.notFound') : undefined}
          message={t(errorKey(plan.error))}
          onRetry={() => void plan.refetch()}
          retrying={plan.isFetching}
        />
      </div>
    );
  const p = plan.data;

  return (
    <div className="stack-lg onb-plan">
      <div className="stack">
        {back}
        <div className="page-header">
          <div>
            <h1>{p.title}</h1>
            <p className="muted">
              {t('onboarding.planFor', { name: p.assistantName })} ·{' '}
              {t('onboarding.startsOn', { date: formatDay(p.startsOn, i18n.language) })}{' '}
              <StatusBadge status={p.status} />
            </p>
          </div>
          {isOwner && p.status === 'active' && (
            <div className="form-actions">
              <Button
                variant="primary"
                onClick={() => setClosing('completed')}
                data-testid="onboarding-complete"
              >
                {t('onboarding.complete')}
              </Button>
              <Button onClick={() => setClosing('cancelled')} data-testid="onboarding-cancel">
                {t('onboarding.cancel')}
              </Button>
            </div>
          )}
        </div>
        <ProgressBar done={p.itemsDone} total={p.itemsTotal} testId="onboarding-progress" />
        {p.itemsOverdue > 0 && p.status === 'active' && (
          <p className="onb-overdue-text">{t('onboarding.overdueCount', { count: p.itemsOverdue })}</p>
        )}
      </div>

      <ItemsCard workspaceId={workspace.id} plan={p} userId={user.id} today={today} isOwner={isOwner} />
      <CharterCard workspaceId={workspace.id} plan={p} canEdit={isOwner && p.status === 'active'} />
      <EpisodesCard workspaceId={workspace.id} plan={p} timeZone={user.timeZone} />

      <ConfirmDialog
        open={closing !== null}
        title={closing === 'completed' ? t('onboarding.completeTitle') : t('onboarding.cancelTitle')}
        message={closing === 'completed' ? t('onboarding.completeMessage') : t('onboarding.cancelMessage')}
        confirmLabel={
          closing === 'completed' ? t('onboarding.completeConfirm') : t('onboarding.cancelConfirm')
        }
        tone={closing === 'completed' ? 'primary' : 'danger'}
        pending={update.isPending}
        error={
          update.isError
            ? conflictPlan(update.error)
              ? t('onboarding.conflict')
              : t(errorKey(update.error))
            : null
        }
        onCancel={() => {
          setClosing(null);
          update.reset();
        }}
        onConfirm={() => {
          if (!closing) return;
          update.mutate(
            { version: p.version, status: closing },
            {
              onSuccess: () => {
                toast.success(
                  closing === 'completed' ? t('onboarding.completed') : t('onboarding.cancelled'),
                );
                setClosing(null);
              },
            },
          );
        }}
      />
    </div>
  );
}
