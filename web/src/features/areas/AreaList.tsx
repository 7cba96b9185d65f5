import type { Area, Member } from '@leeway/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorKey } from '../../lib/errors.ts';
import { initials } from '../../lib/format.ts';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/Dialog.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useSetAreaArchived } from './hooks.ts';

interface AreaListProps {
  workspaceId: string;
  areas: readonly Area[];
  members: ReadonlyMap<string, Member>;
  canEdit: boolean;
  onEdit: (area: Area) => void;
}

function Person({ id, members, label }: { id: string; members: ReadonlyMap<string, Member>; label: string }) {
  const { t } = useTranslation();
  const name = members.get(id)?.name ?? t('areas.formerMember');
  return (
    <span className="area-person">
      <span className="avatar avatar-sm" aria-hidden="true">
        {initials(name)}
      </span>
      <span>
        <span className="visually-hidden">{label}: </span>
        {name}
      </span>
    </span>
  );
}

/** The areas of a workspace, one row each, with their people and (for owners) actions. */
export function AreaList({ workspaceId, areas, members, canEdit, onEdit }: AreaListProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const setArchived = useSetAreaArchived(workspaceId);
  const [archiving, setArchiving] = useState<Area | null>(null);

  function restore(area: Area) {
    setArchived.mutate(
      { areaId: area.id, archived: false },
      {
        onSuccess: () => toast.success(t('areas.restored', { name: area.name })),
        onError: (error) => toast.error(t(errorKey(error))),
      },
    );
  }

  return (
    <>
      <ul className="list area-list" aria-label={t('areas.listLabel')}>
        {areas.map((area) => {
          const archived = area.archivedAt !== null;
          const contributorNames = area.memberIds.map(
            (id) => members.get(id)?.name ?? t('areas.formerMember'),
          );
          return (
            <li
              key={area.id}
              className={`list-row area-row${archived ? ' is-archived' : ''}`}
              data-testid="area-row"
              data-area-id={area.id}
            >
              <div className="area-main">
                <span className="list-title">
                  {area.name}
                  {archived && <span className="badge badge-neutral">{t('areas.archivedBadge')}</span>}
                </span>
                {area.description && <span className="muted area-description">{area.description}</span>}
                <span className="area-facts">
                  <span className={`badge risk-${area.riskClass}`}>
                    {t('areas.riskBadge', { risk: t(`areas.risk.${area.riskClass}`) })}
                  </span>
                  <span className="muted">
                    {t('areas.guardrailCount', { count: area.guardrails.length })}
                  </span>
                </span>
              </div>
              <dl className="area-people">
                <div>
                  <dt>{t('areas.owner')}</dt>
                  <dd>
                    <Person id={area.ownerId} members={members} label={t('areas.owner')} />
                  </dd>
                </div>
                <div>
                  <dt>{t('areas.backup')}</dt>
                  <dd>
                    {area.backupId ? (
                      <Person id={area.backupId} members={members} label={t('areas.backup')} />
                    ) : (
                      <span className="muted">{t('areas.noBackup')}</span>
                    )}
                  </dd>
                </div>
                <div>
                  <dt>{t('areas.contributors')}</dt>
                  <dd>
                    {contributorNames.length === 0 ? (
                      <span className="muted">{t('areas.noContributors')}</span>
                    ) : (
                      contributorNames.join(', ')
                    )}
                  </dd>
                </div>
              </dl>
              {canEdit && (
                <div className="area-actions">
                  {!archived && (
                    <Button
                      size="sm"
                      onClick={() => onEdit(area)}
                      aria-label={t('areas.editNamed', { name: area.name })}
                      data-testid="area-edit"
                    >
                      {t('areas.edit')}
                    </Button>
                  )}
                  {archived ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      pending={setArchived.isPending && setArchived.variables?.areaId === area.id}
                      onClick={() => restore(area)}
                      aria-label={t('areas.restoreNamed', { name: area.name })}
                      data-testid="area-unarchive"
                    >
                      {t('areas.restore')}
                    </Button>
                  ) : (
                    <Button
                      size="sm"
                      variant="ghost"
                      className="button-danger-text"
                      onClick={() => {
                        setArchived.reset();
                        setArchiving(area);
                      }}
                      aria-label={t('areas.archiveNamed', { name: area.name })}
                      data-testid="area-archive"
                    >
                      {t('areas.archive')}
                    </Button>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={archiving !== null}
        title={t('areas.archiveTitle', { name: archiving?.name ?? '' })}
        message={t('areas.archiveMessage')}
        confirmLabel={t('areas.archive')}
        pending={setArchived.isPending}
        error={setArchived.error ? t(errorKey(setArchived.error)) : null}
        onCancel={() => setArchiving(null)}
        onConfirm={() => {
          const area = archiving;
          if (!area) return;
          setArchived.mutate(
            { areaId: area.id, archived: true },
            {
              onSuccess: () => {
                setArchiving(null);
                toast.success(t('areas.archived', { name: area.name }));
              },
            },
          );
        }}
      />
    </>
  );
}
