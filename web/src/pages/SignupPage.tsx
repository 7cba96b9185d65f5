import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { SignupForm } from '../features/auth/SignupForm.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';

export function SignupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  usePageTitle(t('auth.signup.title'));
  const next = params.get('next');
  const loginLink = next ? `/login?next=${encodeURIComponent(next)}` : '/login';
  return (
    <>
      <h1>{t('auth.signup.title')}</h1>
      <p className="muted">{t('auth.signup.intro')}</p>
      <SignupForm autoFocus />
      <p className="auth-switch">
        {t('auth.signup.haveAccount')} <Link to={loginLink}>{t('auth.signup.toLogin')}</Link>
      </p>
    </>
  );
}
