import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FeedPanel } from '../features/meetings/FeedPanel.tsx';
import { useMeetings } from '../features/meetings/hooks.ts';
import { MeetingFormDialog } from '../features/meetings/MeetingFormDialog.tsx';
import { MeetingList } from '../features/meetings/MeetingList.tsx';
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
import '../features/meetings/meetings.css';

export function MeetingsPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const toast = useToast();
  const meetings = useMeetings(workspace.id);
  const [creating, setCreating] = useState(false);
  const [lastCreated, setLastCreated] = useState<string | null>(null);
  usePageTitle(t('meetings.title'));

  const newButton = (
    <Button variant="primary" icon={<PlusIcon />} onClick={() => setCreating(true)} data-testid="meeting-new">
      {t('meetings.new')}
    </Button>
  );
  const list = meetings.data ?? [];

  return (
    <div className="stack-lg mtg-page">
      <div className="page-header">
        <div>
          <h1>{t('meetings.title')}</h1>
          <p className="muted">{t('meetings.intro')}</p>
        </div>
        {list.length > 0 && newButton}
      </div>

      {meetings.isPending ? (
        <LoadingState />
      ) : meetings.isError ? (
        <ErrorState
          message={t(errorKey(meetings.error))}
          onRetry={() => void meetings.refetch()}
          retrying={meetings.isFetching}
        />
      ) : list.length === 0 ? (
        <EmptyState title={t('meetings.empty.title')} action={newButton}>
          {t('meetings.empty.body')}
        </EmptyState>
      ) : (
        <MeetingList workspaceId={workspace.id} series={list} highlightId={lastCreated} />
      )}

      <FeedPanel workspaceId={workspace.id} />

      {creating && (
        <MeetingFormDialog
          workspaceId={workspace.id}
          onClose={() => setCreating(false)}
          onSaved={(series) => {
            setCreating(false);
            toast.success(t('meetings.created'));
            setLastCreated(series.id);
          }}
        />
      )}
    </div>
  );
}
