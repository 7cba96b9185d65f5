import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ForgotPasswordForm } from '../features/auth/ForgotPasswordForm.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.forgot.title'));
  return (
    <>
      <h1>{t('auth.forgot.title')}</h1>
      <p className="muted">{t('auth.forgot.intro')}</p>
      <ForgotPasswordForm />
      <p className="auth-switch">
        <Link to="/login">{t('auth.backToLogin')}</Link>
      </p>
    </>
  );
}
