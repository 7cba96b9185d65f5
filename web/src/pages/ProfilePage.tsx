import { useTranslation } from 'react-i18next';
import { ExportMyData } from '../features/exports/ExportMyData.tsx';
import { ChangePasswordForm } from '../features/profile/ChangePasswordForm.tsx';
import { useMe } from '../features/profile/hooks.ts';
import { NotificationPreferencesForm } from '../features/profile/NotificationPreferencesForm.tsx';
import { ProfileForm } from '../features/profile/ProfileForm.tsx';
import { ThemeSelect } from '../features/profile/ThemeSelect.tsx';
import { errorKey } from '../lib/errors.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { ErrorState } from '../ui/ErrorState.tsx';
import { LoadingState } from '../ui/Spinner.tsx';

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle(t('profile.title'));

  return (
    <div className="stack-lg">
      <div>
        <h1>{t('profile.title')}</h1>
        <p className="muted">{t('profile.intro')}</p>
      </div>
      <section className="card" aria-labelledby="profile-details">
        <h2 id="profile-details">{t('profile.details')}</h2>
        {me.isPending ? (
          <LoadingState />
        ) : me.isError ? (
          <ErrorState
            message={t(errorKey(me.error))}
            onRetry={() => void me.refetch()}
            retrying={me.isFetching}
          />
        ) : (
          <ProfileForm user={me.data} />
        )}
      </section>
      <section className="card" aria-labelledby="profile-appearance">
        <h2 id="profile-appearance">{t('profile.appearance')}</h2>
        <p className="muted">{t('profile.appearanceHint')}</p>
        <ThemeSelect />
      </section>
      <section className="card" aria-labelledby="profile-notifications">
        <h2 id="profile-notifications">{t('notifications.preferences.title')}</h2>
        <p className="muted">{t('notifications.preferences.intro')}</p>
        <NotificationPreferencesForm />
      </section>
      <section className="card" aria-labelledby="profile-password">
        <h2 id="profile-password">{t('profile.password.title')}</h2>
        <ChangePasswordForm />
      </section>
      <section className="card" aria-labelledby="profile-export">
        <h2 id="profile-export">{t('exports.me.title')}</h2>
        <ExportMyData />
      </section>
    </div>
  );
}
