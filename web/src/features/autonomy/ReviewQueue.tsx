import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorKey } from '../../lib/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { LoadingState } from '../../ui/Spinner.tsx';
import { useAreas } from '../areas/hooks.ts';
import { useUserFormat } from '../auth/use-user-format.ts';
import { useMemberMap } from '../tasks/people.ts';
import { ExplanationText } from './Explanation.tsx';
import { type ReviewQueueItem, useReviewQueue } from './hooks.ts';
import { oldestFirst, waitingFor } from './levels.ts';
import { ReviewDialog } from './ReviewForm.tsx';

function Waiting({ since }: { since: string }) {
  const { t } = useTranslation();
  const format = useUserFormat();
  const wait = waitingFor(since, Date.now());
  const duration = t(`autonomy.duration.${wait.unit}`, { count: wait.count });
  return (
    <time dateTime={since} title={format.dateTime(since)}>
      {t('autonomy.reviews.waiting', { duration })}
    </time>
  );
}

/** Results waiting for the reader's decision, oldest first, each with why it is here. */
export function ReviewQueue({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const queue = useReviewQueue(workspaceId);
  const people = useMemberMap(workspaceId);
  const areas = useAreas(workspaceId, true);
  const [open, setOpen] = useState<ReviewQueueItem | null>(null);

  if (queue.isPending) return <LoadingState />;
  if (queue.isError)
    return (
      <ErrorState
        message={t(errorKey(queue.error))}
        onRetry={() => void queue.refetch()}
        retrying={queue.isFetching}
      />
    );
  if (queue.data.length === 0)
    return (
      <EmptyState
        title={t('autonomy.reviews.emptyTitle')}
        action={
          <Link className="button button-primary" to={`/w/${workspaceId}/board`}>
            {t('autonomy.reviews.toBoard')}
          </Link>
        }
      >
        <p>{t('autonomy.reviews.emptyBody')}</p>
      </EmptyState>
    );

  return (
    <>
      <ol className="review-queue" aria-label={t('autonomy.reviews.listLabel')}>
        {oldestFirst(queue.data).map((item) => {
          const assignee = item.task.assigneeId ? people.byId.get(item.task.assigneeId)?.name : undefined;
          const area = areas.data?.find((a) => a.id === item.task.areaId);
          return (
            <li
              key={item.task.id}
              className="review-item"
              data-testid="review-queue-item"
              data-task-id={item.task.id}
            >
              <div className="review-item-main">
                <Link className="review-item-title" to={`/w/${workspaceId}/tasks/${item.task.id}`}>
                  {item.task.title}
                </Link>
                <p className="muted review-item-meta">
                  {assignee ? t('autonomy.reviews.submittedBy', { name: assignee }) : t('tasks.formerMember')}
                  {' · '}
                  {area ? t('autonomy.reviews.inArea', { area: area.name }) : t('autonomy.reviews.noArea')}
                  {' · '}
                  <Waiting since={item.submittedAt} />
                </p>
                {item.routing ? (
                  <ExplanationText explanation={item.routing.reason} />
                ) : item.phase ? (
                  <p className="explanation">
                    {t('autonomy.reviews.phaseOnly', { phase: t(`autonomy.phase.${item.phase}`) })}
                  </p>
                ) : null}
              </div>
              <Button
                variant="primary"
                size="sm"
                aria-label={t('autonomy.reviews.openNamed', { title: item.task.title })}
                data-testid="review-open"
                onClick={() => setOpen(item)}
              >
                {t('autonomy.reviews.open')}
              </Button>
            </li>
          );
        })}
      </ol>
      {open && (
        <ReviewDialog
          workspaceId={workspaceId}
          taskId={open.task.id}
          title={open.task.title}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}
