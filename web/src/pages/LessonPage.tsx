import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAreas } from '../features/areas/hooks.ts';
import { useRequiredUser } from '../features/auth/session.ts';
import { FollowUpsSection } from '../features/lessons/FollowUpsSection.tsx';
import { useDeleteLesson, useLesson } from '../features/lessons/hooks.ts';
import { LessonFormDialog } from '../features/lessons/LessonFormDialog.tsx';
import { FactorChips, SeverityChip } from '../features/lessons/parts.tsx';
import { useMemberMap } from '../features/tasks/people.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { errorCode, errorKey } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { Button } from '../ui/Button.tsx';
import { ConfirmDialog } from '../ui/Dialog.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { ChevronLeftIcon } from '../ui/icons.tsx';
import { LoadingState } from '../ui/Spinner.tsx';
import { useToast } from '../ui/Toast.tsx';
import '../features/tasks/controls.css';
import '../features/lessons/lessons.css';

export function LessonPage() {
  const { t, i18n } = useTranslation();
  const { lessonId = '' } = useParams();
  const workspace = useCurrentWorkspace();
  const user = useRequiredUser();
  const navigate = useNavigate();
  const toast = useToast();
  const lesson = useLesson(workspace.id, lessonId);
  const areas = useAreas(workspace.id);
  const people = useMemberMap(workspace.id);
  const remove = useDeleteLesson(workspace.id);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const isOwner = workspace.role === 'owner';
  usePageTitle(lesson.data?.title ?? t('lessons.title'));

  const back = (
    <Link className="link-subtle lsn-back" to={`/w/${workspace.id}/lessons`}>
      <ChevronLeftIcon /> {t('lessons.back')}
    </Link>
  );

  if (lesson.isPending) return <LoadingState />;
  if (lesson.isError)
    return (
      <div className="stack">
        {back}
        <ErrorState
          title={errorCode(lesson.error) === 'not_found' ? t('lessons.notFound') : undefined}
          message={t(errorKey(lesson.error))}
          onRetry={() => void lesson.refetch()}
          retrying={lesson.isFetching}
        />
      </div>
    );
  const l = lesson.data;
  const canEdit = isOwner || l.authorId === user.id;
  const area = l.areaId ? areas.data?.find((a) => a.id === l.areaId) : undefined;
  const author = l.authorId ? people.byId.get(l.authorId)?.name : undefined;

  const text = (key: 'whatHappened' | 'impact' | 'wentWell' | 'learned') =>
    l[key] ? (
      <div className="lsn-text-block">
        <h2 className="lsn-subhead">{t(`lessons.fields.${key}`)}</h2>
        <p className="lsn-text">{l[key]}</p>
      </div>
    ) : null;

  return (
    <div className="stack-lg lsn-page">
      <div className="stack">
        {back}
        <div className="page-header">
          <div>
            <h1>{l.title}</h1>
            <p className="muted">
              {author
                ? t('lessons.writtenBy', {
                    name: author,
                    date: formatDate(l.createdAt, i18n.language, user.timeZone),
                  })
                : t('lessons.written', { date: formatDate(l.createdAt, i18n.language, user.timeZone) })}
            </p>
          </div>
          {canEdit && (
            <div className="form-actions">
              <Button variant="primary" onClick={() => setEditing(true)} data-testid="lesson-edit">
                {t('lessons.edit')}
              </Button>
              <Button variant="danger" onClick={() => setDeleting(true)} data-testid="lesson-delete">
                {t('lessons.delete')}
              </Button>
            </div>
          )}
        </div>
      </div>

      <section className="card stack" aria-label={t('lessons.detailsLabel')}>
        <div className="lsn-chips">
          <SeverityChip severity={l.severity} />
          <FactorChips
            kinds={l.factorKinds.length > 0 ? l.factorKinds : l.contributingFactors.map((f) => f.kind)}
          />
        </div>
        {text('whatHappened')}
        {text('impact')}
        {l.contributingFactors.length > 0 && (
          <div className="lsn-text-block">
            <h2 className="lsn-subhead">{t('lessons.fields.factors')}</h2>
            <ul className="lsn-factor-list">
              {l.contributingFactors.map((f, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: factors have no ids and never move here.
                <li key={index}>
                  <span className={`lsn-factor lsn-factor-${f.kind}`}>
                    <span className="lsn-swatch" aria-hidden="true" />
                    {t(`lessons.factors.${f.kind}`)}
                  </span>{' '}
                  <span className="lsn-text">{f.text}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {text('wentWell')}
        {text('learned')}
        {(l.taskId || area || l.sopId) && (
          <dl className="facts">
            {l.taskId && (
              <div>
                <dt>{t('lessons.fields.task')}</dt>
                <dd>
                  <Link to={`/w/${workspace.id}/tasks/${l.taskId}`}>
                    {l.taskTitle ?? t('lessons.form.linkedTask')}
                  </Link>
                </dd>
              </div>
            )}
            {area && (
              <div>
                <dt>{t('lessons.fields.area')}</dt>
                <dd>{area.name}</dd>
              </div>
            )}
            {l.sopId && (
              <div>
                <dt>{t('lessons.fields.sop')}</dt>
                <dd>
                  <Link to={`/w/${workspace.id}/sops/${l.sopId}`}>
                    {l.sopTitle ?? t('lessons.fields.sop')}
                  </Link>
                </dd>
              </div>
            )}
          </dl>
        )}
      </section>

      <FollowUpsSection
        workspaceId={workspace.id}
        lesson={l}
        members={people.members}
        userId={user.id}
        isOwner={isOwner}
        timeZone={user.timeZone}
      />

      {editing && (
        <LessonFormDialog
          workspaceId={workspace.id}
          lesson={l}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            toast.success(t('lessons.saved'));
          }}
        />
      )}
      <ConfirmDialog
        open={deleting}
        title={t('lessons.deleteTitle')}
        message={t('lessons.deleteMessage', { title: l.title })}
        confirmLabel={t('lessons.delete')}
        pending={remove.isPending}
        error={remove.isError ? t(errorKey(remove.error)) : null}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(l.id, {
            onSuccess: () => {
              toast.success(t('lessons.deleted'));
              void navigate(`/w/${workspace.id}/lessons`, { replace: true });
            },
          })
        }
      />
    </div>
  );
}
