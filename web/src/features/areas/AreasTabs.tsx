import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** Switches between the list of areas and the responsibility matrix (two routes, one section). */
export function AreasTabs({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const base = `/w/${workspaceId}/areas`;
  return (
    <nav className="tabs" aria-label={t('areas.tabsLabel')}>
      <NavLink to={base} end className="tab" data-testid="areas-tab-list">
        {t('areas.tabList')}
      </NavLink>
      <NavLink to={`${base}/matrix`} className="tab" data-testid="areas-tab-matrix">
        {t('areas.tabMatrix')}
      </NavLink>
    </nav>
  );
}
