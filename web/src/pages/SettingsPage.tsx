import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { RenameWorkspaceForm } from '../features/workspaces/RenameWorkspaceForm.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';
import { EmptyState } from '../ui/EmptyState.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  usePageTitle(t('settings.title'));

  if (workspace.role !== 'owner') {
    return (
      <>
        <h1>{t('settings.title')}</h1>
        <EmptyState
          title={t('settings.ownersOnly')}
          action={<Link to={`/w/${workspace.id}`}>{t('settings.backHome')}</Link>}
        />
      </>
    );
  }

  return (
    <div className="stack-lg">
      <div>
        <h1>{t('settings.title')}</h1>
        <p className="muted">{t('settings.intro')}</p>
      </div>
      <section className="card" aria-labelledby="settings-general">
        <h2 id="settings-general">{t('settings.general')}</h2>
        {/* Keyed so switching workspaces starts the form over. */}
        <RenameWorkspaceForm key={workspace.id} workspace={workspace} />
      </section>
    </div>
  );
}
