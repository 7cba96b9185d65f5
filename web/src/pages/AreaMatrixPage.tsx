import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AreasLoaded } from '../features/areas/AreasLoaded.tsx';
import { AreasTabs } from '../features/areas/AreasTabs.tsx';
import { useAreas } from '../features/areas/hooks.ts';
import { ResponsibilityMatrix } from '../features/areas/ResponsibilityMatrix.tsx';
import { useMemberMap } from '../features/tasks/people.ts';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import '../features/tasks/controls.css';
import '../features/areas/areas.css';

export function AreaMatrixPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  const areas = useAreas(workspace.id);
  const people = useMemberMap(workspace.id);
  usePageTitle(t('areas.matrix.title'));

  return (
    <div className="stack-lg">
      <div>
        <h1>{t('areas.matrix.title')}</h1>
        <p className="muted">{t('areas.matrix.intro')}</p>
      </div>
      <AreasTabs workspaceId={workspace.id} />
      <AreasLoaded areas={areas} people={people}>
        {(list) =>
          list.length === 0 ? (
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
          ) : (
            <ResponsibilityMatrix areas={list} members={people.members} />
          )
        }
      </AreasLoaded>
    </div>
  );
}
