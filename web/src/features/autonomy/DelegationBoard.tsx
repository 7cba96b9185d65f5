import type { Area, AreaAutonomy, Member } from '@leeway/core';
import { autonomyLevels } from '@leeway/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { initials } from '../../lib/format.ts';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { buildMatrix, type MatrixRole } from '../areas/matrix.ts';
import { useUserFormat } from '../auth/use-user-format.ts';
import { cellKey, indexCells } from './board.ts';
import { CellDialog } from './CellPanel.tsx';
import { LevelBadge } from './LevelBadge.tsx';
import { levelKeyOf } from './levels.ts';
import { useExplainFormat } from './use-explain.ts';

const roleShort: Record<
  MatrixRole,
  'areas.matrix.ownerShort' | 'areas.matrix.backupShort' | 'areas.matrix.contributorShort'
> = {
  owner: 'areas.matrix.ownerShort',
  backup: 'areas.matrix.backupShort',
  contributor: 'areas.matrix.contributorShort',
};

function RoleChip({ role }: { role: MatrixRole }) {
  const { t } = useTranslation();
  return (
    <span className={`role-chip role-${role}`} title={t(`areas.matrix.${role}`)}>
      <span aria-hidden="true">{t(roleShort[role])}</span>
      <span className="visually-hidden">{t(`areas.matrix.${role}`)}</span>
    </span>
  );
}

function CellBody({ role, cell }: { role: MatrixRole | null; cell: AreaAutonomy | undefined }) {
  const { t } = useTranslation();
  const format = useUserFormat();
  return (
    <span className="delegation-cell-body">
      <span className="delegation-cell-top">
        {role && <RoleChip role={role} />}
        {cell && <LevelBadge level={cell.grant.effectiveLevel} />}
      </span>
      {cell?.activeEpisode && (
        <span className="cell-episode">
          {t('autonomy.board.episodeUntil', { date: format.date(cell.activeEpisode.plannedEndAt) })}
        </span>
      )}
      {cell?.pendingProposal && (
        <span className="cell-proposal" data-testid="cell-proposal">
          {t('autonomy.board.pendingProposal')}
        </span>
      )}
    </span>
  );
}

/**
 * Areas × people with each assistant's effective level, any active support with its end and a
 * pending proposal; a cell opens the evidence, history, proposals and support. A real table
 * that scrolls sideways on a phone while the area names stay put.
 */
export function DelegationBoard({
  workspaceId,
  areas,
  members,
  cells,
  canManage,
}: {
  workspaceId: string;
  areas: readonly Area[];
  members: readonly Member[];
  cells: UseQueryResult<AreaAutonomy[]>;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const format = useExplainFormat();
  const matrix = buildMatrix(areas, members);
  const byKey = indexCells(cells.data ?? []);
  const [open, setOpen] = useState<{ member: Member; area: Area } | null>(null);
  const nameOf = (userId: string | null) =>
    members.find((m) => m.userId === userId)?.name ?? t('areas.formerMember');

  return (
    <div className="stack">
      {cells.isError && (
        <ErrorState
          message={`${t('autonomy.board.loadFailed')} ${t(errorKey(cells.error))}`}
          onRetry={() => void cells.refetch()}
          retrying={cells.isFetching}
        />
      )}
      <div className="matrix-frame delegation-frame" data-testid="delegation-board">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the frame scrolls sideways; keyboard users need to reach it to scroll. */}
        <section className="matrix-scroll" tabIndex={0} aria-label={t('areas.matrix.scrollLabel')}>
          <table className="matrix delegation">
            <caption className="visually-hidden">{t('autonomy.board.caption')}</caption>
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
                    <span className="matrix-person-meta muted">{t(`roles.${person.role}`)}</span>
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
                  {row.cells.map((role, index) => {
                    const person = matrix.people[index];
                    if (!person) return null;
                    const cell = byKey.get(cellKey(person.userId, row.area.id));
                    const openable = person.role === 'assistant' && (cell !== undefined || role !== null);
                    return (
                      <td key={person.userId} className="matrix-cell delegation-td">
                        {openable ? (
                          <button
                            type="button"
                            className={`delegation-cell${cell?.pendingProposal ? ' has-proposal' : ''}`}
                            data-testid="delegation-cell"
                            data-member-id={person.userId}
                            data-area-id={row.area.id}
                            data-level={cell?.grant.effectiveLevel}
                            aria-label={t('autonomy.board.openCell', {
                              person: person.name,
                              area: row.area.name,
                            })}
                            onClick={() => setOpen({ member: person, area: row.area })}
                          >
                            <CellBody role={role} cell={cell} />
                          </button>
                        ) : role ? (
                          <CellBody role={role} cell={undefined} />
                        ) : (
                          <span className="matrix-empty">
                            <span aria-hidden="true">·</span>
                            <span className="visually-hidden">{t('areas.matrix.none')}</span>
                          </span>
                        )}
                      </td>
                    );
                  })}
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
      <ul className="matrix-legend" aria-label={t('autonomy.board.legendLevels')}>
        {autonomyLevels.map((level) => (
          <li key={level} title={t(`autonomy.levelMeaning.${levelKeyOf(level)}`)}>
            <LevelBadge level={level} compact />
            {format.levelName(level)}
          </li>
        ))}
      </ul>
      {open && (
        <CellDialog
          workspaceId={workspaceId}
          memberId={open.member.userId}
          areaId={open.area.id}
          title={t('autonomy.panel.title', { person: open.member.name, area: open.area.name })}
          canManage={canManage}
          nameOf={nameOf}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}
