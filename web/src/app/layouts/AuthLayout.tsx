import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { LanguageSelect } from '../../features/profile/LanguageSelect.tsx';
import { LogoMark } from '../../ui/icons.tsx';

/** Frame of the signed-out pages: a calm centred card, the language switch above it. */
export function AuthLayout() {
  const { t } = useTranslation();
  return (
    <div className="auth-layout">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="auth-header">
        <Link to="/" className="brand">
          <LogoMark />
          <span className="brand-name">{t('app.name')}</span>
        </Link>
        <LanguageSelect className="input select input-sm" />
      </header>
      <main id="main" className="auth-main">
        <div className="auth-card">
          <Outlet />
        </div>
      </main>
    </div>
  );
}
