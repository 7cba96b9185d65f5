import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../ui/EmptyState.tsx';

/** What an assistant sees on the insights address: the index is a mirror for principals only. */
export function PrincipalsOnly({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  return (
    <div data-testid="insights-principals-only">
      <EmptyState
        title={t('insights.principalsOnly.title')}
        action={
          <Link className="button button-secondary" to={`/w/${workspaceId}/autonomy`}>
            {t('insights.principalsOnly.action')}
          </Link>
        }
      >
        {t('insights.principalsOnly.body')}
      </EmptyState>
    </div>
  );
}
