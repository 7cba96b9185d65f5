import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLogout } from '../../features/auth/hooks.ts';
import { useRequiredUser } from '../../features/auth/session.ts';
import { ThemeSelect } from '../../features/profile/ThemeSelect.tsx';
import { errorKey } from '../../lib/errors.ts';
import { initials } from '../../lib/format.ts';
import { Button } from '../../ui/Button.tsx';
import { Popover } from '../../ui/Popover.tsx';
import { useToast } from '../../ui/Toast.tsx';

export function UserMenu() {
  const { t } = useTranslation();
  const user = useRequiredUser();
  const logout = useLogout();
  const toast = useToast();

  return (
    <Popover
      trigger={<span className="avatar">{initials(user.name)}</span>}
      triggerLabel={t('shell.userMenu', { name: user.name })}
      triggerClassName="avatar-button"
      triggerTestId="user-menu"
    >
      {(close) => (
        <div className="menu">
          <div className="menu-header">
            <span className="menu-name">{user.name}</span>
            <span className="muted menu-email">{user.email}</span>
          </div>
          <Link to="/profile" className="menu-item" onClick={close} data-testid="profile-link">
            {t('shell.profile')}
          </Link>
          <Link to="/workspaces" className="menu-item" onClick={close} data-testid="workspaces-link">
            {t('shell.allWorkspaces')}
          </Link>
          <div className="menu-section">
            <ThemeSelect />
          </div>
          <div className="menu-section">
            <Button
              className="menu-logout"
              pending={logout.isPending}
              data-testid="logout-button"
              onClick={() =>
                logout.mutate(undefined, { onError: (error) => toast.error(t(errorKey(error))) })
              }
            >
              {t('shell.logout')}
            </Button>
          </div>
        </div>
      )}
    </Popover>
  );
}
