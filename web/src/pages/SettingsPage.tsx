import { useTranslation } from 'react-i18next';
import { AutonomySettingsSection } from '../features/autonomy/AutonomySettingsForm.tsx';
import { WorkspaceDataSection } from '../features/exports/WorkspaceDataSection.tsx';
import { useCurrentWorkspace } from '../features/workspaces/context.ts';
import { RenameWorkspaceForm } from '../features/workspaces/RenameWorkspaceForm.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';

export function SettingsPage() {
  const { t } = useTranslation();
  const workspace = useCurrentWorkspace();
  usePageTitle(t('settings.title'));
  const isOwner = workspace.role === 'owner';

  return (
    <div className="stack-lg">
      <div>
        <h1>{t('settings.title')}</h1>
        <p className="muted">{isOwner ? t('settings.intro') : t('settings.ownersOnly')}</p>
      </div>
      {isOwner && (
        <section className="card" aria-labelledby="settings-general">
          <h2 id="settings-general">{t('settings.general')}</h2>
          {/* Keyed so switching workspaces starts the form over. */}
          <RenameWorkspaceForm key={workspace.id} workspace={workspace} />
        </section>
      )}
      {/* Assistants see the thresholds that decide their levels, read-only. */}
      <AutonomySettingsSection key={workspace.id} workspaceId={workspace.id} canEdit={isOwner} />
      {/* Last, and for owners only: export, then the danger zone. */}
      {isOwner && <WorkspaceDataSection key={workspace.id} workspace={workspace} />}
    </div>
  );
}
