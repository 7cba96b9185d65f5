import type { Workspace } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NotificationBell } from '../../features/notifications/NotificationBell.tsx';
import { CommandPalette } from '../../features/palette/CommandPalette.tsx';
import { LanguageSelect } from '../../features/profile/LanguageSelect.tsx';
import { WorkspaceSwitcher } from '../../features/workspaces/WorkspaceSwitcher.tsx';
import { LogoMark } from '../../ui/icons.tsx';
import { SkipLink } from '../../ui/SkipLink.tsx';
import { UserMenu } from './UserMenu.tsx';

export function TopBar({ workspace }: { workspace?: Workspace | undefined }) {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <SkipLink label={t('shell.skipToContent')} />
      <Link to={workspace ? `/w/${workspace.id}` : '/'} className="brand" aria-label={t('shell.homeLink')}>
        <LogoMark />
        <span className="brand-name">{t('app.name')}</span>
      </Link>
      {workspace && <WorkspaceSwitcher current={workspace} />}
      <span className="topbar-spacer" />
      {workspace && <CommandPalette key={workspace.id} workspace={workspace} />}
      <LanguageSelect className="input select input-sm topbar-language" compact />
      {workspace && <NotificationBell key={workspace.id} workspaceId={workspace.id} />}
      <UserMenu />
    </header>
  );
}
