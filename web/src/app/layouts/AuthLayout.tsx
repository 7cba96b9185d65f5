import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { LanguageSelect } from '../../features/profile/LanguageSelect.tsx';
import { LogoMark } from '../../ui/icons.tsx';
import { SkipLink } from '../../ui/SkipLink.tsx';

/** Frame of the signed-out pages: a calm centred card, the language switch above it. */
export function AuthLayout() {
  const { t } = useTranslation();
  return (
    <div className="auth-layout">
      <SkipLink label={t('shell.skipToContent')} />
      <header className="auth-header">
        <Link to="/" className="brand">
          <LogoMark />
          <span className="brand-name">{t('app.name')}</span>
        </Link>
        <LanguageSelect className="input select input-sm" />
      </header>
      <main id="main" tabIndex={-1} className="auth-main">
        <div className="auth-card">
          <Outlet />
        </div>
      </main>
    </div>
  );
}
