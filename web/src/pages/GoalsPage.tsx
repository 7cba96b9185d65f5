import type { Area, Goal, Member, Mission } from '@leeway/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAreas } from '../features/areas/hooks.ts';
import { useRequiredUser } from '../features/auth/session.ts';
import { GoalFormDialog } from '../features/goals/GoalFormDialog.tsx';
import { useDeleteGoal, useGoals } from '../features/goals/hooks.ts';
import { MissionFormDialog } from '../features/goals/MissionFormDialog.tsx';
import { GoalStatusBadge, MissionProgressBar, MissionStatusBadge } from '../features/goals/parts.tsx';
import { useMemberMap } from '../features/tasks/people.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { errorKey } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/Dialog.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { PlusIcon } from '../ui/icons.tsx';
import { LoadingState } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import '../features/tasks/controls.css';
import '../features/goals/goals.css';

type Editing = { kind: 'goal'; goal?: Goal } | { kind: 'mission'; goalId: string } | null;

/** Goals with their status, measure, target and due date; the missions under each with progress. */
export function GoalsPage() {
  const { t, i18n } = useTranslation();
  const workspace = useCurrentWorkspace();
  const user = useRequiredUser();
  const toast = useToast();
  const isOwner = workspace.role === 'owner';
  const goals = useGoals(workspace.id);
  const areas = useAreas(workspace.id, true);
  const people = useMemberMap(workspace.id);
  const remove = useDeleteGoal(workspace.id);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Goal | null>(null);
  usePageTitle(t('goals.title'));

  const newButton = (testId: string) => (
    <Button
      variant="primary"
      icon={<PlusIcon />}
      onClick={() => setEditing({ kind: 'goal' })}
      data-testid={testId}
    >
      {t('goals.new')}
    </Button>
  );

  return (
    <div className="stack-lg">
      <div className="page-header">
        <div>
          <h1>{t('goals.title')}</h1>
          <p className="muted">{t('goals.intro')}</p>
        </div>
        {isOwner && newButton('goal-new')}
      </div>

      {goals.isPending ? (
        <LoadingState />
      ) : goals.isError ? (
        <ErrorState
          message={t(errorKey(goals.error))}
          onRetry={() => void goals.refetch()}
          retrying={goals.isFetching}
        />
      ) : goals.data.length === 0 ? (
        <EmptyState title={t('goals.empty.title')} action={isOwner ? newButton('goal-new-empty') : undefined}>
          {isOwner ? t('goals.empty.ownerBody') : t('goals.empty.assistantBody')}
        </EmptyState>
      ) : (
        <ul className="stack gol-goals" aria-label={t('goals.title')}>
          {goals.data.map((goal) => (
            <li key={goal.id} className="card stack" data-testid="goal-card">
              <div className="gol-goal-header">
                <h2 className="gol-goal-title">
                  <span>{goal.title}</span>
                  <GoalStatusBadge status={goal.status} />
                </h2>
                {isOwner && (
                  <div className="gol-actions">
                    <Button
                      size="sm"
                      onClick={() => setEditing({ kind: 'goal', goal })}
                      data-testid="goal-edit"
                    >
                      {t('goals.edit')}
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => setDeleting(goal)}
                      data-testid="goal-delete"
                    >
                      {t('goals.delete')}
                    </Button>
                  </div>
                )}
              </div>
              {goal.description && <p className="gol-text">{goal.description}</p>}
              <ul className="gol-facts muted">
                {goal.measure && <li>{t('goals.facts.measure', { measure: goal.measure })}</li>}
                {goal.target && <li>{t('goals.facts.target', { target: goal.target })}</li>}
                <li>
                  {goal.dueAt
                    ? t('goals.facts.due', { date: formatDate(goal.dueAt, i18n.language, user.timeZone) })
                    : t('goals.facts.noDue')}
                </li>
              </ul>
              <section className="stack" aria-label={t('goals.missions.title')}>
                <div className="gol-goal-header">
                  <h3>{t('goals.missions.title')}</h3>
                  {isOwner && (
                    <Button
                      size="sm"
                      icon={<PlusIcon />}
                      onClick={() => setEditing({ kind: 'mission', goalId: goal.id })}
                      data-testid="mission-new"
                    >
                      {t('goals.missions.new')}
                    </Button>
                  )}
                </div>
                {goal.missions.length === 0 ? (
                  <p className="muted">
                    {isOwner ? t('goals.missions.none') : t('goals.missions.noneVisible')}
                  </p>
                ) : (
                  <ul className="gol-missions">
                    {goal.missions.map((mission) => (
                      <MissionRow
                        key={mission.id}
                        workspaceId={workspace.id}
                        mission={mission}
                        areas={areas.data ?? []}
                        members={people.byId}
                        locale={i18n.language}
                        timeZone={user.timeZone}
                      />
                    ))}
                  </ul>
                )}
              </section>
            </li>
          ))}
        </ul>
      )}

      {editing?.kind === 'goal' && (
        <GoalFormDialog
          workspaceId={workspace.id}
          timeZone={user.timeZone}
          {...(editing.goal ? { goal: editing.goal } : {})}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            toast.success(t('goals.saved'));
          }}
        />
      )}
      {editing?.kind === 'mission' && (
        <MissionFormDialog
          workspaceId={workspace.id}
          goalId={editing.goalId}
          areas={areas.data ?? []}
          members={people.members}
          timeZone={user.timeZone}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            toast.success(t('goals.missions.saved'));
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t('goals.deleteTitle')}
        message={t('goals.deleteMessage', { title: deleting?.title ?? '' })}
        confirmLabel={t('goals.delete')}
        pending={remove.isPending}
        error={remove.isError ? t(errorKey(remove.error)) : null}
        onCancel={() => {
          remove.reset();
          setDeleting(null);
        }}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              toast.success(t('goals.deleted'));
            },
          });
        }}
      />
    </div>
  );
}

function MissionRow({
  workspaceId,
  mission,
  areas,
  members,
  locale,
  timeZone,
}: {
  workspaceId: string;
  mission: Mission;
  areas: Area[];
  members: Map<string, Member>;
  locale: string;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const area = mission.areaId ? areas.find((a) => a.id === mission.areaId) : undefined;
  const assignee = mission.assigneeId
    ? (members.get(mission.assigneeId)?.name ?? t('goals.missions.formerMember'))
    : null;
  return (
    <li className="gol-mission" data-testid="mission-row">
      <div className="gol-task-row">
        <Link className="gol-mission-link" to={`/w/${workspaceId}/missions/${mission.id}`}>
          {mission.title}
        </Link>
        <MissionStatusBadge status={mission.status} />
      </div>
      <div className="gol-mission-meta muted">
        <span>
          {assignee ? t('goals.missions.assignedTo', { name: assignee }) : t('goals.missions.unassigned')}
        </span>
        {area && <span>{area.name}</span>}
        {mission.dueAt && (
          <span>{t('goals.facts.due', { date: formatDate(mission.dueAt, locale, timeZone) })}</span>
        )}
      </div>
      <MissionProgressBar progress={mission.progress} />
    </li>
  );
}
