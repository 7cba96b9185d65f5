import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AreasTabs } from '../features/areas/AreasTabs.tsx';
import { useAreas } from '../features/areas/hooks.ts';
import { ResponsibilityMatrix } from '../features/areas/ResponsibilityMatrix.tsx';
import { useMemberMap } from '../features/tasks/people.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { errorKey } from '../lib/errors.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { LoadingState } from '../ui/Spinner.tsx';
import '../features/tasks/controls.css';
import '../features/areas/areas.css';

export function AreaMatrixPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const areas = useAreas(workspace.id);
  const people = useMemberMap(workspace.id);
  usePageTitle(t('areas.matrix.title'));

  let content: ReactNode;
  if (areas.isPending || people.isPending) {
    content = <LoadingState />;
  } else if (areas.isError || people.error) {
    content = (
      <ErrorState
        message={t(errorKey(areas.error ?? people.error))}
        onRetry={() => void areas.refetch()}
        retrying={areas.isFetching}
      />
    );
  } else if (areas.data.length === 0) {
    content = (
      <EmptyState
        title={t('areas.emptyTitle')}
        action={
          workspace.role === 'owner' ? (
            <Link className="button button-primary" to={`/w/${workspace.id}/areas`}>
              {t('areas.create')}
            </Link>
          ) : null
        }
      >
        <p>{t('areas.matrix.emptyBody')}</p>
      </EmptyState>
    );
  } else {
    content = <ResponsibilityMatrix areas={areas.data} members={people.members} />;
  }

  return (
    <div className="stack-lg">
      <div>
        <h1>{t('areas.matrix.title')}</h1>
        <p className="muted">{t('areas.matrix.intro')}</p>
      </div>
      <AreasTabs workspaceId={workspace.id} />
      {content}
    </div>
  );
}
