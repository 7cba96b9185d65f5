import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ResetPasswordForm } from '../features/auth/ResetPasswordForm.tsx';
import { tokenFromHash } from '../lib/fragment.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { Alert } from '../ui/Alert.tsx';
import { useToast } from '../ui/Toast.tsx';

/** /reset-password#<token>: the token lives in the fragment so it never reaches a server log. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const toast = useToast();
  const navigate = useNavigate();
  const { hash } = useLocation();
  const token = tokenFromHash(hash);
  const [invalid, setInvalid] = useState(false);
  usePageTitle(t('auth.reset.title'));

  return (
    <>
      <h1>{t('auth.reset.title')}</h1>
      {!token || invalid ? (
        <div className="stack" data-testid="reset-invalid">
          <Alert>{token ? t('errors.token_invalid') : t('auth.reset.missingToken')}</Alert>
          <p>
            <Link to="/forgot-password">{t('auth.reset.requestNew')}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="muted">{t('auth.reset.intro')}</p>
          <ResetPasswordForm
            token={token}
            onInvalidToken={() => setInvalid(true)}
            onSuccess={() => {
              toast.success(t('auth.reset.done'));
              void navigate('/', { replace: true });
            }}
          />
        </>
      )}
    </>
  );
}
