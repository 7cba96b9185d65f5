import type { MissionDetail } from '@leeway/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAreas } from '../features/areas/hooks.ts';
import { useRequiredUser } from '../features/auth/session.ts';
import {
  useCreateMissionTask,
  useDeleteMission,
  useMission,
  useUpdateMission,
} from '../features/goals/hooks.ts';
import { MissionFormDialog } from '../features/goals/MissionFormDialog.tsx';
import {
  GoalStatusBadge,
  MissionProgressBar,
  MissionStatusBadge,
  serverProblems,
} from '../features/goals/parts.tsx';
import { useMemberMap } from '../features/tasks/people.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { ApiError } from '../lib/api.ts';
import { errorKey } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { Alert } from '../ui/Alert.tsx';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/Dialog.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { TextField } from '../ui/Field.tsx';
import { ChevronLeftIcon, PlusIcon } from '../ui/icons.tsx';
import { LoadingState } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import '../features/tasks/controls.css';
import '../features/goals/goals.css';

/** One mission: intent, end state, constraints, progress and its tasks; its assignee plans them here. */
export function MissionPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const { missionId = '' } = useParams();
  const mission = useMission(workspace.id, missionId);
  usePageTitle(mission.data?.title ?? t('goals.missions.title'));

  const back = (
    <Link className="link-subtle gol-back" to={`/w/${workspace.id}/goals`}>
      <ChevronLeftIcon /> {t('goals.missions.back')}
    </Link>
  );

  if (mission.isPending) return <LoadingState />;
  if (mission.isError) {
    const missing = mission.error instanceof ApiError && mission.error.code === 'not_found';
    return (
      <div className="stack-lg">
        {back}
        {missing ? (
          <EmptyState title={t('goals.missions.notFound')}>{t('goals.missions.notFoundBody')}</EmptyState>
        ) : (
          <ErrorState
            message={t(errorKey(mission.error))}
            onRetry={() => void mission.refetch()}
            retrying={mission.isFetching}
          />
        )}
      </div>
    );
  }
  return (
    <div className="stack-lg">
      {back}
      <MissionView workspaceId={workspace.id} isOwner={workspace.role === 'owner'} mission={mission.data} />
    </div>
  );
}

function MissionView({
  workspaceId,
  isOwner,
  mission,
}: {
  workspaceId: string;
  isOwner: boolean;
  mission: MissionDetail;
}) {
  const { t, i18n } = useTranslation();
  const user = useRequiredUser();
  const toast = useToast();
  const navigate = useNavigate();
  const areas = useAreas(workspaceId, true);
  const people = useMemberMap(workspaceId);
  const update = useUpdateMission(workspaceId, mission.id);
  const remove = useDeleteMission(workspaceId);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const isAssignee = mission.assigneeId === user.id;
  const area = mission.areaId ? areas.data?.find((a) => a.id === mission.areaId) : undefined;
  const assignee = mission.assigneeId
    ? (people.byId.get(mission.assigneeId)?.name ?? t('goals.missions.formerMember'))
    : null;

  function setStatus(status: 'open' | 'done') {
    update.mutate(
      { version: mission.version, status },
      { onSuccess: () => toast.success(t('goals.missions.statusSaved')) },
    );
  }

  return (
    <>
      <div className="page-header">
        <div className="stack">
          <h1 className="gol-goal-title">
            <span>{mission.title}</span>
            <MissionStatusBadge status={mission.status} />
          </h1>
          <p className="muted gol-goal-title">
            <span>{t('goals.missions.goal', { title: mission.goal.title })}</span>
            <GoalStatusBadge status={mission.goal.status} />
          </p>
          <div className="gol-mission-meta muted">
            <span>
              {assignee ? t('goals.missions.assignedTo', { name: assignee }) : t('goals.missions.unassigned')}
            </span>
            {area && <span>{area.name}</span>}
            {mission.dueAt && (
              <span>
                {t('goals.facts.due', { date: formatDate(mission.dueAt, i18n.language, user.timeZone) })}
              </span>
            )}
          </div>
        </div>
        <div className="gol-actions">
          {(isOwner || isAssignee) &&
            (mission.status === 'open' ? (
              <Button
                size="sm"
                pending={update.isPending}
                onClick={() => setStatus('done')}
                data-testid="mission-done"
              >
                {t('goals.missions.markDone')}
              </Button>
            ) : (
              <Button
                size="sm"
                pending={update.isPending}
                onClick={() => setStatus('open')}
                data-testid="mission-reopen"
              >
                {t('goals.missions.reopen')}
              </Button>
            ))}
          {isOwner && (
            <>
              <Button size="sm" onClick={() => setEditing(true)} data-testid="mission-edit">
                {t('goals.missions.edit')}
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => setDeleting(true)}
                data-testid="mission-delete"
              >
                {t('goals.missions.delete')}
              </Button>
            </>
          )}
        </div>
      </div>
      {update.isError && !editing && (
        <Alert tone="error">
          {update.error instanceof ApiError && update.error.code === 'conflict'
            ? t('goals.conflict')
            : t(errorKey(update.error))}
        </Alert>
      )}

      <section className="card stack" aria-labelledby="gol-progress-title">
        <h2 id="gol-progress-title">{t('goals.missions.tasks')}</h2>
        <MissionProgressBar progress={mission.progress} />
        {(isOwner || isAssignee) && mission.status === 'open' && (
          <NewMissionTask workspaceId={workspaceId} missionId={mission.id} showNote={!isOwner} />
        )}
        {mission.tasks.length === 0 ? (
          <p className="muted" data-testid="mission-no-tasks">
            {isAssignee ? t('goals.missions.noTasksAssignee') : t('goals.missions.noTasks')}
          </p>
        ) : (
          <ul className="list" data-testid="mission-tasks">
            {mission.tasks.map((task) => (
              <li key={task.id} className="list-row gol-task-row" data-testid="mission-task">
                <Link className="list-link" to={`/w/${workspaceId}/tasks/${task.id}`}>
                  <span className="list-title">{task.title}</span>
                </Link>
                <span className="gol-actions">
                  {task.proposed && (
                    <span className="badge badge-neutral">{t('goals.missions.proposedChip')}</span>
                  )}
                  <span className="badge">{t(`tasks.states.${task.state}`)}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card stack" aria-labelledby="gol-intent-title">
        <h2 id="gol-intent-title">{t('goals.missions.intent')}</h2>
        <p className="gol-text">{mission.intent || t('goals.missions.notSet')}</p>
        <h2>{t('goals.missions.endState')}</h2>
        <p className="gol-text">{mission.endState || t('goals.missions.notSet')}</p>
        <h2>{t('goals.missions.constraints')}</h2>
        {mission.constraints.length === 0 ? (
          <p className="muted">{t('goals.missions.noConstraints')}</p>
        ) : (
          <ul className="gol-constraints">
            {mission.constraints.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        )}
      </section>

      {editing && (
        <MissionFormDialog
          workspaceId={workspaceId}
          goalId={mission.goalId}
          mission={mission}
          areas={areas.data ?? []}
          members={people.members}
          timeZone={user.timeZone}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            toast.success(t('goals.missions.saved'));
          }}
        />
      )}
      <ConfirmDialog
        open={deleting}
        title={t('goals.missions.deleteTitle')}
        message={t('goals.missions.deleteMessage', { title: mission.title })}
        confirmLabel={t('goals.missions.delete')}
        pending={remove.isPending}
        error={remove.isError ? t(errorKey(remove.error)) : null}
        onCancel={() => setDeleting(false)}
        onConfirm={() =>
          remove.mutate(mission.id, {
            onSuccess: () => {
              toast.success(t('goals.missions.deleted'));
              void navigate(`/w/${workspaceId}/goals`);
            },
          })
        }
      />
    </>
  );
}

/** "Create a task for this mission": the tasks API with the mission's id; below L3 it is a proposal. */
function NewMissionTask({
  workspaceId,
  missionId,
  showNote,
}: {
  workspaceId: string;
  missionId: string;
  showNote: boolean;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const create = useCreateMissionTask(workspaceId, missionId);
  const [title, setTitle] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const server = serverProblems(create.error);
  const titleError =
    submitted && title.trim() === ''
      ? t('goals.problems.required')
      : server.title
        ? t(`goals.problems.${server.title}`)
        : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (title.trim() === '') return;
    create.mutate(
      { title: title.trim() },
      {
        onSuccess: (task) => {
          setTitle('');
          setSubmitted(false);
          toast.success(task.proposed ? t('goals.missions.taskProposed') : t('goals.missions.taskCreated'));
        },
      },
    );
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={t('goals.missions.newTask')}>
      <h3>{t('goals.missions.newTask')}</h3>
      {showNote && <p className="muted">{t('goals.missions.proposalNote')}</p>}
      {create.isError && !server.title && <Alert tone="error">{t(errorKey(create.error))}</Alert>}
      <div className="gol-new-task">
        <TextField
          label={t('goals.missions.newTaskTitle')}
          value={title}
          maxLength={200}
          data-testid="mission-task-title"
          error={titleError}
          onChange={(event) => setTitle(event.target.value)}
        />
        <Button
          type="submit"
          variant="primary"
          icon={<PlusIcon />}
          pending={create.isPending}
          data-testid="mission-task-create"
        >
          {t('goals.missions.createTask')}
        </Button>
      </div>
    </form>
  );
}
