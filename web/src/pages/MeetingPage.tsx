import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useRequiredUser } from '../features/auth/session.ts';
import { AgendaView } from '../features/meetings/AgendaView.tsx';
import { meetingIcsUrl, useDeleteMeeting, useMeeting } from '../features/meetings/hooks.ts';
import { MeetingFormDialog } from '../features/meetings/MeetingFormDialog.tsx';
import { OccurrenceList } from '../features/meetings/OccurrenceList.tsx';
import { Participants, RuleText } from '../features/meetings/parts.tsx';
import { useMemberMap } from '../features/tasks/people.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { errorCode, errorKey } from '../lib/errors.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/Dialog.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { CalendarIcon, ChevronLeftIcon } from '../ui/icons.tsx';
import { LoadingState } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import '../features/tasks/controls.css';
import '../features/lessons/lessons.css';
import '../features/autonomy/autonomy.css';
import '../features/meetings/meetings.css';

export function MeetingPage() {
  const { t } = useTranslation();
  const { meetingId = '' } = useParams();
  const workspace = useCurrentWorkspace();
  const user = useRequiredUser();
  const navigate = useNavigate();
  const toast = useToast();
  const [params, setParams] = useSearchParams();
  const meeting = useMeeting(workspace.id, meetingId);
  const remove = useDeleteMeeting(workspace.id);
  const people = useMemberMap(workspace.id);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const isOwner = workspace.role === 'owner';
  usePageTitle(meeting.data?.title ?? t('meetings.title'));

  const back = (
    <Link className="link-subtle mtg-back" to={`/w/${workspace.id}/meetings`}>
      <ChevronLeftIcon /> {t('meetings.back')}
    </Link>
  );

  if (meeting.isPending) return <LoadingState />;
  if (meeting.isError)
    return (
      <div className="stack">
        {back}
        <ErrorState
          title={errorCode(meeting.error) === 'not_found' ? t('meetings.notFound') : undefined}
          message={t(errorKey(meeting.error))}
          onRetry={() => void meeting.refetch()}
          retrying={meeting.isFetching}
        />
      </div>
    );
  const series = meeting.data;
  const canManage = isOwner || series.organizerId === user.id;
  const selected = params.get('occurrence') ?? series.next?.originalStart ?? null;
  const organizer = series.organizerId ? people.byId.get(series.organizerId)?.name : undefined;

  function select(originalStart: string) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('occurrence', originalStart);
        return next;
      },
      { replace: true },
    );
  }

  return (
    <div className="stack-lg mtg-page">
      <div className="stack">
        {back}
        <div className="page-header">
          <div className="stack-sm">
            <h1>{series.title}</h1>
            <p className="muted">
              <RuleText series={series} /> · {t('meetings.duration', { count: series.durationMin })}
              {organizer && <> · {t('meetings.organizer', { name: organizer })}</>}
            </p>
            {series.description && <p className="mtg-description">{series.description}</p>}
            <Participants workspaceId={workspace.id} ids={series.participantIds} max={10} />
          </div>
          <div className="form-actions">
            <a
              className="button button-secondary"
              href={meetingIcsUrl(workspace.id, series.id)}
              download
              title={t('meetings.icsHint')}
              data-testid="meeting-ics"
            >
              <CalendarIcon />
              <span>{t('meetings.ics')}</span>
            </a>
            {canManage && (
              <>
                <Button onClick={() => setEditing(true)} data-testid="meeting-edit">
                  {t('meetings.edit')}
                </Button>
                <Button variant="danger" onClick={() => setDeleting(true)} data-testid="meeting-delete">
                  {t('meetings.delete')}
                </Button>
              </>
            )}
          </div>
        </div>
      </div>

      <div className="mtg-layout">
        <div className="mtg-layout-main">
          {selected ? (
            <AgendaView
              key={selected}
              workspaceId={workspace.id}
              meetingId={series.id}
              start={selected}
              canManage={canManage}
              isOwner={isOwner}
            />
          ) : (
            <p className="muted">{t('meetings.agenda.noOccurrence')}</p>
          )}
        </div>
        <OccurrenceList
          workspaceId={workspace.id}
          series={series}
          canManage={canManage}
          selected={selected}
          onSelect={select}
        />
      </div>

      {editing && (
        <MeetingFormDialog
          workspaceId={workspace.id}
          series={series}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            toast.success(t('meetings.saved'));
          }}
        />
      )}
      <ConfirmDialog
        open={deleting}
        title={t('meetings.deleteTitle')}
        message={t('meetings.deleteBody', { title: series.title })}
        confirmLabel={t('meetings.delete')}
        pending={remove.isPending}
        error={remove.isError ? t(errorKey(remove.error)) : null}
        onCancel={() => setDeleting(false)}
        onConfirm={() =>
          remove.mutate(series.id, {
            onSuccess: () => {
              toast.success(t('meetings.deleted'));
              void navigate(`/w/${workspace.id}/meetings`, { replace: true });
            },
          })
        }
      />
    </div>
  );
}
