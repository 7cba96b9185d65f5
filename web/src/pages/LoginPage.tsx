import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoginForm } from '../features/auth/LoginForm.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  usePageTitle(t('auth.login.title'));
  const next = params.get('next');
  const signupLink = next ? `/signup?next=${encodeURIComponent(next)}` : '/signup';
  // Success needs no handler: PublicOnly sees the new session and continues to `next`.
  return (
    <>
      <h1>{t('auth.login.title')}</h1>
      <p className="muted">{t('auth.login.intro')}</p>
      <LoginForm autoFocus />
      <p className="auth-switch">
        {t('auth.login.noAccount')} <Link to={signupLink}>{t('auth.login.toSignup')}</Link>
      </p>
    </>
  );
}
