import { useTranslation } from 'react-i18next';
import { ReviewQueue } from '../features/autonomy/ReviewQueue.tsx';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../features/tasks/controls.css';
import '../features/autonomy/autonomy.css';

export function ReviewsPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  usePageTitle(t('autonomy.reviews.title'));
  return (
    <div className="stack-lg">
      <div>
        <h1>{t('autonomy.reviews.title')}</h1>
        <p className="muted">{t('autonomy.reviews.intro')}</p>
      </div>
      <ReviewQueue workspaceId={workspace.id} />
    </div>
  );
}
