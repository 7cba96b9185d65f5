import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, ScrollRestoration, useLocation } from 'react-router';
import { useSession } from '../features/auth/session.ts';
import { errorKey } from '../lib/errors.ts';
import { ErrorState } from '../ui/ErrorState.tsx';
import { LogoMark } from '../ui/icons.tsx';
import { LoadingState } from '../ui/Spinner.tsx';

/** Follows the signed-in user's language; signed out, the browser's choice stays. */
function useLocaleSync(userLocale: string | undefined) {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (userLocale && i18n.language !== userLocale) void i18n.changeLanguage(userLocale);
  }, [userLocale, i18n]);
}

/**
 * After a client-side navigation, screen-reader and keyboard users land on the new page's
 * heading, unless the page itself put focus somewhere (an autofocus field).
 */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const shownPath = useRef(pathname);
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      const main = document.getElementById('main');
      if (main && active && active !== document.body && main.contains(active)) return;
      const heading = main?.querySelector('h1');
      if (heading instanceof HTMLElement) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
}

/** The root route: waits for the session (user + CSRF token) before any page renders. */
export function Root() {
  const { t } = useTranslation();
  const session = useSession();
  useLocaleSync(session.data?.user?.locale);
  useFocusOnNavigate();

  if (session.isPending) {
    return (
      <div className="boot">
        <LoadingState />
      </div>
    );
  }
  if (session.isError) {
    return (
      <main className="boot" id="main">
        <div className="boot-card">
          <span className="brand">
            <LogoMark />
            <span className="brand-name">{t('app.name')}</span>
          </span>
          <ErrorState
            title={t('boot.errorTitle')}
            message={t(errorKey(session.error))}
            onRetry={() => void session.refetch()}
            retrying={session.isFetching}
          />
        </div>
      </main>
    );
  }
  return (
    <>
      <Outlet />
      <ScrollRestoration />
    </>
  );
}
