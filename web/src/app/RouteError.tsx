import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { Button } from '../ui/Button.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { LogoMark } from '../ui/icons.tsx';

/**
 * Last line of defence for a crash while rendering, or a code chunk that can't be loaded
 * (typically right after an upgrade, when the old file names are gone): offer a reload.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <main id="main" tabIndex={-1} className="boot">
      <div className="boot-card">
        <span className="brand">
          <LogoMark />
          <span className="brand-name">{t('app.name')}</span>
        </span>
        <ErrorState
          message={t('boot.crashed')}
          action={
            <Button variant="primary" onClick={() => window.location.reload()}>
              {t('boot.reload')}
            </Button>
          }
        />
      </div>
    </main>
  );
}
