import type { Area, Member } from '@leeway/core';
import { useTranslation } from 'react-i18next';
import { initials } from '../../lib/format.ts';
import { areaCounts, buildMatrix, type MatrixRole } from './matrix.ts';

const roleShort: Record<
  MatrixRole,
  'areas.matrix.ownerShort' | 'areas.matrix.backupShort' | 'areas.matrix.contributorShort'
> = {
  owner: 'areas.matrix.ownerShort',
  backup: 'areas.matrix.backupShort',
  contributor: 'areas.matrix.contributorShort',
};

/**
 * Areas × people. A real table (screen readers announce row and column for every cell); on a
 * narrow screen it scrolls sideways inside its frame while the area names stay put.
 */
export function ResponsibilityMatrix({
  areas,
  members,
}: {
  areas: readonly Area[];
  members: readonly Member[];
}) {
  const { t } = useTranslation();
  const matrix = buildMatrix(areas, members);
  const counts = areaCounts(matrix);

  return (
    <div className="stack">
      <div className="matrix-frame" data-testid="area-matrix">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the frame scrolls sideways; keyboard users need to reach it to scroll. */}
        <section className="matrix-scroll" tabIndex={0} aria-label={t('areas.matrix.scrollLabel')}>
          <table className="matrix">
            <caption className="visually-hidden">{t('areas.matrix.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="matrix-corner">
                  {t('areas.matrix.area')}
                </th>
                {matrix.people.map((person) => (
                  <th key={person.userId} scope="col" className="matrix-person">
                    <span className="avatar avatar-sm" aria-hidden="true">
                      {initials(person.name)}
                    </span>
                    <span className="matrix-person-name">{person.name}</span>
                    <span className="matrix-person-meta muted">
                      {t(`roles.${person.role}`)} ·{' '}
                      {t('areas.matrix.areaCount', { count: counts.get(person.userId) ?? 0 })}
                    </span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {matrix.rows.map((row) => (
                <tr key={row.area.id} data-testid="matrix-row">
                  <th scope="row" className="matrix-area">
                    <span className="matrix-area-name">{row.area.name}</span>
                    <span className={`badge risk-${row.area.riskClass}`}>
                      {t(`areas.risk.${row.area.riskClass}`)}
                    </span>
                  </th>
                  {row.cells.map((role, index) => (
                    <td key={matrix.people[index]?.userId ?? index} className="matrix-cell">
                      {role ? (
                        <span className={`role-chip role-${role}`} title={t(`areas.matrix.${role}`)}>
                          <span aria-hidden="true">{t(roleShort[role])}</span>
                          <span className="visually-hidden">{t(`areas.matrix.${role}`)}</span>
                        </span>
                      ) : (
                        <span className="matrix-empty">
                          <span aria-hidden="true">·</span>
                          <span className="visually-hidden">{t('areas.matrix.none')}</span>
                        </span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <ul className="matrix-legend" aria-label={t('areas.matrix.legend')}>
        {(['owner', 'backup', 'contributor'] as const).map((role) => (
          <li key={role}>
            <span className={`role-chip role-${role}`} aria-hidden="true">
              {t(roleShort[role])}
            </span>
            {t(`areas.matrix.${role}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}
