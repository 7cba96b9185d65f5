import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAreas } from '../features/areas/hooks.ts';
import { useUserTimeZone } from '../features/auth/use-user-format.ts';
import { useInboxTasks } from '../features/tasks/hooks.ts';
import { InboxTriage } from '../features/tasks/InboxTriage.tsx';
import { useMemberMap } from '../features/tasks/people.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { errorKey } from '../lib/errors.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { LoadingState } from '../ui/Spinner.tsx';
import '../features/tasks/controls.css';
import '../features/tasks/tasks.css';

export function InboxPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const timeZone = useUserTimeZone();
  const inbox = useInboxTasks(workspace.id);
  const areas = useAreas(workspace.id);
  const people = useMemberMap(workspace.id);
  const isOwner = workspace.role === 'owner';
  usePageTitle(t('tasks.inbox.title'));

  let content: ReactNode;
  if (inbox.isPending || areas.isPending || people.isPending) {
    content = <LoadingState />;
  } else if (inbox.isError || areas.isError || people.error) {
    content = (
      <ErrorState
        message={t(errorKey(inbox.error ?? areas.error ?? people.error))}
        onRetry={() => {
          void inbox.refetch();
          void areas.refetch();
        }}
        retrying={inbox.isFetching}
      />
    );
  } else if (inbox.data.items.length === 0) {
    content = (
      <EmptyState
        title={t('tasks.inbox.emptyTitle')}
        action={
          <Link
            className="button button-primary"
            to={`/w/${workspace.id}/board`}
            data-testid="inbox-to-board"
          >
            {t('tasks.inbox.emptyAction')}
          </Link>
        }
      >
        <p>{isOwner ? t('tasks.inbox.emptyBodyOwner') : t('tasks.inbox.emptyBodyAssistant')}</p>
      </EmptyState>
    );
  } else {
    content = (
      <InboxTriage
        workspaceId={workspace.id}
        tasks={inbox.data.items}
        areas={areas.data}
        members={people.members}
        canTriage={isOwner}
        timeZone={timeZone}
      />
    );
  }

  return (
    <div className="stack-lg">
      <div>
        <h1>{t('tasks.inbox.title')}</h1>
        <p className="muted">{isOwner ? t('tasks.inbox.introOwner') : t('tasks.inbox.introAssistant')}</p>
        {isOwner && areas.data && areas.data.length === 0 && (
          <p>
            <Link to={`/w/${workspace.id}/areas`}>{t('tasks.inbox.noAreasYet')}</Link>
          </p>
        )}
      </div>
      {content}
    </div>
  );
}
