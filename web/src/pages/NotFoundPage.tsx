import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../lib/use-page-title.ts';
import { LogoMark } from '../ui/icons.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <main id="main" tabIndex={-1} className="boot">
      <div className="boot-card stack">
        <span className="brand">
          <LogoMark />
          <span className="brand-name">{t('app.name')}</span>
        </span>
        <h1>{t('notFound.title')}</h1>
        <p className="muted">{t('notFound.body')}</p>
        <p>
          <Link className="button button-primary" to="/">
            {t('notFound.home')}
          </Link>
        </p>
      </div>
    </main>
  );
}
